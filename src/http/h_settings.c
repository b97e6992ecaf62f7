/* The county's risk settings (bands, visits per grade, points, rectification deadlines): read by
 * officials, changed by the county, audited; a change of bands or points regrades every business in
 * the county (in batches). */
#include "domain/risk/risk.h"
#include "domain/risk/risk_settings.h"
#include "http/http.h"

static int get_settings(sh_req *req)
{
    json_t *items = NULL;
    sh_err err = {0};
    int rc = sh_risk_settings_get(req->db, &req->principal, &items, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "items", items), &err);
}

static int patch_settings(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int regrade = 0;
    int rc = sh_risk_settings_patch(req->db, &req->principal, body, &regrade, &err);
    json_decref(body);
    if (rc)
        return sh_reply_error(req, &err);
    long graded = 0;
    if (regrade && (rc = sh_risk_regrade_all(req->db, &req->principal, &graded, &err)) != 0)
        return sh_reply_error(req, &err);
    json_t *items = NULL;
    rc = sh_risk_settings_get(req->db, &req->principal, &items, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o, s:b, s:I}", "items", items, "regraded", regrade,
                                                                "graded", (json_int_t)graded), &err);
}

const sh_route sh_routes_settings[] = {
    {"GET", "/api/v1/settings", get_settings, 0},
    {"PATCH", "/api/v1/settings", patch_settings, 0},
    {0},
};
