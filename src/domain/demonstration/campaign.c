/* Campaigns (demonstration.h): who reaches them, creation by the county, the view with its 一票否决 items
 * and figures, the list, and vetoes. */
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/demonstration/dm_int.h"
#include "store/scope.h"

/* " (col >= prefix AND col < prefix':')" for a division prefix: the codes under it. */
static void under(sh_qb *qb, const char *col, const char *prefix)
{
    char end[16];
    snprintf(end, sizeof end, "%s:", prefix);
    sh_qb_sql(qb, " (");
    sh_qb_sql(qb, col);
    sh_qb_sql(qb, " >= ");
    sh_qb_text(qb, prefix);
    sh_qb_sql(qb, " AND ");
    sh_qb_sql(qb, col);
    sh_qb_sql(qb, " < ");
    sh_qb_text(qb, end);
    sh_qb_sql(qb, ")");
}

void dm_task_reach(sh_qb *qb, const sh_principal *actor)
{
    if (actor->role == SH_ROLE_BUSINESS || actor->scope.kind == SH_SCOPE_NONE) {
        sh_qb_sql(qb, " AND 1 = 0");
        return;
    }
    if (actor->scope.kind == SH_SCOPE_ALL)
        return;
    sh_qb_sql(qb, " AND (");
    if (actor->scope.kind == SH_SCOPE_DIVISION) {
        under(qb, "c.division_code", actor->scope.prefix);
        sh_qb_sql(qb, " OR");
        under(qb, "t.owner_division", actor->scope.prefix);
        sh_qb_sql(qb, " OR");
    }
    sh_qb_sql(qb, " t.owner_user_id = ");
    sh_qb_int64(qb, actor->user_id);
    sh_qb_sql(qb, ")");
}

static int not_found(sh_err *err) { return sh_fail(err, SH_ENOTFOUND, "id", "创建活动不存在 (no such campaign)"); }

int dm_campaign_load(sh_db *db, const sh_principal *actor, int64_t id, char division[13], int *ret_county, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT division_code FROM demonstration_campaigns WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        snprintf(division, 13, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc == 0 || actor->role == SH_ROLE_BUSINESS)
        return not_found(err);
    *ret_county = sh_scope_covers_division(&actor->scope, division);
    if (*ret_county)
        return 0;
    sh_qb qb; /* otherwise: only through a task it reaches */
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT count(*) FROM demonstration_tasks t JOIN demonstration_campaigns c ON c.id = t.campaign_id WHERE c.id = ");
    sh_qb_int64(&qb, id);
    dm_task_reach(&qb, actor);
    st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    int64_t n = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return n ? 0 : not_found(err);
}

int dm_county_edit(const sh_principal *actor, int county, sh_err *err)
{
    if (county && (actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_ADMIN))
        return 0;
    return sh_fail(err, SH_EPERM, "", "示范创建由县局编辑 (the county edits the campaign)");
}

int dm_insert_row(sh_db *db, const sh_principal *actor, const char *sql, int64_t campaign_id, const char *a, const char *b, const char *c,
                  int64_t *ret_id, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (st) {
        sh_bind_int64(st, 1, campaign_id);
        sh_bind_text(st, 2, a);
        sh_bind_text(st, 3, b);
        sh_bind_text(st, 4, c);
        sh_bind_int64_or_null(st, 5, actor->user_id);
        sh_bind_int64(st, 6, sh_now_ms());
    }
    return sh_stmt_insert_id(st, ret_id, err);
}

int dm_date(json_t *body, const char *field, const char *label, const char *def, char out[11], sh_err *err)
{
    const char *s = json_string_value(json_object_get(body, field));
    if (s && !*s && def) { /* a form's empty date field is absent too */
        snprintf(out, 11, "%s", def);
        return 0;
    }
    return sh_body_date(body, field, label, def, out, err);
}

