#include "domain/video/patrol.h"
#include "store/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rng.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/identity/auth.h"
#include "domain/base/calendar.h"
#include "domain/video/camera.h"
#include "domain/video/hazard_push.h"
#include "domain/loop/rectify.h"
#include "domain/base/settings.h"
#include "domain/registry/registry.h"
#include "store/qb.h"

#define MAX_CANDIDATES 50000

int sh_patrol_week(const char *date, char out[11], sh_err *err)
{
    if (!date || !sh_date_valid(date, NULL, NULL, NULL))
        return sh_fail(err, SH_EINVAL, "week", "日期应为YYYY-MM-DD (must be a real date YYYY-MM-DD)");
    sh_date_add_days(date, -sh_weekday_of_days(sh_date_days(date)), out);
    return 0;
}

uint64_t sh_patrol_seed(int64_t user_id, const char *week)
{
    return ((uint64_t)user_id << 32) ^ (uint64_t)sh_date_days(week);
}

size_t sh_patrol_pick(const int64_t *candidates, size_t n, uint64_t seed, size_t k, int64_t *out)
{
    int64_t *a = malloc((n ? n : 1) * sizeof *a);
    if (!a)
        return 0;
    memcpy(a, candidates, n * sizeof *a);
    uint64_t s = seed;
    for (size_t i = n; i > 1; i--) { /* Fisher-Yates from the end, as inspect.c shuffles */
        size_t j = (size_t)(sh_splitmix64(&s) % i);
        int64_t t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
    size_t m = k < n ? k : n;
    memcpy(out, a, m * sizeof *a);
    free(a);
    return m;
}

static int require_patroller(const sh_principal *a, sh_err *err)
{
    if (a->role == SH_ROLE_COUNTY || a->role == SH_ROLE_TOWNSHIP || a->role == SH_ROLE_VILLAGE)
        return 0;
    return sh_fail(err, SH_EPERM, "", "在线巡查由县、乡镇、村(社区)干部进行 (online patrols are for county, township and village officials)");
}

/* Enabled cameras of active businesses in the scope, in id order. *ret_ids is malloc'ed. */
static int candidates_of(sh_db *db, const sh_scope *scope, int64_t **ret_ids, size_t *ret_n, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT c.id FROM cameras c JOIN entities e ON e.id = c.entity_id WHERE c.enabled = 1 AND e.status = 'active'");
    sh_scope_entities(&qb, scope, "e");
    sh_qb_sql(&qb, " ORDER BY c.id LIMIT ");
    sh_qb_int64(&qb, MAX_CANDIDATES);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    size_t n = 0, cap = 64;
    int64_t *ids = malloc(cap * sizeof *ids);
    int rc;
    while (ids && (rc = sh_stmt_step(st, err)) == SH_ROW) {
        if (n == cap) {
            int64_t *more = realloc(ids, 2 * cap * sizeof *ids);
            if (!more) {
                free(ids);
                ids = NULL;
                break;
            }
            ids = more;
            cap *= 2;
        }
        ids[n++] = sh_col_int64(st, 0);
    }
    sh_stmt_done(st);
    if (!ids)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    if (rc < 0) {
        free(ids);
        return rc;
    }
    *ret_ids = ids;
    *ret_n = n;
    return 0;
}

/* The stored draw of (user, week), or NULL. */
static json_t *draw_of(sh_db *db, int64_t user_id, const char *week)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT seed, candidates, picked, created_at FROM patrol_draws WHERE user_id = ? AND week = ?", NULL);
    if (!st)
        return NULL;
    sh_bind_int64(st, 1, user_id);
    sh_bind_text(st, 2, week);
    json_t *d = NULL;
    if (sh_stmt_step(st, NULL) == SH_ROW) {
        json_t *cands = json_loads(sh_col_text(st, 1), 0, NULL);
        d = json_pack("{s:I, s:o, s:I, s:I}", "seed", (json_int_t)sh_col_int64(st, 0), "candidates", cands ? cands : json_array(),
                      "picked", (json_int_t)sh_col_int64(st, 2), "drawn_at", (json_int_t)sh_col_int64(st, 3));
    }
    sh_stmt_done(st);
    return d;
}

