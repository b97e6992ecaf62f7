/* GET /metrics: the server's figures in Prometheus text (exposition format 0.0.4), only to the
 * addresses of the metrics_allow setting or with the bearer token of metrics_token. Served at the
 * root, beside the API: server.c routes it before the /api/ tables. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "http/http.h"
#include "http/metrics.h"
#include "jobs/lease.h"
#include "jobs/sweep.h"

static int64_t started_ms; /* set by sh_server_start, on the platform clock */

void sh_metrics_started(void)
{
    started_ms = sh_now_ms();
}

static int address_allowed(const char *list, const char *address)
{
    size_t n = strlen(address);
    for (const char *p = list; n && *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, ", ");
        if (len == n && !memcmp(p, address, n))
            return 1;
        p += len;
    }
    return 0;
}

static int token_ok(sh_req *req)
{
    const char *want = req->cfg->metrics_token, *h = sh_header(req, "Authorization");
    if (!*want || !h || strncmp(h, "Bearer ", 7) != 0 || strlen(h + 7) != strlen(want))
        return 0;
    return sodium_memcmp(h + 7, want, strlen(want)) == 0;
}

static void metric(sh_buf *out, const char *name, const char *help, const char *type, double v)
{
    sh_buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n%s %.15g\n", name, help, name, type, name, v);
}

static int64_t count(sh_db *db, const char *sql)
{
    int64_t n = 0;
    return sh_db_query_int64(db, sql, 0, &n, NULL) == 0 ? n : -1;
}

static void database_figures(sh_req *req, sh_buf *out)
{
    int64_t ns, calls;
    sh_db_time(&ns, &calls);
    metric(out, "shian_db_seconds_total", "Time spent stepping and executing SQL statements, all connections.", "counter",
          (double)ns / 1e9);
    metric(out, "shian_db_statements_total", "SQL statements stepped or executed.", "counter", (double)calls);
    metric(out, "shian_outbox_pending", "Notifications in the outbox that no gateway has acknowledged yet.", "gauge",
          (double)count(req->db, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL"));
    sh_buf_adds(out, "# HELP shian_cameras Cameras by state: online (heard from and not marked offline), offline, never heard, disabled.\n"
                     "# TYPE shian_cameras gauge\n");
    static const struct { const char *state, *sql; } states[] = {
        {"online", "SELECT count(*) FROM cameras WHERE enabled = 1 AND last_heartbeat_at IS NOT NULL AND offline_since IS NULL"},
        {"offline", "SELECT count(*) FROM cameras WHERE enabled = 1 AND offline_since IS NOT NULL"},
        {"never_heard", "SELECT count(*) FROM cameras WHERE enabled = 1 AND last_heartbeat_at IS NULL AND offline_since IS NULL"},
        {"disabled", "SELECT count(*) FROM cameras WHERE enabled = 0"},
    };
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        sh_buf_printf(out, "shian_cameras{state=\"%s\"} %lld\n", states[i].state, (long long)count(req->db, states[i].sql));
}

static void sweep_figures(sh_buf *out)
{
    sh_sweep_stats s;
    sh_sweep_last(&s);
    metric(out, "shian_sweep_runs_total", "Sweeps run by this process.", "counter", (double)s.runs);
    metric(out, "shian_sweep_led_elsewhere_total", "Sweep rounds another instance on the database led (it held the lease).",
          "counter", (double)s.elsewhere);
    metric(out, "shian_sweep_last_led", "1 when this instance led the last sweep round, 0 when another instance did.", "gauge",
          s.led);
    metric(out, "shian_sweep_failures_total", "Sweeps that ended in an error.", "counter", (double)s.failures);
    metric(out, "shian_sweep_last_run_timestamp_seconds", "When the last sweep ended (platform clock); 0 before the first.",
          "gauge", (double)s.last_at / 1e3);
    metric(out, "shian_sweep_last_duration_seconds", "How long the last sweep took.", "gauge", (double)s.last_ns / 1e9);
    metric(out, "shian_sweep_last_success", "1 when the last sweep ended without an error.", "gauge", s.last_ok);
    sh_buf_printf(out, "# HELP shian_sweep_last_items What the last sweep did.\n# TYPE shian_sweep_last_items gauge\n"
                       "shian_sweep_last_items{kind=\"escalated\"} %d\nshian_sweep_last_items{kind=\"samples_final\"} %d\n"
                       "shian_sweep_last_items{kind=\"complaint_reminders\"} %d\nshian_sweep_last_items{kind=\"cameras_offline\"} %d\n"
                       "shian_sweep_last_items{kind=\"ledger_checkpoints\"} %d\n",
                  s.escalated, s.finalized, s.reminded, s.offline, s.checkpoint);
    metric(out, "shian_audit_upkeep_last_run_timestamp_seconds",
           "When this process last kept the audit log's month partitions and retention (once a Beijing day, platform clock); 0 before.",
           "gauge", (double)s.upkeep_at / 1e3);
    metric(out, "shian_audit_partitions_created_total", "Audit log month partitions this process made.", "counter",
           (double)s.upkeep_created);
    metric(out, "shian_audit_partitions_dropped_total", "Audit log month partitions this process dropped past audit_retention_months.",
           "counter", (double)s.upkeep_dropped);
    metric(out, "shian_audit_rows_deleted_total", "Audit rows this process deleted past audit_retention_months.", "counter",
           (double)s.upkeep_deleted);
}

static int metrics(sh_req *req)
{
    char address[64];
    sh_client_address(req, address);
    if (!address_allowed(req->cfg->metrics_allow, address) && !token_ok(req))
        return sh_reply_fail(req, SH_EPERM, "address",
                             "/metrics 只对允许的地址开放 (allowed from the metrics_allow addresses or with the metrics_token only)");
    sh_buf out = SH_BUF_INIT;
    metric(&out, "shian_up", "1 while the server answers.", "gauge", 1);
    metric(&out, "shian_start_time_seconds", "When the server started (platform clock).", "gauge", (double)started_ms / 1e3);
    /* several instances on one database: each reports its own figures, named by its lease holder id */
    sh_buf_printf(&out, "# HELP shian_instance This server process, as job_leases names it.\n# TYPE shian_instance gauge\n"
                        "shian_instance{id=\"%s\"} 1\n", sh_instance_id());
    sh_metrics_render_requests(&out);
    database_figures(req, &out);
    sweep_figures(&out);
    int ret = sh_reply_bytes(req, 200, "text/plain; version=0.0.4; charset=utf-8", out.data, out.len, NULL);
    sh_buf_release(&out);
    return ret;
}

const sh_route sh_route_metrics = {"GET", "/metrics", metrics, SH_ROUTE_PUBLIC};
