/* The outbox: pushes waiting for a gateway (SMS, WeChat) to take them. An area adds items inside
 * its own transaction, so a push exists exactly when the change it announces was committed; a
 * gateway (an admin or county API token) lists the pending ones oldest first and acknowledges each.
 * The outbox carries what the area gives it and reads no area's tables; the topics and payloads
 * are the areas' own (video: hazard.created, hazard.overdue in domain/video/hazard_push.h). */
#ifndef SH_OUTBOX_H
#define SH_OUTBOX_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"

/* Appends an item (payload not stolen) inside the caller's transaction. entity_id 0: none. */
int sh_outbox_add(sh_db *db, int64_t entity_id, const char *topic, json_t *payload, int64_t *ret_id, sh_err *err);

/* A sweep's marking: for each item of `items` (objects with an integer "application_id"), runs `mark`
 * (an UPDATE binding 1 the time now, 2 that id, which changes the row only when not yet marked) and,
 * when it changed the row, adds the item to the outbox under `topic` (entity_id 0); *ret_n how many
 * were marked now. Inside the caller's transaction. */
int sh_outbox_mark_each(sh_db *db, const json_t *items, const char *mark, const char *topic, int *ret_n, sh_err *err);

/* Pending items with id > after, oldest first, at most limit (1-500), within the jurisdiction
 * (admin and county only; an item of no business, addressed to a person, to a device token only): {items:[{id, topic, entity_id, payload, attempts, created_at}], next_after}. */
int sh_outbox_list(sh_db *db, const sh_principal *actor, int64_t after, int limit, json_t **ret, sh_err *err);

/* A gateway's acknowledgement: delivered marks the item delivered (idempotent: a second ack
 * changes nothing); !delivered counts a failed attempt and leaves it pending. Audited.
 * *ret: the item as listed, with delivered_at. */
int sh_outbox_ack(sh_db *db, const sh_principal *actor, int64_t id, int delivered, const char *error, json_t **ret,
                  sh_err *err);

#endif
