#include "vision/metrics.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_MODELS 4

typedef struct {
    int64_t id;
    char name[96];
    int configured, up, heard;
    int64_t first_at, last_at; /* monotonic ms of the first and the latest sampled frame */
    sh_cam_delta total;
    sh_cam_delta at_tick; /* the counters at the last tick */
    double decode_fps, sample_fps, detect_fps, motion_share, inference_ms;
    int faces, faces_known; /* the latest full frame's faces, once counted */
} cam;

struct sh_metrics {
    pthread_mutex_t mu;
    cam *cams;
    int n, cap;
    struct {
        char name[32];
        int64_t runs, runs_at_tick;
        double ms, ms_at_tick, window_ms; /* mean over the last window */
    } models[MAX_MODELS];
    int n_models;
    sh_sender_figures sender;
    int64_t tick_at;
};

int sh_metrics_new(sh_metrics **ret, sh_err *err)
{
    sh_metrics *m = calloc(1, sizeof *m);
    if (!m)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    pthread_mutex_init(&m->mu, NULL);
    *ret = m;
    return 0;
}

void sh_metrics_free(sh_metrics *m)
{
    if (!m)
        return;
    pthread_mutex_destroy(&m->mu);
    free(m->cams);
    free(m);
}

/* under the lock */
static cam *find(sh_metrics *m, int64_t id)
{
    for (int i = 0; i < m->n; i++)
        if (m->cams[i].id == id)
            return &m->cams[i];
    return NULL;
}

void sh_metrics_camera(sh_metrics *m, int64_t id, const char *name, int configured)
{
    pthread_mutex_lock(&m->mu);
    cam *c = find(m, id);
    if (!c && m->n == m->cap) {
        int cap = m->cap ? m->cap * 2 : 16;
        cam *n = realloc(m->cams, (size_t)cap * sizeof *n);
        if (n)
            m->cams = n, m->cap = cap;
    }
    if (!c && m->n < m->cap) {
        c = &m->cams[m->n++];
        *c = (cam){.id = id};
    }
    if (c) {
        snprintf(c->name, sizeof c->name, "%s", name ? name : "");
        c->configured = configured;
        if (!configured)
            c->up = 0;
    }
    pthread_mutex_unlock(&m->mu);
}

void sh_metrics_camera_add(sh_metrics *m, int64_t id, const sh_cam_delta *d)
{
    pthread_mutex_lock(&m->mu);
    cam *c = find(m, id);
    if (c) {
        c->total.decoded += d->decoded;
        c->total.frames += d->frames;
        c->total.motion += d->motion;
        c->total.grey += d->grey;
        c->total.detect_runs += d->detect_runs;
        c->total.skipped += d->skipped;
        c->total.detections += d->detections;
        c->total.observations += d->observations;
        c->total.reconnects += d->reconnects;
        c->total.errors += d->errors;
        c->total.inference_ms += d->inference_ms;
        c->total.jumps += d->jumps;
        c->total.small_frames += d->small_frames;
        if (d->small_width || d->small_height)
            c->total.small_width = d->small_width, c->total.small_height = d->small_height;
        if (d->small_frames)
            c->heard = 1; /* a stream of frames too small to analyse is heard, so its health says so */
        if (d->frames) {
            struct timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            c->last_at = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
            if (!c->first_at)
                c->first_at = c->last_at;
            c->heard = 1;
        }
    }
    pthread_mutex_unlock(&m->mu);
}

void sh_metrics_camera_up(sh_metrics *m, int64_t id, int up)
{
    pthread_mutex_lock(&m->mu);
    cam *c = find(m, id);
    if (c)
        c->up = up;
    pthread_mutex_unlock(&m->mu);
}

int sh_metrics_camera_heard(sh_metrics *m, int64_t id)
{
    pthread_mutex_lock(&m->mu);
    cam *c = find(m, id);
    int heard = c && c->heard;
    if (c)
        c->heard = 0;
    pthread_mutex_unlock(&m->mu);
    return heard;
}

void sh_metrics_model_add(sh_metrics *m, const char *model, double ms)
{
    pthread_mutex_lock(&m->mu);
    int i = 0;
    while (i < m->n_models && strcmp(m->models[i].name, model))
        i++;
    if (i == m->n_models && m->n_models < MAX_MODELS)
        snprintf(m->models[m->n_models++].name, sizeof m->models[0].name, "%s", model);
    if (i < m->n_models) {
        m->models[i].runs++;
        m->models[i].ms += ms;
    }
    pthread_mutex_unlock(&m->mu);
}

