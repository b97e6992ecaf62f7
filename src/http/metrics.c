/* The request counters of /metrics (http/metrics.h): a fixed open-addressed table under one mutex,
 * held for a few hundred nanoseconds a request. */
#include "http/metrics.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* seconds: from a cached read to a PDF or a large import */
static const double BOUNDS[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
#define NBOUNDS (sizeof BOUNDS / sizeof BOUNDS[0])
#define SLOTS 1024  /* a power of two above routes × methods (about 300 today) */
#define STATUSES 12 /* distinct statuses kept per route; the last counts any further one ("other") */

typedef struct slot {
    const char *pattern; /* NULL: free */
    const char *method;  /* one of METHODS */
    struct { int code; uint64_t n; } status[STATUSES];
    uint64_t bucket[NBOUNDS]; /* not cumulative; summed when rendered */
    uint64_t count;
    int64_t sum_ns;
} slot;

static const char *const METHODS[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"};
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static slot table[SLOTS];
static slot overflow = {.pattern = "other", .method = "OTHER"}; /* never reached with the routes of today */

static const char *method_name(const char *m)
{
    for (size_t i = 0; i + 1 < sizeof METHODS / sizeof METHODS[0]; i++)
        if (m && !strcmp(m, METHODS[i]))
            return METHODS[i];
    return "OTHER";
}

/* Patterns are compared by address first (they come from the route tables), then by text. */
static slot *find(const char *pattern, const char *method)
{
    uintptr_t h = 0;
    for (const char *p = pattern; *p; p++)
        h = h * 31 + (unsigned char)*p;
    h = h * 31 + (uintptr_t)(const void *)method;
    for (size_t i = 0; i < SLOTS; i++) {
        slot *s = &table[(h + i) & (SLOTS - 1)];
        if (!s->pattern) {
            s->pattern = pattern;
            s->method = method;
            return s;
        }
        if (s->method == method && (s->pattern == pattern || !strcmp(s->pattern, pattern)))
            return s;
    }
    return &overflow;
}

void sh_metrics_request(const char *pattern, const char *method, int status, int64_t ns)
{
    const char *m = method_name(method);
    double secs = (double)ns / 1e9;
    pthread_mutex_lock(&lock);
    slot *s = find(pattern, m);
    int k = 0;
    while (k < STATUSES - 1 && s->status[k].code && s->status[k].code != status)
        k++;
    if (k < STATUSES - 1)
        s->status[k].code = status; /* the last keeps code 0: "other" */
    s->status[k].n++;
    for (size_t b = 0; b < NBOUNDS; b++)
        if (secs <= BOUNDS[b]) {
            s->bucket[b]++;
            break;
        }
    s->count++;
    s->sum_ns += ns;
    pthread_mutex_unlock(&lock);
}

void sh_metrics_label(sh_buf *out, const char *value)
{
    sh_buf_addc(out, '"');
    for (const char *p = value; *p; p++) {
        if (*p == '\\' || *p == '"')
            sh_buf_addc(out, '\\');
        if (*p == '\n')
            sh_buf_adds(out, "\\n");
        else
            sh_buf_addc(out, *p);
    }
    sh_buf_addc(out, '"');
}

static void labels(sh_buf *out, const slot *s)
{
    sh_buf_adds(out, "{route=");
    sh_metrics_label(out, s->pattern);
    sh_buf_adds(out, ",method=");
    sh_metrics_label(out, s->method);
}

void sh_metrics_render_requests(sh_buf *out)
{
    static slot copy[SLOTS + 1]; /* rendered from a copy, so the lock is not held while formatting */
    static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&render_lock);
    pthread_mutex_lock(&lock);
    memcpy(copy, table, sizeof table);
    copy[SLOTS] = overflow;
    pthread_mutex_unlock(&lock);
    sh_buf_adds(out, "# HELP shian_http_requests_total HTTP requests answered, by route pattern, method and status.\n"
                     "# TYPE shian_http_requests_total counter\n");
    for (size_t i = 0; i <= SLOTS; i++)
        for (int k = 0; copy[i].count && k < STATUSES; k++) {
            if (!copy[i].status[k].n)
                continue;
            char code[8] = "other";
            if (copy[i].status[k].code)
                snprintf(code, sizeof code, "%d", copy[i].status[k].code);
            sh_buf_adds(out, "shian_http_requests_total");
            labels(out, &copy[i]);
            sh_buf_printf(out, ",status=\"%s\"} %llu\n", code, (unsigned long long)copy[i].status[k].n);
        }
    sh_buf_adds(out, "# HELP shian_http_request_duration_seconds Time from a request's first byte to its answer, by route pattern and method.\n"
                     "# TYPE shian_http_request_duration_seconds histogram\n");
    for (size_t i = 0; i <= SLOTS; i++) {
        const slot *s = &copy[i];
        if (!s->count)
            continue;
        uint64_t cumulative = 0;
        for (size_t b = 0; b < NBOUNDS; b++) {
            cumulative += s->bucket[b];
            sh_buf_adds(out, "shian_http_request_duration_seconds_bucket");
            labels(out, s);
            sh_buf_printf(out, ",le=\"%g\"} %llu\n", BOUNDS[b], (unsigned long long)cumulative);
        }
        sh_buf_adds(out, "shian_http_request_duration_seconds_bucket");
        labels(out, s);
        sh_buf_printf(out, ",le=\"+Inf\"} %llu\n", (unsigned long long)s->count);
        sh_buf_adds(out, "shian_http_request_duration_seconds_sum");
        labels(out, s);
        sh_buf_printf(out, "} %.6f\n", (double)s->sum_ns / 1e9);
        sh_buf_adds(out, "shian_http_request_duration_seconds_count");
        labels(out, s);
        sh_buf_printf(out, "} %llu\n", (unsigned long long)s->count);
    }
    pthread_mutex_unlock(&render_lock);
}

void sh_metrics_reset(void)
{
    pthread_mutex_lock(&lock);
    memset(table, 0, sizeof table);
    memset(overflow.status, 0, sizeof overflow.status);
    memset(overflow.bucket, 0, sizeof overflow.bucket);
    overflow.count = 0;
    overflow.sum_ns = 0;
    pthread_mutex_unlock(&lock);
}
