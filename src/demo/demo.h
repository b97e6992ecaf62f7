/* The demo county (示范县): a fictional county of Ganzhou, Jiangxi (青禾县, 360799) with townships,
 * villages, supervision grids, officials and food businesses of every kind, generated from a seed so
 * that every feature has realistic data to show and tests and benchmarks rebuild the same rows.
 * Every credit code and licence number is valid in form (shared/DOMAIN.md) and unique. */
#ifndef SH_DEMO_H
#define SH_DEMO_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

typedef struct sh_demo_opts {
    uint64_t seed;          /* default 2026; the same seed and options give exactly the same rows */
    long entities;          /* businesses, default 9000; 0 .. 1 500 000 */
    int townships;          /* default 42; 1 .. 99 */
    int grids;              /* total supervision grids, default 475 (at least one per township) */
    const char *password;   /* every demo login's password, default "Shian@2026" (NULL: default) */
    long business_users;    /* logins "b" + id for the first N businesses by id; negative (the default):
                               min(entities, 20000) */
    void (*progress)(long done, long total, void *ctx); /* every ~1 % of the businesses, may be NULL */
    void *progress_ctx;
    const char *files_dir;   /* where the pictures are stored (the server's files_dir); NULL: no pictures */
    const char *photos_dir;  /* darknet's sample photos (demo_pictures.h); NULL or absent: no pictures */
    int reports;             /* default 1: last month's county report and this month's of t01 as PDF and
                                Excel (demo_reports.h); 0 leaves them out (tests that start many servers) */
} sh_demo_opts;

typedef struct sh_demo_summary {
    char county_code[7];
    char county_name[64];
    int townships, villages, grids;
    long entities, users;
    int photos;              /* sample photos found and stored */
    long pictures, snapshots; /* cameras given their latest picture; AI observations with a snapshot */
} sh_demo_summary;

void sh_demo_opts_default(sh_demo_opts *o);

/* Fills an empty, migrated database with the demo county in one write transaction: divisions
 * (county, townships, villages), grids with their leaders, officials, businesses and business
 * logins, all sharing one password hash. SH_EEXIST if the database already has divisions or users
 * (nothing is written), SH_EINVAL for options out of range. *out (may be NULL) is filled on success. */
int sh_demo_generate(sh_db *db, const sh_demo_opts *opts, sh_demo_summary *out, sh_err *err);

#endif
