/* 包保 responsibility: assignment of each business to an official (county, township or village
 * level by the official's role), duty visits, and completion ("3 × 100 %": archives complete,
 * every business assigned, visits made as often as the level requires). */
#ifndef SH_DUTY_H
#define SH_DUTY_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"

/* {entity_id, user_id, pledge_signed}: replaces the current assignment (audited). Higher-risk
 * businesses go to higher levels: grade D to county officials, C to county or township. */
int sh_duty_assign(sh_db *db, const sh_principal *actor, json_t *body, sh_err *err);
/* Assignments in the jurisdiction (or of one official). */
int sh_duty_list(sh_db *db, const sh_principal *actor, int64_t user_id, json_t **ret, sh_err *err);
/* The responsible official records a visit: {entity_id, visited_on?, findings, problem?}; a problem
 * opens a rectification order. */
int sh_duty_visit(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err);
/* Completion for the period containing `today`: per township the three rates, per official the visits. */
int sh_duty_completion(sh_db *db, const sh_principal *actor, const char *today, json_t **ret, sh_err *err);
/* Active businesses without a responsible official (first 500). */
int sh_duty_unassigned(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err);

#endif
