/* Complaints, reports and public-opinion events (舆情) in the demo county (demo_complaints.c), called
 * by sh_demo_generate. */
#ifndef SH_DEMO_COMPLAINTS_H
#define SH_DEMO_COMPLAINTS_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* Writes the county's complaint history of the last 120 days, inside the caller's transaction, after
 * the businesses and the officials (it reads them):
 *   - about one record per 25 active businesses (at least 12 from 100 businesses on): ~70 % complaints,
 *     ~22 % reports (a third anonymous), ~8 % 舆情 seen in the media; by the portal, phone, 12315,
 *     in person or by letter; most against a business on the registry (handled by its township), a
 *     few against someone off it (a night-market stall, a hawker) in a township;
 *   - each in the status its age gives, every step in complaint_steps as domain/complaints writes it
 *     (its deadline from the working-day calendar on the dates chosen, late when done after it, the
 *     public notes): older ones mostly closed (complaints agreed, terminated or rejected with a reason;
 *     reports case or no case, a couple rewarded; 舆情 handled), a few open at every stage, a complaint
 *     and a report left overdue on purpose (escalated by the sweep the day after the deadline, as any
 *     deadline passed); the handler the township's official; about 60 % of the closed complaints rated.
 * Every choice comes from xoshiro256** streams of the seed, per record; days count back from today
 * (Beijing) and every event lies before 00:00 today, so the same seed on the same day gives the same
 * rows. *ret_records (may be NULL) gets how many records were written. */
int sh_demo_complaints(sh_db *db, uint64_t seed, long *ret_records, sh_err *err);

#endif
