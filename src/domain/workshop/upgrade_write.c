/* Upgrade plans as they are written (upgrade.h): creation with the steps' deadlines from the calendar
 * engine, one more step, a step done, and the start of acceptance through the campaign code. Each
 * checks everything before its first write, in one transaction (the demo's, when it is open). */
#include "domain/workshop/upgrade.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/supervision/acceptance.h"
#include "domain/workshop/places.h"
#include "domain/workshop/ws_int.h"

enum { MAX_STEPS = 30, MAX_WORKDAYS = 500, MAX_SPAN_MONTHS = 36 };

static int may_edit(const sh_principal *actor, sh_err *err)
{
    if (actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_TOWNSHIP)
        return sh_fail(err, SH_EPERM, "", "提升改造计划由县局或乡镇（街道）制定和跟进 (the county or township keeps upgrade plans)");
    return 0;
}

typedef struct step_in {
    const char *title, *owner_note;
    char due[11];
    int workdays; /* 0: a date was given */
} step_in;

/* A field of a step inside the plan's body is named steps[i].field. */
static int named(int rc, const char *prefix, sh_err *err)
{
    if (rc && *prefix) {
        char field[sizeof err->field];
        snprintf(field, sizeof field, "%s%s", prefix, err->field);
        snprintf(err->field, sizeof err->field, "%s", field);
    }
    return rc;
}

/* {title, owner_note?, due_on | due_workdays}: the deadline a date from the plan's start to 3 years on,
 * or 1-500 working days after the start (the start not counted) by the calendar engine. */
static int step_parse(sh_db *db, json_t *o, const char *prefix, const char *starts_on, step_in *out, sh_err *err)
{
    memset(out, 0, sizeof *out);
    if (!json_is_object(o))
        return named(sh_fail(err, SH_EINVAL, "", "步骤：应为对象 (a step must be an object)"), prefix, err);
    int rc = sh_body_text(o, "title", "步骤名称", 2, 100, &out->title, err);
    if (rc == 0 && !out->title)
        rc = sh_fail(err, SH_EINVAL, "title", "步骤名称：必填 (title is required)");
    if (rc == 0)
        rc = sh_body_text(o, "owner_note", "责任人", 0, 100, &out->owner_note, err);
    if (rc)
        return named(rc, prefix, err);
    json_t *date = json_object_get(o, "due_on"), *days = json_object_get(o, "due_workdays");
    if (date && !json_is_null(date) && days && !json_is_null(days))
        return named(sh_fail(err, SH_EINVAL, "due_on", "完成期限：日期和工作日数只填一个 (due_on or due_workdays, not both)"), prefix, err);
    if (days && !json_is_null(days)) {
        if (!json_is_integer(days) || json_integer_value(days) < 1 || json_integer_value(days) > MAX_WORKDAYS)
            return named(sh_fail(err, SH_EINVAL, "due_workdays", "完成期限：应为1至%d个工作日 (due_workdays from 1 to %d)", MAX_WORKDAYS, MAX_WORKDAYS),
                         prefix, err);
        out->workdays = (int)json_integer_value(days);
        sh_deadline_rule rule = {NULL, out->workdays, 0};
        sh_deadline d;
        if ((rc = sh_deadline_due(db, starts_on, &rule, NULL, 0, &d, err)) != 0)
            return rc;
        snprintf(out->due, sizeof out->due, "%s", d.due);
        return 0;
    }
    const char *s = json_string_value(date);
    char last[11];
    sh_date_add_months(starts_on, MAX_SPAN_MONTHS, last);
    if (!s || strlen(s) != 10 || !sh_date_valid(s, NULL, NULL, NULL))
        return named(sh_fail(err, SH_EINVAL, "due_on", "完成期限：请填写日期 YYYY-MM-DD 或工作日数 (due_on as a date, or due_workdays)"), prefix, err);
    if (strcmp(s, starts_on) < 0 || strcmp(s, last) > 0)
        return named(sh_fail(err, SH_EINVAL, "due_on", "完成期限：应在计划开始日%s至其后3年之内 (due_on from the plan's start to 3 years on)", starts_on),
                     prefix, err);
    snprintf(out->due, sizeof out->due, "%s", s);
    return 0;
}

