/* What the AI sources reported for one camera, newest first, as the officials review it: every
 * observation with the rule's outcome, including those that made no alert; and the camera's pictures
 * (what it showed, posted every few minutes for the online patrols). */
#include "domain/video/observe.h"

#include "domain/video/camera.h"
#include "store/qb.h"
#include "store/rows.h"

static json_t *observation_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    json_t *box = sh_col_is_null(st, 6) ? NULL : json_loads(sh_col_text(st, 6), 0, NULL);
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:f, s:o, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "observed_at",
                          (json_int_t)sh_col_int64(st, 1), "source", sh_col_text(st, 2), "label", sh_col_text(st, 3),
                          "score", sh_col_double(st, 5), "box", box ? box : json_null(), "outcome", sh_col_text(st, 9));
    json_object_set_new(o, "violation", sh_col_is_null(st, 4) ? json_null() : json_string(sh_col_text(st, 4)));
    json_object_set_new(o, "snapshot_id", sh_col_is_null(st, 7) ? json_null() : json_integer(sh_col_int64(st, 7)));
    json_object_set_new(o, "alert_id", sh_col_is_null(st, 8) ? json_null() : json_integer(sh_col_int64(st, 8)));
    json_object_set_new(o, "idempotency_key", json_string(sh_col_text(st, 10)));
    return o;
}

/* The camera, in the jurisdiction of an official who reviews its reports; a refusal reads like a
 * camera that does not exist. */
static int reviewable_camera(sh_db *db, const sh_principal *actor, int64_t camera_id, int limit, sh_err *err)
{
    /* the raw reports are for the officials who review them; a business sees confirmed alerts */
    if (actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_TOWNSHIP &&
        actor->role != SH_ROLE_VILLAGE)
        return sh_fail(err, SH_ENOTFOUND, "id", "摄像头不存在或不在您的管辖范围内 (no such camera in your jurisdiction)");
    if (limit < 1 || limit > 500)
        return sh_fail(err, SH_EINVAL, "limit", "每页1-500条 (limit must be 1 to 500)");
    sh_camera_ref ref;
    int rc = sh_camera_find(db, actor, camera_id, NULL, &ref, err);
    if (rc == SH_ENOTFOUND)
        return sh_fail(err, SH_ENOTFOUND, "id", "摄像头不存在或不在您的管辖范围内 (no such camera in your jurisdiction)");
    return rc;
}

/* Runs the page query of qb (ending in "ORDER BY id DESC LIMIT "), one row more than the page to
 * tell whether another page follows. */
static int newest_first_page(sh_db *db, sh_qb *qb, int limit, sh_row_json_fn row_json, json_t **ret_items,
                             int64_t *ret_next, sh_err *err)
{
    sh_qb_int64(qb, limit + 1);
    sh_stmt *st = sh_qb_prepare(db, qb, err);
    sh_qb_release(qb);
    json_t *items = json_array();
    int rc = sh_rows_append(st, row_json, NULL, items, err);
    if (rc != 0) {
        json_decref(items);
        return rc;
    }
    int64_t next = 0;
    if (json_array_size(items) > (size_t)limit) {
        json_array_remove(items, (size_t)limit);
        next = json_integer_value(json_object_get(json_array_get(items, (size_t)limit - 1), "id"));
    }
    *ret_items = items;
    *ret_next = next;
    return 0;
}

int sh_observations_list(sh_db *db, const sh_principal *actor, int64_t camera_id, int64_t before_id, int limit,
                         json_t **ret_items, int64_t *ret_next, sh_err *err)
{
    int rc = reviewable_camera(db, actor, camera_id, limit, err);
    if (rc)
        return rc;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT id, observed_at, source, label, violation, score, box, snapshot_id, alert_id, outcome,"
                   " idempotency_key FROM observations WHERE camera_id = ");
    sh_qb_int64(&qb, camera_id);
    if (before_id) {
        sh_qb_sql(&qb, " AND id < ");
        sh_qb_int64(&qb, before_id);
    }
    sh_qb_sql(&qb, " ORDER BY id DESC LIMIT ");
    return newest_first_page(db, &qb, limit, observation_json, ret_items, ret_next, err);
}

static json_t *picture_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:I, s:i, s:i}", "id", (json_int_t)sh_col_int64(st, 0), "created_at",
                     (json_int_t)sh_col_int64(st, 1), "width", (int)sh_col_int64(st, 2), "height", (int)sh_col_int64(st, 3));
}

int sh_camera_pictures(sh_db *db, const sh_principal *actor, int64_t camera_id, int64_t before_id, int limit,
                       json_t **ret_items, int64_t *ret_next, sh_err *err)
{
    int rc = reviewable_camera(db, actor, camera_id, limit, err);
    if (rc)
        return rc;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT id, created_at, width, height FROM attachments WHERE owner_type = 'camera' AND owner_id = ");
    sh_qb_int64(&qb, camera_id);
    if (before_id) {
        sh_qb_sql(&qb, " AND id < ");
        sh_qb_int64(&qb, before_id);
    }
    sh_qb_sql(&qb, " ORDER BY id DESC LIMIT ");
    return newest_first_page(db, &qb, limit, picture_json, ret_items, ret_next, err);
}
