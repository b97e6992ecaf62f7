/* The steps of a sample up to its verdict (sample.h): the record taken on site, custody to the lab,
 * the lab's results judged against the limits. Each step checks the status it starts from inside
 * its transaction, so two hands on one sample cannot both move it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/risk/risk.h"
#include "domain/sampling/events.h"
#include "domain/sampling/judge.h"
#include "domain/sampling/sample.h"
#include "domain/sampling/sample_int.h"
#include "store/rows.h"

int sh_sample_date_field(json_t *body, const char *field, int required, const char *not_before, const char *what_before,
                         char out[11], sh_err *err)
{
    char today[11];
    sh_today(today);
    json_t *v = json_object_get(body, field);
    if (!v || json_is_null(v)) {
        if (required)
            return sh_fail(err, SH_EINVAL, field, "必填，格式YYYY-MM-DD (required, YYYY-MM-DD)");
        snprintf(out, 11, "%s", today);
    } else {
        int y, m, d;
        if (!json_is_string(v) || strlen(json_string_value(v)) != 10 || !sh_date_valid(json_string_value(v), &y, &m, &d))
            return sh_fail(err, SH_EINVAL, field, "应为日期YYYY-MM-DD (must be a date YYYY-MM-DD)");
        snprintf(out, 11, "%s", json_string_value(v));
    }
    if (strcmp(out, today) > 0)
        return sh_fail(err, SH_EINVAL, field, "不能晚于今天 (cannot be after today)");
    if (not_before && strcmp(out, not_before) < 0)
        return sh_fail(err, SH_EINVAL, field, "不能早于%s（%s） (cannot be before %s)", what_before, not_before, not_before);
    return 0;
}

/* A backup whose shelf life ends before its keeping time is kept to the end of the shelf life
 * (SAMR Order 15: 剩余保质期不足的，保存至保质期结束). keep is shortened in place. */
static void backup_until_shelf_life(sh_db *db, int64_t id, char keep[11])
{
    sh_stmt *st = sh_db_prepare(db, "SELECT production_date, shelf_life_days FROM samples WHERE id = ? AND production_date IS NOT NULL"
                                    " AND shelf_life_days IS NOT NULL", NULL);
    if (!st)
        return;
    sh_bind_int64(st, 1, id);
    if (sh_stmt_step(st, NULL) == SH_ROW) {
        char expiry[11];
        sh_date_add_days(sh_col_text(st, 0), (int)sh_col_int64(st, 1), expiry);
        if (strcmp(expiry, keep) < 0)
            snprintf(keep, 11, "%s", expiry);
    }
    sh_stmt_done(st);
}

/* Runs one UPDATE of the sample guarded by the status it starts from; SH_EEXIST when another hand
 * moved it first. */
static int step_update(sh_db *db, sh_stmt *st, sh_err *err)
{
    int rc = sh_stmt_run(st, err);
    if (rc == 0 && sh_db_changes(db) != 1)
        return sh_fail(err, SH_EEXIST, "status", "样品状态已变化，请刷新 (the sample moved on meanwhile; reload)");
    return rc;
}

static int expect_status(const char *status, const char *want, const char *zh, sh_err *err)
{
    if (strcmp(status, want))
        return sh_fail(err, SH_EINVAL, "status", "样品当前状态为%s，%s (the sample is %s)", status, zh, status);
    return 0;
}

static int opt_text(json_t *body, const char *field, size_t max, const char **out, sh_err *err)
{
    json_t *v = json_object_get(body, field);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return sh_fail(err, SH_EINVAL, field, "应为文本 (must be text)");
    *out = json_string_value(v);
    return **out ? sh_check_text(*out, 1, max, field, err) : 0;
}

static int req_text(json_t *body, const char *field, size_t max, const char *zh, const char **out, sh_err *err)
{
    int rc = opt_text(body, field, max, out, err);
    if (rc == 0 && (!*out || !**out))
        return sh_fail(err, SH_EINVAL, field, "请填写%s (required)", zh);
    return rc;
}

/* ---- on site ---- */

