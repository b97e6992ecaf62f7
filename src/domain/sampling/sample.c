/* A sample as a task and as a record: creation, loading within the jurisdiction, the whole view and
 * the list (sample.h). The steps of its life are sample_steps.c; what follows a failure, failure.c. */
#include "domain/sampling/sample.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/calendar.h"
#include "domain/loop/attachment.h"
#include "domain/sampling/limits.h"
#include "domain/sampling/sample_int.h"
#include "store/qb.h"
#include "store/rows.h"
#include "store/scope.h"

int sh_sample_may_work(const sh_principal *actor)
{
    return actor->role == SH_ROLE_ADMIN || actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_TOWNSHIP ||
           actor->role == SH_ROLE_SAMPLER;
}

int sh_sample_kind_valid(const char *kind)
{
    return kind && (!strcmp(kind, "supervision") || !strcmp(kind, "evaluation") || !strcmp(kind, "monitoring"));
}

/* The samplers of a sample: 2 to 10 distinct users, samplers or inspectors not disabled, whose
 * jurisdiction nests with the business's. */
int sh_sample_check_samplers(sh_db *db, const int64_t *ids, int n, const char *entity_division, sh_err *err)
{
    if (n < 2 || n > 10)
        return sh_fail(err, SH_EINVAL, "samplers", "抽样人员不得少于2人 (at least two samplers, at most ten)");
    char area[13];
    sh_division_prefix(entity_division, area);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++)
            if (ids[j] == ids[i])
                return sh_fail(err, SH_EINVAL, "samplers", "抽样人员重复 (a sampler appears twice)");
        sh_stmt *st = sh_db_prepare(db, "SELECT role, division_code FROM users WHERE id = ? AND disabled = 0", err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, ids[i]);
        int rc = sh_stmt_step(st, err);
        int ok = rc == SH_ROW && (!strcmp(sh_col_text(st, 0), "sampler") || !strcmp(sh_col_text(st, 0), "inspector"));
        if (ok) {
            char p[13] = "";
            sh_division_prefix(sh_col_text(st, 1), p);
            ok = sh_division_prefixes_nested(area, p);
        }
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        if (!ok)
            return sh_fail(err, SH_EINVAL, "samplers", "用户%lld不是该主体所在辖区的抽样人员 (user %lld is not a sampler of the business's jurisdiction)",
                           (long long)ids[i], (long long)ids[i]);
    }
    return 0;
}

/* Analyte codes: 1 to 60 known, distinct. */
static int check_analytes(sh_db *db, json_t *analytes, sh_err *err)
{
    if (!json_is_array(analytes) || json_array_size(analytes) < 1 || json_array_size(analytes) > 60)
        return sh_fail(err, SH_EINVAL, "analytes", "应列出1-60个检验项目 (list 1 to 60 analytes)");
    size_t i;
    json_t *a;
    json_array_foreach(analytes, i, a) {
        char field[32], name[256];
        snprintf(field, sizeof field, "analytes[%zu]", i);
        if (!json_is_string(a) || !sh_analyte_name(db, json_string_value(a), name, sizeof name))
            return sh_fail(err, SH_EINVAL, field, "未知的检验项目 (unknown analyte): %s", json_is_string(a) ? json_string_value(a) : "");
        for (size_t j = 0; j < i; j++)
            if (json_equal(json_array_get(analytes, j), a))
                return sh_fail(err, SH_EINVAL, field, "检验项目重复 (an analyte appears twice)");
    }
    return 0;
}

/* The business's division, when it is in the actor's jurisdiction and active. */
static int business_division(sh_db *db, const sh_principal *actor, int64_t entity_id, char out[13], sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT e.division_code, e.status FROM entities e WHERE e.id = ");
    sh_qb_int64(&qb, entity_id);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    int active = 0;
    if (rc == SH_ROW) {
        snprintf(out, 13, "%s", sh_col_text(st, 0));
        active = !strcmp(sh_col_text(st, 1), "active");
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_ENOTFOUND, "entity_id", "主体不存在或不在您的管辖范围内 (no such business in your jurisdiction)");
    if (!active)
        return sh_fail(err, SH_EINVAL, "entity_id", "该主体不在营业状态 (the business is not active)");
    return 0;
}

