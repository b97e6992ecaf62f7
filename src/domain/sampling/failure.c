/* What follows a failed sample (failure.h): notice, re-test, objections. Disposal, follow-up and
 * publication are failure_after.c. */
#include "domain/sampling/failure.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rng.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/sampling/failure_int.h"
#include "domain/sampling/sample.h"
#include "domain/sampling/sample_int.h"
#include "store/rows.h"

int sh_sample_facts(sh_db *db, int64_t id, sh_sample_facts_t *f, sh_err *err)
{
    memset(f, 0, sizeof *f);
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT status, kind, method, COALESCE(verdict, ''), COALESCE(final_verdict, ''), COALESCE(sampled_on, ''),"
                                " COALESCE(reported_on, ''), COALESCE(notice_sent_on, ''), COALESCE(notice_received_on, ''),"
                                " COALESCE(retest_due, ''), COALESCE(backup_keep_until, ''), COALESCE(lab_id, 0), entity_id,"
                                " COALESCE(reported_at, 0), COALESCE(product_name, '')"
                                " FROM samples WHERE id = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        snprintf(f->status, sizeof f->status, "%s", sh_col_text(st, 0));
        snprintf(f->kind, sizeof f->kind, "%s", sh_col_text(st, 1));
        snprintf(f->method, sizeof f->method, "%s", sh_col_text(st, 2));
        snprintf(f->verdict, sizeof f->verdict, "%s", sh_col_text(st, 3));
        snprintf(f->final_verdict, sizeof f->final_verdict, "%s", sh_col_text(st, 4));
        snprintf(f->sampled_on, sizeof f->sampled_on, "%s", sh_col_text(st, 5));
        snprintf(f->reported_on, sizeof f->reported_on, "%s", sh_col_text(st, 6));
        snprintf(f->notice_sent_on, sizeof f->notice_sent_on, "%s", sh_col_text(st, 7));
        snprintf(f->notice_received_on, sizeof f->notice_received_on, "%s", sh_col_text(st, 8));
        snprintf(f->retest_due, sizeof f->retest_due, "%s", sh_col_text(st, 9));
        snprintf(f->backup_keep_until, sizeof f->backup_keep_until, "%s", sh_col_text(st, 10));
        f->lab_id = sh_col_int64(st, 11);
        f->entity_id = sh_col_int64(st, 12);
        f->reported_at = sh_col_int64(st, 13);
        snprintf(f->product_name, sizeof f->product_name, "%s", sh_col_text(st, 14));
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_sample_require_fail(const sh_sample_facts_t *f, sh_err *err)
{
    if (strcmp(f->verdict, "fail"))
        return sh_fail(err, SH_EINVAL, "verdict", "该样品未判定为不合格 (the sample has not failed)");
    return 0;
}

static int is_official(const sh_principal *actor)
{
    return actor->role == SH_ROLE_ADMIN || actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_TOWNSHIP;
}

/* ---- the notice ---- */

int sh_sample_notice(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    int business = actor->role == SH_ROLE_BUSINESS;
    if (!business && !is_official(actor))
        return sh_fail(err, SH_EPERM, "", "不合格通知由监管部门送达 (officials serve the notice)");
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    sh_sample_facts_t f;
    char sent[11] = "", received[11] = "", due[11] = "";
    rc = sh_sample_load(db, actor, id, NULL, NULL, NULL, err);
    if (rc == 0)
        rc = sh_sample_facts(db, id, &f, err);
    if (rc == 0)
        rc = sh_sample_require_fail(&f, err);
    if (rc == 0 && business) { /* the business acknowledges the notice it was sent */
        if (!*f.notice_sent_on)
            rc = sh_fail(err, SH_EINVAL, "notice", "尚未送达不合格通知 (no notice has been sent yet)");
        else if (*f.notice_received_on)
            rc = sh_fail(err, SH_EEXIST, "notice", "已确认收到 (receipt was confirmed already)");
        else {
            snprintf(sent, sizeof sent, "%s", f.notice_sent_on);
            sh_today(received);
        }
    } else if (rc == 0) {
        if (*f.notice_sent_on)
            rc = sh_fail(err, SH_EEXIST, "notice", "不合格通知已送达 (the notice was sent already)");
        if (rc == 0)
            rc = sh_sample_date_field(body, "sent_on", 0, f.reported_on, "检验报告日期", sent, err);
        json_t *r = json_object_get(body, "received_on");
        if (rc == 0 && r && !json_is_null(r))
            rc = sh_sample_date_field(body, "received_on", 1, sent, "送达日期", received, err);
    }
    if (rc == 0 && *received)
        rc = sh_workdays_add(db, received, SH_SAMPLE_RETEST_WD, due, err);
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db, "UPDATE samples SET notice_sent_on = ?, notice_received_on = ?, retest_due = ?, updated_at = ? WHERE id = ?",
                                    err);
        if (st) {
            sh_bind_text(st, 1, sent);
            sh_bind_text_or_null(st, 2, received);
            sh_bind_text_or_null(st, 3, due);
            sh_bind_int64(st, 4, sh_now_ms());
            sh_bind_int64(st, 5, id);
        }
        rc = sh_stmt_run(st, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s?, s:s?}", "notice_sent_on", sent, "notice_received_on", *received ? received : NULL,
                                  "retest_due", *due ? due : NULL);
        rc = sh_audit(db, actor, business ? "notice_received" : "notice_sent", "sample", id, NULL, after, err);
        json_decref(after);
    }
    return sh_db_finish(db, rc, err);
}

