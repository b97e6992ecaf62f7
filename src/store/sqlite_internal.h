/* What the SQLite driver's files share (sqlite.c, sqlite_backup.c); nothing outside src/store/sqlite*. */
#ifndef SH_SQLITE_INTERNAL_H
#define SH_SQLITE_INTERNAL_H

#include <sqlite3.h>

#include "store/driver.h"

sqlite3 *sh_sqlite_conn(sh_db *db);
int sh_sqlite_backup(sh_db *db, const char *dest, sh_backup_progress_fn progress, void *ctx, sh_err *err);
int sh_sqlite_check(sh_db *db, sh_err *err);
int sh_sqlite_table_layout(sh_db *db, const char *table, sh_table_layout *out, sh_err *err);
int sh_sqlite_tables(sh_db *db, char ***ret_names, int *ret_n, sh_err *err);

#endif
