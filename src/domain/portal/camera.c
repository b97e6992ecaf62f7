/* The kitchen picture a business chooses to show the public (camera.h). */
#include "domain/portal/camera.h"

#include <string.h>

#include "domain/base/audit.h"
#include "domain/loop/attachment.h"
#include "store/qb.h"
#include "store/scope.h"

/* The working areas whose cameras the public may see (db/011 camera_areas). */
#define PUBLIC_AREAS "('kitchen', 'cold_dish', 'processing', 'raw_material', 'washing', 'packaging')"

int sh_shop_camera_set(sh_db *db, const sh_principal *actor, int64_t entity_id, json_t *body, json_t **ret, sh_err *err)
{
    json_t *allow = json_object_get(body, "allow");
    if (!json_is_object(body) || !json_is_boolean(allow))
        return sh_fail(err, SH_EINVAL, "allow", "是否公开：应为true或false (allow must be true or false)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT e.public_camera FROM entities e WHERE e.id = ");
    sh_qb_int64(&qb, entity_id);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    int step = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    int before = step == SH_ROW ? (int)sh_col_int64(st, 0) : 0;
    if (st)
        sh_stmt_done(st);
    int decides = actor->role == SH_ROLE_BUSINESS || actor->role == SH_ROLE_ADMIN || actor->role == SH_ROLE_COUNTY ||
                  actor->role == SH_ROLE_TOWNSHIP;
    if (step < 0)
        rc = step;
    else if (step != SH_ROW)
        rc = sh_fail(err, SH_ENOTFOUND, "id", "主体不存在或不在您的管辖范围内 (no such business in your jurisdiction)");
    else if (!decides)
        rc = sh_fail(err, SH_EPERM, "", "只有经营者本人和县、乡镇监管人员可以设置公开后厨画面 (only the business and officials decide)");
    int after = json_is_true(allow);
    if (rc == 0 && after != before) {
        st = sh_db_prepare(db, "UPDATE entities SET public_camera = ? WHERE id = ?", err);
        if (st) {
            sh_bind_int64(st, 1, after);
            sh_bind_int64(st, 2, entity_id);
        }
        rc = sh_stmt_run(st, err);
        json_t *b = json_pack("{s:b}", "public_camera", before), *a = json_pack("{s:b}", "public_camera", after);
        if (rc == 0)
            rc = sh_audit(db, actor, "public_camera", "entity", entity_id, b, a, err);
        json_decref(b);
        json_decref(a);
    }
    rc = sh_db_finish(db, rc, err);
    if (rc == 0)
        *ret = json_pack("{s:I, s:b}", "entity_id", (json_int_t)entity_id, "allow", after);
    return rc;
}

int sh_shop_camera_snapshot(sh_db *db, int64_t entity_id, int64_t *ret_id, sh_err *err)
{
    *ret_id = 0;
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT a.id FROM entities e JOIN cameras c ON c.entity_id = e.id"
                                " JOIN attachments a ON a.id = c.last_snapshot_id"
                                " WHERE e.id = ? AND e.public_camera = 1 AND e.status <> 'closed' AND c.enabled = 1"
                                " AND c.area IN " PUBLIC_AREAS " ORDER BY a.created_at DESC, a.id DESC LIMIT 1",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret_id = sh_col_int64(st, 0);
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_shop_camera_picture(sh_db *db, const char *files_dir, int64_t entity_id, sh_buf *out, char mime[16], sh_err *err)
{
    int64_t id = 0;
    int rc = sh_shop_camera_snapshot(db, entity_id, &id, err);
    if (rc)
        return rc;
    if (!id)
        return sh_fail(err, SH_ENOTFOUND, "id", "该商户未公开后厨画面 (the shop shows no kitchen picture)");
    sh_principal system;
    sh_principal_system(&system); /* the business allowed it: read past the jurisdiction */
    return sh_attachment_read(db, &system, files_dir, id, out, mime, err);
}
