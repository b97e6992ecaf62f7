/* Upgrade plans as they are read (upgrade.h): the scope, the list, one plan with its steps and the
 * progress of its acceptance campaign. The status is computed from the campaign on every read. */
#include "domain/workshop/upgrade.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "domain/base/calendar.h"
#include "domain/supervision/acceptance.h"
#include "domain/workshop/ws_int.h"
#include "store/scope.h"

/* in progress until acceptance starts; then accepted once its campaign says so (never stored) */
#define STATUS_SQL                                                                                                                       \
    "CASE WHEN p.campaign_id IS NULL THEN 'in_progress' WHEN " SH_CAMPAIGN_ACCEPTED_SQL("p.campaign_id") " THEN 'accepted' ELSE 'acceptance' END"
#define COLS                                                                                                                             \
    "p.id, p.place_id, w.name, w.kind, w.division_code, d.name, p.name, p.goal, p.checklist_id, k.name, p.starts_on, p.campaign_id, " \
    STATUS_SQL ", (SELECT count(*) FROM upgrade_plan_steps s WHERE s.plan_id = p.id),"                                               \
    " (SELECT count(*) FROM upgrade_plan_steps s WHERE s.plan_id = p.id AND s.done_on IS NOT NULL),"                                 \
    " (SELECT min(s.due_on) FROM upgrade_plan_steps s WHERE s.plan_id = p.id AND s.done_on IS NULL)"

static const char *status_label(const char *s)
{
    return !strcmp(s, "accepted") ? "已验收" : !strcmp(s, "acceptance") ? "验收中" : "改造中";
}

static const char *place_kind_label(const char *k)
{
    return !strcmp(k, "park") ? "园区" : !strcmp(k, "cluster") ? "集中加工区" : "示范单元";
}

struct plan_where {
    const sh_principal *actor;
    int64_t id, place_id;
    const char *overdue_before; /* a date: plans with an open step due before it */
};

/* Officials: places of their division (all for the county-wide); a business: its own place's plans. */
static void plan_from_where(sh_qb *qb, const void *ctx)
{
    const struct plan_where *w = ctx;
    sh_qb_sql(qb, " FROM upgrade_plans p JOIN workshop_places w ON w.id = p.place_id JOIN divisions d ON d.code = w.division_code"
                  " JOIN checklists k ON k.id = p.checklist_id WHERE 1 = 1");
    if (w->actor->role == SH_ROLE_BUSINESS) {
        sh_qb_sql(qb, " AND EXISTS (SELECT 1 FROM workshop_place_members m WHERE m.place_id = p.place_id AND m.entity_id = ");
        sh_qb_int64(qb, w->actor->entity_id);
        sh_qb_sql(qb, ")");
    } else
        sh_scope_division_column(qb, &w->actor->scope, "w.division_code");
    if (w->id) {
        sh_qb_sql(qb, " AND p.id = ");
        sh_qb_int64(qb, w->id);
    }
    if (w->place_id) {
        sh_qb_sql(qb, " AND p.place_id = ");
        sh_qb_int64(qb, w->place_id);
    }
    if (w->overdue_before) {
        sh_qb_sql(qb, " AND (SELECT min(s.due_on) FROM upgrade_plan_steps s WHERE s.plan_id = p.id AND s.done_on IS NULL) < ");
        sh_qb_text(qb, w->overdue_before);
    }
}

static json_t *plan_row(sh_stmt *st, void *ctx)
{
    const char *today = ctx, *status = sh_col_text(st, 12), *next = sh_col_is_null(st, 15) ? NULL : sh_col_text(st, 15);
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:o, s:s, s:s, s:I, s:I, s:o, s:b}", "id",
                     (json_int_t)sh_col_int64(st, 0), "place_id", (json_int_t)sh_col_int64(st, 1), "place_name", sh_col_text(st, 2),
                     "place_kind_label", place_kind_label(sh_col_text(st, 3)), "division_code", sh_col_text(st, 4), "division_name",
                     sh_col_text(st, 5), "name", sh_col_text(st, 6), "goal", sh_col_text(st, 7), "checklist_name", sh_col_text(st, 9),
                     "checklist_id", (json_int_t)sh_col_int64(st, 8), "starts_on", sh_col_text(st, 10), "status", status, "campaign_id",
                     sh_col_int_json(st, 11), "status_label", status_label(status), "kind", sh_col_text(st, 3), "steps_total",
                     (json_int_t)sh_col_int64(st, 13), "steps_done", (json_int_t)sh_col_int64(st, 14), "next_due", next ? json_string(next) : json_null(),
                     "overdue", next && strcmp(next, today) < 0);
}