static int step_insert(sh_db *db, int64_t plan_id, const step_in *s, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO upgrade_plan_steps(plan_id, title, owner_note, due_on, due_workdays) VALUES (?, ?, ?, ?, ?)", err);
    if (st) {
        sh_bind_int64(st, 1, plan_id);
        sh_bind_text(st, 2, s->title);
        sh_bind_text_or_null(st, 3, s->owner_note);
        sh_bind_text(st, 4, s->due);
        sh_bind_int64_or_null(st, 5, s->workdays);
    }
    return sh_stmt_run(st, err);
}

static int active_checklist(sh_db *db, json_t *cl, sh_err *err)
{
    int64_t n = 0;
    sh_stmt *st = json_is_integer(cl) ? sh_db_prepare(db, "SELECT count(*) FROM checklists WHERE id = ? AND status = 'active'", err) : NULL;
    if (st) {
        sh_bind_int64(st, 1, json_integer_value(cl));
        if (sh_stmt_step(st, err) == SH_ROW)
            n = sh_col_int64(st, 0);
        sh_stmt_done(st);
    }
    return n ? 0 : sh_fail(err, SH_EINVAL, "checklist_id", "验收标准：请选择在用的检查标准 (an active checklist)");
}

static int start_of(json_t *body, char out[11], sh_err *err)
{
    const char *s = NULL;
    char today[11], from[11], to[11];
    sh_today(today);
    int rc = sh_body_text(body, "starts_on", "开始日期", 0, 10, &s, err);
    if (rc)
        return rc;
    if (!s) {
        snprintf(out, 11, "%s", today);
        return 0;
    }
    sh_date_add_months(today, -12, from);
    sh_date_add_months(today, 12, to);
    if (strlen(s) != 10 || !sh_date_valid(s, NULL, NULL, NULL) || strcmp(s, from) < 0 || strcmp(s, to) > 0)
        return sh_fail(err, SH_EINVAL, "starts_on", "开始日期：应为前后一年以内的日期 YYYY-MM-DD (starts_on, a date within a year of today)");
    snprintf(out, 11, "%s", s);
    return 0;
}

