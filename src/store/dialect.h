/* The SQL where SQLite and PostgreSQL differ, asked of the driver as small fragments; all other SQL
 * is written in the dialect both speak (INSERT … ON CONFLICT … DO UPDATE/NOTHING, RETURNING, CASE,
 * coalesce, substr, ||, LIMIT/OFFSET). A process talks to one kind of database: the driver that
 * opens it installs its dialect (SQLite until then). Fragments are built from constant column
 * names in the code, never from input. */
#ifndef SH_DIALECT_H
#define SH_DIALECT_H

#include <stddef.h>
#include "store/qb.h"

typedef struct sh_sql_frag {
    char sql[160];
} sh_sql_frag;

struct sh_sql_dialect {
    const char *name;
    const char *day_bucket;      /* printf format of one %s, a time in ms → Beijing date 'YYYY-MM-DD' */
    const char *no_index;        /* printf format of one %s, a column kept out of index selection */
    const char *contains_before; /* printf format of one %s: text up to the bound needle ... */
    const char *contains_after;  /* ... and after it: a case-sensitive substring test */
    /* appends " AND <id_col> IN (ids of businesses whose name contains needle)" through the
     * driver's name index (SQLite: the FTS5 trigram table entities_name_fts) */
    void (*name_search)(sh_qb *qb, const char *id_col, const char *needle);
    /* 1: a range on either of two indexed columns is written as an OR on the row itself, which the
     * planner answers by the primary key in order when most rows match and by both indexes when few
     * do (PostgreSQL); 0: as a UNION of the two ranges' ids (SQLite, whose planner walks the whole
     * table for an OR when few rows match) */
    int ranges_as_or;
};

extern const struct sh_sql_dialect sh_sqlite_dialect;
/* Called by a driver when it opens a database. */
void sh_sql_dialect_use(const struct sh_sql_dialect *d);
const struct sh_sql_dialect *sh_sql_dialect_current(void);

/* The Beijing civil date 'YYYY-MM-DD' (text) of ms_expr, a time in milliseconds since the epoch. */
sh_sql_frag sh_sql_day_bucket(const char *ms_expr);
/* col as an expression the planner does not pick an index for (SQLite: unary +), where the index
 * of col would be the wrong choice (pages in id order over a whole county). */
sh_sql_frag sh_sql_no_index(const char *col);
/* Appends " AND <id_col> IN (the businesses whose name contains needle)", through the name index; for
 * needles of 3 characters or more (the trigram index's reach). The needle is bound as a parameter. */
void sh_qb_name_search(sh_qb *qb, const char *id_col, const char *needle);
/* Appends " AND <col contains needle>" (case-sensitive), the needle bound as a parameter. */
void sh_qb_contains(sh_qb *qb, const char *col, const char *needle);
/* Appends " AND (<alias>.<col_a> or <alias>.<col_b> in [lo, hi))" for rows of table, both columns
 * indexed, in the form the driver's planner does best with (ranges_as_or); lo and hi are bound. */
void sh_qb_either_range(sh_qb *qb, const char *table, const char *alias, const char *col_a, const char *col_b,
                        const char *lo, const char *hi);

#endif
