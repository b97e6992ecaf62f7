/* Food business licences under the commitment system (domain/licence/licence_app.h): the commitment
 * items, filing, the county's decision, the township's on-site verification and the correction after it,
 * the expiring licences. */
#include <stdint.h>

#include "domain/licence/licence_app.h"
#include "http/http.h"

static int commitments(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_lic_commitments(req->db, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int submit(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_lic_app_submit(req->db, &req->principal, body, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 201, out, &err);
}

static int list(sh_req *req)
{
    sh_page page;
    if (sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    sh_lic_filter f = {sh_query(req, "status"), sh_query(req, "verify"), sh_query(req, "correction")};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_lic_apps_list(req->db, &req->principal, &f, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int expiring(sh_req *req)
{
    sh_page page;
    if (sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_lic_expiring(req->db, &req->principal, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int get(sh_req *req) { return sh_handle_id(req, sh_lic_app_get); }
static int decide(sh_req *req) { return sh_handle_id_body(req, sh_lic_app_decide); }
static int verify(sh_req *req) { return sh_handle_id_body(req, sh_lic_app_verify); }
static int correct(sh_req *req) { return sh_handle_id_body(req, sh_lic_app_correct); }
static int correct_review(sh_req *req) { return sh_handle_id_body(req, sh_lic_app_correct_review); }

const sh_route sh_routes_licences[] = {
    {"GET", "/api/v1/licence-commitments", commitments, 0},
    {"GET", "/api/v1/licence-expiring", expiring, 0},
    {"POST", "/api/v1/licence-applications", submit, 0},
    {"GET", "/api/v1/licence-applications", list, 0},
    {"GET", "/api/v1/licence-applications/:id", get, 0},
    {"POST", "/api/v1/licence-applications/:id/decision", decide, 0},
    {"POST", "/api/v1/licence-applications/:id/verification", verify, 0},
    {"POST", "/api/v1/licence-applications/:id/correction", correct, 0},
    {"POST", "/api/v1/licence-applications/:id/correction-review", correct_review, 0},
    {0},
};
