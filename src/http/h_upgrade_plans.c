/* Upgrade plans (提升改造) of parks, clusters and model units (domain/workshop/upgrade.h). */
#include "domain/workshop/upgrade.h"
#include "http/http.h"

#include <limits.h>

static int create(sh_req *req) { return sh_handle_id_body_status(req, sh_upgrade_plan_create, 201); }
static int get(sh_req *req) { return sh_handle_id(req, sh_upgrade_plan_get); }
static int add_step(sh_req *req) { return sh_handle_id_body_status(req, sh_upgrade_step_add, 201); }
static int start_acceptance(sh_req *req) { return sh_handle_id_body(req, sh_upgrade_plan_start_acceptance); }

static int list(sh_req *req)
{
    sh_page page;
    long place = 0, overdue = 0;
    if (sh_query_page_or_reply(req, 20, 100, &page) || sh_query_long_or_reply(req, "place_id", 0, 0, LONG_MAX, &place) ||
        sh_query_long_or_reply(req, "overdue", 0, 0, 1, &overdue))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_upgrade_plans_list(req->db, &req->principal, place, (int)overdue, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int step_done(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0), step = id ? sh_param_id_or_reply(req, 1) : 0;
    if (!step)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_upgrade_step_done(req->db, &req->principal, id, step, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_upgrade_plans[] = {
    {"POST", "/api/v1/workshop-places/:id/upgrade-plans", create, 0},
    {"GET", "/api/v1/upgrade-plans", list, 0},
    {"GET", "/api/v1/upgrade-plans/:id", get, 0},
    {"POST", "/api/v1/upgrade-plans/:id/steps", add_step, 0},
    {"POST", "/api/v1/upgrade-plans/:id/steps/:step/done", step_done, 0},
    {"POST", "/api/v1/upgrade-plans/:id/acceptance", start_acceptance, 0},
    {0},
};
