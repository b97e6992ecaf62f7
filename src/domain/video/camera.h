/* Cameras of a business watching its key areas (明厨亮灶): the registry, their online status from
 * heartbeats, the latest snapshot, coverage of the areas each kind of business must have on camera,
 * and the configuration the video analyser pulls.
 * Every read and write is confined to the actor's jurisdiction through the camera's business
 * (store/scope.h): a camera outside it answers SH_ENOTFOUND, exactly as one that does not exist.
 * Stream credentials are kept apart from the URL; the password is sealed (domain/secret.h). Neither
 * ever appears in a camera's JSON, in audit entries or in logs; only sh_camera_device_config hands
 * them out, to an analyser, and audits that it did.
 * Files: camera.c (create, read, update, list), camera_check.c (validation of every field),
 * camera_request.c (a business's changes as requests an official approves),
 * camera_status.c (heartbeats, snapshots, offline sweep, coverage), camera_device.c (analyser). */
#ifndef SH_CAMERA_H
#define SH_CAMERA_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/base/principal.h"

/* ---- registry (camera.c) ---- */

/* Creates a camera from a JSON object {entity_id, name, area, stream_url, username?, password?,
 * device_id?, schedule?, zones?, rules?, enabled?} for a business in the actor's jurisdiction (admin,
 * county and township officials; a business files a request instead, sh_camera_request_file); audited. A bad value is
 * SH_EINVAL naming the field; a device_id in use SH_EEXIST naming device_id. */
int sh_camera_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err);
/* Changes the fields the object names (the same fields as create but entity_id; username or password
 * null clears them; enabled:false disables: cameras are never deleted, observations refer to them). */
int sh_camera_update(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err);
/* The camera as JSON: id, entity_id, entity_name, township_code, township_name, name, area,
 * area_label, stream_url, has_credentials, device_id, schedule, zones, rules, enabled, online,
 * last_heartbeat_at, offline_since, last_snapshot_id, health, created_at, updated_at. */
int sh_camera_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);

typedef struct sh_camera_filter {
    int64_t entity_id;    /* 0: every business */
    const char *status;   /* online, offline (enabled and silent), disabled, or NULL */
    const char *township; /* 12-digit township code, or NULL */
    int64_t after_id;     /* cursor: camera ids greater than this */
    int limit;            /* 1..500 */
} sh_camera_filter;

/* Cameras in the actor's jurisdiction matching the filter, in id order: *ret_items an array of
 * camera JSON, *ret_next the cursor of the next page (0: no more). *ret_total (may be NULL) gets
 * the count of every match. */
int sh_camera_list(sh_db *db, const sh_principal *actor, const sh_camera_filter *f, json_t **ret_items,
                   int64_t *ret_next, int64_t *ret_total, sh_err *err);

/* For ingestion: the camera by id (when id > 0) or by device_id, inside the actor's jurisdiction. */
typedef struct sh_camera_ref {
    int64_t id;
    int64_t entity_id;
    int enabled;
} sh_camera_ref;
int sh_camera_find(sh_db *db, const sh_principal *actor, int64_t id, const char *device_id, sh_camera_ref *ret,
                   sh_err *err);

/* The same changes inside a transaction the caller holds (no role check, no commit): for a change
 * request applied by the official who approves it (camera_request.c). */
int sh_camera_create_in_tx(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err);
int sh_camera_update_in_tx(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err);

/* ---- a business's change requests (camera_request.c) ---- */

/* A business asks to register a camera (camera_id 0) or to change one of its own, with the body
 * sh_camera_create / sh_camera_update take. The change is checked as a real one (every field, its own
 * business only; enabled:false is refused: a business may not switch its supervision off) and kept,
 * the body sealed, until an official decides. Audited. */
int sh_camera_request_file(sh_db *db, const sh_principal *actor, int64_t camera_id, json_t *body, int64_t *ret_id, sh_err *err);
/* The request as JSON: id, entity_id, entity_name, camera_id, kind (create|update), camera (the camera
 * as it would be, never credentials), status (pending|approved|rejected), requested_at,
 * requested_by_name, decided_at, decided_by_name, decision_note. */
int sh_camera_request_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* Requests in the actor's jurisdiction (a business: its own), by status and business; pending ones
 * oldest first, others newest first; a page of limit from offset, *ret_total of all. */
int sh_camera_requests_list(sh_db *db, const sh_principal *actor, const char *status, int64_t entity_id, int limit,
                            int64_t offset, json_t **ret_items, int64_t *ret_total, sh_err *err);
/* {approve: true|false, note}: a township or county official of the jurisdiction (or the
 * administrator). Approving applies the change as that official, checked again, in the transaction
 * that marks it approved; rejecting needs a reason. A decided request is SH_EEXIST naming status. */
int sh_camera_request_decide(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err);

/* ---- validation (camera_check.c) ---- */

/* Checks a stream URL (rtsp, rtsps, http, https or file; at most 500 characters, no spaces) and
 * splits credentials written into it (rtsp://user:pass@host/...): *ret_url (malloc'ed) is the URL
 * without them, *ret_user / *ret_password (malloc'ed, percent-decoded) are NULL when absent. */
