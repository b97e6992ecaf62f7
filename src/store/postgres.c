/* PostgreSQL driver on libpq (issue 16, first step): the store interface of driver.h over one
 * connection. Statements keep the code's SQLite-style placeholders (?, ?NNN), rewritten once to
 * $NNN and prepared on the server once per connection (postgres_statements.c); parameters go as text
 * (blobs as binary) and results come back as text, so the column readers convert as SQLite's do.
 * Writers serialise through one advisory lock taken by BEGIN, which gives the domain what SQLite's
 * BEGIN IMMEDIATE gave it: one writer at a time, readers never blocked. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "store/dialect.h"
#include "store/driver.h"
#include "store/postgres_internal.h"

#define MAX_PARAMS 32766 /* SQLite's own limit, which the code is written within */
#define INT8_OID 20
#define FLOAT8_OID 701
#define BYTEA_OID 17

typedef struct pg_stmt {
    struct sh_stmt base;
    char *sql;               /* rewritten to $NNN */
    int nparams; /* the highest placeholder number: the arrays' length */
    char **values; /* owned copies; NULL is SQL NULL */
    int *lengths, *formats;
    unsigned *types;
    PGresult *res; /* after the first step */
    int row, nrows;
    unsigned char *blob; /* the last bytea column read, decoded */
} pg_stmt;

typedef struct pg_db {
    struct sh_db base;
    PGconn *conn;
    int changes;
    sh_pg_statements *statements;
} pg_db;

#define PDB(d) ((pg_db *)(d))
#define PST(s) ((pg_stmt *)(s))

/* Maps a failed result to the store's codes as the SQLite driver does: a duplicate is SH_EEXIST, any
 * other constraint SH_EINVAL, the rest a storage error logged with the server's message. */
static int fail_result(pg_db *db, const PGresult *res, sh_err *err, const char *what)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(db->conn);
    if (state && !strcmp(state, "23505"))
        return sh_fail(err, SH_EEXIST, "", "记录已存在，不能重复 (duplicate: %s)", msg);
    if (state && !strncmp(state, "23", 2))
        return sh_fail(err, SH_EINVAL, "", "数据不符合约束 (constraint failed: %s)", msg);
    sh_error("postgres %s: %s (%s)", what, msg, state ? state : "-");
    return sh_fail(err, SH_EINTERNAL, "", "存储错误 (storage error)");
}

static int pg_exec(sh_db *d, const char *sql, sh_err *err)
{
    PGresult *res = PQexec(PDB(d)->conn, sql);
    ExecStatusType s = PQresultStatus(res);
    int rc = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? 0 : fail_result(PDB(d), res, err, "exec");
    PQclear(res);
    return rc;
}

static void pg_close(sh_db *d)
{
    PQfinish(PDB(d)->conn);
    sh_pg_statements_free(PDB(d)->statements);
    free(d);
}

static int pg_open(const char *dsn, sh_db **ret, sh_err *err)
{
    pg_db *db = sh_xcalloc(1, sizeof *db);
    db->base.drv = &sh_postgres_driver;
    db->conn = PQconnectdb(dsn);
    if (PQstatus(db->conn) != CONNECTION_OK) {
        int rc = sh_fail(err, SH_EINTERNAL, "db_path", "无法连接PostgreSQL数据库 (cannot connect to PostgreSQL: %s)", PQerrorMessage(db->conn));
        pg_close(&db->base);
        return rc;
    }
    /* quiet notices (IF NOT EXISTS), and the server's clock never read by SQL: times are bound */
    PQsetNoticeProcessor(db->conn, NULL, NULL);
    int rc = pg_exec(&db->base, "SET client_min_messages = warning; SET TIME ZONE 'UTC'", err);
    if (rc) {
        pg_close(&db->base);
        return rc;
    }
    sh_sql_dialect_use(&sh_postgres_dialect);
    *ret = &db->base;
    return 0;
}

static int pg_in_transaction(sh_db *d) { return PQtransactionStatus(PDB(d)->conn) != PQTRANS_IDLE; }

int sh_pg_rewrite_placeholders(const char *sql, char **ret, int *ret_n)
{
    sh_buf out = SH_BUF_INIT;
    int highest = 0;
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        if (quote) { /* inside '…' or "…" ('' and "" stay inside) */
            sh_buf_addc(&out, *p);
            if (*p == quote)
                quote = 0;
            continue;
        }
        if (*p == '\'' || *p == '"') {
            quote = *p;
            sh_buf_addc(&out, *p);
            continue;
        }
        if (p[0] == '-' && p[1] == '-') { /* a comment to the end of the line */
            size_t n = strcspn(p, "\n");
            sh_buf_add(&out, p, n);
            p += n - 1;
            continue;
        }
        if (*p != '?') {
            sh_buf_addc(&out, *p);
            continue;
        }
        int n = 0;
        while (p[1] >= '0' && p[1] <= '9') {
            n = n * 10 + (*++p - '0');
            if (n > MAX_PARAMS)
                n = MAX_PARAMS + 1; /* refused below, without overflowing */
        }
        if (!n)
            n = highest + 1; /* SQLite: a bare ? is one more than the highest so far */
        if (n < 1 || n > MAX_PARAMS) {
            sh_buf_release(&out);
            return -1;
        }
        if (n > highest)
            highest = n;
        char num[16];
        snprintf(num, sizeof num, "$%d", n);
        sh_buf_adds(&out, num);
    }
    *ret = sh_xstrdup(sh_buf_str(&out));
    *ret_n = highest;
    sh_buf_release(&out);
    return 0;
}