static int record_refusal(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    const char *note;
    int rc = req_text(body, "refusal_note", 500, "拒绝抽样的经过", &note, err);
    if (rc)
        return rc;
    char today[11];
    sh_today(today);
    sh_stmt *st = sh_db_prepare(db,
                                "UPDATE samples SET status = 'refused', refusal_note = ?, sampled_at = ?, sampled_on = ?, updated_at = ?"
                                " WHERE id = ? AND status = 'assigned'",
                                err);
    if (st) {
        sh_bind_text(st, 1, note);
        sh_bind_int64(st, 2, sh_now_ms());
        sh_bind_text(st, 3, today);
        sh_bind_int64(st, 4, sh_now_ms());
        sh_bind_int64(st, 5, id);
    }
    rc = step_update(db, st, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s}", "status", "refused", "refusal_note", note);
        rc = sh_audit(db, actor, "refused", "sample", id, NULL, after, err);
        json_decref(after);
    }
    return rc;
}

/* The 抽样单's fields: text columns with their limits and whether they are required. */
static const struct {
    const char *field, *zh;
    size_t max;
    int required;
} record_fields[] = {
    {"product_name", "样品名称", 100, 1}, {"brand", "商标", 100, 0},          {"spec", "规格型号", 100, 0},
    {"batch_no", "批号", 100, 0},         {"quantity", "库存数量", 50, 0},     {"declared_standard", "执行标准", 100, 0},
    {"producer_name", "生产者名称", 100, 0}, {"producer_address", "生产者地址", 200, 0},
    {"sample_qty", "抽样数量", 50, 1},    {"backup_qty", "备样数量", 50, 1},   {"seal_no", "封样编号", 64, 1},
    {"business_signer", "被抽样单位签字人", 50, 1},
};
enum { NRECORD = sizeof record_fields / sizeof *record_fields };

int sh_sample_record(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    if (!sh_sample_may_work(actor))
        return sh_fail(err, SH_EPERM, "", "抽样单由抽样人员填写 (samplers record samples)");
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *vals[NRECORD];
    int rc = 0;
    int refused = json_is_true(json_object_get(body, "refused"));
    for (int i = 0; !refused && rc == 0 && i < NRECORD; i++)
        rc = record_fields[i].required ? req_text(body, record_fields[i].field, record_fields[i].max, record_fields[i].zh, &vals[i], err)
                                       : opt_text(body, record_fields[i].field, record_fields[i].max, &vals[i], err);
    char today[11], production[11] = "";
    sh_today(today);
    json_t *pd = json_object_get(body, "production_date");
    if (!refused && rc == 0 && pd && !json_is_null(pd))
        rc = sh_sample_date_field(body, "production_date", 1, NULL, NULL, production, err);
    json_t *shelf = json_object_get(body, "shelf_life_days"), *price = json_object_get(body, "unit_price");
    if (!refused && rc == 0 && shelf && !json_is_null(shelf) &&
        (!json_is_integer(shelf) || json_integer_value(shelf) < 1 || json_integer_value(shelf) > 3650))
        rc = sh_fail(err, SH_EINVAL, "shelf_life_days", "保质期应为1-3650天 (1 to 3650 days)");
    if (!refused && rc == 0 && price && !json_is_null(price) && (!json_is_number(price) || json_number_value(price) < 0))
        rc = sh_fail(err, SH_EINVAL, "unit_price", "单价应为不小于0的数字 (a number of at least 0)");
    const char *producer_division = json_string_value(json_object_get(body, "producer_division"));
    if (!refused && rc == 0 && producer_division && *producer_division)
        rc = sh_check_division_code(producer_division, "producer_division", err);
    int64_t samplers[10];
    int nsamplers = 0;
    json_t *sj = json_object_get(body, "samplers");
    if (!refused && rc == 0 && sj)
        rc = sh_sample_ids_from_json(sj, samplers, 10, &nsamplers, "samplers", err);
    if (rc == 0 && sj && actor->role == SH_ROLE_SAMPLER) {
        int self = 0;
        for (int i = 0; i < nsamplers; i++)
            self |= samplers[i] == actor->user_id;
        if (!self)
            rc = sh_fail(err, SH_EINVAL, "samplers", "抽样人员应包括您本人 (you must be one of the samplers)");
    }
    if (rc)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    char status[16];
    int64_t entity = 0;
    rc = sh_sample_load(db, actor, id, status, &entity, NULL, err);
    if (rc == 0)
        rc = expect_status(status, "assigned", "不能再填写抽样单", err);
    if (rc == 0 && refused) {
        rc = record_refusal(db, actor, id, body, err);
        return sh_db_finish(db, rc, err);
    }
    if (rc == 0 && nsamplers) {
        char division[13] = "";
        sh_stmt *st = sh_db_prepare(db, "SELECT division_code FROM entities WHERE id = ?", err);
        if (st) {
            sh_bind_int64(st, 1, entity);
            if (sh_stmt_step(st, err) == SH_ROW)
                snprintf(division, sizeof division, "%s", sh_col_text(st, 0));
            sh_stmt_done(st);
        }
        rc = sh_sample_check_samplers(db, samplers, nsamplers, division, err);
        if (rc == 0)
            rc = sh_sample_set_samplers(db, id, samplers, nsamplers, err);
    }
    char due[11] = "";
    if (rc == 0)
        rc = sh_workdays_add(db, today, SH_SAMPLE_DELIVERY_WD, due, err);
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE samples SET status = 'sampled', product_name = ?, brand = ?, spec = ?, batch_no = ?, quantity = ?,"
                                    " declared_standard = ?, producer_name = ?, producer_address = ?, sample_qty = ?, backup_qty = ?,"
                                    " seal_no = ?, business_signer = ?, production_date = ?, shelf_life_days = ?, unit_price = ?,"
                                    " producer_division = ?, sampled_at = ?, sampled_on = ?, delivery_due = ?, updated_at = ?"
                                    " WHERE id = ? AND status = 'assigned'",
                                    err);
        if (st) {
            for (int i = 0; i < NRECORD; i++)
                sh_bind_text_or_null(st, i + 1, vals[i]);
            sh_bind_text_or_null(st, 13, production);
            if (json_is_integer(shelf))
                sh_bind_int64(st, 14, json_integer_value(shelf));
            else
                sh_bind_null(st, 14);
            if (json_is_number(price))
                sh_bind_double(st, 15, json_number_value(price));
            else
                sh_bind_null(st, 15);
            sh_bind_text_or_null(st, 16, producer_division);
            sh_bind_int64(st, 17, sh_now_ms());
            sh_bind_text(st, 18, today);
            sh_bind_text(st, 19, due);
            sh_bind_int64(st, 20, sh_now_ms());
            sh_bind_int64(st, 21, id);
        }
        rc = step_update(db, st, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s?, s:s?, s:s}", "status", "sampled", "product_name", vals[0], "seal_no", vals[10],
                                  "delivery_due", due);
        rc = sh_audit(db, actor, "sampled", "sample", id, NULL, after, err);
        json_decref(after);
    }
    return sh_db_finish(db, rc, err);
}