/* CY<year>-<county>-<sequence of the county's year>: the number printed on the 抽样单. */
static int next_code(sh_db *db, const char *division, char out[32], sh_err *err)
{
    char today[11], prefix[24], like[28];
    sh_today(today);
    snprintf(prefix, sizeof prefix, "CY%.4s-%.6s-", today, division);
    snprintf(like, sizeof like, "%s%%", prefix);
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM samples WHERE code LIKE ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, like);
    int rc = sh_stmt_step(st, err);
    int64_t n = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    snprintf(out, 32, "%s%05lld", prefix, (long long)n + 1);
    return 0;
}

int sh_sample_assign_in_tx(sh_db *db, const sh_principal *actor, const sh_sample_task *t, int64_t *ret_id, sh_err *err)
{
    if (!sh_sample_kind_valid(t->kind))
        return sh_fail(err, SH_EINVAL, "kind", "应为supervision（监督抽检）、evaluation（评价性抽检）或monitoring（风险监测） (must be supervision, evaluation or monitoring)");
    const char *method = t->method ? t->method : "lab";
    if (strcmp(method, "lab") && strcmp(method, "rapid"))
        return sh_fail(err, SH_EINVAL, "method", "应为lab（实验室检验）或rapid（快速检测） (must be lab or rapid)");
    char name[256];
    if (!t->food_category || !sh_food_category_name(db, t->food_category, name, sizeof name))
        return sh_fail(err, SH_EINVAL, "food_category", "未知的食品类别 (unknown food category)");
    int rc = check_analytes(db, t->analytes, err);
    char division[13] = "";
    if (rc == 0)
        rc = business_division(db, actor, t->entity_id, division, err);
    if (rc == 0)
        rc = sh_sample_check_samplers(db, t->samplers, t->nsamplers, division, err);
    char code[32];
    if (rc == 0)
        rc = next_code(db, division, code, err);
    if (rc)
        return rc;
    char *analytes = json_dumps(t->analytes, JSON_COMPACT);
    int64_t now = sh_now_ms(), id = 0;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO samples(code, plan_id, plan_item_id, draw_id, entity_id, kind, method, food_category,"
                                " analytes, status, created_by, created_at, updated_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'assigned', ?, ?, ?) RETURNING id",
                                err);
    if (st) {
        sh_bind_text(st, 1, code);
        sh_bind_int64_or_null(st, 2, t->plan_id);
        sh_bind_int64_or_null(st, 3, t->plan_item_id);
        sh_bind_int64_or_null(st, 4, t->draw_id);
        sh_bind_int64(st, 5, t->entity_id);
        sh_bind_text(st, 6, t->kind);
        sh_bind_text(st, 7, method);
        sh_bind_text(st, 8, t->food_category);
        sh_bind_text(st, 9, analytes);
        sh_bind_int64_or_null(st, 10, actor->user_id);
        sh_bind_int64(st, 11, now);
        sh_bind_int64(st, 12, now);
    }
    free(analytes);
    rc = sh_stmt_insert_id(st, &id, err);
    if (rc == 0)
        rc = sh_sample_set_samplers(db, id, t->samplers, t->nsamplers, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:I, s:s, s:s}", "code", code, "entity_id", (json_int_t)t->entity_id, "kind", t->kind,
                                  "food_category", t->food_category);
        rc = sh_audit(db, actor, "assign", "sample", id, NULL, after, err);
        json_decref(after);
    }
    if (rc == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int sh_sample_set_samplers(sh_db *db, int64_t id, const int64_t *ids, int n, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "DELETE FROM sample_samplers WHERE sample_id = ?", err);
    if (st)
        sh_bind_int64(st, 1, id);
    int rc = sh_stmt_run(st, err);
    for (int i = 0; rc == 0 && i < n; i++) {
        st = sh_db_prepare(db, "INSERT INTO sample_samplers(sample_id, user_id) VALUES (?, ?)", err);
        if (st) {
            sh_bind_int64(st, 1, id);
            sh_bind_int64(st, 2, ids[i]);
        }
        rc = sh_stmt_run(st, err);
    }
    return rc;
}