int sh_dm_campaign_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    char county[13];
    snprintf(county, sizeof county, "%.6s", actor->division_code); /* the county's code: its first six digits */
    if (actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_ADMIN)
        return sh_fail(err, SH_EPERM, "", "示范创建由县局编辑 (the county edits the campaign)");
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *name = NULL;
    char today[11], from[11], until[11] = "";
    sh_today(today);
    int rc = sh_body_text(body, "name", "创建名称", 4, 100, &name, err);
    if (rc == 0)
        rc = dm_date(body, "starts_on", "启动日期", today, from, err);
    if (rc == 0 && json_object_get(body, "ends_on") && !json_is_null(json_object_get(body, "ends_on")))
        rc = dm_date(body, "ends_on", "验收日期", NULL, until, err);
    if (rc == 0 && *until && strcmp(until, from) < 0)
        rc = sh_fail(err, SH_EINVAL, "ends_on", "验收日期：不得早于启动日期 (ends_on must not be before starts_on)");
    if (rc == 0 && actor->role == SH_ROLE_ADMIN) { /* the administrator works for the county of the divisions on file */
        sh_stmt *st = sh_db_prepare(db, "SELECT code FROM divisions WHERE level = 1 ORDER BY code", err);
        rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
        if (rc == SH_ROW)
            snprintf(county, sizeof county, "%s", sh_col_text(st, 0));
        sh_stmt_done(st);
        rc = rc < 0 ? rc : 0;
    }
    if (rc)
        return rc;
    int64_t id = 0;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO demonstration_campaigns(division_code, name, starts_on, ends_on, created_by, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (st) {
        sh_bind_text(st, 1, county);
        sh_bind_text(st, 2, name);
        sh_bind_text(st, 3, from);
        sh_bind_text_or_null(st, 4, *until ? until : NULL);
        sh_bind_int64_or_null(st, 5, actor->user_id);
        sh_bind_int64(st, 6, sh_now_ms());
    }
    rc = sh_stmt_insert_id(st, &id, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s}", "name", name, "starts_on", from);
        rc = sh_audit(db, actor, "create", "demonstration_campaign", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_dm_campaign_get(db, actor, id, ret, err);
}

static json_t *veto_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "kind", sh_col_text(st, 1), "kind_label",
                     !strcmp(sh_col_text(st, 1), "incident") ? "重大食品安全事故" : "其他否决事项", "occurred_on", sh_col_text(st, 2),
                     "description", sh_col_text(st, 3));
}

/* {total, done, open, overdue} of the tasks of campaign id the actor reaches. */
static int figures(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT count(*), COALESCE(sum(CASE WHEN t.status = 'done' THEN 1 ELSE 0 END), 0),"
                   " COALESCE(sum(CASE WHEN t.status = 'open' AND t.due_on < ");
    sh_qb_text(&qb, today);
    sh_qb_sql(&qb, " THEN 1 ELSE 0 END), 0) FROM demonstration_tasks t JOIN demonstration_campaigns c ON c.id = t.campaign_id WHERE c.id = ");
    sh_qb_int64(&qb, id);
    dm_task_reach(&qb, actor);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    int rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    if (rc == SH_ROW) {
        int64_t total = sh_col_int64(st, 0), done = sh_col_int64(st, 1);
        *ret = json_pack("{s:I, s:I, s:I, s:I}", "total", (json_int_t)total, "done", (json_int_t)done, "open", (json_int_t)(total - done),
                         "overdue", (json_int_t)sh_col_int64(st, 2));
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_dm_campaign_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    char division[13];
    int county = 0;
    int rc = dm_campaign_load(db, actor, id, division, &county, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT name, starts_on, ends_on FROM demonstration_campaigns WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    json_t *out = NULL;
    if ((rc = sh_stmt_step(st, err)) == SH_ROW)
        out = json_pack("{s:I, s:s, s:s, s:o, s:b}", "id", (json_int_t)id, "name", sh_col_text(st, 0), "starts_on", sh_col_text(st, 1), "ends_on",
                        sh_col_text_json(st, 2), "editable", !dm_county_edit(actor, county, NULL));
    sh_stmt_done(st);
    if (!out)
        return rc < 0 ? rc : SH_EINTERNAL;
    json_t *vetoes = json_array(), *fig = NULL;
    st = sh_db_prepare(db, "SELECT id, kind, occurred_on, description FROM demonstration_vetoes WHERE campaign_id = ? ORDER BY occurred_on, id", err);
    if (st)
        sh_bind_int64(st, 1, id);
    rc = st ? sh_rows_append(st, veto_row, NULL, vetoes, err) : SH_EINTERNAL;
    json_object_set_new(out, "vetoed", json_boolean(json_array_size(vetoes) > 0));
    json_object_set_new(out, "vetoes", vetoes);
    if (rc == 0 && (rc = figures(db, actor, id, &fig, err)) == 0)
        json_object_set_new(out, "figures", fig);
    if (rc == 0)
        *ret = out;
    else
        json_decref(out);
    return rc;
}

static json_t *campaign_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:s, s:o, s:b}", "id", (json_int_t)sh_col_int64(st, 0), "name", sh_col_text(st, 1), "starts_on", sh_col_text(st, 2),
                     "ends_on", sh_col_text_json(st, 3), "vetoed", sh_col_int64(st, 4) > 0);
}

