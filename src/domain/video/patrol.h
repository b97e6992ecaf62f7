/* Online patrols (在线巡查): each week a county, township or village official is given cameras of the
 * jurisdiction drawn at random (setting patrol_cameras_per_week), reproducibly: the seed comes from
 * the official and the week, and the candidate list is kept with the draw so that it can be replayed,
 * as the double random draw is. The official looks at each camera (its newest snapshot or the live
 * picture) and records the outcome; a problem opens a rectification order (source 'patrol', deadline
 * patrol_rectify_days working days) in the business's inbox and a push in the outbox. */
#ifndef SH_PATROL_H
#define SH_PATROL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/base/principal.h"

/* Monday (YYYY-MM-DD) of the week that contains date; SH_EINVAL naming "week" when not a real date. */
int sh_patrol_week(const char *date, char out[11], sh_err *err);
/* The seed of an official's draw for a week (a Monday): (user_id << 32) ^ days from 1970-01-01. */
uint64_t sh_patrol_seed(int64_t user_id, const char *week);
/* The pure draw: shuffles the n candidates (Fisher-Yates driven by splitmix64 from seed, as the
 * double random draw) and writes the first k (fewer when fewer exist) to out; returns how many.
 * The same candidates and seed always give the same cameras. */
size_t sh_patrol_pick(const int64_t *candidates, size_t n, uint64_t seed, size_t k, int64_t *out);

/* The actor's tasks for the week containing `week` (NULL: the week of `today`), drawn on the first
 * call in the current week (past weeks are shown as they are; later weeks are refused):
 * {week, per_week, draw:{seed, candidates:[camera ids], picked, drawn_at}|null, items:[task]}, a task
 * {id, week, camera_id, camera_name, area, area_label, entity_id, entity_name, township_name,
 * stream_url, online, offline_since, last_heartbeat_at, last_snapshot_id, status, outcome, findings,
 * rectification_id, snapshot_id, done_at}. County, township and village officials. */
int sh_patrols_mine(sh_db *db, const sh_principal *actor, const char *week, const char *today, json_t **ret, sh_err *err);

/* The task's official records {outcome: normal|problem|offline, findings, title?} on an open task
 * of the current week, once; normal only for a camera with a picture (SH_EINVAL naming "outcome"
 * otherwise); a problem (findings required) opens a rectification order and a
 * hazard.created push. All in one transaction, audited. *ret: the task as listed. */
int sh_patrol_record(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, const char *today, json_t **ret,
                     sh_err *err);

/* Completion of the week containing `week` (NULL: this week) per official of the jurisdiction (a
 * village official: itself): {week, per_week, items:[{user_id, name, role, division_code, drawn,
 * assigned, done, rate}], totals:{officials, assigned, done, rate}}. An official who has not opened
 * the week yet counts the cameras it would be given. */
int sh_patrol_completion(sh_db *db, const sh_principal *actor, const char *week, const char *today, json_t **ret,
                         sh_err *err);

#endif
