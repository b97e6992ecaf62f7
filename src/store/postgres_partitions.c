/* The audit log's month partitions on PostgreSQL (store.h sh_db_maintain_partitions; the table is made
 * by db/postgres/085_audit_partitions.sql): audit_log_YYYYMM holds the rows whose `at` falls in that
 * Beijing-time month, audit_log_default any other. One write transaction:
 *   1. every month with rows in audit_log_default gets its partition (a bulk copy from SQLite, a clock
 *      that ran ahead of the partitions): PostgreSQL refuses to make a partition whose range has rows
 *      in the default one, so those rows go into a plain table first, leave the default, and the table
 *      is attached as the month's partition;
 *   2. the current and next two months are made when missing, so today's rows never land in the default;
 *   3. with a retention, the month partitions wholly before its window are dropped (never the current).
 * DDL takes no parameters: the identifiers spliced are names made here from a year and month, quoted,
 * and the bounds are integers computed here. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/civil.h"
#include "store/postgres_internal.h"

#define MONTHS_AHEAD 2

static int failed(int rc, const char *part, sh_err *err)
{
    if (err && rc) {
        char why[sizeof err->message];
        snprintf(why, sizeof why, "%s", err->message);
        sh_fail(err, rc, "audit_log", "审计日志分区%s维护失败 (audit_log partition %s: %s)", part, part, why);
    }
    return rc;
}

/* The count of the one-row, one-column query sql with the text or range bound, or -1 on failure. */
static int64_t count_of(sh_db *db, const char *sql, const char *text, int64_t lo, int64_t hi, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return -1;
    if (text)
        sh_bind_text(st, 1, text);
    else
        sh_bind_int64(st, 1, lo), sh_bind_int64(st, 2, hi);
    int64_t n = sh_stmt_step(st, err) == SH_ROW ? sh_col_int64(st, 0) : -1;
    sh_stmt_done(st);
    return n;
}

/* Moves rows in [lo, hi) out of the default partition into `name`, a new plain table, and attaches it. */
static int64_t move_into(sh_db *db, const char *name, int64_t lo, int64_t hi, sh_err *err)
{
    char sql[320];
    snprintf(sql, sizeof sql, "CREATE TABLE \"%s\" (LIKE audit_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)", name);
    if (sh_db_exec(db, sql, err) != 0)
        return -1;
    snprintf(sql, sizeof sql, "INSERT INTO \"%s\" SELECT * FROM audit_log_default WHERE at >= ? AND at < ?", name);
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return -1;
    sh_bind_int64(st, 1, lo), sh_bind_int64(st, 2, hi);
    if (sh_stmt_run(st, err) != 0)
        return -1;
    int64_t n = sh_db_changes(db);
    st = sh_db_prepare(db, "DELETE FROM audit_log_default WHERE at >= ? AND at < ?", err);
    if (!st)
        return -1;
    sh_bind_int64(st, 1, lo), sh_bind_int64(st, 2, hi);
    if (sh_stmt_run(st, err) != 0)
        return -1;
    snprintf(sql, sizeof sql, "ALTER TABLE audit_log ATTACH PARTITION \"%s\" FOR VALUES FROM (%" PRId64 ") TO (%" PRId64 ")",
             name, lo, hi);
    return sh_db_exec(db, sql, err) != 0 ? -1 : n;
}

/* Month m of year y (m may run past 12) gets its partition unless it has one. */
static int make_month(sh_db *db, int y, int m, sh_partition_report *rep, sh_err *err)
{
    int64_t lo = sh_beijing_month_start_ms(y, m), hi = sh_beijing_month_start_ms(y, m + 1);
    int yy, mm, dd;
    sh_civil_from_days(sh_beijing_days(lo), &yy, &mm, &dd);
    char name[32];
    snprintf(name, sizeof name, "audit_log_%04d%02d", yy, mm);
    int64_t have = count_of(db, "SELECT count(*) FROM pg_class WHERE oid = to_regclass(?)", name, 0, 0, err);
    if (have != 0)
        return failed(have < 0 ? SH_EINTERNAL : 0, name, err);
    int64_t waiting = count_of(db, "SELECT count(*) FROM audit_log_default WHERE at >= ? AND at < ?", NULL, lo, hi, err);
    if (waiting < 0)
        return failed(SH_EINTERNAL, name, err);
    if (waiting > 0) {
        int64_t n = move_into(db, name, lo, hi, err);
        if (n < 0)
            return failed(SH_EINTERNAL, name, err);
        rep->moved += n;
    } else {
        char sql[200];
        snprintf(sql, sizeof sql, "CREATE TABLE \"%s\" PARTITION OF audit_log FOR VALUES FROM (%" PRId64 ") TO (%" PRId64 ")",
                 name, lo, hi);
        if (sh_db_exec(db, sql, err) != 0)
            return failed(SH_EINTERNAL, name, err);
    }
    rep->created++;
    return 0;
}

