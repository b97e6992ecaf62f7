/* Per-address limits on public requests (rate_limit.h). */
#include "domain/identity/rate_limit.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/settings.h"
#include "domain/identity/secret.h"

#define HOUR_MS (3600LL * 1000)
#define DAY_MS (24 * HOUR_MS)

static int client_key(const char *address, char key[65], sh_err *err)
{
    if (!address || !*address)
        return sh_fail(err, SH_EINVAL, "address", "无法识别请求来源 (the client's address is unknown)");
    return sh_secret_keyed_hash("public-rate-limit", address, strlen(address), key, err);
}

int sh_rate_limit_check(sh_db *db, const char *bucket, const char *address, sh_err *err)
{
    char key[65], setting[64];
    int rc = client_key(address, key, err);
    if (rc)
        return rc;
    snprintf(setting, sizeof setting, "public_limit_%s_per_hour", bucket);
    int max = sh_setting_int(db, setting, 10);
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM public_hits WHERE bucket = ? AND client = ? AND at > ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, bucket);
    sh_bind_text(st, 2, key);
    sh_bind_int64(st, 3, sh_now_ms() - HOUR_MS);
    rc = sh_stmt_step(st, err);
    int64_t n = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (n >= max)
        return sh_fail(err, SH_ELIMIT, "", "提交过于频繁，请一小时后再试 (too many requests from this address: at most %d an hour)", max);
    return 0;
}

int sh_rate_limit_record(sh_db *db, const char *bucket, const char *address, sh_err *err)
{
    char key[65];
    int rc = client_key(address, key, err);
    if (rc)
        return rc;
    int64_t now = sh_now_ms();
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "DELETE FROM public_hits WHERE bucket = ? AND client = ? AND at < ?", err);
    if (st) {
        sh_bind_text(st, 1, bucket);
        sh_bind_text(st, 2, key);
        sh_bind_int64(st, 3, now - DAY_MS);
    }
    rc = sh_stmt_run(st, err);
    if (rc == 0) {
        st = sh_db_prepare(db, "INSERT INTO public_hits(bucket, client, at) VALUES (?, ?, ?)", err);
        if (st) {
            sh_bind_text(st, 1, bucket);
            sh_bind_text(st, 2, key);
            sh_bind_int64(st, 3, now);
        }
        rc = sh_stmt_run(st, err);
    }
    return sh_db_finish(db, rc, err);
}
