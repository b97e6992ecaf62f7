/* Storage: connections, prepared statements, transactions, migrations.
 * One opaque connection type with a driver behind it (SQLite now; PostgreSQL can fill the same
 * table of operations). SQL uses '?' placeholders; a driver rewrites them if its dialect differs.
 * A connection belongs to one thread at a time. Statements returned by sh_db_prepare are cached
 * by the connection and owned by it: call sh_stmt_done when finished, never free them. */
#ifndef SH_STORE_H
#define SH_STORE_H

#include <stdint.h>
#include "core/err.h"

typedef struct sh_db sh_db;
typedef struct sh_stmt sh_stmt;

enum { SH_DONE = 0, SH_ROW = 1 };

/* Whether a dsn names a PostgreSQL database (postgres:// or postgresql://) rather than a SQLite file. */
int sh_dsn_is_postgres(const char *dsn);
/* dsn: a file path or "sqlite:PATH" (":memory:" allowed). */
int sh_db_open(const char *dsn, sh_db **ret_db, sh_err *err);
void sh_db_close(sh_db *db);
/* Runs one or more statements without parameters (schema, pragmas). */
int sh_db_exec(sh_db *db, const char *sql, sh_err *err);

/* Write transaction (SQLite: BEGIN IMMEDIATE, so writers queue instead of failing late). */
int sh_db_begin(sh_db *db, sh_err *err);
int sh_db_commit(sh_db *db, sh_err *err);
void sh_db_rollback(sh_db *db);
/* Whether a transaction is open on this connection. */
int sh_db_in_transaction(sh_db *db);
/* Read transaction: a consistent snapshot across several statements. */
int sh_db_begin_read(sh_db *db, sh_err *err);

/* Prepares (or takes from the cache) a statement for sql. Returns NULL and fills err on failure. */
sh_stmt *sh_db_prepare(sh_db *db, const char *sql, sh_err *err);
void sh_stmt_done(sh_stmt *st);

/* Binding, 1-based. A NULL text binds SQL NULL. */
void sh_bind_text(sh_stmt *st, int idx, const char *s);
void sh_bind_int64(sh_stmt *st, int idx, int64_t v);
void sh_bind_double(sh_stmt *st, int idx, double v);
void sh_bind_null(sh_stmt *st, int idx);
void sh_bind_blob(sh_stmt *st, int idx, const void *p, int n);
/* Binds v, or SQL NULL when v is 0 (an absent id or time). */
void sh_bind_int64_or_null(sh_stmt *st, int idx, int64_t v);
/* Binds s, or SQL NULL when s is NULL or empty. */
void sh_bind_text_or_null(sh_stmt *st, int idx, const char *s);

/* SH_ROW, SH_DONE, or a negative code (SH_EEXIST for a uniqueness conflict) with err filled. */
int sh_stmt_step(sh_stmt *st, sh_err *err);

/* Columns, 0-based. Text is valid until the next step or sh_stmt_done; never NULL (""), use is_null. */
const char *sh_col_text(sh_stmt *st, int col);
int64_t sh_col_int64(sh_stmt *st, int col);
double sh_col_double(sh_stmt *st, int col);
int sh_col_is_null(sh_stmt *st, int col);
const void *sh_col_blob(sh_stmt *st, int col, int *len);
/* What a column of the current row holds: SQLite's storage class of the value; PostgreSQL's by the
 * column's type (bigint and boolean SH_COL_INT, double precision SH_COL_REAL, bytea SH_COL_BLOB). */
enum sh_col_type { SH_COL_NULL, SH_COL_INT, SH_COL_REAL, SH_COL_TEXT, SH_COL_BLOB };
enum sh_col_type sh_col_type(sh_stmt *st, int col);

/* Steps a statement that returns no rows (or whose rows are not wanted) once and releases it:
 * 0 or a negative code. st NULL (a failed prepare, err already filled) gives SH_EINTERNAL. */
int sh_stmt_run(sh_stmt *st, sh_err *err);
/* Steps an INSERT … RETURNING id once and releases it: 0 with *ret_id (0 when nothing was inserted,
 * e.g. ON CONFLICT DO NOTHING), or a negative code. st NULL gives SH_EINTERNAL. */
int sh_stmt_insert_id(sh_stmt *st, int64_t *ret_id, sh_err *err);

/* The rowid of the last insert. SQLite only: new code writes INSERT … RETURNING id instead. */
int64_t sh_db_last_id(sh_db *db);
int sh_db_changes(sh_db *db);

