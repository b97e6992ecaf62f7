/* The audit log's retention and, through the driver, its partitions (store.h sh_db_maintain_partitions).
 * SQLite keeps audit_log one table: the retention deletes rows in batches, each its own short write
 * transaction, so the server's writers wait at most one batch. PostgreSQL's driver drops whole month
 * partitions first (postgres_partitions.c); the same delete then takes what is left before the window
 * (rows of audit_log_default), which is then nothing or a few rows. */
#include <string.h>

#include "core/civil.h"
#include "store/driver.h"

#define BATCH 5000

int64_t sh_audit_retention_start_ms(int64_t now_ms, int months)
{
    int y, m, d;
    sh_civil_from_days(sh_beijing_days(now_ms), &y, &m, &d);
    return sh_beijing_month_start_ms(y, m - months);
}

int sh_db_maintain_partitions(sh_db *db, int64_t now_ms, int retention_months, sh_partition_report *rep, sh_err *err)
{
    memset(rep, 0, sizeof *rep);
    int rc = db->drv->maintain_partitions ? db->drv->maintain_partitions(db, now_ms, retention_months, rep, err) : 0;
    if (rc || retention_months <= 0)
        return rc;
    int64_t start = sh_audit_retention_start_ms(now_ms, retention_months);
    for (int n = BATCH; n == BATCH;) {
        if ((rc = sh_db_begin(db, err)) != 0)
            return rc;
        sh_stmt *st = sh_db_prepare(db, "DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < ? LIMIT 5000)", err);
        if (st)
            sh_bind_int64(st, 1, start);
        rc = sh_stmt_run(st, err);
        n = rc == 0 ? sh_db_changes(db) : 0;
        if ((rc = sh_db_finish(db, rc, err)) != 0)
            return rc;
        rep->deleted += n;
    }
    return 0;
}
