/* Four-level acceptance campaigns. */
#include "domain/supervision/acceptance.h"
#include "http/http.h"

static int list(sh_req *req)
{
    sh_page page;
    if (sh_query_page_or_reply(req, 50, 200, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_campaigns_list(req->db, &req->principal, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int create(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    int64_t id = 0;
    sh_err err = {0};
    int rc = sh_campaign_create(req->db, &req->principal, body, &id, &err);
    json_decref(body);
    if (rc)
        return sh_reply_error(req, &err);
    return sh_reply_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static int record(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int rc = sh_acceptance_record(req->db, &req->principal, id, body, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 204, NULL, &err);
}

static int progress(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    sh_page page;
    if (sh_query_page_or_reply(req, 100, 500, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_campaign_progress(req->db, &req->principal, id, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_acceptance[] = {
    {"GET", "/api/v1/campaigns", list, 0},
    {"POST", "/api/v1/campaigns", create, 0},
    {"POST", "/api/v1/campaigns/:id/acceptance", record, 0},
    {"GET", "/api/v1/campaigns/:id/progress", progress, 0},
    {0},
};
