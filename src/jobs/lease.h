/* Leases of periodic jobs (table job_leases): several `shian serve` instances on one database run each
 * round of a job once, led by the instance that holds the job's lease. */
#ifndef SH_LEASE_H
#define SH_LEASE_H

#include <stdint.h>

#include "store/store.h"

#define SH_INSTANCE_ID_MAX 160

/* This process as a lease holder: "<host>:<pid>:<start, platform clock ms>", fixed at the first call. */
const char *sh_instance_id(void);

/* Takes job name's lease for holder until now_ms + ttl_ms when it ran out or is holder's already (one
 * UPDATE, so two instances never both take it): *ret_led 1 when holder leads this round, else 0. */
int sh_lease_take(sh_db *db, const char *name, const char *holder, int64_t now_ms, int64_t ttl_ms, int *ret_led, sh_err *err);
/* Gives the lease up when holder holds it, so that the next instance leads the next round at once. */
int sh_lease_release(sh_db *db, const char *name, const char *holder, sh_err *err);

#endif