static sh_stmt *pg_prepare(sh_db *d, const char *sql, sh_err *err)
{
    pg_stmt *s = sh_xcalloc(1, sizeof *s);
    s->base.db = d;
    if (sh_pg_rewrite_placeholders(sql, &s->sql, &s->nparams) != 0) {
        free(s);
        sh_fail(err, SH_EINTERNAL, "", "存储错误：参数编号超出范围 (placeholder out of range)");
        return NULL;
    }
    size_t n = s->nparams ? (size_t)s->nparams : 1;
    s->values = sh_xcalloc(n, sizeof *s->values);
    s->lengths = sh_xcalloc(n, sizeof *s->lengths);
    s->formats = sh_xcalloc(n, sizeof *s->formats);
    s->types = sh_xcalloc(n, sizeof *s->types);
    return &s->base;
}

static void clear_result(pg_stmt *s)
{
    PQclear(s->res);
    s->res = NULL;
    s->row = s->nrows = 0;
    PQfreemem(s->blob);
    s->blob = NULL;
}

static void pg_done(sh_stmt *st)
{
    pg_stmt *s = PST(st);
    clear_result(s);
    for (int i = 0; i < s->nparams; i++)
        free(s->values[i]);
    free(s->values), free(s->lengths), free(s->formats), free(s->types);
    free(s->sql);
    free(s);
}

/* Keeps one parameter (idx from 1) as the server will read it. */
static void set_param(sh_stmt *st, int idx, char *value, int len, int format, unsigned type)
{
    pg_stmt *s = PST(st);
    if (idx < 1 || idx > s->nparams) { /* as SQLite, a number the statement does not have binds nothing */
        free(value);
        return;
    }
    free(s->values[idx - 1]);
    s->values[idx - 1] = value;
    s->lengths[idx - 1] = len;
    s->formats[idx - 1] = format;
    s->types[idx - 1] = type;
}

static void pg_bind_text(sh_stmt *st, int idx, const char *v) { set_param(st, idx, v ? sh_xstrdup(v) : NULL, 0, 0, 0); }
static void pg_bind_null(sh_stmt *st, int idx) { set_param(st, idx, NULL, 0, 0, 0); }

static void pg_bind_int64(sh_stmt *st, int idx, int64_t v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    set_param(st, idx, sh_xstrdup(buf), 0, 0, INT8_OID);
}

static void pg_bind_double(sh_stmt *st, int idx, double v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.17g", v);
    set_param(st, idx, sh_xstrdup(buf), 0, 0, FLOAT8_OID);
}

static void pg_bind_blob(sh_stmt *st, int idx, const void *p, int n)
{
    char *copy = sh_xmalloc(n > 0 ? (size_t)n : 1);
    if (n > 0)
        memcpy(copy, p, (size_t)n);
    set_param(st, idx, copy, n, 1, BYTEA_OID);
}

static int pg_step(sh_stmt *st, sh_err *err)
{
    pg_stmt *s = PST(st);
    if (!s->res) {
        pg_db *db = PDB(st->db);
        s->res = sh_pg_exec_cached(db->conn, &db->statements, s->sql, s->nparams, s->types, (const char *const *)s->values,
                                   s->lengths, s->formats);
        ExecStatusType t = PQresultStatus(s->res);
        if (t != PGRES_TUPLES_OK && t != PGRES_COMMAND_OK) {
            int rc = fail_result(db, s->res, err, "step");
            clear_result(s);
            return rc;
        }
        const char *n = PQcmdTuples(s->res);
        db->changes = n[0] ? atoi(n) : 0;
        s->nrows = t == PGRES_TUPLES_OK ? PQntuples(s->res) : 0;
        s->row = -1;
    }
    if (s->row + 1 < s->nrows) {
        s->row++;
        return SH_ROW;
    }
    return SH_DONE;
}

static const char *pg_col_text(sh_stmt *st, int col)
{
    pg_stmt *s = PST(st);
    if (!s->res || s->row < 0 || col >= PQnfields(s->res) || PQgetisnull(s->res, s->row, col))
        return "";
    return PQgetvalue(s->res, s->row, col);
}

/* Booleans come back as t/f; SQLite's code reads them as 1/0. */
static int64_t pg_col_int64(sh_stmt *st, int col)
{
    const char *t = pg_col_text(st, col);
    if (t[0] == 't' && !t[1])
        return 1;
    return strtoll(t, NULL, 10);
}