/* ---- the re-test ---- */

int sh_sample_retest_request(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    if (actor->role != SH_ROLE_BUSINESS)
        return sh_fail(err, SH_EPERM, "", "复检由被抽样的经营者申请 (the business sampled asks for a re-test)");
    const char *reason = json_string_value(json_object_get(body, "reason"));
    int rc = sh_check_text(reason, 2, 1000, "reason", err);
    if (rc)
        return sh_fail(err, SH_EINVAL, "reason", "请说明申请复检的理由（2-1000字） (give the reason, 2-1000 characters)");
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_sample_facts_t f;
    rc = sh_sample_load(db, actor, id, NULL, NULL, NULL, err);
    if (rc == 0)
        rc = sh_sample_facts(db, id, &f, err);
    if (rc == 0)
        rc = sh_sample_require_fail(&f, err);
    if (rc == 0 && !strcmp(f.kind, "monitoring"))
        rc = sh_fail(err, SH_EINVAL, "kind", "风险监测结果不适用复检 (risk monitoring carries no re-test right)");
    if (rc == 0 && *f.final_verdict)
        rc = sh_fail(err, SH_EINVAL, "final_verdict", "检验结论已为最终结论 (the verdict is final)");
    char today[11], due[11] = "";
    sh_today(today);
    int late = 0;
    if (rc == 0) {
        if (!strcmp(f.method, "rapid")) /* a rapid test: within 4 hours of its result */
            late = sh_now_ms() > f.reported_at + 4LL * 3600 * 1000;
        else
            late = *f.retest_due && strcmp(today, f.retest_due) > 0;
        sh_deadline_rule r = {.basis = "SAMR Order 15", .days = sh_setting_int(db, "sampling_retest_decide_days", 7)};
        sh_deadline d;
        if ((rc = sh_deadline_due(db, today, &r, NULL, 0, &d, err)) == 0)
            snprintf(due, sizeof due, "%s", d.due);
    }
    int64_t rid = 0;
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO sample_retests(sample_id, requested_on, requested_at, requested_by, reason, late, status, decide_due)"
                                    " VALUES (?, ?, ?, ?, ?, ?, 'requested', ?) RETURNING id",
                                    err);
        if (st) {
            sh_bind_int64(st, 1, id);
            sh_bind_text(st, 2, today);
            sh_bind_int64(st, 3, sh_now_ms());
            sh_bind_int64_or_null(st, 4, actor->user_id);
            sh_bind_text(st, 5, reason);
            sh_bind_int64(st, 6, late);
            sh_bind_text(st, 7, due);
        }
        rc = sh_stmt_insert_id(st, &rid, err);
        if (rc == SH_EEXIST)
            rc = sh_fail(err, SH_EEXIST, "retest", "已申请过复检 (a re-test was requested already)");
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:b, s:s}", "reason", reason, "late", late, "decide_due", due);
        rc = sh_audit(db, actor, "retest_requested", "sample", id, NULL, after, err);
        json_decref(after);
    }
    return sh_db_finish(db, rc, err);
}

