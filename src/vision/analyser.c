#include "vision/analyser.h"

#include <cblas.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/timeutil.h"
#include "nn/blazeface.h"
#include "nn/nanodet.h"
#include "vision/client.h"
#include "vision/decode.h"
#include "vision/detect.h"
#include "vision/grey.h"
#include "vision/mask.h"
#include "vision/metrics.h"
#include "vision/motion.h"
#include "vision/queue.h"
#include "vision/regions.h"
#include "vision/snapshot.h"

#define MAX_REGIONS 4
#define MAX_DET 32

/* ---- time, logging ---- */

static int64_t now_ms(void)
{
    return sh_now_ms(); /* the platform's clock seam: SHIAN_NOW pins it as it does the server's */
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static double mono_ms_f(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

__attribute__((format(printf, 2, 3))) static void logf_(const char *level, const char *fmt, ...)
{
    char when[32], line[1024];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s shian-vision %s: %s\n", when, level, line); /* one call: lines do not interleave */
}

const char *sh_redact_url(const char *url, char *out, size_t n)
{
    const char *scheme = strstr(url, "://");
    const char *host = scheme ? scheme + 3 : NULL;
    const char *at = host ? strchr(host, '@') : NULL;
    const char *slash = host ? strchr(host, '/') : NULL;
    if (at && (!slash || at < slash))
        snprintf(out, n, "%.*s***@%s", (int)(host - url), url, at + 1);
    else
        snprintf(out, n, "%s", url);
    return out;
}

/* Every user:password@ inside a message (FFmpeg's and decode's errors quote the URL) becomes ***@. */
void sh_scrub_credentials(char *msg)
{
    for (char *p = strstr(msg, "://"); p; p = strstr(p, "://")) {
        char *host = p + 3, *end = host + strcspn(host, "/ \t\n\"'");
        char *at = memchr(host, '@', (size_t)(end - host));
        /* the last @ before the path: a password may hold one */
        for (char *q = at; q && q < end; q = memchr(q + 1, '@', (size_t)(end - q - 1)))
            at = q;
        if (at && at - host >= 3) {
            memmove(host + 3, at, strlen(at) + 1);
            memcpy(host, "***", 3);
        } else if (at) {
            memset(host, '*', (size_t)(at - host));
        }
        p = host;
    }
}

/* ---- shared state ---- */

/* The label map and alert rules, shared read-only by the workers; replaced whole on a refresh. */
typedef struct rules_ref {
    sh_vrules *r;
    int refs;
} rules_ref;

typedef struct ctx ctx;

typedef struct worker {
    ctx *x;
    pthread_t th;
    int64_t id;
    json_t *cam; /* this worker's copy of its camera */
    atomic_int stop, done;
    struct worker *next;
} worker;

struct ctx {
    sh_analyser_opts o;
    volatile sig_atomic_t *stop;
    sh_metrics *metrics;
    sh_obs_queue *queue;
    char model_name[32];
    /* detectors */
    pthread_mutex_t dmu;
    pthread_cond_t dcv;
    sh_nanodet **nd;
    sh_blazeface **bf; /* one a detector, beside its NanoDet; NULL: faces are not counted */
    int *busy;
    char **labels; /* the model's own labels (--labels), NULL: COCO */
    int nlabels;
    /* configuration */
    pthread_mutex_t mu;
    rules_ref *rules;
    worker *workers, *retired;
    /* sender */
    atomic_int abort_send;
    sh_sender_figures sent;
};

static int stopping(const ctx *x, worker *w) { return *x->stop || (w && atomic_load(&w->stop)); }

/* Sleeps ms, waking early when asked to stop. */
static void nap(const ctx *x, worker *w, int64_t ms)
{
    int64_t until = mono_ms() + ms;
    while (!stopping(x, w)) {
        int64_t left = until - mono_ms();
        if (left <= 0)
            break;
        usleep((useconds_t)(left < 100 ? left : 100) * 1000);
    }
}

static rules_ref *rules_get(ctx *x)
{
    pthread_mutex_lock(&x->mu);
    rules_ref *r = x->rules;
    if (r)
        r->refs++;
    pthread_mutex_unlock(&x->mu);
    return r;
}

static void rules_put(ctx *x, rules_ref *r)
{
    if (!r)
        return;
    pthread_mutex_lock(&x->mu);
    int last = --r->refs == 0;
    pthread_mutex_unlock(&x->mu);
    if (last) {
        sh_vrules_free(r->r);
        free(r);
    }
}

/* A detector: blocking (files, which must not lose frames) or not (live streams: -1 when all busy). */
static int detector_acquire(ctx *x, int block)
{
    pthread_mutex_lock(&x->dmu);
    for (;;) {
        for (int i = 0; i < x->o.threads; i++)
            if (!x->busy[i]) {
                x->busy[i] = 1;
                pthread_mutex_unlock(&x->dmu);
                return i;
            }
        if (!block) {
            pthread_mutex_unlock(&x->dmu);
            return -1;
        }
        pthread_cond_wait(&x->dcv, &x->dmu);
    }
}

static void detector_release(ctx *x, int i)
{
    pthread_mutex_lock(&x->dmu);
    x->busy[i] = 0;
    pthread_cond_signal(&x->dcv);
    pthread_mutex_unlock(&x->dmu);
}

static void heartbeats(ctx *x, sh_client *c);

/* ---- one camera ---- */

static int is_file(const char *url) { return !strncmp(url, "file:", 5) || !strstr(url, "://"); }

/* file:///path and file:/path → /path (FFmpeg's file protocol would take them too, but a path needs
 * no protocol whitelist); other URLs unchanged. */
static const char *open_target(const char *url)
{
    if (!strncmp(url, "file://", 7))
        return url + 7;
    if (!strncmp(url, "file:", 5))
        return url + 5;
    return url;
}

typedef struct stream_state {
    int64_t open_wall, first_pts, last_full, last_picture;
    int64_t decoded_seen, jumps_seen, small_seen;
    int file;
} stream_state;

/* What the decoder did since the last call into the camera's metrics: frames decoded, timestamp
 * jumps, frames too small to analyse. */
static void decoder_figures(ctx *x, worker *w, stream_state *s, const sh_video_stats *st)
{
    sh_cam_delta d = {.decoded = st->decoded - s->decoded_seen, .jumps = st->jumps - s->jumps_seen,
                      .small_frames = st->small_frames - s->small_seen};
    if (d.small_frames)
        d.small_width = st->small_width, d.small_height = st->small_height;
    if (d.decoded || d.jumps || d.small_frames)
        sh_metrics_camera_add(x->metrics, w->id, &d);
    s->decoded_seen = st->decoded, s->jumps_seen = st->jumps, s->small_seen = st->small_frames;
}

/* Reads a label list: one label a line, in the order of the model's classes (blank lines and
 * surrounding spaces ignored); 1..1000 labels of 1..63 bytes. */
static int read_labels(const char *path, char ***ret, int *ret_n, sh_err *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return sh_fail(err, SH_EINVAL, "labels", "cannot read %s", path);
    char **labels = NULL, line[256];
    int n = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        char *b = line, *e = line + strlen(line);
        while (*b == ' ' || *b == '\t')
            b++;
        while (e > b && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
            *--e = 0;
        if (!*b)
            continue;
        char **more = n < 1000 && e - b < 64 ? realloc(labels, (size_t)(n + 1) * sizeof *labels) : NULL;
        if (!more || !(more[n] = strdup(b))) {
            labels = more ? more : labels;
            rc = sh_fail(err, SH_EINVAL, "labels", "%s: at most 1000 labels of at most 63 bytes", path);
            break;
        }
        labels = more;
        n++;
    }
    fclose(f);
    if (rc == 0 && n == 0)
        rc = sh_fail(err, SH_EINVAL, "labels", "%s has no label", path);
    if (rc) {
        for (int i = 0; i < n; i++)
            free(labels[i]);
        free(labels);
        return rc;
    }
    *ret = labels;
    *ret_n = n;
    return 0;
}

/* Queues the camera's latest picture (an item without JSON), which officials see when they patrol. */
static void post_picture(ctx *x, worker *w, const sh_frame *f)
{
    sh_obs_item *it = calloc(1, sizeof *it);
    sh_err err = {0};
    if (!it || sh_snapshot_jpeg(f->rgb, f->width, f->height, f->stride, x->o.snapshot_max, &it->jpeg, &it->jpeg_len, &err)) {
        logf_("warn", "camera %lld: no picture: %s", (long long)w->id, it ? err.message : "out of memory");
        sh_obs_item_free(it);
        return;
    }
    it->camera_id = w->id;
    sh_obs_queue_push(x->queue, it);
}

/* Builds the JSON part of an observation and queues it with the snapshot. */
static void post(ctx *x, worker *w, const sh_frame *f, int64_t ms, const sh_candidate *c)
{
    unsigned char *jpeg = NULL;
    size_t jpeg_len = 0;
    sh_err err = {0};
    if (sh_snapshot_jpeg(f->rgb, f->width, f->height, f->stride, x->o.snapshot_max, &jpeg, &jpeg_len, &err)) {
        logf_("warn", "camera %lld: no snapshot: %s", (long long)w->id, err.message);
        jpeg = NULL;
    }
    double b[4];
    for (int i = 0; i < 4; i++)
        b[i] = (double)(int64_t)(c->box[i] * 10000 + 0.5) / 10000;
    for (int i = 0; i < 2; i++) {
        b[i] = b[i] < 0 ? 0 : b[i] > 1 ? 1 : b[i];
        if (b[i] + b[i + 2] > 1)
            b[i + 2] = 1 - b[i];
    }
    char key[128], lab[64];
    snprintf(lab, sizeof lab, "%s", c->label);
    for (char *p = lab; *p; p++)
        if (*p == ' ')
            *p = '_';
    snprintf(key, sizeof key, "sv-%lld-%s-%lld", (long long)w->id, lab, (long long)ms);
    json_t *o = json_pack("{s:I, s:I, s:s, s:f, s:[f,f,f,f], s:s, s:s}", "camera_id", (json_int_t)w->id, "observed_at", (json_int_t)ms,
                          "label", c->label, "score", (double)(int)(c->score * 100 + 0.5) / 100, "box", b[0], b[1], b[2], b[3],
                          "idempotency_key", key, "source", "shian_vision");
    if (o && c->night)
        json_object_set_new(o, "night", json_true());
    sh_obs_item *it = calloc(1, sizeof *it);
    if (!o || !it || !(it->json = json_dumps(o, JSON_COMPACT))) {
        json_decref(o);
        sh_obs_item_free(it);
        free(jpeg);
        return;
    }
    json_decref(o);
    it->camera_id = w->id;
    it->jpeg = jpeg;
    it->jpeg_len = jpeg_len;
    sh_obs_queue_push(x->queue, it);
    logf_("info", "camera %lld: %s (%s) score %.2f at [%.3f %.3f %.3f %.3f]%s, snapshot %zu bytes, queued", (long long)w->id, c->label,
          c->violation, c->score, b[0], b[1], b[2], b[3], c->night ? " on a grey (night) frame" : "", jpeg_len);
}

/* The experimental no_mask check (vision/mask.h): each face found surely enough whose mouth band could
 * be judged becomes a detection "no_mask" scored by its uncovered share, on the face's box, after the
 * detector's own; the pre-filter then applies the no_mask rule (its minimum score, schedule, zones) to
 * it as to any label. Returns the new count. */
static int add_uncovered_faces(const sh_frame *f, const sh_face *faces, int nf, sh_detection *det, int n, int max)
{
    for (int i = 0; i < nf && n < max; i++) {
        float share;
        if (faces[i].score < SH_MASK_MIN_FACE_SCORE || !sh_mask_uncovered_share(f->rgb, f->width, f->height, f->stride, &faces[i], &share))
            continue;
        det[n] = (sh_detection){.class_id = -1, .label = "no_mask", .score = (float)(int)(share * 100 + 0.5f) / 100};
        memcpy(det[n].box, faces[i].box, sizeof det[n].box);
        n++;
    }
    return n;
}

/* One sampled frame: motion, regions, detection, pre-filter, posts. */
static void analyse(ctx *x, worker *w, stream_state *s, sh_motion *motion, sh_prefilter *pf, const sh_camera_setup *setup,
                    const sh_frame *f, int64_t ms)
{
    sh_cam_delta d = {.frames = 1};
    int night = sh_frame_is_grey(f->rgb, f->width, f->height, f->stride);
    d.grey = night;
    sh_box mb[16];
    int nm = 0;
    if (x->o.picture_s > 0 && (s->last_picture == INT64_MIN / 2 || ms - s->last_picture >= (int64_t)x->o.picture_s * 1000 ||
                               ms < s->last_picture)) {
        post_picture(x, w, f);
        s->last_picture = ms;
    }
    sh_err err = {0};
    if (sh_motion_update(motion, f->rgb, f->width, f->height, f->stride, mb, 16, &nm, &err)) {
        logf_("warn", "camera %lld: motion: %s", (long long)w->id, err.message);
        nm = 0;
    }
    d.motion = nm > 0;
    sh_rect rg[MAX_REGIONS];
    int side = x->nd[0]->size;
    int nr = sh_regions_from_motion(mb, nm, f->width, f->height, side, rg, MAX_REGIONS);
    int full = ms - s->last_full >= (int64_t)x->o.full_every_s * 1000 || ms < s->last_full;
    if (full) {
        rg[0] = (sh_rect){0, 0, f->width, f->height};
        nr = 1;
    }
    if (nr == 0) {
        sh_metrics_camera_add(x->metrics, w->id, &d);
        return;
    }
    int k = detector_acquire(x, s->file);
    if (k < 0) {
        d.skipped = 1;
        sh_metrics_camera_add(x->metrics, w->id, &d);
        return;
    }
    if (full)
        s->last_full = ms;
    sh_detection det[MAX_DET];
    int n = 0;
    sh_nanodet_opts no = SH_NANODET_DEFAULTS;
    no.min_score = x->o.min_score;
    /* the label map before the detector's cap: what the rules cannot count takes no place */
    rules_ref *rr = rules_get(x);
    sh_prefilter_keep keep = {.rules = rr ? rr->r : NULL, .cam = setup, .ms = ms};
    if (rr) {
        no.keep = sh_prefilter_keeps;
        no.keep_ctx = &keep;
    }
    double t0 = mono_ms_f();
    int rc = sh_detect_regions(x->nd[k], f->rgb, f->width, f->height, f->stride, rg, nr, &no, det, MAX_DET, &n, &err);
    double spent = mono_ms_f() - t0;
    /* the faces of the full frame for the camera's health; of every analysed colour frame while the
       experimental no_mask check is on (db/082), so that a face is seen often enough to post */
    int mask_check = rr && rc == 0 && !night && sh_vrules_platform_check(rr->r, "no_mask"); /* grey: no colour to compare */
    if ((full || mask_check) && x->bf) {
        sh_face faces[32];
        int nf = 0;
        sh_blazeface_opts fo = SH_BLAZEFACE_DEFAULTS;
        fo.max_faces = 32;
        sh_err ferr = {0};
        double t1 = mono_ms_f();
        if (sh_blazeface_detect(x->bf[k], f->rgb, f->width, f->height, f->stride, &fo, faces, 32, &nf, NULL, &ferr)) {
            logf_("warn", "camera %lld: faces: %s", (long long)w->id, ferr.message);
        } else {
            sh_metrics_model_add(x->metrics, "blazeface", mono_ms_f() - t1);
            if (full)
                sh_metrics_camera_faces(x->metrics, w->id, nf);
            if (mask_check)
                n = add_uncovered_faces(f, faces, nf, det, n, MAX_DET);
        }
    }
    detector_release(x, k);
    d.detect_runs = 1;
    d.inference_ms = spent;
    sh_metrics_model_add(x->metrics, x->model_name, spent);
    if (rc) {
        logf_("warn", "camera %lld: detector: %s", (long long)w->id, err.message);
        sh_metrics_camera_add(x->metrics, w->id, &d);
        rules_put(x, rr);
        return;
    }
    if (x->o.verbose) {
        char line[512];
        int at = snprintf(line, sizeof line, "camera %lld: %s%s %d region(s), first [%d %d %d %d]:", (long long)w->id,
                          full ? "full frame," : "motion,", night ? " grey," : "", nr, rg[0].x, rg[0].y, rg[0].w, rg[0].h);
        for (int i = 0; i < n && at < (int)sizeof line - 40; i++)
            at += snprintf(line + at, sizeof line - (size_t)at, " %s %.2f", det[i].label, det[i].score);
        logf_("debug", "%s (%.0f ms)", line, spent);
    }
    sh_candidate cand[8];
    sh_prefilter_stats before, after;
    sh_prefilter_stats_get(pf, &before);
    int nc = rr ? sh_prefilter_run(pf, rr->r, setup, ms, night, det, n, cand, 8) : 0;
    sh_prefilter_stats_get(pf, &after);
    rules_put(x, rr);
    d.detections = after.passed - before.passed;
    for (int i = 0; i < nc; i++)
        post(x, w, f, ms, &cand[i]);
    d.observations = nc;
    sh_metrics_camera_add(x->metrics, w->id, &d);
}

static void *camera_main(void *arg)
{
    worker *w = arg;
    ctx *x = w->x;
    const char *url = json_string_value(json_object_get(w->cam, "stream_url"));
    char shown[600];
    sh_redact_url(url ? url : "", shown, sizeof shown);
    sh_camera_setup setup = {.rules = json_object_get(w->cam, "rules"), .zones = json_object_get(w->cam, "zones"),
                             .schedule = json_object_get(w->cam, "schedule")};
    sh_motion *motion = NULL;
    sh_prefilter *pf = NULL;
    sh_err err = {0};
    if (!url || sh_motion_new(NULL, &motion, &err) || sh_prefilter_new(&x->o.prefilter, &pf, &err)) {
        logf_("error", "camera %lld: %s", (long long)w->id, url ? err.message : "no stream_url");
        goto out;
    }
    int file = is_file(url);
    int64_t backoff = 1000, max_backoff = (int64_t)x->o.backoff_max_s * 1000;
    for (int attempt = 0; !stopping(x, w); attempt++) {
        if (attempt)
            sh_metrics_camera_add(x->metrics, w->id, &(sh_cam_delta){.reconnects = 1});
        sh_video *v = NULL;
        sh_video_opts vo = {.fps = x->o.fps, .timeout_ms = x->o.stream_timeout_ms};
        int rc = sh_video_open(open_target(url), &vo, &v, &err);
        if (rc == 0) { /* too large for analysis: open again, scaled */
            sh_video_stats st;
            sh_video_stats_get(v, &st);
            if (x->o.width > 0 && st.src_width > x->o.width) {
                sh_video_close(v);
                v = NULL;
                vo.width = x->o.width;
                rc = sh_video_open(open_target(url), &vo, &v, &err);
            }
        }
        if (rc) {
            sh_scrub_credentials(err.message);
            sh_metrics_camera_add(x->metrics, w->id, &(sh_cam_delta){.errors = 1});
            if (x->o.once) {
                logf_("error", "camera %lld: cannot open %s: %s; given up (--once)", (long long)w->id, shown, err.message);
                break;
            }
            logf_("warn", "camera %lld: cannot open %s: %s; again in %lld s", (long long)w->id, shown, err.message, (long long)backoff / 1000);
            nap(x, w, backoff);
            backoff = backoff * 2 > max_backoff ? max_backoff : backoff * 2;
            continue;
        }
        if (attempt)
            logf_("info", "camera %lld: %s open again", (long long)w->id, shown);
        sh_metrics_camera_up(x->metrics, w->id, 1);
        stream_state s = {.open_wall = now_ms(), .first_pts = -1, .last_full = INT64_MIN / 2, .last_picture = INT64_MIN / 2,
                          .file = file};
        int64_t opened = mono_ms(), frames = 0;
        sh_frame f;
        int64_t once_until = x->o.once && !file ? opened + (int64_t)x->o.once_s * 1000 : INT64_MAX;
        while (!stopping(x, w) && mono_ms() < once_until && (rc = sh_video_next(v, &f, &err)) == 1) {
            frames++;
            int64_t ms;
            if (file) { /* the file's own clock from the moment it was opened */
                if (s.first_pts < 0)
                    s.first_pts = f.pts_ms;
                ms = s.open_wall + (f.pts_ms - s.first_pts);
                /* a file plays at its own pace like a camera (with once: as fast as it decodes, but never
                   more than four minutes ahead of the clock, which the server would refuse) */
                int64_t ahead = ms - now_ms() - (x->o.once ? 240000 : 0);
                if (ahead > 0)
                    nap(x, w, ahead);
            } else {
                ms = now_ms();
            }
            sh_video_stats st;
            sh_video_stats_get(v, &st);
            decoder_figures(x, w, &s, &st);
            analyse(x, w, &s, motion, pf, &setup, &f, ms);
        }
        sh_metrics_camera_up(x->metrics, w->id, 0);
        sh_video_stats st;
        sh_video_stats_get(v, &st);
        decoder_figures(x, w, &s, &st);
        sh_video_close(v);
        if (st.small_frames)
            logf_("warn", "camera %lld: %lld frame(s) of %dx%d not analysed: smaller than %dx%d", (long long)w->id, (long long)st.small_frames,
                  st.small_width, st.small_height, SH_VIDEO_MIN_SIDE, SH_VIDEO_MIN_SIDE);
        if (st.jumps)
            logf_("info", "camera %lld: %lld timestamp jump(s), the sampling clock re-anchored", (long long)w->id, (long long)st.jumps);
        if (stopping(x, w))
            break;
        if (mono_ms() >= once_until) {
            logf_("info", "camera %lld: %s read for %d s, %lld frames (--once)", (long long)w->id, shown, x->o.once_s, (long long)frames);
            break;
        }
        int ran_long = frames > 0 && mono_ms() - opened >= 30000;
        if (rc == 0 && file && frames > 0) {
            logf_("info", "camera %lld: %s ended after %lld frames (%lld undecodable packets skipped)", (long long)w->id, shown,
                  (long long)frames, (long long)st.bad_packets);
            if (x->o.once || !x->o.loop_files)
                break;
            backoff = 1000;
            continue; /* loop the file */
        }
        sh_metrics_camera_add(x->metrics, w->id, &(sh_cam_delta){.errors = 1});
        sh_scrub_credentials(err.message);
        if (rc == 0)
            logf_("warn", "camera %lld: %s ended after %lld frames", (long long)w->id, shown, (long long)frames);
        else
            logf_("warn", "camera %lld: %s failed after %lld frames: %s", (long long)w->id, shown, (long long)frames, err.message);
        if (x->o.once)
            break;
        if (ran_long)
            backoff = 1000;
        logf_("info", "camera %lld: opening again in %lld s", (long long)w->id, (long long)backoff / 1000);
        nap(x, w, backoff);
        backoff = backoff * 2 > max_backoff ? max_backoff : backoff * 2;
    }
out:
    sh_prefilter_free(pf);
    sh_motion_free(motion);
    atomic_store(&w->done, 1);
    return NULL;
}

static worker *worker_start(ctx *x, const json_t *cam)
{
    worker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->x = x;
    w->id = json_integer_value(json_object_get(cam, "id"));
    w->cam = json_deep_copy(cam);
    sh_metrics_camera(x->metrics, w->id, json_string_value(json_object_get(cam, "name")), 1);
    if (pthread_create(&w->th, NULL, camera_main, w)) {
        json_decref(w->cam);
        free(w);
        return NULL;
    }
    return w;
}

static void worker_join(worker *w)
{
    pthread_join(w->th, NULL);
    json_decref(w->cam);
    free(w);
}

/* Stops and joins every worker (after a last heartbeat of the cameras heard since the previous one,
   when c is given). */
static void workers_end(ctx *x, sh_client *c)
{
    for (worker *w = x->workers; w; w = w->next)
        atomic_store(&w->stop, 1);
    for (worker *w = x->retired; w; w = w->next)
        atomic_store(&w->stop, 1);
    for (worker *w = x->workers; w; w = w->next)
        pthread_join(w->th, NULL);
    if (c) {
        if (x->o.once)
            sh_metrics_summarise(x->metrics, x->o.fps);
        else
            sh_metrics_tick(x->metrics, now_ms(), 1000);
        heartbeats(x, c);
    }
    while (x->workers) {
        worker *w = x->workers;
        x->workers = w->next;
        json_decref(w->cam);
        free(w);
    }
}

/* ---- configuration ---- */

static int mine(const ctx *x, int64_t id) { return x->o.shards <= 1 || id % x->o.shards == x->o.shard; }

/* Applies a configuration: new rules, workers started for new cameras, restarted for changed ones,
 * retired for the ones gone. Main thread only (the lists are changed under x->mu for readers). */
static void apply_config(ctx *x, const json_t *config)
{
    sh_vrules *vr = NULL;
    sh_err err = {0};
    if (sh_vrules_from_json(config, &vr, &err) == 0) {
        if (sh_vrules_platform_check(vr, "no_mask") && !x->bf) /* said on each refresh: the county thinks it runs */
            logf_("warn", "the experimental no_mask check is on but no face model is loaded (--face_model): it does not run");
        rules_ref *r = calloc(1, sizeof *r);
        if (r) {
            r->r = vr;
            r->refs = 1;
            pthread_mutex_lock(&x->mu);
            rules_ref *old = x->rules;
            x->rules = r;
            pthread_mutex_unlock(&x->mu);
            rules_put(x, old);
        } else {
            sh_vrules_free(vr);
        }
    }
    const json_t *cams = json_object_get(config, "cameras");
    /* retire the workers whose camera is gone or changed */
    worker **pp = &x->workers;
    while (*pp) {
        worker *w = *pp;
        const json_t *now = NULL, *c;
        size_t i;
        json_array_foreach(cams, i, c)
            if (json_integer_value(json_object_get(c, "id")) == w->id)
                now = c;
        if (now && json_equal((json_t *)now, w->cam)) { /* unchanged: running, or ended by itself */
            pp = &w->next;
            continue;
        }
        if (!atomic_load(&w->done))
            logf_("info", "camera %lld: %s", (long long)w->id, now ? "configuration changed, restarting" : "no longer listed, stopping");
        if (!now)
            sh_metrics_camera(x->metrics, w->id, json_string_value(json_object_get(w->cam, "name")), 0);
        atomic_store(&w->stop, 1);
        *pp = w->next;
        w->next = x->retired;
        x->retired = w;
    }
    /* start the new ones (a worker that stopped by itself, e.g. a file that ended, stays stopped:
       with once it is done, and without once only a change of configuration restarts it) */
    size_t i;
    const json_t *c;
    json_array_foreach(cams, i, c) {
        int64_t id = json_integer_value(json_object_get(c, "id"));
        if (id <= 0 || !mine(x, id))
            continue;
        int have = 0;
        for (worker *w = x->workers; w; w = w->next)
            have |= w->id == id;
        if (have)
            continue;
        worker *w = worker_start(x, c);
        if (!w) {
            logf_("error", "camera %lld: cannot start a thread", (long long)id);
            continue;
        }
        char shown[600];
        const char *url = json_string_value(json_object_get(w->cam, "stream_url"));
        logf_("info", "camera %lld (%s): %s", (long long)id, json_string_value(json_object_get(c, "name")),
              sh_redact_url(url ? url : "", shown, sizeof shown));
        w->next = x->workers;
        x->workers = w;
    }
}

static void reap(ctx *x, int all)
{
    worker **pp = &x->retired;
    while (*pp) {
        worker *w = *pp;
        if (all || atomic_load(&w->done)) {
            *pp = w->next;
            worker_join(w);
        } else {
            pp = &w->next;
        }
    }
}

/* ---- the sender ---- */

/* The sender's figures and the queue's, to the metrics (sender thread only: it owns x->sent). */
static void publish(ctx *x)
{
    sh_obs_queue_stats qs;
    sh_obs_queue_stats_get(x->queue, &qs);
    sh_sender_figures *f = &x->sent;
    f->dropped = qs.dropped, f->queued = qs.queued, f->queue_length = qs.length, f->queue_capacity = qs.capacity;
    sh_metrics_sender(x->metrics, f);
}

static void *sender_main(void *arg)
{
    ctx *x = arg;
    sh_client *c = NULL;
    sh_err err = {0};
    if (sh_client_new(x->o.server, x->o.token, x->o.http_timeout_ms, &c, &err)) {
        logf_("error", "sender: %s", err.message);
        return NULL;
    }
    int64_t backoff = 1000, max_backoff = (int64_t)x->o.backoff_max_s * 1000;
    sh_sender_figures *f = &x->sent;
    while (!atomic_load(&x->abort_send)) {
        sh_obs_item *it = sh_obs_queue_peek(x->queue, 500);
        if (!it) {
            publish(x);
            sh_obs_queue_stats qs;
            sh_obs_queue_stats_get(x->queue, &qs);
            if (qs.length == 0 && *x->stop == 2) /* closed and drained */
                break;
            continue;
        }
        int status = 0;
        it->attempts++;
        if (it->json)
            sh_client_post_observation(c, it, &status, &err);
        else
            sh_client_post_picture(c, (long long)it->camera_id, it->jpeg, it->jpeg_len, &status, &err);
        if (status == 200 || status == 201) {
            if (it->json) /* the figures count observations; pictures are routine */
                status == 201 ? f->posted++ : f->duplicates++;
            sh_obs_queue_pop(x->queue, it);
            backoff = 1000;
        } else if (status == 0 || status >= 500 || status == 429 || status == 408) {
            f->failures++;
            logf_("warn", "posting an observation of camera %lld (attempt %d): %s; again in %lld s", (long long)it->camera_id, it->attempts,
                  err.message, (long long)backoff / 1000);
            int64_t until = mono_ms() + backoff;
            for (int n = 0; !atomic_load(&x->abort_send) && mono_ms() < until; n++) {
                if (n % 10 == 0)
                    publish(x);
                usleep(50000);
            }
            backoff = backoff * 2 > max_backoff ? max_backoff : backoff * 2;
        } else {
            f->rejected++;
            logf_("error", "the server refused an observation of camera %lld: %s", (long long)it->camera_id, err.message);
            sh_obs_queue_pop(x->queue, it);
        }
        publish(x);
    }
    sh_client_free(c);
    return NULL;
}

/* ---- heartbeats ---- */

static void heartbeats(ctx *x, sh_client *c)
{
    for (worker *w = x->workers; w; w = w->next) {
        if (!sh_metrics_camera_heard(x->metrics, w->id))
            continue; /* a camera that delivers nothing sends no heartbeat: the platform sees it go off line */
        json_t *h = sh_metrics_health(x->metrics, w->id);
        int status = 0;
        sh_err err = {0};
        sh_client_heartbeat(c, (long long)w->id, h, &status, &err);
        json_decref(h);
        if (status == 0) {
            logf_("warn", "heartbeats: %s", err.message);
            break; /* the server is away: the next round tries again */
        }
        if (status != 200)
            logf_("warn", "heartbeat of camera %lld: %s", (long long)w->id, err.message);
    }
}

/* ---- the run ---- */

static int check_opts(const sh_analyser_opts *o, sh_err *err)
{
    if (!o->server || !o->token)
        return sh_fail(err, SH_EINVAL, o->server ? "token" : "server", "--server=URL and --token=TOKEN are required");
    if (!(o->fps > 0 && o->fps <= 60))
        return sh_fail(err, SH_EINVAL, "fps", "frames a second to analyse: more than 0, at most 60");
    if (o->threads < 1 || o->threads > 64)
        return sh_fail(err, SH_EINVAL, "threads", "detectors: 1..64");
    if (o->width < 0 || o->width > 8192 || o->metrics_port < -1 || o->metrics_port > 65535 || o->full_every_s < 1 || o->refresh_s < 1 ||
        o->heartbeat_s < 1 || o->backoff_max_s < 1 || o->http_timeout_ms < 100 || o->stream_timeout_ms < 100)
        return sh_fail(err, SH_EINVAL, "options", "width 0..8192, metrics_port -1..65535, periods of at least a second");
    if (o->snapshot_max < 4096 || o->snapshot_max > 8 * 1024 * 1024)
        return sh_fail(err, SH_EINVAL, "snapshot_max", "snapshot bytes: 4096..8388608");
    if (!(o->min_score > 0 && o->min_score < 1))
        return sh_fail(err, SH_EINVAL, "min_score", "detector threshold: between 0 and 1");
    if (o->shards < 1 || o->shard < 0 || o->shard >= o->shards)
        return sh_fail(err, SH_EINVAL, "shard", "--shard=K/N with 0 <= K < N");
    return 0;
}

int sh_analyser_run(const sh_analyser_opts *o, volatile sig_atomic_t *stop, sh_err *err)
{
    int rc = check_opts(o, err);
    if (rc)
        return rc;
    ctx *x = calloc(1, sizeof *x);
    if (!x)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    x->o = *o;
    x->stop = stop;
    if (x->o.flush_s < 0)
        x->o.flush_s = o->once ? 30 : 5;
    pthread_mutex_init(&x->mu, NULL);
    pthread_mutex_init(&x->dmu, NULL);
    pthread_cond_init(&x->dcv, NULL);
    const char *base = strrchr(o->model, '/');
    snprintf(x->model_name, sizeof x->model_name, "%s", base ? base + 1 : o->model);
    char *dot = strrchr(x->model_name, '.');
    if (dot)
        *dot = 0;
    sh_client *c = NULL;
    sh_metrics_server *ms = NULL;
    json_t *config = NULL;
    pthread_t sender;
    int sender_up = 0;
    int threads = o->threads;
    x->nd = calloc((size_t)threads, sizeof *x->nd);
    x->busy = calloc((size_t)threads, sizeof *x->busy);
    if (!x->nd || !x->busy) {
        rc = sh_fail(err, SH_EINTERNAL, "", "out of memory");
        goto done;
    }
    /* several detectors side by side: one BLAS thread each, else they fight for the cores */
    if (threads > 1)
        openblas_set_num_threads(1);
    double t0 = mono_ms_f();
    if (o->labels && (rc = read_labels(o->labels, &x->labels, &x->nlabels, err)) != 0)
        goto done;
    for (int i = 0; i < threads; i++)
        if ((rc = sh_nanodet_open_labels(o->model, (const char *const *)x->labels, x->nlabels, &x->nd[i], err)) != 0)
            goto done;
    logf_("info", "model %s loaded %d time(s) in %.0f ms (input %dx%d)", o->model, threads, mono_ms_f() - t0, x->nd[0]->size, x->nd[0]->size);
    if (o->face_model && *o->face_model) { /* optional: without it, no faces in the health */
        sh_err ferr = {0};
        x->bf = calloc((size_t)threads, sizeof *x->bf);
        for (int i = 0; x->bf && i < threads; i++)
            if (sh_blazeface_open(o->face_model, &x->bf[i], &ferr)) {
                logf_("warn", "face model %s: %s; faces are not counted", o->face_model, ferr.message);
                for (int j = 0; j < i; j++)
                    sh_blazeface_close(x->bf[j]);
                free(x->bf);
                x->bf = NULL;
            }
        if (x->bf)
            logf_("info", "face model %s loaded (input %dx%d)", o->face_model, x->bf[0]->size, x->bf[0]->size);
    }
    if ((rc = sh_metrics_new(&x->metrics, err)) || (rc = sh_obs_queue_new(o->queue, &x->queue, err)) ||
        (rc = sh_client_new(o->server, o->token, o->http_timeout_ms, &c, err)))
        goto done;
    if (o->metrics_port >= 0) {
        int port = 0;
        if ((rc = sh_metrics_serve(x->metrics, o->metrics_port, &ms, &port, err)) != 0)
            goto done;
        logf_("info", "metrics on http://0.0.0.0:%d/metrics", port);
    }
    /* the first configuration: without it there is nothing to do */
    for (int64_t backoff = 1000;;) {
        rc = sh_client_config(c, &config, err);
        if (rc == 0)
            break;
        if (rc == SH_EAUTH || rc == SH_EPERM || o->once || *stop) {
            logf_("error", "cannot get the cameras from %s: %s", o->server, err->message);
            goto done;
        }
        logf_("warn", "cannot get the cameras from %s: %s; again in %lld s", o->server, err->message, (long long)backoff / 1000);
        nap(x, NULL, backoff);
        if (*stop) {
            rc = 0;
            goto done;
        }
        backoff = backoff * 2 > (int64_t)o->backoff_max_s * 1000 ? (int64_t)o->backoff_max_s * 1000 : backoff * 2;
    }
    logf_("info", "%zu camera(s) from %s", json_array_size(json_object_get(config, "cameras")), o->server);
    if (pthread_create(&sender, NULL, sender_main, x) == 0)
        sender_up = 1;
    apply_config(x, config);
    json_decref(config);
    config = NULL;
    int64_t last_refresh = mono_ms(), last_tick = mono_ms(), last_beat = mono_ms();
    sh_metrics_tick(x->metrics, now_ms(), 0);
    while (!*stop) {
        nap(x, NULL, 200);
        int64_t t = mono_ms();
        if (t - last_tick >= 5000) {
            sh_metrics_tick(x->metrics, now_ms(), 1000);
            last_tick = t;
        }
        if (t - last_beat >= (int64_t)o->heartbeat_s * 1000) {
            sh_metrics_tick(x->metrics, now_ms(), 1000);
            heartbeats(x, c);
            last_beat = t;
        }
        reap(x, 0);
        if (o->once) {
            int busy = 0;
            for (worker *w = x->workers; w; w = w->next)
                busy |= !atomic_load(&w->done);
            if (!busy)
                break;
        } else if (t - last_refresh >= (int64_t)o->refresh_s * 1000) {
            last_refresh = t;
            sh_err e2 = {0};
            if (sh_client_config(c, &config, &e2) == 0) {
                apply_config(x, config);
                json_decref(config);
                config = NULL;
            } else {
                logf_("warn", "refreshing the cameras: %s (the current ones stay)", e2.message);
            }
        }
    }
    /* the end: stop the cameras, a last heartbeat, post what is queued (for a while) */
    int by_signal = *stop != 0;
    *stop = 1; /* wakes every nap */
    workers_end(x, c);
    reap(x, 1);
    *stop = 2; /* the sender: leave when drained */
    sh_obs_queue_close(x->queue);
    int64_t deadline = mono_ms() + (int64_t)x->o.flush_s * 1000;
    if (sender_up) {
        for (;;) {
            sh_obs_queue_stats qs;
            sh_obs_queue_stats_get(x->queue, &qs);
            if (qs.length == 0 || mono_ms() >= deadline)
                break;
            usleep(50000);
        }
        atomic_store(&x->abort_send, 1);
        pthread_join(sender, NULL);
    }
    sh_obs_queue_stats qs;
    sh_obs_queue_stats_get(x->queue, &qs);
    if (qs.length)
        logf_("warn", "%d observation(s) not posted at the end", qs.length);
    logf_("info", "posted %lld observation(s) (%lld duplicates, %lld refused, %lld failed attempts, %lld dropped)%s",
          (long long)x->sent.posted, (long long)x->sent.duplicates, (long long)x->sent.rejected, (long long)x->sent.failures,
          (long long)qs.dropped, by_signal ? "; stopped by a signal" : "");
    rc = 0;
done:
    json_decref(config);
    if (x->workers || x->retired) { /* a start that failed half-way */
        *stop = 1;
        workers_end(x, NULL);
        reap(x, 1);
    }
    sh_metrics_server_stop(ms);
    sh_client_free(c);
    sh_obs_queue_free(x->queue);
    sh_metrics_free(x->metrics);
    for (int i = 0; x->nd && i < threads; i++)
        sh_nanodet_close(x->nd[i]);
    for (int i = 0; x->bf && i < threads; i++)
        sh_blazeface_close(x->bf[i]);
    free(x->bf);
    free(x->nd);
    free(x->busy);
    for (int i = 0; i < x->nlabels; i++)
        free(x->labels[i]);
    free(x->labels);
    if (x->rules) {
        sh_vrules_free(x->rules->r);
        free(x->rules);
    }
    pthread_mutex_destroy(&x->mu);
    pthread_mutex_destroy(&x->dmu);
    pthread_cond_destroy(&x->dcv);
    free(x);
    return rc;
}
