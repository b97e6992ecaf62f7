/* Brands and authorisations (domain/brands/brands.h): marks on file, authorisations granted, suspended,
 * reinstated and revoked by the county; a business lists its own. */
#include <stdint.h>
#include <string.h>

#include "domain/brands/brands.h"
#include "http/http.h"

static int marks_list(sh_req *req)
{
    sh_page page;
    if (sh_query_page_or_reply(req, 50, 200, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_brand_marks_list(req->db, &req->principal, sh_query(req, "kind"), &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int mark_create(sh_req *req) { return sh_handle_body(req, sh_brand_mark_create, 201); }
static int mark_update(sh_req *req) { return sh_handle_id_body(req, sh_brand_mark_update); }

static int auths_list(sh_req *req)
{
    long entity, mark;
    sh_page page;
    if (sh_query_long_or_reply(req, "entity_id", 0, 0, INT64_MAX, &entity) || sh_query_long_or_reply(req, "mark_id", 0, 0, INT64_MAX, &mark) ||
        sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    sh_brand_auth_filter f = {.status = sh_query(req, "status"), .entity_id = entity, .mark_id = mark};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_brand_auths_list(req->db, &req->principal, &f, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int auth_grant(sh_req *req) { return sh_handle_body(req, sh_brand_auth_grant, 201); }
static int auth_get(sh_req *req) { return sh_handle_id(req, sh_brand_auth_get); }
static int auth_suspend(sh_req *req) { return sh_handle_id_body(req, sh_brand_auth_suspend); }
static int auth_reinstate(sh_req *req) { return sh_handle_id_body(req, sh_brand_auth_reinstate); }
static int auth_revoke(sh_req *req) { return sh_handle_id_body(req, sh_brand_auth_revoke); }

const sh_route sh_routes_brands[] = {
    {"GET", "/api/v1/brand-marks", marks_list, 0},
    {"POST", "/api/v1/brand-marks", mark_create, 0},
    {"PATCH", "/api/v1/brand-marks/:id", mark_update, 0},
    {"GET", "/api/v1/brand-auths", auths_list, 0},
    {"POST", "/api/v1/brand-auths", auth_grant, 0},
    {"GET", "/api/v1/brand-auths/:id", auth_get, 0},
    {"POST", "/api/v1/brand-auths/:id/suspend", auth_suspend, 0},
    {"POST", "/api/v1/brand-auths/:id/reinstate", auth_reinstate, 0},
    {"POST", "/api/v1/brand-auths/:id/revoke", auth_revoke, 0},
    {0},
};