/* A lab other than the first, drawn at random among the active lab-test labs; 0 when none. */
static int draw_retest_lab(sh_db *db, int64_t first, uint64_t seed, int64_t *ret_lab, sh_err *err)
{
    json_t *ids = json_array();
    sh_stmt *st = sh_db_prepare(db, "SELECT id FROM labs WHERE active = 1 AND rapid = 0 AND id <> ? ORDER BY id", err);
    if (st)
        sh_bind_int64(st, 1, first);
    int rc = sh_rows_append(st, sh_row_int0, NULL, ids, err);
    *ret_lab = 0;
    if (rc == 0 && json_array_size(ids)) {
        uint64_t s = seed;
        *ret_lab = json_integer_value(json_array_get(ids, sh_splitmix64(&s) % json_array_size(ids)));
    }
    json_decref(ids);
    return rc;
}

/* Whether a refusal ground holds for this sample. */
static int ground_holds(sh_db *db, int64_t id, const char *ground, const sh_sample_facts_t *f, int late, const char *today,
                        sh_err *err)
{
    if (!strcmp(ground, "late") && !late)
        return sh_fail(err, SH_EINVAL, "ground", "申请在期限内提出，不能以逾期为由不予复检 (the request was in time)");
    if (!strcmp(ground, "backup_expired") && (!*f->backup_keep_until || strcmp(today, f->backup_keep_until) <= 0))
        return sh_fail(err, SH_EINVAL, "ground", "备份样品仍在保存期内 (the backup sample is still kept, until %s)", f->backup_keep_until);
    if (!strcmp(ground, "microbial")) { /* every failed item a microbial one */
        sh_stmt *st = sh_db_prepare(db,
                                    "SELECT count(*) FROM sample_results r JOIN analytes a ON a.code = r.analyte"
                                    " WHERE r.sample_id = ? AND r.round = 1 AND r.verdict = 'fail' AND a.class <> 'microbe'",
                                    err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, id);
        int rc = sh_stmt_step(st, err);
        int64_t other = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        if (other)
            return sh_fail(err, SH_EINVAL, "ground", "不合格项目并非均为微生物指标 (not every failed item is microbial)");
    }
    return 0;
}

static const char *const grounds[] = {"microbial", "backup_expired", "late", "no_purpose", "other", NULL};

