/* What the PostgreSQL driver (postgres.c, postgres_dialect.c) shares with its tests. */
#ifndef SH_POSTGRES_INTERNAL_H
#define SH_POSTGRES_INTERNAL_H

#include "store/dialect.h"
#include "store/driver.h"

extern const struct sh_db_driver sh_postgres_driver;
extern const struct sh_sql_dialect sh_postgres_dialect;

/* The code's SQLite-style placeholders (? and ?NNN) as PostgreSQL's $NNN, outside quotes and
 * comments: *ret (malloc'ed) and the highest number *ret_n. -1 for a number outside 1..100. */
int sh_pg_rewrite_placeholders(const char *sql, char **ret, int *ret_n);

#endif
