/* shian migrate --to / --verify: rows and a checksum of every table on both sides (transfer/dbcopy.h). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "transfer/dbcopy.h"

/* One value as a type tag, its length and its bytes, so that no two rows encode alike. Reals as %.17g:
 * PostgreSQL prints a double precision exactly enough to read back the same double. */
static void add_value(crypto_hash_sha256_state *h, sh_stmt *st, int col)
{
    char num[40], head[24];
    const void *p = NULL;
    int len = 0;
    enum sh_col_type type = sh_col_type(st, col);
    switch (type) {
    case SH_COL_NULL: break;
    case SH_COL_INT:
        len = snprintf(num, sizeof num, "%lld", (long long)sh_col_int64(st, col));
        p = num;
        break;
    case SH_COL_REAL:
        len = snprintf(num, sizeof num, "%.17g", sh_col_double(st, col));
        p = num;
        break;
    case SH_COL_TEXT:
        p = sh_col_text(st, col);
        len = (int)strlen(p);
        break;
    case SH_COL_BLOB: p = sh_col_blob(st, col, &len); break;
    }
    int n = snprintf(head, sizeof head, "%c%d:", "nirtb"[type], len);
    crypto_hash_sha256_update(h, (const unsigned char *)head, (unsigned long long)n);
    if (len > 0)
        crypto_hash_sha256_update(h, p, (unsigned long long)len);
}

static int cmp_digest(const void *a, const void *b) { return memcmp(a, b, crypto_hash_sha256_BYTES); }

/* Rows read a statement: PostgreSQL's driver holds a statement's whole result in memory. */
#define PAGE_ROWS 5000

/* The sole column of t's primary key, or -1 (none, or several): tables with one are read a page at a
 * time, after the last key seen (the engine's own order on each side; the sum does not depend on it). */
static int sole_key(const sh_dbcopy_table *t)
{
    int k = -1;
    for (int c = 0; c < t->layout.ncols; c++)
        if (t->layout.pk[c]) {
            if (k >= 0)
                return -1;
            k = c;
        }
    return k;
}

typedef struct digests {
    unsigned char *v;
    size_t n, cap;
} digests;

static void add_row(digests *d, sh_stmt *st, int ncols)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 1024;
        d->v = sh_xrealloc(d->v, d->cap * crypto_hash_sha256_BYTES);
    }
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    for (int c = 0; c < ncols; c++)
        add_value(&h, st, c);
    crypto_hash_sha256_final(&h, d->v + d->n++ * crypto_hash_sha256_BYTES);
}

/* One page (or the whole table when key < 0) into d; *more when a full page came back, with the last
 * key kept in last (its text, or *last_int when *last_is_int). */
static int read_page(sh_db *db, const sh_dbcopy_table *t, int key, digests *d, sh_buf *last, int64_t *last_int,
                     int *last_is_int, int *more, sh_err *err)
{
    sh_buf sql = SH_BUF_INIT;
    sh_dbcopy_select(&sql, t, 0);
    if (key >= 0) {
        if (*more) {
            sh_buf_adds(&sql, " WHERE ");
            sh_dbcopy_add_ident(&sql, t->layout.cols[key]);
            sh_buf_adds(&sql, " > ?");
        }
        sh_buf_adds(&sql, " ORDER BY ");
        sh_dbcopy_add_ident(&sql, t->layout.cols[key]);
        sh_buf_printf(&sql, " LIMIT %d", PAGE_ROWS);
    }
    sh_stmt *st = sh_db_prepare(db, sh_buf_str(&sql), err);
    sh_buf_release(&sql);
    if (!st)
        return SH_EINTERNAL;
    if (key >= 0 && *more) {
        if (*last_is_int)
            sh_bind_int64(st, 1, *last_int);
        else
            sh_bind_text(st, 1, sh_buf_str(last));
    }
    int rc, rows = 0;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        add_row(d, st, t->layout.ncols);
        rows++;
        if (key >= 0) {
            *last_is_int = sh_col_type(st, key) == SH_COL_INT;
            *last_int = sh_col_int64(st, key);
            sh_buf_reset(last);
            sh_buf_adds(last, sh_col_text(st, key));
        }
    }
    sh_stmt_done(st);
    *more = key >= 0 && rows == PAGE_ROWS;
    return rc < 0 ? rc : 0;
}

/* The table's rows and checksum on db, reading the source's columns. */
static int table_sum(sh_db *db, const sh_dbcopy_table *t, int64_t *ret_rows, unsigned char *sum, sh_err *err)
{
    digests d = {0};
    sh_buf last = SH_BUF_INIT;
    int64_t last_int = 0;
    int key = sole_key(t), last_is_int = 0, more = 0, rc;
    do
        rc = read_page(db, t, key, &d, &last, &last_int, &last_is_int, &more, err);
    while (rc == 0 && more);
    if (rc == 0) {
        /* sorted: the same rows give the same sum in whatever order an engine returns them */
        if (d.n)
            qsort(d.v, d.n, crypto_hash_sha256_BYTES, cmp_digest);
        crypto_hash_sha256(sum, d.v ? d.v : (const unsigned char *)"", (unsigned long long)d.n * crypto_hash_sha256_BYTES);
        *ret_rows = (int64_t)d.n;
    }
    free(d.v);
    sh_buf_release(&last);
    return rc;
}

int sh_dbcopy_verify(sh_db *src, sh_db *dst, sh_dbcopy_plan *p, sh_err *err)
{
    int differ = 0;
    for (int i = 0; i < p->n; i++) {
        sh_dbcopy_table *t = &p->t[i];
        int rc = table_sum(src, t, &t->rows_src, t->sum_src, err);
        if (rc == 0)
            rc = table_sum(dst, t, &t->rows_dst, t->sum_dst, err);
        if (rc) {
            if (err && !err->field[0])
                snprintf(err->field, sizeof err->field, "%s", t->name);
            return rc;
        }
        differ += t->rows_src != t->rows_dst || memcmp(t->sum_src, t->sum_dst, sizeof t->sum_src) != 0;
    }
    return differ;
}