/* ---- custody ---- */

static int lab_usable(sh_db *db, int64_t lab_id, int rapid_ok, const char *field, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT rapid FROM labs WHERE id = ? AND active = 1", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, lab_id);
    int rc = sh_stmt_step(st, err);
    int rapid = rc == SH_ROW ? (int)sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_EINVAL, field, "检验机构不存在或已停用 (no such active lab)");
    if (rapid && !rapid_ok)
        return sh_fail(err, SH_EINVAL, field, "快检机构不能承担实验室检验 (a rapid-test station cannot do a lab test)");
    return 0;
}

/* The sample's dates so far: sampled_on, delivered_on, received_on (empty when not yet). */
static int dates_of(sh_db *db, int64_t id, char sampled[11], char delivered[11], char received[11], char method[8], sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT sampled_on, delivered_on, received_on, method FROM samples WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        snprintf(sampled, 11, "%s", sh_col_text(st, 0));
        snprintf(delivered, 11, "%s", sh_col_text(st, 1));
        snprintf(received, 11, "%s", sh_col_text(st, 2));
        snprintf(method, 8, "%s", sh_col_text(st, 3));
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_sample_deliver(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    if (!sh_sample_may_work(actor))
        return sh_fail(err, SH_EPERM, "", "样品由抽样人员送检 (samplers deliver samples)");
    json_t *lab = json_object_get(body, "lab_id");
    if (!json_is_integer(lab))
        return sh_fail(err, SH_EINVAL, "lab_id", "请选择检验机构 (choose a lab)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    char status[16], sampled[11] = "", delivered[11], received[11], method[8] = "", on[11] = "";
    rc = sh_sample_load(db, actor, id, status, NULL, NULL, err);
    if (rc == 0)
        rc = expect_status(status, "sampled", "不能送检", err);
    if (rc == 0)
        rc = dates_of(db, id, sampled, delivered, received, method, err);
    if (rc == 0)
        rc = lab_usable(db, json_integer_value(lab), !strcmp(method, "rapid"), "lab_id", err);
    if (rc == 0)
        rc = sh_sample_date_field(body, "delivered_on", 0, sampled, "抽样日期", on, err);
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE samples SET status = 'delivered', lab_id = ?, delivered_on = ?, updated_at = ?"
                                    " WHERE id = ? AND status = 'sampled'",
                                    err);
        if (st) {
            sh_bind_int64(st, 1, json_integer_value(lab));
            sh_bind_text(st, 2, on);
            sh_bind_int64(st, 3, sh_now_ms());
            sh_bind_int64(st, 4, id);
        }
        rc = step_update(db, st, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:I, s:s}", "status", "delivered", "lab_id", (json_int_t)json_integer_value(lab), "delivered_on", on);
        rc = sh_audit(db, actor, "delivered", "sample", id, NULL, after, err);
        json_decref(after);
    }
    return sh_db_finish(db, rc, err);
}