void sh_metrics_sender(sh_metrics *m, const sh_sender_figures *f)
{
    pthread_mutex_lock(&m->mu);
    m->sender = *f;
    pthread_mutex_unlock(&m->mu);
}

void sh_metrics_tick(sh_metrics *m, int64_t now_ms, int64_t min_window_ms)
{
    pthread_mutex_lock(&m->mu);
    if (m->tick_at && now_ms - m->tick_at < min_window_ms) {
        pthread_mutex_unlock(&m->mu);
        return;
    }
    double dt = m->tick_at ? (now_ms - m->tick_at) / 1000.0 : 0;
    for (int i = 0; dt > 0 && i < m->n; i++) {
        cam *c = &m->cams[i];
        const sh_cam_delta *a = &c->at_tick, *t = &c->total;
        c->decode_fps = (t->decoded - a->decoded) / dt;
        c->sample_fps = (t->frames - a->frames) / dt;
        c->detect_fps = (t->detect_runs - a->detect_runs) / dt;
        int64_t frames = t->frames - a->frames, runs = t->detect_runs - a->detect_runs;
        c->motion_share = frames ? (double)(t->motion - a->motion) / frames : 0;
        c->inference_ms = runs ? (t->inference_ms - a->inference_ms) / runs : c->inference_ms;
    }
    for (int i = 0; i < m->n; i++)
        m->cams[i].at_tick = m->cams[i].total;
    for (int i = 0; i < m->n_models; i++) {
        int64_t runs = m->models[i].runs - m->models[i].runs_at_tick;
        if (runs)
            m->models[i].window_ms = (m->models[i].ms - m->models[i].ms_at_tick) / runs;
        m->models[i].runs_at_tick = m->models[i].runs;
        m->models[i].ms_at_tick = m->models[i].ms;
    }
    m->tick_at = now_ms;
    pthread_mutex_unlock(&m->mu);
}

void sh_metrics_summarise(sh_metrics *m, double sample_fps)
{
    pthread_mutex_lock(&m->mu);
    for (int i = 0; i < m->n; i++) {
        cam *c = &m->cams[i];
        const sh_cam_delta *t = &c->total;
        /* n frames span n - 1 intervals; a single frame (or frames all at one time) its period */
        double dt = t->frames > 1 ? (c->last_at - c->first_at) / 1000.0 * t->frames / (t->frames - 1) : 0;
        if (dt <= 0 && t->frames > 0 && sample_fps > 0)
            dt = t->frames / sample_fps;
        c->inference_ms = t->detect_runs ? t->inference_ms / t->detect_runs : c->inference_ms;
        if (dt <= 0)
            continue;
        c->decode_fps = t->decoded / dt;
        c->sample_fps = t->frames / dt;
        c->detect_fps = t->detect_runs / dt;
        c->motion_share = t->frames ? (double)t->motion / t->frames : 0;
        c->inference_ms = t->detect_runs ? t->inference_ms / t->detect_runs : 0;
    }
    pthread_mutex_unlock(&m->mu);
}

static double round3(double v) { return (double)(int64_t)(v * 1000 + (v >= 0 ? 0.5 : -0.5)) / 1000; }

void sh_metrics_camera_faces(sh_metrics *m, int64_t id, int faces)
{
    pthread_mutex_lock(&m->mu);
    cam *c = find(m, id);
    if (c)
        c->faces = faces, c->faces_known = 1;
    pthread_mutex_unlock(&m->mu);
}

json_t *sh_metrics_health(sh_metrics *m, int64_t id)
{
    pthread_mutex_lock(&m->mu);
    cam *c = find(m, id);
    json_t *h = c ? json_pack("{s:f, s:f, s:f, s:I, s:f, s:f, s:I, s:I, s:I, s:I}", "decode_fps", round3(c->decode_fps), "detect_fps",
                              round3(c->detect_fps), "sample_fps", round3(c->sample_fps), "skipped_frames", (json_int_t)c->total.skipped,
                              "motion_share", round3(c->motion_share), "inference_ms", round3(c->inference_ms), "frames",
                              (json_int_t)c->total.frames, "detections", (json_int_t)c->total.detections, "observations",
                              (json_int_t)c->total.observations, "reconnects", (json_int_t)c->total.reconnects)
                  : NULL;
    if (h) {
        json_object_set_new(h, "grey_frames", json_integer(c->total.grey));
        json_object_set_new(h, "timestamp_jumps", json_integer(c->total.jumps));
        json_object_set_new(h, "small_frames", json_integer(c->total.small_frames));
        if (c->total.small_frames) {
            json_object_set_new(h, "small_width", json_integer(c->total.small_width));
            json_object_set_new(h, "small_height", json_integer(c->total.small_height));
        }
    }
    if (h && c->faces_known)
        json_object_set_new(h, "faces", json_integer(c->faces));
    pthread_mutex_unlock(&m->mu);
    return h;
}

