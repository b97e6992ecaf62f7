/* SQLite driver: WAL, foreign keys, busy timeout, a per-connection cache of prepared statements. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/log.h"
#include "store/dialect.h"
#include "store/driver.h"
#include "store/sqlite_internal.h"

#define STMT_CACHE 128

typedef struct lite_stmt {
    struct sh_stmt base;
    sqlite3_stmt *st;
    char *sql;
    int in_use;
} lite_stmt;

typedef struct lite_db {
    struct sh_db base;
    sqlite3 *conn;
    lite_stmt cache[STMT_CACHE]; /* slots never move: callers hold pointers to in-use ones */
    int ncache;
} lite_db;

#define LDB(d) ((lite_db *)(d))
#define LST(s) ((lite_stmt *)(s))

static int fail_db(lite_db *db, sh_err *err, const char *what)
{
    int ext = sqlite3_extended_errcode(db->conn);
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
        return sh_fail(err, SH_EEXIST, "", "记录已存在，不能重复 (duplicate: %s)", sqlite3_errmsg(db->conn));
    if ((ext & 0xff) == SQLITE_CONSTRAINT)
        return sh_fail(err, SH_EINVAL, "", "数据不符合约束 (constraint failed: %s)", sqlite3_errmsg(db->conn));
    sh_error("sqlite %s: %s (%d)", what, sqlite3_errmsg(db->conn), ext);
    return sh_fail(err, SH_EINTERNAL, "", "storage error");
}

static int lite_exec(sh_db *d, const char *sql, sh_err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(LDB(d)->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = fail_db(LDB(d), err, msg ? msg : "exec");
        sqlite3_free(msg);
        return rc;
    }
    return 0;
}

static void lite_close(sh_db *d)
{
    lite_db *db = LDB(d);
    for (int i = 0; i < db->ncache; i++) {
        sqlite3_finalize(db->cache[i].st);
        free(db->cache[i].sql);
    }
    sqlite3_close(db->conn);
    free(db);
}

/* A new database file is made 0640 before SQLite opens it, whatever the umask of the shell that ran
 * `shian migrate` (it holds password hashes and every record); SQLite gives its -wal and -shm files
 * the database file's mode. An existing file is left as it is. */
static void create_private(const char *dsn)
{
    if (!dsn[0] || !strcmp(dsn, ":memory:") || !strncmp(dsn, "file:", 5))
        return;
    int fd = open(dsn, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd >= 0)
        close(fd);
    else if (errno != EEXIST)
        sh_debug("cannot pre-create %s: %s", dsn, strerror(errno)); /* sqlite3_open_v2 reports it */
}

static int lite_open(const char *dsn, sh_db **ret, sh_err *err)
{
    create_private(dsn);
    lite_db *db = sh_xcalloc(1, sizeof *db);
    db->base.drv = &sh_sqlite_driver;
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
    rc = lite_exec(&db->base,
                   "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                   "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000;",
                   err);
    if (rc != 0) {
        lite_close(&db->base);
        return rc;
    }
    sh_sql_dialect_use(&sh_sqlite_dialect);
    *ret = &db->base;
    return 0;
}

static int lite_in_transaction(sh_db *d)
{
    return !sqlite3_get_autocommit(LDB(d)->conn);
}

static sh_stmt *lite_prepare(sh_db *d, const char *sql, sh_err *err)
{
    lite_db *db = LDB(d);
    int free_slot = -1;
    for (int i = 0; i < db->ncache; i++) {
        lite_stmt *s = &db->cache[i];
        if (s->in_use)
            continue;
        if (strcmp(s->sql, sql) == 0) {
            s->in_use = 1;
            return &s->base;
        }
        free_slot = i;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fail_db(db, err, "prepare");
        return NULL;
    }
    lite_stmt *s;
    if (db->ncache < STMT_CACHE) {
        s = &db->cache[db->ncache++];
    } else if (free_slot >= 0) {
        s = &db->cache[free_slot]; /* full: reuse an idle slot in place */
        sqlite3_finalize(s->st);
        free(s->sql);
    } else {
        sqlite3_finalize(st);
        sh_fail(err, SH_EINTERNAL, "", "too many statements in use");
        return NULL;
    }
    s->base.db = d;
    s->st = st;
    s->sql = sh_xstrdup(sql);
    s->in_use = 1;
    return &s->base;
}

