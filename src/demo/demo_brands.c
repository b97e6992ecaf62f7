/* Brands and food-safety people of the demo county (demo_brands.h). Determinism: each business draws
 * from its own xoshiro256** stream (STREAM_BRANDS, seeded from the demo seed and the business id); days
 * count back from today (Beijing). Rows are written directly, as the rest of the generator does. */
#include "demo/demo_brands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/civil.h"
#include "core/rng.h"
#include "core/timeutil.h"

enum { STREAM_BRANDS = 41 }; /* after demo_trace.c's */
#define DAY_MS 86400000LL

static const struct {
    const char *kind, *name, *holder, *cert, *products[2];
} MARKS[] = {
    {"regional", "青禾罐头", "青禾县罐头食品行业协会", "青禾品字〔2025〕1号", {"黄桃罐头", "橘子罐头"}},
    {"gi", "青禾脐橙", "青禾县脐橙产业协会", "AGI99001", {"脐橙", "脐橙果汁"}},
    {"green", "绿色食品", "中国绿色食品发展中心", NULL, {"大米", "茶油"}},
};
#define N_MARKS ((int)(sizeof MARKS / sizeof *MARKS))

static void day_text(int64_t days, char out[11])
{
    int y, m, d;
    sh_civil_from_days(days, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static int add_marks(sh_db *db, int64_t at, int64_t ids[N_MARKS], sh_err *err)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < N_MARKS; i++) {
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO brand_marks(kind, name, holder, cert_no, division_code, products, suspend_on_sample,"
                                    " suspend_on_case, created_at) VALUES (?, ?, ?, ?, (SELECT code FROM divisions WHERE level = 1 ORDER BY code"
                                    " LIMIT 1), ?, 1, ?, ?) RETURNING id",
                                    err);
        if (st) {
            char products[64];
            snprintf(products, sizeof products, "%s、%s", MARKS[i].products[0], MARKS[i].products[1]);
            sh_bind_text(st, 1, MARKS[i].kind);
            sh_bind_text(st, 2, MARKS[i].name);
            sh_bind_text(st, 3, MARKS[i].holder);
            sh_bind_text_or_null(st, 4, MARKS[i].cert);
            sh_bind_text(st, 5, products);
            sh_bind_int64(st, 6, strcmp(MARKS[i].kind, "green") != 0); /* green food: its own certifier decides on penalties */
            sh_bind_int64(st, 7, at);
        }
        rc = sh_stmt_insert_id(st, &ids[i], err);
    }
    return rc;
}

static int authorise(sh_db *db, int64_t mark, int64_t entity, const char *division, const char *products, int64_t from_day, sh_err *err)
{
    char from[11], until[11];
    day_text(from_day, from);
    sh_date_add_months(from, 36, until);
    int64_t at = sh_beijing_day_start_ms(from_day) + 10 * 3600000LL, id = 0;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO brand_auths(mark_id, entity_id, division_code, products, valid_from, valid_until, status,"
                                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?) RETURNING id",
                                err);
    if (st) {
        sh_bind_int64(st, 1, mark);
        sh_bind_int64(st, 2, entity);
        sh_bind_text(st, 3, division);
        sh_bind_text(st, 4, products);
        sh_bind_text(st, 5, from);
        sh_bind_text(st, 6, until);
        sh_bind_int64(st, 7, at);
        sh_bind_int64(st, 8, at);
    }
    int rc = sh_stmt_insert_id(st, &id, err);
    if (rc == 0) {
        st = sh_db_prepare(db,
                           "INSERT INTO brand_auth_events(auth_id, action, source_kind, reason, at_ms) VALUES (?, 'granted', 'official', '授予使用授权', ?)",
                           err);
        if (st) {
            sh_bind_int64(st, 1, id);
            sh_bind_int64(st, 2, at);
        }
        rc = sh_stmt_run(st, err);
    }
    return rc;
}

/* The registry's director and officer of each business in operation, appointed on its registration day. */
static int appoint(sh_db *db, const char *role, sh_err *err)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO fs_appointments(entity_id, division_code, role, name, phone, appointed_on, created_at)"
             " SELECT id, substr(division_code, 1, 9) || '000', '%s', %s_name, %s_phone, ?, ? FROM entities"
             " WHERE status = 'active' AND %s_name IS NOT NULL AND %s_name <> '' ORDER BY id",
             role, role, role, role, role);
    int64_t now = sh_now_ms();
    char on[11];
    day_text(sh_beijing_days(now) - 200, on);
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (st) {
        sh_bind_text(st, 1, on);
        sh_bind_int64(st, 2, now);
    }
    return sh_stmt_run(st, err);
}

int sh_demo_brands(sh_db *db, uint64_t seed, long *ret_count, sh_err *err)
{
    int64_t today = sh_beijing_days(sh_now_ms()), marks[N_MARKS];
    int rc = add_marks(db, sh_beijing_day_start_ms(today - 800), marks, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT id, substr(division_code, 1, 9) || '000' FROM entities e WHERE status = 'active'"
                                " AND kind IN ('producer', 'workshop') AND NOT EXISTS (SELECT 1 FROM samples s WHERE s.entity_id = e.id"
                                " AND s.final_verdict = 'fail' AND s.kind <> 'monitoring') ORDER BY id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    struct row {
        int64_t id;
        char division[13];
    } *list = NULL;
    size_t n = 0, cap = 0;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 256;
            list = sh_xrealloc(list, cap * sizeof *list);
        }
        list[n].id = sh_col_int64(st, 0);
        snprintf(list[n].division, sizeof list[n].division, "%s", sh_col_text(st, 1));
        n++;
    }
    sh_stmt_done(st);
    if (rc < 0) {
        free(list);
        return rc;
    }
    long count = 0;
    rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        sh_rng r;
        sh_rng_init(&r, seed, STREAM_BRANDS, (uint64_t)list[i].id);
        if (!sh_rng_permille(&r, 330))
            continue;
        int m = (int)sh_rng_below(&r, N_MARKS);
        rc = authorise(db, marks[m], list[i].id, list[i].division, MARKS[m].products[sh_rng_below(&r, 2)], today - 30 - sh_rng_below(&r, 570), err);
        count++;
    }
    free(list);
    if (rc == 0)
        rc = appoint(db, "director", err);
    if (rc == 0)
        rc = appoint(db, "officer", err);
    if (rc == 0 && ret_count)
        *ret_count = count;
    return rc;
}
