/* Listeners of a business's sample verdicts, for areas above sampling (brands/: authorisations
 * suspended by a final failure), so that sampling depends on none of them. Registered once from
 * sh_domain_init; called inside the transaction that stored a verdict, after the grade is recomputed. A
 * listener asks the samples table itself whether a verdict is final (final_verdict = 'fail'). */
#ifndef SH_SAMPLING_EVENTS_H
#define SH_SAMPLING_EVENTS_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

typedef int (*sh_sample_verdict_fn)(sh_db *db, int64_t entity_id, sh_err *err);

/* 0, or -1 when the table is full. */
int sh_sample_on_verdict_register(sh_sample_verdict_fn fn);
/* Calls every listener in order; the first error stops (and rolls the caller's transaction back). */
int sh_sample_verdict_notify(sh_db *db, int64_t entity_id, sh_err *err);

#endif
