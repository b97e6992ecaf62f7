/* The random draw (双随机) as one mechanism for its users: the inspection draw (inspect.c) and the
 * sampling draw of a plan item (domain/sampling/plan.c). A draw is a pure function of its params and
 * seed (splitmix64, core/rng.h), stored in the table draws with both, so that anyone allowed to see it
 * can replay it: the same params and seed always give the same result, on every machine.
 *
 * params (JSON object), as stored:
 *   purpose     absent or "inspection": the team is drawn from "inspectors", the result names
 *               "inspectors"; "sampling": from "samplers", the result names "samplers"
 *   candidates  [business ids], in id order; shuffled, then the first count are taken ...
 *   fixed       ... unless true: the candidates are taken in the order given (sentinel points the
 *               official named; only the teams are drawn)
 *   count, team_size
 *   conflicts   {"<business id>": [user ids not to send there]} (who went there last: rotation, 回避)
 * Anything else in params (filters, the plan and item of a sampling draw) is kept as a record only. */
#ifndef SH_SUPERVISION_DRAW_H
#define SH_SUPERVISION_DRAW_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

/* The pure draw: *ret = [{entity_id, inspectors|samplers: [user ids]}], at most count entries (fewer
 * when there are fewer candidates). SH_EINVAL naming "team_size" (a sampling draw: "samplers") when a
 * drawn business has fewer than team_size people without a conflict. */
int sh_draw_compute(json_t *params, uint64_t seed, json_t **ret, sh_err *err);

/* A fresh seed from libsodium, below 2^53: it fits the database's signed integer and stays exact as a JSON
 * number read into a double (a browser shows it and sends it back). */
int sh_draw_new_seed(uint64_t *ret_seed, sh_err *err);

/* Records a draw (seed, params, result; the actor as its author) inside the caller's transaction;
 * *ret_id its id, which the tasks it creates carry. Not audited here: the caller audits the draw with
 * what it created. */
int sh_draw_record(sh_db *db, const sh_principal *actor, uint64_t seed, json_t *params, json_t *result, int64_t *ret_id,
                   sh_err *err);

/* Replays a stored draw of either purpose: {draw_id, purpose, seed, reproduced, candidates, result}.
 * Seen by the planners whose jurisdiction covers the draw's author's, never by businesses. */
int sh_draw_verify(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);

#endif
