/* SQLite's side of a backup: the online backup API (sqlite3_backup_*), the list of tables and a table's
 * layout (columns, key, foreign keys: what `shian migrate --to` copies by). */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "store/sqlite_internal.h"

/* Pages copied a step: small enough to report progress, large enough to be quick. */
#define BACKUP_PAGES 1024

static int backup_fail(sqlite3 *conn, sh_err *err, const char *what)
{
    return sh_fail(err, SH_EINTERNAL, "", "backup: %s: %s", what, sqlite3_errmsg(conn));
}

/* The source's read transaction is held open across the steps, so every page comes from one
 * snapshot of the WAL: writers go on (WAL readers do not block them), and the copy never restarts
 * because another connection wrote. */
int sh_sqlite_backup(sh_db *d, const char *dest, sh_backup_progress_fn progress, void *ctx, sh_err *err)
{
    sqlite3 *src = sh_sqlite_conn(d), *dst = NULL;
    if (sqlite3_exec(src, "BEGIN; SELECT count(*) FROM sqlite_schema;", NULL, NULL, NULL) != SQLITE_OK)
        return backup_fail(src, err, "cannot start a read transaction");
    int rc = sqlite3_open_v2(dest, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE, NULL);
    if (rc != SQLITE_OK) {
        rc = sh_fail(err, SH_EINTERNAL, "", "backup: cannot create %s: %s", dest, dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
        goto out;
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        rc = backup_fail(dst, err, "cannot start");
        goto out;
    }
    do {
        rc = sqlite3_backup_step(b, BACKUP_PAGES);
        if (progress && (rc == SQLITE_OK || rc == SQLITE_DONE))
            progress(sqlite3_backup_remaining(b), sqlite3_backup_pagecount(b), ctx);
    } while (rc == SQLITE_OK);
    int done = rc == SQLITE_DONE;
    sqlite3_backup_finish(b);
    /* the copy is a single file in rollback mode: it travels without -wal and -shm */
    if (done && sqlite3_exec(dst, "PRAGMA journal_mode=DELETE;", NULL, NULL, NULL) != SQLITE_OK)
        done = 0;
    rc = done ? 0 : backup_fail(dst, err, "copy failed");
out:
    sqlite3_close(dst);
    sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
    return rc;
}

int sh_sqlite_tables(sh_db *d, char ***ret_names, int *ret_n, sh_err *err)
{
    sqlite3 *conn = sh_sqlite_conn(d);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(conn, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'"
                           " ORDER BY name", -1, &st, NULL) != SQLITE_OK)
        return backup_fail(conn, err, "cannot list the tables");
    char **names = NULL;
    int n = 0, cap = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = sh_xrealloc(names, (size_t)cap * sizeof *names);
        }
        names[n++] = sh_xstrdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        for (int i = 0; i < n; i++)
            free(names[i]);
        free(names);
        return backup_fail(conn, err, "cannot list the tables");
    }
    *ret_names = names;
    *ret_n = n;
    return 0;
}

/* Appends each row of st (bound to the table's name): column 0 to *v, column 1 to *pk (an integer) or
 * to *v2 (text). */
static int collect(sqlite3 *conn, sqlite3_stmt *st, char ***v, int *n, int **pk, char ***v2, sh_err *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *v = sh_xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
        if (pk) {
            *pk = sh_xrealloc(*pk, (size_t)(*n + 1) * sizeof **pk);
            (*pk)[*n] = sqlite3_column_int(st, 1);
        } else {
            *v2 = sh_xrealloc(*v2, (size_t)(*n + 1) * sizeof **v2);
            (*v2)[*n] = sh_xstrdup((const char *)sqlite3_column_text(st, 1));
        }
        (*v)[(*n)++] = sh_xstrdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : backup_fail(conn, err, "cannot read a table's layout");
}

int sh_sqlite_table_layout(sh_db *d, const char *table, sh_table_layout *out, sh_err *err)
{
    sqlite3 *conn = sh_sqlite_conn(d);
    sqlite3_stmt *cols = NULL, *refs = NULL;
    /* table_info leaves generated (hidden) columns out: they cannot be inserted */
    if (sqlite3_prepare_v2(conn, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", -1, &cols, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(conn, "SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?) ORDER BY id, seq", -1, &refs, NULL) != SQLITE_OK) {
        sqlite3_finalize(cols);
        return backup_fail(conn, err, "cannot read a table's layout");
    }
    sqlite3_bind_text(cols, 1, table, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(refs, 1, table, -1, SQLITE_TRANSIENT);
    int rc = collect(conn, cols, &out->cols, &out->ncols, &out->pk, NULL, err);
    if (rc == 0)
        rc = collect(conn, refs, &out->refs, &out->nrefs, NULL, &out->ref_cols, err);
    else
        sqlite3_finalize(refs);
    if (rc == 0 && out->ncols == 0)
        rc = sh_fail(err, SH_EINVAL, "", "没有此表 (no table %s)", table);
    if (rc)
        sh_table_layout_free(out);
    return rc;
}

int sh_sqlite_check(sh_db *d, sh_err *err)
{
    sqlite3 *conn = sh_sqlite_conn(d);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(conn, "PRAGMA quick_check(1)", -1, &st, NULL) != SQLITE_OK)
        return backup_fail(conn, err, "cannot check the database");
    int rc = sqlite3_step(st);
    const char *say = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : sqlite3_errmsg(conn);
    rc = rc == SQLITE_ROW && say && !strcmp(say, "ok") ? 0
                                                      : sh_fail(err, SH_EINVAL, "db_path", "数据库结构已损坏 (the database's structure is damaged: %s)",
                                                                say ? say : "no answer");
    sqlite3_finalize(st);
    return rc;
}
