/* Health and metrics of the analyser, after Frigate: per camera the decode rate, the sampled and
 * detected frame rates, frames that wanted the detector and did not get it (skipped), the share of
 * sampled frames with motion; per model the inference time; for the sender posts, failures and the
 * queue. Counters are added by the workers as they go; sh_metrics_tick turns them into rates over the
 * window since the previous tick. They are posted to the server as heartbeats (sh_metrics_health)
 * and served as Prometheus text (sh_metrics_render, sh_metrics_serve: GET /metrics).
 * One sh_metrics for the process, shared by every thread (a mutex inside). */
#ifndef SH_VISION_METRICS_H
#define SH_VISION_METRICS_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"

typedef struct sh_metrics sh_metrics;

/* What a worker adds for one camera; zeroes leave a counter alone. */
typedef struct sh_cam_delta {
    int64_t decoded;      /* frames the decoder produced */
    int64_t frames;       /* frames sampled (at --fps) */
    int64_t motion;       /* sampled frames with motion */
    int64_t grey;         /* sampled frames that were grey (infrared, vision/grey.h) */
    int64_t detect_runs;  /* frames the detector ran on */
    int64_t skipped;      /* frames that wanted the detector and did not get it */
    int64_t detections;   /* detections that passed the platform's rules */
    int64_t observations; /* observations queued for the server */
    int64_t reconnects;   /* the stream (re)opened after a failure or the end of a file */
    int64_t errors;       /* failures to open or read the stream */
    double inference_ms;  /* detector time spent on this camera */
    int64_t jumps;        /* timestamp jumps of the stream (restarted, joined recordings): clock re-anchored */
    int64_t small_frames; /* frames below the decoder's minimum size, not analysed */
    int small_width, small_height; /* the latest such frame's size (when not 0) */
} sh_cam_delta;

/* The sender's figures, set as a whole. */
typedef struct sh_sender_figures {
    int64_t posted, duplicates, rejected, failures, dropped, queued;
    int queue_length, queue_capacity;
} sh_sender_figures;

int sh_metrics_new(sh_metrics **ret, sh_err *err);
void sh_metrics_free(sh_metrics *m);

/* Registers a camera (again: renames it) and marks it configured or not (a camera the server no
 * longer lists keeps its counters but is no longer exported as up). */
void sh_metrics_camera(sh_metrics *m, int64_t id, const char *name, int configured);
void sh_metrics_camera_add(sh_metrics *m, int64_t id, const sh_cam_delta *d);
/* Whether the camera's stream is open and delivering frames now. */
void sh_metrics_camera_up(sh_metrics *m, int64_t id, int up);
/* Whether frames arrived since the previous call (for heartbeats: a silent stream sends none). */
int sh_metrics_camera_heard(sh_metrics *m, int64_t id);
void sh_metrics_model_add(sh_metrics *m, const char *model, double ms);
/* The faces BlazeFace found in the camera's latest full frame (health "faces" from the first call on). */
void sh_metrics_camera_faces(sh_metrics *m, int64_t id, int faces);
void sh_metrics_sender(sh_metrics *m, const sh_sender_figures *f);

/* Turns counters into rates over the window since the last tick (at least min_window_ms old,
 * else the previous rates stay). */
void sh_metrics_tick(sh_metrics *m, int64_t now_ms, int64_t min_window_ms);

/* Rates over each camera's whole run instead (from its first sampled frame to its latest): the
 * figures of a run with --once. Each sampled frame stands for one sampling period (1/sample_fps s),
 * so that a run of one frame (a picture given as a video) has rates too; the mean inference time
 * needs no span at all. */
void sh_metrics_summarise(sh_metrics *m, double sample_fps);

/* The heartbeat health object of a camera: {decode_fps, detect_fps, sample_fps, skipped_frames,
 * motion_share, inference_ms, frames, detections, observations, reconnects[, faces]}; NULL when
 * unknown. faces: the latest full frame's count, once one was counted. */
json_t *sh_metrics_health(sh_metrics *m, int64_t id);

/* The Prometheus text exposition (malloc'ed). */
char *sh_metrics_render(sh_metrics *m);

typedef struct sh_metrics_server sh_metrics_server;
/* Serves GET /metrics on the port (all interfaces; port 0 picks one: *ret_port says which). */
int sh_metrics_serve(sh_metrics *m, int port, sh_metrics_server **ret, int *ret_port, sh_err *err);
void sh_metrics_server_stop(sh_metrics_server *s);

#endif
