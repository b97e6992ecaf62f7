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
