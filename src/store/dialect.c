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

/* col >= lo AND col < hi, col qualified by prefix (an alias and a dot, or nothing) */
static void range(sh_qb *qb, const char *prefix, const char *col, const char *lo, const char *hi)
{
    sh_qb_sql(qb, prefix);
    sh_qb_sql(qb, col);
    sh_qb_sql(qb, " >= ");
    sh_qb_text(qb, lo);
    sh_qb_sql(qb, " AND ");
    sh_qb_sql(qb, prefix);
    sh_qb_sql(qb, col);
    sh_qb_sql(qb, " < ");
    sh_qb_text(qb, hi);
}

void sh_qb_either_range(sh_qb *qb, const char *table, const char *alias, const char *col_a, const char *col_b,
                        const char *lo, const char *hi)
{
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s.", alias);
    if (sh_sql_dialect_current()->ranges_as_or) {
        sh_qb_sql(qb, " AND ((");
        range(qb, prefix, col_a, lo, hi);
        sh_qb_sql(qb, ") OR (");
        range(qb, prefix, col_b, lo, hi);
        sh_qb_sql(qb, "))");
        return;
    }
    sh_qb_sql(qb, " AND ");
    sh_qb_sql(qb, prefix);
    sh_qb_sql(qb, "id IN (SELECT id FROM ");
    sh_qb_sql(qb, table);
    sh_qb_sql(qb, " WHERE ");
    range(qb, "", col_a, lo, hi);
    sh_qb_sql(qb, " UNION SELECT id FROM ");
    sh_qb_sql(qb, table);
    sh_qb_sql(qb, " WHERE ");
    range(qb, "", col_b, lo, hi);
    sh_qb_sql(qb, ")");
}
