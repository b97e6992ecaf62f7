/* The periodic sweep of the server, every minute: escalates rectification orders that passed their deadline,
 * makes failed samples final once their re-test time is over, marks workshop applications past their
 * review or issuance day, makes the scheduled monthly and quarterly reports, marks silent cameras offline and signs a
 * ledger checkpoint when the log grew; once a Beijing day it keeps the audit log's partitions ahead and applies
 * its retention (store.h sh_db_maintain_partitions). Runs in its own thread with its own database connection, at start and
 * every interval; a demo server adds the demo's simulated devices as extra work (never in production).
 * Several servers on one database: each round is led by the one holding the lease "sweep" (job_leases,
 * src/jobs/lease.c), taken for one interval; the others count the round as led elsewhere. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "jobs/sweep.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/complaints/complaint.h"
#include "domain/ledger/checkpoint.h"
#include "domain/video/camera.h"
#include "domain/loop/rectify.h"
#include "domain/people/people.h"
#include "domain/sampling/failure.h"
#include "domain/licence/licence_app.h"
#include "domain/workshop/workshop.h"
#include "jobs/lease.h"
#include "transfer/report.h"

#define INTERVAL_S 60 /* cameras go offline after camera_offline_after_s (300 s by default) */

static pthread_t thread;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake; /* waits on the monotonic clock: the interval is a duration, not a date */
static int stopping;
static const sh_config *config;
static sh_sweep_extra_fn extra; /* the demo's simulated devices on a demo server; NULL in production */

static int64_t maintained_day = -1; /* the Beijing day the audit log's upkeep last ran (the sweep's thread only) */

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static sh_sweep_stats stats;

void sh_sweep_last(sh_sweep_stats *out)
{
    pthread_mutex_lock(&stats_lock);
    *out = stats;
    pthread_mutex_unlock(&stats_lock);
}

/* items: escalated, finalized, reminded, offline, checkpoint (the order of sh_sweep_stats) */
static void record(int64_t t0, int ok, const int items[5])
{
    pthread_mutex_lock(&stats_lock);
    stats.runs++;
    stats.failures += !ok;
    stats.last_at = sh_now_ms();
    stats.last_ns = sh_mono_ns() - t0;
    stats.last_ok = ok;
    stats.escalated = items[0];
    stats.finalized = items[1];
    stats.reminded = items[2];
    stats.offline = items[3];
    stats.checkpoint = items[4];
    stats.led = 1;
    pthread_mutex_unlock(&stats_lock);
}

/* The audit log's upkeep, for /metrics: a day without it is a month's partition that may be missing. */
static void record_upkeep(int64_t now, const sh_partition_report *p)
{
    pthread_mutex_lock(&stats_lock);
    stats.upkeep_at = now;
    stats.upkeep_created += p->created;
    stats.upkeep_dropped += p->dropped;
    stats.upkeep_deleted += p->deleted;
    pthread_mutex_unlock(&stats_lock);
}

/* A round another instance led (or none could, the lease unreadable: failed). */
static void record_elsewhere(int failed)
{
    pthread_mutex_lock(&stats_lock);
    stats.elsewhere += !failed;
    stats.failures += failed;
    stats.led = 0;
    pthread_mutex_unlock(&stats_lock);
}

