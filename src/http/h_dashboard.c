/* The command room's dashboard and the township boundaries its map draws: GET /api/v1/dashboard,
 * GET and PUT /api/v1/boundaries (domain/home/dashboard.c, domain/registry/boundaries.c). */
#include "domain/home/dashboard.h"
#include "domain/registry/boundaries.h"
#include "http/http.h"

static int dashboard(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_dashboard(req->db, &req->principal, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int boundaries(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_boundaries_get(req->db, &req->principal, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* A county's FeatureCollection; ?property= names the feature property holding the township code. */
static int import(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_boundaries_import(req->db, &req->principal, body, sh_query(req, "property"), &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_dashboard[] = {
    {"GET", "/api/v1/dashboard", dashboard, 0},
    {"GET", "/api/v1/boundaries", boundaries, 0},
    {"PUT", "/api/v1/boundaries", import, SH_ROUTE_UPLOAD},
    {0},
};
