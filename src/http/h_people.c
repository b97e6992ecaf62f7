/* Food-safety directors and officers, the bureau's spot exams of them, staff health certificates,
 * food-safety liability insurance, training sessions, 食安封签 (domain/people/people.h). */
#include <stdint.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/people/people.h"
#include "http/http.h"

static int appointments_list(sh_req *req)
{
    long entity;
    sh_page page;
    if (sh_query_long_or_reply(req, "entity_id", 0, 0, INT64_MAX, &entity) || sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    const char *current = sh_query(req, "current");
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_appointments_list(req->db, &req->principal, entity, current && !strcmp(current, "1"), &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int appointment_create(sh_req *req) { return sh_handle_body(req, sh_appointment_create, 201); }
static int appointment_end(sh_req *req) { return sh_handle_id_body(req, sh_appointment_end); }

static int exam_start(sh_req *req) { return sh_handle_id_body_status(req, sh_exam_start, 201); }

static int exams_list(sh_req *req)
{
    long entity, appointment;
    sh_page page;
    if (sh_query_long_or_reply(req, "entity_id", 0, 0, INT64_MAX, &entity) ||
        sh_query_long_or_reply(req, "appointment_id", 0, 0, INT64_MAX, &appointment) || sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    sh_exam_filter f = {.status = sh_query(req, "status"), .entity_id = entity, .appointment_id = appointment};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_exams_list(req->db, &req->principal, &f, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int exam_get(sh_req *req) { return sh_handle_id(req, sh_exam_get); }
static int exam_submit(sh_req *req) { return sh_handle_id_body(req, sh_exam_submit); }
static int exam_verify(sh_req *req) { return sh_handle_id(req, sh_exam_verify); }

typedef int (*year_figures_fn)(sh_db *db, const sh_principal *actor, int year, json_t **ret, sh_err *err);

/* A year's figures: ?year= (2000-2100), this Beijing year by default. */
static int year_figures(sh_req *req, year_figures_fn fn)
{
    int y;
    sh_civil_from_days(sh_beijing_days(sh_now_ms()), &y, &(int){0}, &(int){0});
    long year;
    if (sh_query_long_or_reply(req, "year", y, 2000, 2100, &year))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = fn(req->db, &req->principal, (int)year, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int exam_figures(sh_req *req) { return year_figures(req, sh_exam_figures); }

static int health_list(sh_req *req)
{
    long entity;
    sh_page page;
    if (sh_query_long_or_reply(req, "entity_id", 0, 0, INT64_MAX, &entity) || sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    const char *expiring = sh_query(req, "expiring");
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_health_certs_list(req->db, &req->principal, entity, expiring && !strcmp(expiring, "1"), &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int health_create(sh_req *req) { return sh_handle_body(req, sh_health_cert_create, 201); }
static int health_remove(sh_req *req) { return sh_handle_id_body(req, sh_health_cert_remove); }

static int insurance_list(sh_req *req)
{
    long entity;
    sh_page page;
    if (sh_query_long_or_reply(req, "entity_id", 0, 0, INT64_MAX, &entity) || sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    const char *in_force = sh_query(req, "in_force"), *expiring = sh_query(req, "expiring");
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_insurance_list(req->db, &req->principal, entity, in_force && !strcmp(in_force, "1"), expiring && !strcmp(expiring, "1"), &page,
                               &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int insurance_figures(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_insurance_figures(req->db, &req->principal, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int insurance_create(sh_req *req) { return sh_handle_body(req, sh_insurance_create, 201); }
static int insurance_get(sh_req *req) { return sh_handle_id(req, sh_insurance_get); }
static int insurance_cancel(sh_req *req) { return sh_handle_id_body(req, sh_insurance_cancel); }

static int trainings_list(sh_req *req)
{
    sh_page page;
    if (sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_trainings_list(req->db, &req->principal, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int training_figures(sh_req *req) { return year_figures(req, sh_training_figures); }

static int training_create(sh_req *req) { return sh_handle_body(req, sh_training_create, 201); }
static int training_get(sh_req *req) { return sh_handle_id(req, sh_training_get); }
static int training_attend(sh_req *req) { return sh_handle_id_body_status(req, sh_training_attend, 201); }
static int training_invite(sh_req *req) { return sh_handle_id_body(req, sh_training_invite); }

static int seals_list(sh_req *req)
{
    long entity;
    sh_page page;
    if (sh_query_long_or_reply(req, "entity_id", 0, 0, INT64_MAX, &entity) || sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_seal_batches_list(req->db, &req->principal, entity, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int seal_figures(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_seal_figures(req->db, &req->principal, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int seal_issue(sh_req *req) { return sh_handle_body(req, sh_seal_batch_issue, 201); }
static int seal_use(sh_req *req) { return sh_handle_id_body(req, sh_seal_batch_use); }
static int seal_get(sh_req *req) { return sh_handle_id(req, sh_seal_batch_get); }
static int seal_uses(sh_req *req) { return sh_handle_id_body(req, sh_seal_uses_report); }

/* A seal's printed code scanned by anyone (no session). */
static int seal_public(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_seal_public(req->db, req->params[0], &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* The code to print on the seal: the public check of its number (only a number issued). */
static int seal_qr(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_seal_public(req->db, req->params[0], &out, &err);
    char fragment[48] = "";
    if (rc == 0)
        snprintf(fragment, sizeof fragment, "#/seal/%s", json_string_value(json_object_get(out, "code")));
    json_decref(out);
    return sh_reply_page_qr(req, rc, &err, fragment);
}

const sh_route sh_routes_people[] = {
    {"GET", "/api/v1/fs-appointments", appointments_list, 0},
    {"POST", "/api/v1/fs-appointments", appointment_create, 0},
    {"POST", "/api/v1/fs-appointments/:id/end", appointment_end, 0},
    {"POST", "/api/v1/fs-appointments/:id/exams", exam_start, 0},
    {"GET", "/api/v1/fs-exams", exams_list, 0},
    {"GET", "/api/v1/fs-exams/figures", exam_figures, 0},
    {"GET", "/api/v1/fs-exams/:id", exam_get, 0},
    {"POST", "/api/v1/fs-exams/:id/submit", exam_submit, 0},
    {"GET", "/api/v1/fs-exams/:id/verify", exam_verify, 0},
    {"GET", "/api/v1/health-certs", health_list, 0},
    {"POST", "/api/v1/health-certs", health_create, 0},
    {"POST", "/api/v1/health-certs/:id/remove", health_remove, 0},
    {"GET", "/api/v1/insurance-policies", insurance_list, 0},
    {"POST", "/api/v1/insurance-policies", insurance_create, 0},
    {"GET", "/api/v1/insurance-policies/figures", insurance_figures, 0},
    {"GET", "/api/v1/insurance-policies/:id", insurance_get, 0},
    {"POST", "/api/v1/insurance-policies/:id/cancel", insurance_cancel, 0},
    {"GET", "/api/v1/training-sessions", trainings_list, 0},
    {"POST", "/api/v1/training-sessions", training_create, 0},
    {"GET", "/api/v1/training-sessions/figures", training_figures, 0},
    {"GET", "/api/v1/training-sessions/:id", training_get, 0},
    {"POST", "/api/v1/training-sessions/:id/attendees", training_attend, 0},
    {"POST", "/api/v1/training-sessions/:id/invitations", training_invite, 0},
    {"GET", "/api/v1/seal-batches", seals_list, 0},
    {"POST", "/api/v1/seal-batches", seal_issue, 0},
    {"GET", "/api/v1/seal-batches/figures", seal_figures, 0},
    {"GET", "/api/v1/seal-batches/:id", seal_get, 0},
    {"POST", "/api/v1/seal-batches/:id/use", seal_use, 0},
    {"POST", "/api/v1/seal-batches/:id/uses", seal_uses, 0},
    {"GET", "/api/v1/public/seals/:code", seal_public, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/public/seals/:code/qr.png", seal_qr, SH_ROUTE_PUBLIC},
    {0},
};
