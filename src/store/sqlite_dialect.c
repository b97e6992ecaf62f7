/* SQLite's side of store/dialect.h. */
#include "store/dialect.h"

const struct sh_sql_dialect sh_sqlite_dialect = {
    .name = "sqlite",
    /* Beijing has kept UTC+8 without daylight saving since 1991 */
    .day_bucket = "date(%s / 1000 + 28800, 'unixepoch')",
    .no_index = "+%s",
    .contains_before = "instr(%s, ",
    .contains_after = ") > 0",
};