int sh_upgrade_plan_create(sh_db *db, const sh_principal *actor, int64_t place_id, json_t *body, json_t **ret, sh_err *err)
{
    json_t *place = NULL;
    int rc = sh_ws_place_get(db, actor, place_id, &place, err);
    json_decref(place);
    if (rc == 0)
        rc = may_edit(actor, err);
    if (rc == 0 && !json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *name = NULL, *goal = NULL;
    char starts[11];
    if (rc == 0 && (rc = sh_body_text(body, "name", "计划名称", 2, 60, &name, err)) == 0 && !name)
        rc = sh_fail(err, SH_EINVAL, "name", "计划名称：必填 (name is required)");
    if (rc == 0 && (rc = sh_body_text(body, "goal", "改造目标", 2, 1000, &goal, err)) == 0 && !goal)
        rc = sh_fail(err, SH_EINVAL, "goal", "改造目标：必填 (goal is required)");
    if (rc == 0 && (rc = active_checklist(db, json_object_get(body, "checklist_id"), err)) == 0)
        rc = start_of(body, starts, err);
    json_t *steps = json_object_get(body, "steps");
    if (rc == 0 && (!json_is_array(steps) || json_array_size(steps) < 1 || json_array_size(steps) > MAX_STEPS))
        rc = sh_fail(err, SH_EINVAL, "steps", "改造步骤：请列出1至%d个步骤 (1 to %d steps)", MAX_STEPS, MAX_STEPS);
    step_in in[MAX_STEPS];
    for (size_t i = 0; rc == 0 && i < json_array_size(steps); i++) {
        char prefix[24];
        snprintf(prefix, sizeof prefix, "steps[%zu].", i);
        rc = step_parse(db, json_array_get(steps, i), prefix, starts, &in[i], err);
    }
    if (rc)
        return rc;
    int own;
    if ((rc = sh_db_join(db, &own, err)) != 0)
        return rc;
    int64_t id = 0;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO upgrade_plans(place_id, name, goal, checklist_id, starts_on, created_by, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (st) {
        sh_bind_int64(st, 1, place_id);
        sh_bind_text(st, 2, name);
        sh_bind_text(st, 3, goal);
        sh_bind_int64(st, 4, json_integer_value(json_object_get(body, "checklist_id")));
        sh_bind_text(st, 5, starts);
        sh_bind_int64_or_null(st, 6, actor->user_id);
        sh_bind_int64(st, 7, sh_now_ms());
    }
    rc = sh_stmt_insert_id(st, &id, err);
    for (size_t i = 0; rc == 0 && i < json_array_size(steps); i++)
        rc = step_insert(db, id, &in[i], err);
    if (rc == 0)
        rc = sh_audit(db, actor, "create", "upgrade_plan", id, NULL, body, err);
    if ((rc = sh_db_leave(db, own, rc, err)) != 0)
        return rc;
    return sh_upgrade_plan_get(db, actor, id, ret, err);
}

/* The plan as the actor may change it: in reach, an editor, and (open) acceptance not started. */
static int load_for_edit(sh_db *db, const sh_principal *actor, int64_t id, int open, ws_plan *p, sh_err *err)
{
    int rc = ws_plan_load(db, actor, id, p, err);
    if (rc)
        return rc;
    json_decref(p->view);
    p->view = NULL;
    if ((rc = may_edit(actor, err)) == 0 && open && p->campaign_id)
        rc = sh_fail(err, SH_EEXIST, "", "验收已开始，计划不能再改动 (acceptance has started)");
    return rc;
}

int sh_upgrade_step_add(sh_db *db, const sh_principal *actor, int64_t plan_id, json_t *body, json_t **ret, sh_err *err)
{
    ws_plan p;
    step_in in;
    int rc = load_for_edit(db, actor, plan_id, 1, &p, err);
    if (rc == 0)
        rc = step_parse(db, body, "", p.starts_on, &in, err);
    int64_t n = 0;
    sh_stmt *st = rc ? NULL : sh_db_prepare(db, "SELECT count(*) FROM upgrade_plan_steps WHERE plan_id = ?", err);
    rc = rc || st ? rc : SH_EINTERNAL;
    if (st) {
        sh_bind_int64(st, 1, plan_id);
        rc = sh_stmt_step(st, err);
        n = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
        sh_stmt_done(st);
        rc = rc < 0 ? rc : n >= MAX_STEPS ? sh_fail(err, SH_EINVAL, "title", "改造步骤：最多%d个 (at most %d steps)", MAX_STEPS, MAX_STEPS) : 0;
    }
    int own;
    if (rc || (rc = sh_db_join(db, &own, err)) != 0)
        return rc;
    rc = step_insert(db, plan_id, &in, err);
    if (rc == 0)
        rc = sh_audit(db, actor, "add_step", "upgrade_plan", plan_id, NULL, body, err);
    if ((rc = sh_db_leave(db, own, rc, err)) != 0)
        return rc;
    return sh_upgrade_plan_get(db, actor, plan_id, ret, err);
}

int sh_upgrade_step_done(sh_db *db, const sh_principal *actor, int64_t plan_id, int64_t step_id, json_t *body, json_t **ret, sh_err *err)
{
    ws_plan p;
    const char *note = NULL;
    int rc = load_for_edit(db, actor, plan_id, 0, &p, err);
    if (rc == 0 && !json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    if (rc == 0 && (rc = sh_body_text(body, "note", "完成情况", 2, 500, &note, err)) == 0 && !note)
        rc = sh_fail(err, SH_EINVAL, "note", "完成情况：必填 (note is required)");
    sh_stmt *st = rc ? NULL : sh_db_prepare(db, "SELECT done_on FROM upgrade_plan_steps WHERE id = ? AND plan_id = ?", err);
    rc = rc || st ? rc : SH_EINTERNAL;
    if (st) {
        sh_bind_int64(st, 1, step_id);
        sh_bind_int64(st, 2, plan_id);
        rc = sh_stmt_step(st, err);
        int done = rc == SH_ROW && !sh_col_is_null(st, 0);
        sh_stmt_done(st);
        rc = rc < 0   ? rc
             : !rc    ? sh_fail(err, SH_ENOTFOUND, "step", "该计划没有这一步骤 (no such step in the plan)")
             : done   ? sh_fail(err, SH_EEXIST, "step", "这一步骤已完成 (the step is already done)")
                      : 0;
    }
    int own;
    if (rc || (rc = sh_db_join(db, &own, err)) != 0)
        return rc;
    char today[11];
    sh_today(today);
    int64_t changed = 0;
    st = sh_db_prepare(db,
                       "UPDATE upgrade_plan_steps SET done_on = ?, done_note = ?, done_by = ?, done_at = ?"
                       " WHERE id = ? AND plan_id = ? AND done_on IS NULL RETURNING id",
                       err);
    if (st) {
        sh_bind_text(st, 1, today);
        sh_bind_text(st, 2, note);
        sh_bind_int64_or_null(st, 3, actor->user_id);
        sh_bind_int64(st, 4, sh_now_ms());
        sh_bind_int64(st, 5, step_id);
        sh_bind_int64(st, 6, plan_id);
    }
    rc = sh_stmt_insert_id(st, &changed, err);
    if (rc == 0 && !changed)
        rc = sh_fail(err, SH_EEXIST, "step", "这一步骤已完成 (the step is already done)");
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s}", "step_id", (json_int_t)step_id, "done_on", today, "note", note);
        rc = sh_audit(db, actor, "step_done", "upgrade_plan", plan_id, NULL, after, err);
        json_decref(after);
    }
    if ((rc = sh_db_leave(db, own, rc, err)) != 0)
        return rc;
    return sh_upgrade_plan_get(db, actor, plan_id, ret, err);
}

/* The place's workshops as a JSON array of ids, in id order. */
static int members_of(sh_db *db, int64_t place_id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT entity_id FROM workshop_place_members WHERE place_id = ? ORDER BY entity_id", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, place_id);
    json_t *ids = json_array();
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        json_array_append_new(ids, json_integer(sh_col_int64(st, 0)));
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(ids);
        return rc;
    }
    *ret = ids;
    return 0;
}

