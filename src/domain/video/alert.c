#include "domain/video/alert.h"
#include "domain/video/hazard_push.h"
#include "domain/base/settings.h"
#include "core/civil.h"
#include "store/rows.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/loop/rectify.h"
#include "domain/risk/risk.h"
#include "store/qb.h"

static int is_official(const sh_principal *a)
{
    return a->role == SH_ROLE_ADMIN || a->role == SH_ROLE_COUNTY || a->role == SH_ROLE_TOWNSHIP || a->role == SH_ROLE_VILLAGE;
}

static int require_viewer(const sh_principal *actor, sh_err *err)
{
    if (!is_official(actor) && actor->role != SH_ROLE_BUSINESS)
        return sh_fail(err, SH_EPERM, "", "告警由县、乡镇、村(社区)监管人员查看 (alerts are for county, township and village officials)");
    return 0;
}

int sh_local_day_ms(const char *date, const char *field, int64_t *ret, sh_err *err)
{
    int y, m, d;
    if (!date || !sh_date_valid(date, &y, &m, &d))
        return sh_fail(err, SH_EINVAL, field, "日期应为YYYY-MM-DD (must be a real date YYYY-MM-DD)");
    *ret = sh_beijing_day_start_ms(sh_days_from_civil(y, m, d));
    return 0;
}

#define ALERT_SELECT                                                                                         \
    "SELECT a.id, a.status, a.camera_id, c.name, c.area, coalesce(ca.label, c.area), a.entity_id, e.name,"    \
    " coalesce(t.code, ''), coalesce(t.name, ''), a.violation, v.label, a.first_at, a.last_at, a.observations," \
    " a.max_score, a.box, a.snapshot_id, a.reviewed_by, u.display_name, a.reviewed_at, a.review_note,"         \
    " a.rectification_id, r.status, r.deadline, a.created_at"                                                 \
    " FROM alerts a JOIN entities e ON e.id = a.entity_id JOIN cameras c ON c.id = a.camera_id"              \
    " JOIN violation_types v ON v.code = a.violation LEFT JOIN camera_areas ca ON ca.code = c.area"           \
    " LEFT JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000'"                             \
    " LEFT JOIN users u ON u.id = a.reviewed_by LEFT JOIN rectifications r ON r.id = a.rectification_id WHERE 1 = 1"

#define OPT_TEXT(c) (sh_col_is_null(st, c) ? NULL : sh_col_text(st, c))
#define OPT_INT(c) (sh_col_is_null(st, c) ? json_null() : json_integer(sh_col_int64(st, c)))

static json_t *box_json(sh_stmt *st, int col)
{
    json_t *b = sh_col_is_null(st, col) ? NULL : json_loads(sh_col_text(st, col), 0, NULL);
    return b ? b : json_null();
}

static json_t *alert_json(sh_stmt *st)
{
    json_t *order = sh_col_is_null(st, 22)
                        ? json_null()
                        : json_pack("{s:I, s:s, s:s}", "id", (json_int_t)sh_col_int64(st, 22), "status", sh_col_text(st, 23),
                                    "deadline", sh_col_text(st, 24));
    return json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:f, s:o, s:o, s:o,"
                     " s:s*, s:o, s:s*, s:o, s:o, s:I}",
                     "id", (json_int_t)sh_col_int64(st, 0), "status", sh_col_text(st, 1), "camera_id",
                     (json_int_t)sh_col_int64(st, 2), "camera_name", sh_col_text(st, 3), "area", sh_col_text(st, 4),
                     "area_label", sh_col_text(st, 5), "entity_id", (json_int_t)sh_col_int64(st, 6), "entity_name",
                     sh_col_text(st, 7), "township_code", sh_col_text(st, 8), "township_name", sh_col_text(st, 9),
                     "violation", sh_col_text(st, 10), "violation_label", sh_col_text(st, 11), "first_at",
                     (json_int_t)sh_col_int64(st, 12), "last_at", (json_int_t)sh_col_int64(st, 13), "observation_count",
                     (json_int_t)sh_col_int64(st, 14), "max_score", sh_col_double(st, 15), "box", box_json(st, 16),
                     "snapshot_id", OPT_INT(17), "reviewed_by", OPT_INT(18), "reviewer", OPT_TEXT(19), "reviewed_at",
                     OPT_INT(20), "review_note", OPT_TEXT(21), "rectification_id", OPT_INT(22), "rectification", order,
                     "created_at", (json_int_t)sh_col_int64(st, 25));
}

