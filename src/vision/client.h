/* The analyser's side of the platform API, over libcurl: its cameras and rules
 * (GET /api/v1/vision/cameras, every page), observations with their snapshot (POST
 * /api/v1/observations, multipart) and heartbeats (POST /api/v1/cameras/:id/heartbeat), all with the
 * device's API token. A sh_client is one connection for one thread; each call is one attempt
 * (retries and back-off are the caller's: the sender and the configuration loop). */
#ifndef SH_VISION_CLIENT_H
#define SH_VISION_CLIENT_H

#include <jansson.h>

#include "core/err.h"
#include "vision/queue.h"

typedef struct sh_client sh_client;

/* Call once in main, before any thread starts (curl_global_init), and the opposite at the end. */
int sh_client_global_init(sh_err *err);
void sh_client_global_cleanup(void);

/* server: the base URL (http://host:port, no trailing /api); timeout_ms bounds each request. */
int sh_client_new(const char *server, const char *token, int timeout_ms, sh_client **ret, sh_err *err);
void sh_client_free(sh_client *c);

/* The configuration with the cameras of every page merged: {cameras: [...], alert_rules, label_map}.
 * SH_EAUTH / SH_EPERM for a token the server refuses, SH_EINTERNAL when it cannot be reached. */
int sh_client_config(sh_client *c, json_t **ret, sh_err *err);

/* Posts one observation; *ret_status is the HTTP status (0: no answer: network error or timeout).
 * Returns 0 when an answer came, whatever its status (the message of a refusal is in err). */
int sh_client_post_observation(sh_client *c, const sh_obs_item *it, int *ret_status, sh_err *err);

/* A heartbeat with the health figures (borrowed). */
int sh_client_heartbeat(sh_client *c, long long camera_id, const json_t *health, int *ret_status, sh_err *err);

/* The camera's latest picture (POST /api/v1/cameras/:id/snapshot), which officials see on their
 * online patrols and on the camera wall. */
int sh_client_post_picture(sh_client *c, long long camera_id, const unsigned char *jpeg, size_t len, int *ret_status, sh_err *err);

#endif
