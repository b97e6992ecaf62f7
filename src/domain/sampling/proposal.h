/* Public proposals (你点我检, issue 11 "Plans"; db/042 sampling_proposals, sampling_proposal_votes):
 * residents propose a food or a place to be tested in their county or township and vote for the
 * proposals of others, without signing in; officials of the division answer each one: adopted as an
 * item of a sampling plan (plan.h), or declined with an answer. A voter is a keyed hash of its
 * address (domain/identity/secret.h), so one address votes once per proposal and the address itself
 * is never stored. */
#ifndef SH_SAMPLING_PROPOSAL_H
#define SH_SAMPLING_PROPOSAL_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

/* Anyone: body {division_code (a county or township), food (1-50 characters), place? (100),
 * reason? (500), proposer? (30)}, food, place and reason without personal data (sh_check_no_personal_data);
 * *ret the proposal as the public sees it. Audited as "public". */
int sh_proposal_create(sh_db *db, json_t *body, json_t **ret, sh_err *err);

/* Anyone, once per proposal and voter (voter: the client's address as text, hashed here): an open
 * proposal gets one more vote; *ret {id, votes}. A second vote is SH_EEXIST (409), a proposal already
 * answered too; an unknown one SH_ENOTFOUND. */
int sh_proposal_vote(sh_db *db, int64_t id, const char *voter, json_t **ret, sh_err *err);

/* The public list: proposals of a division (and the townships under a county; NULL: all) with status
 * (NULL: open), most votes first: {items:[{id, division_code, division_name, food, place, reason,
 * votes, status, answer, created_at}], total}. No names. */
int sh_proposals_public(sh_db *db, const char *division_code, const char *status, int limit, int64_t offset, json_t **ret,
                        sh_err *err);

/* Officials (county, township, admin): the proposals of their jurisdiction, with the proposer's name
 * and the plan item an adopted one became; filters as above (status NULL: every status). */
int sh_proposals_list(sh_db *db, const sh_principal *actor, const char *division_code, const char *status, int limit,
                      int64_t offset, json_t **ret, sh_err *err);

/* A county official adopts an open proposal of its jurisdiction as a plan item: body {plan_id,
 * food_category, target, analytes, township_code? (default: the proposal's township), month?, mode?,
 * answer?}; the item carries proposal_id. *ret {proposal, item_id}. */
int sh_proposal_adopt(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* An official (county, township, admin) declines an open proposal of its jurisdiction: body {answer}
 * (1-500 characters), shown to the public. */
int sh_proposal_decline(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);

#endif