/* Ends a write transaction begun with sh_db_begin: commits when rc is 0, rolls back otherwise.
 * Returns rc, or the commit's failure. */
int sh_db_finish(sh_db *db, int rc, sh_err *err);
/* A step that joins the caller's open write transaction (the demo files its county through the areas' own
 * steps inside one) or begins its own: *own says which; sh_db_leave finishes only its own, else passes rc. */
int sh_db_join(sh_db *db, int *own, sh_err *err);
int sh_db_leave(sh_db *db, int own, int rc, sh_err *err);

/* Convenience: prepare, bind nothing, step once, return column 0 as int64 (or def when no row). */
int sh_db_query_int64(sh_db *db, const char *sql, int64_t def, int64_t *out, sh_err *err);

/* A consistent copy of the whole database into the new file dest, taken while other connections
 * (the server) keep writing: the copy is the database as of one instant. progress (may be NULL) is
 * called as pages are copied, with the pages left and the total. dest must not exist. */
typedef void (*sh_backup_progress_fn)(int remaining, int total, void *ctx);
int sh_db_backup(sh_db *db, const char *dest, sh_backup_progress_fn progress, void *ctx, sh_err *err);
/* The names of the database's own tables (not the engine's), sorted; *ret_names and each name are
 * malloc'd: free them with sh_db_tables_free. */
int sh_db_tables(sh_db *db, char ***ret_names, int *ret_n, sh_err *err);
void sh_db_tables_free(char **names, int n);
/* A table's columns in their declared order (generated columns left out), which of them form the
 * primary key (pk[i]: 1-based position in the key, 0 if not), and its foreign keys: refs[i] the table
 * column ref_cols[i] names (itself included when it does). SQLite only for now: other engines answer
 * SH_EINVAL. */
typedef struct sh_table_layout {
    char **cols;
    int *pk;
    int ncols;
    char **refs, **ref_cols;
    int nrefs;
} sh_table_layout;
int sh_db_table_layout(sh_db *db, const char *table, sh_table_layout *out, sh_err *err);
void sh_table_layout_free(sh_table_layout *l);
/* The engine's check of the database's structure (SQLite: quick_check): 0, or SH_EINVAL naming the
 * first fault. */
int sh_db_check(sh_db *db, sh_err *err);
/* Rows of table `name` (a name sh_db_tables returned). */
int sh_db_count_rows(sh_db *db, const char *name, int64_t *ret, sh_err *err);
/* After rows were written with ids of their own (the demo's bulk inserts): the engine's generated ids
 * go on past them (PostgreSQL's identity sequences; nothing to do on SQLite). */
int sh_db_sync_ids(sh_db *db, sh_err *err);

/* The audit log's upkeep, once a day from the sweep (now_ms from the clock seam). On PostgreSQL, where
 * audit_log is partitioned by Beijing-time month (db/postgres/085): the current and next two months'
 * partitions made when missing, and a partition for each month that has rows in audit_log_default
 * (moved there first). With retention_months > 0 (the setting audit_retention_months), rows before
 * the first day of the month retention_months before the current one go: on PostgreSQL whole month
 * partitions are dropped, on SQLite rows are deleted in batches. The current month is never touched. */
typedef struct sh_partition_report {
    int created;         /* partitions made */
    int dropped;         /* partitions dropped past the retention */
    int64_t moved;       /* rows moved out of the default partition */
    int64_t deleted;     /* rows deleted past the retention (outside dropped partitions) */
} sh_partition_report;
int sh_db_maintain_partitions(sh_db *db, int64_t now_ms, int retention_months, sh_partition_report *rep, sh_err *err);
/* The first instant kept by a retention of `months` at now_ms: the Beijing-time start of the month
 * `months` before the current one. */
int64_t sh_audit_retention_start_ms(int64_t now_ms, int months);

/* Time spent in the database by this process (statements stepped and executed), for /metrics:
 * nanoseconds and calls, summed over every connection. */
void sh_db_time(int64_t *ret_ns, int64_t *ret_calls);

/* Applies the numbered migrations built into the binary that are not yet applied, each in its own
 * transaction. Fills *applied with the count when not NULL. */
int sh_migrate(sh_db *db, int *applied, sh_err *err);
/* Highest applied migration version, 0 for an empty database. */
int sh_schema_version(sh_db *db, int *out, sh_err *err);

/* The migrations compiled in (generated from db/NNN_*.sql). */
struct sh_migration {
    int version;
    const char *name;
    const char *sql;
};
extern const struct sh_migration sh_migrations[];
extern const int sh_migrations_count;

#endif
