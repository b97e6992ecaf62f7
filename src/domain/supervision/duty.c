#include "domain/supervision/duty.h"
#include "domain/base/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/base/calendar.h"
#include "domain/identity/auth.h"
#include "domain/registry/entity.h"
#include "domain/loop/rectify.h"
#include "domain/supervision/stats.h"
#include "store/qb.h"
#include "store/rows.h"

static const char *const levels[3] = {"county", "township", "village"};

/* The period containing today for a level ("month" or "quarter"), as [from, to), and visits required. */
static int level_period(sh_db *db, const char *level, const char *today, char from[11], char to[11])
{
    char key[40], period[16] = "month", visits[16] = "1";
    snprintf(key, sizeof key, "duty_period_%s", level);
    sh_setting_text(db, key, period, sizeof period);
    snprintf(key, sizeof key, "duty_visits_%s", level);
    sh_setting_text(db, key, visits, sizeof visits);
    int y = atoi(today), m = atoi(today + 5);
    int months = strcmp(period, "quarter") == 0 ? 3 : 1;
    int first = months == 3 ? (m - 1) / 3 * 3 + 1 : m;
    int ny = y, nm = first + months;
    if (nm > 12) {
        nm -= 12;
        ny++;
    }
    snprintf(from, 11, "%04d-%02d-01", y, first);
    snprintf(to, 11, "%04d-%02d-01", ny, nm);
    return atoi(visits) > 0 ? atoi(visits) : 1;
}

static const char *level_of_role(sh_role r)
{
    return r == SH_ROLE_COUNTY ? "county" : r == SH_ROLE_TOWNSHIP ? "township" : r == SH_ROLE_VILLAGE ? "village" : NULL;
}

unsigned sh_duty_level_bit(const char *level)
{
    return !level ? 0 : !strcmp(level, "county") ? SH_DUTY_COUNTY : !strcmp(level, "township") ? SH_DUTY_TOWNSHIP
                      : !strcmp(level, "village") ? SH_DUTY_VILLAGE : 0;
}

const char *sh_duty_level_zh(const char *level)
{
    unsigned b = sh_duty_level_bit(level);
    return b == SH_DUTY_COUNTY ? "县级" : b == SH_DUTY_TOWNSHIP ? "乡镇级" : b == SH_DUTY_VILLAGE ? "村级" : "";
}

/* A county expects two things of the list of businesses "not yet assigned": those nobody answers
 * for, and those whose officials are below what their risk grade needs (DOMAIN.md, Responsibility:
 * "higher-risk businesses to higher levels"; grade D a county official, C a county or township one).
 * A missing village official is not a gap: villages help where they have grid members. */
const char *sh_duty_missing_level(const char *grade, unsigned mask)
{
    if (!mask)
        return "any";
    if (grade && grade[0] == 'D' && !(mask & SH_DUTY_COUNTY))
        return "county";
    if (grade && grade[0] == 'C' && !(mask & (SH_DUTY_COUNTY | SH_DUTY_TOWNSHIP)))
        return "township";
    return NULL;
}

