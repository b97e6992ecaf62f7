/* Food business licences under the commitment system (食品经营许可 告知承诺制, issue 17).
 *
 * A business (its own account, or an official for it) applies: kind new (a registered seller, caterer or
 * canteen without a JY licence), change (name, address), renew or cancel, signing every commitment item
 * (licence_commitment_items, db/072). The county decides at once on the commitment: issue or refuse. On
 * issuance the registry entity follows (licence_kind jy, licence_no by the JY structure of
 * core/validate.c, licence_valid_until licence_valid_years later; a cancellation closes the business).
 * The on-site verification is due licence_verify_days working days after issuance (calendar engine);
 * the township records it consistent or inconsistent. Inconsistent: the business is ordered to correct
 * by correct_due (licence_correct_days working days) and told through the outbox; the licence stays
 * (revocation is a case's decision, not this step's). The sweep marks verifications past their day.
 *
 * Access: officials see applications of their jurisdiction's divisions (an id outside it is missing);
 * the county decides; the township or county verifies; a business sees and files only its own. */
#ifndef SH_LICENCE_APP_H
#define SH_LICENCE_APP_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

/* {items: [{code, text}]}: what a business signs. */
int sh_lic_commitments(sh_db *db, json_t **ret, sh_err *err);
/* body {kind, entity_id (officials; a business files for itself), name?, address?, commitments: [code],
 * signer, note?}; *ret the application's view. */
int sh_lic_app_submit(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
int sh_lic_app_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
typedef struct sh_lic_filter {
    const char *status; /* NULL: every status */
    const char *verify; /* NULL, "pending" (issued, not verified), "overdue" (pending, past due), "done" */
    const char *correction; /* NULL, "ordered" (inconsistent, not reported), "reported" (awaiting confirmation), "confirmed" */
} sh_lic_filter;
/* {items, total} in the actor's reach: submitted first, then pending verifications by due day. */
int sh_lic_apps_list(sh_db *db, const sh_principal *actor, const sh_lic_filter *f, const sh_page *page, json_t **ret, sh_err *err);
/* The county: body {decision: issue|refuse, note (required to refuse)}. */
int sh_lic_app_decide(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* The township or county: body {result: consistent|inconsistent, note (required when inconsistent)}. */
int sh_lic_app_verify(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* licence_correct.c: after an inconsistent verification the business itself reports the correction done:
 * body {note (what was corrected, 2-500)}; the township or county confirms it or returns it: body {accept:
 * true|false, note (required to return)}; a returned one is corrected and reported again. Each moves only
 * from the state it expects; the business is told of the review (licence.correct_confirmed / _returned). */
int sh_lic_app_correct(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
int sh_lic_app_correct_review(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* {items, total}: JY licences of open businesses in the actor's reach ending within licence_expiry_days
 * (today included), soonest first: [{entity_id, name, licence_no, valid_until, days_left, division_name}]. */
int sh_lic_expiring(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err);
/* Marks the issued applications whose verification passed its day unrecorded; *ret_n marked now. */
int sh_lic_sweep_overdue(sh_db *db, const char *today, int *ret_n, sh_err *err);

#endif
