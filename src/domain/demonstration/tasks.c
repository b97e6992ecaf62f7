/* Tasks of a campaign (demonstration.h): added by the county (or as a meeting's decisions), listed and
 * read within reach, progress reported by the county or the owner. A deadline given in working days is
 * the calendar engine's (base/calendar.c), counted from today or the meeting that decided it. */
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/demonstration/dm_int.h"
#include "domain/registry/registry.h"
#include "store/scope.h"

#define COLS                                                                                                                          \
    "t.id, t.campaign_id, c.name, t.meeting_id, t.title, t.owner_department, t.owner_division, d.name, t.owner_user_id, u.display_name," \
    " t.due_on, t.due_rule, t.status, t.progress, t.done_on"
#define FROM                                                                                                            \
    " FROM demonstration_tasks t JOIN demonstration_campaigns c ON c.id = t.campaign_id LEFT JOIN divisions d ON d.code = t.owner_division" \
    " LEFT JOIN users u ON u.id = t.owner_user_id"

static json_t *row(sh_stmt *st, void *ctx)
{
    const char *today = ctx, *status = sh_col_text(st, 12), *due = sh_col_text(st, 10);
    int overdue = !strcmp(status, "open") && strcmp(due, today) < 0;
    return json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:s, s:s, s:I, s:o, s:b}", "id", (json_int_t)sh_col_int64(st, 0),
                     "campaign_id", (json_int_t)sh_col_int64(st, 1), "campaign_name", sh_col_text(st, 2), "meeting_id", sh_col_int_json(st, 3),
                     "title", sh_col_text(st, 4), "owner_department", sh_col_text(st, 5), "owner_division", sh_col_text(st, 6),
                     "owner_division_name", sh_col_text_json(st, 7), "owner_user_id", sh_col_int_json(st, 8), "owner_user_name",
                     sh_col_text_json(st, 9), "due_on", due, "due_rule", sh_col_text_json(st, 11), "status", status, "status_label",
                     !strcmp(status, "done") ? "已完成" : overdue ? "已逾期" : "推进中", "progress", (json_int_t)sh_col_int64(st, 13), "done_on",
                     sh_col_text_json(st, 14), "overdue", overdue);
}

static json_t *note_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    char at[40];
    sh_time_format_local(sh_col_int64(st, 2), at, sizeof at);
    return json_pack("{s:s, s:I, s:s, s:o}", "note", sh_col_text(st, 0), "progress", (json_int_t)sh_col_int64(st, 1), "at", at, "by",
                     sh_col_text_json(st, 3));
}

int sh_dm_task_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " COLS FROM " WHERE t.id = ");
    sh_qb_int64(&qb, id);
    dm_task_reach(&qb, actor);
    json_t *items = json_array();
    int rc = sh_rows_append(sh_qb_prepare(db, &qb, err), row, today, items, err);
    sh_qb_release(&qb);
    if (rc == 0 && !json_array_size(items))
        rc = sh_fail(err, SH_ENOTFOUND, "id", "创建任务不存在 (no such task)");
    json_t *out = rc == 0 ? json_incref(json_array_get(items, 0)) : NULL;
    json_decref(items);
    if (rc == 0) {
        json_t *notes = json_array();
        sh_stmt *st = sh_db_prepare(db,
                                    "SELECT n.note, n.progress, n.at_ms, u.display_name FROM demonstration_task_notes n"
                                    " LEFT JOIN users u ON u.id = n.by_user WHERE n.task_id = ? ORDER BY n.id",
                                    err);
        if (st)
            sh_bind_int64(st, 1, id);
        rc = st ? sh_rows_append(st, note_row, NULL, notes, err) : SH_EINTERNAL;
        json_object_set_new(out, "notes", notes);
    }
    if (rc == 0)
        *ret = out;
    else
        json_decref(out);
    return rc;
}

/* Names the field of a decision: "decisions[0].title". */
static int fail_at(sh_err *err, const char *where)
{
    char field[sizeof err->field];
    snprintf(field, sizeof field, "%s%s", where, err->field);
    snprintf(err->field, sizeof err->field, "%s", field);
    return err->code;
}

