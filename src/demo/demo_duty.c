/* 包保 of the demo county (demo_duty.h). Determinism: each business draws from its own xoshiro256**
 * stream (STREAM_DUTY, seeded from the demo seed and the business id); days count back from today
 * (Beijing). Rows are written directly, as the rest of the generator does, but pledges go through
 * sh_duty_pledge_insert so that their text is the template's as signed. */
#include "demo/demo_duty.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/rng.h"
#include "core/timeutil.h"
#include "domain/identity/auth.h"
#include "domain/supervision/duty.h"

enum { STREAM_DUTY = 11 }; /* after demo_video.c's streams */
#define MAX_TOWNS 128
#define HOUR_MS 3600000LL
#define DAY_MS 86400000LL

typedef struct town_official {
    char code9[10];
    int64_t id;
} town_official;

typedef struct candidate {
    int64_t id;
    char code9[10];
} candidate;

static const char *const findings_ok[] = {
    "查看后厨及仓库，原料离地离墙存放，未见异常",
    "检查晨检记录和从业人员健康证，均在有效期内",
    "督导日管控、周排查记录，记录完整",
    "查看留样柜，留样数量和时间符合要求",
    "检查冷藏冷冻设施温度，运行正常",
    "与食品安全总监座谈，了解月调度落实情况",
};
static const char *const problems[] = {
    "部分调味品未标注开封日期",
    "冷藏柜内生熟食品混放",
    "一名从业人员健康证已过期",
    "周排查记录缺少两周",
    "留样不足125克",
    "消毒柜未按规定开启，餐具消毒记录不全",
    "仓库发现过期面包糠一包，已现场销毁",
    "防鼠板缺失",
};
#define N(a) ((long)(sizeof(a) / sizeof *(a)))

static int run(sh_stmt *st, sh_err *err)
{
    return !st ? SH_EINTERNAL : sh_stmt_run(st, err) < 0 ? SH_EINTERNAL : 0;
}

static void day_text(int64_t days, char out[11])
{
    int y, m, d;
    sh_civil_from_days(days, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static int assign(sh_db *db, int64_t entity, int64_t user, const char *level, int64_t at, int64_t *ret_id, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO duty_officials(entity_id, user_id, level, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?)"
                                    " RETURNING id", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity);
    sh_bind_int64(st, 2, user);
    sh_bind_text(st, 3, level);
    sh_bind_int64(st, 4, user);
    sh_bind_int64(st, 5, at);
    int rc = sh_stmt_insert_id(st, ret_id, err);
    if (rc < 0)
        return rc;
    if ((rc = sh_duty_items_from_template(db, entity, *ret_id, level, err)) != 0)
        return rc;
    /* the responsibilities were given on the day of the assignment */
    st = sh_db_prepare(db, "UPDATE duty_items SET created_at = ?, updated_at = ? WHERE assignment_id = ?", err);
    if (st) {
        sh_bind_int64(st, 1, at);
        sh_bind_int64(st, 2, at);
        sh_bind_int64(st, 3, *ret_id);
    }
    return run(st, err);
}

static int sign(sh_db *db, const sh_principal *who, int64_t assignment, int64_t at, sh_err *err)
{
    json_t *pledge = NULL;
    int rc = sh_duty_pledge_insert(db, who, assignment, &pledge, err);
    json_decref(pledge);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "UPDATE duty_pledges SET signed_at = ? WHERE assignment_id = ?", err);
    if (st) {
        sh_bind_int64(st, 1, at);
        sh_bind_int64(st, 2, assignment);
    }
    return run(st, err);
}

/* One visit of `user` on `day`; a problem found enters the 问题清单, resolved when older than 14 days. */
static int visit(sh_db *db, sh_rng *r, int64_t entity, int64_t user, int64_t day, int64_t today, sh_err *err)
{
    char on[11];
    day_text(day, on);
    int64_t at = sh_beijing_day_start_ms(day) + (9 + sh_rng_below(r, 8)) * HOUR_MS + sh_rng_below(r, 60) * 60000;
    const char *problem = sh_rng_permille(r, 220) ? problems[sh_rng_below(r, N(problems))] : NULL;
    const char *findings = problem ? "督导中发现问题，已要求企业限期整改" : findings_ok[sh_rng_below(r, N(findings_ok))];
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO duty_visits(entity_id, user_id, visited_on, findings, created_at) VALUES (?, ?, ?, ?, ?)"
                                    " RETURNING id", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity);
    sh_bind_int64(st, 2, user);
    sh_bind_text(st, 3, on);
    sh_bind_text(st, 4, findings);
    sh_bind_int64(st, 5, at);
    int64_t visit_id = 0;
    int rc = sh_stmt_insert_id(st, &visit_id, err);
    if (rc < 0 || !problem)
        return rc < 0 ? rc : 0;
    int resolved = today - day > 14;
    int64_t closed = at + (3 + sh_rng_below(r, 8)) * DAY_MS;
    st = sh_db_prepare(db,
                       "INSERT INTO duty_items(entity_id, list, text, status, visit_id, created_by, created_at, updated_at, updated_by)"
                       " VALUES (?, 'problem', ?, ?, ?, ?, ?, ?, ?)",
                       err);
    if (st) {
        sh_bind_int64(st, 1, entity);
        sh_bind_text(st, 2, problem);
        sh_bind_text(st, 3, resolved ? "resolved" : "open");
        sh_bind_int64(st, 4, visit_id);
        sh_bind_int64(st, 5, user);
        sh_bind_int64(st, 6, at);
        sh_bind_int64(st, 7, resolved ? closed : at);
        if (resolved)
            sh_bind_int64(st, 8, user);
        else
            sh_bind_int64_or_null(st, 8, 0);
    }
    return run(st, err);
}

