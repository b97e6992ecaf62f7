/* Periodic work of the server process: escalation of overdue rectification orders, offline cameras. */
#ifndef SH_SWEEPER_H
#define SH_SWEEPER_H

#include <stdint.h>

#include "core/config.h"
#include "store/store.h"

/* Extra work a demo server adds to each sweep (the demo's simulated devices); counts what it did. */
typedef int (*sh_sweep_extra_fn)(sh_db *db, int64_t now_ms, int *ret_count, sh_err *err);

/* What the last sweep of this process did, for /metrics. */
typedef struct sh_sweep_stats {
    int64_t runs, failures;  /* since the process started */
    int64_t last_at;         /* platform clock, ms; 0: none yet */
    int64_t last_ns;         /* how long it took */
    int last_ok;
    int escalated, finalized, reminded, offline;
    int checkpoint;          /* 1: it signed a ledger checkpoint */
    int led;                 /* 1: this instance led the last round; 0: another instance on the database did */
    int64_t elsewhere;       /* rounds another instance led (it held the lease), since the process started */
    int64_t upkeep_at;       /* platform clock, ms, of this process's last audit log upkeep (partitions,
                                retention; once a Beijing day); 0: none yet */
    int64_t upkeep_created, upkeep_dropped, upkeep_deleted; /* its partitions made and dropped, rows deleted: totals */
} sh_sweep_stats;
void sh_sweep_last(sh_sweep_stats *out);

/* One sweep: overdue orders escalated, silent cameras marked offline, a ledger checkpoint when the log grew. */
int sh_sweep_once(sh_db *db, sh_err *err);
/* Sweeps in a thread of its own at start and every minute, each round only when this process holds the
 * lease "sweep" (several servers on one database: one of them leads each round); gives the lease up when
 * stopped. extra_work is NULL in production. `shian sweep` calls sh_sweep_once without the lease. */
int sh_sweeper_start(const sh_config *cfg, sh_sweep_extra_fn extra_work);
void sh_sweeper_stop(void);

#endif
