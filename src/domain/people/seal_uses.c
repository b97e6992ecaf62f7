/* 食安封签 seal by seal (people.h; db/079): the business reports which numbers of its batch it has used,
 * and anyone who scans a seal's printed code (PREFIX-NUMBER) reads whose it is, the batch's date and
 * whether it was reported used — no person, no phone, no credit code, so the answer can be public. */
#include "domain/people/people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/calendar.h"
#include "domain/people/people_int.h"

#define MAX_REPORT 1000

/* The seal_nos of body: 1..MAX_REPORT distinct integers within [first, last]. */
static int seal_nos_of(json_t *body, int64_t first, int64_t last, int64_t **ret, size_t *ret_n, sh_err *err)
{
    json_t *list = json_object_get(body, "seal_nos");
    size_t n = json_array_size(list);
    if (!json_is_array(list) || n == 0 || n > MAX_REPORT)
        return sh_fail(err, SH_EINVAL, "seal_nos", "封签编号：请填写1至%d个本批次的编号 (seal_nos: 1-%d numbers of the batch)", MAX_REPORT, MAX_REPORT);
    int64_t *nos = calloc(n, sizeof *nos);
    if (!nos)
        return sh_fail(err, SH_EINTERNAL, "", "内存不足 (out of memory)");
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(list, i);
        char field[32];
        snprintf(field, sizeof field, "seal_nos[%zu]", i);
        if (!json_is_integer(v) || json_integer_value(v) < first || json_integer_value(v) > last) {
            free(nos);
            return sh_fail(err, SH_EINVAL, field, "封签编号：应在本批次%lld至%lld之间 (%s must lie in the batch)", (long long)first, (long long)last, field);
        }
        nos[i] = json_integer_value(v);
        for (size_t j = 0; j < i; j++)
            if (nos[j] == nos[i]) {
                long long dup = nos[i];
                free(nos);
                return sh_fail(err, SH_EINVAL, field, "封签编号：%lld重复 (%s repeats a number)", dup, field);
            }
    }
    *ret = nos;
    *ret_n = n;
    return 0;
}

int sh_seal_uses_report(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    json_t *cur = NULL;
    int rc = pp_seal_batch_to_report(db, actor, id, &cur, err);
    if (rc)
        return rc;
    int64_t first = json_integer_value(json_object_get(cur, "first_no")), last = json_integer_value(json_object_get(cur, "last_no"));
    const char *prefix = json_string_value(json_object_get(cur, "prefix"));
    char code_prefix[16];
    snprintf(code_prefix, sizeof code_prefix, "%s", prefix ? prefix : "");
    json_decref(cur);
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    int64_t *nos = NULL;
    size_t n = 0;
    if ((rc = seal_nos_of(body, first, last, &nos, &n, err)) != 0)
        return rc;
    char today[11];
    sh_today(today);
    int own = 0;
    if ((rc = sh_db_join(db, &own, err)) != 0) {
        free(nos);
        return rc;
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        /* a seal reported once stays reported: a second report is refused, naming the number */
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO seal_uses(batch_id, seal_no, used_on, created_by, created_at) VALUES (?, ?, ?, ?, ?)"
                                    " ON CONFLICT (batch_id, seal_no) DO NOTHING RETURNING id",
                                    err);
        if (st) {
            sh_bind_int64(st, 1, id);
            sh_bind_int64(st, 2, nos[i]);
            sh_bind_text(st, 3, today);
            sh_bind_int64_or_null(st, 4, actor->user_id);
            sh_bind_int64(st, 5, sh_now_ms());
        }
        rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
        sh_stmt_done(st);
        char field[32];
        snprintf(field, sizeof field, "seal_nos[%zu]", i);
        rc = rc == SH_ROW ? 0
             : rc < 0     ? rc
                          : sh_fail(err, SH_EINVAL, field, "封签编号：%s-%lld已报告使用 (%s was reported used already)", code_prefix, (long long)nos[i], field);
    }
    if (rc == 0) {
        /* the running total follows the seals reported one by one; it never falls */
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE seal_batches SET used = CASE WHEN used < (SELECT count(*) FROM seal_uses u WHERE u.batch_id = seal_batches.id)"
                                    " THEN (SELECT count(*) FROM seal_uses u WHERE u.batch_id = seal_batches.id) ELSE used END, used_on = ? WHERE id = ?",
                                    err);
        if (st) {
            sh_bind_text(st, 1, today);
            sh_bind_int64(st, 2, id);
        }
        rc = sh_stmt_run(st, err);
    }
    if (rc == 0) {
        json_t *list = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(list, json_integer(nos[i]));
        json_t *after = json_pack("{s:o}", "seal_nos", list);
        rc = sh_audit(db, actor, "use_seals", "seal_batch", id, NULL, after, err);
        json_decref(after);
    }
    free(nos);
    rc = sh_db_leave(db, own, rc, err);
    return rc ? rc : sh_seal_batch_get(db, actor, id, ret, err);
}