/* Draws the actor's tasks for week inside a transaction, unless they were drawn meanwhile. */
static int draw_week(sh_db *db, const sh_principal *actor, const char *week, sh_err *err)
{
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    json_t *existing = draw_of(db, actor->user_id, week);
    if (existing) {
        json_decref(existing);
        return sh_db_finish(db, 0, err);
    }
    int64_t *cands = NULL;
    size_t n = 0;
    if ((rc = candidates_of(db, &actor->scope, &cands, &n, err)) != 0)
        return sh_db_finish(db, rc, err);
    if (n == 0) { /* nothing to patrol yet: drawn when cameras appear */
        free(cands);
        return sh_db_finish(db, 0, err);
    }
    int per_week = sh_setting_int(db, "patrol_cameras_per_week", 5);
    if (per_week < 0)
        per_week = 0;
    uint64_t seed = sh_patrol_seed(actor->user_id, week);
    int64_t *picked = malloc(n * sizeof *picked);
    size_t m = picked ? sh_patrol_pick(cands, n, seed, (size_t)per_week, picked) : 0;
    if (!picked)
        rc = sh_fail(err, SH_EINTERNAL, "", "out of memory");
    json_t *list = json_array(), *chosen = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, json_integer(cands[i]));
    int64_t now = sh_now_ms();
    for (size_t i = 0; rc == 0 && i < m; i++) {
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO patrol_tasks(user_id, week, camera_id, entity_id, created_at)"
                                    " SELECT ?, ?, id, entity_id, ? FROM cameras WHERE id = ?",
                                    err);
        if (!st) {
            rc = SH_EINTERNAL;
            break;
        }
        sh_bind_int64(st, 1, actor->user_id);
        sh_bind_text(st, 2, week);
        sh_bind_int64(st, 3, now);
        sh_bind_int64(st, 4, picked[i]);
        rc = sh_stmt_step(st, err);
        sh_stmt_done(st);
        rc = rc < 0 ? rc : 0;
        json_array_append_new(chosen, json_integer(picked[i]));
    }
    if (rc == 0) {
        char *text = json_dumps(list, JSON_COMPACT);
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO patrol_draws(user_id, week, seed, candidates, picked, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                                    err);
        rc = st && text ? 0 : SH_EINTERNAL;
        if (st) {
            sh_bind_int64(st, 1, actor->user_id);
            sh_bind_text(st, 2, week);
            sh_bind_int64(st, 3, (int64_t)seed);
            sh_bind_text(st, 4, text);
            sh_bind_int64(st, 5, (int64_t)m);
            sh_bind_int64(st, 6, now);
            if (rc == 0)
                rc = sh_stmt_step(st, err);
            sh_stmt_done(st);
            rc = rc < 0 ? rc : 0;
        }
        free(text);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:I, s:I, s:O}", "week", week, "seed", (json_int_t)seed, "candidates", (json_int_t)n,
                                  "cameras", chosen);
        rc = sh_audit(db, actor, "patrol_draw", "user", actor->user_id, NULL, after, err);
        json_decref(after);
    }
    json_decref(list);
    json_decref(chosen);
    free(picked);
    free(cands);
    return sh_db_finish(db, rc, err);
}

#define TASK_SELECT                                                                                              \
    "SELECT p.id, p.week, p.camera_id, c.name, c.area, coalesce(ca.label, c.area), p.entity_id, e.name,"          \
    " coalesce(t.name, ''), c.stream_url, c.enabled, c.last_heartbeat_at, c.offline_since, c.last_snapshot_id,"  \
    " p.status, p.outcome, p.findings, p.rectification_id, p.snapshot_id, p.done_at"                              \
    " FROM patrol_tasks p JOIN cameras c ON c.id = p.camera_id JOIN entities e ON e.id = p.entity_id"            \
    " LEFT JOIN camera_areas ca ON ca.code = c.area LEFT JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000'" \
    " WHERE p.user_id = "

#define OPT_TEXT(c) (sh_col_is_null(st, c) ? NULL : sh_col_text(st, c))
#define OPT_INT(c) (sh_col_is_null(st, c) ? json_null() : json_integer(sh_col_int64(st, c)))