static double pg_col_double(sh_stmt *st, int col) { return strtod(pg_col_text(st, col), NULL); }

static int pg_col_is_null(sh_stmt *st, int col)
{
    pg_stmt *s = PST(st);
    return !s->res || s->row < 0 || col >= PQnfields(s->res) || PQgetisnull(s->res, s->row, col);
}

static const void *pg_col_blob(sh_stmt *st, int col, int *len)
{
    pg_stmt *s = PST(st);
    *len = 0;
    if (pg_col_is_null(st, col))
        return NULL;
    PQfreemem(s->blob);
    size_t n = 0;
    s->blob = PQunescapeBytea((const unsigned char *)PQgetvalue(s->res, s->row, col), &n);
    *len = (int)n;
    return s->blob;
}

#define BOOL_OID 16
#define INT2_OID 21
#define INT4_OID 23
#define FLOAT4_OID 700
#define NUMERIC_OID 1700

static enum sh_col_type pg_col_type(sh_stmt *st, int col)
{
    if (pg_col_is_null(st, col))
        return SH_COL_NULL;
    switch (PQftype(PST(st)->res, col)) {
    case INT8_OID: case INT4_OID: case INT2_OID: case BOOL_OID: return SH_COL_INT;
    case FLOAT8_OID: case FLOAT4_OID: case NUMERIC_OID: return SH_COL_REAL;
    case BYTEA_OID: return SH_COL_BLOB;
    default: return SH_COL_TEXT;
    }
}

static int64_t pg_last_id(sh_db *d)
{
    PGresult *res = PQexec(PDB(d)->conn, "SELECT lastval()");
    int64_t id = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
    PQclear(res);
    return id;
}

static int pg_changes(sh_db *d) { return PDB(d)->changes; }

void sh_pg_db_statement_counts(sh_db *d, int64_t *prepared, int64_t *reused)
{
    sh_pg_statements_counts(PDB(d)->statements, prepared, reused);
}

static int pg_tables(sh_db *d, char ***ret_names, int *ret_n, sh_err *err)
{
    PGresult *res = PQexec(PDB(d)->conn, /* a partition (audit_log_YYYYMM) is storage of its table, not a table of its own */
                           "SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace"
                           " AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        int rc = fail_result(PDB(d), res, err, "tables");
        PQclear(res);
        return rc;
    }
    int n = PQntuples(res);
    char **names = sh_xcalloc((size_t)n + 1, sizeof *names);
    for (int i = 0; i < n; i++)
        names[i] = sh_xstrdup(PQgetvalue(res, i, 0));
    PQclear(res);
    *ret_names = names;
    *ret_n = n;
    return 0;
}

/* A county on PostgreSQL is backed up with the engine's own tools (pg_dump, pg_basebackup). */
static int pg_backup(sh_db *d, const char *dest, sh_backup_progress_fn progress, void *ctx, sh_err *err)
{
    (void)d, (void)dest, (void)progress, (void)ctx;
    return sh_fail(err, SH_EINVAL, "db_path", "PostgreSQL数据库请用pg_dump备份 (back up a PostgreSQL database with pg_dump)");
}

static int pg_check(sh_db *d, sh_err *err) { return pg_exec(d, "SELECT 1", err); }

/* Every identity column's sequence past its table's largest value. */
const char sh_pg_sync_ids_sql[] =
    "DO $resync$ DECLARE r record; BEGIN\n"
    "  FOR r IN SELECT table_name, column_name FROM information_schema.columns\n"
    "           WHERE table_schema = current_schema() AND is_identity = 'YES' LOOP\n"
    "    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), coalesce((SELECT max(%I) FROM %I), 0) + 1, false)',\n"
    "                   r.table_name, r.column_name, r.column_name, r.table_name);\n"
    "  END LOOP;\n"
    "END $resync$;\n";

const struct sh_db_driver sh_postgres_driver = {
    .name = "postgres",
    /* one writer at a time, as SQLite's BEGIN IMMEDIATE: an advisory lock held to the transaction's end */
    .begin_write_sql = "BEGIN; SELECT pg_advisory_xact_lock(7461)",
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .in_transaction = pg_in_transaction,
    .prepare = pg_prepare,
    .done = pg_done,
    .bind_text = pg_bind_text,
    .bind_int64 = pg_bind_int64,
    .bind_double = pg_bind_double,
    .bind_null = pg_bind_null,
    .bind_blob = pg_bind_blob,
    .step = pg_step,
    .col_text = pg_col_text,
    .col_int64 = pg_col_int64,
    .col_double = pg_col_double,
    .col_is_null = pg_col_is_null,
    .col_blob = pg_col_blob,
    .col_type = pg_col_type,
    .last_id = pg_last_id,
    .changes = pg_changes,
    .backup = pg_backup,
    .tables = pg_tables,
    .check = pg_check,
    .sync_ids_sql = sh_pg_sync_ids_sql,
    .migration_sql = sh_pg_migration_sql,
    .maintain_partitions = sh_pg_maintain_partitions,
};
