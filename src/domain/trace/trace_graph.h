/* Tracing a lot through the captured events (issue 12; db/061): forward, everything downstream of it
 * (the recall list), and backward, everything upstream. A walk follows shipments (the destination and
 * source parties), transformations (inputs to outputs and back) and aggregations (a lot into its pallet
 * forward, a pallet to its contents backward). Events an errorDeclaration corrected are left out. It
 * knows nothing of who asks: its callers check the caller (officials, the public page, a recall). */
#ifndef SH_TRACE_GRAPH_H
#define SH_TRACE_GRAPH_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* Identifiers visited at most: a walk that reaches it stops and says it was cut short. */
#define SH_TRACE_MAX_EPCS 20000

typedef enum { SH_TRACE_FORWARD, SH_TRACE_BACKWARD } sh_trace_dir;

/* Walks from epc, held at first by holder_entity (0: whoever captured the earliest event naming it).
 * *ret {epc, direction, holder_id, parties:[{entity_id|null, party, tier, quantity|null, uom|null,
 * via_event, at}], events:[{id, event_id, event_type, action, biz_step, event_time, event_time_ms,
 * entity_id|null, epcs:[…]}], epcs_visited, truncated}. A party is a registry business (entity_id) or
 * the URI an event gave; tier 1 is one shipment away from the holder. Events are in time order. */
int sh_trace_walk(sh_db *db, const char *epc, int64_t holder_entity, sh_trace_dir dir, json_t **ret, sh_err *err);

/* Whether text is an identifier the events may name (urn:epc:… or urn:shian:…, printable, at most 200
 * bytes): what a trace query or a code's epc must be. */
int sh_trace_epc_valid(const char *text);

#endif
