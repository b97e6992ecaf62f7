/* Registry figures: counts and archive completeness (建档率), within the caller's jurisdiction. */
#ifndef SH_STATS_H
#define SH_STATS_H

#include <jansson.h>
#include "domain/base/principal.h"

/* {total, by_kind:{}, by_status:{}, townships, grids} — closed businesses are not counted in total. */
int sh_stats_overview(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err);
/* {total, complete, rate, items:[{township_code, township_name, kind, total, complete, rate}]}
 * over open (not closed or revoked) businesses; kind may be NULL for all kinds. */
int sh_stats_completeness(sh_db *db, const sh_principal *actor, const char *kind, json_t **ret, sh_err *err);
/* Open businesses with missing fields: {items:[{id, name, kind, township_name, missing:[]}], next_cursor}. */
int sh_stats_missing(sh_db *db, const sh_principal *actor, const char *township, const char *kind,
                     int64_t after_id, int limit, json_t **ret, sh_err *err);

#endif
