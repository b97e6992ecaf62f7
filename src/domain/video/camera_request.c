/* A business's changes to its own cameras as requests an official approves (db/040): the business
 * may neither switch its supervision off nor reshape it on its own word. A request is checked when
 * filed by running the change as the business and rolling it back, so the business hears at once
 * what is wrong, field by field; it is applied as the approving official, checked again, in the
 * transaction that marks it approved. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/identity/secret.h"
#include "domain/video/camera.h"
#include "domain/video/camera_int.h"
#include "store/qb.h"
#include "store/rows.h"
#include "store/scope.h"

#define REQ_COLS                                                                                                      \
    "r.id, r.entity_id, e.name, r.camera_id, r.kind, r.summary, r.status, r.requested_at, ru.display_name,"         \
    " r.decided_at, du.display_name, r.decision_note"
#define REQ_FROM                                                                                                      \
    " FROM camera_requests r JOIN entities e ON e.id = r.entity_id LEFT JOIN users ru ON ru.id = r.requested_by"      \
    " LEFT JOIN users du ON du.id = r.decided_by"

static json_t *request_row_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:o, s:s, s:I, s:s?, s:s?, s:s?}", "id", (json_int_t)sh_col_int64(st, 0),
                          "entity_id", (json_int_t)sh_col_int64(st, 1), "entity_name", sh_col_text(st, 2), "kind",
                          sh_col_text(st, 4), "camera", sh_camera_json_text(sh_col_text(st, 5), json_null()), "status",
                          sh_col_text(st, 6), "requested_at", (json_int_t)sh_col_int64(st, 7), "requested_by_name",
                          sh_col_text(st, 8), "decided_by_name", sh_col_text(st, 10), "decision_note", sh_col_text(st, 11));
    json_object_set_new(o, "camera_id", sh_col_is_null(st, 3) ? json_null() : json_integer(sh_col_int64(st, 3)));
    json_object_set_new(o, "decided_at", sh_col_is_null(st, 9) ? json_null() : json_integer(sh_col_int64(st, 9)));
    return o;
}

static int request_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " REQ_COLS REQ_FROM " WHERE r.id = ");
    sh_qb_int64(&qb, id);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret = request_row_json(st, NULL);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "id", "申请不存在或不在您的管辖范围内 (no such request in your jurisdiction)");
}

/* Runs the change as the business and rolls it back: every check of a real change, nothing kept.
 * *ret_camera is the camera as it would be; *ret_entity its business. */
static int dry_run(sh_db *db, const sh_principal *actor, int64_t camera_id, json_t *body, json_t **ret_camera,
                   int64_t *ret_entity, sh_err *err)
{
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    int64_t id = camera_id;
    rc = camera_id ? sh_camera_update_in_tx(db, actor, camera_id, body, err) : sh_camera_create_in_tx(db, actor, body, &id, err);
    if (rc == 0 && (rc = sh_camera_get(db, actor, id, ret_camera, err)) == 0) {
        *ret_entity = json_integer_value(json_object_get(*ret_camera, "entity_id"));
        if (!camera_id) /* the id it would get means nothing yet */
            json_object_set_new(*ret_camera, "id", json_null());
    }
    sh_db_rollback(db);
    return rc;
}