/* "PREFIX-NUMBER": the prefix as issued (2-10 capitals or digits), the number 1-999999999 (leading zeros
 * as printed). 0 or SH_EINVAL naming code. */
static int parse_code(const char *code, char prefix[11], int64_t *no, sh_err *err)
{
    const char *dash = code ? strrchr(code, '-') : NULL;
    size_t plen = dash ? (size_t)(dash - code) : 0, dlen = dash ? strlen(dash + 1) : 0;
    int ok = dash && plen >= 2 && plen <= 10 && dlen >= 1 && dlen <= 12;
    for (size_t i = 0; ok && i < plen; i++)
        ok = (code[i] >= 'A' && code[i] <= 'Z') || (code[i] >= '0' && code[i] <= '9');
    int64_t v = 0;
    for (size_t i = 0; ok && i < dlen; i++) {
        ok = dash[1 + i] >= '0' && dash[1 + i] <= '9';
        v = v * 10 + (dash[1 + i] - '0');
    }
    if (!ok || v < 1 || v > 999999999)
        return sh_fail(err, SH_EINVAL, "code", "封签编号：应为“前缀-编号”，如 QH26-000123 (code must be PREFIX-NUMBER)");
    memcpy(prefix, code, plen);
    prefix[plen] = '\0';
    *no = v;
    return 0;
}

int sh_seal_public(sh_db *db, const char *code, json_t **ret, sh_err *err)
{
    char prefix[11];
    int64_t no = 0;
    int rc = parse_code(code, prefix, &no, err);
    if (rc)
        return rc;
    /* named columns only: the business's name and whether it is open, its township, the batch's day */
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT e.id, e.name, e.status, COALESCE(d.name, ''), b.issued_on, u.used_on FROM seal_batches b"
                                " JOIN entities e ON e.id = b.entity_id LEFT JOIN divisions d ON d.code = b.division_code"
                                " LEFT JOIN seal_uses u ON u.batch_id = b.id AND u.seal_no = ?"
                                " WHERE b.prefix = ? AND b.first_no <= ? AND b.last_no >= ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, no);
    sh_bind_text(st, 2, prefix);
    sh_bind_int64(st, 3, no);
    sh_bind_int64(st, 4, no);
    rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        int open = !strcmp(sh_col_text(st, 2), "active");
        char canonical[32];
        snprintf(canonical, sizeof canonical, "%s-%lld", prefix, (long long)no);
        *ret = json_pack("{s:s, s:s, s:I, s:s, s:o, s:s, s:s, s:b, s:o}", "code", canonical, "prefix", prefix, "seal_no", (json_int_t)no,
                         "business_name", sh_col_text(st, 1), "shop_id", open ? json_integer(sh_col_int64(st, 0)) : json_null(), "township",
                         sh_col_text(st, 3), "issued_on", sh_col_text(st, 4), "used", !sh_col_is_null(st, 5), "used_on",
                         sh_col_is_null(st, 5) ? json_null() : json_string(sh_col_text(st, 5)));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "code", "该封签编号未发放，不是本平台发放的食安封签 (not issued)");
}
