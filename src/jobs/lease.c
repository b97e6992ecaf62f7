/* Leases of periodic jobs in the database, in SQL both engines speak, on the platform clock (so that
 * instances whose clock a test moved agree): see lease.h. */
#include "jobs/lease.h"

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "core/timeutil.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char instance[SH_INSTANCE_ID_MAX];

static void make_id(void)
{
    char host[64] = "";
    if (gethostname(host, sizeof host) != 0)
        snprintf(host, sizeof host, "unknown");
    host[sizeof host - 1] = '\0';
    snprintf(instance, sizeof instance, "%s:%ld:%lld", host, (long)getpid(), (long long)sh_now_ms());
}

const char *sh_instance_id(void)
{
    pthread_once(&once, make_id);
    return instance;
}

int sh_lease_take(sh_db *db, const char *name, const char *holder, int64_t now_ms, int64_t ttl_ms, int *ret_led, sh_err *err)
{
    *ret_led = 0;
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO job_leases(name, holder, expires_at) VALUES (?, '', 0) ON CONFLICT (name) DO NOTHING", err);
    if (st)
        sh_bind_text(st, 1, name);
    int rc = sh_stmt_run(st, err);
    if (rc)
        return rc;
    st = sh_db_prepare(db,
                       "UPDATE job_leases SET holder = ?, expires_at = ? WHERE name = ? AND (expires_at <= ? OR holder = ?)"
                       " RETURNING name",
                       err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, holder);
    sh_bind_int64(st, 2, now_ms + ttl_ms);
    sh_bind_text(st, 3, name);
    sh_bind_int64(st, 4, now_ms);
    sh_bind_text(st, 5, holder);
    rc = sh_stmt_step(st, err);
    *ret_led = rc == SH_ROW;
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_lease_release(sh_db *db, const char *name, const char *holder, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "UPDATE job_leases SET expires_at = 0 WHERE name = ? AND holder = ?", err);
    if (st) {
        sh_bind_text(st, 1, name);
        sh_bind_text(st, 2, holder);
    }
    return sh_stmt_run(st, err);
}
