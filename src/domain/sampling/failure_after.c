/* After a failure (failure.h): disposal of the food, follow-up, publication; and the sample's
 * records that hang below it, read for its view. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/loop/rectify.h"
#include "domain/sampling/failure.h"
#include "domain/sampling/failure_int.h"
#include "domain/sampling/sample.h"
#include "domain/sampling/sample_int.h"
#include "store/qb.h"
#include "store/rows.h"

static int is_official(const sh_principal *actor)
{
    return actor->role == SH_ROLE_ADMIN || actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_TOWNSHIP;
}

/* ---- disposal ---- */

int sh_sample_disposal_add(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, int64_t *ret_id, sh_err *err)
{
    if (!is_official(actor) && actor->role != SH_ROLE_BUSINESS && actor->role != SH_ROLE_SAMPLER)
        return sh_fail(err, SH_EPERM, "", "无权登记处置 (you may not record a disposal)");
    static const char *const actions[] = {"seal", "stop_sale", "recall", "destroy", NULL};
    const char *action = json_string_value(json_object_get(body, "action"));
    int ok = 0;
    for (int i = 0; action && actions[i]; i++)
        ok |= !strcmp(actions[i], action);
    if (!ok)
        return sh_fail(err, SH_EINVAL, "action", "应为seal（封存）、stop_sale（停止销售）、recall（召回）或destroy（销毁） (seal, stop_sale, recall or destroy)");
    json_t *qty = json_object_get(body, "quantity");
    if (!json_is_number(qty) || json_number_value(qty) <= 0 || json_number_value(qty) > 1e9)
        return sh_fail(err, SH_EINVAL, "quantity", "数量应为大于0的数字 (a number above 0)");
    const char *unit = json_string_value(json_object_get(body, "unit")), *note = json_string_value(json_object_get(body, "note"));
    int rc = sh_check_text(unit, 1, 10, "unit", err);
    if (rc)
        return sh_fail(err, SH_EINVAL, "unit", "请填写数量单位，如 kg、袋、箱 (the unit, e.g. kg)");
    if (note && (rc = sh_check_text(note, 0, 500, "note", err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_sample_facts_t f;
    char on[11] = "";
    rc = sh_sample_load(db, actor, id, NULL, NULL, NULL, err);
    if (rc == 0)
        rc = sh_sample_facts(db, id, &f, err);
    if (rc == 0)
        rc = sh_sample_require_fail(&f, err);
    if (rc == 0)
        rc = sh_sample_date_field(body, "done_on", 0, f.reported_on, "检验报告日期", on, err);
    int64_t did = 0;
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO sample_disposals(sample_id, action, quantity, unit, note, done_on, recorded_by, recorded_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                    err);
        if (st) {
            sh_bind_int64(st, 1, id);
            sh_bind_text(st, 2, action);
            sh_bind_double(st, 3, json_number_value(qty));
            sh_bind_text(st, 4, unit);
            sh_bind_text_or_null(st, 5, note);
            sh_bind_text(st, 6, on);
            sh_bind_int64_or_null(st, 7, actor->user_id);
            sh_bind_int64(st, 8, sh_now_ms());
        }
        rc = sh_stmt_insert_id(st, &did, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:f, s:s, s:s}", "disposal_id", (json_int_t)did, "action", action, "quantity",
                                  json_number_value(qty), "unit", unit, "done_on", on);
        rc = sh_audit(db, actor, "disposal", "sample", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    if (rc == 0 && ret_id)
        *ret_id = did;
    return rc;
}

/* ---- follow-up ---- */

/* A new task to sample the same food again at the business, by the samplers named. */
static int resample(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, int64_t *ret_new, sh_err *err)
{
    int64_t samplers[10];
    int n = 0;
    int rc = sh_sample_ids_from_json(json_object_get(body, "samplers"), samplers, 10, &n, "samplers", err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT entity_id, kind, method, food_category, analytes, plan_id FROM samples WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    rc = sh_stmt_step(st, err);
    if (rc != SH_ROW) {
        sh_stmt_done(st);
        return rc < 0 ? rc : SH_EINTERNAL;
    }
    char kind[16], method[8], category[64];
    snprintf(kind, sizeof kind, "%s", sh_col_text(st, 1));
    snprintf(method, sizeof method, "%s", sh_col_text(st, 2));
    snprintf(category, sizeof category, "%s", sh_col_text(st, 3));
    json_t *analytes = json_loads(sh_col_text(st, 4), 0, NULL);
    sh_sample_task t = {.entity_id = sh_col_int64(st, 0), .plan_id = sh_col_int64(st, 5), .kind = kind, .method = method,
                        .food_category = category, .analytes = analytes, .samplers = samplers, .nsamplers = n};
    sh_stmt_done(st);
    rc = sh_sample_assign_in_tx(db, actor, &t, ret_new, err);
    json_decref(analytes);
    return rc;
}

static int open_order(sh_db *db, const sh_principal *actor, int64_t id, const sh_sample_facts_t *f, json_t *body, int64_t *ret_order,
                      sh_err *err)
{
    const char *req = json_string_value(json_object_get(body, "requirement"));
    int rc = req ? sh_check_text(req, 0, 1000, "requirement", err) : 0;
    if (rc)
        return rc;
    char title[200];
    snprintf(title, sizeof title, "抽检不合格整改：%s", *f->product_name ? f->product_name : "样品");
    sh_rectify_order o = {.entity_id = f->entity_id, .source_type = "sample", .source_id = id, .key_item = 1, .title = title,
                          .requirement = req && *req ? req : "查明不合格原因，采取下架、召回等措施，提交整改报告",
                          .workdays = sh_setting_int(db, "rectify_days_key", 5)};
    return sh_rectify_open(db, actor, &o, ret_order, err);
}

int sh_sample_followup_add(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    if (!is_official(actor))
        return sh_fail(err, SH_EPERM, "", "后处理由县局或乡镇所办理 (the county or a township office follows up)");
    const char *action = json_string_value(json_object_get(body, "action"));
    if (!action || (strcmp(action, "rectification") && strcmp(action, "resample") && strcmp(action, "case") && strcmp(action, "cross_area")))
        return sh_fail(err, SH_EINVAL, "action",
                       "应为rectification（责令整改）、resample（跟踪抽检）、case（移送立案）或cross_area（外地协查） (rectification, resample, case or cross_area)");
    const char *target = json_string_value(json_object_get(body, "target")), *note = json_string_value(json_object_get(body, "note"));
    int rc = 0;
    int referral = !strcmp(action, "case") || !strcmp(action, "cross_area");
    if (referral && (rc = sh_check_text(target, 2, 100, "target", err)) != 0)
        return sh_fail(err, SH_EINVAL, "target", !strcmp(action, "case") ? "请填写承办单位（2-100字） (the unit the case goes to)"
                                                                       : "请填写协查的外地监管部门（2-100字） (the bureau asked to assist)");
    if (note && (rc = sh_check_text(note, 0, 1000, "note", err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_sample_facts_t f;
    rc = sh_sample_load(db, actor, id, NULL, NULL, NULL, err);
    if (rc == 0)
        rc = sh_sample_facts(db, id, &f, err);
    if (rc == 0)
        rc = sh_sample_require_fail(&f, err);
    if (rc == 0 && !strcmp(f.final_verdict, "pass"))
        rc = sh_fail(err, SH_EINVAL, "final_verdict", "复检合格，无需后处理 (the re-test passed)");
    int64_t ref = 0, fid = 0;
    if (rc == 0 && !strcmp(action, "rectification"))
        rc = open_order(db, actor, id, &f, body, &ref, err);
    if (rc == 0 && !strcmp(action, "resample"))
        rc = resample(db, actor, id, body, &ref, err);
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO sample_followups(sample_id, action, ref_id, target, note, created_by, created_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                    err);
        if (st) {
            sh_bind_int64(st, 1, id);
            sh_bind_text(st, 2, action);
            sh_bind_int64_or_null(st, 3, ref);
            sh_bind_text_or_null(st, 4, target);
            sh_bind_text_or_null(st, 5, note);
            sh_bind_int64_or_null(st, 6, actor->user_id);
            sh_bind_int64(st, 7, sh_now_ms());
        }
        rc = sh_stmt_insert_id(st, &fid, err);
    }
    char today[11];
    sh_today(today);
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db, "UPDATE samples SET followup_done_on = COALESCE(followup_done_on, ?), updated_at = ? WHERE id = ?", err);
        if (st) {
            sh_bind_text(st, 1, today);
            sh_bind_int64(st, 2, sh_now_ms());
            sh_bind_int64(st, 3, id);
        }
        rc = sh_stmt_run(st, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s?, s:s?}", "followup_id", (json_int_t)fid, "action", action, "target", target, "note", note);
        if (ref)
            json_object_set_new(after, "ref_id", json_integer(ref));
        rc = sh_audit(db, actor, "followup", "sample", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    if (rc == 0 && ret) {
        *ret = json_pack("{s:I, s:s}", "id", (json_int_t)fid, "action", action);
        json_object_set_new(*ret, "ref_id", ref ? json_integer(ref) : json_null());
    }
    return rc;
}

/* ---- publication ---- */

int sh_sample_publish(sh_db *db, const sh_principal *actor, int64_t id, sh_err *err)
{
    if (!is_official(actor))
        return sh_fail(err, SH_EPERM, "", "抽检信息由县局或乡镇所公布 (the county or a township office publishes)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    char status[16] = "";
    rc = sh_sample_load(db, actor, id, status, NULL, NULL, err);
    if (rc == 0 && strcmp(status, "reported"))
        rc = sh_fail(err, SH_EINVAL, "status", "检验结果出具后才能公布 (results are published once reported)");
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db, "UPDATE samples SET published_at = ? WHERE id = ? AND published_at IS NULL", err);
        if (st) {
            sh_bind_int64(st, 1, sh_now_ms());
            sh_bind_int64(st, 2, id);
        }
        rc = sh_stmt_run(st, err);
        if (rc == 0 && sh_db_changes(db) != 1)
            rc = sh_fail(err, SH_EEXIST, "published_at", "已公布 (published already)");
    }
    if (rc == 0)
        rc = sh_audit(db, actor, "published", "sample", id, NULL, NULL, err);
    return sh_db_finish(db, rc, err);
}

/* The announcement's fields (抽检信息公告): the business sampled, the producer, the product, its
 * spec, brand, production date or batch, the failed items with result and limit, the lab, the
 * category, the verdict. */
static json_t *public_row_json(sh_stmt *st, void *ctx)
{
    sh_db *db = ctx;
    int64_t id = sh_col_int64(st, 0);
    json_t *o = json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s, s:s, s:s?, s:s}", "code", sh_col_text(st, 1),
                          "entity_name", sh_col_text(st, 2), "entity_address", sh_col_text(st, 3), "producer_name",
                          sh_col_is_null(st, 4) ? NULL : sh_col_text(st, 4), "producer_address", sh_col_is_null(st, 5) ? NULL : sh_col_text(st, 5),
                          "product_name", sh_col_text(st, 6), "spec", sh_col_is_null(st, 7) ? NULL : sh_col_text(st, 7), "brand",
                          sh_col_is_null(st, 8) ? NULL : sh_col_text(st, 8), "production_date",
                          sh_col_is_null(st, 9) ? NULL : sh_col_text(st, 9), "food_category_name", sh_col_text(st, 10), "verdict",
                          sh_col_text(st, 11), "lab_name", sh_col_is_null(st, 12) ? NULL : sh_col_text(st, 12), "kind", sh_col_text(st, 13));
    json_object_set_new(o, "reported_on", json_string(sh_col_text(st, 14)));
    json_t *failed = json_array();
    sh_stmt *r = sh_db_prepare(db,
                               "SELECT a.name, x.result, x.basis FROM sample_results x JOIN analytes a ON a.code = x.analyte"
                               " WHERE x.sample_id = ? AND x.verdict = 'fail' AND x.round = (SELECT max(round) FROM sample_results"
                               " WHERE sample_id = x.sample_id) ORDER BY x.id",
                               NULL);
    if (r) {
        sh_bind_int64(r, 1, id);
        while (sh_stmt_step(r, NULL) == SH_ROW) {
            json_t *res = json_loads(sh_col_text(r, 1), 0, NULL);
            json_array_append_new(failed, json_pack("{s:s, s:o, s:s}", "analyte_name", sh_col_text(r, 0), "result", res ? res : json_null(),
                                                    "basis", sh_col_text(r, 2)));
        }
        sh_stmt_done(r);
    }
    json_object_set_new(o, "failed_items", failed);
    return o;
}

static void public_where(sh_qb *qb, const char *verdict, const char *q, int64_t entity_id)
{
    sh_qb_sql(qb, " FROM samples s JOIN entities e ON e.id = s.entity_id JOIN food_categories c ON c.code = s.food_category"
                  " LEFT JOIN labs l ON l.id = s.lab_id WHERE s.published_at IS NOT NULL");
    if (entity_id) {
        sh_qb_sql(qb, " AND s.entity_id = ");
        sh_qb_int64(qb, entity_id);
    }
    if (verdict) {
        sh_qb_sql(qb, " AND COALESCE(s.final_verdict, s.verdict) = ");
        sh_qb_text(qb, verdict);
    }
    if (q && *q) {
        char like[160];
        snprintf(like, sizeof like, "%%%s%%", q);
        sh_qb_sql(qb, " AND (e.name LIKE ");
        sh_qb_text(qb, like);
        sh_qb_sql(qb, " OR s.product_name LIKE ");
        sh_qb_text(qb, like);
        sh_qb_sql(qb, ")");
    }
}

/* The published results of one business (entity_id, 0: all) or all matching verdict and q. */
static int public_list(sh_db *db, const char *verdict, const char *q, int64_t entity_id, int limit, int64_t offset, json_t **ret,
                       sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT count(*)");
    public_where(&qb, verdict, q, entity_id);
    int64_t total = 0;
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    int rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    if (rc == SH_ROW)
        total = sh_col_int64(st, 0);
    if (st)
        sh_stmt_done(st);
    if (rc < 0)
        return rc;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT s.id, s.code, e.name, e.address, s.producer_name, s.producer_address, s.product_name, s.spec, s.brand,"
                   " s.production_date, c.name, COALESCE(s.final_verdict, s.verdict), l.name, s.kind, s.reported_on");
    public_where(&qb, verdict, q, entity_id);
    sh_qb_sql(&qb, " ORDER BY s.published_at DESC, s.id DESC LIMIT ");
    sh_qb_int64(&qb, limit);
    sh_qb_sql(&qb, " OFFSET ");
    sh_qb_int64(&qb, offset);
    st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    json_t *items = json_array();
    rc = sh_rows_append(st, public_row_json, db, items, err);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);
    return 0;
}

int sh_samples_public(sh_db *db, const char *verdict, const char *q, int limit, int64_t offset, json_t **ret, sh_err *err)
{
    if (verdict && strcmp(verdict, "pass") && strcmp(verdict, "fail"))
        return sh_fail(err, SH_EINVAL, "verdict", "应为pass或fail (must be pass or fail)");
    if (q && strlen(q) > 100)
        return sh_fail(err, SH_EINVAL, "q", "搜索词过长 (at most 100 bytes)");
    return public_list(db, verdict, q, 0, limit, offset, ret, err);
}

int sh_samples_public_of(sh_db *db, int64_t entity_id, int limit, json_t **ret, sh_err *err)
{
    return public_list(db, NULL, NULL, entity_id, limit, 0, ret, err);
}

/* ---- the records below a sample ---- */

static json_t *sampler_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "name", sh_col_text(st, 1));
}

