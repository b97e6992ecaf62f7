/* 包保 responsibility: assignments, duty visits, completion, unassigned businesses. */
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
    if (sh_query_long_or_reply(req, "user", 0, 0, INT64_MAX, &user))
        return MHD_YES;
    json_t *items = NULL;
    sh_err err = {0};
    int rc = sh_duty_list(req->db, &req->principal, user, &items, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "items", items), &err);
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
    json_t *items = NULL;
    sh_err err = {0};
    int rc = sh_duty_unassigned(req->db, &req->principal, &items, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "items", items), &err);
}

const sh_route sh_routes_duty[] = {
    {"GET", "/api/v1/duty/assignments", list, 0},
    {"POST", "/api/v1/duty/assignments", assign, 0},
    {"POST", "/api/v1/duty/visits", visit, 0},
    {"GET", "/api/v1/duty/completion", completion, 0},
    {"GET", "/api/v1/duty/unassigned", unassigned, 0},
    {0},
};
