/* JSON replies, errors and request helpers. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/message.h"
#include "core/qr.h"
#include "http/http.h"

int sh_reply_queue(sh_req *req, int status, struct MHD_Response *r)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    /* the idle limit told to the client, so that it does not reuse a connection the server is
     * closing at that moment (clients keep a margin below it) */
    char keep[32];
    snprintf(keep, sizeof keep, "timeout=%d", req->cfg->read_timeout);
    MHD_add_response_header(r, "Keep-Alive", keep);
    req->status = status;
    int ret = MHD_queue_response(req->conn, (unsigned int)status, r);
    MHD_destroy_response(r);
    return ret;
}

int sh_reply_bytes(sh_req *req, int status, const char *content_type, const void *data, size_t len,
                   const char *filename)
{
    /* an empty file has no buffer to copy: an empty reply, not a dropped connection */
    struct MHD_Response *r = len ? MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY)
                                 : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (filename) {
        char cd[256];
        snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", filename);
        MHD_add_response_header(r, "Content-Disposition", cd);
    }
    return sh_reply_queue(req, status, r);
}

int sh_reply_cacheable(sh_req *req, const char *content_type, const void *data, size_t len, const char *cache_control)
{
    struct MHD_Response *r = len ? MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY)
                                 : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, cache_control);
    return sh_reply_queue(req, 200, r);
}

int sh_reply_json(sh_req *req, int status, json_t *body) { return sh_reply_json_headers(req, status, body, NULL); }

int sh_reply_json_headers(sh_req *req, int status, json_t *body, const char *const *headers)
{
    /* Nothing to send (204): json_dumps(NULL) would fail, and MHD_NO closes the connection
     * without any answer. */
    if (!body)
        return sh_reply_empty(req, status, NULL);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    if (!text)
        return MHD_NO;
    size_t len = strlen(text);
    struct MHD_Response *r = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(text);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json; charset=utf-8");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    for (; headers && headers[0]; headers += 2)
        MHD_add_response_header(r, headers[0], headers[1]);
    return sh_reply_queue(req, status, r);
}

int sh_reply_error(sh_req *req, const sh_err *err)
{
    int code = err->code ? err->code : SH_EINTERNAL;
    const char *msg = code == SH_EINTERNAL ? "服务器内部错误 (internal error)" : err->message;
    json_t *e = json_pack("{s:s, s:s}", "code", sh_err_name(code), "field", err->field);
    sh_json_set_message(e, msg);
    json_t *body = json_pack("{s:o}", "error", e);
    return sh_reply_json(req, sh_err_http_status(code), body);
}

int sh_reply_result(sh_req *req, int rc, int status, json_t *body, const sh_err *err)
{
    if (rc == 0)
        return sh_reply_json(req, status, body);
    json_decref(body);
    return sh_reply_error(req, err);
}

int sh_reply_fail(sh_req *req, int code, const char *field, const char *message)
{
    sh_err err;
    sh_fail(&err, code, field, "%s", message);
    return sh_reply_error(req, &err);
}

int sh_reply_empty(sh_req *req, int status, const char *set_cookie)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    if (set_cookie)
        MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, set_cookie);
    return sh_reply_queue(req, status, r);
}

const char *sh_query(sh_req *req, const char *name)
{
    const char *v = MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
    return v && *v ? v : NULL;
}

const char *sh_header(sh_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

json_t *sh_body_json_or_reply(sh_req *req)
{
    json_error_t je;
    json_t *j = json_loadb(req->body.data ? req->body.data : "", req->body.len, JSON_REJECT_DUPLICATES, &je);
    if (!j) {
        char msg[300];
        snprintf(msg, sizeof msg, "请求体不是有效的JSON (invalid JSON at line %d column %d: %s)", je.line, je.column, je.text);
        sh_reply_fail(req, SH_EINVAL, "body", msg);
        return NULL;
    }
    if (!json_is_object(j)) {
        json_decref(j);
        sh_reply_fail(req, SH_EINVAL, "body", "请求体应为JSON对象 (body must be a JSON object)");
        return NULL;
    }
    return j;
}

static int parse_long(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end)
        return -1;
    *out = v;
    return 0;
}

int sh_query_page_or_reply(sh_req *req, long def_limit, long max_limit, sh_page *out)
{
    long limit, offset;
    if (sh_query_long_or_reply(req, "limit", def_limit, 1, max_limit, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT32_MAX, &offset))
        return -1;
    out->limit = limit;
    out->offset = offset;
    return 0;
}

int64_t sh_param_id_or_reply(sh_req *req, int idx)
{
    long v;
    if (!req->params[idx] || parse_long(req->params[idx], &v) != 0 || v <= 0) {
        sh_reply_fail(req, SH_ENOTFOUND, "id", "记录不存在 (no such record)");
        return 0;
    }
    return v;
}

int sh_query_long_or_reply(sh_req *req, const char *name, long def, long min, long max, long *out)
{
    const char *s = sh_query(req, name);
    long v = def;
    if (s && (parse_long(s, &v) != 0 || v < min || v > max)) {
        char msg[160];
        snprintf(msg, sizeof msg, "应为%ld到%ld之间的整数 (must be a whole number from %ld to %ld)", min, max, min, max);
        sh_reply_fail(req, SH_EINVAL, name, msg);
        return -1;
    }
    *out = v;
    return 0;
}

int sh_handle_id(sh_req *req, sh_id_fn fn)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = fn(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

int sh_handle_body(sh_req *req, sh_body_fn fn, int status)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = fn(req->db, &req->principal, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, status, out, &err);
}

int sh_handle_id_body(sh_req *req, sh_id_body_fn fn) { return sh_handle_id_body_status(req, fn, 200); }

int sh_handle_id_body_status(sh_req *req, sh_id_body_fn fn, int status)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = fn(req->db, &req->principal, id, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, status, out, &err);
}

int sh_reply_page_qr(sh_req *req, int rc, sh_err *err, const char *fragment)
{
    sh_buf png = SH_BUF_INIT;
    if (rc == 0) {
        char url[400];
        sh_public_url(req, fragment, url, sizeof url);
        rc = sh_qr_png(url, "url", &png, err);
    }
    int ret = rc ? sh_reply_error(req, err) : sh_reply_bytes(req, 200, "image/png", png.data, png.len, NULL);
    sh_buf_release(&png);
    return ret;
}