int sh_camera_request_file(sh_db *db, const sh_principal *actor, int64_t camera_id, json_t *body, int64_t *ret_id, sh_err *err)
{
    if (actor->role != SH_ROLE_BUSINESS)
        return sh_fail(err, SH_EPERM, "", "监管人员直接登记或修改摄像头，无需申请 (officials change cameras directly)");
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    json_t *own = NULL;
    if (camera_id) { /* another's camera answers as one that does not exist, before anything else */
        int rc = sh_camera_get(db, actor, camera_id, &own, err);
        json_decref(own);
        if (rc)
            return rc;
    }
    json_t *enabled = json_object_get(body, "enabled");
    if (json_is_false(enabled))
        return sh_fail(err, SH_EINVAL, "enabled", "经营者不能停用摄像头，如需停用请联系监管所 (a business may not disable its cameras; ask the supervising office)");
    json_t *camera = NULL;
    int64_t entity = 0;
    int rc = dry_run(db, actor, camera_id, body, &camera, &entity, err);
    if (rc)
        return rc;
    char *plain = json_dumps(body, JSON_COMPACT), *sealed = NULL, *summary = json_dumps(camera, JSON_COMPACT);
    rc = sh_secret_seal(plain, &sealed, err);
    if (plain) {
        sodium_memzero(plain, strlen(plain));
        free(plain);
    }
    if (rc == 0)
        rc = sh_db_begin(db, err);
    int64_t id = 0;
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO camera_requests(entity_id, camera_id, kind, summary, body_sealed, requested_by, requested_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                    err);
        if (st) {
            sh_bind_int64(st, 1, entity);
            sh_bind_int64_or_null(st, 2, camera_id);
            sh_bind_text(st, 3, camera_id ? "update" : "create");
            sh_bind_text(st, 4, summary);
            sh_bind_text(st, 5, sealed);
            sh_bind_int64_or_null(st, 6, actor->user_id);
            sh_bind_int64(st, 7, sh_now_ms());
        }
        rc = sh_stmt_insert_id(st, &id, err);
        if (rc >= 0)
            rc = sh_audit(db, actor, "request", "camera_request", id, NULL, camera, err);
        rc = sh_db_finish(db, rc < 0 ? rc : 0, err);
    }
    free(sealed);
    free(summary);
    json_decref(camera);
    if (rc == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int sh_camera_request_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    return request_get(db, actor, id, ret, err);
}

static void list_where(sh_qb *qb, const sh_principal *actor, const char *status, int64_t entity_id)
{
    sh_qb_sql(qb, REQ_FROM " WHERE 1 = 1");
    if (status) {
        sh_qb_sql(qb, " AND r.status = ");
        sh_qb_text(qb, status);
    }
    if (entity_id) {
        sh_qb_sql(qb, " AND r.entity_id = ");
        sh_qb_int64(qb, entity_id);
    }
    sh_scope_entities(qb, &actor->scope, "e");
}

int sh_camera_requests_list(sh_db *db, const sh_principal *actor, const char *status, int64_t entity_id, int limit,
                            int64_t offset, json_t **ret_items, int64_t *ret_total, sh_err *err)
{
    if (status && strcmp(status, "pending") && strcmp(status, "approved") && strcmp(status, "rejected"))
        return sh_fail(err, SH_EINVAL, "status", "应为pending、approved或rejected (must be pending, approved or rejected)");
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT count(*)");
    list_where(&qb, actor, status, entity_id);
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
    sh_qb_sql(&qb, "SELECT " REQ_COLS);
    list_where(&qb, actor, status, entity_id);
    /* the oldest pending first for the official who works through them; newest first otherwise */
    sh_qb_sql(&qb, status && !strcmp(status, "pending") ? " ORDER BY r.id" : " ORDER BY r.id DESC");
    sh_qb_sql(&qb, " LIMIT ");
    sh_qb_int64(&qb, limit);
    sh_qb_sql(&qb, " OFFSET ");
    sh_qb_int64(&qb, offset);
    st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    rc = sh_rows_append(st, request_row_json, NULL, items, err);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret_items = items;
    *ret_total = total;
    return 0;
}