int sh_sample_retest_decide(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    if (!is_official(actor))
        return sh_fail(err, SH_EPERM, "", "复检申请由县局或乡镇所决定 (the county or a township office decides)");
    json_t *accept = json_object_get(body, "accept");
    if (!json_is_boolean(accept))
        return sh_fail(err, SH_EINVAL, "accept", "应为true（受理）或false（不予受理） (true to accept, false to refuse)");
    const char *ground = json_string_value(json_object_get(body, "ground")), *note = json_string_value(json_object_get(body, "note"));
    int rc = 0;
    if (json_is_false(accept)) {
        int ok = 0;
        for (int i = 0; ground && grounds[i]; i++)
            ok |= !strcmp(grounds[i], ground);
        if (!ok)
            return sh_fail(err, SH_EINVAL, "ground",
                           "请选择不予复检的理由：microbial（微生物指标）、backup_expired（备份样品超过保存期）、late（逾期申请）、no_purpose（无法实现复检目的）、other（其他法定情形） (choose one of the five grounds)");
        if ((rc = sh_check_text(note, 2, 500, "note", err)) != 0)
            return sh_fail(err, SH_EINVAL, "note", "请写明不予复检的具体理由（2-500字） (a refusal needs its reason, 2-500 characters)");
    } else if (note && (rc = sh_check_text(note, 0, 500, "note", err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_sample_facts_t f;
    rc = sh_sample_load(db, actor, id, NULL, NULL, NULL, err);
    if (rc == 0)
        rc = sh_sample_facts(db, id, &f, err);
    int late = 0;
    char status[16] = "";
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db, "SELECT status, late FROM sample_retests WHERE sample_id = ?", err);
        if (st) {
            sh_bind_int64(st, 1, id);
            rc = sh_stmt_step(st, err);
            if (rc == SH_ROW) {
                snprintf(status, sizeof status, "%s", sh_col_text(st, 0));
                late = (int)sh_col_int64(st, 1);
            }
            sh_stmt_done(st);
            rc = rc < 0 ? rc : 0;
        } else
            rc = SH_EINTERNAL;
        if (rc == 0 && strcmp(status, "requested"))
            rc = *status ? sh_fail(err, SH_EEXIST, "retest", "复检申请已作出决定 (the request was decided already)")
                         : sh_fail(err, SH_ENOTFOUND, "retest", "没有复检申请 (no re-test was requested)");
    }
    char today[11], report_due[11] = "";
    sh_today(today);
    if (rc == 0 && json_is_false(accept))
        rc = ground_holds(db, id, ground, &f, late, today, err);
    uint64_t seed = 0;
    int64_t lab = 0;
    if (rc == 0 && json_is_true(accept)) {
        randombytes_buf(&seed, sizeof seed);
        seed &= 0x7fffffffffffffffULL;
        rc = draw_retest_lab(db, f.lab_id, seed, &lab, err);
        if (rc == 0 && !lab)
            rc = sh_fail(err, SH_EINVAL, "lab", "没有可承担复检的其他检验机构，请先登记检验机构 (no other lab on file for the re-test)");
        if (rc == 0)
            rc = sh_workdays_add(db, today, SH_SAMPLE_RETEST_REPORT_WD, report_due, err);
    }
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE sample_retests SET status = ?, decided_on = ?, decided_by = ?, refusal_ground = ?, note = ?,"
                                    " lab_id = ?, seed = ?, report_due = ? WHERE sample_id = ? AND status = 'requested'",
                                    err);
        if (st) {
            sh_bind_text(st, 1, json_is_true(accept) ? "accepted" : "refused");
            sh_bind_text(st, 2, today);
            sh_bind_int64_or_null(st, 3, actor->user_id);
            sh_bind_text_or_null(st, 4, json_is_true(accept) ? NULL : ground);
            sh_bind_text_or_null(st, 5, note);
            sh_bind_int64_or_null(st, 6, lab);
            sh_bind_int64_or_null(st, 7, (int64_t)seed);
            sh_bind_text_or_null(st, 8, report_due);
            sh_bind_int64(st, 9, id);
        }
        rc = sh_stmt_run(st, err);
    }
    if (rc == 0 && json_is_false(accept)) { /* the fail stands, final */
        sh_stmt *st = sh_db_prepare(db, "UPDATE samples SET final_verdict = 'fail', updated_at = ? WHERE id = ?", err);
        if (st) {
            sh_bind_int64(st, 1, sh_now_ms());
            sh_bind_int64(st, 2, id);
        }
        rc = sh_stmt_run(st, err);
        if (rc == 0)
            rc = sh_sample_after_verdict(db, f.entity_id, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:b, s:s?, s:s?}", "accept", json_is_true(accept), "ground", json_is_true(accept) ? NULL : ground, "note", note);
        if (lab)
            json_object_set_new(after, "lab_id", json_integer(lab));
        rc = sh_audit(db, actor, "retest_decided", "sample", id, NULL, after, err);
        json_decref(after);
    }
    return sh_db_finish(db, rc, err);
}