static void campaigns_from_where(sh_qb *qb, const void *ctx)
{
    const sh_principal *actor = ctx;
    sh_qb_sql(qb, " FROM demonstration_campaigns c0 WHERE EXISTS (SELECT 1 FROM demonstration_campaigns c LEFT JOIN demonstration_tasks t"
                  " ON t.campaign_id = c.id WHERE c.id = c0.id");
    dm_task_reach(qb, actor);
    sh_qb_sql(qb, ")");
}

int sh_dm_campaigns_list(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err)
{
    sh_page_query q = {"c0.id, c0.name, c0.starts_on, c0.ends_on, (SELECT count(*) FROM demonstration_vetoes v WHERE v.campaign_id = c0.id)",
                       campaigns_from_where, actor, " ORDER BY c0.starts_on DESC, c0.id DESC", page->limit, page->offset, campaign_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}

int sh_dm_veto_add(sh_db *db, const sh_principal *actor, int64_t campaign_id, json_t *body, json_t **ret, sh_err *err)
{
    char division[13], today[11], on[11];
    int county = 0;
    int rc = dm_campaign_load(db, actor, campaign_id, division, &county, err);
    if (rc == 0)
        rc = dm_county_edit(actor, county, err);
    if (rc)
        return rc;
    sh_today(today);
    const char *kind = json_string_value(json_object_get(body, "kind")), *description = NULL;
    if (!kind || (strcmp(kind, "incident") && strcmp(kind, "other")))
        return sh_fail(err, SH_EINVAL, "kind", "否决事项类别：应为incident（重大食品安全事故）或other (kind must be incident or other)");
    if ((rc = dm_date(body, "occurred_on", "发生日期", NULL, on, err)) != 0 ||
        (rc = sh_body_text(body, "description", "事项说明", 4, 1000, &description, err)) != 0)
        return rc;
    if (strcmp(on, today) > 0)
        return sh_fail(err, SH_EINVAL, "occurred_on", "发生日期：不得晚于今天 (occurred_on must not be in the future)");
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    int64_t id = 0;
    rc = dm_insert_row(db, actor,
                       "INSERT INTO demonstration_vetoes(campaign_id, kind, occurred_on, description, created_by, created_at)"
                       " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                       campaign_id, kind, on, description, &id, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s, s:s}", "campaign_id", (json_int_t)campaign_id, "kind", kind, "occurred_on", on, "description",
                                  description);
        rc = sh_audit(db, actor, "veto", "demonstration_campaign", campaign_id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_dm_campaign_get(db, actor, campaign_id, ret, err);
}