/* The officials in charge of a business: mask of levels, and the assignment and official at `level`. */
static int in_charge(sh_db *db, int64_t entity_id, const char *level, unsigned *mask, int64_t *at_id, int64_t *at_user,
                     char *at_name, size_t name_n, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT o.id, o.user_id, o.level, u.display_name FROM duty_officials o JOIN users u ON u.id = o.user_id"
                                    " WHERE o.entity_id = ? AND o.ended_at IS NULL", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    *mask = 0;
    *at_id = *at_user = 0;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        *mask |= sh_duty_level_bit(sh_col_text(st, 2));
        if (!strcmp(sh_col_text(st, 2), level)) {
            *at_id = sh_col_int64(st, 0);
            *at_user = sh_col_int64(st, 1);
            snprintf(at_name, name_n, "%s", sh_col_text(st, 3));
        }
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_duty_assign(sh_db *db, const sh_principal *actor, json_t *body, sh_err *err)
{
    if (!sh_principal_can_edit_registry(actor))
        return sh_fail(err, SH_EPERM, "", "您的角色无权安排包保 (your role may not assign responsibility)");
    json_t *eid = json_object_get(body, "entity_id"), *uid = json_object_get(body, "user_id");
    json_t *replace = json_object_get(body, "replace"), *pledge = json_object_get(body, "pledge_signed");
    if (!json_is_integer(eid))
        return sh_fail(err, SH_EINVAL, "entity_id", "必填 (required)");
    if (!json_is_integer(uid))
        return sh_fail(err, SH_EINVAL, "user_id", "必填 (required)");
    if (replace && !json_is_boolean(replace))
        return sh_fail(err, SH_EINVAL, "replace", "应为true或false (a boolean)");
    if (pledge && !json_is_boolean(pledge))
        return sh_fail(err, SH_EINVAL, "pledge_signed", "应为true或false (a boolean)");
    if (json_is_true(pledge) && json_integer_value(uid) != actor->user_id)
        return sh_fail(err, SH_EINVAL, "pledge_signed", "承诺书须由包保责任人本人签署 (only the official signs their own pledge)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    sh_entity e;
    if ((rc = sh_entity_get(db, actor, json_integer_value(eid), &e, err)) != 0)
        return sh_db_finish(db, rc == SH_ENOTFOUND ? sh_fail(err, SH_EINVAL, "entity_id", "主体不存在或不在您的管辖范围内 (no such business in your jurisdiction)") : rc, err);
    sh_principal official;
    const char *level = NULL;
    if (sh_principal_load(db, json_integer_value(uid), &official, NULL) != 0 || !(level = level_of_role(official.role)))
        rc = sh_fail(err, SH_EINVAL, "user_id", "包保责任人须为县、乡镇或村(社区)干部 (the official must be at county, township or village level)");
    /* the official must answer for the place of the business */
    if (rc == 0 && ((official.scope.kind == SH_SCOPE_GRID && (!e.f[EF_GRID_ID] || atoll(e.f[EF_GRID_ID]) != official.scope.grid_id)) ||
                    (official.scope.kind == SH_SCOPE_DIVISION && !sh_scope_covers_division(&official.scope, e.f[EF_DIVISION_CODE]))))
        rc = sh_fail(err, SH_EINVAL, "user_id", "该干部的辖区不含此主体 (the business is outside the official's area)");
    int64_t entity_id = e.id;
    sh_entity_release(&e);
    unsigned mask = 0;
    int64_t held_id = 0, held_user = 0;
    char held_name[96] = "";
    if (rc == 0)
        rc = in_charge(db, entity_id, level, &mask, &held_id, &held_user, held_name, sizeof held_name, err);
    /* higher risk, higher level: the lower levels join a grade D or C business beside the higher one */
    char grade[2] = "A";
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db, "SELECT grade FROM entity_grades WHERE entity_id = ?", err);
        if (st) {
            sh_bind_int64(st, 1, entity_id);
            if (sh_stmt_step(st, NULL) == SH_ROW)
                snprintf(grade, sizeof grade, "%s", sh_col_text(st, 0));
            sh_stmt_done(st);
        }
        if (sh_duty_missing_level(grade, mask | sh_duty_level_bit(level))) /* never "any": one level is being added */
            rc = sh_fail(err, SH_EINVAL, "user_id", "%s级风险主体须先由%s干部包保 (a grade %s business needs a %s official first)", grade,
                         grade[0] == 'D' ? "县级" : "县级或乡镇", grade, grade[0] == 'D' ? "county" : "county or township");
    }
    /* one official per level */
    if (rc == 0 && held_id && held_user == official.user_id)
        rc = sh_fail(err, SH_EEXIST, "user_id", "%s已是该主体的%s包保责任人 (already the %s official of this business)", held_name,
                     sh_duty_level_zh(level), level);
    else if (rc == 0 && held_id && !json_is_true(replace))
        rc = sh_fail(err, SH_EEXIST, "user_id", "该主体已有%s包保责任人（%s），更换请确认交接 (the business already has a %s official; send replace: true to hand over)",
                     sh_duty_level_zh(level), held_name, level);
    if (rc)
        return sh_db_finish(db, rc, err);
    int64_t now = sh_now_ms(), new_id = 0;
    if (held_id) {
        sh_stmt *st = sh_db_prepare(db, "UPDATE duty_officials SET ended_at = ? WHERE id = ?", err);
        if (!st)
            return sh_db_finish(db, SH_EINTERNAL, err);
        sh_bind_int64(st, 1, now);
        sh_bind_int64(st, 2, held_id);
        rc = sh_stmt_run(st, err);
        if (rc < 0)
            return sh_db_finish(db, rc, err);
    }
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO duty_officials(entity_id, user_id, level, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?)"
                                    " RETURNING id", err);
    if (!st)
        return sh_db_finish(db, SH_EINTERNAL, err);
    sh_bind_int64(st, 1, entity_id);
    sh_bind_int64(st, 2, official.user_id);
    sh_bind_text(st, 3, level);
    sh_bind_int64_or_null(st, 4, actor->user_id);
    sh_bind_int64(st, 5, now);
    rc = sh_stmt_insert_id(st, &new_id, err);
    if (rc >= 0)
        rc = sh_duty_items_from_template(db, entity_id, new_id, level, err);
    if (rc >= 0) {
        json_t *before = held_id ? json_pack("{s:I, s:s, s:s}", "user_id", (json_int_t)held_user, "name", held_name, "level", level) : NULL;
        json_t *after = json_pack("{s:I, s:I, s:s, s:s}", "assignment_id", (json_int_t)new_id, "user_id", (json_int_t)official.user_id,
                                  "name", official.display_name, "level", level);
        rc = sh_audit(db, actor, "assign_duty", "entity", entity_id, before, after, err);
        json_decref(before);
        json_decref(after);
    }
    if (rc >= 0 && json_is_true(pledge)) {
        json_t *signed_pledge = NULL;
        rc = sh_duty_pledge_insert(db, actor, new_id, &signed_pledge, err);
        json_decref(signed_pledge);
    }
    return sh_db_finish(db, rc < 0 ? rc : 0, err);
}