static json_t *task_json(sh_stmt *st, int64_t offline_ms)
{
    int64_t now = sh_now_ms();
    /* as the camera registry counts it: enabled and heard from within camera_offline_after_s */
    int online = sh_col_int64(st, 10) && !sh_col_is_null(st, 11) && sh_col_int64(st, 11) >= now - offline_ms;
    return json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:b, s:o, s:o, s:o, s:s, s:s*, s:s*, s:o, s:o, s:o}",
                     "id", (json_int_t)sh_col_int64(st, 0), "week", sh_col_text(st, 1), "camera_id",
                     (json_int_t)sh_col_int64(st, 2), "camera_name", sh_col_text(st, 3), "area", sh_col_text(st, 4),
                     "area_label", sh_col_text(st, 5), "entity_id", (json_int_t)sh_col_int64(st, 6), "entity_name",
                     sh_col_text(st, 7), "township_name", sh_col_text(st, 8), "stream_url", sh_col_text(st, 9), "online",
                     online, "last_heartbeat_at", OPT_INT(11), "offline_since", OPT_INT(12), "last_snapshot_id", OPT_INT(13),
                     "status", sh_col_text(st, 14), "outcome", OPT_TEXT(15), "findings", OPT_TEXT(16), "rectification_id",
                     OPT_INT(17), "snapshot_id", OPT_INT(18), "done_at", OPT_INT(19));
}

static json_t *task_row(sh_stmt *st, void *ctx)
{
    const int64_t offline_ms = *(const int64_t *)ctx;
    return task_json(st, offline_ms);
}

/* Tasks of the actor (within its jurisdiction): of a week, or the one with id task_id. */
static int tasks_query(sh_db *db, const sh_principal *actor, const char *week, int64_t task_id, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, TASK_SELECT);
    sh_qb_int64(&qb, actor->user_id);
    if (week) {
        sh_qb_sql(&qb, " AND p.week = ");
        sh_qb_text(&qb, week);
    }
    if (task_id) {
        sh_qb_sql(&qb, " AND p.id = ");
        sh_qb_int64(&qb, task_id);
    }
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " ORDER BY p.id LIMIT 1000");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int64_t offline_ms = sh_camera_offline_after_ms(db);
    json_t *items = json_array();
    int rc;
    rc = sh_rows_append(st, task_row, &offline_ms, items, err);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret = items;
    return 0;
}

int sh_patrols_mine(sh_db *db, const sh_principal *actor, const char *week, const char *today, json_t **ret, sh_err *err)
{
    char monday[11], this_week[11];
    int rc = require_patroller(actor, err);
    if (rc == 0)
        rc = sh_patrol_week(today, this_week, err);
    if (rc == 0)
        rc = sh_patrol_week(week ? week : today, monday, err);
    if (rc)
        return rc;
    if (strcmp(monday, this_week) > 0)
        return sh_fail(err, SH_EINVAL, "week", "不能提前抽取以后各周的巡查任务 (later weeks are not drawn yet)");
    json_t *draw = draw_of(db, actor->user_id, monday);
    if (!draw && !strcmp(monday, this_week)) {
        if ((rc = draw_week(db, actor, monday, err)) != 0)
            return rc;
        draw = draw_of(db, actor->user_id, monday);
    }
    json_t *items = NULL;
    if ((rc = tasks_query(db, actor, monday, 0, &items, err)) != 0) {
        json_decref(draw);
        return rc;
    }
    *ret = json_pack("{s:s, s:i, s:o, s:o}", "week", monday, "per_week", sh_setting_int(db, "patrol_cameras_per_week", 5),
                     "draw", draw ? draw : json_null(), "items", items);
    return 0;
}

/* ---- recording ---- */

static int set_done(sh_db *db, int64_t id, const char *outcome, const char *findings, int64_t order, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "UPDATE patrol_tasks SET status = 'done', outcome = ?, findings = ?, rectification_id = ?,"
                                " snapshot_id = (SELECT last_snapshot_id FROM cameras WHERE id = patrol_tasks.camera_id),"
                                " done_at = ? WHERE id = ? AND status = 'open'",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, outcome);
    sh_bind_text_or_null(st, 2, findings);
    sh_bind_int64_or_null(st, 3, order);
    sh_bind_int64(st, 4, sh_now_ms());
    sh_bind_int64(st, 5, id);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return sh_db_changes(db) == 1 ? 0 : sh_fail(err, SH_EEXIST, "status", "巡查任务已记录 (the task is already recorded)");
}

