/* 包保 responsibility as the seeds run it (Pingyi's 双包保): a business answers to several officials
 * at once, one per level (county, township, village — the level is the official's role). Each
 * official signs a pledge (承诺书) for the business and works from three lists: 问题清单 (problems
 * found), 责任清单 (their responsibilities, from the county's template for their level) and 整改清单
 * (the business's rectification orders, read from the loop). Completion ("3 × 100 %": archives
 * complete, every business assigned, visits made as often as each level requires) is counted per
 * assignment, so per official, per level and per township. */
#ifndef SH_DUTY_H
#define SH_DUTY_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/rows.h"

/* Level bits of the officials in charge of a business. */
enum { SH_DUTY_COUNTY = 1, SH_DUTY_TOWNSHIP = 2, SH_DUTY_VILLAGE = 4 };

/* The level a business still lacks by the rule "higher-risk businesses to higher levels" (DOMAIN.md,
 * Responsibility): grade D needs a county official, grade C a county or township one, every business
 * at least one official. NULL when the officials in charge (mask of SH_DUTY_*) satisfy it, else
 * "county", "township" or "any". */
const char *sh_duty_missing_level(const char *grade, unsigned mask);
/* Bit of a level name, 0 for none. */
unsigned sh_duty_level_bit(const char *level);
const char *sh_duty_level_zh(const char *level);

/* {entity_id, user_id, replace?, pledge_signed?}: puts the official in charge at their level (audited)
 * and gives them their level's responsibilities. One official per level: a level already held is
 * refused (409, field user_id) unless replace is true, which ends the predecessor's assignment.
 * A grade D business takes a township or village official only once it has a county one, grade C a
 * village official only after a county or township one. pledge_signed: true signs the pledge in the
 * same step, which only the official themselves may do. */
int sh_duty_assign(sh_db *db, const sh_principal *actor, json_t *body, sh_err *err);
/* Assignments in force in the jurisdiction (or of one official), one row per official and business,
 * the latest first, a page at a time: *ret = {items, total}. */
int sh_duty_list(sh_db *db, const sh_principal *actor, int64_t user_id, const sh_page *page, json_t **ret, sh_err *err);
/* An official in charge records a visit: {entity_id, visited_on?, findings, problem?}; a problem
 * opens a rectification order and enters the problem list linked to it. */
int sh_duty_visit(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err);
/* Completion for the period containing `today`: per township the three rates, per level and per
 * official the visits. */
int sh_duty_completion(sh_db *db, const sh_principal *actor, const char *today, json_t **ret, sh_err *err);
/* Active businesses missing a level the rule requires (no official at all, or below their grade's
 * level), each with the level it lacks: one page of them and how many there are ({items, total}). */
int sh_duty_unassigned(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err);

/* duty_pledge.c — the pledge signed by the official of an assignment (their own only); one
 * signature per template version (409, field pledge, when signed). */
int sh_duty_pledge_sign(sh_db *db, const sh_principal *actor, int64_t assignment_id, json_t **ret, sh_err *err);
/* Inside the caller's transaction: the pledge of the current template for an assignment. */
int sh_duty_pledge_insert(sh_db *db, const sh_principal *actor, int64_t assignment_id, json_t **ret, sh_err *err);

/* duty_lists.c — a business's 包保 file: officials by level with their pledges, the pledge template,
 * the three lists. Officials of its jurisdiction and the business itself (read-only) see it; others
 * get SH_ENOTFOUND as for a missing id. */
int sh_duty_entity(sh_db *db, const sh_principal *actor, int64_t entity_id, json_t **ret, sh_err *err);
/* {list: problem|responsibility, text, assignment_id (responsibility), order_id? (problem)}: adds an
 * item (audited). Problems: any official in charge of the place; responsibilities: the county. */
int sh_duty_item_add(sh_db *db, const sh_principal *actor, int64_t entity_id, json_t *body, json_t **ret, sh_err *err);
/* {text?, status?}: problem open|resolved, responsibility active|retired (audited). */
int sh_duty_item_update(sh_db *db, const sh_principal *actor, int64_t item_id, json_t *body, json_t **ret, sh_err *err);
/* Inside the caller's transaction: the responsibilities of the level's template for a new assignment;
 * a problem found on a visit. */
int sh_duty_items_from_template(sh_db *db, int64_t entity_id, int64_t assignment_id, const char *level, sh_err *err);
int sh_duty_problem_insert(sh_db *db, const sh_principal *actor, int64_t entity_id, const char *text, int64_t visit_id,
                           int64_t order_id, int64_t *ret_id, sh_err *err);

/* duty_templates.c — the county's 责任清单 templates, the items a new assignment of each level starts
 * from: {levels: {county: [text…], township: […], village: […]}, updated_at, updated_by_name}. The
 * county and the administrator only (SH_EPERM otherwise). Put takes {level: [text…]} for one or more
 * levels, replaces those levels' items (1..SH_DUTY_TEMPLATE_MAX texts of 2..500 characters, field
 * "township[2]" names a bad one) and is audited; assignments made before keep their items. */
#define SH_DUTY_TEMPLATE_MAX 30
int sh_duty_templates_get(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err);
int sh_duty_templates_put(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);

#endif
