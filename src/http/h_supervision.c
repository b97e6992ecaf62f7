/* Checklists, the double random draw, inspections and rectification orders. */
#include <stdlib.h>
#include <string.h>

#include "domain/loop/attachment.h"
#include "domain/base/calendar.h"
#include "domain/supervision/checklist.h"
#include "domain/supervision/inspect.h"
#include "domain/loop/rectify.h"
#include "http/http.h"

static int list_checklists(sh_req *req)
{
    json_t *items = NULL;
    sh_err err = {0};
    int rc = sh_checklists_list(req->db, &items, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "items", items), &err);
}

static int get_checklist(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *c = NULL;
    sh_err err = {0};
    int rc = sh_checklist_get(req->db, id, &c, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "checklist", c), &err);
}

static int create_checklist(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    int64_t id = 0;
    sh_err err = {0};
    int rc = sh_checklist_create(req->db, &req->principal, body, &id, &err);
    json_decref(body);
    json_t *c = NULL;
    if (rc == 0)
        rc = sh_checklist_get(req->db, id, &c, &err);
    return sh_reply_result(req, rc, 201, rc ? NULL : json_pack("{s:o}", "checklist", c), &err);
}

static int run_draw(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *seed = json_object_get(body, "seed");
    if (seed && (!json_is_integer(seed) || json_integer_value(seed) <= 0)) {
        json_decref(body);
        return sh_reply_fail(req, SH_EINVAL, "seed", "应为正整数 (must be a positive integer)");
    }
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_draw_run(req->db, &req->principal, body, seed ? (uint64_t)json_integer_value(seed) : 0, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 201, out, &err);
}

