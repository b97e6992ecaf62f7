/* The correction after an inconsistent on-site verification (licence_app.h): the business reports it
 * done, the township (or county) confirms it or returns it to be corrected again. Each step is an
 * UPDATE … WHERE the state it expects, so two hands cannot move it twice. */
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/licence/licence_app.h"
#include "domain/licence/licence_int.h"

/* The application in reach and in the state "inconsistent, not yet confirmed", inside a transaction: the
 * caller's (the demo files its county through these steps) or its own (*own). */
static int start(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, lic_app *a, int *own, sh_err *err)
{
    int rc = sh_db_join(db, own, err);
    if (rc == 0 && (rc = lic_load(db, actor, id, a, err)) == 0 && !json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    if (rc == 0 && (strcmp(a->verify_result, "inconsistent") || *a->confirmed_on))
        rc = sh_fail(err, SH_EEXIST, "status", "该申请没有待办的核查整改 (no correction is pending)");
    return rc;
}

static int finish(sh_db *db, const sh_principal *actor, int64_t id, int own, int rc, const char *action, json_t *after, json_t **ret,
                  sh_err *err)
{
    if (rc == 0)
        rc = sh_audit(db, actor, action, "licence_application", id, NULL, after, err);
    json_decref(after);
    rc = sh_db_leave(db, own, rc, err);
    return rc ? rc : lic_view(db, id, ret, err);
}

int sh_lic_app_correct(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    lic_app a;
    const char *note = NULL;
    int own = 0, rc = start(db, actor, id, body, &a, &own, err);
    if (rc == 0 && actor->role != SH_ROLE_BUSINESS)
        rc = sh_fail(err, SH_EPERM, "", "整改完成情况由经营者本人报告 (the business reports its correction)");
    if (rc == 0 && *a.corrected_on)
        rc = sh_fail(err, SH_EEXIST, "status", "已报告整改完成，等待乡镇（街道）确认 (reported already: awaiting confirmation)");
    if (rc == 0)
        rc = sh_body_text(body, "note", "整改情况", 2, 500, &note, err);
    char today[11];
    sh_today(today);
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE licence_applications SET corrected_on = ?, correct_note = ?, updated_at = ? WHERE id = ?"
                                    " AND verify_result = 'inconsistent' AND corrected_on IS NULL AND correct_confirmed_on IS NULL",
                                    err);
        if (st) {
            sh_bind_text(st, 1, today);
            sh_bind_text(st, 2, note);
            sh_bind_int64(st, 3, sh_now_ms());
            sh_bind_int64(st, 4, id);
        }
        rc = lic_move(db, st, err);
    }
    return finish(db, actor, id, own, rc, "correct", rc ? NULL : json_pack("{s:s, s:s}", "corrected_on", today, "note", note), ret, err);
}

int sh_lic_app_correct_review(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    lic_app a;
    const char *note = NULL;
    int own = 0, rc = start(db, actor, id, body, &a, &own, err), accept = 0;
    if (rc == 0 && actor->role != SH_ROLE_TOWNSHIP && actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_ADMIN)
        rc = sh_fail(err, SH_EPERM, "", "整改由乡镇（街道）或县局确认 (the township confirms the correction)");
    if (rc == 0 && !*a.corrected_on)
        rc = sh_fail(err, SH_EEXIST, "status", "经营者尚未报告整改完成 (the business has not reported the correction)");
    if (rc == 0 && !json_is_boolean(json_object_get(body, "accept")))
        rc = sh_fail(err, SH_EINVAL, "accept", "请选择：确认整改到位或退回重新整改 (accept must be true or false)");
    if (rc == 0) {
        accept = json_is_true(json_object_get(body, "accept"));
        rc = sh_body_text(body, "note", "确认意见", accept ? 0 : 2, 500, &note, err);
    }
    char today[11];
    sh_today(today);
    if (rc == 0) {
        /* returned: the report is cleared, the reason kept for the business's next one */
        sh_stmt *st = sh_db_prepare(db,
                                    accept ? "UPDATE licence_applications SET correct_confirmed_on = ?, correct_review_note = ?, correct_reviewed_by = ?,"
                                             " updated_at = ? WHERE id = ? AND corrected_on IS NOT NULL AND correct_confirmed_on IS NULL"
                                           : "UPDATE licence_applications SET corrected_on = NULL, correct_review_note = ?, correct_reviewed_by = ?,"
                                             " updated_at = ? WHERE id = ? AND corrected_on IS NOT NULL AND correct_confirmed_on IS NULL",
                                    err);
        int i = 1;
        if (st) {
            if (accept)
                sh_bind_text(st, i++, today);
            sh_bind_text_or_null(st, i++, note);
            sh_bind_int64_or_null(st, i++, actor->user_id);
            sh_bind_int64(st, i++, sh_now_ms());
            sh_bind_int64(st, i, id);
        }
        rc = lic_move(db, st, err);
    }
    if (rc == 0)
        rc = lic_tell_business(db, id, a.entity_id, accept ? "licence.correct_confirmed" : "licence.correct_returned", err);
    return finish(db, actor, id, own, rc, accept ? "confirm_correction" : "return_correction",
                  rc ? NULL : json_pack("{s:b, s:s?}", "accept", accept, "note", note), ret, err);
}
