#include "domain/supervision/inspect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/loop/attachment.h"
#include "domain/base/audit.h"
#include "domain/base/calendar.h"
#include "domain/supervision/checklist.h"
#include "domain/supervision/draw.h"
#include "domain/registry/entity.h"
#include "domain/loop/rectify.h"
#include "domain/base/settings.h"
#include "domain/risk/risk.h"
#include "domain/registry/registry.h"
#include "store/dialect.h"
#include "store/qb.h"
#include "store/rows.h"
#include "store/scope.h"

static const char *const inspection_kinds[] = {"daily", "key", "flying", "system", "cross_area", "joint", NULL};

static int kind_valid(const char *k)
{
    for (int i = 0; k && inspection_kinds[i]; i++)
        if (!strcmp(k, inspection_kinds[i]))
            return 1;
    return 0;
}

static int require_planner(const sh_principal *actor, sh_err *err)
{
    if (!sh_principal_can_edit_registry(actor))
        return sh_fail(err, SH_EPERM, "", "您的角色无权安排检查 (your role may not assign inspections)");
    return 0;
}

/* ---- the draw ---- */

/* Inspectors who may serve in the actor's area: county-level ones and those inside the area. */
static int load_inspectors(sh_db *db, const sh_principal *actor, json_t *out, sh_err *err)
{
    char area[13];
    int rc = sh_principal_area_prefix(db, actor, area, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT id, division_code FROM users WHERE role = 'inspector' AND disabled = 0 ORDER BY id", err);
    if (!st)
        return SH_EINTERNAL;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        char p[13];
        sh_division_prefix(sh_col_text(st, 1), p);
        if (sh_division_prefixes_nested(area, p))
            json_array_append_new(out, json_integer(sh_col_int64(st, 0)));
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

struct collect { json_t *ids; };
static int collect_id(const sh_entity *e, void *c)
{
    if (!strcmp(e->status, "active"))
        json_array_append_new(((struct collect *)c)->ids, json_integer(e->id));
    return 0;
}

/* Who inspected each candidate last: they are not drawn for it again (rotation, 回避). */
static int load_conflicts(sh_db *db, json_t *candidates, json_t *out, sh_err *err)
{
    size_t i;
    json_t *e;
    json_array_foreach(candidates, i, e) {
        sh_stmt *st = sh_db_prepare(db,
                                    "SELECT user_id FROM inspection_inspectors WHERE inspection_id ="
                                    " (SELECT max(id) FROM inspections WHERE entity_id = ? AND status <> 'cancelled')",
                                    err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, json_integer_value(e));
        json_t *users = json_array();
        int rc;
        while ((rc = sh_stmt_step(st, err)) == SH_ROW)
            json_array_append_new(users, json_integer(sh_col_int64(st, 0)));
        sh_stmt_done(st);
        if (rc < 0) {
            json_decref(users);
            return rc;
        }
        if (json_array_size(users)) {
            char key[32];
            snprintf(key, sizeof key, "%lld", (long long)json_integer_value(e));
            json_object_set_new(out, key, users);
        } else {
            json_decref(users);
        }
    }
    return 0;
}

/* The due date an official gave, or 20 working days from today by the deadline engine (*ret_computed
 * 1: provisional while a year it counts through has no State Council notice, DOMAIN.md "Calendar"). */
static int default_due(sh_db *db, const char *given, char out[11], int *ret_computed, sh_err *err)
{
    *ret_computed = 0;
    if (given) {
        if (!sh_date_valid(given, NULL, NULL, NULL))
            return sh_fail(err, SH_EINVAL, "due_date", "日期应为YYYY-MM-DD (must be a real date)");
        snprintf(out, 11, "%s", given);
        return 0;
    }
    char today[11];
    sh_today(today);
    sh_deadline_rule rule = {.basis = NULL, .days = 20, .calendar_days = 0};
    sh_deadline d;
    int rc = sh_deadline_due(db, today, &rule, NULL, 0, &d, err);
    if (rc)
        return rc;
    snprintf(out, 11, "%s", d.due);
    *ret_computed = 1;
    return 0;
}

/* due_provisional (and due_provisional_year) of an inspection: a computed due date counted through a
 * year, from the day it was set to the due date, whose notice is not loaded (as rectification orders'
 * deadline_provisional, src/domain/loop/rectify.c); a date chosen by hand is never provisional. */
static void put_due_provisional(sh_db *db, json_t *o, int computed, int64_t created_at, const char *due)
{
    int final = 1, missing = 0;
    if (computed && due) {
        char start[11];
        sh_date_of_days(sh_beijing_days(created_at), start);
        if (sh_calendar_years_final(db, start, due, &final, &missing, NULL) != 0)
            final = 1;
    }
    json_object_set_new(o, "due_provisional", json_boolean(!final));
    if (!final)
        json_object_set_new(o, "due_provisional_year", json_integer(missing));
}

static int checklist_fits(sh_db *db, int64_t checklist, const char *kind, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT kinds FROM checklists WHERE id = ? AND status = 'active'", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, checklist);
    int rc = sh_stmt_step(st, err);
    int fits = rc == SH_ROW && sh_checklist_kinds_include(sh_col_text(st, 0), kind);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return fits ? 0 : sh_fail(err, SH_EINVAL, "checklist_id", "检查表不存在、已停用或不适用于该类主体 (no such active checklist for this kind of business)");
}

static int insert_inspection(sh_db *db, const sh_principal *actor, int64_t entity_id, const char *kind, int64_t draw_id,
                             json_t *inspectors, const char *due, int due_computed, int64_t checklist, int64_t *ret_id,
                             sh_err *err)
{
    sh_entity e;
    int rc = sh_entity_get(db, actor, entity_id, &e, err);
    if (rc)
        return rc == SH_ENOTFOUND ? sh_fail(err, SH_EINVAL, "entity_id", "主体不存在或不在您的管辖范围内 (no such business in your jurisdiction)") : rc;
    if (strcmp(e.status, "active") != 0)
        rc = sh_fail(err, SH_EINVAL, "entity_id", "只能检查在营主体 (only active businesses are inspected)");
    if (rc == 0)
        rc = checklist ? checklist_fits(db, checklist, e.f[EF_KIND], err) : sh_checklist_for_kind(db, e.f[EF_KIND], &checklist, err);
    sh_entity_release(&e);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO inspections(entity_id, kind, checklist_id, draw_id, due_date, created_by, created_at,"
                                " due_computed) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    sh_bind_text(st, 2, kind);
    sh_bind_int64(st, 3, checklist);
    sh_bind_int64_or_null(st, 4, draw_id);
    sh_bind_text(st, 5, due);
    sh_bind_int64_or_null(st, 6, actor->user_id);
    sh_bind_int64(st, 7, sh_now_ms());
    sh_bind_int64(st, 8, due_computed);
    int64_t id;
    rc = sh_stmt_insert_id(st, &id, err);
    if (rc < 0)
        return rc;
    size_t i;
    json_t *u;
    json_array_foreach(inspectors, i, u) {
        st = sh_db_prepare(db, "INSERT INTO inspection_inspectors(inspection_id, user_id) VALUES (?, ?)", err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, id);
        sh_bind_int64(st, 2, json_integer_value(u));
        rc = sh_stmt_step(st, err);
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
    }
    json_t *after = json_pack("{s:I, s:s, s:O, s:s}", "entity_id", (json_int_t)entity_id, "kind", kind, "inspectors",
                              inspectors, "due_date", due);
    rc = sh_audit(db, actor, "assign", "inspection", id, NULL, after, err);
    json_decref(after);
    if (rc == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int sh_draw_run(sh_db *db, const sh_principal *actor, json_t *in, uint64_t seed, json_t **ret, sh_err *err)
{
    int rc;
    if ((rc = require_planner(actor, err)) != 0)
        return rc;
    json_t *count = json_object_get(in, "count"), *team = json_object_get(in, "team_size");
    if (!json_is_integer(count) || json_integer_value(count) < 1 || json_integer_value(count) > 1000)
        return sh_fail(err, SH_EINVAL, "count", "抽取数量应为1-1000 (count must be 1-1000)");
    if (team && (!json_is_integer(team) || json_integer_value(team) < 2 || json_integer_value(team) > 10))
        return sh_fail(err, SH_EINVAL, "team_size", "每组检查人员应为2-10人 (team_size must be 2-10: at least two inspectors)");
    const char *ikind = json_string_value(json_object_get(in, "inspection_kind"));
    if (!ikind)
        ikind = "daily";
    if (!kind_valid(ikind))
        return sh_fail(err, SH_EINVAL, "inspection_kind", "检查类型无效 (unknown inspection kind)");
    char due[11];
    int due_computed;
    if ((rc = default_due(db, json_string_value(json_object_get(in, "due_date")), due, &due_computed, err)) != 0)
        return rc;
    sh_entity_filter f = {.kind = json_string_value(json_object_get(in, "kind")),
                          .township = json_string_value(json_object_get(in, "township")),
                          .status = "active", .limit = 500};
    if ((rc = sh_entity_filter_check(&f, err)) != 0)
        return rc;
    if (!seed && (rc = sh_draw_new_seed(&seed, err)) != 0)
        return rc;
    json_t *params = json_pack("{s:I, s:I, s:s, s:s*, s:s*, s:s, s:[], s:[], s:{}}", "count", json_integer_value(count),
                               "team_size", team ? json_integer_value(team) : (json_int_t)2, "inspection_kind", ikind,
                               "kind", f.kind, "township", f.township, "due_date", due, "candidates", "inspectors", "conflicts");
    struct collect c = {json_object_get(params, "candidates")};
    if ((rc = sh_db_begin(db, err)) != 0) {
        json_decref(params);
        return rc;
    }
    rc = sh_entity_each(db, actor, &f, collect_id, &c, err);
    if (rc == 0)
        rc = load_inspectors(db, actor, json_object_get(params, "inspectors"), err);
    if (rc == 0)
        rc = load_conflicts(db, c.ids, json_object_get(params, "conflicts"), err);
    if (rc == 0 && json_array_size(c.ids) == 0)
        rc = sh_fail(err, SH_EINVAL, "kind", "没有符合条件的在营主体 (no active business matches)");
    json_t *result = NULL;
    if (rc == 0)
        rc = sh_draw_compute(params, seed, &result, err);
    int64_t draw_id = 0;
    if (rc == 0)
        rc = sh_draw_record(db, actor, seed, params, result, &draw_id, err);
    size_t i;
    json_t *pick;
    json_t *ids = json_array();
    if (rc == 0)
        json_array_foreach(result, i, pick) {
            int64_t iid;
            rc = insert_inspection(db, actor, json_integer_value(json_object_get(pick, "entity_id")), ikind, draw_id,
                                   json_object_get(pick, "inspectors"), due, due_computed, 0, &iid, err);
            if (rc)
                break;
            json_object_set_new(pick, "inspection_id", json_integer(iid));
            json_array_append_new(ids, json_integer(iid));
        }
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:I}", "seed", (json_int_t)seed, "inspections", (json_int_t)json_array_size(ids));
        rc = sh_audit(db, actor, "draw", "draw", draw_id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    if (rc == 0) {
        *ret = json_pack("{s:I, s:I, s:I, s:I, s:O, s:s}", "draw_id", (json_int_t)draw_id, "seed", (json_int_t)seed,
                         "candidates", (json_int_t)json_array_size(c.ids), "inspectors",
                         (json_int_t)json_array_size(json_object_get(params, "inspectors")), "result", result, "due_date", due);
        put_due_provisional(db, *ret, due_computed, sh_now_ms(), due);
    }
    json_decref(ids);
    json_decref(result);
    json_decref(params);
    return rc;
}

/* ---- assignment and recording ---- */

/* Inspectors named by hand: 2–10 distinct enforcement officials of the actor's jurisdiction, or of
 * a level above it that covers it (a county inspector on a township's inspection). Someone of another
 * jurisdiction is refused exactly as an unknown id is, so the answer tells nothing about them. */
static int check_inspectors(sh_db *db, const sh_principal *actor, json_t *inspectors, sh_err *err)
{
    char area[13];
    int rc = sh_principal_area_prefix(db, actor, area, err);
    if (rc)
        return rc;
    if (!json_is_array(inspectors) || json_array_size(inspectors) < 2 || json_array_size(inspectors) > 10)
        return sh_fail(err, SH_EINVAL, "inspectors", "检查人员不得少于2人 (at least two inspectors, at most ten)");
    size_t i;
    json_t *u;
    json_array_foreach(inspectors, i, u) {
        if (!json_is_integer(u))
            return sh_fail(err, SH_EINVAL, "inspectors", "应为用户编号数组 (must be user ids)");
        for (size_t j = 0; j < i; j++)
            if (json_integer_value(json_array_get(inspectors, j)) == json_integer_value(u))
                return sh_fail(err, SH_EINVAL, "inspectors", "检查人员重复 (an inspector appears twice)");
        sh_stmt *st = sh_db_prepare(db, "SELECT role, division_code FROM users WHERE id = ? AND disabled = 0", err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, json_integer_value(u));
        rc = sh_stmt_step(st, err);
        int ok = rc == SH_ROW && strcmp(sh_col_text(st, 0), "business") != 0 && strcmp(sh_col_text(st, 0), "village") != 0;
        if (ok) {
            char p[13] = "";
            if (sh_col_text(st, 1))
                sh_division_prefix(sh_col_text(st, 1), p);
            ok = sh_division_prefixes_nested(area, p);
        }
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        if (!ok)
            return sh_fail(err, SH_EINVAL, "inspectors", "用户%lld不是本辖区的执法人员 (user %lld is not an enforcement official of your jurisdiction)",
                           (long long)json_integer_value(u), (long long)json_integer_value(u));
    }
    return 0;
}

int sh_inspection_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err)
{
    int rc;
    if ((rc = require_planner(actor, err)) != 0)
        return rc;
    json_t *eid = json_object_get(body, "entity_id");
    const char *kind = json_string_value(json_object_get(body, "kind"));
    if (!json_is_integer(eid))
        return sh_fail(err, SH_EINVAL, "entity_id", "必填 (required)");
    if (!kind_valid(kind))
        return sh_fail(err, SH_EINVAL, "kind", "检查类型应为daily、key、flying、system、cross_area或joint (unknown inspection kind)");
    if ((rc = check_inspectors(db, actor, json_object_get(body, "inspectors"), err)) != 0)
        return rc;
    char due[11];
    int due_computed;
    if ((rc = default_due(db, json_string_value(json_object_get(body, "due_date")), due, &due_computed, err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    json_t *cl = json_object_get(body, "checklist_id");
    if (cl && !json_is_integer(cl)) {
        sh_db_rollback(db);
        return sh_fail(err, SH_EINVAL, "checklist_id", "应为检查表编号 (must be a checklist id)");
    }
    rc = insert_inspection(db, actor, json_integer_value(eid), kind, 0, json_object_get(body, "inspectors"), due, due_computed,
                           cl ? json_integer_value(cl) : 0, ret_id, err);
    return sh_db_finish(db, rc, err);
}

/* The inspection row visible to the actor: its business is in the actor's jurisdiction, or the
 * actor is one of its inspectors. */
static int load_visible(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb,
              "SELECT i.id, i.entity_id, e.name, i.kind, i.checklist_id, i.draw_id, i.status, i.result, i.due_date,"
              " i.summary, i.created_at, i.completed_at, c.name, c.version, i.received_by, i.acknowledged_at, i.due_computed"
              " FROM inspections i JOIN entities e ON e.id = i.entity_id JOIN checklists c ON c.id = i.checklist_id"
              " WHERE i.id = ");
    sh_qb_int64(&qb, id);
    sh_qb_sql(&qb, " AND (1 = 1");
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " OR EXISTS (SELECT 1 FROM inspection_inspectors x WHERE x.inspection_id = i.id AND x.user_id = ");
    sh_qb_int64(&qb, actor->user_id);
    sh_qb_sql(&qb, "))");
    if (actor->role == SH_ROLE_BUSINESS) /* planned and unannounced (flying) inspections stay unknown to it */
        sh_qb_sql(&qb, " AND i.status = 'completed'");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    json_t *o = NULL;
    if (rc == SH_ROW)
        o = json_pack("{s:I, s:I, s:s, s:s, s:I, s:o, s:s, s:s*, s:s*, s:s*, s:I, s:o, s:s, s:I, s:s*, s:o}", "id",
                      (json_int_t)sh_col_int64(st, 0), "entity_id", (json_int_t)sh_col_int64(st, 1), "entity_name",
                      sh_col_text(st, 2), "kind", sh_col_text(st, 3), "checklist_id", (json_int_t)sh_col_int64(st, 4),
                      "draw_id", sh_col_is_null(st, 5) ? json_null() : json_integer(sh_col_int64(st, 5)), "status",
                      sh_col_text(st, 6), "result", sh_col_is_null(st, 7) ? NULL : sh_col_text(st, 7), "due_date",
                      sh_col_is_null(st, 8) ? NULL : sh_col_text(st, 8), "summary",
                      sh_col_is_null(st, 9) ? NULL : sh_col_text(st, 9), "created_at", (json_int_t)sh_col_int64(st, 10),
                      "completed_at", sh_col_is_null(st, 11) ? json_null() : json_integer(sh_col_int64(st, 11)),
                      "checklist_name", sh_col_text(st, 12), "checklist_version", (json_int_t)sh_col_int64(st, 13),
                      "received_by", sh_col_is_null(st, 14) ? NULL : sh_col_text(st, 14), "acknowledged_at",
                      sh_col_is_null(st, 15) ? json_null() : json_integer(sh_col_int64(st, 15)));
    if (o)
        put_due_provisional(db, o, (int)sh_col_int64(st, 16), sh_col_int64(st, 10), json_string_value(json_object_get(o, "due_date")));
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!o)
        return sh_fail(err, SH_ENOTFOUND, "id", "检查任务不存在或不在您的管辖范围内 (no such inspection in your jurisdiction)");
    *ret = o;
    return 0;
}

static json_t *inspectors_of(sh_db *db, int64_t id)
{
    json_t *arr = json_array();
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT u.id, u.display_name FROM inspection_inspectors x JOIN users u ON u.id = x.user_id"
                                " WHERE x.inspection_id = ? ORDER BY u.id",
                                NULL);
    if (!st)
        return arr;
    sh_bind_int64(st, 1, id);
    while (sh_stmt_step(st, NULL) == SH_ROW)
        json_array_append_new(arr, json_pack("{s:I, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "name", sh_col_text(st, 1)));
    sh_stmt_done(st);
    return arr;
}

int sh_inspection_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    json_t *o;
    int rc = load_visible(db, actor, id, &o, err);
    if (rc)
        return rc;
    json_t *checklist;
    if ((rc = sh_checklist_get(db, json_integer_value(json_object_get(o, "checklist_id")), &checklist, err)) != 0) {
        json_decref(o);
        return rc;
    }
    /* each item with what was recorded for it */
    json_t *items = json_object_get(checklist, "items");
    sh_stmt *st = sh_db_prepare(db, "SELECT item_id, outcome, note, corrected_on_site FROM inspection_items WHERE inspection_id = ?", err);
    if (st) {
        sh_bind_int64(st, 1, id);
        while (sh_stmt_step(st, NULL) == SH_ROW) {
            size_t i;
            json_t *it;
            json_array_foreach(items, i, it) if (json_integer_value(json_object_get(it, "id")) == sh_col_int64(st, 0)) {
                json_object_set_new(it, "outcome", json_string(sh_col_text(st, 1)));
                json_object_set_new(it, "note", sh_col_is_null(st, 2) ? json_null() : json_string(sh_col_text(st, 2)));
                json_object_set_new(it, "corrected_on_site", json_boolean(sh_col_int64(st, 3)));
            }
        }
        sh_stmt_done(st);
    }
    json_object_set(o, "items", items);
    json_decref(checklist);
    json_object_set_new(o, "inspectors", inspectors_of(db, id));
    json_object_set_new(o, "photos", sh_attachments_of(db, "inspection", id));
    *ret = o;
    return 0;
}

struct list_where {
    const sh_principal *actor;
    int mine;
    const char *status;
    int64_t entity_id;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, " FROM inspections i JOIN entities e ON e.id = i.entity_id"
                  " LEFT JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000' WHERE 1 = 1");
    if (w->mine) {
        sh_qb_sql(qb, " AND EXISTS (SELECT 1 FROM inspection_inspectors x WHERE x.inspection_id = i.id AND x.user_id = ");
        sh_qb_int64(qb, w->actor->user_id);
        sh_qb_sql(qb, ")");
    } else {
        sh_scope_entities(qb, &w->actor->scope, "e");
    }
    if (w->actor->role == SH_ROLE_BUSINESS) /* a business learns of an inspection when it has happened */
        sh_qb_sql(qb, " AND i.status = 'completed'");
    if (w->status) {
        sh_qb_sql(qb, " AND i.status = ");
        sh_qb_text(qb, w->status);
    }
    if (w->entity_id) {
        sh_qb_sql(qb, " AND i.entity_id = ");
        sh_qb_int64(qb, w->entity_id);
    }
}

static json_t *list_row(sh_stmt *st, void *ctx)
{
    sh_db *db = ctx;
    json_t *it = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s*, s:s*, s:o, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "entity_id",
                           (json_int_t)sh_col_int64(st, 1), "entity_name", sh_col_text(st, 2), "kind", sh_col_text(st, 3), "status",
                           sh_col_text(st, 4), "result", sh_col_is_null(st, 5) ? NULL : sh_col_text(st, 5), "due_date",
                           sh_col_is_null(st, 6) ? NULL : sh_col_text(st, 6), "draw_id",
                           sh_col_is_null(st, 7) ? json_null() : json_integer(sh_col_int64(st, 7)), "township_name",
                           sh_col_text(st, 8));
    put_due_provisional(db, it, (int)sh_col_int64(st, 9), sh_col_int64(st, 10), json_string_value(json_object_get(it, "due_date")));
    json_object_set_new(it, "inspectors", inspectors_of(db, sh_col_int64(st, 0)));
    return it;
}

int sh_inspections_list(sh_db *db, const sh_principal *actor, int mine, const char *status, int64_t entity_id, const sh_page *page,
                        json_t **ret, sh_err *err)
{
    if (status && strcmp(status, "assigned") && strcmp(status, "completed") && strcmp(status, "cancelled"))
        return sh_fail(err, SH_EINVAL, "status", "状态应为assigned、completed或cancelled (unknown status)");
    struct list_where w = {actor, mine, status, entity_id};
    sh_page_query q = {"i.id, i.entity_id, e.name, i.kind, i.status, i.result, i.due_date, i.draw_id, t.name, i.due_computed, i.created_at",
                       list_from_where, &w, " ORDER BY i.id DESC", page->limit, page->offset, list_row, db};
    return sh_rows_page(db, &q, ret, err);
}

/* The inspection (visible), open for recording, with the actor among its inspectors. */
static int load_for_recording(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    int rc = load_visible(db, actor, id, ret, err);
    if (rc)
        return rc;
    if (strcmp(json_string_value(json_object_get(*ret, "status")), "assigned") != 0)
        rc = sh_fail(err, SH_EINVAL, "status", "检查已完成或已取消 (the inspection is no longer open)");
    int assigned = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT 1 FROM inspection_inspectors WHERE inspection_id = ? AND user_id = ?", err);
    if (rc == 0 && st) {
        sh_bind_int64(st, 1, id);
        sh_bind_int64(st, 2, actor->user_id);
        assigned = sh_stmt_step(st, err) == SH_ROW;
    }
    sh_stmt_done(st);
    if (rc == 0 && !assigned)
        rc = sh_fail(err, SH_EPERM, "", "只有被指派的检查人员可以记录 (only the assigned inspectors record)");
    if (rc) {
        json_decref(*ret);
        *ret = NULL;
    }
    return rc;
}

int sh_inspection_check_recorder(sh_db *db, const sh_principal *actor, int64_t id, int64_t *ret_entity,
                                 int64_t *ret_checklist, sh_err *err)
{
    json_t *insp = NULL;
    int rc = load_for_recording(db, actor, id, &insp, err);
    if (rc)
        return rc;
    *ret_entity = json_integer_value(json_object_get(insp, "entity_id"));
    *ret_checklist = json_integer_value(json_object_get(insp, "checklist_id"));
    json_decref(insp);
    return 0;
}

int sh_inspection_record(sh_db *db, const sh_principal *actor, int64_t id, json_t *items, sh_err *err)
{
    if (!json_is_array(items) || json_array_size(items) == 0 || json_array_size(items) > 500)
        return sh_fail(err, SH_EINVAL, "items", "应为检查项结果数组 (items must be a non-empty array)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    json_t *insp = NULL;
    rc = load_for_recording(db, actor, id, &insp, err);
    size_t i;
    json_t *it;
    if (rc == 0)
        json_array_foreach(items, i, it) {
            char field[48];
            json_t *item_id = json_object_get(it, "item_id");
            const char *outcome = json_string_value(json_object_get(it, "outcome"));
            const char *note = json_string_value(json_object_get(it, "note"));
            snprintf(field, sizeof field, "items[%zu]", i);
            if (!json_is_integer(item_id)) {
                rc = sh_fail(err, SH_EINVAL, field, "缺少item_id (item_id is required)");
                break;
            }
            if (!outcome || (strcmp(outcome, "pass") && strcmp(outcome, "fail") && strcmp(outcome, "na"))) {
                rc = sh_fail(err, SH_EINVAL, field, "结果应为pass、fail或na (outcome must be pass, fail or na)");
                break;
            }
            if (!strcmp(outcome, "fail") && (rc = sh_check_text(note, 2, 500, field, err)) != 0) {
                snprintf(err->message, sizeof err->message, "不符合项须写明问题 (a failed item needs a note of what was found)");
                break;
            }
            if (note && (rc = sh_check_text(note, 0, 500, field, err)) != 0)
                break;
            sh_stmt *st = sh_db_prepare(db, "SELECT 1 FROM checklist_items WHERE id = ? AND checklist_id = ?", err);
            if (!st) {
                rc = SH_EINTERNAL;
                break;
            }
            sh_bind_int64(st, 1, json_integer_value(item_id));
            sh_bind_int64(st, 2, json_integer_value(json_object_get(insp, "checklist_id")));
            int found = sh_stmt_step(st, err) == SH_ROW;
            sh_stmt_done(st);
            if (!found) {
                rc = sh_fail(err, SH_EINVAL, field, "检查项不属于本次检查的检查表 (the item is not in this inspection's checklist)");
                break;
            }
            st = sh_db_prepare(db,
                               "INSERT INTO inspection_items(inspection_id, item_id, outcome, note, corrected_on_site, recorded_by,"
                               " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (inspection_id, item_id) DO UPDATE SET"
                               " outcome = excluded.outcome, note = excluded.note, corrected_on_site = excluded.corrected_on_site,"
                               " recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
                               err);
            if (!st) {
                rc = SH_EINTERNAL;
                break;
            }
            sh_bind_int64(st, 1, id);
            sh_bind_int64(st, 2, json_integer_value(item_id));
            sh_bind_text(st, 3, outcome);
            sh_bind_text_or_null(st, 4, note);
            sh_bind_int64(st, 5, json_is_true(json_object_get(it, "corrected_on_site")));
            sh_bind_int64(st, 6, actor->user_id);
            sh_bind_int64(st, 7, sh_now_ms());
            rc = sh_stmt_step(st, err);
            sh_stmt_done(st);
            if (rc < 0)
                break;
            rc = 0;
        }
    if (rc == 0) {
        json_t *after = json_pack("{s:I}", "items", (json_int_t)json_array_size(items));
        rc = sh_audit(db, actor, "record", "inspection", id, NULL, after, err);
        json_decref(after);
    }
    json_decref(insp);
    return sh_db_finish(db, rc, err);
}

int sh_inspection_complete(sh_db *db, const sh_principal *actor, int64_t id, const char *summary, const char *received_by,
                           sh_err *err)
{
    int rc;
    if (summary && (rc = sh_check_text(summary, 0, 2000, "summary", err)) != 0)
        return rc;
    if (!received_by || !*received_by)
        return sh_fail(err, SH_EINVAL, "received_by",
                       "请填写现场签收检查结果的企业人员姓名 (name the business's person who signed for the written result)");
    if ((rc = sh_check_text(received_by, 1, 40, "received_by", err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    json_t *insp = NULL;
    if ((rc = load_for_recording(db, actor, id, &insp, err)) != 0)
        return sh_db_finish(db, rc, err);
    int flying = !strcmp(json_string_value(json_object_get(insp, "kind")), "flying");
    int64_t entity_id = json_integer_value(json_object_get(insp, "entity_id"));
    /* every item of the checklist is covered, except in a flying inspection */
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT count(*), count(r.item_id) FROM checklist_items c LEFT JOIN inspection_items r"
                                " ON r.item_id = c.id AND r.inspection_id = ? WHERE c.checklist_id = ?",
                                err);
    int64_t total = 0, recorded = 0;
    if (st) {
        sh_bind_int64(st, 1, id);
        sh_bind_int64(st, 2, json_integer_value(json_object_get(insp, "checklist_id")));
        if (sh_stmt_step(st, err) == SH_ROW) {
            total = sh_col_int64(st, 0);
            recorded = sh_col_int64(st, 1);
        }
        sh_stmt_done(st);
    }
    if (recorded == 0 || (!flying && recorded < total))
        rc = sh_fail(err, SH_EINVAL, "items", "还有%lld项未检查 (%lld of %lld items are not recorded yet)",
                     (long long)(total - recorded), (long long)(total - recorded), (long long)total);
    /* failed items: the result, and an order for each not corrected on site */
    int key_failed = 0, general_failed = 0;
    json_t *failed = json_array();
    if (rc == 0) {
        st = sh_db_prepare(db,
                           "SELECT c.id, c.key_item, c.dimension, c.content, r.note, r.corrected_on_site FROM inspection_items r"
                           " JOIN checklist_items c ON c.id = r.item_id WHERE r.inspection_id = ? AND r.outcome = 'fail'"
                           " ORDER BY c.seq",
                           err);
        if (!st)
            rc = SH_EINTERNAL;
        else {
            sh_bind_int64(st, 1, id);
            while (sh_stmt_step(st, err) == SH_ROW) {
                int key = (int)sh_col_int64(st, 1);
                key_failed += key;
                general_failed += !key;
                if (!sh_col_int64(st, 5))
                    json_array_append_new(failed, json_pack("{s:I, s:b, s:s, s:s, s:s}", "item_id", (json_int_t)sh_col_int64(st, 0),
                                                            "key", key, "dimension", sh_col_text(st, 2), "content",
                                                            sh_col_text(st, 3), "note", sh_col_text(st, 4)));
            }
            sh_stmt_done(st);
        }
    }
    const char *result = key_failed ? "fail" : general_failed ? "pass_after_correction" : "pass";
    size_t i;
    json_t *f;
    if (rc == 0)
        json_array_foreach(failed, i, f) {
            char title[600];
            snprintf(title, sizeof title, "%s：%s", json_string_value(json_object_get(f, "dimension")),
                     json_string_value(json_object_get(f, "content")));
            int key = json_is_true(json_object_get(f, "key"));
            sh_rectify_order o = {.entity_id = entity_id, .source_type = "inspection", .source_id = id,
                                  .item_id = json_integer_value(json_object_get(f, "item_id")), .key_item = key,
                                  .title = title, .requirement = json_string_value(json_object_get(f, "note")),
                                  .workdays = sh_setting_int(db, key ? "rectify_days_key" : "rectify_days_general", key ? 5 : 10)};
            if ((rc = sh_rectify_open(db, actor, &o, NULL, err)) != 0)
                break;
        }
    if (rc == 0) {
        st = sh_db_prepare(db,
                           "UPDATE inspections SET status = 'completed', result = ?, summary = ?, completed_at = ?, received_by = ?"
                           " WHERE id = ?",
                           err);
        if (!st)
            rc = SH_EINTERNAL;
        else {
            sh_bind_text(st, 1, result);
            sh_bind_text_or_null(st, 2, summary);
            sh_bind_int64(st, 3, sh_now_ms());
            sh_bind_text(st, 4, received_by);
            sh_bind_int64(st, 5, id);
            rc = sh_stmt_step(st, err);
            sh_stmt_done(st);
            rc = rc < 0 ? rc : 0;
        }
    }
    /* findings move the business's risk grade */
    if (rc == 0)
        rc = sh_risk_regrade(db, entity_id, "inspection", NULL, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:I, s:s}", "result", result, "orders", (json_int_t)json_array_size(failed),
                                  "received_by", received_by);
        rc = sh_audit(db, actor, "complete", "inspection", id, NULL, after, err);
        json_decref(after);
    }
    json_decref(failed);
    json_decref(insp);
    return sh_db_finish(db, rc, err);
}

int sh_inspections_public(sh_db *db, const char *q, const char *township, int64_t before_id, int limit, json_t **ret,
                          sh_err *err)
{
    int rc;
    if (q && (rc = sh_check_text(q, 0, 50, "q", err)) != 0)
        return rc;
    if (township && (strlen(township) != 12 || sh_check_division_code(township, "township", NULL) != 0))
        return sh_fail(err, SH_EINVAL, "township", "乡镇代码应为12位数字 (township must be a 12-digit code)");
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb,
              "SELECT i.id, e.name, e.address, t.name, i.kind, i.result, i.completed_at FROM inspections i"
              " JOIN entities e ON e.id = i.entity_id JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000'"
              " WHERE i.status = 'completed'");
    if (before_id) {
        sh_qb_sql(&qb, " AND i.id < ");
        sh_qb_int64(&qb, before_id);
    }
    if (q && *q) {
        sh_qb_contains(&qb, "e.name", q);
    }
    if (township) {
        char p[13];
        sh_division_prefix(township, p);
        sh_qb_division_prefix(&qb, sh_sql_no_index("e.division_code").sql, p);
    }
    sh_qb_sql(&qb, " ORDER BY i.id DESC LIMIT ");
    sh_qb_int64(&qb, limit);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    int64_t last = 0;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        last = sh_col_int64(st, 0);
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)last, "entity_name",
                                               sh_col_text(st, 1), "address", sh_col_text(st, 2), "township_name",
                                               sh_col_text(st, 3), "kind", sh_col_text(st, 4), "result", sh_col_text(st, 5),
                                               "completed_at", (json_int_t)sh_col_int64(st, 6)));
    }
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    char cursor[32];
    snprintf(cursor, sizeof cursor, "%lld", (long long)last);
    *ret = json_pack("{s:o, s:s*}", "items", items, "next_cursor", (int)json_array_size(items) == limit ? cursor : NULL);
    return 0;
}

