/* Residents' ratings of a shop (issue 14): a score of 1 to 5, at most one per address, shop and
 * Beijing day; the address is kept only as a keyed hash (identity/secret.h), as votes are. The
 * per-address hourly limit (bucket "rating", identity/rate_limit.h) is the handler's. */
#ifndef SH_PORTAL_RATING_H
#define SH_PORTAL_RATING_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* body {score: 1..5}; address: the client's. SH_EINVAL naming score, SH_ENOTFOUND for no shop page,
 * SH_EEXIST when this address rated the shop today. *ret {average, count} after the rating. Audited
 * as "public". */
int sh_shop_rate(sh_db *db, int64_t entity_id, const char *address, json_t *body, json_t **ret, sh_err *err);

/* {average (one decimal, null without ratings), count} of a shop. */
int sh_shop_rating(sh_db *db, int64_t entity_id, json_t **ret, sh_err *err);

#endif
