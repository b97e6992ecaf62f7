#include "store/rows.h"

int sh_rows_append(sh_stmt *st, sh_row_json_fn row_json, void *ctx, json_t *out, sh_err *err)
{
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        json_t *row = row_json(st, ctx);
        if (row)
            json_array_append_new(out, row);
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

json_t *sh_row_int0(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_integer(sh_col_int64(st, 0));
}

json_t *sh_row_text0(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_string(sh_col_text(st, 0));
}

static sh_rows_total_cap_fn total_cap_of; /* written once at start-up (sh_domain_init) */

void sh_rows_set_total_cap(sh_rows_total_cap_fn fn)
{
    total_cap_of = fn;
}

int sh_rows_page(sh_db *db, const sh_page_query *q, json_t **ret, sh_err *err)
{
    int64_t cap = total_cap_of ? total_cap_of(db) : 0;
    sh_qb qb;
    sh_qb_init(&qb);
    int64_t count_limit = cap > 0 ? q->offset + cap + 1 : 0; /* past the cap from the page on: the next page is known */
    sh_qb_count_begin(&qb, count_limit);
    q->from_where(&qb, q->where_ctx);
    sh_qb_count_end(&qb, count_limit);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    int64_t total = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT ");
    sh_qb_sql(&qb, q->cols);
    q->from_where(&qb, q->where_ctx);
    sh_qb_sql(&qb, q->order);
    sh_qb_sql(&qb, " LIMIT ");
    sh_qb_int64(&qb, q->limit);
    sh_qb_sql(&qb, " OFFSET ");
    sh_qb_int64(&qb, q->offset);
    json_t *items = json_array();
    rc = sh_rows_append(sh_qb_prepare(db, &qb, err), q->row_json, q->row_ctx, items, err);
    sh_qb_release(&qb);
    if (rc) {
        json_decref(items);
        return rc;
    }
    int more = cap > 0 && total > q->offset + cap;
    *ret = json_pack("{s:o, s:I, s:b}", "items", items, "total", (json_int_t)(more ? q->offset + cap : total), "total_more", more);
    return 0;
}

json_t *sh_col_text_json(sh_stmt *st, int col)
{
    return sh_col_is_null(st, col) ? json_null() : json_string(sh_col_text(st, col));
}

json_t *sh_col_int_json(sh_stmt *st, int col)
{
    return sh_col_is_null(st, col) ? json_null() : json_integer(sh_col_int64(st, col));
}
