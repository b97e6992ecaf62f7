/* SQLite's side of store/dialect.h. */
#include "store/dialect.h"

#include "core/buf.h"

/* The FTS5 trigram table of business names (db/002): the needle as one quoted phrase */
static void sqlite_name_search(sh_qb *qb, const char *id_col, const char *needle)
{
    sh_buf phrase = SH_BUF_INIT;
    sh_buf_addc(&phrase, '"');
    for (const char *p = needle; *p; p++) {
        if (*p == '"')
            sh_buf_addc(&phrase, '"');
        sh_buf_addc(&phrase, *p);
    }
    sh_buf_addc(&phrase, '"');
    sh_qb_sql(qb, " AND ");
    sh_qb_sql(qb, id_col);
    sh_qb_sql(qb, " IN (SELECT rowid FROM entities_name_fts WHERE entities_name_fts MATCH ");
    sh_qb_text(qb, sh_buf_str(&phrase));
    sh_qb_sql(qb, ")");
    sh_buf_release(&phrase);
}

const struct sh_sql_dialect sh_sqlite_dialect = {
    .name = "sqlite",
    /* Beijing has kept UTC+8 without daylight saving since 1991 */
    .day_bucket = "date(%s / 1000 + 28800, 'unixepoch')",
    .no_index = "+%s",
    .contains_before = "instr(%s, ",
    .contains_after = ") > 0",
    .name_search = sqlite_name_search,
};
