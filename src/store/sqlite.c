/* SQLite driver: WAL, foreign keys, busy timeout, a per-connection statement cache. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "store/store.h"

#define STMT_CACHE 128

struct sh_stmt {
    sqlite3_stmt *st;
    sh_db *db;
    char *sql;
    int in_use;
};

struct sh_db {
    sqlite3 *conn;
    sh_stmt cache[STMT_CACHE];
    int ncache;
};

static int fail_db(sh_db *db, sh_err *err, const char *what)
{
    int ext = sqlite3_extended_errcode(db->conn);
    if ((ext & 0xff) == SQLITE_CONSTRAINT &&
        (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY))
        return sh_fail(err, SH_EEXIST, "", "duplicate: %s", sqlite3_errmsg(db->conn));
    if ((ext & 0xff) == SQLITE_CONSTRAINT)
        return sh_fail(err, SH_EINVAL, "", "constraint failed: %s", sqlite3_errmsg(db->conn));
    sh_error("sqlite %s: %s (%d)", what, sqlite3_errmsg(db->conn), ext);
    return sh_fail(err, SH_EINTERNAL, "", "storage error");
}

int sh_db_open(const char *dsn, sh_db **ret_db, sh_err *err)
{
    if (strncmp(dsn, "sqlite:", 7) == 0)
        dsn += 7;
    else if (strncmp(dsn, "postgres", 8) == 0)
        return sh_fail(err, SH_EINVAL, "db_path", "the PostgreSQL driver is not built yet; use a SQLite file");
    sh_db *db = sh_xcalloc(1, sizeof *db);
    int rc = sqlite3_open_v2(dsn, &db->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        sh_fail(err, SH_EINTERNAL, "db_path", "cannot open database %s: %s", dsn,
                db->conn ? sqlite3_errmsg(db->conn) : sqlite3_errstr(rc));
        sqlite3_close(db->conn);
        free(db);
        return SH_EINTERNAL;
    }
    sqlite3_busy_timeout(db->conn, 10000);
    sqlite3_extended_result_codes(db->conn, 1);
    rc = sh_db_exec(db,
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                    "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000;",
                    err);
    if (rc != 0) {
        sh_db_close(db);
        return rc;
    }
    *ret_db = db;
    return 0;
}

void sh_db_close(sh_db *db)
{
    if (!db)
        return;
    for (int i = 0; i < db->ncache; i++) {
        sqlite3_finalize(db->cache[i].st);
        free(db->cache[i].sql);
    }
    sqlite3_close(db->conn);
    free(db);
}

int sh_db_exec(sh_db *db, const char *sql, sh_err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = fail_db(db, err, msg ? msg : "exec");
        sqlite3_free(msg);
        return rc;
    }
    return 0;
}

int sh_db_begin(sh_db *db, sh_err *err)
{
    return sh_db_exec(db, "BEGIN IMMEDIATE", err);
}

int sh_db_begin_read(sh_db *db, sh_err *err)
{
    return sh_db_exec(db, "BEGIN", err);
}

int sh_db_commit(sh_db *db, sh_err *err)
{
    return sh_db_exec(db, "COMMIT", err);
}

void sh_db_rollback(sh_db *db)
{
    if (!sqlite3_get_autocommit(db->conn))
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
}

sh_stmt *sh_db_prepare(sh_db *db, const char *sql, sh_err *err)
{
    for (int i = 0; i < db->ncache; i++) {
        sh_stmt *s = &db->cache[i];
        if (!s->in_use && strcmp(s->sql, sql) == 0) {
            s->in_use = 1;
            return s;
        }
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fail_db(db, err, "prepare");
        return NULL;
    }
    if (db->ncache == STMT_CACHE) {
        /* cache full: evict an idle entry (the last one that is not in use) */
        int victim = -1;
        for (int i = db->ncache - 1; i >= 0; i--)
            if (!db->cache[i].in_use) {
                victim = i;
                break;
            }
        if (victim < 0) {
            sqlite3_finalize(st);
            sh_fail(err, SH_EINTERNAL, "", "too many statements in use");
            return NULL;
        }
        sqlite3_finalize(db->cache[victim].st);
        free(db->cache[victim].sql);
        db->cache[victim] = db->cache[--db->ncache];
    }
    sh_stmt *s = &db->cache[db->ncache++];
    s->st = st;
    s->db = db;
    s->sql = sh_xstrdup(sql);
    s->in_use = 1;
    return s;
}

void sh_stmt_done(sh_stmt *s)
{
    if (!s)
        return;
    sqlite3_reset(s->st);
    sqlite3_clear_bindings(s->st);
    s->in_use = 0;
}

void sh_bind_text(sh_stmt *s, int idx, const char *v)
{
    if (v)
        sqlite3_bind_text(s->st, idx, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s->st, idx);
}

void sh_bind_int64(sh_stmt *s, int idx, int64_t v)
{
    sqlite3_bind_int64(s->st, idx, v);
}

void sh_bind_double(sh_stmt *s, int idx, double v)
{
    sqlite3_bind_double(s->st, idx, v);
}

void sh_bind_null(sh_stmt *s, int idx)
{
    sqlite3_bind_null(s->st, idx);
}

void sh_bind_blob(sh_stmt *s, int idx, const void *p, int n)
{
    sqlite3_bind_blob(s->st, idx, p, n, SQLITE_TRANSIENT);
}

int sh_stmt_step(sh_stmt *s, sh_err *err)
{
    int rc = sqlite3_step(s->st);
    if (rc == SQLITE_ROW)
        return SH_ROW;
    if (rc == SQLITE_DONE)
        return SH_DONE;
    return fail_db(s->db, err, "step");
}

const char *sh_col_text(sh_stmt *s, int col)
{
    const unsigned char *t = sqlite3_column_text(s->st, col);
    return t ? (const char *)t : "";
}

int64_t sh_col_int64(sh_stmt *s, int col)
{
    return sqlite3_column_int64(s->st, col);
}

double sh_col_double(sh_stmt *s, int col)
{
    return sqlite3_column_double(s->st, col);
}

int sh_col_is_null(sh_stmt *s, int col)
{
    return sqlite3_column_type(s->st, col) == SQLITE_NULL;
}

const void *sh_col_blob(sh_stmt *s, int col, int *len)
{
    const void *p = sqlite3_column_blob(s->st, col);
    *len = sqlite3_column_bytes(s->st, col);
    return p;
}

int64_t sh_db_last_id(sh_db *db)
{
    return sqlite3_last_insert_rowid(db->conn);
}

int sh_db_changes(sh_db *db)
{
    return sqlite3_changes(db->conn);
}