static int known_violation(sh_db *db, const char *code, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT 1 FROM violation_types WHERE code = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_EINVAL, "violation", "未知的违规类型 (unknown violation code)");
}

static int status_valid(const char *s)
{
    return !strcmp(s, "open") || !strcmp(s, "confirmed") || !strcmp(s, "false_positive") || !strcmp(s, "pending");
}

static json_t *alert_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return alert_json(st);
}

int sh_alerts_list(sh_db *db, const sh_principal *actor, const sh_alert_filter *f, json_t **ret, sh_err *err)
{
    int rc = require_viewer(actor, err);
    if (rc)
        return rc;
    int business = actor->role == SH_ROLE_BUSINESS;
    const char *status = f->status ? f->status : business ? "confirmed" : "open";
    if (!status_valid(status))
        return sh_fail(err, SH_EINVAL, "status", "状态应为open、confirmed、false_positive或pending (unknown status)");
    if (business && strcmp(status, "confirmed"))
        return sh_fail(err, SH_EPERM, "status", "经营主体只能查看已确认的告警 (a business sees its confirmed alerts only)");
    if (f->violation && (rc = known_violation(db, f->violation, err)) != 0)
        return rc;
    if (f->township && (strlen(f->township) != 12 || sh_check_division_code(f->township, "township", NULL) != 0))
        return sh_fail(err, SH_EINVAL, "township", "乡镇代码应为12位数字 (township must be a 12-digit code)");
    int64_t from = 0, to = 0;
    if (f->from && (rc = sh_local_day_ms(f->from, "from", &from, err)) != 0)
        return rc;
    if (f->to && (rc = sh_local_day_ms(f->to, "to", &to, err)) != 0)
        return rc;
    if (f->from && f->to && to < from)
        return sh_fail(err, SH_EINVAL, "to", "结束日期不能早于开始日期 (to is before from)");
    if (f->limit < 1 || f->limit > 200)
        return sh_fail(err, SH_EINVAL, "limit", "应为1-200 (must be 1-200)");
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, ALERT_SELECT " AND a.status = ");
    sh_qb_text(&qb, status);
    sh_scope_entities(&qb, &actor->scope, "e");
    if (f->violation) {
        sh_qb_sql(&qb, " AND a.violation = ");
        sh_qb_text(&qb, f->violation);
    }
    if (f->entity_id) {
        sh_qb_sql(&qb, " AND a.entity_id = ");
        sh_qb_int64(&qb, f->entity_id);
    }
    if (f->camera_id) {
        sh_qb_sql(&qb, " AND a.camera_id = ");
        sh_qb_int64(&qb, f->camera_id);
    }
    if (f->township) {
        char p[13];
        sh_division_prefix(f->township, p);
        sh_qb_division_prefix(&qb, "e.division_code", p);
    }
    if (f->from) {
        sh_qb_sql(&qb, " AND a.first_at >= ");
        sh_qb_int64(&qb, from);
    }
    if (f->to) {
        sh_qb_sql(&qb, " AND a.first_at < ");
        sh_qb_int64(&qb, to + 86400000);
    }
    if (f->cursor) {
        sh_qb_sql(&qb, " AND a.id < ");
        sh_qb_int64(&qb, f->cursor);
    }
    sh_qb_sql(&qb, " ORDER BY a.id DESC LIMIT ");
    sh_qb_int64(&qb, f->limit + 1);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    rc = sh_rows_append(st, alert_row, NULL, items, err);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    /* one row more than the page tells whether there is a next page; the cursor is text, as elsewhere */
    char next[32] = "";
    if (json_array_size(items) > (size_t)f->limit) {
        json_array_remove(items, (size_t)f->limit);
        snprintf(next, sizeof next, "%lld",
                 (long long)json_integer_value(json_object_get(json_array_get(items, (size_t)f->limit - 1), "id")));
    }
    *ret = json_pack("{s:o, s:s*}", "items", items, "next_cursor", next[0] ? next : NULL);
    return 0;
}

