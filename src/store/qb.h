/* Query builder: SQL text assembled from fixed fragments, every value bound as a parameter.
 * Lifecycle: sh_qb_init, add fragments and values, sh_qb_prepare, sh_qb_release. */
#ifndef SH_QB_H
#define SH_QB_H

#include <stdint.h>
#include "core/buf.h"
#include "store/store.h"

#define SH_QB_MAX_ARGS 48

typedef struct sh_qb {
    sh_buf sql;
    int nargs;
    struct {
        enum { QB_TEXT, QB_INT, QB_DOUBLE, QB_NULL } type;
        char *s;
        int64_t i;
        double d;
    } args[SH_QB_MAX_ARGS];
} sh_qb;

void sh_qb_init(sh_qb *qb);
void sh_qb_release(sh_qb *qb);
/* Appends SQL text (a constant fragment; never user input). */
void sh_qb_sql(sh_qb *qb, const char *fragment);
/* Appends a '?' and records its value. */
void sh_qb_text(sh_qb *qb, const char *value);
void sh_qb_int64(sh_qb *qb, int64_t value);
void sh_qb_double(sh_qb *qb, double value);
/* A count of the rows selected by the FROM … WHERE fragments appended between the two calls, which
 * stops at limit rows (a bounded total: counting every match of a search at 10^6 businesses was most
 * of its time); limit 0 counts them all. */
void sh_qb_count_begin(sh_qb *qb, int64_t limit);
void sh_qb_count_end(sh_qb *qb, int64_t limit);
/* Prepares the statement and binds every recorded value. */
sh_stmt *sh_qb_prepare(sh_db *db, sh_qb *qb, sh_err *err);

#endif
