/* Observations from every AI source (shian-vision, third-party AI boxes, Hikvision ISAPI pushes)
 * and the rules that turn them into alerts: label → violation (label_map), the violation's rule
 * (alert_rules) against the camera's rules, zones and working hours, and a cooldown that merges a
 * burst into one alert, pending until present for the rule's minimum duration. */
#ifndef SH_OBSERVE_H
#define SH_OBSERVE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/civil.h"
#include "domain/base/principal.h"

#define SH_OBS_FUTURE_MS (5 * 60 * 1000LL)          /* observed_at at most this far ahead of the server */
#define SH_OBS_PAST_MS (7 * 24 * 3600 * 1000LL)     /* nor older than this */
#define SH_OBS_MAX_SNAPSHOT_DEFAULT (2 * 1024 * 1024) /* setting max_snapshot_bytes when absent */

/* One observation as a source reports it; strings are borrowed. */
typedef struct sh_observation_in {
    int64_t camera_id;               /* the camera, or 0 to find it by device_id */
    const char *device_id;
    int64_t observed_at;             /* epoch ms */
    const char *label;               /* the source's label or event type (1..64 characters) */
    double score;                    /* 0..1 */
    int has_box;
    double box[4];                   /* x, y, w, h in 0..1 of the picture */
    int night;                       /* the picture was grey (infrared): the rule's night_min_score applies */
    const char *idempotency_key;     /* 1..128 printable characters, unique per source and caller */
    const char *source;              /* shian_vision, ai_box, hikvision */
    const unsigned char *snapshot;   /* JPEG or PNG, NULL when none */
    size_t snapshot_len;
} sh_observation_in;

/* Fills *in from the JSON form {camera_id | device_id, observed_at (epoch ms or ISO 8601), label,
 * score, box?, night? (boolean), idempotency_key, source? (ai_box or shian_vision)}; strings stay owned by o. Checks types (sh_observe
 * checks values); SH_EINVAL naming the field. snapshot_base64 is left to the caller. */
int sh_observation_from_json(const json_t *o, sh_observation_in *in, sh_err *err);

/* Checks the values of *in without storage: source, label, score, box, key, camera reference,
 * observed_at within [now − 7 days, now + 5 min], the snapshot a complete JPEG/PNG of at most
 * max_snapshot bytes (SH_ETOOBIG beyond). SH_EINVAL naming the field. */
int sh_observation_check(const sh_observation_in *in, int64_t now_ms, size_t max_snapshot, sh_err *err);

/* Validates one observation, applies the rules and stores in one transaction: the snapshot (an
 * attachment owned by the observation), the observation with its outcome, the alert it opens or
 * merges into, and the camera's last_heartbeat_at / last_snapshot_id. The camera must be enabled
 * and in the actor's jurisdiction (SH_ENOTFOUND otherwise); businesses may not report
 * (SH_EPERM). A key already used by this source and caller stores nothing and returns the stored
 * observation with *ret_duplicate = 1. *ret = {"observation": {...}, "alert": {...} | null}. */
int sh_observe(sh_db *db, const sh_principal *actor, const char *files_dir, const sh_observation_in *in, int64_t now_ms,
               json_t **ret, int *ret_duplicate, sh_err *err);

/* A camera's observations, newest first (observe_list.c), for the officials of its jurisdiction:
 * {id, observed_at, source, label, violation, score, box, snapshot_id, alert_id, outcome, idempotency_key}; *ret_next is
 * the cursor (an id) of the next page, 0 at the end. */
int sh_observations_list(sh_db *db, const sh_principal *actor, int64_t camera_id, int64_t before_id, int limit,
                         json_t **ret_items, int64_t *ret_next, sh_err *err);
/* The camera's posted pictures, newest first: {id (an attachment), created_at, width, height}. */
int sh_camera_pictures(sh_db *db, const sh_principal *actor, int64_t camera_id, int64_t before_id, int limit,
                       json_t **ret_items, int64_t *ret_next, sh_err *err);

#endif