static json_t *result_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    json_t *res = json_loads(sh_col_text(st, 2), 0, NULL), *lim = json_loads(sh_col_text(st, 5), 0, NULL);
    return json_pack("{s:i, s:s, s:s, s:o, s:s, s:s, s:o}", "round", (int)sh_col_int64(st, 0), "analyte", sh_col_text(st, 1),
                     "analyte_name", sh_col_text(st, 6), "result", res ? res : json_null(), "verdict", sh_col_text(st, 3), "basis",
                     sh_col_text(st, 4), "limit", lim ? lim : json_null());
}

static json_t *opt_str(sh_stmt *st, int col)
{
    return sh_col_is_null(st, col) ? json_null() : json_string(sh_col_text(st, col));
}

static json_t *retest_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    json_t *o = json_pack("{s:s, s:s, s:b, s:s, s:s}", "requested_on", sh_col_text(st, 0), "reason", sh_col_text(st, 1), "late",
                          (int)sh_col_int64(st, 2), "status", sh_col_text(st, 3), "decide_due", sh_col_text(st, 4));
    const char *k[] = {"decided_on", "refusal_ground", "note", "report_due", "verdict", "reported_on", "lab_name"};
    for (int i = 0; i < 7; i++)
        json_object_set_new(o, k[i], opt_str(st, 5 + i));
    json_object_set_new(o, "lab_id", sh_col_is_null(st, 12) ? json_null() : json_integer(sh_col_int64(st, 12)));
    return o;
}

