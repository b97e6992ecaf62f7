/* store.h dispatched to the connection's driver, and the transaction verbs common to all. */
#include <string.h>

#include "store/driver.h"

int sh_db_open(const char *dsn, sh_db **ret_db, sh_err *err)
{
    if (strncmp(dsn, "postgres", 8) == 0)
        return sh_fail(err, SH_EINVAL, "db_path", "the PostgreSQL driver is not built yet; use a SQLite file");
    if (strncmp(dsn, "sqlite:", 7) == 0)
        dsn += 7;
    return sh_sqlite_driver.open(dsn, ret_db, err);
}

void sh_db_close(sh_db *db)
{
    if (db)
        db->drv->close(db);
}

int sh_db_exec(sh_db *db, const char *sql, sh_err *err) { return db->drv->exec(db, sql, err); }
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
int sh_stmt_step(sh_stmt *st, sh_err *err) { return st->db->drv->step(st, err); }
const char *sh_col_text(sh_stmt *st, int col) { return st->db->drv->col_text(st, col); }
int64_t sh_col_int64(sh_stmt *st, int col) { return st->db->drv->col_int64(st, col); }
double sh_col_double(sh_stmt *st, int col) { return st->db->drv->col_double(st, col); }
int sh_col_is_null(sh_stmt *st, int col) { return st->db->drv->col_is_null(st, col); }
const void *sh_col_blob(sh_stmt *st, int col, int *len) { return st->db->drv->col_blob(st, col, len); }
int64_t sh_db_last_id(sh_db *db) { return db->drv->last_id(db); }
int sh_db_changes(sh_db *db) { return db->drv->changes(db); }