int sh_sweep_once(sh_db *db, sh_err *err)
{
    int64_t t0 = sh_mono_ns();
    char today[11];
    sh_today(today);
    sh_settings_check(db); /* a setting changed by another process (a CLI verb) counts from this sweep */
    int n = 0;
    int rc = sh_rectify_escalate(db, today, &n, err);
    if (rc == 0 && n > 0)
        sh_info("sweep: %d rectification orders past their deadline escalated", n);
    int final = 0;
    if (rc == 0 && (rc = sh_samples_finalize(db, today, &final, err)) == 0 && final > 0)
        sh_info("sweep: %d failed samples final, their re-test time over", final);
    int told = 0;
    if (rc == 0 && (rc = sh_complaints_remind(db, today, &told, err)) == 0 && told > 0)
        sh_info("sweep: %d complaint deadlines reminded or escalated", told);
    int certs = 0;
    if (rc == 0 && (rc = sh_health_certs_remind(db, today, &certs, err)) == 0 && certs > 0)
        sh_info("sweep: %d health certificates about to end reminded", certs);
    int late = 0;
    if (rc == 0 && (rc = sh_ws_sweep_overdue(db, today, &late, err)) == 0 && late > 0)
        sh_info("sweep: %d workshop applications past their deadline", late);
    int unverified = 0;
    if (rc == 0 && (rc = sh_lic_sweep_overdue(db, today, &unverified, err)) == 0 && unverified > 0)
        sh_info("sweep: %d licence verifications past their day", unverified);
    int reports = 0;
    if (rc == 0 && (rc = sh_reports_schedule(db, today, &reports, err)) == 0 && reports > 0)
        sh_info("sweep: %d scheduled reports made", reports);
    int64_t now = sh_now_ms();
    if (rc == 0 && sh_beijing_days(now) != maintained_day) {
        sh_partition_report p;
        if ((rc = sh_db_maintain_partitions(db, now, sh_setting_int(db, "audit_retention_months", 0), &p, err)) == 0) {
            maintained_day = sh_beijing_days(now);
            record_upkeep(now, &p);
            if (p.created || p.dropped || p.deleted)
                sh_info("sweep: audit log: %d partitions made (%lld rows moved from the default one), %d dropped and %lld rows"
                        " deleted past audit_retention_months", p.created, (long long)p.moved, p.dropped, (long long)p.deleted);
        }
    }
    int extras = 0;
    if (extra && extra(db, sh_now_ms(), &extras, NULL) == 0 && extras > 0)
        sh_debug("sweep: extra work did %d things", extras);
    int off = 0, rc2 = sh_camera_sweep_offline(db, sh_now_ms(), &off, rc ? NULL : err);
    if (rc2 == 0 && off > 0)
        sh_info("sweep: %d cameras went offline", off);
    uint64_t size = 0;
    int made = 0, rc3 = sh_ledger_checkpoint(db, &size, &made, rc || rc2 ? NULL : err);
    if (rc3 == 0 && made)
        sh_info("sweep: ledger checkpoint at %llu leaves", (unsigned long long)size);
    record(t0, rc == 0 && rc2 == 0 && rc3 == 0, (int[]){n, final, told, off, made});
    return rc ? rc : rc2 ? rc2 : rc3;
}

static void *run(void *arg)
{
    (void)arg;
    sh_db *db;
    sh_err err = {0};
    if (sh_db_open(config->db_path, &db, &err) != 0) {
        sh_error("sweep: %s", err.message);
        return NULL;
    }
    const char *me = sh_instance_id();
    pthread_mutex_lock(&lock);
    while (!stopping) {
        pthread_mutex_unlock(&lock);
        int led = 0;
        if (sh_lease_take(db, "sweep", me, sh_now_ms(), INTERVAL_S * 1000LL, &led, &err) != 0) {
            sh_warn("sweep: the lease: %s", err.message);
            record_elsewhere(1);
        } else if (!led) {
            sh_debug("sweep: this round led by another instance");
            record_elsewhere(0);
        } else if (sh_sweep_once(db, &err) != 0)
            sh_warn("sweep: %s", err.message);
        pthread_mutex_lock(&lock);
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += INTERVAL_S;
        while (!stopping && pthread_cond_timedwait(&wake, &lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&lock);
    if (sh_lease_release(db, "sweep", me, &err) != 0)
        sh_warn("sweep: giving the lease up: %s", err.message);
    sh_db_close(db);
    return NULL;
}

int sh_sweeper_start(const sh_config *cfg, sh_sweep_extra_fn extra_work)
{
    config = cfg;
    extra = extra_work;
    stopping = 0;
    sh_instance_id(); /* its start time: now */
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&wake, &attr);
    pthread_condattr_destroy(&attr);
    return pthread_create(&thread, NULL, run, NULL);
}

void sh_sweeper_stop(void)
{
    pthread_mutex_lock(&lock);
    stopping = 1;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);
    pthread_join(thread, NULL);
}