int sh_inspection_acknowledge(sh_db *db, const sh_principal *actor, int64_t id, sh_err *err)
{
    if (actor->role != SH_ROLE_BUSINESS)
        return sh_fail(err, SH_EPERM, "", "只有被检查的企业可以签收检查结果 (only the inspected business acknowledges its result)");
    int rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    json_t *insp = NULL;
    if ((rc = load_visible(db, actor, id, &insp, err)) != 0)
        return sh_db_finish(db, rc, err);
    if (strcmp(json_string_value(json_object_get(insp, "status")), "completed") != 0)
        rc = sh_fail(err, SH_EEXIST, "status", "检查尚未完成，无结果可签收 (the inspection is not completed yet)");
    else if (!json_is_null(json_object_get(insp, "acknowledged_at")))
        rc = 0; /* already acknowledged: nothing changes, the first time stands */
    else {
        sh_stmt *st = sh_db_prepare(db, "UPDATE inspections SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?", err);
        if (!st)
            rc = SH_EINTERNAL;
        else {
            sh_bind_int64(st, 1, sh_now_ms());
            sh_bind_int64(st, 2, actor->user_id);
            sh_bind_int64(st, 3, id);
            rc = sh_stmt_step(st, err);
            sh_stmt_done(st);
            rc = rc < 0 ? rc : 0;
        }
        if (rc == 0)
            rc = sh_audit(db, actor, "acknowledge", "inspection", id, NULL, NULL, err);
    }
    json_decref(insp);
    return sh_db_finish(db, rc, err);
}
