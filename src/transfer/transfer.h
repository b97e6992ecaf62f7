/* Import of business lists from CSV (as spreadsheets export them) and export to CSV and Excel. */
#ifndef SH_TRANSFER_H
#define SH_TRANSFER_H

#include <jansson.h>
#include <stddef.h>

#include "core/buf.h"
#include "domain/registry/entity.h"

/* Imports every good row and rejects the bad ones, each with its row number (the header is row 1),
 * field, column and reason. With dry_run nothing is written. A file-level problem (no header,
 * unknown column, missing required column, too many rows) fails the whole import with err.
 * ret_report: {total, imported, dry_run, rejected:[{row, field, column, message}],
 * warnings:[{row, field, column, message}] (rows taken, with a doubt about a code), ids:[...]} */
int sh_import_csv(sh_db *db, const sh_principal *actor, const char *data, size_t len, int dry_run,
                  json_t **ret_report, sh_err *err);

/* A text file as UTF-8: Excel on Chinese Windows saves "CSV" in GB18030 (GBK), so anything that is
 * not UTF-8 is read as that; a file with NUL bytes is not text. */
int sh_text_to_utf8(const char *data, size_t len, sh_buf *out, sh_err *err);

/* Writes every business matching the filter (its limit and cursor are ignored). */
int sh_export_csv(sh_db *db, const sh_principal *actor, const sh_entity_filter *filter, sh_buf *out, sh_err *err);
int sh_export_xlsx(sh_db *db, const sh_principal *actor, const sh_entity_filter *filter, sh_buf *out, sh_err *err);

/* One CSV cell per RFC 4180, with spreadsheet formulas neutralised (a leading = + - @ tab or CR
 * gets a ' prefix) so an exported name cannot run as a formula when opened in Excel. */
void sh_csv_cell(sh_buf *out, const char *value);

#endif
