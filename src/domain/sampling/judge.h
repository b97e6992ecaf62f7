/* Judging a sample's test results against the limits (limits.h): for each analyte the limit of the
 * most specific category on the sample's path that has one, or the product's declared standard where
 * that is stricter; the verdict cites the clause it rests on. Comparison is on the full value (GB/T
 * 8170 全数值比较法): a result equal to the limit passes. */
#ifndef SH_SAMPLING_JUDGE_H
#define SH_SAMPLING_JUDGE_H

#include <jansson.h>

#include "domain/sampling/limits.h"

/* One result against one limit. result: {value, unit} for a level; {detected: false} for 未检出;
 * {values: [n numbers], unit} for a microbial plan. field prefixes the fields errors name
 * ("results[2]"). *ret: {verdict: pass|fail, basis: the sentence citing the clause}. SH_EINVAL naming
 * the field for a missing value, a unit that does not convert, or a plan with the wrong count. */
int sh_judge_one(const sh_limit *limit, json_t *result, const char *field, json_t **ret, sh_err *err);

/* A whole sample: body {food_category, results:[{analyte, …as above}], declared?:[{analyte, value, unit,
 * standard}]}. *ret: {food_category, food_category_name, verdict (fail when any item fails), items:
 * [{analyte, analyte_name, verdict, basis, limit:{kind, value, unit, n, c, m, M, standard, clause,
 * food_category, residue_definition}}]}. Nothing is stored. */
int sh_sampling_judge(sh_db *db, json_t *body, json_t **ret, sh_err *err);

#endif