int sh_sample_ids_from_json(json_t *arr, int64_t *out, int max, int *ret_n, const char *field, sh_err *err)
{
    if (!json_is_array(arr) || (int)json_array_size(arr) > max)
        return sh_fail(err, SH_EINVAL, field, "应为用户编号数组（2-%d人） (must be an array of 2 to %d user ids)", max, max);
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (!json_is_integer(v))
            return sh_fail(err, SH_EINVAL, field, "应为用户编号数组 (must be user ids)");
        out[i] = json_integer_value(v);
    }
    *ret_n = (int)json_array_size(arr);
    return 0;
}

int sh_sample_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err)
{
    if (actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_TOWNSHIP)
        return sh_fail(err, SH_EPERM, "", "抽样任务由县局或乡镇所下达 (the county or a township office assigns sampling tasks)");
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    json_t *eid = json_object_get(body, "entity_id");
    if (!json_is_integer(eid))
        return sh_fail(err, SH_EINVAL, "entity_id", "应为主体编号 (must be a business id)");
    int64_t samplers[10];
    int n = 0;
    int rc = sh_sample_ids_from_json(json_object_get(body, "samplers"), samplers, 10, &n, "samplers", err);
    if (rc)
        return rc;
    sh_sample_task t = {.entity_id = json_integer_value(eid),
                        .kind = json_string_value(json_object_get(body, "kind")),
                        .method = json_string_value(json_object_get(body, "method")),
                        .food_category = json_string_value(json_object_get(body, "food_category")),
                        .analytes = json_object_get(body, "analytes"),
                        .samplers = samplers,
                        .nsamplers = n};
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    rc = sh_sample_assign_in_tx(db, actor, &t, ret_id, err);
    return sh_db_finish(db, rc, err);
}

int sh_sample_load(sh_db *db, const sh_principal *actor, int64_t id, char status[16], int64_t *ret_entity, char kind[16],
                   sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT s.status, s.entity_id, s.kind FROM samples s JOIN entities e ON e.id = s.entity_id WHERE s.id = ");
    sh_qb_int64(&qb, id);
    sh_scope_entities(&qb, &actor->scope, "e");
    if (actor->role == SH_ROLE_SAMPLER) {
        sh_qb_sql(&qb, " AND EXISTS (SELECT 1 FROM sample_samplers x WHERE x.sample_id = s.id AND x.user_id = ");
        sh_qb_int64(&qb, actor->user_id);
        sh_qb_sql(&qb, ")");
    }
    if (actor->role == SH_ROLE_BUSINESS) /* sampling is unannounced: a task is not shown to its business */
        sh_qb_sql(&qb, " AND s.status NOT IN ('assigned', 'cancelled')");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        if (status)
            snprintf(status, 16, "%s", sh_col_text(st, 0));
        if (ret_entity)
            *ret_entity = sh_col_int64(st, 1);
        if (kind)
            snprintf(kind, 16, "%s", sh_col_text(st, 2));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "id", "样品不存在或不在您的管辖范围内 (no such sample in your jurisdiction)");
}

/* ---- the view ---- */

static const char *const text_cols[] = {
    "code", "kind", "method", "food_category", "status", "product_name", "brand", "spec", "batch_no", "production_date",
    "quantity", "declared_standard", "producer_name", "producer_address", "producer_division", "sample_qty", "backup_qty",
    "seal_no", "business_signer", "refusal_note", "sampled_on", "delivery_due", "delivered_on", "received_on", "report_due",
    "reported_on", "verdict", "notice_due", "notice_sent_on", "notice_received_on", "retest_due", "backup_keep_until",
    "final_verdict", "followup_due", "followup_done_on", NULL};
