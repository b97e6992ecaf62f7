/* shian migrate --to: the copy, in one transaction on the target (transfer/dbcopy.h; the plan: dbcopy_plan.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "transfer/dbcopy.h"

/* Rows a statement inserts at once: round trips to the server are what a copy costs. */
#define BATCH_ROWS 256
#define MAX_PARAMS 32000

void sh_dbcopy_add_ident(sh_buf *sql, const char *name)
{
    sh_buf_addc(sql, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '"')
            sh_buf_addc(sql, '"');
        sh_buf_addc(sql, *p);
    }
    sh_buf_addc(sql, '"');
}

static void add_columns(sh_buf *sql, const sh_table_layout *l)
{
    for (int i = 0; i < l->ncols; i++) {
        if (i)
            sh_buf_adds(sql, ", ");
        sh_dbcopy_add_ident(sql, l->cols[i]);
    }
}

void sh_dbcopy_select(sh_buf *sql, const sh_dbcopy_table *t, int order)
{
    sh_buf_adds(sql, "SELECT ");
    add_columns(sql, &t->layout);
    sh_buf_adds(sql, " FROM ");
    sh_dbcopy_add_ident(sql, t->name);
    if (!order)
        return;
    /* parents first within a table that names itself (divisions' parent_id): the key's order */
    int n = 0;
    for (int k = 1; k <= t->layout.ncols; k++)
        for (int i = 0; i < t->layout.ncols; i++)
            if (t->layout.pk[i] == k) {
                sh_buf_adds(sql, n++ ? ", " : " ORDER BY ");
                sh_dbcopy_add_ident(sql, t->layout.cols[i]);
            }
}

int sh_dbcopy_target_empty(sh_db *dst, sh_err *err)
{
    static const char *const county[] = {"divisions", "users", "entities"};
    for (size_t i = 0; i < sizeof county / sizeof county[0]; i++) {
        int64_t n = 0;
        int rc = sh_db_count_rows(dst, county[i], &n, err);
        if (rc)
            return rc;
        if (n)
            return sh_fail(err, SH_EEXIST, "to", "目标数据库已有数据 (the target database already holds a county: %lld rows in %s); "
                           "migrate only into a new, empty database", (long long)n, county[i]);
    }
    return 0;
}

/* One value of the source's current row bound as what it holds. */
static void bind_value(sh_stmt *ins, int idx, sh_stmt *sel, int col)
{
    int len;
    const void *p;
    switch (sh_col_type(sel, col)) {
    case SH_COL_NULL: sh_bind_null(ins, idx); break;
    case SH_COL_INT: sh_bind_int64(ins, idx, sh_col_int64(sel, col)); break;
    case SH_COL_REAL: sh_bind_double(ins, idx, sh_col_double(sel, col)); break;
    case SH_COL_TEXT: sh_bind_text(ins, idx, sh_col_text(sel, col)); break;
    case SH_COL_BLOB:
        p = sh_col_blob(sel, col, &len);
        sh_bind_blob(ins, idx, p, len);
        break;
    }
}

/* "INSERT INTO t (cols) VALUES (?, …), …" for rows rows. */
static void insert_sql(sh_buf *sql, const sh_dbcopy_table *t, int64_t rows)
{
    sh_buf_adds(sql, "INSERT INTO ");
    sh_dbcopy_add_ident(sql, t->name);
    sh_buf_adds(sql, " (");
    add_columns(sql, &t->layout);
    sh_buf_adds(sql, ") VALUES ");
    for (int64_t r = 0; r < rows; r++) {
        sh_buf_adds(sql, r ? ", (" : "(");
        for (int c = 0; c < t->layout.ncols; c++)
            sh_buf_adds(sql, c ? ", ?" : "?");
        sh_buf_addc(sql, ')');
    }
}

static int copy_table(sh_db *src, sh_db *dst, sh_dbcopy_table *t, sh_dbcopy_progress_fn progress, void *ctx, sh_err *err)
{
    int64_t total = 0, done = 0;
    int rc = sh_db_count_rows(src, t->name, &total, err);
    if (rc)
        return rc;
    int ncols = t->layout.ncols, batch = MAX_PARAMS / ncols < BATCH_ROWS ? MAX_PARAMS / ncols : BATCH_ROWS;
    sh_buf sql = SH_BUF_INIT;
    sh_dbcopy_select(&sql, t, 1);
    sh_stmt *sel = sh_db_prepare(src, sh_buf_str(&sql), err);
    if (!sel) {
        sh_buf_release(&sql);
        return SH_EINTERNAL;
    }
    if (progress)
        progress(t->name, 0, total, ctx);
    while (rc == 0 && done < total) {
        int64_t rows = total - done < batch ? total - done : batch;
        sh_buf_reset(&sql);
        insert_sql(&sql, t, rows);
        sh_stmt *ins = sh_db_prepare(dst, sh_buf_str(&sql), err);
        if (!ins) {
            rc = SH_EINTERNAL;
            break;
        }
        for (int64_t r = 0; rc == 0 && r < rows; r++) {
            int s = sh_stmt_step(sel, err);
            if (s != SH_ROW) {
                rc = s < 0 ? s : sh_fail(err, SH_EINTERNAL, t->name, "源表行数在复制中改变 (the source table changed during the copy)");
                break;
            }
            for (int c = 0; c < ncols; c++)
                if (t->deferred[c])
                    sh_bind_null(ins, (int)(r * ncols + c + 1));
                else
                    bind_value(ins, (int)(r * ncols + c + 1), sel, c);
        }
        if (rc) {
            sh_stmt_done(ins);
        } else if ((rc = sh_stmt_run(ins, err)) != 0 && err) {
            snprintf(err->field, sizeof err->field, "%s", t->name); /* which table the target refused */
        }
        done += rows;
        if (rc == 0 && progress)
            progress(t->name, done, total, ctx);
    }
    sh_stmt_done(sel);
    sh_buf_release(&sql);
    return rc;
}

