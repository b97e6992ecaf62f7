/* PostgreSQL's side of store/dialect.h. */
#include "store/postgres_internal.h"

#include "core/buf.h"

/* A business whose name contains the needle: LIKE with the needle's own % _ \ escaped, which a
 * pg_trgm GIN index on entities.name answers */
static void postgres_name_search(sh_qb *qb, const char *id_col, const char *needle)
{
    sh_buf pattern = SH_BUF_INIT;
    sh_buf_addc(&pattern, '%');
    for (const char *p = needle; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            sh_buf_addc(&pattern, '\\');
        sh_buf_addc(&pattern, *p);
    }
    sh_buf_addc(&pattern, '%');
    sh_qb_sql(qb, " AND ");
    sh_qb_sql(qb, id_col);
    sh_qb_sql(qb, " IN (SELECT id FROM entities WHERE name LIKE ");
    sh_qb_text(qb, sh_buf_str(&pattern));
    sh_qb_sql(qb, ")");
    sh_buf_release(&pattern);
}

const struct sh_sql_dialect sh_postgres_dialect = {
    .name = "postgres",
    /* Beijing has kept UTC+8 without daylight saving since 1991 */
    .day_bucket = "to_char(to_timestamp((%s) / 1000 + 28800) AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
    .no_index = "(%s)",
    .contains_before = "strpos(%s, ",
    .contains_after = ") > 0",
    .name_search = postgres_name_search,
    .ranges_as_or = 1,
};
