/* The complainant follows a complaint: a verification code to the phone on file, the public view,
 * the rating once it is closed (complaint.h). */
#include "domain/complaints/complaint.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/complaints/complaint_int.h"
#include "domain/identity/secret.h"
#include "domain/loop/outbox.h"

#define CODE_TTL_MS (15 * 60 * 1000)
#define CODE_MAX_TRIES 5

static int bad_code(sh_err *err)
{
    return sh_fail(err, SH_EINVAL, "code", "验证码不正确或已过期，请重新获取 (the code is wrong or has expired)");
}

/* The record of {tracking_code, phone}: 0 with its id, SH_ENOTFOUND when none matches. */
static int find(sh_db *db, json_t *body, int64_t *ret_id, sh_err *err)
{
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *code = json_string_value(json_object_get(body, "tracking_code"));
    const char *phone = json_string_value(json_object_get(body, "phone"));
    if (!code || strlen(code) != 10 || strncmp(code, "TS", 2))
        return sh_fail(err, SH_EINVAL, "tracking_code", "查询编号：应为 TS 开头的10位编号 (tracking_code is TS and 8 characters)");
    if (!phone || sh_check_phone(phone, "phone", NULL) != 0)
        return sh_fail(err, SH_EINVAL, "phone", "手机号：请填写登记时留下的电话 (phone must be the number given)");
    sh_stmt *st = sh_db_prepare(db, "SELECT id FROM complaints WHERE tracking_code = ? AND person_phone = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    sh_bind_text(st, 2, phone);
    int rc = sh_stmt_step(st, err);
    *ret_id = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    return rc < 0 ? rc : *ret_id ? 0 : SH_ENOTFOUND;
}

static int code_hash(int64_t id, const char *code, char out[65], sh_err *err)
{
    char data[64];
    int n = snprintf(data, sizeof data, "%lld:%s", (long long)id, code);
    return sh_secret_keyed_hash("complaint-track-code", data, (size_t)n, out, err);
}

int sh_complaint_send_code(sh_db *db, json_t *body, json_t **ret, sh_err *err)
{
    int64_t id = 0;
    int rc = find(db, body, &id, err);
    if (rc && rc != SH_ENOTFOUND)
        return rc;
    if (rc == 0) {
        char code[7], hash[65];
        snprintf(code, sizeof code, "%06u", (unsigned)randombytes_uniform(1000000));
        if ((rc = code_hash(id, code, hash, err)) != 0 || (rc = sh_db_begin(db, err)) != 0)
            return rc;
        sh_stmt *st = sh_db_prepare(db, "UPDATE complaints SET verify_hash = ?, verify_expires = ?, verify_tries = 0 WHERE id = ?", err);
        if (st) {
            sh_bind_text(st, 1, hash);
            sh_bind_int64(st, 2, sh_now_ms() + CODE_TTL_MS);
            sh_bind_int64(st, 3, id);
        }
        rc = sh_stmt_run(st, err);
        if (rc == 0) {
            char text[120];
            snprintf(text, sizeof text, "验证码 %s，15分钟内有效，用于查询投诉举报办理进度。", code);
            json_t *payload = json_pack("{s:I, s:s, s:s, s:s}", "complaint_id", (json_int_t)id, "phone",
                                        json_string_value(json_object_get(body, "phone")), "code", code, "text", text);
            rc = sh_outbox_add(db, 0, "complaint.verify_code", payload, NULL, err);
            json_decref(payload);
        }
        if ((rc = sh_db_finish(db, rc, err)) != 0)
            return rc;
    }
    /* the same answer either way: nobody learns which codes and phones belong together */
    *ret = json_pack("{s:s}", "message", "如编号与手机号一致，验证码已发送到该手机，15分钟内有效");
    return 0;
}

/* {tracking_code, phone, code} checked: a wrong code counts against the five allowed. */
static int verified(sh_db *db, json_t *body, int64_t *ret_id, sh_err *err)
{
    int rc = find(db, body, ret_id, err);
    if (rc == SH_ENOTFOUND)
        return bad_code(err);
    if (rc)
        return rc;
    const char *code = json_string_value(json_object_get(body, "code"));
    if (!code || strlen(code) != 6)
        return sh_fail(err, SH_EINVAL, "code", "验证码：应为6位数字 (code must be 6 digits)");
    char hash[65];
    if ((rc = code_hash(*ret_id, code, hash, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT coalesce(verify_hash, ''), coalesce(verify_expires, 0), verify_tries FROM complaints WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, *ret_id);
    int ok = 0;
    if ((rc = sh_stmt_step(st, err)) == SH_ROW)
        ok = !strcmp(sh_col_text(st, 0), hash) && sh_col_int64(st, 1) > sh_now_ms() && sh_col_int64(st, 2) < CODE_MAX_TRIES;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (ok)
        return 0;
    /* a wrong guess counts; the fifth voids the code */
    st = sh_db_prepare(db, "UPDATE complaints SET verify_tries = verify_tries + 1 WHERE id = ?", err);
    if (st)
        sh_bind_int64(st, 1, *ret_id);
    sh_stmt_run(st, NULL);
    return bad_code(err);
}

static json_t *public_steps(sh_db *db, int64_t id)
{
    json_t *arr = json_array();
    sh_stmt *st = sh_db_prepare(db, "SELECT done_on, public_note FROM complaint_steps WHERE complaint_id = ? AND public_note IS NOT NULL ORDER BY id", NULL);
    if (!st)
        return arr;
    sh_bind_int64(st, 1, id);
    while (sh_stmt_step(st, NULL) == SH_ROW)
        json_array_append_new(arr, json_pack("{s:s, s:s}", "date", sh_col_text(st, 0), "text", sh_col_text(st, 1)));
    sh_stmt_done(st);
    return arr;
}

/* What the person reads: no official's name, no internal note. */
static int public_view(sh_db *db, int64_t id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT tracking_code, kind, respondent_name, category, status, received_on, due_on, outcome,"
                                " rating, rating_comment FROM complaints WHERE id = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc != SH_ROW) {
        sh_stmt_done(st);
        return rc < 0 ? rc : bad_code(err);
    }
    const char *kind = sh_col_text(st, 1), *status = sh_col_text(st, 4);
    int closed = !strcmp(status, "closed");
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:o, s:b}", "tracking_code", sh_col_text(st, 0), "kind",
                          kind, "kind_label", cp_kind_zh(kind), "respondent_name", sh_col_text(st, 2), "category_label",
                          cp_category_zh(sh_col_text(st, 3)), "status", status, "status_label", cp_status_zh(status),
                          "received_on", sh_col_text(st, 5), "due_on", closed || sh_col_is_null(st, 6) ? NULL : sh_col_text(st, 6),
                          "outcome", sh_col_is_null(st, 7) ? NULL : sh_col_text(st, 7), "rating",
                          sh_col_is_null(st, 8) ? json_null() : json_integer(sh_col_int64(st, 8)), "can_rate",
                          closed && sh_col_is_null(st, 8));
    sh_stmt_done(st);
    json_object_set_new(o, "steps", public_steps(db, id));
    *ret = o;
    return 0;
}