/* The deferred columns of t set row by row, by its key, once every table is in. */
static int fill_deferred(sh_db *src, sh_db *dst, const sh_dbcopy_table *t, sh_err *err)
{
    const sh_table_layout *l = &t->layout;
    sh_buf sel = SH_BUF_INIT, upd = SH_BUF_INIT;
    int nkey = 0, n = 0;
    sh_buf_adds(&upd, "UPDATE ");
    sh_dbcopy_add_ident(&upd, t->name);
    for (int c = 0; c < l->ncols; c++)
        if (t->deferred[c]) {
            sh_buf_adds(&upd, n++ ? ", " : " SET ");
            sh_dbcopy_add_ident(&upd, l->cols[c]);
            sh_buf_adds(&upd, " = ?");
        }
    for (int c = 0; c < l->ncols; c++)
        if (l->pk[c]) {
            sh_buf_adds(&upd, nkey++ ? " AND " : " WHERE ");
            sh_dbcopy_add_ident(&upd, l->cols[c]);
            sh_buf_adds(&upd, " = ?");
        }
    if (!nkey) {
        sh_buf_release(&upd);
        return sh_fail(err, SH_EINVAL, t->name, "外键成环且无主键 (a cycle of foreign keys through a table without a primary key)");
    }
    /* the deferred values first, then the key: the UPDATE's parameters in order */
    sh_dbcopy_select(&sel, t, 0);
    sh_stmt *st = sh_db_prepare(src, sh_buf_str(&sel), err);
    int rc = st ? 0 : SH_EINTERNAL, s;
    while (rc == 0 && (s = sh_stmt_step(st, err)) == SH_ROW) {
        int any = 0;
        for (int c = 0; c < l->ncols; c++)
            any |= t->deferred[c] && !sh_col_is_null(st, c);
        if (!any)
            continue;
        sh_stmt *u = sh_db_prepare(dst, sh_buf_str(&upd), err);
        if (!u) {
            rc = SH_EINTERNAL;
            break;
        }
        int idx = 1;
        for (int c = 0; c < l->ncols; c++)
            if (t->deferred[c])
                bind_value(u, idx++, st, c);
        for (int c = 0; c < l->ncols; c++)
            if (l->pk[c])
                bind_value(u, idx++, st, c);
        rc = sh_stmt_run(u, err);
    }
    if (rc == 0 && s < 0)
        rc = s;
    sh_stmt_done(st);
    sh_buf_release(&sel);
    sh_buf_release(&upd);
    return rc;
}

static int clear_table(sh_db *dst, const char *name, sh_err *err)
{
    sh_buf sql = SH_BUF_INIT;
    sh_buf_adds(&sql, "DELETE FROM ");
    sh_dbcopy_add_ident(&sql, name);
    int rc = sh_stmt_run(sh_db_prepare(dst, sh_buf_str(&sql), err), err);
    sh_buf_release(&sql);
    return rc;
}

int sh_dbcopy_copy(sh_db *src, sh_db *dst, sh_dbcopy_plan *p, sh_dbcopy_progress_fn progress, void *ctx, sh_err *err)
{
    int rc = sh_db_begin(dst, err);
    if (rc)
        return rc;
    /* children first: the target's own seeded rows (settings, rules) give way to the source's */
    for (int i = p->n - 1; rc == 0 && i >= 0; i--)
        rc = clear_table(dst, p->t[i].name, err);
    for (int i = 0; rc == 0 && i < p->n; i++)
        rc = copy_table(src, dst, &p->t[i], progress, ctx, err);
    for (int i = 0; rc == 0 && i < p->n; i++)
        if (p->t[i].ndeferred)
            rc = fill_deferred(src, dst, &p->t[i], err);
    if (rc == 0)
        rc = sh_db_sync_ids(dst, err);
    return sh_db_finish(dst, rc, err);
}