int sh_sample_receive(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    if (!sh_sample_may_work(actor))
        return sh_fail(err, SH_EPERM, "", "由检验机构或监管人员登记收样 (the lab or an official records receipt)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    char status[16], sampled[11] = "", delivered[11] = "", received[11], method[8], on[11] = "", due[11] = "";
    rc = sh_sample_load(db, actor, id, status, NULL, NULL, err);
    if (rc == 0)
        rc = expect_status(status, "delivered", "不能登记收样", err);
    if (rc == 0)
        rc = dates_of(db, id, sampled, delivered, received, method, err);
    if (rc == 0)
        rc = sh_sample_date_field(body, "received_on", 0, delivered, "送检日期", on, err);
    if (rc == 0)
        rc = sh_workdays_add(db, on, SH_SAMPLE_REPORT_WD, due, err);
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE samples SET status = 'received', received_on = ?, report_due = ?, updated_at = ?"
                                    " WHERE id = ? AND status = 'delivered'",
                                    err);
        if (st) {
            sh_bind_text(st, 1, on);
            sh_bind_text(st, 2, due);
            sh_bind_int64(st, 3, sh_now_ms());
            sh_bind_int64(st, 4, id);
        }
        rc = step_update(db, st, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s, s:s}", "status", "received", "received_on", on, "report_due", due);
        rc = sh_audit(db, actor, "received", "sample", id, NULL, after, err);
        json_decref(after);
    }
    return sh_db_finish(db, rc, err);
}

/* ---- results ---- */