/* A label value with \, " and newlines escaped, as the exposition format asks. */
static void label_value(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\' || *s == '"')
            fputc('\\', f), fputc(*s, f);
        else if (*s == '\n')
            fputs("\\n", f);
        else
            fputc(*s, f);
    }
}

typedef enum { F_DECODE_FPS, F_SAMPLE_FPS, F_DETECT_FPS, F_MOTION, F_INFER, F_UP, F_FACES } gauge_field;

static double gauge(const cam *c, gauge_field g)
{
    switch (g) {
    case F_DECODE_FPS: return c->decode_fps;
    case F_SAMPLE_FPS: return c->sample_fps;
    case F_DETECT_FPS: return c->detect_fps;
    case F_MOTION: return c->motion_share;
    case F_INFER: return c->inference_ms;
    case F_UP: return c->up;
    case F_FACES: return c->faces;
    }
    return 0;
}

static int64_t counter(const cam *c, int k)
{
    const sh_cam_delta *t = &c->total;
    const int64_t v[] = {t->decoded, t->frames, t->motion, t->detect_runs, t->skipped, t->detections, t->observations, t->reconnects, t->errors};
    return v[k];
}

char *sh_metrics_render(sh_metrics *m)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return NULL;
    static const struct {
        const char *name, *help;
    } gauges[] = {
        {"shian_vision_camera_decode_fps", "Frames a second the decoder produced."},
        {"shian_vision_camera_sample_fps", "Frames a second sampled for analysis (--fps)."},
        {"shian_vision_camera_detect_fps", "Frames a second the detector ran on (motion or the periodic full frame)."},
        {"shian_vision_camera_motion_share", "Share of sampled frames with motion."},
        {"shian_vision_camera_inference_ms", "Mean detector time per detected frame, milliseconds."},
        {"shian_vision_camera_up", "1 while the stream is open and delivering frames."},
        {"shian_vision_camera_faces", "Faces (BlazeFace) in the latest full frame; 0 before the first."},
    };
    static const struct {
        const char *name, *help;
    } counters[] = {
        {"shian_vision_camera_decoded_frames_total", "Frames decoded."},
        {"shian_vision_camera_frames_total", "Frames sampled for analysis."},
        {"shian_vision_camera_motion_frames_total", "Sampled frames with motion."},
        {"shian_vision_camera_detect_runs_total", "Frames the detector ran on."},
        {"shian_vision_camera_skipped_frames_total", "Frames that wanted the detector while every detector was busy."},
        {"shian_vision_camera_detections_total", "Detections that passed the platform's rules."},
        {"shian_vision_camera_observations_total", "Observations queued for the server after the local pre-filter."},
        {"shian_vision_camera_reconnects_total", "Times the stream was opened again after a failure or the end of a file."},
        {"shian_vision_camera_errors_total", "Failures to open or read the stream."},
    };
    pthread_mutex_lock(&m->mu);
    for (size_t g = 0; g < sizeof gauges / sizeof *gauges; g++) {
        fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n", gauges[g].name, gauges[g].help, gauges[g].name);
        for (int i = 0; i < m->n; i++) {
            if (!m->cams[i].configured)
                continue;
            fprintf(f, "%s{camera=\"%lld\",name=\"", gauges[g].name, (long long)m->cams[i].id);
            label_value(f, m->cams[i].name);
            fprintf(f, "\"} %.6g\n", gauge(&m->cams[i], (gauge_field)g));
        }
    }
    for (size_t k = 0; k < sizeof counters / sizeof *counters; k++) {
        fprintf(f, "# HELP %s %s\n# TYPE %s counter\n", counters[k].name, counters[k].help, counters[k].name);
        for (int i = 0; i < m->n; i++)
            fprintf(f, "%s{camera=\"%lld\"} %lld\n", counters[k].name, (long long)m->cams[i].id, (long long)counter(&m->cams[i], (int)k));
    }
    fputs("# HELP shian_vision_model_inference_ms Mean inference time per run over the last window, milliseconds.\n"
          "# TYPE shian_vision_model_inference_ms gauge\n",
          f);
    for (int i = 0; i < m->n_models; i++)
        fprintf(f, "shian_vision_model_inference_ms{model=\"%s\"} %.6g\n", m->models[i].name, m->models[i].window_ms);
    fputs("# HELP shian_vision_model_runs_total Inference runs.\n# TYPE shian_vision_model_runs_total counter\n", f);
    for (int i = 0; i < m->n_models; i++)
        fprintf(f, "shian_vision_model_runs_total{model=\"%s\"} %lld\n", m->models[i].name, (long long)m->models[i].runs);
    fputs("# HELP shian_vision_model_inference_seconds_total Time spent in inference.\n"
          "# TYPE shian_vision_model_inference_seconds_total counter\n",
          f);
    for (int i = 0; i < m->n_models; i++)
        fprintf(f, "shian_vision_model_inference_seconds_total{model=\"%s\"} %.6f\n", m->models[i].name, m->models[i].ms / 1000);
    const sh_sender_figures *s = &m->sender;
    fprintf(f,
            "# HELP shian_vision_posts_total Observations the server accepted (201) or knew already (200 duplicate).\n"
            "# TYPE shian_vision_posts_total counter\n"
            "shian_vision_posts_total{result=\"created\"} %lld\n"
            "shian_vision_posts_total{result=\"duplicate\"} %lld\n"
            "shian_vision_posts_total{result=\"rejected\"} %lld\n"
            "# HELP shian_vision_post_failures_total Attempts that failed and were retried (network, 5xx, 429).\n"
            "# TYPE shian_vision_post_failures_total counter\n"
            "shian_vision_post_failures_total %lld\n"
            "# HELP shian_vision_queue_dropped_total Observations dropped, oldest first, because the queue was full.\n"
            "# TYPE shian_vision_queue_dropped_total counter\n"
            "shian_vision_queue_dropped_total %lld\n"
            "# HELP shian_vision_queue_length Observations waiting to be posted.\n"
            "# TYPE shian_vision_queue_length gauge\n"
            "shian_vision_queue_length %d\n"
            "# HELP shian_vision_queue_capacity Longest the queue may grow.\n"
            "# TYPE shian_vision_queue_capacity gauge\n"
            "shian_vision_queue_capacity %d\n",
            (long long)s->posted, (long long)s->duplicates, (long long)s->rejected, (long long)s->failures, (long long)s->dropped,
            s->queue_length, s->queue_capacity);
    pthread_mutex_unlock(&m->mu);
    fclose(f);
    return text;
}

