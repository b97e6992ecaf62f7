/* Stored reports of the demo county (demo_reports.c), called by sh_demo_generate once the county is written. */
#ifndef SH_DEMO_REPORTS_H
#define SH_DEMO_REPORTS_H

#include "core/err.h"
#include "store/store.h"

/* Last month's report of the county, as the schedule keeps it, and this month's of the first township,
 * made on demand by the county official "county": so 统计报表 has something to show. */
int sh_demo_reports(sh_db *db, sh_err *err);

#endif
