/* A pork chain in the demo county (demo_trace.c), called by sh_demo_generate. */
#ifndef SH_DEMO_TRACE_H
#define SH_DEMO_TRACE_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* Writes, inside the caller's transaction and after the businesses, one pork lot traced from the farm
 * to restaurants as GS1 EPCIS 2.0 events captured through the platform's own capture: ten pigs with
 * their ear tags and quarantine certificate received at the county's meat producer (the abattoir), the
 * killing that makes the lot, its trace code (printed under the QR of the label), shipments in a cold
 * chain with its temperature to two sellers, their purchase-inspection records (进货查验), and their
 * sales to three restaurants, who record receiving it; three days back from today, all before today.
 * The code comes from the seed, so the same seed on the same day gives the same rows. *ret_code (may be
 * NULL, 13 bytes) gets the code. */
int sh_demo_trace(sh_db *db, uint64_t seed, char *ret_code, sh_err *err);

#endif
