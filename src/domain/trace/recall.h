/* Recalls of a lot (issue 12; db/062; 食品召回管理办法 Art 13): the recall list is everyone downstream of
 * the lot from the events (trace_graph.h), by tier; each business on it is told through the outbox when
 * the recall starts and confirms that it stopped selling and what it returned. Level 1 starts within 24
 * hours of learning of the risk and completes within 10 working days, level 2 48 hours and 20, level 3
 * 72 hours and 30, on the bureau's calendar. Seen by the officials of the producer's jurisdiction, the
 * producer, and each business on the list (its own row only). */
#ifndef SH_TRACE_RECALL_H
#define SH_TRACE_RECALL_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

/* body {epc | code (a trace code) | sample_id alone (the code of the sampled batch), entity_id? (the producer: the code's maker, or the first holder),
 * level: 1 | 2 | 3, reason (4-500), sample_id?, learned_at? (epoch ms, not in the future; now)}. The
 * producer itself (主动召回) or an official of its jurisdiction (责令召回). *ret the recall as
 * sh_recall_get gives it. */
int sh_recall_start(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
/* {recall {id, epc, product, entity_id, entity_name, level, reason, sample_id, learned_at, start_due,
 * started_at, started_late, complete_due, workdays_left, overdue, status, closed_on}, targets:[{id,
 * entity_id, party, name, township, contact?, tier, quantity, uom, via_event, notified_at, confirmed_on,
 * returned, note}], progress {targets, confirmed, shipped, returned}}. contact only for officials and the
 * producer; a business on the list sees its own row. */
int sh_recall_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* A page of the recalls the actor sees, open ones first. {items, total}. */
int sh_recalls_list(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err);
/* A business on the list (itself), the producer or an official confirms a target once: body {returned?
 * (≥ 0), note (2-500)}. */
int sh_recall_confirm(sh_db *db, const sh_principal *actor, int64_t recall_id, int64_t target_id, json_t *body, json_t **ret,
                      sh_err *err);
/* The producer or an official closes it once every target confirmed: body {note}. */
int sh_recall_close(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);

/* Hours to start and working days to complete a recall of level (1-3); 0 for another level. */
int sh_recall_start_hours(int level);
int sh_recall_complete_workdays(int level);

#endif
