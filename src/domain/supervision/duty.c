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

int sh_duty_assign(sh_db *db, const sh_principal *actor, json_t *body, sh_err *err)
{
    if (!sh_principal_can_edit_registry(actor))
        return sh_fail(err, SH_EPERM, "", "您的角色无权安排包保 (your role may not assign responsibility)");
    json_t *eid = json_object_get(body, "entity_id"), *uid = json_object_get(body, "user_id");
    if (!json_is_integer(eid))
        return sh_fail(err, SH_EINVAL, "entity_id", "必填 (required)");
    if (!json_is_integer(uid))
        return sh_fail(err, SH_EINVAL, "user_id", "必填 (required)");
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
    /* higher risk, higher level */
    char grade[2] = "A";
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db, "SELECT grade FROM entity_grades WHERE entity_id = ?", err);
        if (st) {
            sh_bind_int64(st, 1, e.id);
            if (sh_stmt_step(st, NULL) == SH_ROW)
                snprintf(grade, sizeof grade, "%s", sh_col_text(st, 0));
            sh_stmt_done(st);
        }
        if ((grade[0] == 'D' && strcmp(level, "county")) || (grade[0] == 'C' && !strcmp(level, "village")))
            rc = sh_fail(err, SH_EINVAL, "user_id", "%s级风险主体须由%s干部包保 (a grade %s business needs a %s official)", grade,
                         grade[0] == 'D' ? "县级" : "县级或乡镇", grade, grade[0] == 'D' ? "county" : "county or township");
    }
    int64_t entity_id = e.id;
    sh_entity_release(&e);
    if (rc)
        return sh_db_finish(db, rc, err);
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO duty_assignments(entity_id, user_id, level, pledge_signed, assigned_by, assigned_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (entity_id) DO UPDATE SET user_id = ?2, level = ?3,"
                                " pledge_signed = ?4, assigned_by = ?5, assigned_at = ?6",
                                err);
    if (!st)
        return sh_db_finish(db, SH_EINTERNAL, err);
    sh_bind_int64(st, 1, entity_id);
    sh_bind_int64(st, 2, official.user_id);
    sh_bind_text(st, 3, level);
    sh_bind_int64(st, 4, json_is_true(json_object_get(body, "pledge_signed")));
    sh_bind_int64_or_null(st, 5, actor->user_id);
    sh_bind_int64(st, 6, sh_now_ms());
    rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc >= 0) {
        json_t *after = json_pack("{s:I, s:s, s:s}", "user_id", (json_int_t)official.user_id, "name", official.display_name, "level", level);
        rc = sh_audit(db, actor, "assign_duty", "entity", entity_id, NULL, after, err);
        json_decref(after);
    }
    return sh_db_finish(db, rc < 0 ? rc : 0, err);
}

int sh_duty_list(sh_db *db, const sh_principal *actor, int64_t user_id, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb,
              "SELECT e.id, e.name, a.user_id, u.display_name, a.level, a.pledge_signed, a.assigned_at,"
              " (SELECT max(visited_on) FROM duty_visits v WHERE v.entity_id = e.id)"
              " FROM duty_assignments a JOIN entities e ON e.id = a.entity_id JOIN users u ON u.id = a.user_id WHERE 1 = 1");
    if (user_id) {
        sh_qb_sql(&qb, " AND a.user_id = ");
        sh_qb_int64(&qb, user_id);
    }
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " ORDER BY e.id LIMIT 2000");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        json_array_append_new(items, json_pack("{s:I, s:s, s:I, s:s, s:s, s:b, s:I, s:s*}", "entity_id", (json_int_t)sh_col_int64(st, 0),
                                               "entity_name", sh_col_text(st, 1), "user_id", (json_int_t)sh_col_int64(st, 2),
                                               "official", sh_col_text(st, 3), "level", sh_col_text(st, 4), "pledge_signed",
                                               (int)sh_col_int64(st, 5), "assigned_at", (json_int_t)sh_col_int64(st, 6),
                                               "last_visit", sh_col_is_null(st, 7) ? NULL : sh_col_text(st, 7)));
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret = items;
    return 0;
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
    sh_stmt *st = sh_db_prepare(db, "SELECT user_id FROM duty_assignments WHERE entity_id = ?", err);
    int64_t responsible = 0;
    if (st) {
        sh_bind_int64(st, 1, json_integer_value(eid));
        if (sh_stmt_step(st, err) == SH_ROW)
            responsible = sh_col_int64(st, 0);
        sh_stmt_done(st);
    }
    if (!responsible || responsible != actor->user_id)
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