static const char *const int_cols[] = {"id", "entity_id", "plan_id", "plan_item_id", "draw_id", "lab_id", "shelf_life_days",
                                       "sampled_at", "reported_at", "published_at", "created_at", NULL};

static void add_cols(sh_buf *b)
{
    for (int i = 0; text_cols[i]; i++)
        sh_buf_printf(b, "%ss.%s", i ? ", " : "", text_cols[i]);
    for (int i = 0; int_cols[i]; i++)
        sh_buf_printf(b, ", s.%s", int_cols[i]);
}

enum { NTEXT = sizeof text_cols / sizeof *text_cols - 1, NINT = sizeof int_cols / sizeof *int_cols - 1 };

/* A row of SELECT <cols>, s.analytes, s.unit_price, e.name, e.address, l.name, c.name into JSON. */
static json_t *sample_row_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    json_t *o = json_object();
    for (int i = 0; i < NTEXT; i++)
        json_object_set_new(o, text_cols[i], sh_col_is_null(st, i) ? json_null() : json_string(sh_col_text(st, i)));
    for (int i = 0; i < NINT; i++)
        json_object_set_new(o, int_cols[i], sh_col_is_null(st, NTEXT + i) ? json_null() : json_integer(sh_col_int64(st, NTEXT + i)));
    int k = NTEXT + NINT;
    json_t *analytes = json_loads(sh_col_text(st, k), 0, NULL);
    json_object_set_new(o, "analytes", analytes ? analytes : json_array());
    json_object_set_new(o, "unit_price", sh_col_is_null(st, k + 1) ? json_null() : json_real(sh_col_double(st, k + 1)));
    json_object_set_new(o, "entity_name", json_string(sh_col_text(st, k + 2)));
    json_object_set_new(o, "entity_address", json_string(sh_col_text(st, k + 3)));
    json_object_set_new(o, "lab_name", sh_col_is_null(st, k + 4) ? json_null() : json_string(sh_col_text(st, k + 4)));
    json_object_set_new(o, "food_category_name", json_string(sh_col_text(st, k + 5)));
    return o;
}

static void select_from(sh_qb *qb)
{
    sh_buf b;
    sh_buf_init(&b);
    sh_buf_adds(&b, "SELECT ");
    add_cols(&b);
    sh_buf_adds(&b, ", s.analytes, s.unit_price, e.name, e.address, l.name, c.name FROM samples s"
                    " JOIN entities e ON e.id = s.entity_id LEFT JOIN labs l ON l.id = s.lab_id"
                    " JOIN food_categories c ON c.code = s.food_category WHERE 1 = 1");
    sh_qb_sql(qb, sh_buf_str(&b));
    sh_buf_release(&b);
}

static void visible_to(sh_qb *qb, const sh_principal *actor)
{
    sh_scope_entities(qb, &actor->scope, "e");
    if (actor->role == SH_ROLE_SAMPLER) {
        sh_qb_sql(qb, " AND EXISTS (SELECT 1 FROM sample_samplers x WHERE x.sample_id = s.id AND x.user_id = ");
        sh_qb_int64(qb, actor->user_id);
        sh_qb_sql(qb, ")");
    }
    if (actor->role == SH_ROLE_BUSINESS)
        sh_qb_sql(qb, " AND s.status NOT IN ('assigned', 'cancelled')");
}

static json_t *deadline_json(sh_db *db, const char *step, const char *due, const char *done_on, const char *today)
{
    int final = 1, year = 0;
    sh_calendar_years_final(db, due, due, &final, &year, NULL);
    json_t *d = json_pack("{s:s, s:s, s:s?, s:b, s:b}", "step", step, "due", due, "done_on", done_on, "overdue",
                          !done_on && strcmp(today, due) > 0, "provisional", !final);
    return d;
}