static int check_body(json_t *body, const char **outcome, const char **findings, const char **title, sh_err *err)
{
    int rc;
    *outcome = json_string_value(json_object_get(body, "outcome"));
    *findings = json_string_value(json_object_get(body, "findings"));
    *title = json_string_value(json_object_get(body, "title"));
    if (!*outcome || (strcmp(*outcome, "normal") && strcmp(*outcome, "problem") && strcmp(*outcome, "offline")))
        return sh_fail(err, SH_EINVAL, "outcome", "应为normal（正常）、problem（发现问题）或offline（离线） (outcome must be normal, problem or offline)");
    json_t *f = json_object_get(body, "findings"), *t = json_object_get(body, "title");
    if ((f && !json_is_string(f) && !json_is_null(f)))
        return sh_fail(err, SH_EINVAL, "findings", "应为文本 (must be text)");
    if ((t && !json_is_string(t) && !json_is_null(t)))
        return sh_fail(err, SH_EINVAL, "title", "应为文本 (must be text)");
    int problem = !strcmp(*outcome, "problem");
    if ((rc = sh_check_text(*findings, problem ? 4 : 0, 1000, "findings", err)) != 0) {
        if (problem && (!*findings || !**findings))
            snprintf(err->message, sizeof err->message, "发现问题须写明问题和整改要求 (a problem needs findings: what is wrong and what to do)");
        return rc;
    }
    if (*title && (rc = sh_check_text(*title, 2, 100, "title", err)) != 0)
        return rc;
    if (*title && !problem)
        return sh_fail(err, SH_EINVAL, "title", "只有发现问题时才填写整改标题 (a title is only for a problem)");
    return 0;
}

int sh_patrol_record(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, const char *today, json_t **ret,
                     sh_err *err)
{
    const char *outcome, *findings, *title;
    char this_week[11];
    int rc = require_patroller(actor, err);
    if (rc == 0)
        rc = check_body(body, &outcome, &findings, &title, err);
    if (rc == 0)
        rc = sh_patrol_week(today, this_week, err);
    if (rc)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    json_t *tasks = NULL;
    if ((rc = tasks_query(db, actor, NULL, id, &tasks, err)) != 0)
        return sh_db_finish(db, rc, err);
    json_t *task = json_array_get(tasks, 0);
    if (!task)
        rc = sh_fail(err, SH_ENOTFOUND, "id", "巡查任务不存在或不是您的任务 (no such patrol task of yours)");
    else if (strcmp(json_string_value(json_object_get(task, "status")), "open"))
        rc = sh_fail(err, SH_EEXIST, "status", "巡查任务已记录 (the task is already recorded)");
    else if (strcmp(json_string_value(json_object_get(task, "week")), this_week))
        rc = sh_fail(err, SH_EINVAL, "week", "只能记录本周的巡查任务 (only this week's tasks are recorded)");
    else if (!strcmp(outcome, "normal") && json_is_null(json_object_get(task, "last_snapshot_id")))
        /* "normal" says the picture was looked at: without one there was nothing to see */
        rc = sh_fail(err, SH_EINVAL, "outcome",
                     "该摄像头还没有画面，不能记录为正常，请记录为无画面（离线）或发现问题 (the camera has no picture yet: normal "
                     "needs one looked at; record offline or a problem)");
    int64_t order = 0;
    if (rc == 0 && !strcmp(outcome, "problem")) {
        char auto_title[300];
        snprintf(auto_title, sizeof auto_title, "在线巡查发现问题（%s）", json_string_value(json_object_get(task, "camera_name")));
        sh_rectify_order o = {.entity_id = json_integer_value(json_object_get(task, "entity_id")), .source_type = "patrol",
                              .source_id = id, .title = title ? title : auto_title, .requirement = findings,
                              .workdays = sh_setting_int(db, "patrol_rectify_days", 3),
                              /* the camera's latest picture, as the task keeps it (set_done below) */
                              .snapshot_id = json_integer_value(json_object_get(task, "last_snapshot_id"))};
        rc = sh_rectify_open(db, actor, &o, &order, err);
    }
    if (rc == 0)
        rc = set_done(db, id, outcome, findings, order, err);
    if (rc == 0 && order)
        rc = sh_hazard_push(db, "hazard.created", order, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s*, s:o}", "outcome", outcome, "findings", findings, "rectification_id",
                                  order ? json_integer(order) : json_null());
        rc = sh_audit(db, actor, "patrol", "patrol_task", id, NULL, after, err);
        json_decref(after);
    }
    json_decref(tasks);
    tasks = NULL;
    if (rc == 0)
        rc = tasks_query(db, actor, NULL, id, &tasks, err);
    rc = sh_db_finish(db, rc, err);
    if (rc) {
        json_decref(tasks);
        return rc;
    }
    *ret = json_incref(json_array_get(tasks, 0));
    json_decref(tasks);
    return 0;
}

