/* Listeners of penalties decided, for areas above enforcement (brands/: authorisations suspended by a
 * decided case), so that enforcement depends on none of them. Registered once from sh_domain_init;
 * called inside the transaction of the decision (the step "decided", or a penalty decided on the spot). */
#ifndef SH_ENFORCEMENT_EVENTS_H
#define SH_ENFORCEMENT_EVENTS_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

typedef int (*sh_case_decided_fn)(sh_db *db, int64_t case_id, int64_t entity_id, sh_err *err);

/* 0, or -1 when the table is full. */
int sh_case_on_decided_register(sh_case_decided_fn fn);
/* Calls every listener in order; the first error stops (and rolls the caller's transaction back). */
int sh_case_decided_notify(sh_db *db, int64_t case_id, int64_t entity_id, sh_err *err);

#endif