static const char *text_or_null(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* The deadlines of each step with a due date, and whether it was met. */
static json_t *deadlines_of(sh_db *db, json_t *s, json_t *retest)
{
    char today[11];
    sh_today(today);
    json_t *out = json_array();
    struct {
        const char *step, *due, *done;
    } steps[] = {{"delivery", "delivery_due", "delivered_on"},
                 {"report", "report_due", "reported_on"},
                 {"notice", "notice_due", "notice_sent_on"},
                 {"followup", "followup_due", "followup_done_on"}};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (text_or_null(s, steps[i].due))
            json_array_append_new(out, deadline_json(db, steps[i].step, text_or_null(s, steps[i].due), text_or_null(s, steps[i].done), today));
    if (text_or_null(s, "retest_due") && !json_is_object(retest))
        json_array_append_new(out, json_pack("{s:s, s:s, s:n, s:b, s:b}", "step", "retest_request", "due",
                                             text_or_null(s, "retest_due"), "done_on", "overdue", 0, "provisional", 0));
    if (json_is_object(retest)) {
        json_array_append_new(out, deadline_json(db, "retest_decision", text_or_null(retest, "decide_due"),
                                                 text_or_null(retest, "decided_on"), today));
        if (text_or_null(retest, "report_due"))
            json_array_append_new(out, deadline_json(db, "retest_report", text_or_null(retest, "report_due"),
                                                     text_or_null(retest, "reported_on"), today));
    }
    return out;
}

/* The business's strict supervision in force today, or null. */
static json_t *strict_of(sh_db *db, int64_t entity_id)
{
    char today[11];
    sh_today(today);
    sh_stmt *st = sh_db_prepare(db, "SELECT reason, from_on, until_on FROM strict_supervision WHERE entity_id = ? AND until_on >= ?"
                                    " ORDER BY until_on DESC LIMIT 1", NULL);
    if (!st)
        return json_null();
    sh_bind_int64(st, 1, entity_id);
    sh_bind_text(st, 2, today);
    json_t *o = sh_stmt_step(st, NULL) == SH_ROW ? json_pack("{s:s, s:s, s:s}", "reason", sh_col_text(st, 0), "from_on", sh_col_text(st, 1),
                                                          "until_on", sh_col_text(st, 2))
                                              : json_null();
    sh_stmt_done(st);
    return o;
}

int sh_sample_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    select_from(&qb);
    sh_qb_sql(&qb, " AND s.id = ");
    sh_qb_int64(&qb, id);
    visible_to(&qb, actor);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *rows = json_array();
    int rc = sh_rows_append(st, sample_row_json, NULL, rows, err);
    json_t *s = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    if (rc < 0) {
        json_decref(s);
        return rc;
    }
    if (!s)
        return sh_fail(err, SH_ENOTFOUND, "id", "样品不存在或不在您的管辖范围内 (no such sample in your jurisdiction)");
    json_t *samplers = json_array(), *results = json_array(), *retests = json_array(), *objections = json_array(),
           *disposals = json_array(), *followups = json_array();
    rc = sh_sample_children(db, id, samplers, results, retests, objections, disposals, followups, err);
    if (rc < 0) {
        json_decref(s);
        json_decref(samplers);
        json_decref(results);
        json_decref(retests);
        json_decref(objections);
        json_decref(disposals);
        json_decref(followups);
        return rc;
    }
    json_t *retest = json_array_get(retests, 0);
    json_object_set_new(s, "retest", retest ? json_incref(retest) : json_null());
    json_decref(retests);
    json_object_set_new(s, "deadlines", deadlines_of(db, s, json_object_get(s, "retest")));
    json_object_set_new(s, "samplers", samplers);
    json_object_set_new(s, "results", results);
    json_object_set_new(s, "objections", objections);
    json_object_set_new(s, "disposals", disposals);
    json_object_set_new(s, "followups", followups);
    json_object_set_new(s, "photos", sh_attachments_of(db, "sample", id));
    json_object_set_new(s, "strict_supervision", strict_of(db, json_integer_value(json_object_get(s, "entity_id"))));
    *ret = s;
    return 0;
}

