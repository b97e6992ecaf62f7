/* Tracing at 10^6 events (domain/trace/trace_graph.h): a county's pork chain written straight into a
 * fresh database — farms commission pigs by ear tag and ship them to slaughterhouses, which kill them
 * into daily lots shipped to markets, which sell each lot on to restaurants — then forward traces from
 * ear tags (the recall list) and backward traces from restaurants' lots, timed. Printed beside the
 * issue's target (under 1 s) and 浙冷链's reported 2 hours for a positive batch.
 *
 *   make bench BENCH=trace        (or: build/rel/bench-trace [events, default 1000000])
 * The monotonic clock times the runs; the walk itself never reads a clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "domain/domain.h"
#include "domain/trace/trace_graph.h"
#include "store/store.h"

enum { FARMS = 400, SLAUGHTER = 20, MARKETS = 60, RESTAURANTS = 2000, PIGS_PER_LOT = 50, MARKETS_PER_LOT = 5, BUYERS_PER_MARKET = 10 };
/* entity ids: farms 1.., slaughterhouses, markets, restaurants after them */
#define SH_ID(i) (FARMS + 1 + (i))
#define MK_ID(i) (FARMS + SLAUGHTER + 1 + (i))
#define RS_ID(i) (FARMS + SLAUGHTER + MARKETS + 1 + (i))

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void check(int rc, sh_err *err, const char *what)
{
    if (rc < 0 || (rc > 0 && rc != SH_ROW && rc != SH_DONE)) {
        fprintf(stderr, "bench-trace: %s: %s\n", what, err->message);
        exit(1);
    }
}

static sh_db *db;
static long long next_event = 1, events_written = 0;
/* statements come from the store's cache: prepared once, taken again for each row */
#define EVENT_SQL                                                                                                          \
    "INSERT INTO epcis_events(id, event_id, event_hash, event_type, event_time, event_time_ms, time_zone, record_time_ms," \
    " biz_step, entity_id, division_code, capture_job_id, document) VALUES (?, ?, '', ?, '', ?, '+08:00', 0, ?, ?,"        \
    " '360799101000', 1, '{}')"
#define EPC_SQL "INSERT INTO epcis_event_epcs(event_id, epc, role) VALUES (?, ?, ?)"
#define PARTY_SQL "INSERT INTO epcis_event_parties(event_id, side, type, party, entity_id) VALUES (?, ?, 'owning_party', ?, ?)"

static long long event(const char *type, const char *step, int by, long long minute)
{
    sh_err err = {0};
    long long id = next_event++;
    char eid[32];
    snprintf(eid, sizeof eid, "urn:uuid:b%lld", id);
    sh_stmt *st = sh_db_prepare(db, EVENT_SQL, &err);
    if (st) {
        sh_bind_int64(st, 1, id);
        sh_bind_text(st, 2, eid);
        sh_bind_text(st, 3, type);
        sh_bind_int64(st, 4, 1764547200000LL + minute * 60000LL);
        sh_bind_text(st, 5, step);
        sh_bind_int64(st, 6, by);
    }
    check(sh_stmt_run(st, &err), &err, "event");
    events_written++;
    return id;
}

static void epc(long long ev, const char *e, const char *role)
{
    sh_err err = {0};
    sh_stmt *st = sh_db_prepare(db, EPC_SQL, &err);
    if (st) {
        sh_bind_int64(st, 1, ev);
        sh_bind_text(st, 2, e);
        sh_bind_text(st, 3, role);
    }
    check(sh_stmt_run(st, &err), &err, "epc");
}

static void party(long long ev, const char *side, int entity)
{
    sh_err err = {0};
    char uri[40];
    snprintf(uri, sizeof uri, "urn:shian:entity:%d", entity);
    sh_stmt *st = sh_db_prepare(db, PARTY_SQL, &err);
    if (st) {
        sh_bind_int64(st, 1, ev);
        sh_bind_text(st, 2, side);
        sh_bind_text(st, 3, uri);
        sh_bind_int64(st, 4, entity);
    }
    check(sh_stmt_run(st, &err), &err, "party");
}

static void tag_of(long pig, char out[40]) { snprintf(out, 40, "urn:shian:eartag:%015ld", 360799000000000L + pig); }
static void lot_of(long lot, char out[64]) { snprintf(out, 64, "urn:epc:class:lgtin:6901234.%05ld.L%ld", lot % 20, lot); }

