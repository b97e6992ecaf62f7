#include "domain/base/settings.h"

#include <stdio.h>
#include <stdlib.h>

int sh_setting_text(sh_db *db, const char *key, char *out, size_t n)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT value FROM settings WHERE key = ?", NULL);
    if (!st)
        return -1;
    sh_bind_text(st, 1, key);
    int found = sh_stmt_step(st, NULL) == SH_ROW;
    if (found)
        snprintf(out, n, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    return found ? 0 : -1;
}

int sh_setting_int(sh_db *db, const char *key, int def)
{
    char v[32];
    return sh_setting_text(db, key, v, sizeof v) == 0 ? atoi(v) : def;
}
