/* A table as an Excel workbook (xlsx_table.h). libxlsxwriter writes to a file: a temporary one, read
 * back and removed. */
#include "transfer/xlsx_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

lxw_workbook *sh_xlsx_open(char path[32], sh_err *err)
{
    snprintf(path, 32, "/tmp/shian-table-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) {
        sh_fail(err, SH_EINTERNAL, "", "cannot create a temporary file");
        return NULL;
    }
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        unlink(path);
        sh_fail(err, SH_EINTERNAL, "", "cannot create the workbook");
    }
    return wb;
}

int sh_xlsx_close(lxw_workbook *wb, const char *path, sh_buf *out, sh_err *err)
{
    int rc = 0;
    lxw_error le = workbook_close(wb);
    if (le != LXW_NO_ERROR)
        rc = sh_fail(err, SH_EINTERNAL, "", "writing the workbook failed: %s", lxw_strerror(le));
    FILE *fp = rc ? NULL : fopen(path, "rb");
    if (!rc && !fp)
        rc = sh_fail(err, SH_EINTERNAL, "", "cannot read the workbook back");
    char chunk[65536];
    size_t got;
    while (fp && (got = fread(chunk, 1, sizeof chunk, fp)) > 0)
        sh_buf_add(out, chunk, got);
    if (fp)
        fclose(fp);
    unlink(path);
    return rc;
}

int sh_xlsx_table(const char *sheet, const char *title, const char *const *headers, int ncols, const json_t *rows, sh_buf *out, sh_err *err)
{
    char path[32];
    lxw_workbook *wb = sh_xlsx_open(path, err);
    if (!wb)
        return SH_EINTERNAL;
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    lxw_format *bold = workbook_add_format(wb), *big = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_bg_color(bold, 0xDDEBF7);
    format_set_bold(big);
    format_set_font_size(big, 14);
    worksheet_write_string(ws, 0, 0, title, big);
    for (int c = 0; c < ncols; c++)
        worksheet_write_string(ws, 1, (lxw_col_t)c, headers[c], bold);
    worksheet_set_column(ws, 0, (lxw_col_t)(ncols - 1), 18, NULL);
    size_t i, n = json_array_size(rows);
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        for (int c = 0; c < ncols; c++) {
            json_t *v = json_array_get(row, (size_t)c);
            lxw_row_t r = (lxw_row_t)(i + 2);
            if (json_is_number(v))
                worksheet_write_number(ws, r, (lxw_col_t)c, json_number_value(v), NULL);
            else if (json_is_string(v))
                worksheet_write_string(ws, r, (lxw_col_t)c, json_string_value(v), NULL);
        }
    }
    /* sortable and filterable from the header row down */
    worksheet_autofilter(ws, 1, 0, (lxw_row_t)(n + 1), (lxw_col_t)(ncols - 1));
    worksheet_freeze_panes(ws, 2, 0);
    return sh_xlsx_close(wb, path, out, err);
}