/* The alert as the actor may see it (a business: its own, confirmed), without observations. */
static int load_alert(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    int rc = require_viewer(actor, err);
    if (rc)
        return rc;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, ALERT_SELECT " AND a.id = ");
    sh_qb_int64(&qb, id);
    sh_scope_entities(&qb, &actor->scope, "e");
    if (actor->role == SH_ROLE_BUSINESS)
        sh_qb_sql(&qb, " AND a.status = 'confirmed'");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret = alert_json(st);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_ENOTFOUND, "id", "告警不存在或不在您的管辖范围内 (no such alert in your jurisdiction)");
    return 0;
}

static json_t *observation_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:I, s:s, s:f, s:o, s:o, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "observed_at",
                     (json_int_t)sh_col_int64(st, 1), "label", sh_col_text(st, 2), "score", sh_col_double(st, 3), "box",
                     box_json(st, 4), "snapshot_id", OPT_INT(5), "source", sh_col_text(st, 6));
}

static void observations_from_where(sh_qb *qb, const void *ctx)
{
    sh_qb_sql(qb, " FROM observations WHERE alert_id = ");
    sh_qb_int64(qb, *(const int64_t *)ctx);
}

int sh_alert_get(sh_db *db, const sh_principal *actor, int64_t id, const sh_page *obs_page, json_t **ret, sh_err *err)
{
    json_t *a = NULL, *obs = NULL;
    int rc = load_alert(db, actor, id, &a, err);
    if (rc)
        return rc;
    sh_page_query q = {"id, observed_at, label, score, box, snapshot_id, source", observations_from_where, &id, " ORDER BY observed_at, id",
                       obs_page->limit, obs_page->offset, observation_row, NULL};
    if ((rc = sh_rows_page(db, &q, &obs, err)) != 0) {
        json_decref(a);
        return rc;
    }
    json_object_set(a, "observations", json_object_get(obs, "items"));
    json_object_set(a, "observations_total", json_object_get(obs, "total"));
    json_decref(obs);
    *ret = a;
    return 0;
}

/* ---- review ---- */

typedef struct review_ctx {
    int64_t entity_id;
    char status[16];
    char title[400];
    char requirement[600];
    int deadline_wd;
    int64_t snapshot_id; /* what the order shows: the alert's picture and box */
    char box[128];
} review_ctx;

/* The alert (in the actor's jurisdiction) with what an order needs. */
static int load_for_review(sh_db *db, const sh_principal *actor, int64_t id, review_ctx *x, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb,
              "SELECT a.status, a.entity_id, v.label, v.requirement, c.name, coalesce(ru.deadline_wd, 3), a.snapshot_id, a.box"
              " FROM alerts a JOIN entities e ON e.id = a.entity_id JOIN cameras c ON c.id = a.camera_id"
              " JOIN violation_types v ON v.code = a.violation LEFT JOIN alert_rules ru ON ru.violation = a.violation"
              " WHERE a.id = ");
    sh_qb_int64(&qb, id);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        snprintf(x->status, sizeof x->status, "%s", sh_col_text(st, 0));
        x->entity_id = sh_col_int64(st, 1);
        snprintf(x->title, sizeof x->title, "视频监控发现%s（%s）", sh_col_text(st, 2), sh_col_text(st, 4));
        snprintf(x->requirement, sizeof x->requirement, "%s", sh_col_text(st, 3));
        x->deadline_wd = (int)sh_col_int64(st, 5);
        x->snapshot_id = sh_col_int64(st, 6);
        snprintf(x->box, sizeof x->box, "%s", sh_col_text(st, 7));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_ENOTFOUND, "id", "告警不存在或不在您的管辖范围内 (no such alert in your jurisdiction)");
    if (strcmp(x->status, "open")) {
        const char *zh = !strcmp(x->status, "confirmed") ? "已确认" : !strcmp(x->status, "false_positive") ? "误报" : "持续观察中";
        return sh_fail(err, SH_EEXIST, "status", "告警当前状态为“%s”，只能审核待审核的告警 (the alert is %s; only open alerts are reviewed)", zh,
                       x->status);
    }
    return 0;
}

