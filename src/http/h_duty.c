/* 包保 responsibility: assignments (several officials per business, one per level), pledges, the
 * three lists of a business, duty visits, completion, businesses missing a required level. */
#include "domain/base/calendar.h"
#include "domain/supervision/duty.h"
#include "http/http.h"

static int assign(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int rc = sh_duty_assign(req->db, &req->principal, body, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 204, NULL, &err);
}

static int list(sh_req *req)
{
    long user;
    sh_page page;
    if (sh_query_long_or_reply(req, "user", 0, 0, INT64_MAX, &user) || sh_query_page_or_reply(req, 100, 500, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_duty_list(req->db, &req->principal, user, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int visit(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int64_t id = 0;
    int rc = sh_duty_visit(req->db, &req->principal, body, &id, &err);
    json_decref(body);
    if (rc)
        return sh_reply_error(req, &err);
    return sh_reply_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static int completion(sh_req *req)
{
    char today[11];
    sh_today(today);
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_duty_completion(req->db, &req->principal, today, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int unassigned(sh_req *req)
{
    sh_page page;
    if (sh_query_page_or_reply(req, 50, 200, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_duty_unassigned(req->db, &req->principal, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int entity_file(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_duty_entity(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int item_add(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *item = NULL;
    sh_err err = {0};
    int rc = sh_duty_item_add(req->db, &req->principal, id, body, &item, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 201, rc ? NULL : json_pack("{s:o}", "item", item), &err);
}

static int item_update(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *item = NULL;
    sh_err err = {0};
    int rc = sh_duty_item_update(req->db, &req->principal, id, body, &item, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "item", item), &err);
}

static int pledge(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_duty_pledge_sign(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, 201, rc ? NULL : json_pack("{s:o}", "pledge", out), &err);
}

static int templates_get(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_duty_templates_get(req->db, &req->principal, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int templates_put(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_duty_templates_put(req->db, &req->principal, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_duty[] = {
    {"GET", "/api/v1/duty/templates", templates_get, 0},
    {"PUT", "/api/v1/duty/templates", templates_put, 0},
    {"GET", "/api/v1/duty/assignments", list, 0},
    {"POST", "/api/v1/duty/assignments", assign, 0},
    {"POST", "/api/v1/duty/visits", visit, 0},
    {"GET", "/api/v1/duty/completion", completion, 0},
    {"GET", "/api/v1/duty/unassigned", unassigned, 0},
    {"POST", "/api/v1/duty/assignments/:id/pledge", pledge, 0},
    {"GET", "/api/v1/duty/entities/:id", entity_file, 0},
    {"POST", "/api/v1/duty/entities/:id/items", item_add, 0},
    {"PATCH", "/api/v1/duty/items/:id", item_update, 0},
    {0},
};
