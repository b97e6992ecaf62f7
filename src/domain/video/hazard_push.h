/* Video hazards pushed to the business's phone through the outbox: a confirmed alert or a problem
 * found on an online patrol that became a rectification order (hazard.created), and such an order
 * run past its deadline (hazard.overdue, from the escalation hook registered in video/hooks.c). */
#ifndef SH_HAZARD_PUSH_H
#define SH_HAZARD_PUSH_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* Appends a hazard push for rectification order `order_id` inside the caller's transaction, when the
 * order came from a video alert or an online patrol (other orders: nothing, 0). The payload is what a
 * gateway needs to write an SMS or WeChat message: {topic, order_id, source_type, source_id,
 * alert_id, patrol_id, entity_id, entity_name, phone (legal representative's, else the food safety
 * officer's), title, requirement, deadline, violation, camera_name, snapshot_id, snapshot_path,
 * message (ready Chinese text)}. */
int sh_hazard_push(sh_db *db, const char *topic, int64_t order_id, sh_err *err);

#endif
