/* Brand marks and the food-safety people of the demo county (demo_brands.c), called by sh_demo_generate. */
#ifndef SH_DEMO_BRANDS_H
#define SH_DEMO_BRANDS_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* Three marks of the county (the regional canned-food brand 青禾罐头, the geographical indication 青禾脐橙,
 * green food), about a third of the active producers and workshops authorised to use one for three years
 * from a day within the last 20 months, each with its granted event; none with a final failed sample (which
 * the live rule, brands/suspend.c, would have suspended it for). The directors and officers the registry names
 * become appointments. Inside the caller's transaction; the same seed gives the same rows on the same
 * day. *ret_count (may be NULL) gets how many authorisations. */
int sh_demo_brands(sh_db *db, uint64_t seed, long *ret_count, sh_err *err);

#endif