int sh_complaint_track(sh_db *db, json_t *body, json_t **ret, sh_err *err)
{
    int64_t id = 0;
    int rc = verified(db, body, &id, err);
    return rc ? rc : public_view(db, id, ret, err);
}

int sh_complaint_rate(sh_db *db, json_t *body, json_t **ret, sh_err *err)
{
    int64_t id = 0;
    int rc = verified(db, body, &id, err);
    if (rc)
        return rc;
    json_t *v = json_object_get(body, "rating");
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 5)
        return sh_fail(err, SH_EINVAL, "rating", "满意度：请选择1-5星 (rating must be 1-5)");
    const char *comment = NULL;
    if ((rc = sh_body_text(body, "comment", "评价", 0, 200, &comment, err)) != 0)
        return rc;
    char today[11];
    sh_today(today);
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db,
                                "UPDATE complaints SET rating = ?, rating_comment = ?, rated_at = ?, updated_at = ?"
                                " WHERE id = ? AND status = 'closed' AND rating IS NULL RETURNING id",
                                err);
    if (st) {
        int64_t now = sh_now_ms();
        sh_bind_int64(st, 1, json_integer_value(v));
        sh_bind_text_or_null(st, 2, comment);
        sh_bind_int64(st, 3, now);
        sh_bind_int64(st, 4, now);
        sh_bind_int64(st, 5, id);
    }
    int64_t done = 0;
    rc = sh_stmt_insert_id(st, &done, err);
    if (rc == 0 && !done)
        rc = sh_fail(err, SH_EINVAL, "rating", "办结后才能评价，且只能评价一次 (a complaint is rated once, after it is closed)");
    if (rc == 0)
        rc = cp_log_step(db, NULL, id, "rated", comment, NULL, NULL, today, err);
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : public_view(db, id, ret, err);
}