int dm_task_insert(sh_db *db, const sh_principal *actor, int64_t campaign_id, const char *county, int64_t meeting_id, const char *from,
                   json_t *body, const char *where, int64_t *ret_id, sh_err *err)
{
    if (!json_is_object(body)) {
        sh_fail(err, SH_EINVAL, "title", "应为JSON对象 (must be a JSON object)");
        return fail_at(err, where);
    }
    const char *title = NULL, *dept = NULL, *owner = json_string_value(json_object_get(body, "owner_division"));
    char due[11], rule[32] = "";
    int rc = sh_body_text(body, "title", "任务名称", 2, 200, &title, err);
    if (rc == 0)
        rc = sh_body_text(body, "owner_department", "责任单位", 2, 100, &dept, err);
    json_t *wd = json_object_get(body, "due_workdays");
    if (rc == 0 && wd && !json_is_null(wd)) {
        if (!json_is_integer(wd) || json_integer_value(wd) < 1 || json_integer_value(wd) > 250)
            rc = sh_fail(err, SH_EINVAL, "due_workdays", "完成时限：应为1至250个工作日 (due_workdays must be 1 to 250)");
        if (rc == 0 && (rc = sh_workdays_add(db, from, (int)json_integer_value(wd), due, err)) == 0)
            snprintf(rule, sizeof rule, "%d个工作日", (int)json_integer_value(wd));
    } else if (rc == 0) {
        rc = dm_date(body, "due_on", "完成期限", NULL, due, err);
    }
    if (rc == 0 && !owner)
        owner = county;
    if (rc == 0 && strcmp(owner, county) && (strlen(owner) != 12 || strncmp(owner, county, 6))) /* the county itself or one of its townships */
        rc = sh_fail(err, SH_EINVAL, "owner_division", "责任乡镇：应为本县或本县乡镇的区划代码 (owner_division must be the county or one of its townships)");
    int64_t user = 0;
    json_t *uid = json_object_get(body, "owner_user_id");
    if (rc == 0 && uid && !json_is_null(uid)) {
        user = json_integer_value(uid);
        sh_stmt *st = sh_db_prepare(db, "SELECT division_code FROM users WHERE id = ? AND role IN ('county', 'township', 'village')", err);
        if (st)
            sh_bind_int64(st, 1, user);
        rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
        int ok = rc == SH_ROW && !strncmp(sh_col_text(st, 0), county, 6);
        sh_stmt_done(st);
        rc = rc < 0 ? rc : ok ? 0 : sh_fail(err, SH_EINVAL, "owner_user_id", "责任人：应为本县的监管人员 (owner_user_id must be an official of the county)");
    }
    if (rc == 0) {
        int level;
        rc = sh_division_level(db, owner, &level, err);
        rc = rc ? rc : (level == 1 || level == 2) ? 0 : sh_fail(err, SH_EINVAL, "owner_division", "责任乡镇：区划不存在 (no such county or township)");
    }
    if (rc)
        return fail_at(err, where);
    int64_t now = sh_now_ms();
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO demonstration_tasks(campaign_id, meeting_id, title, owner_department, owner_division, owner_user_id,"
                                " due_on, due_rule, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)"
                                " RETURNING id",
                                err);
    if (st) {
        sh_bind_int64(st, 1, campaign_id);
        sh_bind_int64_or_null(st, 2, meeting_id);
        sh_bind_text(st, 3, title);
        sh_bind_text(st, 4, dept);
        sh_bind_text(st, 5, owner);
        sh_bind_int64_or_null(st, 6, user);
        sh_bind_text(st, 7, due);
        sh_bind_text_or_null(st, 8, *rule ? rule : NULL);
        sh_bind_int64_or_null(st, 9, actor->user_id);
        sh_bind_int64(st, 10, now);
        sh_bind_int64(st, 11, now);
    }
    rc = sh_stmt_insert_id(st, ret_id, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s, s:s, s:s}", "campaign_id", (json_int_t)campaign_id, "title", title, "owner_department", dept,
                                  "owner_division", owner, "due_on", due);
        rc = sh_audit(db, actor, "create", "demonstration_task", *ret_id, NULL, after, err);
        json_decref(after);
    }
    return rc;
}

int sh_dm_task_create(sh_db *db, const sh_principal *actor, int64_t campaign_id, json_t *body, json_t **ret, sh_err *err)
{
    char division[13];
    int county = 0;
    int rc = dm_campaign_load(db, actor, campaign_id, division, &county, err);
    if (rc == 0)
        rc = dm_county_edit(actor, county, err);
    if (rc || (rc = sh_db_begin(db, err)) != 0)
        return rc;
    int64_t id = 0;
    char today[11];
    sh_today(today);
    rc = dm_task_insert(db, actor, campaign_id, division, 0, today, body, "", &id, err);
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_dm_task_get(db, actor, id, ret, err);
}

