/* Small workshops' registration (domain/workshop/workshop.h): the public form and its follow-up by
 * access key, the review queue, issuance, the certificate (JSON, PDF with its QR code, public
 * verification) and a workshop's registered products. */
#include <stdint.h>
#include <string.h>

#include "domain/base/principal.h"
#include "domain/workshop/catalogue.h"
#include "domain/workshop/workshop.h"
#include "http/http.h"
#include "transfer/workshop_pdf.h"

static int catalogue(sh_req *req) { return sh_reply_json(req, 200, sh_ws_catalogue_json()); }

/* ---- the public: an online application, followed and corrected with its key ---- */

static int file_online(sh_req *req, const char *address, void *ctx, json_t **out, sh_err *err)
{
    (void)address;
    sh_principal pub;
    sh_principal_public(&pub);
    char key[17] = "";
    int rc = sh_ws_app_submit(req->db, &pub, ctx, key, out, err);
    if (rc == 0)
        *out = json_pack("{s:o, s:s}", "application", *out, "key", key);
    return rc;
}

static int public_submit(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_limited(req, "workshop", file_online, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 201, out, &err);
}

static const char *key_of(sh_req *req)
{
    const char *k = sh_query(req, "key");
    return k ? k : "";
}

static int public_get(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    sh_principal pub;
    sh_principal_public(&pub);
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_ws_app_get(req->db, &pub, id, key_of(req), &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int public_resubmit(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_principal pub;
    sh_principal_public(&pub);
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_ws_app_resubmit(req->db, &pub, id, key_of(req), body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int attach(sh_req *req, const sh_principal *actor, const char *key)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_ws_app_attach(req->db, actor, req->cfg->files_dir, id, key, req->body.data, req->body.len, &out, &err);
    return sh_reply_result(req, rc, 201, rc ? NULL : json_pack("{s:o}", "attachment", out), &err);
}

static int public_attach(sh_req *req)
{
    sh_principal pub;
    sh_principal_public(&pub);
    return attach(req, &pub, key_of(req));
}

static int cert_public(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_ws_cert_public(req->db, req->params[0], &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* ---- signed in: the workshop's account and the officials ---- */

static int submit(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_ws_app_submit(req->db, &req->principal, body, NULL, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 201, out, &err);
}

static int list(sh_req *req)
{
    sh_page page;
    long overdue;
    if (sh_query_page_or_reply(req, 20, 100, &page) || sh_query_long_or_reply(req, "overdue", 0, 0, 1, &overdue))
        return MHD_YES;
    sh_ws_filter f = {sh_query(req, "status"), sh_query(req, "kind"), (int)overdue};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_ws_apps_list(req->db, &req->principal, &f, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int get_signed_in(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    return sh_ws_app_get(db, actor, id, NULL, ret, err);
}
static int get(sh_req *req) { return sh_handle_id(req, get_signed_in); }

static int resubmit_signed_in(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    return sh_ws_app_resubmit(db, actor, id, NULL, body, ret, err);
}
static int resubmit(sh_req *req) { return sh_handle_id_body(req, resubmit_signed_in); }
static int attach_signed_in(sh_req *req) { return attach(req, &req->principal, NULL); }
static int review(sh_req *req) { return sh_handle_id_body(req, sh_ws_app_review); }
static int issue(sh_req *req) { return sh_handle_id_body(req, sh_ws_app_issue); }
static int cert_get(sh_req *req) { return sh_handle_id(req, sh_ws_cert_get); }
static int products(sh_req *req) { return sh_handle_id(req, sh_ws_products_of); }

/* The certificate as a PDF: its QR code opens the public verification page. */
static int cert_pdf(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *cert = NULL;
    sh_err err = {0};
    sh_buf pdf = SH_BUF_INIT;
    int rc = sh_ws_cert_get(req->db, &req->principal, id, &cert, &err);
    if (rc == 0) {
        char fragment[64], url[400];
        snprintf(fragment, sizeof fragment, "#/workshop-cert/%s", json_string_value(json_object_get(cert, "verify_code")));
        sh_public_url(req, fragment, url, sizeof url);
        rc = sh_ws_cert_pdf(cert, url, &pdf, &err);
    }
    json_decref(cert);
    int ret = rc ? sh_reply_error(req, &err) : sh_reply_bytes(req, 200, "application/pdf", pdf.data, pdf.len, "workshop-certificate.pdf");
    sh_buf_release(&pdf);
    return ret;
}

const sh_route sh_routes_workshops[] = {
    {"GET", "/api/v1/public/workshop-catalogue", catalogue, SH_ROUTE_PUBLIC},
    {"POST", "/api/v1/public/workshop-applications", public_submit, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/public/workshop-applications/:id", public_get, SH_ROUTE_PUBLIC},
    {"PUT", "/api/v1/public/workshop-applications/:id", public_resubmit, SH_ROUTE_PUBLIC},
    {"POST", "/api/v1/public/workshop-applications/:id/attachments", public_attach, SH_ROUTE_PUBLIC | SH_ROUTE_UPLOAD},
    {"GET", "/api/v1/public/workshop-certs/:code", cert_public, SH_ROUTE_PUBLIC},
    {"POST", "/api/v1/workshop-applications", submit, 0},
    {"GET", "/api/v1/workshop-applications", list, 0},
    {"GET", "/api/v1/workshop-applications/:id", get, 0},
    {"PUT", "/api/v1/workshop-applications/:id", resubmit, 0},
    {"POST", "/api/v1/workshop-applications/:id/attachments", attach_signed_in, SH_ROUTE_UPLOAD},
    {"POST", "/api/v1/workshop-applications/:id/review", review, 0},
    {"POST", "/api/v1/workshop-applications/:id/issue", issue, 0},
    {"GET", "/api/v1/workshop-certs/:id", cert_get, 0},
    {"GET", "/api/v1/workshop-certs/:id/pdf", cert_pdf, 0},
    {"GET", "/api/v1/entities/:id/workshop-products", products, 0},
    {0},
};