int sh_sample_judge_store(sh_db *db, const sh_principal *actor, int64_t id, int round, int64_t lab_id, json_t *results,
                          json_t *declared, char ret_verdict[8], json_t **ret_judged, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT food_category, analytes FROM samples WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    char category[64] = "";
    json_t *analytes = NULL;
    if (rc == SH_ROW) {
        snprintf(category, sizeof category, "%s", sh_col_text(st, 0));
        analytes = json_loads(sh_col_text(st, 1), 0, NULL);
    }
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(analytes);
        return rc;
    }
    if (!json_is_array(results) || json_array_size(results) == 0) {
        json_decref(analytes);
        return sh_fail(err, SH_EINVAL, "results", "请录入各检验项目的结果 (enter a result for each analyte)");
    }
    /* one result for each analyte the sample was sent for, and none other */
    size_t i, j;
    json_t *r, *a;
    json_array_foreach(results, i, r) {
        char field[32];
        snprintf(field, sizeof field, "results[%zu].analyte", i);
        const char *code = json_string_value(json_object_get(r, "analyte"));
        int wanted = 0;
        json_array_foreach(analytes, j, a) wanted |= code && !strcmp(code, json_string_value(a));
        for (j = 0; j < i && wanted; j++)
            wanted = strcmp(code, json_string_value(json_object_get(json_array_get(results, j), "analyte"))) != 0;
        if (!wanted) {
            json_decref(analytes);
            return sh_fail(err, SH_EINVAL, field, "该样品未送检此项目或结果重复 (not an analyte of this sample, or entered twice): %s",
                           code ? code : "");
        }
    }
    json_array_foreach(analytes, j, a) {
        int found = 0;
        json_array_foreach(results, i, r) found |= !strcmp(json_string_value(a), json_string_value(json_object_get(r, "analyte")));
        if (!found) {
            rc = sh_fail(err, SH_EINVAL, "results", "缺少检验项目%s的结果 (no result for %s)", json_string_value(a), json_string_value(a));
            json_decref(analytes);
            return rc;
        }
    }
    json_decref(analytes);
    json_t *req = json_pack("{s:s, s:O}", "food_category", category, "results", results);
    if (declared && !json_is_null(declared))
        json_object_set(req, "declared", declared);
    json_t *judged = NULL;
    rc = sh_sampling_judge(db, req, &judged, err);
    json_decref(req);
    if (rc)
        return rc;
    json_t *items = json_object_get(judged, "items");
    json_array_foreach(items, i, a) {
        char *result = json_dumps(json_array_get(results, i), JSON_COMPACT), *lim = json_dumps(json_object_get(a, "limit"), JSON_COMPACT);
        st = sh_db_prepare(db,
                           "INSERT INTO sample_results(sample_id, round, analyte, result, verdict, basis, limit_json, lab_id, entered_by, entered_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           err);
        if (st) {
            sh_bind_int64(st, 1, id);
            sh_bind_int64(st, 2, round);
            sh_bind_text(st, 3, json_string_value(json_object_get(a, "analyte")));
            sh_bind_text(st, 4, result);
            sh_bind_text(st, 5, json_string_value(json_object_get(a, "verdict")));
            sh_bind_text(st, 6, json_string_value(json_object_get(a, "basis")));
            sh_bind_text(st, 7, lim ? lim : "null");
            sh_bind_int64_or_null(st, 8, lab_id);
            sh_bind_int64_or_null(st, 9, actor->user_id);
            sh_bind_int64(st, 10, sh_now_ms());
        }
        free(result);
        free(lim);
        rc = sh_stmt_run(st, err);
        if (rc) {
            json_decref(judged);
            return rc == SH_EEXIST ? sh_fail(err, SH_EEXIST, "results", "结果已录入 (results were entered already)") : rc;
        }
    }
    snprintf(ret_verdict, 8, "%s", json_string_value(json_object_get(judged, "verdict")));
    *ret_judged = judged;
    return 0;
}

/* Strict supervision after sampling_strict_failures failed batches (not risk monitoring) within a
 * year, for sampling_strict_days, unless already under it. Only final failures count: one still open
 * to a re-test may yet be overturned. */
static int maybe_strict(sh_db *db, int64_t entity_id, sh_err *err)
{
    char today[11], year_ago[11], until[11];
    sh_today(today);
    sh_date_add_days(today, -365, year_ago);
    int threshold = sh_setting_int(db, "sampling_strict_failures", 2);
    int days = sh_setting_int(db, "sampling_strict_days", 180);
    if (threshold < 1)
        return 0;
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT count(*) FROM samples WHERE entity_id = ? AND kind <> 'monitoring'"
                                " AND final_verdict = 'fail' AND reported_on >= ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    sh_bind_text(st, 2, year_ago);
    int rc = sh_stmt_step(st, err);
    int64_t failed = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0 || failed < threshold)
        return rc < 0 ? rc : 0;
    st = sh_db_prepare(db, "SELECT count(*) FROM strict_supervision WHERE entity_id = ? AND until_on >= ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    sh_bind_text(st, 2, today);
    rc = sh_stmt_step(st, err);
    int64_t active = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0 || active)
        return rc < 0 ? rc : 0;
    sh_date_add_days(today, days, until);
    char reason[160];
    snprintf(reason, sizeof reason, "近一年抽检不合格%lld批次", (long long)failed);
    int64_t sid = 0;
    st = sh_db_prepare(db, "INSERT INTO strict_supervision(entity_id, reason, from_on, until_on, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id", err);
    if (st) {
        sh_bind_int64(st, 1, entity_id);
        sh_bind_text(st, 2, reason);
        sh_bind_text(st, 3, today);
        sh_bind_text(st, 4, until);
        sh_bind_int64(st, 5, sh_now_ms());
    }
    rc = sh_stmt_insert_id(st, &sid, err);
    if (rc == 0) {
        sh_principal sys;
        sh_principal_system(&sys);
        json_t *after = json_pack("{s:I, s:s, s:s}", "entity_id", (json_int_t)entity_id, "reason", reason, "until_on", until);
        rc = sh_audit(db, &sys, "strict_supervision", "entity", entity_id, NULL, after, err);
        json_decref(after);
    }
    return rc;
}

