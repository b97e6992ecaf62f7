/* Enforcement cases and the discretion benchmarks (domain/enforcement/case.h). */
#include <stdint.h>
#include <stdio.h>

#include "domain/enforcement/case.h"
#include "domain/enforcement/documents.h"
#include "domain/loop/attachment.h"
#include "transfer/case_pdf.h"
#include "http/http.h"

static int list(sh_req *req)
{
    long limit, offset, entity, overdue;
    if (sh_query_long_or_reply(req, "limit", 20, 1, 100, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT32_MAX, &offset) ||
        sh_query_long_or_reply(req, "entity_id", 0, 0, INT64_MAX, &entity) || sh_query_long_or_reply(req, "overdue", 0, 0, 1, &overdue))
        return MHD_YES;
    sh_case_filter f = {.status = sh_query(req, "status"), .q = sh_query(req, "q"), .entity_id = entity, .overdue = (int)overdue,
                        .limit = (int)limit, .offset = offset};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_cases_list(req->db, &req->principal, &f, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* A business's own cases as the party. */
static int party_list(sh_req *req)
{
    sh_page page;
    if (sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_party_cases(req->db, &req->principal, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int create(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_case_create(req->db, &req->principal, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 201, rc ? NULL : json_pack("{s:o}", "case", out), &err);
}

static int get(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_case_get(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "case", out), &err);
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
    int rc = sh_case_step(req->db, &req->principal, id, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "case", out), &err);
}

static int discretion(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_discretion_list(req->db, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int suggest(sh_req *req)
{
    long goods;
    if (sh_query_long_or_reply(req, "goods_value_yuan", 0, 0, INT32_MAX, &goods))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_discretion_suggest(req->db, sh_query(req, "violation_code"), goods, sh_query(req, "circumstance"), &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* A photo or a scan of evidence, as the raw body (JPEG or PNG); kept by its SHA-256. */
static int evidence(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    sh_attachment_target t = {"case", id, 0};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_attachment_add(req->db, &req->principal, req->cfg->files_dir, &t, req->body.data, req->body.len, &out, &err);
    return sh_reply_result(req, rc, 201, rc ? NULL : json_pack("{s:o}", "attachment", out), &err);
}

/* ---- documents ---- */

static int documents(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_case_documents(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* The case's document of a kind: its draft, made on first asking, or the issued one. */
static int document_of(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_case_document(req->db, &req->principal, id, req->params[1], &out, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "document", out), &err);
}

static int document_get(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_document_get(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "document", out), &err);
}

static int document_edit(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_document_edit(req->db, &req->principal, id, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "document", out), &err);
}

static int document_issue(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_document_issue(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "document", out), &err);
}

/* The PDF; an issued one carries the QR code of its public verification. */
static int document_pdf(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *doc = NULL;
    sh_err err = {0};
    int rc = sh_document_get(req->db, &req->principal, id, &doc, &err);
    if (rc)
        return sh_reply_error(req, &err);
    char url[400] = "", fragment[100];
    const char *hash = json_string_value(json_object_get(doc, "sha256"));
    if (hash) {
        snprintf(fragment, sizeof fragment, "#/verify/%s", hash);
        sh_public_url(req, fragment, url, sizeof url);
    }
    sh_buf pdf = SH_BUF_INIT;
    rc = sh_case_document_pdf(doc, hash ? url : NULL, &pdf, &err);
    char name[160];
    snprintf(name, sizeof name, "%s.pdf", json_string_value(json_object_get(doc, "number")) ? json_string_value(json_object_get(doc, "number"))
                                                                                            : json_string_value(json_object_get(doc, "kind")));
    int ret = rc ? sh_reply_error(req, &err) : sh_reply_bytes(req, 200, "application/pdf", pdf.data, pdf.len, name);
    sh_buf_release(&pdf);
    json_decref(doc);
    return ret;
}

static int verify(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_document_verify(req->db, req->params[0], &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int public_penalties(sh_req *req)
{
    long limit, offset;
    if (sh_query_long_or_reply(req, "limit", 20, 1, 100, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT32_MAX, &offset))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_penalties_public(req->db, sh_query(req, "q"), (int)limit, offset, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_cases[] = {
    {"GET", "/api/v1/cases", list, 0},
    {"POST", "/api/v1/cases", create, 0},
    {"GET", "/api/v1/cases/:id", get, 0},
    {"POST", "/api/v1/cases/:id/steps", step, 0},
    {"POST", "/api/v1/cases/:id/evidence", evidence, SH_ROUTE_UPLOAD},
    {"GET", "/api/v1/cases/:id/documents", documents, 0},
    {"GET", "/api/v1/cases/:id/documents/:kind", document_of, 0},
    {"GET", "/api/v1/case-documents/:id", document_get, 0},
    {"PATCH", "/api/v1/case-documents/:id", document_edit, 0},
    {"POST", "/api/v1/case-documents/:id/issue", document_issue, 0},
    {"GET", "/api/v1/case-documents/:id/pdf", document_pdf, 0},
    {"GET", "/api/v1/me/cases", party_list, 0},
    {"GET", "/api/v1/public/documents/:sha256", verify, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/public/penalties", public_penalties, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/discretion", discretion, 0},
    {"GET", "/api/v1/discretion/suggest", suggest, 0},
    {0},
};
