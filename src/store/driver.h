/* The table of operations a storage driver fills (SQLite now, PostgreSQL later). Drivers embed
 * `struct sh_db` and `struct sh_stmt` as the first member of their own connection and statement
 * types; store.c dispatches every call of store.h through db->drv. */
#ifndef SH_DRIVER_H
#define SH_DRIVER_H

#include "store/store.h"

struct sh_db_driver {
    const char *name;
    const char *begin_write_sql; /* SQLite: BEGIN IMMEDIATE, so writers queue up front */
    int (*open)(const char *dsn, sh_db **ret, sh_err *err);
    void (*close)(sh_db *db);
    int (*exec)(sh_db *db, const char *sql, sh_err *err);
    int (*in_transaction)(sh_db *db);
    sh_stmt *(*prepare)(sh_db *db, const char *sql, sh_err *err);
    void (*done)(sh_stmt *st);
    void (*bind_text)(sh_stmt *st, int idx, const char *v);
    void (*bind_int64)(sh_stmt *st, int idx, int64_t v);
    void (*bind_double)(sh_stmt *st, int idx, double v);
    void (*bind_null)(sh_stmt *st, int idx);
    void (*bind_blob)(sh_stmt *st, int idx, const void *p, int n);
    int (*step)(sh_stmt *st, sh_err *err);
    const char *(*col_text)(sh_stmt *st, int col);
    int64_t (*col_int64)(sh_stmt *st, int col);
    double (*col_double)(sh_stmt *st, int col);
    int (*col_is_null)(sh_stmt *st, int col);
    const void *(*col_blob)(sh_stmt *st, int col, int *len);
    enum sh_col_type (*col_type)(sh_stmt *st, int col);
    int64_t (*last_id)(sh_db *db);
    int (*changes)(sh_db *db);
    /* an online copy of the whole database into a new file dest (store.h sh_db_backup) */
    int (*backup)(sh_db *db, const char *dest, sh_backup_progress_fn progress, void *ctx, sh_err *err);
    /* the names of the database's tables, in name order (store.h sh_db_tables) */
    int (*tables)(sh_db *db, char ***ret_names, int *ret_n, sh_err *err);
    /* a table's columns, key and foreign keys (store.h sh_db_table_layout); NULL: not available */
    int (*table_layout)(sh_db *db, const char *table, sh_table_layout *out, sh_err *err);
    /* the engine's own check of the file's structure (store.h sh_db_check) */
    int (*check)(sh_db *db, sh_err *err);
    /* moves generated ids past rows inserted with their own (store.h sh_db_sync_ids); NULL: nothing to do */
    const char *sync_ids_sql;
    /* a migration's SQL in the engine's dialect, malloc'ed (NULL: db/NNN_name.sql as written) */
    char *(*migration_sql)(sh_db *db, const struct sh_migration *m, sh_err *err);
    /* the audit log's partitions made ahead and dropped past the retention (store.h
     * sh_db_maintain_partitions); NULL: one table, the retention's rows deleted by partitions.c */
    int (*maintain_partitions)(sh_db *db, int64_t now_ms, int retention_months, sh_partition_report *rep, sh_err *err);
};

struct sh_db {
    const struct sh_db_driver *drv;
};

struct sh_stmt {
    sh_db *db;
};

extern const struct sh_db_driver sh_sqlite_driver;

#endif
