/* Samples from the task to the follow-up, labs on file, and the published results (domain/sampling:
 * sample.h, failure.h, labs.h). Every step answers with the whole sample as it now stands. */
#include "domain/loop/attachment.h"
#include "domain/sampling/failure.h"
#include "domain/sampling/labs.h"
#include "domain/sampling/sample.h"
#include "http/http.h"

#include <string.h>

/* Replies the sample id as the actor now sees it, with status. */
static int reply_sample(sh_req *req, int status, int64_t id)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_sample_get(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, status, out, &err);
}

typedef int (*sample_step_fn)(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err);

/* The shape of every step: the id, the body, the step, then the sample. */
static int run_step_and_reply(sh_req *req, sample_step_fn step)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int rc = step(req->db, &req->principal, id, body, &err);
    json_decref(body);
    return rc ? sh_reply_error(req, &err) : reply_sample(req, 200, id);
}

static int record(sh_req *req) { return run_step_and_reply(req, sh_sample_record); }
static int deliver(sh_req *req) { return run_step_and_reply(req, sh_sample_deliver); }
static int receive(sh_req *req) { return run_step_and_reply(req, sh_sample_receive); }
static int notice(sh_req *req) { return run_step_and_reply(req, sh_sample_notice); }
static int retest_request(sh_req *req) { return run_step_and_reply(req, sh_sample_retest_request); }
static int retest_decide(sh_req *req) { return run_step_and_reply(req, sh_sample_retest_decide); }

static int report_round1(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    return sh_sample_report(db, actor, id, body, NULL, err);
}
static int report_round2(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    return sh_sample_retest_report(db, actor, id, body, NULL, err);
}
static int report(sh_req *req) { return run_step_and_reply(req, report_round1); }
static int retest_report(sh_req *req) { return run_step_and_reply(req, report_round2); }

static int add_objection(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    return sh_sample_objection_file(db, actor, id, body, NULL, err);
}
static int add_disposal(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    return sh_sample_disposal_add(db, actor, id, body, NULL, err);
}
static int add_followup(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    return sh_sample_followup_add(db, actor, id, body, NULL, err);
}
static int publish_step(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    (void)body;
    return sh_sample_publish(db, actor, id, err);
}
static int objection(sh_req *req) { return run_step_and_reply(req, add_objection); }
static int disposal(sh_req *req) { return run_step_and_reply(req, add_disposal); }
static int followup(sh_req *req) { return run_step_and_reply(req, add_followup); }
static int publish(sh_req *req) { return run_step_and_reply(req, publish_step); }

static int decide_objection(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    int64_t oid = id ? sh_param_id_or_reply(req, 1) : 0;
    if (!oid)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int rc = sh_sample_objection_decide(req->db, &req->principal, id, oid, body, &err);
    json_decref(body);
    return rc ? sh_reply_error(req, &err) : reply_sample(req, 200, id);
}

static int create(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    int64_t id = 0;
    sh_err err = {0};
    int rc = sh_sample_create(req->db, &req->principal, body, &id, &err);
    json_decref(body);
    return rc ? sh_reply_error(req, &err) : reply_sample(req, 201, id);
}

static int get_one(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    return id ? reply_sample(req, 200, id) : MHD_YES;
}

static int list(sh_req *req)
{
    long limit, offset, entity, plan;
    if (sh_query_long_or_reply(req, "limit", 20, 1, 200, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT32_MAX, &offset) ||
        sh_query_long_or_reply(req, "entity_id", 0, 0, INT64_MAX, &entity) || sh_query_long_or_reply(req, "plan_id", 0, 0, INT64_MAX, &plan))
        return MHD_YES;
    const char *mine = sh_query(req, "mine"), *overdue = sh_query(req, "overdue");
    sh_sample_filter f = {.status = sh_query(req, "status"), .verdict = sh_query(req, "verdict"), .q = sh_query(req, "q"),
                          .entity_id = entity, .plan_id = plan, .mine = mine && !strcmp(mine, "1"),
                          .overdue = overdue && !strcmp(overdue, "1"), .limit = (int)limit, .offset = offset};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_samples_list(req->db, &req->principal, &f, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int public_results(sh_req *req)
{
    long limit, offset;
    if (sh_query_long_or_reply(req, "limit", 20, 1, 100, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT32_MAX, &offset))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_samples_public(req->db, sh_query(req, "verdict"), sh_query(req, "q"), (int)limit, offset, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* A photo of the sampling (the product, its label, the seal, the signed record): image bytes. */
static int photo(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    sh_attachment_target t = {"sample", id, 0};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_attachment_add(req->db, &req->principal, req->cfg->files_dir, &t, req->body.data, req->body.len, &out, &err);
    return sh_reply_result(req, rc, 201, rc ? NULL : json_pack("{s:o}", "attachment", out), &err);
}

/* ---- labs ---- */

static int reply_lab(sh_req *req, int status, int64_t id)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_lab_get(req->db, &req->principal, id, &out, &err);
    return sh_reply_result(req, rc, status, out, &err);
}

static int labs_list(sh_req *req)
{
    long limit, offset;
    if (sh_query_long_or_reply(req, "limit", 50, 1, 200, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT32_MAX, &offset))
        return MHD_YES;
    const char *all = sh_query(req, "all");
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_labs_list(req->db, &req->principal, !(all && !strcmp(all, "1")), (int)limit, offset, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int lab_create(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    int64_t id = 0;
    sh_err err = {0};
    int rc = sh_lab_create(req->db, &req->principal, body, &id, &err);
    json_decref(body);
    return rc ? sh_reply_error(req, &err) : reply_lab(req, 201, id);
}

static int lab_get(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    return id ? reply_lab(req, 200, id) : MHD_YES;
}

static int lab_update(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int rc = sh_lab_update(req->db, &req->principal, id, body, &err);
    json_decref(body);
    return rc ? sh_reply_error(req, &err) : reply_lab(req, 200, id);
}

const sh_route sh_routes_samples[] = {
    {"GET", "/api/v1/samples", list, 0},
    {"POST", "/api/v1/samples", create, 0},
    {"GET", "/api/v1/samples/:id", get_one, 0},
    {"POST", "/api/v1/samples/:id/record", record, 0},
    {"POST", "/api/v1/samples/:id/deliver", deliver, 0},
    {"POST", "/api/v1/samples/:id/receive", receive, 0},
    {"POST", "/api/v1/samples/:id/report", report, 0},
    {"POST", "/api/v1/samples/:id/notice", notice, 0},
    {"POST", "/api/v1/samples/:id/retest", retest_request, 0},
    {"POST", "/api/v1/samples/:id/retest/decide", retest_decide, 0},
    {"POST", "/api/v1/samples/:id/retest/report", retest_report, 0},
    {"POST", "/api/v1/samples/:id/objections", objection, 0},
    {"POST", "/api/v1/samples/:id/objections/:oid/decide", decide_objection, 0},
    {"POST", "/api/v1/samples/:id/disposals", disposal, 0},
    {"POST", "/api/v1/samples/:id/followups", followup, 0},
    {"POST", "/api/v1/samples/:id/publish", publish, 0},
    {"POST", "/api/v1/samples/:id/photos", photo, SH_ROUTE_UPLOAD},
    {"GET", "/api/v1/public/sampling-results", public_results, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/labs", labs_list, 0},
    {"POST", "/api/v1/labs", lab_create, 0},
    {"GET", "/api/v1/labs/:id", lab_get, 0},
    {"PATCH", "/api/v1/labs/:id", lab_update, 0},
    {0},
};
