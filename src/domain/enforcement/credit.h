/* The local red and black lists (红黑榜) of businesses, government units and staff, the joint-punishment
 * flags of a business, and summons (约谈) (issue 13 "Credit"; db/055). */
#ifndef SH_ENFORCEMENT_CREDIT_H
#define SH_ENFORCEMENT_CREDIT_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

/* The county (or admin) lists: body {list_kind: red | black, subject_kind: business | unit | staff,
 * entity_id? (a business) | subject_name + division_code, reason (4-500), from_on? (today), until_on
 * (after from_on, within 5 years)}. *ret the entry. */
int sh_honour_add(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
/* Ends an entry early: body {note}. */
int sh_honour_remove(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* Officials: a page of the entries of their jurisdiction (current: in force today), the newest first. {items, total}. */
int sh_honour_list(sh_db *db, const sh_principal *actor, const char *list_kind, int current, const sh_page *page, json_t **ret, sh_err *err);
/* Anyone: a page of the entries in force today (of one list, or red first); a black entry of a member of staff is
 * not public. {items, total}. */
int sh_honour_public(sh_db *db, const char *list_kind, const sh_page *page, json_t **ret, sh_err *err);

/* The flags that follow a business wherever it appears: {flags:[{kind: serious_dishonesty | abnormal | black_list,
 * label, reason, until}], red:[{reason, until}]}. No check of the actor: the caller's (entity scope or
 * public page). */
int sh_credit_flags(sh_db *db, int64_t entity_id, json_t **ret, sh_err *err);

/* Summons (约谈) of a business in the actor's jurisdiction: body {entity_id, held_on? (today), attendees,
 * reason, record, follow_up_days? (15 working days)}; a follow-up {note} once; a page of the list of a
 * business or of the jurisdiction, the open follow-ups first ({items, total}). */
int sh_summons_add(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
int sh_summons_follow_up(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
int sh_summons_list(sh_db *db, const sh_principal *actor, int64_t entity_id, const sh_page *page, json_t **ret, sh_err *err);

/* 经营异常名录 (db/058), kept by the county: body {entity_id, reason: annual_report | disclosure | false_info |
 * unreachable, decision_no, facts, listed_on? (today, not later)}; one open listing per business and reason.
 * Removal once the reason is cured: body {note}. The list of the jurisdiction, open ones first (current:
 * open only), each with serious_from (3 years after listing) and qualifies_serious. */
int sh_abnormal_add(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
int sh_abnormal_remove(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
int sh_abnormal_list(sh_db *db, const sh_principal *actor, int current, int64_t entity_id, const sh_page *page, json_t **ret, sh_err *err);
/* The Chinese of a listing reason; NULL for an unknown one. */
const char *sh_abnormal_reason_zh(const char *reason);

#endif
