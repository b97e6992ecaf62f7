/* serve, demo and risk regrade (migrate: cli/migrate.c). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "demo/demo_cameras.h"
#include "jobs/sweep.h"
#include "core/log.h"
#include "demo/demo.h"
#include "domain/risk/risk.h"
#include "http/http.h"

static void print_progress(long done, long total, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "\r  生成示范县主体 generating businesses: %ld / %ld (%ld%%)", done, total, total ? done * 100 / total : 100);
    if (done >= total)
        fputc('\n', stderr);
}

static int parse_long_opt(int argc, char **argv, const char *name, long min, long max, long *out)
{
    const char *v = sh_cli_opt(argc, argv, name);
    if (!v)
        return 0;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || end == v || n < min || n > max) {
        fprintf(stderr, "shian: --%s must be a whole number from %ld to %ld\n", name, min, max);
        return -1;
    }
    *out = n;
    return 0;
}

static void regrade_progress(long done, long total, void *ctx)
{
    (void)ctx;
    printf("风险分级 risk regrade: %ld / %ld businesses\n", done, total);
    fflush(stdout);
}

/* In batches (one transaction each), so that a server running beside it keeps writing. */
static int regrade_all(sh_db *db)
{
    sh_principal sys;
    sh_principal_system(&sys);
    sh_err err = {0};
    long n = 0;
    if (sh_risk_regrade_batched(db, &sys, SH_RISK_BATCH, regrade_progress, NULL, &n, &err) != 0)
        return sh_cli_fail("risk regrade", &err);
    printf("风险分级 risk grades computed for %ld businesses\n", n);
    return 0;
}

int sh_cmd_risk(const sh_config *cfg, int argc, char **argv)
{
    if (argc < 1 || strcmp(argv[0], "regrade") != 0) {
        fprintf(stderr, "usage: shian risk regrade\n");
        return 2;
    }
    sh_db *db;
    int rc = sh_cli_open_db(cfg, &db);
    if (rc)
        return rc;
    rc = regrade_all(db);
    sh_db_close(db);
    return rc;
}

/* What the demo's cameras show, said once: the pictures made, or why there are none. */
static void print_pictures(const sh_config *cfg, const sh_demo_summary *sum)
{
    if (sum->photos > 0)
        printf("监控画面 camera pictures: %ld cameras' latest pictures and %ld AI snapshots from %d photos in %s\n", sum->pictures,
               sum->snapshots, sum->photos, cfg->demo_photos_dir);
    else
        printf("未找到示例照片，示范县摄像头暂无画面 (no sample photos in %s: install the Debian package darknet for the "
               "demo cameras' pictures)\n",
               cfg->demo_photos_dir);
}

static int run_demo(const sh_config *cfg, sh_db *db, int argc, char **argv)
{
    sh_demo_opts o;
    sh_demo_opts_default(&o);
    long seed = (long)o.seed, entities = o.entities, townships = o.townships, grids = o.grids, busers = -1, reports = 1;
    if (parse_long_opt(argc, argv, "seed", 0, 0x7fffffffL, &seed) || parse_long_opt(argc, argv, "entities", 1, 5000000, &entities) ||
        parse_long_opt(argc, argv, "townships", 1, 99, &townships) || parse_long_opt(argc, argv, "grids", 1, 20000, &grids) ||
        parse_long_opt(argc, argv, "business-users", 0, 5000000, &busers) || parse_long_opt(argc, argv, "reports", 0, 1, &reports))
        return 2;
    o.seed = (uint64_t)seed;
    o.entities = entities;
    o.townships = (int)townships;
    o.grids = (int)grids;
    o.business_users = busers >= 0 ? busers : (entities < 20000 ? entities : 20000);
    o.progress = print_progress;
    o.reports = (int)reports;
    o.files_dir = cfg->files_dir;
    o.photos_dir = cfg->demo_photos_dir;
    sh_demo_summary sum;
    sh_err err = {0};
    if (sh_demo_generate(db, &o, &sum, &err) != 0)
        return sh_cli_fail("demo", &err);
    printf("示范县 demo county %s %s: %d townships, %d villages, %d grids, %ld businesses, %ld users\n",
           sum.county_code, sum.county_name, sum.townships, sum.villages, sum.grids, sum.entities, sum.users);
    print_pictures(cfg, &sum);
    if (sum.entities > 100000) {
        printf("large county: grade risks later with 'shian risk regrade'\n");
        return 0;
    }
    return regrade_all(db);
}

int sh_cmd_demo(const sh_config *cfg, int argc, char **argv)
{
    sh_db *db;
    int rc = sh_cli_open_db(cfg, &db);
    if (rc)
        return rc;
    rc = run_demo(cfg, db, argc, argv);
    sh_db_close(db);
    return rc;
}

static void print_demo_logins(sh_db *db)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT username, display_name FROM users WHERE username IN"
                                " ('admin', 'county', 't01', 'g0001', 'inspector01', 'b1') ORDER BY id",
                                NULL);
    if (!st)
        return;
    int n = 0;
    while (sh_stmt_step(st, NULL) == SH_ROW) {
        if (!n++)
            printf("示范账号 demo logins (password Shian@2026 unless changed):\n");
        printf("  %-12s %s\n", sh_col_text(st, 0), sh_col_text(st, 1));
    }
    sh_stmt_done(st);
}

int sh_cmd_serve(const sh_config *cfg, int argc, char **argv)
{
    sh_db *db;
    int rc = sh_cli_open_db(cfg, &db);
    if (rc)
        return rc;
    if (sh_cli_flag(argc, argv, "demo-if-empty")) {
        int64_t n = 0;
        sh_err err = {0};
        if (sh_db_query_int64(db, "SELECT count(*) FROM divisions", 0, &n, &err) != 0) {
            sh_db_close(db);
            return sh_cli_fail("database", &err);
        }
        if (n == 0) {
            printf("数据库为空，正在生成示范县 empty database: creating the demo county ...\n");
            if ((rc = run_demo(cfg, db, argc, argv)) != 0) {
                sh_db_close(db);
                return rc;
            }
        }
    }
    /* signals are taken by sigwait below, in this thread only; workers inherit the mask */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    sh_server *srv;
    sh_err err = {0};
    if (sh_server_start(cfg, &srv, &err) != 0) {
        sh_db_close(db);
        return sh_cli_fail("serve", &err);
    }
    printf("食安 shian serving on http://%s:%d/  (database %s)\n", cfg->listen, sh_server_port(srv), cfg->db_path);
    print_demo_logins(db);
    sh_db_close(db);
    fflush(stdout);
    /* the demo's simulated cameras beat only on a server started to show the demo (make run) */
    int demo_devices = sh_cli_flag(argc, argv, "demo-devices");
    int sweeping = sh_sweeper_start(cfg, demo_devices ? sh_demo_devices_beat : NULL) == 0;
    int sig;
    sigwait(&set, &sig);
    sh_info("signal %d: stopping", sig);
    if (sweeping)
        sh_sweeper_stop();
    sh_server_stop(srv);
    return 0;
}
