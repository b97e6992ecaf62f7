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

/* The table's rows and checksum on db, reading the source's columns. */
static int table_sum(sh_db *db, const sh_dbcopy_table *t, int64_t *ret_rows, unsigned char *sum, sh_err *err)
{
    sh_buf sql = SH_BUF_INIT;
    sh_dbcopy_select(&sql, t, 0);
    sh_stmt *st = sh_db_prepare(db, sh_buf_str(&sql), err);
    sh_buf_release(&sql);
    if (!st)
        return SH_EINTERNAL;
    unsigned char *rows = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            rows = sh_xrealloc(rows, cap * crypto_hash_sha256_BYTES);
        }
        crypto_hash_sha256_state h;
        crypto_hash_sha256_init(&h);
        for (int c = 0; c < t->layout.ncols; c++)
            add_value(&h, st, c);
        crypto_hash_sha256_final(&h, rows + n++ * crypto_hash_sha256_BYTES);
    }
    sh_stmt_done(st);
    if (rc == SH_DONE) {
        /* sorted: the same rows give the same sum in whatever order an engine returns them */
        if (n)
            qsort(rows, n, crypto_hash_sha256_BYTES, cmp_digest);
        crypto_hash_sha256(sum, rows ? rows : (const unsigned char *)"", (unsigned long long)n * crypto_hash_sha256_BYTES);
        *ret_rows = (int64_t)n;
    }
    free(rows);
    return rc < 0 ? rc : 0;
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
