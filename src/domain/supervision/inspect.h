/* Inspections (SAMR Order 49): the double random draw (双随机), assignment to at least two inspectors,
 * recording every checklist item on site, the result, and rectification orders for failed items. */
#ifndef SH_INSPECT_H
#define SH_INSPECT_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/rows.h"
#include "domain/supervision/draw.h"

/* Draws businesses and inspectors at random and assigns the inspections.
 * params: {count, kind?, township?, inspection_kind? (daily), team_size? (2), due_date?}; seed 0 picks one.
 * The candidate lists, conflicts and seed are stored so that the draw can be replayed. */
int sh_draw_run(sh_db *db, const sh_principal *actor, json_t *params, uint64_t seed, json_t **ret, sh_err *err);
/* Replaying a stored draw (sh_draw_verify) is draw.h: the same for a sampling draw. */

/* Assigns one inspection by hand: {entity_id, kind, inspectors:[user ids, ≥2], due_date?, checklist_id?}
 * (checklist_id: e.g. a campaign's own standard; default: the kind's checklist). */
int sh_inspection_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err);
int sh_inspection_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* A page of inspections, newest first, and how many there are ({items, total}). mine: only those the
 * actor is assigned to. status: assigned|completed|cancelled or NULL. */
int sh_inspections_list(sh_db *db, const sh_principal *actor, int mine, const char *status, int64_t entity_id, const sh_page *page,
                        json_t **ret, sh_err *err);
/* Records items: [{item_id, outcome: pass|fail|na, note, corrected_on_site}] (assigned inspectors only). */
int sh_inspection_record(sh_db *db, const sh_principal *actor, int64_t id, json_t *items, sh_err *err);
/* Checks that the actor may record on this inspection now (assigned inspector, still open);
 * fills its business and checklist. */
int sh_inspection_check_recorder(sh_db *db, const sh_principal *actor, int64_t id, int64_t *ret_entity,
                                 int64_t *ret_checklist, sh_err *err);
/* Completes: every item recorded (except flying inspections), result computed, orders opened, and the
 * written result handed over on site to received_by (the business's person who signed for it). */
int sh_inspection_complete(sh_db *db, const sh_principal *actor, int64_t id, const char *summary, const char *received_by,
                           sh_err *err);
/* The inspected business confirms in its account that it received the written result (once; again is a no-op). */
int sh_inspection_acknowledge(sh_db *db, const sh_principal *actor, int64_t id, sh_err *err);

/* Published results (双随机、一公开), for the public: completed inspections newest first, with no
 * personal data: {items:[{id, entity_name, address, township_name, kind, result, completed_at}], next_cursor}. */
int sh_inspections_public(sh_db *db, const char *q, const char *township, int64_t before_id, int limit, json_t **ret,
                          sh_err *err);

#endif
