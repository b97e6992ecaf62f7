/* Risk grades (one business's grade with reasons and history, the summary, regrading) and the
 * inspection plan they drive. */
#include <stdlib.h>

#include "domain/base/calendar.h"
#include "domain/supervision/plan.h"
#include "domain/risk/risk.h"
#include "http/http.h"

static int entity_risk(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_risk_get(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int summary(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_risk_summary(req->db, &req->principal, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int regrade(sh_req *req)
{
    long n = 0;
    sh_err err = {0};
    int rc = sh_risk_regrade_all(req->db, &req->principal, &n, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:I}", "graded", (json_int_t)n), &err);
}

static int plan(sh_req *req)
{
    char today[11];
    sh_today(today);
    long year;
    if (sh_query_long_or_reply(req, "year", atoi(today), 2000, 2100, &year) != 0)
        return MHD_YES;
    sh_page page;
    if (sh_query_page_or_reply(req, 50, 500, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_plan(req->db, &req->principal, (int)year, today, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_risk[] = {
    {"GET", "/api/v1/plan", plan, 0},
    {"GET", "/api/v1/entities/:id/risk", entity_risk, 0},
    {"GET", "/api/v1/risk/summary", summary, 0},
    {"POST", "/api/v1/risk/regrade", regrade, 0},
    {0},
};
