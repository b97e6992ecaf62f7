/* Sampling and testing: the limit tables and the verdict on a sample's results (nothing stored yet;
 * the sampling records of issue 11 will call the same judgement). Any signed-in user may read the
 * national limits and judge results: they are public standards. */
#include "domain/sampling/judge.h"
#include "domain/sampling/limits.h"
#include "http/http.h"

static int list_limits(sh_req *req)
{
    long limit, offset;
    if (sh_query_long_or_reply(req, "limit", 50, 1, 500, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT64_MAX, &offset))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_limits_list(req->db, sh_query(req, "analyte"), sh_query(req, "food_category"), (int)limit, offset, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int list_categories(sh_req *req)
{
    long limit, offset;
    if (sh_query_long_or_reply(req, "limit", 100, 1, 1000, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT64_MAX, &offset))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_food_categories_list(req->db, (int)limit, offset, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int judge(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_sampling_judge(req->db, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_sampling[] = {
    {"GET", "/api/v1/sampling/limits", list_limits, 0},
    {"GET", "/api/v1/sampling/food-categories", list_categories, 0},
    {"POST", "/api/v1/sampling/judge", judge, 0},
    {0},
};