struct sh_metrics_server {
    struct MHD_Daemon *d;
    sh_metrics *m;
};

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url, const char *method, const char *version,
                              const char *upload, size_t *upload_len, void **state)
{
    (void)version, (void)upload, (void)upload_len, (void)state;
    sh_metrics_server *s = cls;
    struct MHD_Response *r;
    unsigned status = MHD_HTTP_OK;
    if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
        static const char msg[] = "only GET\n";
        r = MHD_create_response_from_buffer(sizeof msg - 1, (void *)msg, MHD_RESPMEM_PERSISTENT);
        status = MHD_HTTP_METHOD_NOT_ALLOWED;
    } else if (strcmp(url, "/metrics")) {
        static const char msg[] = "shian-vision: see /metrics\n";
        r = MHD_create_response_from_buffer(sizeof msg - 1, (void *)msg, MHD_RESPMEM_PERSISTENT);
        status = MHD_HTTP_NOT_FOUND;
    } else {
        char *text = sh_metrics_render(s->m);
        if (!text)
            return MHD_NO;
        r = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
        MHD_add_response_header(r, "Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    }
    enum MHD_Result ret = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ret;
}

int sh_metrics_serve(sh_metrics *m, int port, sh_metrics_server **ret, int *ret_port, sh_err *err)
{
    if (port < 0 || port > 65535)
        return sh_fail(err, SH_EINVAL, "metrics_port", "a port 0..65535");
    sh_metrics_server *s = calloc(1, sizeof *s);
    if (!s)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    s->m = m;
    s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL, answer, s,
                            MHD_OPTION_CONNECTION_LIMIT, (unsigned)32, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10, MHD_OPTION_END);
    if (!s->d) {
        free(s);
        return sh_fail(err, SH_EINTERNAL, "metrics_port", "cannot listen on port %d", port);
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    if (ret_port)
        *ret_port = info ? info->port : port;
    *ret = s;
    return 0;
}

void sh_metrics_server_stop(sh_metrics_server *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->d);
    free(s);
}
