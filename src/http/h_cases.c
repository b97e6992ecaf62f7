/* Enforcement cases and the discretion benchmarks (domain/enforcement/case.h). */
#include <stdint.h>

#include "domain/enforcement/case.h"
#include "http/http.h"

static int list(sh_req *req)
{
    long limit, offset, entity, overdue;
    if (sh_query_long_or_reply(req, "limit", 20, 1, 100, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT32_MAX, &offset) ||
        sh_query_long_or_reply(req, "entity_id", 0, 0, INT64_MAX, &entity) || sh_query_long_or_reply(req, "overdue", 0, 0, 1, &overdue))
        return MHD_YES;
    sh_case_filter f = {.status = sh_query(req, "status"), .q = sh_query(req, "q"), .entity_id = entity, .overdue = (int)overdue,
                        .limit = (int)limit, .offset = offset};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_cases_list(req->db, &req->principal, &f, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int create(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_case_create(req->db, &req->principal, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 201, rc ? NULL : json_pack("{s:o}", "case", out), &err);
}

static int get(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_case_get(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "case", out), &err);
}

static int step(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_case_step(req->db, &req->principal, id, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "case", out), &err);
}

static int discretion(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_discretion_list(req->db, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int suggest(sh_req *req)
{
    long goods;
    if (sh_query_long_or_reply(req, "goods_value_yuan", 0, 0, INT32_MAX, &goods))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_discretion_suggest(req->db, sh_query(req, "violation_code"), goods, sh_query(req, "circumstance"), &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_cases[] = {
    {"GET", "/api/v1/cases", list, 0},
    {"POST", "/api/v1/cases", create, 0},
    {"GET", "/api/v1/cases/:id", get, 0},
    {"POST", "/api/v1/cases/:id/steps", step, 0},
    {"GET", "/api/v1/discretion", discretion, 0},
    {"GET", "/api/v1/discretion/suggest", suggest, 0},
    {0},
};
