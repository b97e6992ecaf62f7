/* What the files of domain/enforcement share: the loaded case, who may see and act, the step log,
 * the numbers. */
#ifndef SH_ENFORCEMENT_INT_H
#define SH_ENFORCEMENT_INT_H

#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

#define CS_VERIFY_WD 15         /* a clue → filed or not (处罚程序规定 Art 18), +15 once */
#define CS_DECIDE_DAYS 90       /* filing → decision (Art 64), +30 with approval */
#define CS_EXTEND_DAYS 30
#define CS_REPRESENT_WD 5       /* the notice → representations or a hearing request */
#define CS_PAY_DAYS 15          /* service → payment (行政处罚法 Art 67) */
#define CS_BASIS "市场监督管理行政处罚程序规定"

typedef struct cs_row {
    int64_t id, entity_id, handler_id, fine_yuan;
    char procedure[8], status[12], division_code[13], party_kind[14];
    char clue_on[11], verify_due[11], filed_on[11], decision_due[11], notified_on[11], representation_due[11];
    char decided_on[11], served_on[11], payment_due[11], legal_review_on[11], extension[12];
    char outcome[12], penalty[200], publish_due[11], published_on[11], overturned_on[11], withdraw_due[11], withdrawn_on[11];
    char repair_applied_on[11], repaired_on[11];
    char violation_code[24], circumstance[10], listing_notified_on[11], listing_answer_due[11];
    int64_t listing_id;
    char hearing_requested_on[11], hearing_on[11], hearing_held_on[11], enforcement_applied_on[11];
    int verify_extended;
} cs_row;

/* Officials who see cases by division (admin, county, township); an inspector sees those it handles. */
int cs_may_see_cases(const sh_principal *actor);
/* Loads a case the actor may see; SH_ENOTFOUND otherwise. */
int cs_load(sh_db *db, const sh_principal *actor, int64_t id, cs_row *out, sh_err *err);
/* Appends a step; due NULL or "": no deadline; late when done_on is after it. */
int cs_log_step(sh_db *db, const sh_principal *actor, int64_t id, const char *step, const char *note, const char *due,
                const char *done_on, sh_err *err);
/* The next number of kind in year, inside the caller's transaction: "<prefix>市监<word>〔year〕N号". */
int cs_number_next(sh_db *db, const char *kind, const char *word, int year, char out[64], sh_err *err);
/* The decision deadline: 90 days (+30 when extended) after filing, the case's pauses not counted. */
int cs_decision_due(sh_db *db, int64_t id, const char *filed_on, int extended, char out[11], sh_err *err);

/* Until when a penalty published on `from` is shown: 3 months for a warning or a fine below the
 * setting credit_small_fine (nothing heavier), else 3 years; returns 1 for the short period. */
int cs_publish_until(sh_db *db, const char *penalty_json, int64_t fine, const char *from, char out[11]);
/* 0 when the published penalty r may be repaired today (published a year, performed, the harm removed
 * as the official attests, not repeated, not on the serious-dishonesty list, not a suspension or a
 * revocation); else the condition that fails, in the message. */
int cs_repair_check(sh_db *db, const cs_row *r, const char *today, int harm_removed, sh_err *err);
/* Serious-dishonesty listing (listing.c): whether the case's penalty qualifies (a listable violation by
 * its benchmark, and a heavier penalty: the heavy circumstance, a suspension or a revocation; a
 * business); the listing for 3 years from today; its early removal (a year listed, the penalty
 * performed). */
int cs_listing_check(sh_db *db, const cs_row *r, sh_err *err);
int cs_listing_add(sh_db *db, const cs_row *r, const char *today, const char *reason, int64_t *ret_id, sh_err *err);
int cs_listing_remove(sh_db *db, const cs_row *r, sh_err *err);
#define CS_PUBLISH_WD 20  /* the decision → published */
#define CS_WITHDRAW_WD 3  /* overturned → withdrawn */

/* Whether the actor is the business a case was brought against and the document was issued to it (party.c). */
int cs_party_sees_document(sh_db *db, const sh_principal *actor, int64_t document_id);

#endif