/* The chain, lot by lot, until about `target` events are written. */
static long build(long long target)
{
    sh_err err = {0};
    long lot = 0, pig = 0;
    check(sh_db_begin(db, &err), &err, "begin");
    while (events_written < target) {
        int sh = (int)(lot % SLAUGHTER);
        long long day = lot / SLAUGHTER;
        char lotid[64];
        lot_of(lot, lotid);
        for (int p = 0; p < PIGS_PER_LOT; p++, pig++) {
            char tag[40];
            tag_of(pig, tag);
            int farm = (int)(pig % FARMS) + 1;
            long long e = event("ObjectEvent", "commissioning", farm, day * 1440);
            epc(e, tag, "epc");
            e = event("ObjectEvent", "shipping", farm, day * 1440 + 60);
            epc(e, tag, "epc");
            party(e, "source", farm);
            party(e, "destination", SH_ID(sh));
            e = event("TransformationEvent", "killing", SH_ID(sh), day * 1440 + 120);
            epc(e, tag, "input");
            epc(e, lotid, "output");
        }
        for (int m = 0; m < MARKETS_PER_LOT; m++) {
            int market = (int)((lot * 7 + m * 13) % MARKETS);
            long long e = event("ObjectEvent", "shipping", SH_ID(sh), day * 1440 + 180 + m);
            epc(e, lotid, "epc");
            party(e, "source", SH_ID(sh));
            party(e, "destination", MK_ID(market));
            for (int b = 0; b < BUYERS_PER_MARKET; b++) {
                int rest = (int)((lot * 31 + m * 101 + b * 17) % RESTAURANTS);
                e = event("ObjectEvent", "shipping", MK_ID(market), day * 1440 + 300 + m * 10 + b);
                epc(e, lotid, "epc");
                party(e, "source", MK_ID(market));
                party(e, "destination", RS_ID(rest));
            }
        }
        lot++;
        if (lot % 200 == 0) {
            check(sh_db_commit(db, &err), &err, "commit");
            check(sh_db_begin(db, &err), &err, "begin");
            fprintf(stderr, "\r  writing: %lld events", events_written);
        }
    }
    check(sh_db_commit(db, &err), &err, "commit");
    fprintf(stderr, "\r  writing: %lld events, %ld pigs, %ld lots\n", events_written, pig, lot);
    return lot;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Runs n walks; prints the median and the worst, and the parties the last one found. */
static void timed(const char *what, sh_trace_dir dir, long lots, int n)
{
    double *ms = calloc((size_t)n, sizeof *ms);
    size_t parties = 0, events = 0;
    for (int i = 0; i < n; i++) {
        char id[64];
        int64_t holder = 0;
        long lot = (long)((i * 7919L) % lots);
        if (dir == SH_TRACE_FORWARD)
            tag_of(lot * PIGS_PER_LOT + i % PIGS_PER_LOT, id);
        else {
            lot_of(lot, id);
            holder = RS_ID((int)((lot * 31) % RESTAURANTS));
        }
        json_t *w = NULL;
        sh_err err = {0};
        double t0 = now_ms();
        if (sh_trace_walk(db, id, holder, dir, &w, &err) != 0) {
            fprintf(stderr, "bench-trace: %s\n", err.message);
            exit(1);
        }
        ms[i] = now_ms() - t0;
        parties = json_array_size(json_object_get(w, "parties"));
        events = json_array_size(json_object_get(w, "events"));
        json_decref(w);
    }
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    printf("  %-36s median %7.1f ms   worst %7.1f ms   (%zu businesses, %zu events on the last)\n", what, ms[n / 2], ms[n - 1], parties, events);
    free(ms);
}

int main(int argc, char **argv)
{
    long long target = argc > 1 ? atoll(argv[1]) : 1000000;
    char path[] = "/tmp/shian-bench-trace-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    sh_err err = {0};
    if (sh_domain_init() != 0 || sh_db_open(path, &db, &err) != 0 || sh_migrate(db, NULL, &err) != 0) {
        fprintf(stderr, "bench-trace: %s\n", err.message);
        return 1;
    }
    check(sh_db_exec(db, "INSERT INTO divisions VALUES ('360799', '青禾县', 1, NULL);"
                         "INSERT INTO divisions VALUES ('360799101000', '梅林镇', 2, '360799');"
                         "INSERT INTO epcis_capture_jobs(id, division_code, status, event_count, created_at) VALUES (1, '360799', 'done', 0, 0);",
                     &err),
          &err, "setup");
    check(sh_db_begin(db, &err), &err, "begin");
    for (int i = 1; i <= RS_ID(RESTAURANTS - 1); i++) {
        char name[40];
        snprintf(name, sizeof name, "商户%d", i);
        sh_stmt *ent = sh_db_prepare(db, "INSERT INTO entities(id, kind, name, division_code, created_at, updated_at) VALUES (?, ?, ?, '360799101000', 0, 0)", &err);
        if (ent) {
            sh_bind_int64(ent, 1, i);
            sh_bind_text(ent, 2, i <= FARMS + SLAUGHTER ? "producer" : i <= FARMS + SLAUGHTER + MARKETS ? "seller" : "caterer");
            sh_bind_text(ent, 3, name);
        }
        check(sh_stmt_run(ent, &err), &err, "entity");
    }
    check(sh_db_commit(db, &err), &err, "commit");
    printf("Tracing (domain/trace/trace_graph.c), SQLite, one thread\n");
    double t0 = now_ms();
    long lots = build(target);
    printf("  %lld events written in %.1f s\n", events_written, (now_ms() - t0) / 1000);
    timed("forward from an ear tag (recall list)", SH_TRACE_FORWARD, lots, 25);
    timed("backward from a restaurant's lot", SH_TRACE_BACKWARD, lots, 25);
    printf("  target (issue 12): under 1 s at 10^6 events; baseline: 浙冷链 reported 2 hours for a positive batch\n");
    sh_db_close(db);
    unlink(path);
    char wal[64];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    return 0;
}
