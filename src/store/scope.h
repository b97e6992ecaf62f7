/* Jurisdiction of a caller, and the SQL predicate that confines every query of business data to it.
 * Entity queries must start from sh_scope_entities so that a forgotten check cannot leak another
 * township's data. */
#ifndef SH_SCOPE_H
#define SH_SCOPE_H

#include <stdint.h>
#include "store/qb.h"

typedef enum sh_scope_kind {
    SH_SCOPE_NONE = 0,  /* sees nothing (e.g. a user with no jurisdiction) */
    SH_SCOPE_ALL,       /* system administrator, CLI */
    SH_SCOPE_DIVISION,  /* a division code prefix: county (6), township (9), village (12) */
    SH_SCOPE_GRID,      /* one supervision grid */
    SH_SCOPE_ENTITY,    /* one business (business users) */
} sh_scope_kind;

typedef struct sh_scope {
    sh_scope_kind kind;
    char prefix[13];
    int64_t grid_id;
    int64_t entity_id;
} sh_scope;

/* The prefix that a division code stands for: "360799" county, "360799101" for the township
 * "360799101000", a village's full 12 digits. */
void sh_division_prefix(const char *code, char out[13]);

/* Whether one of two division prefixes lies within the other (an official of a county, of one of its
 * townships and of a village there are all "nested"; two townships are not). "" covers everything. */
int sh_division_prefixes_nested(const char *a, const char *b);

/* Appends " AND col >= prefix AND col < prefix':'" — all division codes under a prefix, as an index
 * range (codes are digits and ':' sorts right after '9'). Nothing for an empty prefix. */
void sh_qb_division_prefix(sh_qb *qb, const char *col, const char *prefix);

/* Scopes rows by a division column of their own (complaints, cases, reports…): the division range for
 * a division scope, everything for ALL, nothing (" AND 1 = 0") for a grid or a business. */
void sh_scope_division_column(sh_qb *qb, const sh_scope *scope, const char *col);

/* Appends " AND (<predicate on alias.division_code / grid_id / id>)" for the scope. */
void sh_scope_entities(sh_qb *qb, const sh_scope *scope, const char *alias);
/* The same for queries that page in id order: the division range is written so that SQLite does
 * not pick the division index (which would sort a whole county to return 20 rows). */
void sh_scope_entities_by_id(sh_qb *qb, const sh_scope *scope, const char *alias);
/* Whether a division code lies inside the scope (for writes: where may this business go?). */
int sh_scope_covers_division(const sh_scope *scope, const char *division_code);

#endif
