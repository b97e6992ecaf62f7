/* Figures of sampling and testing for a year (issue 11 "Figures and reports"), every one within the
 * actor's jurisdiction (the samples of its businesses, the plans of its divisions):
 *   - batches per 1 000 residents: batches sampled in the year / the population the year's plans
 *     are sized by (a division counted once, at its largest plan; a township's plan inside a county's
 *     plan is not counted again) × 1000;
 *   - done against plan: the year's plans' targets, and their samples taken;
 *   - pass rates (passed / judged; judged: a verdict, the re-test's final one where there is one) by
 *     top-level food category, by township, by kind, and the failure trend by month of sampling;
 *   - re-test outcomes (sample_retests by status, verdict and refusal ground);
 *   - overdue steps on today (sh_today): delivery, report, failure notice, re-test decision and
 *     re-test report past their due date without the step done (as of today, whatever the year).
 * A batch counts as sampled once taken (status other than assigned, refused, cancelled), in the year
 * of its sampled_on. Readers: county, township, administrator, samplers, inspectors (403 otherwise). */
#ifndef SH_SAMPLING_FIGURES_H
#define SH_SAMPLING_FIGURES_H

#include <jansson.h>

#include "domain/base/principal.h"
#include "store/store.h"

int sh_sampling_figures_may_read(const sh_principal *actor);

/* year 0: this year. *ret {year, today, area_name, population, sampled, batches_per_1000, plan:{plans,
 * target, done, rate}, judged, passed, failed, pass_rate, by_category:[{food_category, name, sampled,
 * judged, passed, failed, pass_rate}], by_township:[{township_code, name, plan_target, sampled, judged,
 * passed, failed, pass_rate}], by_kind:[{kind, name, ...}], by_month:[{month, sampled, judged, failed,
 * failure_rate}] (12 rows), retests:{total, by_status:{requested, accepted, refused, reported},
 * by_verdict:{pass, fail}, refusal_grounds:{...}, overturned}, overdue:{delivery, report, notice,
 * retest_decision, retest_report, total}}. Rates are fractions rounded to 4 places, null when there is
 * nothing to divide by. */
int sh_sampling_figures(sh_db *db, const sh_principal *actor, int year, json_t **ret, sh_err *err);
/* The pass rate of the batches sampled from `from` to `to` (YYYY-MM-DD, both included; the caller checks
 * them), as a report's period asks: *ret {sampled, judged, passed, failed, pass_rate, by_township:[{
 * township_code, name, sampled, judged, passed, failed, pass_rate}]}, counted as sh_sampling_figures does. */
int sh_sampling_pass_between(sh_db *db, const sh_principal *actor, const char *from, const char *to, json_t **ret, sh_err *err);

#endif
