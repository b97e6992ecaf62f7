/* What follows a failed sample (SAMR Order 15; Food Safety Law Art 88; DOMAIN.md "Sampling and
 * testing"): the failure notice and its receipt, the re-test (复检: requested within 7 wd of receipt,
 * decided within the setting's working days, a lab other than the first drawn at random, its report
 * in 10 wd and final), objections (异议) on the process and on the judgement, disposal of the food,
 * follow-up (rectification through the shared loop, re-sampling, case or 协查 referral), and the
 * publication of results. Risk monitoring (监测) carries no re-test right. */
#ifndef SH_SAMPLING_FAILURE_H
#define SH_SAMPLING_FAILURE_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

/* An official records the notice sent (body {sent_on?, received_on?: when served on the spot or
 * electronically}); the business acknowledges receipt (body {}): retest_due = receipt + 7 wd. */
int sh_sample_notice(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err);

/* The business asks for a re-test: body {reason}. Refused at once for risk monitoring, a pass, or
 * a second request; a request after retest_due is recorded as late (lateness is judged on the day
 * the bureau receives it). A rapid test's request is late 4 hours after its result. */
int sh_sample_retest_request(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err);
/* An official decides: body {accept: true} draws the re-test lab at random among the active labs
 * other than the first (never a rapid station; seed recorded); {accept: false, ground, note}
 * refuses on one of the five grounds (microbial, backup_expired, late, no_purpose, other), each
 * checked against the sample; the fail then stands. */
int sh_sample_retest_decide(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err);
/* The re-test lab's results (round 2): body {results, reported_on?}; final. A pass overturns the
 * failure (the business is regraded). */
int sh_sample_retest_report(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);

/* The business objects: body {kind: process|judgement, text}; process within 7 wd of sampling,
 * judgement within 7 wd of receiving the notice. An official answers: body {upheld, answer}. */
int sh_sample_objection_file(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, int64_t *ret_id, sh_err *err);
int sh_sample_objection_decide(sh_db *db, const sh_principal *actor, int64_t id, int64_t objection_id, json_t *body,
                               sh_err *err);

/* Disposal of the failed food: body {action: seal|stop_sale|recall|destroy, quantity, unit, done_on?, note?}. */
int sh_sample_disposal_add(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, int64_t *ret_id, sh_err *err);
/* Follow-up: body {action: rectification (requirement?) | resample (samplers) | case (target, note) |
 * cross_area (target, note)}. The first marks the follow-up done. *ret {id, ref_id?}. */
int sh_sample_followup_add(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);

/* The sweep: a failure whose re-test time (retest_due) passed on `today` without a request becomes
 * final. *ret_count = how many. */
int sh_samples_finalize(sh_db *db, const char *today, int *ret_count, sh_err *err);

/* Publishes a reported sample in the 抽检信息公告 (county and township officials). */
int sh_sample_publish(sh_db *db, const sh_principal *actor, int64_t id, sh_err *err);
/* The published results, newest first, anyone: the legal fields of the announcement. verdict
 * filters pass|fail (NULL both); q the business or product. {items, total}. */
int sh_samples_public(sh_db *db, const char *verdict, const char *q, int limit, int64_t offset, json_t **ret, sh_err *err);
/* The same announcement's entries of one business, newest first (the public shop page). */
int sh_samples_public_of(sh_db *db, int64_t entity_id, int limit, json_t **ret, sh_err *err);

#endif
