/* The limits a test result is judged against, as data with their source clause (db/041): food
 * categories as a tree, analytes, and per (analyte, category, standard) a maximum level, a 不得检出
 * with the method's detection limit, or a microbial sampling plan n/c/m/M. The shipped subset
 * (data/sampling/ (CSV)) is seeded; full tables are imported in the same layout. Judging is judge.h. */
#ifndef SH_SAMPLING_LIMITS_H
#define SH_SAMPLING_LIMITS_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

typedef struct sh_limit {
    char analyte[32];
    char food_category[64]; /* the category the limit is set on (the sample's, or an ancestor) */
    char kind[16];          /* max, not_detected, microbial */
    char unit[24];
    char standard[96];
    char clause[256];
    char residue[128];
    double value;           /* max: the level; not_detected: the detection limit */
    int n, c;               /* microbial plan */
    double m, big_m;
    int has_big_m;          /* 0: a two-class plan */
} sh_limit;

/* The limit for analyte on a sample of category: the category's own, else its parent's, and so on up
 * the tree. SH_ENOTFOUND naming field_analyte when no category on the path has one, naming
 * "food_category" when the category does not exist. */
int sh_limit_find(sh_db *db, const char *analyte, const char *category, const char *field_analyte, sh_limit *out,
                  sh_err *err);

/* Whether analyte / category exist; the name into name (n bytes) when they do. */
int sh_analyte_name(sh_db *db, const char *code, char *name, size_t n);
int sh_food_category_name(sh_db *db, const char *code, char *name, size_t n);

/* Adds the shipped categories, analytes and limits that are missing (never overwrites). */
int sh_sampling_seed(sh_db *db, sh_err *err);

/* Imports CSV text in the layout of data/sampling/<what>.csv (what: categories, analytes, limits),
 * all rows or none: a new edition replaces a row with the same key. A bad row is SH_EINVAL naming
 * "line N" and the column. *ret_count = rows imported. Audited as the actor. */
int sh_sampling_import(sh_db *db, const sh_principal *actor, const char *what, const char *csv, int *ret_count, sh_err *err);

/* Limits, by analyte and/or category (exactly that category), a page of limit from offset:
 * {items:[{analyte, analyte_name, food_category, food_category_name, kind, value, unit, n, c, m, M,
 * standard, clause, residue_definition}], total}. */
int sh_limits_list(sh_db *db, const char *analyte, const char *category, int limit, int64_t offset, json_t **ret,
                   sh_err *err);
/* Food categories in code order, a page: {items:[{code, parent, name}], total}. */
int sh_food_categories_list(sh_db *db, int limit, int64_t offset, json_t **ret, sh_err *err);

#endif