static void list_where(sh_qb *qb, const sh_principal *actor, const sh_sample_filter *f, const char *today)
{
    if (f->status) {
        sh_qb_sql(qb, " AND s.status = ");
        sh_qb_text(qb, f->status);
    }
    if (f->verdict) {
        sh_qb_sql(qb, " AND COALESCE(s.final_verdict, s.verdict) = ");
        sh_qb_text(qb, f->verdict);
    }
    if (f->entity_id) {
        sh_qb_sql(qb, " AND s.entity_id = ");
        sh_qb_int64(qb, f->entity_id);
    }
    if (f->plan_id) {
        sh_qb_sql(qb, " AND s.plan_id = ");
        sh_qb_int64(qb, f->plan_id);
    }
    if (f->mine) {
        sh_qb_sql(qb, " AND EXISTS (SELECT 1 FROM sample_samplers m WHERE m.sample_id = s.id AND m.user_id = ");
        sh_qb_int64(qb, actor->user_id);
        sh_qb_sql(qb, ")");
    }
    if (f->q && *f->q) {
        char like[160];
        snprintf(like, sizeof like, "%%%s%%", f->q);
        sh_qb_sql(qb, " AND (s.code LIKE ");
        sh_qb_text(qb, like);
        sh_qb_sql(qb, " OR s.product_name LIKE ");
        sh_qb_text(qb, like);
        sh_qb_sql(qb, " OR e.name LIKE ");
        sh_qb_text(qb, like);
        sh_qb_sql(qb, ")");
    }
    if (f->overdue) { /* a step whose due date passed without it being done */
        sh_qb_sql(qb, " AND ((s.status = 'sampled' AND s.delivery_due < ");
        sh_qb_text(qb, today);
        sh_qb_sql(qb, ") OR (s.status = 'received' AND s.report_due < ");
        sh_qb_text(qb, today);
        sh_qb_sql(qb, ") OR (s.verdict = 'fail' AND s.notice_sent_on IS NULL AND s.notice_due < ");
        sh_qb_text(qb, today);
        sh_qb_sql(qb, ") OR (COALESCE(s.final_verdict, s.verdict) = 'fail' AND s.followup_done_on IS NULL AND s.followup_due < ");
        sh_qb_text(qb, today);
        sh_qb_sql(qb, "))");
    }
    visible_to(qb, actor);
}

int sh_samples_list(sh_db *db, const sh_principal *actor, const sh_sample_filter *f, json_t **ret, sh_err *err)
{
    static const char *const statuses[] = {"assigned", "sampled", "refused", "delivered", "received", "reported", "cancelled", NULL};
    if (f->status) {
        int ok = 0;
        for (int i = 0; statuses[i]; i++)
            ok |= !strcmp(statuses[i], f->status);
        if (!ok)
            return sh_fail(err, SH_EINVAL, "status", "未知的状态 (unknown status): %s", f->status);
    }
    if (f->verdict && strcmp(f->verdict, "pass") && strcmp(f->verdict, "fail"))
        return sh_fail(err, SH_EINVAL, "verdict", "应为pass或fail (must be pass or fail)");
    if (f->q && strlen(f->q) > 100)
        return sh_fail(err, SH_EINVAL, "q", "搜索词过长 (at most 100 bytes)");
    char today[11];
    sh_today(today);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT count(*) FROM samples s JOIN entities e ON e.id = s.entity_id WHERE 1 = 1");
    list_where(&qb, actor, f, today);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    int64_t total = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    sh_qb_init(&qb);
    select_from(&qb);
    list_where(&qb, actor, f, today);
    sh_qb_sql(&qb, " ORDER BY s.id DESC LIMIT ");
    sh_qb_int64(&qb, f->limit);
    sh_qb_sql(&qb, " OFFSET ");
    sh_qb_int64(&qb, f->offset);
    st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    json_t *items = json_array();
    rc = sh_rows_append(st, sample_row_json, NULL, items, err);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);
    return 0;
}
