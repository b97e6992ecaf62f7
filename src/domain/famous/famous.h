/* 名特优 small food workshops (issue 17; db/077): recognition against criteria, reviewed and decided.
 *
 * The criteria are data (data/famous/criteria.csv, criteria.c): those the records can answer are
 * evaluated from them (registration age, operation, failed samples and penalties of the last months,
 * risk grade, catalogue products, a food-safety officer), each with its evidence; the others are
 * recorded by the township's reviewer. A workshop's own account applies, or an official of its
 * jurisdiction nominates it; the township forwards or rejects; the county recognises (every criterion
 * met, evaluated again at that moment and kept) or refuses with a reason. A recognition lasts
 * famous_valid_years and is revoked by the system when a final failed sample or a decided penalty of
 * the workshop arrives later (revoke.c), or by the county with a reason.
 *
 * Access: officials see the records of their jurisdiction's workshops, a business its own; an id outside
 * answers as a missing one. */
#ifndef SH_FAMOUS_H
#define SH_FAMOUS_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

/* criteria.c: the criteria as shipped, [{code, kind, label, source}]. */
json_t *sh_famous_criteria(void);
/* Evaluates every criterion for workshop entity_id on today: {items: [{code, kind, label, pass (true,
 * false, or null: a manual one not recorded), evidence}], passed, failed, pending, all_passed}.
 * manual: {code: {pass, note}} as the reviewer recorded it (NULL: none). No access check. */
int sh_famous_evaluate(sh_db *db, int64_t entity_id, json_t *manual, json_t **ret, sh_err *err);

/* famous.c */
/* body {entity_id, statement}: a business for itself (applied), an official of its jurisdiction
 * (nominated). One open or valid record a workshop. */
int sh_famous_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
/* The record with its live evaluation (the kept one once decided) and its events. */
int sh_famous_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
typedef struct sh_famous_filter {
    const char *status; /* NULL any; "valid": recognised and within its period */
    int64_t entity_id;
} sh_famous_filter;
int sh_famous_list(sh_db *db, const sh_principal *actor, const sh_famous_filter *f, const sh_page *page, json_t **ret, sh_err *err);
/* The recognition a workshop shows today on its public page: {recognised_on, valid_until} or JSON null. */
int sh_famous_public_of(sh_db *db, int64_t entity_id, json_t **ret, sh_err *err);
/* The public list of valid recognitions {items:[{entity_id, name, address, division_name, recognised_on,
 * valid_until}], total}, optionally in one township. */
int sh_famous_public_list(sh_db *db, const char *division_code, const sh_page *page, json_t **ret, sh_err *err);

/* steps.c */
/* Township or county: body {decision: forward|reject, note, manual: {code: {pass, note}}}; every manual
 * criterion must be recorded to forward, a note is required to reject. From submitted. */
int sh_famous_review(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* County: body {decision: recognise|refuse, note}; recognise only when every criterion passes now. From
 * forwarded. */
int sh_famous_decide(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* County: body {reason}; from recognised. */
int sh_famous_revoke(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* One move from status `from` to `to` with its event and audit entry, inside the caller's transaction;
 * SH_EINVAL naming "status" when the record is not in `from`. */
int sh_famous_move(sh_db *db, const sh_principal *actor, int64_t id, const char *from, const char *to, const char *action,
                   const char *source_kind, int64_t source_id, const char *note, sh_err *err);
/* Appends an event row. */
int sh_famous_event(sh_db *db, const sh_principal *actor, int64_t id, const char *action, const char *source_kind, int64_t source_id,
                    const char *note, sh_err *err);

/* revoke.c: listeners, inside the transaction of the event, as the system. */
int sh_famous_revoke_by_samples(sh_db *db, int64_t entity_id, sh_err *err);
int sh_famous_revoke_by_case(sh_db *db, int64_t case_id, int64_t entity_id, sh_err *err);
/* hooks.c: once from sh_domain_init. */
int sh_famous_register_hooks(void);

#endif