int sh_sample_retest_report(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    if (!sh_sample_may_work(actor))
        return sh_fail(err, SH_EPERM, "", "由复检机构或监管人员录入复检结果 (the re-test lab or an official enters results)");
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    sh_sample_facts_t f;
    rc = sh_sample_load(db, actor, id, NULL, NULL, NULL, err);
    if (rc == 0)
        rc = sh_sample_facts(db, id, &f, err);
    char status[16] = "", decided[11] = "", on[11] = "";
    int64_t lab = 0;
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db, "SELECT status, COALESCE(decided_on, ''), COALESCE(lab_id, 0) FROM sample_retests WHERE sample_id = ?", err);
        if (st) {
            sh_bind_int64(st, 1, id);
            if ((rc = sh_stmt_step(st, err)) == SH_ROW) {
                snprintf(status, sizeof status, "%s", sh_col_text(st, 0));
                snprintf(decided, sizeof decided, "%s", sh_col_text(st, 1));
                lab = sh_col_int64(st, 2);
            }
            sh_stmt_done(st);
            rc = rc < 0 ? rc : 0;
        } else
            rc = SH_EINTERNAL;
        if (rc == 0 && strcmp(status, "accepted"))
            rc = sh_fail(err, SH_EINVAL, "retest", "没有已受理、待出具报告的复检 (no accepted re-test awaits its report)");
    }
    if (rc == 0)
        rc = sh_sample_date_field(body, "reported_on", 0, decided, "受理日期", on, err);
    char verdict[8] = "";
    json_t *judged = NULL;
    if (rc == 0)
        rc = sh_sample_judge_store(db, actor, id, 2, lab, json_object_get(body, "results"), json_object_get(body, "declared"), verdict,
                                   &judged, err);
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db, "UPDATE sample_retests SET status = 'reported', verdict = ?, reported_on = ? WHERE sample_id = ?", err);
        if (st) {
            sh_bind_text(st, 1, verdict);
            sh_bind_text(st, 2, on);
            sh_bind_int64(st, 3, id);
        }
        rc = sh_stmt_run(st, err);
    }
    if (rc == 0) { /* the re-test is final; a pass ends the follow-up too */
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE samples SET final_verdict = ?, followup_due = CASE WHEN ? = 'pass' THEN NULL ELSE followup_due END,"
                                    " updated_at = ? WHERE id = ?",
                                    err);
        if (st) {
            sh_bind_text(st, 1, verdict);
            sh_bind_text(st, 2, verdict);
            sh_bind_int64(st, 3, sh_now_ms());
            sh_bind_int64(st, 4, id);
        }
        rc = sh_stmt_run(st, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:O}", "final_verdict", verdict, "items", json_object_get(judged, "items"));
        rc = sh_audit(db, actor, "retest_reported", "sample", id, NULL, after, err);
        json_decref(after);
    }
    if (rc == 0)
        rc = sh_sample_after_verdict(db, f.entity_id, err);
    rc = sh_db_finish(db, rc, err);
    if (rc == 0 && ret)
        *ret = judged;
    else
        json_decref(judged);
    return rc;
}

/* ---- objections ---- */

int sh_sample_objection_file(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, int64_t *ret_id, sh_err *err)
{
    if (actor->role != SH_ROLE_BUSINESS)
        return sh_fail(err, SH_EPERM, "", "异议由被抽样的经营者提出 (the business sampled files objections)");
    const char *kind = json_string_value(json_object_get(body, "kind")), *text = json_string_value(json_object_get(body, "text"));
    if (!kind || (strcmp(kind, "process") && strcmp(kind, "judgement")))
        return sh_fail(err, SH_EINVAL, "kind", "应为process（对抽样过程）或judgement（对检验结论） (must be process or judgement)");
    int rc = sh_check_text(text, 2, 2000, "text", err);
    if (rc)
        return sh_fail(err, SH_EINVAL, "text", "请写明异议内容（2-2000字） (state the objection, 2-2000 characters)");
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_sample_facts_t f;
    rc = sh_sample_load(db, actor, id, NULL, NULL, NULL, err);
    if (rc == 0)
        rc = sh_sample_facts(db, id, &f, err);
    int process = !strcmp(kind, "process");
    char today[11], due[11] = "";
    sh_today(today);
    if (rc == 0 && !process && (rc = sh_sample_require_fail(&f, err)) == 0 && !*f.notice_received_on && !*f.notice_sent_on)
        rc = sh_fail(err, SH_EINVAL, "kind", "尚未送达不合格通知 (no failure notice has been served yet)");
    if (rc == 0)
        rc = sh_workdays_add(db, process ? f.sampled_on : (*f.notice_received_on ? f.notice_received_on : f.notice_sent_on),
                             SH_SAMPLE_OBJECTION_WD, due, err);
    if (rc == 0 && strcmp(today, due) > 0)
        rc = sh_fail(err, SH_EINVAL, "kind", "已超过提出异议的期限（%s） (the time for this objection ended on %s)", due, due);
    int64_t oid = 0;
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO sample_objections(sample_id, kind, filed_on, due, text, filed_by, status, created_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, 'open', ?) RETURNING id",
                                    err);
        if (st) {
            sh_bind_int64(st, 1, id);
            sh_bind_text(st, 2, kind);
            sh_bind_text(st, 3, today);
            sh_bind_text(st, 4, due);
            sh_bind_text(st, 5, text);
            sh_bind_int64_or_null(st, 6, actor->user_id);
            sh_bind_int64(st, 7, sh_now_ms());
        }
        rc = sh_stmt_insert_id(st, &oid, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s}", "objection_id", (json_int_t)oid, "kind", kind, "text", text);
        rc = sh_audit(db, actor, "objection", "sample", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    if (rc == 0 && ret_id)
        *ret_id = oid;
    return rc;
}

