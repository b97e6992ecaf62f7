/* Small workshops' applications in the demo county (demo_workshops.c), called by sh_demo_generate. */
#ifndef SH_DEMO_WORKSHOPS_H
#define SH_DEMO_WORKSHOPS_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* Files, inside the caller's transaction and after the divisions, four online registration applications
 * through the workshop area's own steps, one in each state a queue shows: awaiting the township's
 * review, returned for correction, accepted and awaiting the county's certificate, refused. No
 * certificate is issued, so the registry's businesses stay as generated. *ret_n (may be NULL) how many. */
int sh_demo_workshops(sh_db *db, uint64_t seed, int *ret_n, sh_err *err);

#endif
