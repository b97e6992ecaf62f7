/* Complaints, reports and public-opinion events for officials (domain/complaints/complaint.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/base/calendar.h"
#include "domain/complaints/complaint.h"
#include "http/complaint_form.h"
#include "http/http.h"
#include "transfer/complaints_12315.h"

static int list(sh_req *req)
{
    long limit, offset, entity, overdue, open;
    if (sh_query_long_or_reply(req, "limit", 20, 1, 100, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT32_MAX, &offset) ||
        sh_query_long_or_reply(req, "entity_id", 0, 0, INT64_MAX, &entity) ||
        sh_query_long_or_reply(req, "overdue", 0, 0, 1, &overdue) || sh_query_long_or_reply(req, "open", 0, 0, 1, &open))
        return MHD_YES;
    sh_complaint_filter f = {.kind = sh_query(req, "kind"), .status = sh_query(req, "status"),
                             .division_code = sh_query(req, "division_code"), .q = sh_query(req, "q"),
                             .entity_id = entity, .overdue = (int)overdue, .open = (int)open, .limit = (int)limit, .offset = offset};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_complaints_list(req->db, &req->principal, &f, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int create(sh_req *req)
{
    sh_complaint_form form;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_complaint_form_read(req, &form, &err);
    if (rc == 0)
        rc = sh_complaint_intake(req->db, &req->principal, req->cfg->files_dir, form.body, form.photos, form.nphotos, &out, &err);
    sh_complaint_form_release(&form);
    return sh_reply_result(req, rc, 201, out, &err);
}

static int get(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_complaint_get(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "complaint", out), &err);
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
    int rc = sh_complaint_step(req->db, &req->principal, id, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "complaint", out), &err);
}

static int figures(sh_req *req)
{
    char today[11];
    sh_today(today);
    long year;
    if (sh_query_long_or_reply(req, "year", strtol(today, NULL, 10), 2000, 2100, &year))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_complaint_figures(req->db, &req->principal, (int)year, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* A 12315 export: CSV (UTF-8 or GBK) or JSON, as the raw body. */
static int import_12315(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_complaints_import_12315(req->db, &req->principal, req->body.data ? req->body.data : "", req->body.len, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_complaints[] = {
    {"GET", "/api/v1/complaints", list, 0},
    {"POST", "/api/v1/complaints", create, SH_ROUTE_UPLOAD},
    {"GET", "/api/v1/complaints/figures", figures, 0},
    {"POST", "/api/v1/complaints/import", import_12315, SH_ROUTE_UPLOAD},
    {"GET", "/api/v1/complaints/:id", get, 0},
    {"POST", "/api/v1/complaints/:id/steps", step, 0},
    {0},
};
