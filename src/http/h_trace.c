/* Trace codes, tracing and recalls (domain/trace/codes.h, trace_view.h, recall.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/qr.h"
#include "domain/trace/codes.h"
#include "domain/trace/recall.h"
#include "domain/trace/trace_view.h"
#include "http/http.h"
#include "transfer/trace_xlsx.h"

static int code_create(sh_req *req) { return sh_handle_body(req, sh_trace_code_create, 201); }

static int code_list(sh_req *req)
{
    long entity;
    sh_page page;
    if (sh_query_long_or_reply(req, "entity_id", 0, 0, INT64_MAX, &entity) || sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_trace_codes_list(req->db, &req->principal, entity, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int code_get(sh_req *req) { return sh_handle_id(req, sh_trace_code_get); }

/* The label's QR code: the public trace page of the code. */
static int code_qr(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *code = NULL;
    sh_err err = {0};
    int rc = sh_trace_code_get(req->db, &req->principal, id, &code, &err);
    char fragment[40] = "";
    if (rc == 0)
        snprintf(fragment, sizeof fragment, "#/trace/%s", json_string_value(json_object_get(code, "code")));
    json_decref(code);
    return sh_reply_page_qr(req, rc, &err, fragment);
}

static int code_public(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_trace_code_public(req->db, req->params[0], &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* ?epc=…&direction=forward|backward&holder_id=… */
static int trace_of(sh_req *req, json_t **out, sh_err *err)
{
    const char *dir = sh_query(req, "direction");
    if (dir && strcmp(dir, "forward") && strcmp(dir, "backward"))
        return sh_fail(err, SH_EINVAL, "direction", "方向：应为正向（forward）或反向（backward） (direction must be forward or backward)");
    const char *holder = sh_query(req, "holder_id");
    char *end = NULL;
    long long h = holder ? strtoll(holder, &end, 10) : 0;
    if (holder && (!*holder || *end || h < 0))
        return sh_fail(err, SH_EINVAL, "holder_id", "持有者：应为档案编号 (holder_id must be an id)");
    return sh_trace_query(req->db, &req->principal, sh_query(req, "epc"), h,
                          dir && !strcmp(dir, "backward") ? SH_TRACE_BACKWARD : SH_TRACE_FORWARD, out, err);
}

static int trace(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = trace_of(req, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int reply_xlsx(sh_req *req, int rc, sh_buf *x, const sh_err *err, const char *name)
{
    int ret = rc ? sh_reply_error(req, err)
                 : sh_reply_bytes(req, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", x->data, x->len, name);
    sh_buf_release(x);
    return ret;
}

static int trace_export(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = trace_of(req, &out, &err);
    sh_buf x = SH_BUF_INIT;
    if (rc == 0)
        rc = sh_trace_xlsx(out, &x, &err);
    json_decref(out);
    return reply_xlsx(req, rc, &x, &err, "trace.xlsx");
}

static int recall_start(sh_req *req) { return sh_handle_body(req, sh_recall_start, 201); }

static int recall_list(sh_req *req)
{
    sh_page page;
    if (sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_recalls_list(req->db, &req->principal, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int recall_get(sh_req *req) { return sh_handle_id(req, sh_recall_get); }

static int recall_export(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_recall_get(req->db, &req->principal, id, &out, &err);
    sh_buf x = SH_BUF_INIT;
    if (rc == 0)
        rc = sh_recall_xlsx(out, &x, &err);
    json_decref(out);
    return reply_xlsx(req, rc, &x, &err, "recall.xlsx");
}

static int recall_confirm(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0), target = id ? sh_param_id_or_reply(req, 1) : 0;
    if (!id || !target)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_recall_confirm(req->db, &req->principal, id, target, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int recall_close(sh_req *req) { return sh_handle_id_body(req, sh_recall_close); }

const sh_route sh_routes_trace[] = {
    {"POST", "/api/v1/trace-codes", code_create, 0},
    {"GET", "/api/v1/trace-codes", code_list, 0},
    {"GET", "/api/v1/trace-codes/:id", code_get, 0},
    {"GET", "/api/v1/trace-codes/:id/qr.png", code_qr, 0},
    {"GET", "/api/v1/public/trace/:code", code_public, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/trace", trace, 0},
    {"GET", "/api/v1/trace/export", trace_export, 0},
    {"POST", "/api/v1/recalls", recall_start, 0},
    {"GET", "/api/v1/recalls", recall_list, 0},
    {"GET", "/api/v1/recalls/:id", recall_get, 0},
    {"GET", "/api/v1/recalls/:id/export", recall_export, 0},
    {"POST", "/api/v1/recalls/:id/targets/:target_id/confirm", recall_confirm, 0},
    {"POST", "/api/v1/recalls/:id/close", recall_close, 0},
    {0},
};