struct duty_where {
    const sh_principal *actor;
    int64_t user_id;
};

static void duty_from_where(sh_qb *qb, const void *ctx)
{
    const struct duty_where *w = ctx;
    sh_qb_sql(qb, " FROM duty_officials a JOIN entities e ON e.id = a.entity_id JOIN users u ON u.id = a.user_id WHERE a.ended_at IS NULL");
    if (w->user_id) {
        sh_qb_sql(qb, " AND a.user_id = ");
        sh_qb_int64(qb, w->user_id);
    }
    sh_scope_entities(qb, &w->actor->scope, "e");
}

static json_t *duty_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:I, s:o, s:b, s:o}", "assignment_id", (json_int_t)sh_col_int64(st, 0), "entity_id",
                     (json_int_t)sh_col_int64(st, 1), "entity_name", sh_col_text(st, 2), "user_id", (json_int_t)sh_col_int64(st, 3),
                     "official", sh_col_text(st, 4), "level", sh_col_text(st, 5), "assigned_at", (json_int_t)sh_col_int64(st, 6),
                     "last_visit", sh_col_text_json(st, 7), "pledge_signed", !sh_col_is_null(st, 8), "pledge_signed_at",
                     sh_col_int_json(st, 8));
}

int sh_duty_list(sh_db *db, const sh_principal *actor, int64_t user_id, const sh_page *page, json_t **ret, sh_err *err)
{
    struct duty_where w = {actor, user_id};
    /* the latest assignment first: a business just taken on is on the first page */
    sh_page_query q = {"a.id, e.id, e.name, a.user_id, u.display_name, a.level, a.assigned_at,"
                       " (SELECT max(visited_on) FROM duty_visits v WHERE v.entity_id = e.id),"
                       " (SELECT max(p.signed_at) FROM duty_pledges p WHERE p.assignment_id = a.id"
                       "  AND p.version = (SELECT max(version) FROM duty_pledge_templates))",
                       duty_from_where, &w, " ORDER BY a.id DESC", page->limit, page->offset, duty_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}

int sh_duty_visit(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err)
{
    json_t *eid = json_object_get(body, "entity_id");
    const char *findings = json_string_value(json_object_get(body, "findings"));
    const char *problem = json_string_value(json_object_get(body, "problem"));
    const char *on = json_string_value(json_object_get(body, "visited_on"));
    char today[11];
    sh_today(today);
    int rc;
    if (!json_is_integer(eid))
        return sh_fail(err, SH_EINVAL, "entity_id", "必填 (required)");
    if (on && (!sh_date_valid(on, NULL, NULL, NULL) || strcmp(on, today) > 0))
        return sh_fail(err, SH_EINVAL, "visited_on", "走访日期应为今天或以前的有效日期 (a real date, not in the future)");
    if ((rc = sh_check_text(findings, 2, 1000, "findings", err)) != 0)
        return rc;
    if (problem && (rc = sh_check_text(problem, 2, 500, "problem", err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    /* any official in charge of the business at any level records their own visits */
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM duty_officials WHERE entity_id = ? AND user_id = ? AND ended_at IS NULL", err);
    int64_t responsible = 0;
    if (st) {
        sh_bind_int64(st, 1, json_integer_value(eid));
        sh_bind_int64(st, 2, actor->user_id);
        if (sh_stmt_step(st, err) == SH_ROW)
            responsible = sh_col_int64(st, 0);
        sh_stmt_done(st);
    }
    if (!responsible)
        return sh_db_finish(db, sh_fail(err, SH_EPERM, "entity_id", "只有该主体的包保责任人可以记录走访 (only the responsible official records duty visits)"), err);
    int64_t order = 0;
    if (problem) {
        sh_rectify_order o = {.entity_id = json_integer_value(eid), .source_type = "duty_visit", .source_id = 0,
                              .title = problem, .requirement = findings, .workdays = 10};
        if ((rc = sh_rectify_open(db, actor, &o, &order, err)) != 0)
            return sh_db_finish(db, rc, err);
    }
    st = sh_db_prepare(db, "INSERT INTO duty_visits(entity_id, user_id, visited_on, findings, order_id, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                           " RETURNING id", err);
    if (!st)
        return sh_db_finish(db, SH_EINTERNAL, err);
    sh_bind_int64(st, 1, json_integer_value(eid));
    sh_bind_int64(st, 2, actor->user_id);
    sh_bind_text(st, 3, on ? on : today);
    sh_bind_text(st, 4, findings);
    sh_bind_int64_or_null(st, 5, order);
    sh_bind_int64(st, 6, sh_now_ms());
    rc = sh_stmt_insert_id(st, ret_id, err);
    if (rc >= 0 && problem)
        rc = sh_duty_problem_insert(db, actor, json_integer_value(eid), problem, *ret_id, order, NULL, err);
    if (rc >= 0) {
        json_t *after = json_pack("{s:s, s:s, s:b}", "visited_on", on ? on : today, "findings", findings, "problem", problem != NULL);
        rc = sh_audit(db, actor, "duty_visit", "entity", json_integer_value(eid), NULL, after, err);
        json_decref(after);
    }
    return sh_db_finish(db, rc < 0 ? rc : 0, err);
}

static void add_to(json_t *o, const char *k, json_int_t n)
{
    json_object_set_new(o, k, json_integer(json_integer_value(json_object_get(o, k)) + n));
}

/* part / whole, or null when there is nothing to count: a township with no 包保 assignment has no
 * visit rate, rather than a 100 % beside its 0 % assigned. */
static json_t *rate(json_t *o, const char *part, const char *whole)
{
    json_int_t w = json_integer_value(json_object_get(o, whole));
    return w ? json_real((double)json_integer_value(json_object_get(o, part)) / (double)w) : json_null();
}

/* Closes the count of one business for its township: assigned when its officials meet its grade's rule. */
static void close_business(json_t *t, const char *grade, unsigned mask)
{
    if (!t)
        return;
    add_to(t, "businesses", 1);
    if (!sh_duty_missing_level(grade, mask))
        add_to(t, "assigned", 1);
}

/* Every assignment in force is one unit of work: its official owes the visits of its level in the
 * period, so a business with a county and a township official (双包保) counts for both, each with its
 * own frequency (DOMAIN.md: county once a quarter, township once a month, village twice a month). */
int sh_duty_completion(sh_db *db, const sh_principal *actor, const char *today, json_t **ret, sh_err *err)
{
    char from[3][11], to[3][11];
    int need[3];
    for (int l = 0; l < 3; l++)
        need[l] = level_period(db, levels[l], today, from[l], to[l]);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb,
              "SELECT t.code, t.name, e.id, coalesce(g.grade, ''), a.user_id, u.display_name, a.level, (SELECT count(*) FROM duty_visits v"
              " WHERE v.entity_id = e.id AND v.user_id = a.user_id AND v.visited_on >= CASE a.level");
    for (int l = 0; l < 3; l++) {
        sh_qb_sql(&qb, " WHEN ");
        sh_qb_text(&qb, levels[l]);
        sh_qb_sql(&qb, " THEN ");
        sh_qb_text(&qb, from[l]);
    }
    sh_qb_sql(&qb, " END AND v.visited_on < CASE a.level");
    for (int l = 0; l < 3; l++) {
        sh_qb_sql(&qb, " WHEN ");
        sh_qb_text(&qb, levels[l]);
        sh_qb_sql(&qb, " THEN ");
        sh_qb_text(&qb, to[l]);
    }
    sh_qb_sql(&qb, " END) FROM entities e JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000'"
                   " LEFT JOIN entity_grades g ON g.entity_id = e.id"
                   " LEFT JOIN duty_officials a ON a.entity_id = e.id AND a.ended_at IS NULL LEFT JOIN users u ON u.id = a.user_id"
                   " WHERE e.status = 'active'");
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " ORDER BY t.code, e.id");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *towns = json_object(), *order = json_array(), *officials = json_object(), *olist = json_array();
    json_t *lv = json_array();
    for (int l = 0; l < 3; l++)
        json_array_append_new(lv, json_pack("{s:s, s:s, s:s, s:i, s:i, s:i, s:i}", "level", levels[l], "period_from", from[l],
                                            "period_to", to[l], "officials", 0, "assignments", 0, "visits_required", 0, "visits_done", 0));
    int rc;
    int64_t cur = 0;
    char grade[2] = "";
    unsigned mask = 0;
    json_t *cur_town = NULL;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        const char *code = sh_col_text(st, 0);
        if (sh_col_int64(st, 2) != cur) {
            close_business(cur_town, grade, mask);
            cur = sh_col_int64(st, 2);
            snprintf(grade, sizeof grade, "%s", sh_col_text(st, 3));
            mask = 0;
        }
        json_t *t = json_object_get(towns, code);
        if (!t) {
            t = json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:i}", "township_code", code, "township_name", sh_col_text(st, 1),
                          "businesses", 0, "assigned", 0, "assignments", 0, "visits_required", 0, "visits_done", 0);
            json_object_set_new(towns, code, t);
            json_array_append(order, t);
        }
        cur_town = t;
        if (sh_col_is_null(st, 4))
            continue;
        int l = !strcmp(sh_col_text(st, 6), "county") ? 0 : !strcmp(sh_col_text(st, 6), "township") ? 1 : 2;
        mask |= 1u << l;
        int64_t done = sh_col_int64(st, 7);
        if (done > need[l])
            done = need[l];
        add_to(t, "assignments", 1);
        add_to(t, "visits_required", need[l]);
        add_to(t, "visits_done", done);
        json_t *byl = json_array_get(lv, (size_t)l);
        add_to(byl, "assignments", 1);
        add_to(byl, "visits_required", need[l]);
        add_to(byl, "visits_done", done);
        char key[32];
        snprintf(key, sizeof key, "%lld", (long long)sh_col_int64(st, 4));
        json_t *o = json_object_get(officials, key);
        if (!o) {
            o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:i, s:i}", "user_id", (json_int_t)sh_col_int64(st, 4), "name",
                          sh_col_text(st, 5), "level", levels[l], "period_from", from[l], "period_to", to[l], "businesses", 0,
                          "visits_required", 0, "visits_done", 0);
            json_object_set_new(officials, key, o);
            json_array_append(olist, o);
            add_to(byl, "officials", 1);
        }
        add_to(o, "businesses", 1);
        add_to(o, "visits_required", need[l]);
        add_to(o, "visits_done", done);
    }
    close_business(cur_town, grade, mask);
    sh_stmt_done(st);
    json_decref(towns);
    json_decref(officials);
    json_t *comp = NULL;
    if (rc >= 0)
        rc = sh_stats_completeness(db, actor, NULL, &comp, err);
    if (rc < 0) {
        json_decref(order);
        json_decref(olist);
        json_decref(lv);
        return rc;
    }
    /* archive completeness per township from the registry figures */
    size_t i, k;
    json_t *t, *c;
    json_array_foreach(order, i, t) {
        json_int_t total = 0, complete = 0;
        json_array_foreach(json_object_get(comp, "items"), k, c) if (!strcmp(json_string_value(json_object_get(c, "township_code")),
                                                                               json_string_value(json_object_get(t, "township_code")))) {
            total += json_integer_value(json_object_get(c, "total"));
            complete += json_integer_value(json_object_get(c, "complete"));
        }
        json_object_set_new(t, "archive_rate", total ? json_real((double)complete / (double)total) : json_null());
        json_object_set_new(t, "assignment_rate", rate(t, "assigned", "businesses"));
        json_object_set_new(t, "visit_rate", rate(t, "visits_done", "visits_required"));
    }
    json_array_foreach(olist, i, t) json_object_set_new(t, "visit_rate", rate(t, "visits_done", "visits_required"));
    json_array_foreach(lv, i, t) json_object_set_new(t, "visit_rate", rate(t, "visits_done", "visits_required"));
    json_decref(comp);
    *ret = json_pack("{s:s, s:o, s:o, s:o}", "today", today, "townships", order, "levels", lv, "officials", olist);
    return 0;
}