static int verify_draw(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_draw_verify(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int list_inspections(sh_req *req)
{
    long mine, entity;
    sh_page page;
    if (sh_query_long_or_reply(req, "mine", 0, 0, 1, &mine) || sh_query_long_or_reply(req, "entity", 0, 0, INT64_MAX, &entity) ||
        sh_query_page_or_reply(req, 50, 200, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_inspections_list(req->db, &req->principal, (int)mine, sh_query(req, "status"), entity, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int reply_inspection(sh_req *req, int status, int64_t id)
{
    json_t *o = NULL;
    sh_err err = {0};
    int rc = sh_inspection_get(req->db, &req->principal, id, &o, &err);
    return sh_reply_result(req, rc, status, rc ? NULL : json_pack("{s:o}", "inspection", o), &err);
}

static int create_inspection(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    int64_t id = 0;
    sh_err err = {0};
    int rc = sh_inspection_create(req->db, &req->principal, body, &id, &err);
    json_decref(body);
    return rc ? sh_reply_error(req, &err) : reply_inspection(req, 201, id);
}

static int get_inspection(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    return id ? reply_inspection(req, 200, id) : MHD_YES;
}

static int record_items(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int rc = sh_inspection_record(req->db, &req->principal, id, json_object_get(body, "items"), &err);
    json_decref(body);
    return rc ? sh_reply_error(req, &err) : reply_inspection(req, 200, id);
}

static int complete_inspection(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int rc = sh_inspection_complete(req->db, &req->principal, id, json_string_value(json_object_get(body, "summary")),
                                    json_string_value(json_object_get(body, "received_by")), &err);
    json_decref(body);
    return rc ? sh_reply_error(req, &err) : reply_inspection(req, 200, id);
}

static int acknowledge_inspection(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    sh_err err = {0};
    int rc = sh_inspection_acknowledge(req->db, &req->principal, id, &err);
    return rc ? sh_reply_error(req, &err) : reply_inspection(req, 200, id);
}

static int list_rectifications(sh_req *req)
{
    long entity;
    sh_page page;
    if (sh_query_long_or_reply(req, "entity", 0, 0, INT64_MAX, &entity) || sh_query_page_or_reply(req, 50, 200, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_rectify_list(req->db, &req->principal, sh_query(req, "status"), entity, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int reply_rectification(sh_req *req, int64_t id)
{
    json_t *o = NULL;
    sh_err err = {0};
    int rc = sh_rectify_get(req->db, &req->principal, id, &o, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "rectification", o), &err);
}

static int get_rectification(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    return id ? reply_rectification(req, id) : MHD_YES;
}

static int submit_rectification(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int rc = sh_rectify_submit(req->db, &req->principal, id, json_string_value(json_object_get(body, "evidence")), &err);
    json_decref(body);
    return rc ? sh_reply_error(req, &err) : reply_rectification(req, id);
}

static int review_rectification(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *accept = json_object_get(body, "accept");
    sh_err err = {0};
    int rc = json_is_boolean(accept)
                 ? sh_rectify_review(req->db, &req->principal, id, json_is_true(accept),
                                     json_string_value(json_object_get(body, "note")), &err)
                 : sh_fail(&err, SH_EINVAL, "accept", "应为true（验收通过）或false（退回） (must be true or false)");
    json_decref(body);
    return rc ? sh_reply_error(req, &err) : reply_rectification(req, id);
}

static int add_attachment(sh_req *req, const char *owner_type, int64_t item_id)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    sh_attachment_target t = {owner_type, id, item_id};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_attachment_add(req->db, &req->principal, req->cfg->files_dir, &t, req->body.data, req->body.len, &out, &err);
    return sh_reply_result(req, rc, 201, rc ? NULL : json_pack("{s:o}", "attachment", out), &err);
}

static int inspection_photo(sh_req *req)
{
    long item;
    if (sh_query_long_or_reply(req, "item_id", 0, 0, INT64_MAX, &item))
        return MHD_YES;
    return add_attachment(req, "inspection", item);
}

static int rectification_evidence(sh_req *req)
{
    return add_attachment(req, "rectification", 0);
}

static int get_attachment(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    sh_buf data = SH_BUF_INIT;
    char mime[16];
    sh_err err = {0};
    int ret = sh_attachment_read(req->db, &req->principal, req->cfg->files_dir, id, &data, mime, &err) != 0
                  ? sh_reply_error(req, &err)
                  : sh_reply_bytes(req, 200, mime, data.data, data.len, NULL);
    sh_buf_release(&data);
    return ret;
}

static int public_results(sh_req *req)
{
    long limit, cursor;
    if (sh_query_long_or_reply(req, "limit", 20, 1, 100, &limit) || sh_query_long_or_reply(req, "cursor", 0, 0, INT64_MAX, &cursor))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_inspections_public(req->db, sh_query(req, "q"), sh_query(req, "township"), cursor, (int)limit, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_supervision[] = {
    {"GET", "/api/v1/checklists", list_checklists, 0},
    {"POST", "/api/v1/checklists", create_checklist, 0},
    {"GET", "/api/v1/checklists/:id", get_checklist, 0},
    {"POST", "/api/v1/draws", run_draw, 0},
    {"GET", "/api/v1/draws/:id/verify", verify_draw, 0},
    {"GET", "/api/v1/inspections", list_inspections, 0},
    {"POST", "/api/v1/inspections", create_inspection, 0},
    {"GET", "/api/v1/inspections/:id", get_inspection, 0},
    {"POST", "/api/v1/inspections/:id/items", record_items, 0},
    {"POST", "/api/v1/inspections/:id/complete", complete_inspection, 0},
    {"POST", "/api/v1/inspections/:id/acknowledge", acknowledge_inspection, 0},
    {"GET", "/api/v1/rectifications", list_rectifications, 0},
    {"GET", "/api/v1/rectifications/:id", get_rectification, 0},
    {"POST", "/api/v1/rectifications/:id/submit", submit_rectification, 0},
    {"POST", "/api/v1/rectifications/:id/review", review_rectification, 0},
    {"POST", "/api/v1/inspections/:id/photos", inspection_photo, SH_ROUTE_UPLOAD},
    {"POST", "/api/v1/rectifications/:id/evidence", rectification_evidence, SH_ROUTE_UPLOAD},
    {"GET", "/api/v1/attachments/:id", get_attachment, 0},
    {"GET", "/api/v1/public/inspections", public_results, SH_ROUTE_PUBLIC},
    {0},
};
