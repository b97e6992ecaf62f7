/* What the PostgreSQL driver (postgres.c, postgres_dialect.c) shares with its tests. */
#ifndef SH_POSTGRES_INTERNAL_H
#define SH_POSTGRES_INTERNAL_H

#include "store/dialect.h"
#include "store/driver.h"

extern const struct sh_db_driver sh_postgres_driver;
extern const struct sh_sql_dialect sh_postgres_dialect;

/* The code's SQLite-style placeholders (? and ?NNN) as PostgreSQL's $NNN, outside quotes and
 * comments: *ret (malloc'ed) and the highest number *ret_n. -1 for a number outside 1..32766. */
int sh_pg_rewrite_placeholders(const char *sql, char **ret, int *ret_n);

/* Named server-side statements of one connection (postgres_statements.c). */
typedef struct sh_pg_statements sh_pg_statements;
struct pg_conn;
/* Runs sql ($NNN placeholders) with its n parameters as PQexecParams would, through a statement the
 * connection prepared once for that text and those parameter types (*cache made on first use). */
struct pg_result *sh_pg_exec_cached(struct pg_conn *conn, sh_pg_statements **cache, const char *sql, int n,
                                    const unsigned *types, const char *const *values, const int *lengths,
                                    const int *formats);
/* How many statements were prepared and how many runs reused one (for the tests); of a connection. */
void sh_pg_statements_counts(const sh_pg_statements *c, int64_t *prepared, int64_t *reused);
void sh_pg_db_statement_counts(sh_db *d, int64_t *prepared, int64_t *reused);
void sh_pg_statements_free(sh_pg_statements *c);

/* A DO block moving every identity sequence past its table's largest id. */
extern const char sh_pg_sync_ids_sql[];

/* The replacements of db/postgres/ (generated from db/postgres/NNN_name.sql). */
extern const struct sh_migration sh_pg_migrations[];
extern const int sh_pg_migrations_count;

/* A migration's SQL as PostgreSQL runs it (postgres_migrate.c): its db/postgres/ replacement or its
 * translation against the tables db has, then every identity's sequence moved past its largest id.
 * malloc'ed; NULL with err filled when the tables cannot be read. */
char *sh_pg_migration_sql(sh_db *db, const struct sh_migration *m, sh_err *err);
/* The audit log's month partitions made ahead and dropped past the retention (postgres_partitions.c). */
int sh_pg_maintain_partitions(sh_db *db, int64_t now_ms, int retention_months, sh_partition_report *rep, sh_err *err);
/* The translation alone, with the names of the tables that exist before it. */
char *sh_pg_translate_migration(const char *sql, const char *const *existing, int n_existing);

#endif
