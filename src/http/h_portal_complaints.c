/* The public's side of complaints: the form, the verification code, tracking and rating
 * (domain/complaints/complaint.h). Each is limited per address (domain/identity/rate_limit.h). */
#include <string.h>

#include "domain/complaints/complaint.h"
#include "domain/identity/rate_limit.h"
#include "http/complaint_form.h"
#include "http/http.h"

static int intake(sh_req *req, const char *address, void *ctx, json_t **out, sh_err *err)
{
    (void)address;
    sh_complaint_form *form = ctx;
    int rc = sh_complaint_form_read(req, form, err);
    return rc ? rc : sh_complaint_intake(req->db, NULL, req->cfg->files_dir, form->body, form->photos, form->nphotos, out, err);
}

static int submit(sh_req *req)
{
    sh_complaint_form form = {0};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_limited(req, "complaint", intake, &form, &out, &err);
    sh_complaint_form_release(&form);
    return sh_reply_result(req, rc, 201, out, &err);
}

/* A JSON body through fn, limited per address in bucket. Unlike a form, a wrong answer counts too:
 * codes and phones are not to be guessed across records. */
static int with_body(sh_req *req, const char *bucket, int (*fn)(sh_db *, json_t *, json_t **, sh_err *))
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    char address[64];
    sh_client_address(req, address);
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_rate_limit_check(req->db, bucket, address, &err);
    if (rc == 0)
        rc = fn(req->db, body, &out, &err);
    if (rc == 0 || rc == SH_EINVAL)
        sh_rate_limit_record(req->db, bucket, address, NULL);
    json_decref(body);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int send_code(sh_req *req) { return with_body(req, "verify", sh_complaint_send_code); }
static int track(sh_req *req) { return with_body(req, "track", sh_complaint_track); }
static int rate(sh_req *req) { return with_body(req, "track", sh_complaint_rate); }

const sh_route sh_routes_portal_complaints[] = {
    {"POST", "/api/v1/public/complaints", submit, SH_ROUTE_PUBLIC | SH_ROUTE_UPLOAD},
    {"POST", "/api/v1/public/complaints/code", send_code, SH_ROUTE_PUBLIC},
    {"POST", "/api/v1/public/complaints/track", track, SH_ROUTE_PUBLIC},
    {"POST", "/api/v1/public/complaints/rate", rate, SH_ROUTE_PUBLIC},
    {0},
};
