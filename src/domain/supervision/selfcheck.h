/* Enterprise self-management records (日管控、周排查、月调度) and who is missing which. */
#ifndef SH_SELFCHECK_H
#define SH_SELFCHECK_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/rows.h"

/* The period a date falls in for a kind: daily → the date, weekly → its Monday, monthly → YYYY-MM. */
int sh_self_period(const char *kind, const char *date, char out[11], sh_err *err);
/* A business user records for its own business: {kind, period_date?, nothing_found, content, problems?}. */
int sh_self_record(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err);
/* A page of the records of a business (own for business users; officials within their jurisdiction),
 * newest first: {items, total}. */
int sh_self_list(sh_db *db, const sh_principal *actor, int64_t entity_id, const char *kind, const sh_page *page, json_t **ret,
                 sh_err *err);
/* A page of the active businesses (stalls excepted) in the jurisdiction without the record of kind for the
 * period of date: {kind, period, missing (all of them), total (the same), items}. */
int sh_self_missing(sh_db *db, const sh_principal *actor, const char *kind, const char *date, const sh_page *page, json_t **ret,
                    sh_err *err);

#endif