static int load_towns(sh_db *db, town_official *t, int *n, int64_t *county, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT id, role, coalesce(division_code, '') FROM users WHERE role IN ('county', 'township') ORDER BY id", err);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    *n = 0;
    *county = 0;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        if (!strcmp(sh_col_text(st, 1), "county")) {
            if (!*county)
                *county = sh_col_int64(st, 0);
        } else if (*n < MAX_TOWNS) {
            t[*n].id = sh_col_int64(st, 0);
            snprintf(t[*n].code9, sizeof t[*n].code9, "%.9s", sh_col_text(st, 2));
            (*n)++;
        }
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* The active businesses of the highest tiers (the kinds not named here are the ones added after these
 * rules, such as group-meal distributors, which are high-risk by the 2016 measures). */
static int load_candidates(sh_db *db, candidate **ret, long *n, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT id, division_code FROM entities WHERE status = 'active' AND (kind IN ('school_canteen',"
                                " 'unit_canteen', 'central_kitchen', 'producer') OR (kind = 'caterer' AND scale IN ('large', 'medium'))"
                                " OR kind NOT IN ('producer', 'workshop', 'seller', 'caterer', 'school_canteen', 'unit_canteen',"
                                " 'central_kitchen', 'stall')) ORDER BY id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    long cap = 1024;
    candidate *c = malloc((size_t)cap * sizeof *c);
    int rc;
    *n = 0;
    while (c && (rc = sh_stmt_step(st, err)) == SH_ROW) {
        if (*n == cap) {
            candidate *bigger = realloc(c, (size_t)(cap *= 2) * sizeof *c);
            if (!bigger) {
                free(c);
                c = NULL;
                break;
            }
            c = bigger;
        }
        c[*n].id = sh_col_int64(st, 0);
        snprintf(c[*n].code9, sizeof c[*n].code9, "%.9s", sh_col_text(st, 1));
        (*n)++;
    }
    sh_stmt_done(st);
    if (!c)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    if (rc < 0) {
        free(c);
        return rc;
    }
    *ret = c;
    return 0;
}

int sh_demo_duty(sh_db *db, uint64_t seed, long *ret_count, sh_err *err)
{
    town_official towns[MAX_TOWNS];
    sh_principal officials[MAX_TOWNS], county;
    int ntowns = 0;
    int64_t county_id = 0;
    int rc = load_towns(db, towns, &ntowns, &county_id, err);
    if (rc || !county_id || !ntowns) {
        if (ret_count)
            *ret_count = 0;
        return rc;
    }
    if ((rc = sh_principal_load(db, county_id, &county, err)) != 0)
        return rc;
    for (int t = 0; t < ntowns; t++)
        if ((rc = sh_principal_load(db, towns[t].id, &officials[t], err)) != 0)
            return rc;
    candidate *c = NULL;
    long n = 0, count = 0;
    if ((rc = load_candidates(db, &c, &n, err)) != 0)
        return rc;
    int64_t today = sh_beijing_days(sh_now_ms());
    for (long i = 0; rc == 0 && i < n; i++) {
        sh_rng r;
        sh_rng_init(&r, seed, STREAM_DUTY, (uint64_t)c[i].id);
        if (!sh_rng_permille(&r, 700))
            continue;
        int t = 0;
        while (t < ntowns && strcmp(towns[t].code9, c[i].code9))
            t++;
        if (t == ntowns)
            continue;
        int64_t since = today - 60 - sh_rng_below(&r, 400);
        int64_t at = sh_beijing_day_start_ms(since) + (9 + sh_rng_below(&r, 8)) * HOUR_MS;
        int64_t county_a = 0, town_a = 0;
        if ((rc = assign(db, c[i].id, county_id, "county", at, &county_a, err)) != 0 ||
            (rc = assign(db, c[i].id, towns[t].id, "township", at, &town_a, err)) != 0)
            break;
        if (sh_rng_permille(&r, 880) && (rc = sign(db, &county, county_a, at + (1 + sh_rng_below(&r, 5)) * DAY_MS, err)) != 0)
            break;
        if (sh_rng_permille(&r, 920) && (rc = sign(db, &officials[t], town_a, at + (1 + sh_rng_below(&r, 5)) * DAY_MS, err)) != 0)
            break;
        /* the township official once a month (this month about half done yet), the county once a quarter */
        for (int m = 0; rc == 0 && m < 3; m++) {
            int64_t day = today - m * 30 - sh_rng_below(&r, 28);
            if (day >= since && day <= today && sh_rng_permille(&r, m == 0 ? 500 : 850))
                rc = visit(db, &r, c[i].id, towns[t].id, day, today, err);
        }
        int64_t cday = today - sh_rng_below(&r, 85);
        if (rc == 0 && cday >= since && sh_rng_permille(&r, 600))
            rc = visit(db, &r, c[i].id, county_id, cday, today, err);
        count++;
    }
    free(c);
    if (rc == 0 && ret_count)
        *ret_count = count;
    return rc;
}
