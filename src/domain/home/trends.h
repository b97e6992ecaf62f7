/* Figures by month (issue 15's charts): for the last N Beijing months of the caller's jurisdiction, how
 * many inspections were completed, hazards found and rectified, video alerts raised, complaints
 * received, samples taken and failed. Each figure has one definition (trends.c and docs/metrics.md). */
#ifndef SH_HOME_TRENDS_H
#define SH_HOME_TRENDS_H

#include <jansson.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/store.h"

#define SH_TRENDS_MAX_MONTHS 24

/* County and township officials and the administrator (SH_EPERM otherwise). metrics: a comma-separated
 * list of catalogue keys, NULL for all (an unknown key is SH_EINVAL naming "metric"); months 1-24, ending
 * with the current one on the clock seam. *ret {today, months:["YYYY-MM"…], figures:[{key, label, unit,
 * definition, values:[one count a month], total}]}. */
int sh_trends(sh_db *db, const sh_principal *actor, const char *metrics, int months, json_t **ret, sh_err *err);

#endif