/* "audit_log_YYYYMM" as year and month; 0 for any other name (audit_log_default). */
static int month_of(const char *name, int *y, int *m)
{
    if (strlen(name) != 16 || strncmp(name, "audit_log_", 10) || strspn(name + 10, "0123456789") != 6)
        return 0;
    *y = atoi(name + 10) / 100;
    *m = atoi(name + 10) % 100;
    return *m >= 1 && *m <= 12;
}

typedef struct months {
    int (*v)[2];
    int n;
} months;

static void months_add(months *s, int y, int m)
{
    s->v = sh_xrealloc(s->v, (size_t)(s->n + 1) * sizeof *s->v);
    s->v[s->n][0] = y, s->v[s->n][1] = m;
    s->n++;
}

/* The months of the rows waiting in the default partition (Beijing time: 28800 s), or of the
 * partitions there are (by name). */
static int list_months(sh_db *db, const char *sql, months *out, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    int rc, y, m;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        if (month_of(sh_col_text(st, 0), &y, &m))
            months_add(out, y, m);
    sh_stmt_done(st);
    return rc == SH_DONE ? 0 : rc;
}

static int maintain(sh_db *db, int64_t now_ms, int retention_months, sh_partition_report *rep, sh_err *err)
{
    int y, m, d;
    sh_civil_from_days(sh_beijing_days(now_ms), &y, &m, &d);
    int64_t keep_from = retention_months > 0 ? sh_audit_retention_start_ms(now_ms, retention_months) : INT64_MIN;
    months waiting = {0}, parts = {0};
    int rc = list_months(db,
                         "SELECT DISTINCT 'audit_log_' || to_char(to_timestamp(at / 1000.0 + 28800) AT TIME ZONE 'UTC', 'YYYYMM')"
                         " FROM audit_log_default WHERE at >= 0 AND at < 253402300800000 - 28800000",
                         &waiting, err);
    /* a month wholly before the retention's window is not made: partitions.c deletes its rows */
    for (int i = 0; rc == 0 && i < waiting.n; i++)
        if (sh_beijing_month_start_ms(waiting.v[i][0], waiting.v[i][1] + 1) > keep_from)
            rc = make_month(db, waiting.v[i][0], waiting.v[i][1], rep, err);
    for (int k = 0; rc == 0 && k <= MONTHS_AHEAD; k++)
        rc = make_month(db, y, m + k, rep, err);
    if (rc == 0 && retention_months > 0)
        rc = list_months(db, "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                             " WHERE i.inhparent = to_regclass('audit_log')",
                         &parts, err);
    for (int i = 0; rc == 0 && i < parts.n; i++) {
        if (sh_beijing_month_start_ms(parts.v[i][0], parts.v[i][1] + 1) > keep_from)
            continue;
        char sql[64];
        snprintf(sql, sizeof sql, "DROP TABLE \"audit_log_%04d%02d\"", parts.v[i][0], parts.v[i][1]);
        if ((rc = sh_db_exec(db, sql, err)) == 0)
            rep->dropped++;
        else
            failed(rc, sql + 11, err);
    }
    free(waiting.v);
    free(parts.v);
    return rc;
}

int sh_pg_maintain_partitions(sh_db *db, int64_t now_ms, int retention_months, sh_partition_report *rep, sh_err *err)
{
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    /* a database whose audit_log is not partitioned (no db/postgres/085 yet) has nothing to keep */
    int64_t partitioned = count_of(db, "SELECT count(*) FROM pg_partitioned_table WHERE partrelid = to_regclass(?)", "audit_log", 0, 0, err);
    rc = partitioned < 0 ? SH_EINTERNAL : partitioned ? maintain(db, now_ms, retention_months, rep, err) : 0;
    if (rc)
        memset(rep, 0, sizeof *rep); /* rolled back: nothing was done */
    return sh_db_finish(db, rc, err);
}
