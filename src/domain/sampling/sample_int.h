/* Shared by the files of a sample's life (sample.c, sample_steps.c, failure.c); not an interface. */
#ifndef SH_SAMPLING_SAMPLE_INT_H
#define SH_SAMPLING_SAMPLE_INT_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

int sh_sample_kind_valid(const char *kind);
int sh_sample_check_samplers(sh_db *db, const int64_t *ids, int n, const char *entity_division, sh_err *err);
int sh_sample_set_samplers(sh_db *db, int64_t id, const int64_t *ids, int n, sh_err *err);
/* Reads a JSON array of at most max user ids into out. */
int sh_sample_ids_from_json(json_t *arr, int64_t *out, int max, int *ret_n, const char *field, sh_err *err);

/* Appends the sample's samplers, results, re-test, objections, disposals and follow-ups. */
int sh_sample_children(sh_db *db, int64_t id, json_t *samplers, json_t *results, json_t *retests, json_t *objections,
                       json_t *disposals, json_t *followups, sh_err *err);

/* A date field of body: required or not; YYYY-MM-DD, not after today and not before not_before
 * (may be NULL); def (today when NULL) when absent and not required. */
int sh_sample_date_field(json_t *body, const char *field, int required, const char *not_before, const char *what_before,
                         char out[11], sh_err *err);

/* Judges results for the sample (its category, its analytes: one result each) and stores them as
 * round `round` by lab_id; *ret_verdict pass or fail, *ret_judged the judgement. */
int sh_sample_judge_store(sh_db *db, const sh_principal *actor, int64_t id, int round, int64_t lab_id, json_t *results,
                          json_t *declared, char ret_verdict[8], json_t **ret_judged, sh_err *err);

/* After a verdict changes (a failure, or a re-test that overturns it): regrade the business and,
 * after repeated failures, put it under strict supervision. */
int sh_sample_after_verdict(sh_db *db, int64_t entity_id, sh_err *err);

#endif