int sh_sample_objection_decide(sh_db *db, const sh_principal *actor, int64_t id, int64_t objection_id, json_t *body, sh_err *err)
{
    if (!is_official(actor))
        return sh_fail(err, SH_EPERM, "", "异议由县局或乡镇所答复 (the county or a township office answers)");
    json_t *upheld = json_object_get(body, "upheld");
    const char *answer = json_string_value(json_object_get(body, "answer"));
    if (!json_is_boolean(upheld))
        return sh_fail(err, SH_EINVAL, "upheld", "应为true（异议成立）或false（不成立） (true or false)");
    int rc = sh_check_text(answer, 2, 2000, "answer", err);
    if (rc)
        return sh_fail(err, SH_EINVAL, "answer", "请写明答复（2-2000字） (write the answer, 2-2000 characters)");
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    rc = sh_sample_load(db, actor, id, NULL, NULL, NULL, err);
    char today[11];
    sh_today(today);
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE sample_objections SET status = ?, answer = ?, decided_on = ?, decided_by = ?"
                                    " WHERE id = ? AND sample_id = ? AND status = 'open'",
                                    err);
        if (st) {
            sh_bind_text(st, 1, json_is_true(upheld) ? "upheld" : "dismissed");
            sh_bind_text(st, 2, answer);
            sh_bind_text(st, 3, today);
            sh_bind_int64_or_null(st, 4, actor->user_id);
            sh_bind_int64(st, 5, objection_id);
            sh_bind_int64(st, 6, id);
        }
        rc = sh_stmt_run(st, err);
        if (rc == 0 && sh_db_changes(db) != 1)
            rc = sh_fail(err, SH_ENOTFOUND, "objection_id", "没有待答复的该项异议 (no such open objection)");
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:b, s:s}", "objection_id", (json_int_t)objection_id, "upheld", json_is_true(upheld), "answer", answer);
        rc = sh_audit(db, actor, "objection_decided", "sample", id, NULL, after, err);
        json_decref(after);
    }
    return sh_db_finish(db, rc, err);
}

int sh_samples_finalize(sh_db *db, const char *today, int *ret_count, sh_err *err)
{
    *ret_count = 0;
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    /* the businesses concerned first: their grade and strict supervision follow the final verdicts */
    static const char *const unchallenged = " FROM samples WHERE verdict = 'fail' AND final_verdict IS NULL"
                                            " AND retest_due IS NOT NULL AND retest_due < ?"
                                            " AND NOT EXISTS (SELECT 1 FROM sample_retests r WHERE r.sample_id = samples.id)";
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT DISTINCT entity_id%s ORDER BY entity_id", unchallenged);
    json_t *entities = json_array();
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (st)
        sh_bind_text(st, 1, today);
    rc = st ? sh_rows_append(st, sh_row_int0, NULL, entities, err) : SH_EINTERNAL;
    if (rc == 0) {
        snprintf(sql, sizeof sql, "UPDATE samples SET final_verdict = 'fail', updated_at = ? WHERE id IN (SELECT id%s)", unchallenged);
        st = sh_db_prepare(db, sql, err);
        if (st) {
            sh_bind_int64(st, 1, sh_now_ms());
            sh_bind_text(st, 2, today);
        }
        rc = sh_stmt_run(st, err);
    }
    if (rc == 0)
        *ret_count = sh_db_changes(db);
    size_t i;
    json_t *e;
    json_array_foreach(entities, i, e) if (rc == 0) rc = sh_sample_after_verdict(db, json_integer_value(e), err);
    json_decref(entities);
    return sh_db_finish(db, rc, err);
}
