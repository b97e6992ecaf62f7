/* Reports a bureau sends upward (issue 15): POST /api/v1/reports makes and keeps one, GET lists them, and
 * each stored report's PDF and Excel come back byte for byte (transfer/report_make.c, domain/home/reports.c). */
#include <string.h>

#include "domain/home/reports.h"
#include "http/http.h"
#include "transfer/report.h"

/* {period: "2026-11" | "2026-Q4", division_code?: the county or one township (default: the caller's area)}. */
static int generate(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    json_t *period = json_object_get(body, "period"), *division = json_object_get(body, "division_code");
    int64_t id = 0;
    int rc = 0;
    if (!json_is_object(body) || !json_is_string(period))
        rc = sh_fail(&err, SH_EINVAL, "period", "请选择报告期：月份（如2026-11）或季度（如2026-Q4） (period is required)");
    else if (division && !json_is_null(division) && !json_is_string(division))
        rc = sh_fail(&err, SH_EINVAL, "division_code", "报告范围应为行政区划代码 (division_code must be a string)");
    if (rc == 0)
        rc = sh_report_generate(req->db, &req->principal, json_string_value(period), json_string_value(division), NULL, &id, &err);
    json_decref(body);
    json_t *out = NULL;
    if (rc == 0)
        rc = sh_report_get(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, 201, out, &err);
}

static int list(sh_req *req)
{
    sh_page page;
    if (sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_reports_list(req->db, &req->principal, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int get(sh_req *req) { return sh_handle_id(req, sh_report_get); }

static int file(sh_req *req, const char *format, const char *type)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    sh_err err = {0};
    sh_buf bytes = SH_BUF_INIT;
    char name[160];
    int rc = sh_report_file(req->db, &req->principal, id, format, &bytes, name, &err);
    int ret = rc ? sh_reply_error(req, &err) : sh_reply_bytes(req, 200, type, bytes.data, bytes.len, name);
    sh_buf_release(&bytes);
    return ret;
}

static int pdf(sh_req *req) { return file(req, "pdf", "application/pdf"); }
static int xlsx(sh_req *req) { return file(req, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"); }

const sh_route sh_routes_reports[] = {
    {"POST", "/api/v1/reports", generate, 0},
    {"GET", "/api/v1/reports", list, 0},
    {"GET", "/api/v1/reports/:id", get, 0},
    {"GET", "/api/v1/reports/:id/pdf", pdf, 0},
    {"GET", "/api/v1/reports/:id/xlsx", xlsx, 0},
    {0},
};
