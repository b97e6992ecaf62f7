/* Rows of a query as JSON: the step → convert → append loop written once. */
#ifndef SH_ROWS_H
#define SH_ROWS_H

#include <jansson.h>
#include "store/qb.h"
#include "store/store.h"

/* Converts the current row of st into a new JSON value; NULL leaves the row out. */
typedef json_t *(*sh_row_json_fn)(sh_stmt *st, void *ctx);

/* Steps st to its end, appending row_json(st, ctx) of each row to the array out, then releases st.
 * st NULL (a failed prepare, err already filled) gives SH_EINTERNAL. Returns 0 or the step's
 * negative code; rows appended before a failure stay in out. */
int sh_rows_append(sh_stmt *st, sh_row_json_fn row_json, void *ctx, json_t *out, sh_err *err);

/* Row converters for the common shapes: column 0 as an integer, column 0 as text. */
json_t *sh_row_int0(sh_stmt *st, void *ctx);
json_t *sh_row_text0(sh_stmt *st, void *ctx);

/* A column as JSON, null when the column is NULL. */
json_t *sh_col_text_json(sh_stmt *st, int col);
json_t *sh_col_int_json(sh_stmt *st, int col);

/* Which rows of a list: limit (from 1) after offset. */
typedef struct sh_page {
    int64_t limit, offset;
} sh_page;

/* Appends " FROM … WHERE …" of a list to qb: written once, used by both its count and its page. */
typedef void (*sh_from_where_fn)(sh_qb *qb, const void *ctx);

/* One page of a list and the count of all its rows. */
typedef struct sh_page_query {
    const char *cols;            /* "a.x, a.y" selected for each row */
    sh_from_where_fn from_where; /* with where_ctx */
    const void *where_ctx;
    const char *order;           /* " ORDER BY …" */
    int64_t limit, offset;
    sh_row_json_fn row_json; /* with row_ctx */
    void *row_ctx;
} sh_page_query;

/* Runs the count and the page (SELECT cols … order LIMIT OFFSET); *ret = {items, total, total_more}.
 * The count stops cap rows past the page's offset (cap from the function set below; none: every row),
 * so a list of millions is not counted on every page: then total is offset + cap and total_more true
 * ("10000+"), and a next page is still known to exist. */
int sh_rows_page(sh_db *db, const sh_page_query *q, json_t **ret, sh_err *err);

/* Where sh_rows_page reads its cap (the bureau's setting, set at start-up by the domain; 0: none). */
typedef int64_t (*sh_rows_total_cap_fn)(sh_db *db);
void sh_rows_set_total_cap(sh_rows_total_cap_fn fn);

#endif