static double rate(json_t *o, const char *part, const char *whole)
{
    json_int_t w = json_integer_value(json_object_get(o, whole));
    return w ? (double)json_integer_value(json_object_get(o, part)) / (double)w : 1.0;
}

int sh_duty_completion(sh_db *db, const sh_principal *actor, const char *today, json_t **ret, sh_err *err)
{
    char from[3][11], to[3][11];
    int need[3];
    for (int l = 0; l < 3; l++)
        need[l] = level_period(db, levels[l], today, from[l], to[l]);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb,
              "SELECT t.code, t.name, a.user_id, u.display_name, a.level, (SELECT count(*) FROM duty_visits v"
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
                   " LEFT JOIN duty_assignments a ON a.entity_id = e.id LEFT JOIN users u ON u.id = a.user_id"
                   " WHERE e.status = 'active'");
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " ORDER BY t.code");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *towns = json_object(), *order = json_array(), *officials = json_object(), *olist = json_array();
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        const char *code = sh_col_text(st, 0);
        json_t *t = json_object_get(towns, code);
        if (!t) {
            t = json_pack("{s:s, s:s, s:i, s:i, s:i, s:i}", "township_code", code, "township_name", sh_col_text(st, 1),
                          "businesses", 0, "assigned", 0, "visits_required", 0, "visits_done", 0);
            json_object_set_new(towns, code, t);
            json_array_append(order, t);
        }
        add_to(t, "businesses", 1);
        if (sh_col_is_null(st, 2))
            continue;
        int l = !strcmp(sh_col_text(st, 4), "county") ? 0 : !strcmp(sh_col_text(st, 4), "township") ? 1 : 2;
        int64_t done = sh_col_int64(st, 5);
        if (done > need[l])
            done = need[l];
        add_to(t, "assigned", 1);
        add_to(t, "visits_required", need[l]);
        add_to(t, "visits_done", done);
        char key[32];
        snprintf(key, sizeof key, "%lld", (long long)sh_col_int64(st, 2));
        json_t *o = json_object_get(officials, key);
        if (!o) {
            o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:i, s:i}", "user_id", (json_int_t)sh_col_int64(st, 2), "name",
                          sh_col_text(st, 3), "level", levels[l], "period_from", from[l], "period_to", to[l], "businesses", 0,
                          "visits_required", 0, "visits_done", 0);
            json_object_set_new(officials, key, o);
            json_array_append(olist, o);
        }
        add_to(o, "businesses", 1);
        add_to(o, "visits_required", need[l]);
        add_to(o, "visits_done", done);
    }
    sh_stmt_done(st);
    json_decref(towns);
    json_decref(officials);
    json_t *comp = NULL;
    if (rc >= 0)
        rc = sh_stats_completeness(db, actor, NULL, &comp, err);
    if (rc < 0) {
        json_decref(order);
        json_decref(olist);
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
        json_object_set_new(t, "archive_rate", json_real(total ? (double)complete / (double)total : 1.0));
        json_object_set_new(t, "assignment_rate", json_real(rate(t, "assigned", "businesses")));
        json_object_set_new(t, "visit_rate", json_real(rate(t, "visits_done", "visits_required")));
    }
    json_array_foreach(olist, i, t) json_object_set_new(t, "visit_rate", json_real(rate(t, "visits_done", "visits_required")));
    json_decref(comp);
    *ret = json_pack("{s:s, s:o, s:o}", "today", today, "townships", order, "officials", olist);
    return 0;
}

int sh_duty_unassigned(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb,
              "SELECT e.id, e.name, e.kind, t.name, coalesce(g.grade, '') FROM entities e"
              " JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000'"
              " LEFT JOIN entity_grades g ON g.entity_id = e.id"
              " WHERE e.status = 'active' AND NOT EXISTS (SELECT 1 FROM duty_assignments a WHERE a.entity_id = e.id)");
    sh_scope_entities_by_id(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " ORDER BY e.id LIMIT 500");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "name",
                                               sh_col_text(st, 1), "kind", sh_col_text(st, 2), "township_name",
                                               sh_col_text(st, 3), "grade", sh_col_text(st, 4)));
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret = items;
    return 0;
}
