/* The periodic sweep of the server, every minute: escalates rectification orders that passed their deadline,
 * lets the demo county's simulated cameras send their heartbeats, and marks silent cameras offline.
 * Runs in its own thread with its own database connection, at start and every interval. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/sweeper.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "domain/calendar.h"
#include "domain/camera.h"
#include "domain/demo_cameras.h"
#include "domain/rectify.h"

static pthread_t thread;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static int stopping;
static const sh_config *config;

int sh_sweep_once(sh_db *db, sh_err *err)
{
    char today[11];
    sh_today(today);
    int n = 0;
    int rc = sh_rectify_escalate(db, today, &n, err);
    if (rc == 0 && n > 0)
        sh_info("sweep: %d rectification orders past their deadline escalated", n);
    int beats = 0;
    if (sh_demo_devices_beat(db, sh_now_ms(), &beats, NULL) == 0 && beats > 0)
        sh_debug("sweep: %d simulated demo cameras sent a heartbeat", beats);
    int off = 0, rc2 = sh_camera_sweep_offline(db, sh_now_ms(), &off, rc ? NULL : err);
    if (rc2 == 0 && off > 0)
        sh_info("sweep: %d cameras went offline", off);
    return rc ? rc : rc2;
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
    pthread_mutex_lock(&lock);
    while (!stopping) {
        pthread_mutex_unlock(&lock);
        if (sh_sweep_once(db, &err) != 0)
            sh_warn("sweep: %s", err.message);
        pthread_mutex_lock(&lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 60; /* cameras go offline after camera_offline_after_s (300 s by default) */
        while (!stopping && pthread_cond_timedwait(&wake, &lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&lock);
    sh_db_close(db);
    return NULL;
}

int sh_sweeper_start(const sh_config *cfg)
{
    config = cfg;
    stopping = 0;
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

int sh_cmd_sweep(const sh_config *cfg, int argc, char **argv)
{
    (void)argv;
    if (argc != 0) {
        fprintf(stderr, "usage: shian sweep\n");
        return 2;
    }
    sh_db *db;
    int rc = sh_cli_open_db(cfg, &db);
    if (rc)
        return rc;
    sh_err err = {0};
    rc = sh_sweep_once(db, &err);
    sh_db_close(db);
    return rc ? sh_cli_fail("sweep", &err) : 0;
}
