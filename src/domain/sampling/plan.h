/* Annual sampling plans (issue 11 "Plans"; db/042 sampling_plans, sampling_plan_items): a plan of one
 * kind (supervision 监督抽检, evaluation 评价性抽检, monitoring 风险监测) for a county or one of its
 * townships, sized by population (batches per 1 000 residents, the setting sampling_batches_per_1000);
 * its items (so many batches of a food category, in a township, in a month, for these analytes, drawn
 * at random, at sentinel points the official names, or targeted); a proposed split of the target by
 * township and food category; the random draw of businesses and samplers for an item (the double
 * random draw of domain/supervision/draw.h, seed recorded in draws), which creates the sample tasks;
 * and progress against the plan.
 *
 * Who: county officials and the administrator plan and draw; a township official sees the plans that
 * concern its township (its own, or its county's) with the items of its township and the progress of
 * its businesses; samplers see plans and progress; anyone else is refused (403). A plan of another
 * jurisdiction answers exactly as a missing one (404). */
#ifndef SH_SAMPLING_PLAN_H
#define SH_SAMPLING_PLAN_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

/* ---- pure ---- */

/* Batches a plan must sample: ceil(population × per_thousand / 1000) (123 456 × 4 → 494). */
int64_t sh_plan_target(int64_t population, double per_thousand);

/* Splits total into n shares in proportion to weights (each >= 0) by the largest-remainder method
 * (Hamilton): each share is its quota rounded down, and the units left go one each to the largest
 * remainders (ties: the larger weight, then the earlier index). The shares always sum to total; all
 * weights 0 split evenly. Exact integer arithmetic (total × weight must fit in 64 bits). */
void sh_split_largest_remainder(const int64_t *weights, size_t n, int64_t total, int64_t *out);

/* Weight of a business in the split by its risk grade ("A".."D", NULL ungraded): A, B and ungraded 1,
 * C 2, D 3. */
int sh_plan_grade_weight(const char *grade);
/* Weight of a (township, food category) cell: its businesses' grade weights times (2 + its past
 * failures), so that each failure there adds half again. */
int64_t sh_plan_cell_weight(int64_t business_weight, int64_t failures);

/* ---- roles ---- */

/* County officials and the administrator: create plans, add items, split, draw. */
int sh_plan_may_plan(const sh_principal *actor);
/* Those who may read plans and progress: planners, township officials, samplers. */
int sh_plan_may_read(const sh_principal *actor);

/* ---- plans ---- */

/* body {year, kind, name, division_code (the county's or a township's, in the actor's jurisdiction),
 * population, per_thousand? (default: the setting)}; audited. */
int sh_plan_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err);
/* {id, year, kind, name, division_code, division_name, population, per_thousand, target, items_target,
 * assigned, done, created_at, items:[{id, food_category, food_category_name, township_code,
 * township_name, month, target, analytes, mode, proposal_id, assigned, done}]}; a township official
 * gets its township's items only. */
int sh_plan_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* Plans of a year (0: every year) the actor may see, newest first: {items:[{id, year, kind, name,
 * division_code, division_name, population, per_thousand, target, done}]}; done counts the samples
 * taken at businesses in the actor's jurisdiction. */
int sh_plans_list(sh_db *db, const sh_principal *actor, int year, json_t **ret, sh_err *err);

/* Adds an item: body {food_category, township_code?, month?, target, analytes:[codes], mode?}
 * (mode random by default). _in_tx: inside the caller's transaction, with the public proposal it comes
 * from (0: none); both audited. */
int sh_plan_item_add(sh_db *db, const sh_principal *actor, int64_t plan_id, json_t *body, int64_t *ret_id, sh_err *err);
int sh_plan_item_add_in_tx(sh_db *db, const sh_principal *actor, int64_t plan_id, json_t *body, int64_t proposal_id,
                           int64_t *ret_id, sh_err *err);

/* The proposed split of the plan's target by township and food category (categories: a comma-separated
 * list of category codes, NULL: the top-level categories), weighted by the candidate businesses and
 * their grades and by failures of the plan's year and the two before (sh_plan_cell_weight): {plan_id,
 * target, categories:[{food_category, name, failures, target}], townships:[{township_code, name,
 * businesses, grade_c, grade_d, business_weight, failures, target}], cells:[{township_code,
 * food_category, failures, weight, target}]}; every list sums to target. Nothing is stored. */
int sh_plan_split(sh_db *db, const sh_principal *actor, int64_t plan_id, const char *categories, json_t **ret, sh_err *err);

/* Draws businesses and samplers for an item and creates one sample task per drawn business, all or
 * nothing: body {count, samplers?:[user ids] (default: the active samplers of the plan's
 * jurisdiction), team_size? (2), seed?, kinds?:[business kinds] (default: those that make or sell
 * food), entity_ids?:[ids] (mode sentinel: the points the official names, in that order; required
 * there, refused otherwise)}. Candidates: active businesses of those kinds in the item's township (or
 * the plan's division) without a task of this item yet. *ret {draw_id, seed, plan_id, item_id,
 * candidates, requested, drawn, shortfall, result:[{entity_id, entity_name, samplers, sample_id}]};
 * GET /draws/:id/verify replays it. */
int sh_plan_draw(sh_db *db, const sh_principal *actor, int64_t plan_id, int64_t item_id, json_t *body, json_t **ret,
                 sh_err *err);

/* Done against target by food category, by township and by month: {plan_id, target, items_target,
 * assigned, done, by_category:[{food_category, name, target, done}], by_township:[{township_code, name,
 * target, done}], by_month:[{month (null: any month), target, done}]}. A sample is done once taken
 * (status other than assigned, refused, cancelled); months are those of sampled_on. */
int sh_plan_progress(sh_db *db, const sh_principal *actor, int64_t plan_id, json_t **ret, sh_err *err);

/* The plan's kind and division when the actor may see it (SH_ENOTFOUND naming field otherwise). */
int sh_plan_load(sh_db *db, const sh_principal *actor, int64_t plan_id, const char *field, char kind[16], char division[13],
                 sh_err *err);

#endif