/* " FROM (…) x WHERE …": the open businesses of the actor's jurisdiction whose 包保 does not meet the
 * rule of sh_duty_missing_level (written here in SQL), for both the count and the page. */
static void unassigned_from_where(sh_qb *qb, const void *ctx)
{
    const sh_principal *actor = ctx;
    sh_qb_sql(qb, " FROM (SELECT e.id, e.name, e.kind, t.name AS township_name, coalesce(g.grade, '') AS grade,"
                  " coalesce((SELECT sum(CASE a.level WHEN 'county' THEN 1 WHEN 'township' THEN 2 ELSE 4 END)"
                  " FROM duty_officials a WHERE a.entity_id = e.id AND a.ended_at IS NULL), 0) AS mask FROM entities e"
                  " JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000'"
                  " LEFT JOIN entity_grades g ON g.entity_id = e.id"
                  " WHERE e.status = 'active'");
    sh_scope_entities_by_id(qb, &actor->scope, "e");
    sh_qb_sql(qb, ") x WHERE x.mask = 0 OR (x.grade = 'D' AND x.mask % 2 = 0) OR (x.grade = 'C' AND x.mask % 4 = 0)");
}

static json_t *unassigned_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    const char *missing = sh_duty_missing_level(sh_col_text(st, 4), (unsigned)sh_col_int64(st, 5));
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "name", sh_col_text(st, 1), "kind",
                     sh_col_text(st, 2), "township_name", sh_col_text(st, 3), "grade", sh_col_text(st, 4), "missing",
                     missing ? missing : "");
}

int sh_duty_unassigned(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err)
{
    sh_page_query q = {"x.id, x.name, x.kind, x.township_name, x.grade, x.mask", unassigned_from_where, actor, " ORDER BY x.id",
                       page->limit, page->offset, unassigned_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}
