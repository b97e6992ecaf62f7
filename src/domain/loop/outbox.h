/* The outbox: pushes waiting for a gateway (SMS, WeChat) to take them. The domain adds items inside
 * its own transaction, so a push exists exactly when the change it announces was committed; a
 * gateway (an admin or county API token) lists the pending ones oldest first and acknowledges each.
 * Topics: hazard.created (a confirmed video alert or a problem found on an online patrol became a
 * rectification order) and hazard.overdue (such an order ran past its deadline). */
#ifndef SH_OUTBOX_H
#define SH_OUTBOX_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"

/* Appends an item (payload not stolen) inside the caller's transaction. entity_id 0: none. */
int sh_outbox_add(sh_db *db, int64_t entity_id, const char *topic, json_t *payload, int64_t *ret_id, sh_err *err);

/* Appends a hazard push for rectification order `order_id` inside the caller's transaction, when the
 * order came from a video alert or an online patrol (other orders: nothing, 0). The payload is what a
 * gateway needs to write an SMS or WeChat message: {topic, order_id, source_type, source_id,
 * alert_id, patrol_id, entity_id, entity_name, phone (legal representative's, else the food safety
 * officer's), title, requirement, deadline, violation, camera_name, snapshot_id, snapshot_path,
 * message (ready Chinese text)}. */
int sh_outbox_hazard(sh_db *db, const char *topic, int64_t order_id, sh_err *err);

/* Pending items with id > after, oldest first, at most limit (1-500), within the jurisdiction
 * (admin and county only): {items:[{id, topic, entity_id, payload, attempts, created_at}], next_after}. */
int sh_outbox_list(sh_db *db, const sh_principal *actor, int64_t after, int limit, json_t **ret, sh_err *err);

/* A gateway's acknowledgement: delivered marks the item delivered (idempotent: a second ack
 * changes nothing); !delivered counts a failed attempt and leaves it pending. Audited.
 * *ret: the item as listed, with delivered_at. */
int sh_outbox_ack(sh_db *db, const sh_principal *actor, int64_t id, int delivered, const char *error, json_t **ret,
                  sh_err *err);

#endif
