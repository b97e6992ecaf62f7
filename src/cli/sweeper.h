/* Periodic work of the server process: escalation of overdue rectification orders, the demo's
 * simulated camera heartbeats, offline cameras. */
#ifndef SH_SWEEPER_H
#define SH_SWEEPER_H

#include "core/config.h"
#include "store/store.h"

int sh_sweep_once(sh_db *db, sh_err *err);
int sh_sweeper_start(const sh_config *cfg);
void sh_sweeper_stop(void);

#endif
