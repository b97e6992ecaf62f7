/* Periodic work of the server process: escalation of overdue rectification orders, offline cameras. */
#ifndef SH_SWEEPER_H
#define SH_SWEEPER_H

#include <stdint.h>

#include "core/config.h"
#include "store/store.h"

/* Extra work a demo server adds to each sweep (the demo's simulated devices); counts what it did. */
typedef int (*sh_sweep_extra_fn)(sh_db *db, int64_t now_ms, int *ret_count, sh_err *err);

/* One sweep: overdue orders escalated, silent cameras marked offline, a ledger checkpoint when the log grew. */
int sh_sweep_once(sh_db *db, sh_err *err);
/* Sweeps in a thread of its own at start and every minute; extra_work is NULL in production. */
int sh_sweeper_start(const sh_config *cfg, sh_sweep_extra_fn extra_work);
void sh_sweeper_stop(void);

#endif