int sh_camera_check_url(const char *url, char **ret_url, char **ret_user, char **ret_password, sh_err *err);
/* The URL with credentials written back in, percent-encoded as RFC 3986 asks (malloc'ed). */
char *sh_camera_url_with_credentials(const char *url, const char *user, const char *password);
/* Each returns the normalised value (new reference) or NULL with err naming the field, e.g.
 * "schedule[1].from". schedule: [{days:[1..7], from:"HH:MM", to:"HH:MM"}] (to before from: a night
 * shift; [] always); zones: [{name, type:"include"|"mask", points:[[x,y] 3..32, 0..1]}];
 * rules: unique violation codes of violation_types; health: an object of finite numbers. */
json_t *sh_camera_check_schedule(json_t *v, sh_err *err);
json_t *sh_camera_check_zones(json_t *v, sh_err *err);
json_t *sh_camera_check_rules(sh_db *db, json_t *v, sh_err *err);
json_t *sh_camera_check_health(json_t *v, const char *field, sh_err *err);
/* device_id: 1..80 printable ASCII characters without spaces. */
int sh_camera_check_device_id(const char *s, const char *field, sh_err *err);
/* Rewrites the JSON string j in its canonical form (core/mac.h sh_device_id_normalize: a MAC and
 * channel, however written, as aa:bb:cc:dd:ee:ff:N), so a camera is registered as ISAPI pushes name it;
 * returns the new value (owned by j), NULL when j is not a string. */
const char *sh_camera_device_id_canonical(json_t *j);

/* ---- status (camera_status.c) ---- */

/* The camera was heard from at at_ms (a heartbeat, or an observation): last_heartbeat_at moves
 * forward, offline_since is cleared (audited as back online when it was set), health is stored when
 * not NULL. Inside the caller's transaction; the caller has checked the actor's right to the camera. */
int sh_camera_touch(sh_db *db, const sh_principal *actor, int64_t id, int64_t at_ms, json_t *health, sh_err *err);
/* A heartbeat of one camera in the actor's jurisdiction (health may be NULL). */
int sh_camera_heartbeat(sh_db *db, const sh_principal *actor, int64_t id, json_t *health, sh_err *err);
/* Heartbeats of an AI box: items [{device_id, health?}]. Cameras unknown or outside the
 * jurisdiction, and bad items, are reported per item and not stored: *ret is {items:[{device_id,
 * ok, camera_id | error:{code, field, message}}], accepted, rejected}. */
int sh_camera_heartbeats(sh_db *db, const sh_principal *actor, json_t *items, json_t **ret, sh_err *err);
/* A push-only device said it is alive (an ISAPI heartBeat, videoloss inactive): the camera registered
 * under device_id (normalised as core/mac.h says), or, when device_id is a bare MAC, every camera of
 * that device (the MAC, and the MAC with any channel), is heard from now, as a heartbeat. Devices only
 * (as sh_camera_heartbeat); SH_ENOTFOUND naming device_id when none is in the jurisdiction.
 * *ret_count = cameras kept on line. */
int sh_camera_heard_device(sh_db *db, const sh_principal *actor, const char *device_id, int *ret_count, sh_err *err);
/* Stores a JPEG/PNG as the camera's latest picture (owner_type camera) and points
 * last_snapshot_id at it; audited. *ret is the attachment {id, mime, width, height, size}. */
int sh_camera_snapshot(sh_db *db, const sh_principal *actor, const char *files_dir, int64_t id, const void *data,
                       size_t len, json_t **ret, sh_err *err);
/* Milliseconds of silence after which an enabled camera is offline (setting camera_offline_after_s);
 * every "on line" the platform shows (registry, coverage, patrols) counts with it. */
int64_t sh_camera_offline_after_ms(sh_db *db);

/* The sweep: enabled cameras silent longer than the setting camera_offline_after_s (300) get
 * offline_since (the moment they were last heard, or created), once each, audited by the system.
 * *ret_count = how many went offline now. */
int sh_camera_sweep_offline(sh_db *db, int64_t now_ms, int *ret_count, sh_err *err);
/* Enabled cameras of the jurisdiction that are offline, longest first: camera JSON plus since
 * (epoch ms) and offline_s. */
int sh_camera_offline_list(sh_db *db, const sh_principal *actor, int limit, json_t **ret_items, sh_err *err);
/* Coverage in the jurisdiction: for every township and every kind (and in total), the active
 * businesses that must have cameras (their kind has rows in camera_required_areas), how many have
 * every required area watched by an enabled, online camera, the share (null when none must), and
 * the enabled cameras and how many are online:
 * {townships:[{township_code, township_name, required, covered, share, cameras, online}],
 *  kinds:[{kind, kind_label, required_areas, required, covered, share, cameras, online}], total:{...}} */
int sh_camera_coverage(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err);

/* ---- the analyser (camera_device.c) ---- */

/* What an analyser acting as the actor needs: {cameras:[{id, entity_id, entity_name, name, area,
 * device_id, stream_url (with credentials), schedule, zones, rules}], next_cursor, alert_rules:[...],
 * label_map:[{source, label, violation}]}: the enabled cameras of the jurisdiction with ids above
 * after_id, at most limit (1..5000) of them in id order; next_cursor is null on the last page.
 * Audits that credentials were read (which cameras). */
int sh_camera_device_config(sh_db *db, const sh_principal *actor, int64_t after_id, int limit, json_t **ret, sh_err *err);

#endif