int sh_sample_after_verdict(sh_db *db, int64_t entity_id, sh_err *err)
{
    int rc = sh_risk_regrade(db, entity_id, "sampling", NULL, err);
    if (rc == 0)
        rc = maybe_strict(db, entity_id, err);
    return rc ? rc : sh_sample_verdict_notify(db, entity_id, err);
}

int sh_sample_report(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    if (!sh_sample_may_work(actor))
        return sh_fail(err, SH_EPERM, "", "由检验机构或监管人员录入检验结果 (the lab or an official enters results)");
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    char status[16], kind[16], sampled[11] = "", delivered[11] = "", received[11] = "", method[8] = "", on[11] = "";
    int64_t entity = 0, lab = 0;
    rc = sh_sample_load(db, actor, id, status, &entity, kind, err);
    if (rc == 0)
        rc = dates_of(db, id, sampled, delivered, received, method, err);
    int rapid = !strcmp(method, "rapid");
    if (rc == 0 && strcmp(status, "received") && !(rapid && !strcmp(status, "sampled")))
        rc = sh_fail(err, SH_EINVAL, "status", "样品当前状态为%s，检验机构收样后才能录入结果 (results come after the lab received the sample; it is %s)",
                     status, status);
    if (rc == 0)
        rc = sh_sample_date_field(body, "reported_on", 0, rapid ? sampled : received, rapid ? "抽样日期" : "收样日期", on, err);
    if (rc == 0 && !rapid) {
        sh_stmt *st = sh_db_prepare(db, "SELECT lab_id FROM samples WHERE id = ?", err);
        if (st) {
            sh_bind_int64(st, 1, id);
            if (sh_stmt_step(st, err) == SH_ROW)
                lab = sh_col_int64(st, 0);
            sh_stmt_done(st);
        }
    }
    char verdict[8] = "";
    json_t *judged = NULL;
    if (rc == 0)
        rc = sh_sample_judge_store(db, actor, id, 1, lab, json_object_get(body, "results"), json_object_get(body, "declared"),
                                   verdict, &judged, err);
    int fail = !strcmp(verdict, "fail");
    char notice_due[11] = "", keep[11] = "", followup[11] = "";
    if (rc == 0 && fail) {
        rc = sh_workdays_add(db, on, SH_SAMPLE_NOTICE_WD, notice_due, err);
        sh_deadline_rule r = {.basis = "SAMR Order 15", .days = SH_SAMPLE_FOLLOWUP_DAYS, .calendar_days = 1};
        sh_deadline d;
        if (rc == 0 && (rc = sh_deadline_due(db, on, &r, NULL, 0, &d, err)) == 0)
            snprintf(followup, sizeof followup, "%s", d.due);
    }
    if (rc == 0) {
        sh_date_add_months(on, fail ? 6 : 3, keep);
        backup_until_shelf_life(db, id, keep);
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE samples SET status = 'reported', reported_on = ?, reported_at = ?, verdict = ?,"
                                    " final_verdict = ?, notice_due = ?, backup_keep_until = ?, followup_due = ?, updated_at = ?"
                                    " WHERE id = ? AND status = ?",
                                    err);
        if (st) {
            sh_bind_text(st, 1, on);
            sh_bind_int64(st, 2, sh_now_ms());
            sh_bind_text(st, 3, verdict);
            /* a fail is final once no re-test can change it: at once for risk monitoring (no re-test right) */
            sh_bind_text_or_null(st, 4, !fail ? "pass" : !strcmp(kind, "monitoring") ? "fail" : NULL);
            sh_bind_text_or_null(st, 5, notice_due);
            sh_bind_text(st, 6, keep);
            sh_bind_text_or_null(st, 7, followup);
            sh_bind_int64(st, 8, sh_now_ms());
            sh_bind_int64(st, 9, id);
            sh_bind_text(st, 10, status);
        }
        rc = step_update(db, st, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s, s:O}", "status", "reported", "verdict", verdict, "items", json_object_get(judged, "items"));
        rc = sh_audit(db, actor, "reported", "sample", id, NULL, after, err);
        json_decref(after);
    }
    if (rc == 0 && fail)
        rc = sh_sample_after_verdict(db, entity, err);
    rc = sh_db_finish(db, rc, err);
    if (rc == 0 && ret)
        *ret = judged;
    else
        json_decref(judged);
    return rc;
}