int sh_upgrade_plan_start_acceptance(sh_db *db, const sh_principal *actor, int64_t plan_id, json_t *body, json_t **ret, sh_err *err)
{
    (void)body;
    ws_plan p;
    int rc = load_for_edit(db, actor, plan_id, 1, &p, err);
    if (rc == 0)
        rc = sh_campaign_may_run(actor, err);
    int64_t open = 0;
    sh_stmt *st = rc ? NULL : sh_db_prepare(db, "SELECT count(*) FROM upgrade_plan_steps WHERE plan_id = ? AND done_on IS NULL", err);
    rc = rc || st ? rc : SH_EINTERNAL;
    if (st) {
        sh_bind_int64(st, 1, plan_id);
        rc = sh_stmt_step(st, err);
        open = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
        sh_stmt_done(st);
        rc = rc < 0 ? rc : open ? sh_fail(err, SH_EINVAL, "steps", "尚有%lld个改造步骤未完成，完成后再申请验收 (%lld steps still open)", (long long)open, (long long)open) : 0;
    }
    json_t *ids = NULL;
    if (rc == 0 && (rc = members_of(db, p.place_id, &ids, err)) == 0 && json_array_size(ids) == 0)
        rc = sh_fail(err, SH_EINVAL, "place_id", "该园区尚无入驻的小作坊，无从验收 (the place has no workshops to accept)");
    int own = 0;
    if (rc == 0)
        rc = sh_db_join(db, &own, err);
    if (rc) {
        json_decref(ids);
        return rc;
    }
    char name[300];
    snprintf(name, sizeof name, "%s验收", p.name);
    int64_t campaign = 0, changed = 0;
    rc = sh_campaign_create_for(db, actor, name, p.checklist_id, ids, &campaign, err);
    json_decref(ids);
    st = rc ? NULL : sh_db_prepare(db, "UPDATE upgrade_plans SET campaign_id = ? WHERE id = ? AND campaign_id IS NULL RETURNING id", err);
    if (st) {
        sh_bind_int64(st, 1, campaign);
        sh_bind_int64(st, 2, plan_id);
        if ((rc = sh_stmt_insert_id(st, &changed, err)) == 0 && !changed)
            rc = sh_fail(err, SH_EEXIST, "", "验收已开始 (acceptance has already started)");
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:I}", "campaign_id", (json_int_t)campaign);
        rc = sh_audit(db, actor, "start_acceptance", "upgrade_plan", plan_id, NULL, after, err);
        json_decref(after);
    }
    if ((rc = sh_db_leave(db, own, rc, err)) != 0)
        return rc;
    return sh_upgrade_plan_get(db, actor, plan_id, ret, err);
}
