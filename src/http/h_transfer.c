/* Import of business lists and export to CSV / Excel. */
#include <string.h>

#include "transfer/transfer.h"
#include "http/entity_filter.h"
#include "http/http.h"

static int import_entities(sh_req *req)
{
    long dry;
    if (sh_query_long_or_reply(req, "dry_run", 0, 0, 1, &dry) != 0)
        return MHD_YES;
    if (req->body.len == 0)
        return sh_reply_fail(req, SH_EINVAL, "file", "请选择要导入的CSV文件 (the request body must be the CSV file)");
    json_t *report = NULL;
    sh_err err = {0};
    int rc = sh_import_csv(req->db, &req->principal, req->body.data, req->body.len, (int)dry, &report, &err);
    return sh_reply_result(req, rc, 200, report, &err);
}

static int export_entities(sh_req *req)
{
    const char *format = sh_query(req, "format");
    if (!format)
        format = "csv";
    int xlsx = strcmp(format, "xlsx") == 0;
    if (!xlsx && strcmp(format, "csv") != 0)
        return sh_reply_fail(req, SH_EINVAL, "format", "导出格式应为csv或xlsx (format must be csv or xlsx)");
    sh_entity_filter f;
    if (sh_entity_filter_from_query(req, &f, 500) != 0)
        return MHD_YES;
    sh_buf out = SH_BUF_INIT;
    sh_err err = {0};
    int rc = xlsx ? sh_export_xlsx(req->db, &req->principal, &f, &out, &err)
                  : sh_export_csv(req->db, &req->principal, &f, &out, &err);
    int ret;
    if (rc != 0)
        ret = sh_reply_error(req, &err);
    else if (xlsx)
        ret = sh_reply_bytes(req, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out.data,
                             out.len, "entities.xlsx");
    else
        ret = sh_reply_bytes(req, 200, "text/csv; charset=utf-8", out.data, out.len, "entities.csv");
    sh_buf_release(&out);
    return ret;
}

const sh_route sh_routes_transfer[] = {
    {"POST", "/api/v1/entities/import", import_entities, SH_ROUTE_UPLOAD},
    {"GET", "/api/v1/entities/export", export_entities, 0},
    {0},
};
