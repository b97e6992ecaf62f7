/* Video alerts after ingestion: the review queue, the review that makes a hazard, accuracy per rule
 * and camera, the figures of hazards found and handled, and the outbox a push gateway polls. */
#include "domain/video/alert.h"
#include "domain/base/calendar.h"
#include "domain/loop/outbox.h"
#include "http/http.h"

static int list_alerts(sh_req *req)
{
    long limit, entity, camera, cursor;
    if (sh_query_long_or_reply(req, "limit", 50, 1, 200, &limit) || sh_query_long_or_reply(req, "entity_id", 0, 1, INT64_MAX, &entity) ||
        sh_query_long_or_reply(req, "camera_id", 0, 1, INT64_MAX, &camera) || sh_query_long_or_reply(req, "cursor", 0, 1, INT64_MAX, &cursor))
        return MHD_YES;
    sh_alert_filter f = {.status = sh_query(req, "status"), .violation = sh_query(req, "violation"), .entity_id = entity,
                         .camera_id = camera, .township = sh_query(req, "township"), .from = sh_query(req, "from"),
                         .to = sh_query(req, "to"), .cursor = cursor, .limit = (int)limit};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_alerts_list(req->db, &req->principal, &f, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int reply_alert(sh_req *req, int64_t id)
{
    sh_page page; /* of its observations */
    if (sh_query_page_or_reply(req, 50, 500, &page))
        return MHD_YES;
    json_t *a = NULL;
    sh_err err = {0};
    int rc = sh_alert_get(req->db, &req->principal, id, &page, &a, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "alert", a), &err);
}

static int get_alert(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    return id ? reply_alert(req, id) : MHD_YES;
}

static int review_alert(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *note = json_object_get(body, "note");
    sh_err err = {0};
    int rc;
    if (note && !json_is_string(note) && !json_is_null(note))
        rc = sh_fail(&err, SH_EINVAL, "note", "应为文本 (must be text)");
    else
        rc = sh_alert_review(req->db, &req->principal, id, json_string_value(json_object_get(body, "decision")),
                             json_string_value(note), NULL, &err);
    json_decref(body);
    return rc ? sh_reply_error(req, &err) : reply_alert(req, id);
}

static int accuracy(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_alert_accuracy(req->db, &req->principal, sh_query(req, "from"), sh_query(req, "to"), &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int video_stats(sh_req *req)
{
    char today[11];
    sh_today(today);
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_video_stats(req->db, &req->principal, sh_query(req, "from"), sh_query(req, "to"), sh_query(req, "group"),
                            today, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int list_outbox(sh_req *req)
{
    long after, limit;
    if (sh_query_long_or_reply(req, "after", 0, 0, INT64_MAX, &after) || sh_query_long_or_reply(req, "limit", 100, 1, 500, &limit))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_outbox_list(req->db, &req->principal, after, (int)limit, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int ack_outbox(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    /* the body is optional: {} or none acknowledges delivery; {"delivered": false, "error"} reports a failure */
    json_t *body = req->body.len ? sh_body_json_or_reply(req) : json_object();
    if (!body)
        return MHD_YES;
    json_t *delivered = json_object_get(body, "delivered"), *error = json_object_get(body, "error");
    sh_err err = {0};
    json_t *item = NULL;
    int rc;
    if (delivered && !json_is_boolean(delivered))
        rc = sh_fail(&err, SH_EINVAL, "delivered", "应为true或false (must be true or false)");
    else if (error && !json_is_string(error) && !json_is_null(error))
        rc = sh_fail(&err, SH_EINVAL, "error", "应为文本 (must be text)");
    else
        rc = sh_outbox_ack(req->db, &req->principal, id, !delivered || json_is_true(delivered), json_string_value(error),
                           &item, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "item", item), &err);
}

const sh_route sh_routes_alerts[] = {
    {"GET", "/api/v1/alerts", list_alerts, 0},
    {"GET", "/api/v1/alerts/accuracy", accuracy, 0},
    {"GET", "/api/v1/alerts/:id", get_alert, 0},
    {"POST", "/api/v1/alerts/:id/review", review_alert, 0},
    {"GET", "/api/v1/video/stats", video_stats, 0},
    {"GET", "/api/v1/outbox", list_outbox, 0},
    {"POST", "/api/v1/outbox/:id/ack", ack_outbox, 0},
    {0},
};
