/* `shian migrate --to=postgresql://…`: a county's database copied from SQLite into an empty
 * PostgreSQL database of the same schema version, then verified table by table (row counts and a
 * checksum of the content computed the same way on both sides). Files (attachments, snapshots,
 * reports under files_dir) are not in the database: they move separately. */
#ifndef SH_TRANSFER_DBCOPY_H
#define SH_TRANSFER_DBCOPY_H

#include <stdint.h>

#include "core/buf.h"
#include "store/store.h"

/* A table to copy: its layout read from the source. */
typedef struct sh_dbcopy_table {
    char *name;
    sh_table_layout layout;
    /* deferred[c]: column c names a table copied later (a cycle of foreign keys, such as grids'
     * leader and users' grid): inserted NULL, set once every table is in */
    char *deferred;
    int ndeferred;
    int64_t rows_src, rows_dst;
    unsigned char sum_src[32], sum_dst[32];
} sh_dbcopy_table;

/* The tables both databases have, parents before the tables whose foreign keys name them (a cycle is
 * broken at the first of its tables by name, whose keys into the rest are deferred);
 * schema_migrations is each database's own. skipped: the source's tables the target does not have
 * (SQLite's full-text index of business names; PostgreSQL indexes the names itself). */
typedef struct sh_dbcopy_plan {
    sh_dbcopy_table *t;
    int n;
    char **skipped;
    int nskipped;
} sh_dbcopy_plan;

int sh_dbcopy_plan_make(sh_db *src, sh_db *dst, sh_dbcopy_plan *out, sh_err *err);
void sh_dbcopy_plan_free(sh_dbcopy_plan *p);

/* The target holds no county: no divisions, users or businesses. What its own migrations seeded
 * (settings, rules, templates) is replaced by the source's rows. SH_EEXIST naming the rows otherwise. */
int sh_dbcopy_target_empty(sh_db *dst, sh_err *err);

/* Copies every table of the plan in one write transaction on dst (emptied first, ids moved past the
 * copied ones at the end), reading src as it is: the caller holds a read transaction on it. */
typedef void (*sh_dbcopy_progress_fn)(const char *table, int64_t done, int64_t total, void *ctx);
int sh_dbcopy_copy(sh_db *src, sh_db *dst, sh_dbcopy_plan *p, sh_dbcopy_progress_fn progress, void *ctx, sh_err *err);

/* Counts and checksums every table of the plan on both sides (rows_*, sum_*): a table's checksum is
 * the SHA-256 of its rows' SHA-256s in sorted order (so neither engine's row order nor collation
 * matters), a row's the SHA-256 of its values each as a type tag, a length and the bytes (integers
 * in decimal, reals as %.17g). Returns the number of tables that differ, or a negative code. */
int sh_dbcopy_verify(sh_db *src, sh_db *dst, sh_dbcopy_plan *p, sh_err *err);

/* Appends name quoted as an identifier (both dialects: "…", "" inside); dbcopy*.c. */
void sh_dbcopy_add_ident(sh_buf *sql, const char *name);
/* "SELECT col, … FROM table" with the source's columns, in the key's order when order. */
void sh_dbcopy_select(sh_buf *sql, const sh_dbcopy_table *t, int order);

#endif