/* ---- completion ---- */

/* How many cameras an official who has not drawn yet would be given. */
static int64_t would_draw(sh_db *db, int64_t user_id, int per_week)
{
    sh_principal p;
    if (sh_principal_load(db, user_id, &p, NULL) != 0)
        return 0;
    int64_t *ids = NULL;
    size_t n = 0;
    if (candidates_of(db, &p.scope, &ids, &n, NULL) != 0)
        return 0;
    free(ids);
    return (int64_t)n < per_week ? (int64_t)n : per_week;
}

static void add_to(json_t *o, const char *k, json_int_t n)
{
    json_object_set_new(o, k, json_integer(json_integer_value(json_object_get(o, k)) + n));
}

static json_t *inspector_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:s, s:s, s:b, s:I, s:I}", "user_id", (json_int_t)sh_col_int64(st, 0), "name",
                     sh_col_text(st, 1), "role", sh_col_text(st, 2), "division_code", sh_col_text(st, 3), "drawn",
                     (int)sh_col_int64(st, 6), "assigned", (json_int_t)sh_col_int64(st, 4), "done",
                     (json_int_t)sh_col_int64(st, 5));
}

int sh_patrol_completion(sh_db *db, const sh_principal *actor, const char *week, const char *today, json_t **ret,
                         sh_err *err)
{
    if (actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_TOWNSHIP &&
        actor->role != SH_ROLE_VILLAGE)
        return sh_fail(err, SH_EPERM, "", "巡查完成情况由监管人员查看 (patrol completion is for officials)");
    char monday[11];
    int rc = sh_patrol_week(week ? week : today, monday, err);
    if (rc)
        return rc;
    char area[13] = "";
    if (actor->role != SH_ROLE_VILLAGE && (rc = sh_principal_area_prefix(db, actor, area, err)) != 0)
        return rc;
    int per_week = sh_setting_int(db, "patrol_cameras_per_week", 5);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT u.id, u.display_name, u.role, coalesce(u.division_code, g.division_code, ''),"
                   " (SELECT count(*) FROM patrol_tasks p WHERE p.user_id = u.id AND p.week = ");
    sh_qb_text(&qb, monday);
    sh_qb_sql(&qb, "), (SELECT count(*) FROM patrol_tasks p WHERE p.user_id = u.id AND p.status = 'done' AND p.week = ");
    sh_qb_text(&qb, monday);
    sh_qb_sql(&qb, "), EXISTS (SELECT 1 FROM patrol_draws d WHERE d.user_id = u.id AND d.week = ");
    sh_qb_text(&qb, monday);
    sh_qb_sql(&qb, ") FROM users u LEFT JOIN grids g ON g.id = u.grid_id WHERE u.disabled = 0"
                   " AND u.role IN ('county', 'township', 'village')");
    if (actor->role == SH_ROLE_VILLAGE) {
        sh_qb_sql(&qb, " AND u.id = ");
        sh_qb_int64(&qb, actor->user_id);
    } else {
        sh_qb_division_prefix(&qb, "coalesce(u.division_code, g.division_code, '')", area);
    }
    sh_qb_sql(&qb, " ORDER BY u.role, u.id LIMIT 5000");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    rc = sh_rows_append(st, inspector_row, NULL, items, err);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    json_t *totals = json_pack("{s:I, s:i, s:i}", "officials", (json_int_t)json_array_size(items), "assigned", 0, "done", 0);
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        if (!json_is_true(json_object_get(it, "drawn")))
            json_object_set_new(it, "assigned", json_integer(would_draw(db, json_integer_value(json_object_get(it, "user_id")), per_week)));
        json_int_t assigned = json_integer_value(json_object_get(it, "assigned")), done = json_integer_value(json_object_get(it, "done"));
        json_object_set_new(it, "rate", json_real(assigned ? (double)done / (double)assigned : 1.0));
        add_to(totals, "assigned", assigned);
        add_to(totals, "done", done);
    }
    json_int_t ta = json_integer_value(json_object_get(totals, "assigned")), td = json_integer_value(json_object_get(totals, "done"));
    json_object_set_new(totals, "rate", json_real(ta ? (double)td / (double)ta : 1.0));
    *ret = json_pack("{s:s, s:i, s:o, s:o}", "week", monday, "per_week", per_week, "items", items, "totals", totals);
    return 0;
}
