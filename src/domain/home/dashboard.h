/* The command room's dashboard (大屏, issue 15): the headline figures of the caller's jurisdiction, per
 * township and in total, each with one definition (the catalogue in dashboard.c and docs/metrics.md). */
#ifndef SH_HOME_DASHBOARD_H
#define SH_HOME_DASHBOARD_H

#include <jansson.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/store.h"

/* County and township officials and the administrator (SH_EPERM otherwise); a township official's
 * jurisdiction is their township. *ret {generated_at (ms, the clock seam), today, year, figures:[{key,
 * label, unit, numerator?, denominator?, definition}], townships:[{code, name, <counts>, <rates>}],
 * county_level:{complaints_received, complaints_closed} (complaints handled by the county itself),
 * total:{<counts>, <rates>}}. Counts of the total are the sums of the townships' (plus county_level
 * for complaints); rates are fractions from the summed counts, null when there is nothing to divide. */
int sh_dashboard(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err);

/* The same figures for a report's period, the days `from` to `to` (YYYY-MM-DD of one year, both
 * included, checked by the caller): hazards, samples and complaints counted within the period; 包保
 * in its period containing the period's last day (or today, if sooner); inspections over the year
 * (sh_plan on that day); the registry and its archives as they are now. Adds {from, to}. */
int sh_dashboard_span(sh_db *db, const sh_principal *actor, const char *from, const char *to, json_t **ret, sh_err *err);

/* Month by month from January to last_month of year: [{month, hazards_found, hazards_rectified,
 * rectification_rate, samples_judged, samples_passed, pass_rate}], each as sh_dashboard_span counts
 * its month. The caller has checked the role (sh_dashboard_span). */
int sh_dashboard_trend(sh_db *db, const sh_principal *actor, int year, int last_month, json_t **ret, sh_err *err);

#endif
