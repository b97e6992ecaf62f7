/* A park and its upgrade plans (提升改造) in the demo county (demo_upgrade.c), called by sh_demo_generate. */
#ifndef SH_DEMO_UPGRADE_H
#define SH_DEMO_UPGRADE_H

#include "core/err.h"
#include "store/store.h"

/* Inside the caller's transaction, after the businesses: the first township with two workshops or more
 * gets a park of up to six of them, through the workshop area's own calls, with two plans: one under
 * way (two steps done, one past its day, one counted in working days), one whose steps are all done
 * and whose acceptance has started. Nothing when there is no such township or no active checklist. */
int sh_demo_upgrade(sh_db *db, sh_err *err);

#endif
