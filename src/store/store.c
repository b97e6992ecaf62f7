/* store.h dispatched to the connection's driver, and the transaction verbs common to all. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "store/driver.h"
#include "store/postgres_internal.h"

/* Time in the database, for /metrics: two monotonic readings a call (tens of nanoseconds). */
static atomic_llong db_ns, db_calls;

static void db_time_add(int64_t t0)
{
    atomic_fetch_add_explicit(&db_ns, sh_mono_ns() - t0, memory_order_relaxed);
    atomic_fetch_add_explicit(&db_calls, 1, memory_order_relaxed);
}

void sh_db_time(int64_t *ret_ns, int64_t *ret_calls)
{
    *ret_ns = atomic_load_explicit(&db_ns, memory_order_relaxed);
    *ret_calls = atomic_load_explicit(&db_calls, memory_order_relaxed);
}

int sh_dsn_is_postgres(const char *dsn)
{
    return strncmp(dsn, "postgres://", 11) == 0 || strncmp(dsn, "postgresql://", 13) == 0;
}

int sh_db_open(const char *dsn, sh_db **ret_db, sh_err *err)
{
    if (sh_dsn_is_postgres(dsn))
        return sh_postgres_driver.open(dsn, ret_db, err);
    if (strncmp(dsn, "sqlite:", 7) == 0)
        dsn += 7;
    return sh_sqlite_driver.open(dsn, ret_db, err);
}

void sh_db_close(sh_db *db)
{
    if (db)
        db->drv->close(db);
}

int sh_db_exec(sh_db *db, const char *sql, sh_err *err)
{
    int64_t t0 = sh_mono_ns();
    int rc = db->drv->exec(db, sql, err);
    db_time_add(t0);
    return rc;
}
int sh_db_begin(sh_db *db, sh_err *err) { return db->drv->exec(db, db->drv->begin_write_sql, err); }
int sh_db_begin_read(sh_db *db, sh_err *err) { return db->drv->exec(db, "BEGIN", err); }
int sh_db_in_transaction(sh_db *db) { return db->drv->in_transaction(db); }
int sh_db_commit(sh_db *db, sh_err *err) { return db->drv->exec(db, "COMMIT", err); }

void sh_db_rollback(sh_db *db)
{
    if (db->drv->in_transaction(db))
        db->drv->exec(db, "ROLLBACK", NULL);
}

sh_stmt *sh_db_prepare(sh_db *db, const char *sql, sh_err *err) { return db->drv->prepare(db, sql, err); }

void sh_stmt_done(sh_stmt *st)
{
    if (st)
        st->db->drv->done(st);
}

void sh_bind_text(sh_stmt *st, int idx, const char *s) { st->db->drv->bind_text(st, idx, s); }
void sh_bind_int64(sh_stmt *st, int idx, int64_t v) { st->db->drv->bind_int64(st, idx, v); }
void sh_bind_double(sh_stmt *st, int idx, double v) { st->db->drv->bind_double(st, idx, v); }
void sh_bind_null(sh_stmt *st, int idx) { st->db->drv->bind_null(st, idx); }
void sh_bind_blob(sh_stmt *st, int idx, const void *p, int n) { st->db->drv->bind_blob(st, idx, p, n); }
int sh_stmt_step(sh_stmt *st, sh_err *err)
{
    int64_t t0 = sh_mono_ns();
    int rc = st->db->drv->step(st, err);
    db_time_add(t0);
    return rc;
}
const char *sh_col_text(sh_stmt *st, int col) { return st->db->drv->col_text(st, col); }
int64_t sh_col_int64(sh_stmt *st, int col) { return st->db->drv->col_int64(st, col); }
double sh_col_double(sh_stmt *st, int col) { return st->db->drv->col_double(st, col); }
int sh_col_is_null(sh_stmt *st, int col) { return st->db->drv->col_is_null(st, col); }
const void *sh_col_blob(sh_stmt *st, int col, int *len) { return st->db->drv->col_blob(st, col, len); }
enum sh_col_type sh_col_type(sh_stmt *st, int col) { return st->db->drv->col_type(st, col); }
int64_t sh_db_last_id(sh_db *db) { return db->drv->last_id(db); }
int sh_db_changes(sh_db *db) { return db->drv->changes(db); }

int sh_db_backup(sh_db *db, const char *dest, sh_backup_progress_fn progress, void *ctx, sh_err *err)
{
    return db->drv->backup(db, dest, progress, ctx, err);
}

int sh_db_tables(sh_db *db, char ***ret_names, int *ret_n, sh_err *err)
{
    return db->drv->tables(db, ret_names, ret_n, err);
}

int sh_db_check(sh_db *db, sh_err *err)
{
    return db->drv->check(db, err);
}

int sh_db_sync_ids(sh_db *db, sh_err *err) { return db->drv->sync_ids_sql ? db->drv->exec(db, db->drv->sync_ids_sql, err) : 0; }

int sh_db_table_layout(sh_db *db, const char *table, sh_table_layout *out, sh_err *err)
{
    memset(out, 0, sizeof *out);
    if (!db->drv->table_layout)
        return sh_fail(err, SH_EINVAL, "db_path", "%s数据库不提供表结构 (the %s driver does not read a table's layout)", db->drv->name,
                       db->drv->name);
    return db->drv->table_layout(db, table, out, err);
}

void sh_table_layout_free(sh_table_layout *l)
{
    sh_db_tables_free(l->cols, l->ncols);
    sh_db_tables_free(l->refs, l->nrefs);
    sh_db_tables_free(l->ref_cols, l->nrefs);
    free(l->pk);
    memset(l, 0, sizeof *l);
}

void sh_db_tables_free(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

int sh_db_count_rows(sh_db *db, const char *name, int64_t *ret, sh_err *err)
{
    /* a table name cannot be a bound parameter: quoted as an identifier (both dialects: "…", "" inside) */
    sh_buf sql = SH_BUF_INIT;
    sh_buf_adds(&sql, "SELECT count(*) FROM \"");
    for (const char *p = name; *p; p++) {
        if (*p == '"')
            sh_buf_addc(&sql, '"');
        sh_buf_addc(&sql, *p);
    }
    sh_buf_addc(&sql, '"');
    sh_stmt *st = sh_db_prepare(db, sh_buf_str(&sql), err);
    sh_buf_release(&sql);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    *ret = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}
