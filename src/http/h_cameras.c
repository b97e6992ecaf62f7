/* Cameras: the registry of each business, heartbeats and snapshots, offline cameras, coverage, and
 * the configuration the video analyser pulls with its API token. */
#include <stdio.h>
#include <string.h>

#include "domain/video/camera.h"
#include "http/http.h"

static int reply_camera(sh_req *req, int status, int64_t id)
{
    json_t *c = NULL;
    sh_err err = {0};
    if (sh_camera_get(req->db, &req->principal, id, &c, &err) != 0)
        return sh_reply_error(req, &err);
    return sh_reply_json(req, status, json_pack("{s:o}", "camera", c));
}

static int reply_request(sh_req *req, int status, int64_t id)
{
    json_t *r = NULL;
    sh_err err = {0};
    if (sh_camera_request_get(req->db, &req->principal, id, &r, &err) != 0)
        return sh_reply_error(req, &err);
    return sh_reply_json(req, status, json_pack("{s:o}", "request", r));
}

/* A business's change is filed as a request (202 with the request); an official's is made (camera). */
static int change_camera(sh_req *req, int64_t camera_id)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    int64_t id = 0;
    sh_err err = {0};
    int rc;
    if (req->principal.role == SH_ROLE_BUSINESS) {
        rc = sh_camera_request_file(req->db, &req->principal, camera_id, body, &id, &err);
        json_decref(body);
        return rc ? sh_reply_error(req, &err) : reply_request(req, 202, id);
    }
    rc = camera_id ? sh_camera_update(req->db, &req->principal, id = camera_id, body, &err)
                   : sh_camera_create(req->db, &req->principal, body, &id, &err);
    json_decref(body);
    return rc ? sh_reply_error(req, &err) : reply_camera(req, camera_id ? 200 : 201, id);
}

static int create_camera(sh_req *req)
{
    return change_camera(req, 0);
}

static int get_camera(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    return id ? reply_camera(req, 200, id) : MHD_YES;
}

static int update_camera(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    return id ? change_camera(req, id) : MHD_YES;
}

static int list_requests(sh_req *req)
{
    long limit, offset, entity;
    if (sh_query_long_or_reply(req, "limit", 50, 1, 500, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT64_MAX, &offset) ||
        sh_query_long_or_reply(req, "entity_id", 0, 1, INT64_MAX, &entity))
        return MHD_YES;
    json_t *items = NULL;
    int64_t total = 0;
    sh_err err = {0};
    int rc = sh_camera_requests_list(req->db, &req->principal, sh_query(req, "status"), entity, (int)limit, offset, &items, &total, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total), &err);
}

static int get_request(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    return id ? reply_request(req, 200, id) : MHD_YES;
}

static int decide_request(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int rc = sh_camera_request_decide(req->db, &req->principal, id, body, &err);
    json_decref(body);
    return rc ? sh_reply_error(req, &err) : reply_request(req, 200, id);
}

static int list_cameras(sh_req *req)
{
    long limit, cursor, entity;
    if (sh_query_long_or_reply(req, "limit", 50, 1, 500, &limit) || sh_query_long_or_reply(req, "cursor", 0, 0, INT64_MAX, &cursor) ||
        sh_query_long_or_reply(req, "entity_id", 0, 1, INT64_MAX, &entity))
        return MHD_YES;
    sh_camera_filter f = {.entity_id = entity, .status = sh_query(req, "status"), .township = sh_query(req, "township"),
                          .after_id = cursor, .limit = (int)limit};
    json_t *items = NULL;
    int64_t next = 0, total = 0;
    sh_err err = {0};
    /* the total is counted for the first page only */
    if (sh_camera_list(req->db, &req->principal, &f, &items, &next, cursor ? NULL : &total, &err) != 0)
        return sh_reply_error(req, &err);
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)next);
    return sh_reply_json(req, 200, json_pack("{s:o, s:s*, s:o}", "items", items, "next_cursor", next ? buf : NULL, "total",
                                             cursor ? json_null() : json_integer(total)));
}

static int heartbeat(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    /* an empty body is a heartbeat without figures */
    json_t *body = req->body.len ? sh_body_json_or_reply(req) : json_object();
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int rc = sh_camera_heartbeat(req->db, &req->principal, id, json_object_get(body, "health"), &err);
    json_decref(body);
    return rc ? sh_reply_error(req, &err) : reply_camera(req, 200, id);
}

static int heartbeats(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_camera_heartbeats(req->db, &req->principal, json_object_get(body, "items"), &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int snapshot(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_camera_snapshot(req->db, &req->principal, req->cfg->files_dir, id, req->body.data, req->body.len, &out, &err);
    return sh_reply_result(req, rc, 201, rc ? NULL : json_pack("{s:o}", "attachment", out), &err);
}

static int offline(sh_req *req)
{
    long limit;
    if (sh_query_long_or_reply(req, "limit", 500, 1, 2000, &limit))
        return MHD_YES;
    json_t *items = NULL;
    sh_err err = {0};
    int rc = sh_camera_offline_list(req->db, &req->principal, (int)limit, &items, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "items", items), &err);
}

static int coverage(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_camera_coverage(req->db, &req->principal, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* Stream credentials go to devices only: a browser session never receives them. */
static int vision_cameras(sh_req *req)
{
    if (!req->via_api_token)
        return sh_reply_fail(req, SH_EPERM, "Authorization",
                             "仅限设备API令牌访问 (only for devices with an API token: Authorization: Bearer …)");
    long limit, cursor;
    if (sh_query_long_or_reply(req, "limit", 1000, 1, 5000, &limit) || sh_query_long_or_reply(req, "cursor", 0, 0, INT64_MAX, &cursor))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_camera_device_config(req->db, &req->principal, cursor, (int)limit, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* fixed paths before "/api/v1/cameras/:id", which would match them too */
const sh_route sh_routes_cameras[] = {
    {"GET", "/api/v1/cameras", list_cameras, 0},
    {"POST", "/api/v1/cameras", create_camera, 0},
    {"GET", "/api/v1/cameras/offline", offline, 0},
    {"GET", "/api/v1/cameras/coverage", coverage, 0},
    {"POST", "/api/v1/cameras/heartbeats", heartbeats, 0},
    {"GET", "/api/v1/cameras/:id", get_camera, 0},
    {"PATCH", "/api/v1/cameras/:id", update_camera, 0},
    {"POST", "/api/v1/cameras/:id/heartbeat", heartbeat, 0},
    {"POST", "/api/v1/cameras/:id/snapshot", snapshot, SH_ROUTE_UPLOAD},
    {"GET", "/api/v1/vision/cameras", vision_cameras, 0},
    {"GET", "/api/v1/camera-requests", list_requests, 0},
    {"GET", "/api/v1/camera-requests/:id", get_request, 0},
    {"POST", "/api/v1/camera-requests/:id/decide", decide_request, 0},
    {0},
};