static json_t *objection_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "kind", sh_col_text(st, 1),
                          "filed_on", sh_col_text(st, 2), "due", sh_col_text(st, 3), "text", sh_col_text(st, 4), "status",
                          sh_col_text(st, 5));
    json_object_set_new(o, "answer", opt_str(st, 6));
    json_object_set_new(o, "decided_on", opt_str(st, 7));
    return o;
}

static json_t *disposal_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    json_t *o = json_pack("{s:I, s:s, s:f, s:s, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "action", sh_col_text(st, 1), "quantity",
                          sh_col_double(st, 2), "unit", sh_col_text(st, 3), "done_on", sh_col_text(st, 4));
    json_object_set_new(o, "note", opt_str(st, 5));
    return o;
}

static json_t *followup_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    json_t *o = json_pack("{s:I, s:s, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "action", sh_col_text(st, 1), "created_at",
                          (json_int_t)sh_col_int64(st, 5));
    json_object_set_new(o, "ref_id", sh_col_is_null(st, 2) ? json_null() : json_integer(sh_col_int64(st, 2)));
    json_object_set_new(o, "target", opt_str(st, 3));
    json_object_set_new(o, "note", opt_str(st, 4));
    return o;
}

static int append_of(sh_db *db, const char *sql, int64_t id, sh_row_json_fn fn, json_t *out, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (st)
        sh_bind_int64(st, 1, id);
    return sh_rows_append(st, fn, NULL, out, err);
}

