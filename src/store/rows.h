/* Rows of a query as JSON: the step → convert → append loop written once. */
#ifndef SH_ROWS_H
#define SH_ROWS_H

#include <jansson.h>
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

#endif
