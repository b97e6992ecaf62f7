/* A recall's steps after its start: each business on the list confirmed once, the recall closed once
 * every one has been (recall.h). */
#include "domain/trace/recall.h"

#include <stdio.h>
#include <string.h>

#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/trace/recall_int.h"

int sh_recall_confirm(sh_db *db, const sh_principal *actor, int64_t recall_id, int64_t target_id, json_t *body, json_t **ret,
                      sh_err *err)
{
    rc_row r;
    rc_stance stance;
    int rc = rc_load(db, actor, recall_id, &r, &stance, err);
    if (rc)
        return rc;
    /* a business on the list confirms only its own row */
    sh_stmt *st = sh_db_prepare(db, "SELECT coalesce(entity_id, 0) FROM recall_targets WHERE id = ? AND recall_id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, target_id);
    sh_bind_int64(st, 2, recall_id);
    rc = sh_stmt_step(st, err);
    int64_t entity = rc == SH_ROW ? sh_col_int64(st, 0) : -1;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (entity < 0 || (stance == RC_TARGET && entity != actor->entity_id))
        return sh_fail(err, SH_ENOTFOUND, "target_id", "召回名单中没有该单位 (no such target)");
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    if (strcmp(r.status, "open"))
        return sh_fail(err, SH_EINVAL, "id", "召回已结束 (the recall is closed)");
    json_t *q = json_object_get(body, "returned");
    if (q && !json_is_null(q) && (!json_is_number(q) || json_number_value(q) < 0 || json_number_value(q) > 1e9))
        return sh_fail(err, SH_EINVAL, "returned", "退回或处置数量：应为不小于0的数 (returned must be a number from 0)");
    const char *note = NULL;
    if ((rc = sh_body_text(body, "note", "处置情况", 2, 500, &note, err)) != 0)
        return rc;
    char today[11];
    sh_today(today);
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    st = sh_db_prepare(db, "UPDATE recall_targets SET confirmed_on = ?, returned = ?, note = ? WHERE id = ? AND confirmed_on IS NULL RETURNING id",
                       err);
    if (st) {
        sh_bind_text(st, 1, today);
        if (q && json_is_number(q))
            sh_bind_double(st, 2, json_number_value(q));
        else
            sh_bind_null(st, 2);
        sh_bind_text(st, 3, note);
        sh_bind_int64(st, 4, target_id);
    }
    int64_t done = 0;
    rc = sh_stmt_insert_id(st, &done, err);
    if (rc == 0 && !done)
        rc = sh_fail(err, SH_EINVAL, "target_id", "已确认 (confirmed already)");
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s}", "target_id", (json_int_t)target_id, "note", note);
        rc = sh_audit(db, actor, "confirm", "recall", recall_id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_recall_get(db, actor, recall_id, ret, err);
}

int sh_recall_close(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    rc_row r;
    rc_stance stance;
    int rc = rc_load(db, actor, id, &r, &stance, err);
    if (rc)
        return rc;
    if (stance == RC_TARGET)
        return sh_fail(err, SH_EPERM, "", "召回由生产者或监管部门结束 (the producer or officials close a recall)");
    const char *note = NULL;
    if ((rc = sh_body_text(body, "note", "召回总结", 4, 1000, &note, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM recall_targets WHERE recall_id = ? AND confirmed_on IS NULL", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int64_t open = sh_stmt_step(st, err) == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (open)
        return sh_fail(err, SH_EINVAL, "id", "尚有%lld家单位未确认停售和处置，不能结束召回 (%lld targets not confirmed)", (long long)open, (long long)open);
    char today[11];
    sh_today(today);
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    st = sh_db_prepare(db, "UPDATE recalls SET status = 'closed', closed_on = ?, close_note = ? WHERE id = ? AND status = 'open' RETURNING id", err);
    if (st) {
        sh_bind_text(st, 1, today);
        sh_bind_text(st, 2, note);
        sh_bind_int64(st, 3, id);
    }
    int64_t done = 0;
    rc = sh_stmt_insert_id(st, &done, err);
    if (rc == 0 && !done)
        rc = sh_fail(err, SH_EINVAL, "id", "召回已结束 (the recall is closed)");
    if (rc == 0) {
        json_t *after = json_pack("{s:s}", "note", note);
        rc = sh_audit(db, actor, "close", "recall", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_recall_get(db, actor, id, ret, err);
}
