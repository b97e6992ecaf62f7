/* 名特优 small workshops (domain/famous/famous.h): the criteria, filing, the township's review, the
 * county's decision and revocation; the public list of recognised workshops. */
#include <stdint.h>

#include "domain/famous/famous.h"
#include "http/http.h"

static int criteria(sh_req *req)
{
    json_t *out = json_pack("{s:o}", "items", sh_famous_criteria());
    return sh_reply_result(req, 0, 200, out, NULL);
}

static int list(sh_req *req)
{
    long entity;
    sh_page page;
    if (sh_query_long_or_reply(req, "entity_id", 0, 0, INT64_MAX, &entity) || sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    sh_famous_filter f = {.status = sh_query(req, "status"), .entity_id = entity};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_famous_list(req->db, &req->principal, &f, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int public_list(sh_req *req)
{
    sh_page page;
    if (sh_query_page_or_reply(req, 20, 50, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_famous_public_list(req->db, sh_query(req, "division"), &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int create(sh_req *req) { return sh_handle_body(req, sh_famous_create, 201); }
static int get(sh_req *req) { return sh_handle_id(req, sh_famous_get); }
static int review(sh_req *req) { return sh_handle_id_body(req, sh_famous_review); }
static int decide(sh_req *req) { return sh_handle_id_body(req, sh_famous_decide); }
static int revoke_one(sh_req *req) { return sh_handle_id_body(req, sh_famous_revoke); }

const sh_route sh_routes_famous[] = {
    {"GET", "/api/v1/famous-workshops/criteria", criteria, 0},
    {"GET", "/api/v1/famous-workshops", list, 0},
    {"POST", "/api/v1/famous-workshops", create, 0},
    {"GET", "/api/v1/famous-workshops/:id", get, 0},
    {"POST", "/api/v1/famous-workshops/:id/review", review, 0},
    {"POST", "/api/v1/famous-workshops/:id/decide", decide, 0},
    {"POST", "/api/v1/famous-workshops/:id/revoke", revoke_one, 0},
    {"GET", "/api/v1/public/famous-workshops", public_list, SH_ROUTE_PUBLIC},
    {0},
};