static int exec_update(sh_db *db, const char *sql, const sh_principal *actor, const char *text, int64_t value, int64_t id,
                       sh_err *err)
{
    /* binds ?1 text, ?2 value, ?3 now, ?4 acting user, ?5 alert id */
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, text);
    sh_bind_int64(st, 2, value);
    sh_bind_int64(st, 3, sh_now_ms());
    sh_bind_int64_or_null(st, 4, actor->user_id);
    sh_bind_int64(st, 5, id);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return sh_db_changes(db) == 1 ? 0 : sh_fail(err, SH_EEXIST, "status", "告警已被他人审核 (the alert was reviewed meanwhile)");
}

static int link_order(sh_db *db, int64_t id, int64_t order, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "UPDATE alerts SET rectification_id = ? WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, order);
    sh_bind_int64(st, 2, id);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_alert_review(sh_db *db, const sh_principal *actor, int64_t id, const char *decision, const char *note,
                    int64_t *ret_order, sh_err *err)
{
    int rc;
    if (actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_TOWNSHIP)
        return sh_fail(err, SH_EPERM, "", "告警由县局或乡镇监管人员审核 (county or township officials review alerts)");
    int confirm = decision && !strcmp(decision, "confirm");
    if (!confirm && (!decision || strcmp(decision, "false_positive")))
        return sh_fail(err, SH_EINVAL, "decision", "应为confirm（确认隐患）或false_positive（误报） (decision must be confirm or false_positive)");
    if (note && (rc = sh_check_text(note, 0, 500, "note", err)) != 0)
        return rc;
    if (note && !*note)
        note = NULL;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    review_ctx x = {0};
    int64_t order = 0;
    rc = load_for_review(db, actor, id, &x, err);
    if (rc == 0)
        rc = exec_update(db,
                         "UPDATE alerts SET status = CASE WHEN ?2 = 1 THEN 'confirmed' ELSE 'false_positive' END, review_note = ?1,"
                         " reviewed_at = ?3, reviewed_by = ?4 WHERE id = ?5 AND status = 'open'",
                         actor, note, confirm, id, err);
    if (rc == 0 && confirm) {
        /* the hazard: an order in the business's inbox, pushed to its phone, and its risk moves */
        sh_rectify_order o = {.entity_id = x.entity_id, .source_type = "video_alert", .source_id = id, .title = x.title,
                              .requirement = x.requirement, .workdays = x.deadline_wd, .snapshot_id = x.snapshot_id,
                              .box = x.box[0] ? x.box : NULL};
        rc = sh_rectify_open(db, actor, &o, &order, err);
        if (rc == 0)
            rc = link_order(db, id, order, err);
        if (rc == 0)
            rc = sh_hazard_push(db, "hazard.created", order, err);
        if (rc == 0)
            rc = sh_risk_regrade(db, x.entity_id, "video_alert", NULL, err);
    }
    if (rc == 0) {
        json_t *before = json_pack("{s:s}", "status", "open");
        json_t *after = json_pack("{s:s, s:s*, s:o}", "status", confirm ? "confirmed" : "false_positive", "note", note,
                                  "rectification_id", order ? json_integer(order) : json_null());
        rc = sh_audit(db, actor, "review", "alert", id, before, after, err);
        json_decref(before);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    if (rc) {
        return rc;
    }
    if (ret_order)
        *ret_order = order;
    return 0;
}
