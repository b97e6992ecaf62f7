/* Small food workshops (食品小作坊, issue 17): registration from the application to the certificate.
 *
 * An application (kind new, change, renew or cancel) is filed online by the workshop (the public form:
 * a new registration, answered with an access key the applicant keeps to follow and correct it), by the
 * registered workshop's own account (change, renew, cancel) or by an official for it. Its products are
 * checked against the province's catalogue and negative list (catalogue.h). The township reviews on site
 * within workshop_review_days working days (accept, return for correction, refuse, with reasons); the
 * county issues within workshop_issue_days working days of acceptance: the certificate (numbered by the
 * workshop_cert_pattern setting, valid workshop_valid_years), the registry entity (kind workshop, licence
 * workshop_reg, the certificate's number and validity) and the workshop's products. A cancellation
 * closes both. Deadlines come from the calendar engine; the sweep marks the passed ones.
 *
 * Access: officials see applications of their jurisdiction's divisions (an id outside it is missing);
 * the township and county review, the county issues; a business sees and files only its own. */
#ifndef SH_WORKSHOP_H
#define SH_WORKSHOP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

/* Files an application. body {kind, entity_id (change, renew, cancel), division_code, name, operator,
 * phone, address, uscc?, products: [{code, name}], note?}; renew and cancel take the registered
 * workshop's data when fields are absent. The public principal files kind new only and gets
 * ret_key (17 bytes: 16 characters) to follow it; *ret the application's view. */
int sh_ws_app_submit(sh_db *db, const sh_principal *actor, json_t *body, char *ret_key, json_t **ret, sh_err *err);
/* The view of one application: fields, status, deadlines (due, days left, overdue), steps, attachments,
 * the certificate when issued. key: the access key of a public caller (NULL for a signed-in one). */
int sh_ws_app_get(sh_db *db, const sh_principal *actor, int64_t id, const char *key, json_t **ret, sh_err *err);
/* The applicant corrects a returned application (the same fields as submit) and files it again. */
int sh_ws_app_resubmit(sh_db *db, const sh_principal *actor, int64_t id, const char *key, json_t *body, json_t **ret,
                       sh_err *err);
/* A photo or scan (JPEG/PNG) attached while the application is submitted or returned. */
int sh_ws_app_attach(sh_db *db, const sh_principal *actor, const char *files_dir, int64_t id, const char *key, const void *data,
                     size_t len, json_t **ret, sh_err *err);
typedef struct sh_ws_filter {
    const char *status; /* NULL: every status */
    const char *kind;   /* NULL: every kind */
    int overdue;        /* 1: only those past their running deadline */
} sh_ws_filter;
/* {items, total} in the actor's jurisdiction, open ones first by due date. */
int sh_ws_apps_list(sh_db *db, const sh_principal *actor, const sh_ws_filter *f, const sh_page *page, json_t **ret, sh_err *err);
/* The township's on-site review: body {decision: accept|return|refuse, note}. A note is required to
 * return or refuse. */
int sh_ws_app_review(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* The county issues (new, change, renew) or closes (cancel) an accepted application; body {note?}. */
int sh_ws_app_issue(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);

/* A certificate: {id, cert_no, entity_id, name, operator, address, products, issued_on, valid_until,
 * status, verify_code, division_name}; officials of its jurisdiction and the workshop itself. */
int sh_ws_cert_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* The public verification by the code printed under the QR: number, name, products, validity, status. */
int sh_ws_cert_public(sh_db *db, const char *verify_code, json_t **ret, sh_err *err);
/* A business's registered products [{id, catalogue_code, catalogue_name, name}] (its catalogue). */
int sh_ws_products_of(sh_db *db, const sh_principal *actor, int64_t entity_id, json_t **ret, sh_err *err);

/* The sweep: marks applications whose running deadline (review or issuance) passed before today;
 * *ret_n how many were marked now. */
int sh_ws_sweep_overdue(sh_db *db, const char *today, int *ret_n, sh_err *err);

#endif