struct list_where {
    const sh_principal *actor;
    const sh_dm_task_filter *f;
    const char *today;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, FROM " WHERE 1 = 1");
    dm_task_reach(qb, w->actor);
    if (w->f->campaign_id) {
        sh_qb_sql(qb, " AND t.campaign_id = ");
        sh_qb_int64(qb, w->f->campaign_id);
    }
    if (w->f->meeting_id) {
        sh_qb_sql(qb, " AND t.meeting_id = ");
        sh_qb_int64(qb, w->f->meeting_id);
    }
    if (w->f->status) {
        sh_qb_sql(qb, " AND t.status = ");
        sh_qb_text(qb, w->f->status);
    }
    if (w->f->overdue) {
        sh_qb_sql(qb, " AND t.status = 'open' AND t.due_on < ");
        sh_qb_text(qb, w->today);
    }
}

int sh_dm_tasks_list(sh_db *db, const sh_principal *actor, const sh_dm_task_filter *f, const sh_page *page, json_t **ret, sh_err *err)
{
    if (f->status && strcmp(f->status, "open") && strcmp(f->status, "done"))
        return sh_fail(err, SH_EINVAL, "status", "状态：应为open或done (status must be open or done)");
    char today[11];
    sh_today(today);
    struct list_where w = {actor, f, today};
    sh_page_query q = {COLS, list_from_where, &w, " ORDER BY CASE WHEN t.status = 'open' THEN 0 ELSE 1 END, t.due_on, t.id", page->limit,
                       page->offset, row, today};
    return sh_rows_page(db, &q, ret, err);
}

int sh_dm_task_progress(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    json_t *cur = NULL;
    int rc = sh_dm_task_get(db, actor, id, &cur, err);
    if (rc)
        return rc;
    char division[13];
    int county = 0;
    rc = dm_campaign_load(db, actor, json_integer_value(json_object_get(cur, "campaign_id")), division, &county, err);
    const char *owner = json_string_value(json_object_get(cur, "owner_division"));
    int owns = json_integer_value(json_object_get(cur, "owner_user_id")) == actor->user_id ||
               (actor->role == SH_ROLE_TOWNSHIP && sh_scope_covers_division(&actor->scope, owner));
    int done_before = !strcmp(json_string_value(json_object_get(cur, "status")), "done");
    int64_t before = json_integer_value(json_object_get(cur, "progress"));
    json_decref(cur);
    if (rc == 0 && !owns && dm_county_edit(actor, county, NULL))
        rc = sh_fail(err, SH_EPERM, "", "进展由县局或责任单位填报 (the county or the owner reports progress)");
    const char *note = NULL;
    if (rc == 0)
        rc = sh_body_text(body, "note", "进展情况", 2, 1000, &note, err);
    json_t *p = json_object_get(body, "progress"), *d = json_object_get(body, "done");
    if (rc == 0 && p && !json_is_null(p) && (!json_is_integer(p) || json_integer_value(p) < 0 || json_integer_value(p) > 100))
        rc = sh_fail(err, SH_EINVAL, "progress", "完成进度：应为0至100 (progress must be 0 to 100)");
    if (rc == 0 && d && !json_is_boolean(d))
        rc = sh_fail(err, SH_EINVAL, "done", "是否完成：应为true或false (done must be true or false)");
    if (rc == 0 && done_before)
        rc = sh_fail(err, SH_EINVAL, "status", "任务已完成 (the task is done already)");
    if (rc)
        return rc;
    int done = json_is_true(d);
    int64_t progress = done ? 100 : p && json_is_integer(p) ? json_integer_value(p) : before;
    char today[11];
    sh_today(today);
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db,
                                "UPDATE demonstration_tasks SET progress = ?, status = ?, done_on = ?, updated_at = ? WHERE id = ? AND status = 'open'",
                                err);
    if (st) {
        sh_bind_int64(st, 1, progress);
        sh_bind_text(st, 2, done ? "done" : "open");
        sh_bind_text_or_null(st, 3, done ? today : NULL);
        sh_bind_int64(st, 4, sh_now_ms());
        sh_bind_int64(st, 5, id);
    }
    rc = sh_stmt_run(st, err);
    if (rc == 0 && (st = sh_db_prepare(db, "INSERT INTO demonstration_task_notes(task_id, note, progress, by_user, at_ms) VALUES (?, ?, ?, ?, ?)", err))) {
        sh_bind_int64(st, 1, id);
        sh_bind_text(st, 2, note);
        sh_bind_int64(st, 3, progress);
        sh_bind_int64_or_null(st, 4, actor->user_id);
        sh_bind_int64(st, 5, sh_now_ms());
        rc = sh_stmt_run(st, err);
    } else if (rc == 0) {
        rc = SH_EINTERNAL;
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:b, s:s}", "progress", (json_int_t)progress, "done", done, "note", note);
        rc = sh_audit(db, actor, "progress", "demonstration_task", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_dm_task_get(db, actor, id, ret, err);
}