/* The pending request's business, camera and sealed body, locked in the current transaction. */
static int load_pending(sh_db *db, const sh_principal *actor, int64_t id, int64_t *camera_id, char **sealed, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT r.camera_id, r.body_sealed, r.status FROM camera_requests r JOIN entities e ON e.id = r.entity_id WHERE r.id = ");
    sh_qb_int64(&qb, id);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    int pending = 0;
    if (rc == SH_ROW) {
        *camera_id = sh_col_is_null(st, 0) ? 0 : sh_col_int64(st, 0);
        *sealed = sh_xstrdup(sh_col_text(st, 1));
        pending = !strcmp(sh_col_text(st, 2), "pending");
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_ENOTFOUND, "id", "申请不存在或不在您的管辖范围内 (no such request in your jurisdiction)");
    if (!pending) {
        free(*sealed);
        *sealed = NULL;
        return sh_fail(err, SH_EEXIST, "status", "该申请已审批 (the request has been decided already)");
    }
    return 0;
}

/* Applies the request's change as the official; *camera_id gets the new camera's id. */
static int apply(sh_db *db, const sh_principal *actor, const char *sealed, int64_t *camera_id, sh_err *err)
{
    char *plain = NULL;
    int rc = sh_secret_open(sealed, &plain, err);
    if (rc)
        return rc;
    json_t *body = json_loads(plain, 0, NULL);
    sodium_memzero(plain, strlen(plain));
    free(plain);
    if (!body)
        return sh_fail(err, SH_EINTERNAL, "", "申请内容无法读取 (the request cannot be read)");
    rc = *camera_id ? sh_camera_update_in_tx(db, actor, *camera_id, body, err)
                    : sh_camera_create_in_tx(db, actor, body, camera_id, err);
    json_decref(body);
    return rc;
}

int sh_camera_request_decide(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    if (!sh_principal_can_edit_registry(actor))
        return sh_fail(err, SH_EPERM, "", "摄像头变更申请由乡镇所或县局审批 (a township or county official decides requests)");
    json_t *approve = json_object_get(body, "approve");
    const char *note = json_string_value(json_object_get(body, "note"));
    if (!json_is_boolean(approve))
        return sh_fail(err, SH_EINVAL, "approve", "应为true（批准）或false（驳回） (must be true to approve or false to reject)");
    if (json_object_get(body, "note") && !json_is_null(json_object_get(body, "note")) && !note)
        return sh_fail(err, SH_EINVAL, "note", "应为字符串 (must be a string)");
    int rc;
    if (json_is_false(approve) && (rc = sh_check_text(note, 2, 500, "note", err)) != 0)
        return sh_fail(err, SH_EINVAL, "note", "驳回须说明理由（2-500字） (a rejection needs a reason of 2-500 characters)");
    if (note && (rc = sh_check_text(note, 0, 500, "note", err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    int64_t camera_id = 0;
    char *sealed = NULL;
    rc = load_pending(db, actor, id, &camera_id, &sealed, err);
    if (rc == 0 && json_is_true(approve))
        rc = apply(db, actor, sealed, &camera_id, err);
    free(sealed);
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE camera_requests SET status = ?, decided_by = ?, decided_at = ?, decision_note = ?,"
                                    " camera_id = ? WHERE id = ? AND status = 'pending'",
                                    err);
        if (!st)
            rc = SH_EINTERNAL;
        else {
            sh_bind_text(st, 1, json_is_true(approve) ? "approved" : "rejected");
            sh_bind_int64_or_null(st, 2, actor->user_id);
            sh_bind_int64(st, 3, sh_now_ms());
            sh_bind_text(st, 4, note && *note ? note : NULL);
            sh_bind_int64_or_null(st, 5, camera_id);
            sh_bind_int64(st, 6, id);
            rc = sh_stmt_step(st, err);
            sh_stmt_done(st);
        }
    }
    if (rc >= 0) {
        json_t *after = json_pack("{s:s, s:s?}", "status", json_is_true(approve) ? "approved" : "rejected", "note", note);
        if (camera_id)
            json_object_set_new(after, "camera_id", json_integer(camera_id));
        rc = sh_audit(db, actor, json_is_true(approve) ? "approve" : "reject", "camera_request", id, NULL, after, err);
        json_decref(after);
    }
    return sh_db_finish(db, rc < 0 ? rc : 0, err);
}
