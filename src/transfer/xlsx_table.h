/* One table as an Excel workbook a person can sort and filter: a title row, bold column headers with
 * an autofilter, frozen under the headers; what a trace or a recall list is exported as. */
#ifndef SH_TRANSFER_XLSX_TABLE_H
#define SH_TRANSFER_XLSX_TABLE_H

#include <jansson.h>
#include <xlsxwriter.h>

#include "core/buf.h"
#include "core/err.h"

/* rows: a JSON array of arrays of ncols cells, each a string, a number or null (empty). Appends the
 * workbook to out. */
int sh_xlsx_table(const char *sheet, const char *title, const char *const *headers, int ncols, const json_t *rows, sh_buf *out, sh_err *err);

/* A workbook written to a new temporary file (path filled), NULL on failure; sh_xlsx_close closes it,
 * appends its bytes to out and removes the file, whatever happens. */
lxw_workbook *sh_xlsx_open(char path[32], sh_err *err);
int sh_xlsx_close(lxw_workbook *wb, const char *path, sh_buf *out, sh_err *err);

#endif
