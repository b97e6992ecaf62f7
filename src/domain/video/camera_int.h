/* Private to the camera files: the columns every camera query selects and their JSON. */
#ifndef SH_CAMERA_INT_H
#define SH_CAMERA_INT_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

#define CAM_COLS                                                                                                      \
    "c.id, c.entity_id, e.name, c.name, c.area, a.label, c.stream_url,"                                               \
    " (c.stream_user IS NOT NULL OR c.stream_secret IS NOT NULL), c.device_id, c.schedule, c.zones, c.rules,"        \
    " c.enabled, c.last_heartbeat_at, c.offline_since, c.last_snapshot_id, c.health, c.created_at, c.updated_at,"    \
    " substr(e.division_code, 1, 9) || '000', t.name"
#define CAM_NCOLS 21
#define CAM_FROM                                                                                                      \
    " FROM cameras c JOIN entities e ON e.id = c.entity_id JOIN camera_areas a ON a.code = c.area"                   \
    " LEFT JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000'"

/* The camera JSON of a row of CAM_COLS; online when enabled and heard from since `online_from`. */
json_t *sh_camera_row_json(sh_stmt *st, int64_t online_from);
/* Parses stored JSON text; `fallback` (a new empty array or null) when it does not parse. */
json_t *sh_camera_json_text(const char *text, json_t *fallback);

#endif
