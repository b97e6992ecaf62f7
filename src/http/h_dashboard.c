/* The command room's dashboard and the township boundaries its map draws: GET /api/v1/dashboard,
 * GET and PUT /api/v1/boundaries (domain/home/dashboard.c, domain/registry/boundaries.c). */
#include "domain/base/calendar.h"
#include "domain/home/dashboard.h"
#include "domain/home/reports.h"
#include "domain/registry/boundaries.h"
#include "http/http.h"

/* ?period=2026-11|2026-Q4 (&division_code=): the figures of a report's period, as a report shows them. */
static int dashboard(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    const char *period = sh_query(req, "period");
    int rc;
    if (period) {
        sh_principal as_actor;
        sh_report_period p;
        char code[13], name[96], county[96], today[11];
        sh_today(today);
        rc = sh_report_area(req->db, &req->principal, sh_query(req, "division_code"), &as_actor, code, name, county, &err);
        if (rc == 0)
            rc = sh_report_period_parse(period, today, &p, &err);
        if (rc == 0)
            rc = sh_dashboard_span(req->db, &as_actor, p.from, p.to, &out, &err);
    } else {
        rc = sh_dashboard(req->db, &req->principal, &out, &err);
    }
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
