/* Sampling plans (items, split, draw, progress), the year's sampling figures and their Excel workbook,
 * and public proposals (你点我检): anonymous proposing, voting and reading; officials' adoption and
 * answers. The rules are domain/sampling/plan.c, proposal.c and figures.c. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "domain/sampling/figures.h"
#include "domain/sampling/plan.h"
#include "domain/sampling/proposal.h"
#include "http/http.h"
#include "transfer/sampling_xlsx.h"

/* ---- plans ---- */

static int list_plans(sh_req *req)
{
    long year;
    if (sh_query_long_or_reply(req, "year", 0, 2000, 2100, &year))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_plans_list(req->db, &req->principal, (int)year, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int create_plan(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    int64_t id = 0;
    json_t *plan = NULL;
    sh_err err = {0};
    int rc = sh_plan_create(req->db, &req->principal, body, &id, &err);
    json_decref(body);
    if (rc == 0)
        rc = sh_plan_get(req->db, &req->principal, id, &plan, &err);
    return sh_reply_result(req, rc, 201, rc ? NULL : json_pack("{s:o}", "plan", plan), &err);
}

static int get_plan(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *plan = NULL;
    sh_err err = {0};
    int rc = sh_plan_get(req->db, &req->principal, id, &plan, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "plan", plan), &err);
}

static int add_item(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    int64_t item = 0;
    json_t *plan = NULL;
    sh_err err = {0};
    int rc = sh_plan_item_add(req->db, &req->principal, id, body, &item, &err);
    json_decref(body);
    if (rc == 0)
        rc = sh_plan_get(req->db, &req->principal, id, &plan, &err);
    return sh_reply_result(req, rc, 201, rc ? NULL : json_pack("{s:I, s:o}", "item_id", (json_int_t)item, "plan", plan), &err);
}

static int split_plan(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_plan_split(req->db, &req->principal, id, sh_query(req, "categories"), &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int draw_item(sh_req *req)
{
    /* the role first: a caller who may not draw hears the same whatever ids it sends */
    if (!sh_plan_may_plan(&req->principal))
        return sh_reply_fail(req, SH_EPERM, "", "只有县局可以制定抽检计划和抽取 (only the county bureau plans and draws)");
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    int64_t item = sh_param_id_or_reply(req, 1);
    if (!item)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_plan_draw(req->db, &req->principal, id, item, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 201, out, &err);
}

static int plan_progress(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_plan_progress(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* ---- figures ---- */

static int figures(sh_req *req)
{
    long year;
    if (sh_query_long_or_reply(req, "year", 0, 2000, 2100, &year))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_sampling_figures(req->db, &req->principal, (int)year, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int figures_xlsx(sh_req *req)
{
    long year;
    if (sh_query_long_or_reply(req, "year", 0, 2000, 2100, &year))
        return MHD_YES;
    sh_buf out = SH_BUF_INIT;
    sh_err err = {0};
    int rc = sh_sampling_figures_xlsx(req->db, &req->principal, (int)year, &out, &err);
    char name[64];
    if (year)
        snprintf(name, sizeof name, "sampling-figures-%ld.xlsx", year);
    else
        snprintf(name, sizeof name, "sampling-figures.xlsx");
    int ret = rc ? sh_reply_error(req, &err)
                 : sh_reply_bytes(req, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out.data, out.len,
                                  name);
    sh_buf_release(&out);
    return ret;
}

/* ---- public proposals ---- */

static int create_proposal(sh_req *req, const char *address, void *body, json_t **out, sh_err *err)
{
    (void)address;
    return sh_proposal_create(req->db, body, out, err);
}

static int propose(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_limited(req, "proposal", create_proposal, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 201, rc ? NULL : json_pack("{s:o}", "proposal", out), &err);
}

/* (an unknown address is refused by the limit: sh_rate_limit_check) */
static int cast_vote(sh_req *req, const char *address, void *id, json_t **out, sh_err *err)
{
    return sh_proposal_vote(req->db, *(int64_t *)id, address, out, err);
}

static int vote(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_limited(req, "vote", cast_vote, &id, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int list_public(sh_req *req)
{
    long limit, offset;
    if (sh_query_long_or_reply(req, "limit", 20, 1, 100, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT64_MAX, &offset))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_proposals_public(req->db, sh_query(req, "division_code"), sh_query(req, "status"), (int)limit, offset, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int list_proposals(sh_req *req)
{
    long limit, offset;
    if (sh_query_long_or_reply(req, "limit", 50, 1, 500, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT64_MAX, &offset))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_proposals_list(req->db, &req->principal, sh_query(req, "division_code"), sh_query(req, "status"), (int)limit,
                               offset, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int answer(sh_req *req, int adopt)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = adopt ? sh_proposal_adopt(req->db, &req->principal, id, body, &out, &err)
                   : sh_proposal_decline(req->db, &req->principal, id, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int adopt(sh_req *req) { return answer(req, 1); }
static int decline(sh_req *req) { return answer(req, 0); }

const sh_route sh_routes_sampling_plans[] = {
    {"GET", "/api/v1/sampling/plans", list_plans, 0},
    {"POST", "/api/v1/sampling/plans", create_plan, 0},
    {"GET", "/api/v1/sampling/plans/:id", get_plan, 0},
    {"POST", "/api/v1/sampling/plans/:id/items", add_item, 0},
    {"GET", "/api/v1/sampling/plans/:id/split", split_plan, 0},
    {"POST", "/api/v1/sampling/plans/:id/items/:item/draw", draw_item, 0},
    {"GET", "/api/v1/sampling/plans/:id/progress", plan_progress, 0},
    {"GET", "/api/v1/sampling/figures", figures, 0},
    {"GET", "/api/v1/sampling/figures.xlsx", figures_xlsx, 0},
    {"GET", "/api/v1/sampling-proposals", list_proposals, 0},
    {"POST", "/api/v1/sampling-proposals/:id/adopt", adopt, 0},
    {"POST", "/api/v1/sampling-proposals/:id/decline", decline, 0},
    {"GET", "/api/v1/public/sampling-proposals", list_public, SH_ROUTE_PUBLIC},
    {"POST", "/api/v1/public/sampling-proposals", propose, SH_ROUTE_PUBLIC},
    {"POST", "/api/v1/public/sampling-proposals/:id/vote", vote, SH_ROUTE_PUBLIC},
    {0},
};