static void lite_done(sh_stmt *s)
{
    sqlite3_reset(LST(s)->st);
    sqlite3_clear_bindings(LST(s)->st);
    LST(s)->in_use = 0;
}

static void lite_bind_text(sh_stmt *s, int idx, const char *v)
{
    if (v)
        sqlite3_bind_text(LST(s)->st, idx, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(LST(s)->st, idx);
}

static void lite_bind_int64(sh_stmt *s, int idx, int64_t v) { sqlite3_bind_int64(LST(s)->st, idx, v); }
static void lite_bind_double(sh_stmt *s, int idx, double v) { sqlite3_bind_double(LST(s)->st, idx, v); }
static void lite_bind_null(sh_stmt *s, int idx) { sqlite3_bind_null(LST(s)->st, idx); }
static void lite_bind_blob(sh_stmt *s, int idx, const void *p, int n)
{
    sqlite3_bind_blob(LST(s)->st, idx, p, n, SQLITE_TRANSIENT);
}

static int lite_step(sh_stmt *s, sh_err *err)
{
    int rc = sqlite3_step(LST(s)->st);
    if (rc == SQLITE_ROW)
        return SH_ROW;
    if (rc == SQLITE_DONE)
        return SH_DONE;
    return fail_db(LDB(s->db), err, "step");
}

static const char *lite_col_text(sh_stmt *s, int col)
{
    const unsigned char *t = sqlite3_column_text(LST(s)->st, col);
    return t ? (const char *)t : "";
}

static int64_t lite_col_int64(sh_stmt *s, int col) { return sqlite3_column_int64(LST(s)->st, col); }
static double lite_col_double(sh_stmt *s, int col) { return sqlite3_column_double(LST(s)->st, col); }
static int lite_col_is_null(sh_stmt *s, int col) { return sqlite3_column_type(LST(s)->st, col) == SQLITE_NULL; }

static const void *lite_col_blob(sh_stmt *s, int col, int *len)
{
    const void *p = sqlite3_column_blob(LST(s)->st, col);
    *len = sqlite3_column_bytes(LST(s)->st, col);
    return p;
}

static enum sh_col_type lite_col_type(sh_stmt *s, int col)
{
    switch (sqlite3_column_type(LST(s)->st, col)) {
    case SQLITE_INTEGER: return SH_COL_INT;
    case SQLITE_FLOAT: return SH_COL_REAL;
    case SQLITE_TEXT: return SH_COL_TEXT;
    case SQLITE_BLOB: return SH_COL_BLOB;
    default: return SH_COL_NULL;
    }
}

sqlite3 *sh_sqlite_conn(sh_db *d) { return LDB(d)->conn; }

static int64_t lite_last_id(sh_db *d) { return sqlite3_last_insert_rowid(LDB(d)->conn); }
static int lite_changes(sh_db *d) { return sqlite3_changes(LDB(d)->conn); }

const struct sh_db_driver sh_sqlite_driver = {
    .name = "sqlite",
    .begin_write_sql = "BEGIN IMMEDIATE",
    .open = lite_open,
    .close = lite_close,
    .exec = lite_exec,
    .in_transaction = lite_in_transaction,
    .prepare = lite_prepare,
    .done = lite_done,
    .bind_text = lite_bind_text,
    .bind_int64 = lite_bind_int64,
    .bind_double = lite_bind_double,
    .bind_null = lite_bind_null,
    .bind_blob = lite_bind_blob,
    .step = lite_step,
    .col_text = lite_col_text,
    .col_int64 = lite_col_int64,
    .col_double = lite_col_double,
    .col_is_null = lite_col_is_null,
    .col_blob = lite_col_blob,
    .col_type = lite_col_type,
    .last_id = lite_last_id,
    .changes = lite_changes,
    .backup = sh_sqlite_backup,
    .tables = sh_sqlite_tables,
    .table_layout = sh_sqlite_table_layout,
    .check = sh_sqlite_check,
};
