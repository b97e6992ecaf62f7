/* Dispatch of the dialect fragments to the driver's table (store/dialect.h). */
#include "store/dialect.h"

#include <stdatomic.h>
#include <stdio.h>

/* atomic: every connection's open sets it, from whichever thread opens one */
static _Atomic(const struct sh_sql_dialect *) current_dialect = &sh_sqlite_dialect;

void sh_sql_dialect_use(const struct sh_sql_dialect *d) { atomic_store(&current_dialect, d); }
const struct sh_sql_dialect *sh_sql_dialect_current(void) { return atomic_load(&current_dialect); }

static sh_sql_frag format1(const char *fmt, const char *arg)
{
    sh_sql_frag f;
    snprintf(f.sql, sizeof f.sql, fmt, arg);
    return f;
}

sh_sql_frag sh_sql_day_bucket(const char *ms_expr) { return format1(sh_sql_dialect_current()->day_bucket, ms_expr); }
sh_sql_frag sh_sql_no_index(const char *col) { return format1(sh_sql_dialect_current()->no_index, col); }

void sh_qb_contains(sh_qb *qb, const char *col, const char *needle)
{
    const struct sh_sql_dialect *d = sh_sql_dialect_current();
    sh_qb_sql(qb, " AND ");
    sh_qb_sql(qb, format1(d->contains_before, col).sql);
    sh_qb_text(qb, needle);
    sh_qb_sql(qb, d->contains_after);
}

void sh_qb_name_search(sh_qb *qb, const char *id_col, const char *needle)
{
    sh_sql_dialect_current()->name_search(qb, id_col, needle);
}