int sh_upgrade_plans_list(sh_db *db, const sh_principal *actor, int64_t place_id, int overdue, const sh_page *page, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    struct plan_where w = {actor, 0, place_id, overdue ? today : NULL};
    sh_page_query q = {COLS, plan_from_where, &w, " ORDER BY p.id DESC", page->limit, page->offset, plan_row, today};
    return sh_rows_page(db, &q, ret, err);
}

int ws_plan_load(sh_db *db, const sh_principal *actor, int64_t id, ws_plan *out, sh_err *err)
{
    json_t *rows = NULL;
    char today[11];
    sh_today(today);
    struct plan_where w = {actor, id, 0, NULL};
    sh_page_query q = {COLS, plan_from_where, &w, "", 1, 0, plan_row, today};
    int rc = sh_rows_page(db, &q, &rows, err);
    json_t *p = rc ? NULL : json_array_get(json_object_get(rows, "items"), 0);
    if (rc == 0 && !p)
        rc = sh_fail(err, SH_ENOTFOUND, "id", "提升改造计划不存在或不在您的管辖范围内 (no such upgrade plan in your reach)");
    if (rc == 0) {
        memset(out, 0, sizeof *out);
        out->id = id;
        out->place_id = json_integer_value(json_object_get(p, "place_id"));
        out->checklist_id = json_integer_value(json_object_get(p, "checklist_id"));
        out->campaign_id = json_integer_value(json_object_get(p, "campaign_id"));
        snprintf(out->name, sizeof out->name, "%s", json_string_value(json_object_get(p, "name")));
        snprintf(out->starts_on, sizeof out->starts_on, "%s", json_string_value(json_object_get(p, "starts_on")));
        out->view = json_incref(p);
    }
    json_decref(rows);
    return rc;
}

static json_t *step_row(sh_stmt *st, void *ctx)
{
    const char *today = ctx, *due = sh_col_text(st, 3);
    int done = !sh_col_is_null(st, 5);
    return json_pack("{s:I, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:b, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "title", sh_col_text(st, 1),
                     "owner_note", sh_col_text_json(st, 2), "due_on", due, "due_workdays", sh_col_int_json(st, 4), "done_on",
                     sh_col_text_json(st, 5), "done_note", sh_col_text_json(st, 6), "done_by", sh_col_text_json(st, 7), "overdue",
                     !done && strcmp(due, today) < 0, "days_left", (json_int_t)(sh_date_days(due) - sh_date_days(today)));
}

/* The steps in order of their days; a working-day deadline counted through a year without its holiday
 * notice is provisional. */
static int steps_of(sh_db *db, const char *starts_on, int64_t id, const char *today, json_t *view, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT s.id, s.title, s.owner_note, s.due_on, s.due_workdays, s.done_on, s.done_note, u.display_name"
                                " FROM upgrade_plan_steps s LEFT JOIN users u ON u.id = s.done_by WHERE s.plan_id = ? ORDER BY s.due_on, s.id",
                                err);
    if (st)
        sh_bind_int64(st, 1, id);
    json_t *steps = json_array();
    int rc = sh_rows_append(st, step_row, (void *)today, steps, err), overdue = 0;
    size_t i;
    json_t *s;
    json_array_foreach(steps, i, s) {
        int final = 1;
        overdue += json_is_true(json_object_get(s, "overdue"));
        if (rc == 0 && json_is_integer(json_object_get(s, "due_workdays")))
            rc = sh_calendar_years_final(db, starts_on, json_string_value(json_object_get(s, "due_on")), &final, NULL, err);
        json_object_set_new(s, "due_provisional", json_boolean(!final));
    }
    json_object_set_new(view, "steps", steps);
    json_object_set_new(view, "steps_overdue", json_integer(overdue));
    return rc;
}

int sh_upgrade_plan_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    ws_plan p;
    int rc = ws_plan_load(db, actor, id, &p, err);
    if (rc)
        return rc;
    char today[11];
    sh_today(today);
    json_t *view = p.view, *progress = NULL;
    rc = steps_of(db, p.starts_on, id, today, view, err);
    /* the campaign's stages per workshop, as the caller may see them (a workshop: its own; one that
     * joined the place after acceptance started is in none) */
    if (rc == 0 && p.campaign_id && (rc = sh_campaign_progress(db, actor, p.campaign_id, NULL, &progress, err)) == SH_ENOTFOUND) {
        *err = (sh_err){0};
        rc = 0;
    }
    json_object_set_new(view, "acceptance", progress ? progress : json_null());
    if (rc) {
        json_decref(view);
        return rc;
    }
    *ret = view;
    return 0;
}
