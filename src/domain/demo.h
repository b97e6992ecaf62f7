/* The demo county: a realistic county generated deterministically from a seed, so that every
 * feature has data to show and tests and benchmarks can rebuild the same data. */
#ifndef SH_DEMO_H
#define SH_DEMO_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

typedef struct sh_demo_opts {
    uint64_t seed;         /* default 2026 */
    long entities;         /* businesses, default 9000; works up to millions */
    int townships;         /* default 42 */
    int grids;             /* total supervision grids, default 475 */
    const char *password;  /* every demo login's password, default "Shian@2026" */
    long business_users;   /* logins for the first N businesses ("b" + id), default min(entities, 20000) */
    void (*progress)(long done, long total, void *ctx); /* about every 1 % */
    void *progress_ctx;
} sh_demo_opts;

typedef struct sh_demo_summary {
    char county_code[7];
    char county_name[64];
    int townships, villages, grids;
    long entities, users;
} sh_demo_summary;

void sh_demo_opts_default(sh_demo_opts *o);
/* Fills an empty, migrated database in one transaction; SH_EEXIST if it already has divisions. */
int sh_demo_generate(sh_db *db, const sh_demo_opts *opts, sh_demo_summary *out, sh_err *err);

#endif