int sh_sample_children(sh_db *db, int64_t id, json_t *samplers, json_t *results, json_t *retests, json_t *objections,
                       json_t *disposals, json_t *followups, sh_err *err)
{
    int rc = append_of(db, "SELECT u.id, u.display_name FROM sample_samplers x JOIN users u ON u.id = x.user_id WHERE x.sample_id = ? ORDER BY u.id",
                       id, sampler_json, samplers, err);
    if (rc == 0)
        rc = append_of(db,
                       "SELECT r.round, r.analyte, r.result, r.verdict, r.basis, r.limit_json, a.name FROM sample_results r"
                       " JOIN analytes a ON a.code = r.analyte WHERE r.sample_id = ? ORDER BY r.round, r.id",
                       id, result_json, results, err);
    if (rc == 0)
        rc = append_of(db,
                       "SELECT t.requested_on, t.reason, t.late, t.status, t.decide_due, t.decided_on, t.refusal_ground, t.note, t.report_due,"
                       " t.verdict, t.reported_on, l.name, t.lab_id FROM sample_retests t LEFT JOIN labs l ON l.id = t.lab_id WHERE t.sample_id = ?",
                       id, retest_json, retests, err);
    if (rc == 0)
        rc = append_of(db, "SELECT id, kind, filed_on, due, text, status, answer, decided_on FROM sample_objections WHERE sample_id = ? ORDER BY id",
                       id, objection_json, objections, err);
    if (rc == 0)
        rc = append_of(db, "SELECT id, action, quantity, unit, done_on, note FROM sample_disposals WHERE sample_id = ? ORDER BY id", id,
                       disposal_json, disposals, err);
    if (rc == 0)
        rc = append_of(db, "SELECT id, action, ref_id, target, note, created_at FROM sample_followups WHERE sample_id = ? ORDER BY id", id,
                       followup_json, followups, err);
    return rc;
}
