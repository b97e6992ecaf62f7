/* Sampling and testing in the demo county (demo_sampling.c), called by sh_demo_generate. */
#ifndef SH_DEMO_SAMPLING_H
#define SH_DEMO_SAMPLING_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* Writes the county's sampling history, inside the caller's transaction, after the businesses and
 * the officials (it reads them) and with the reference data seeded (food categories, analytes,
 * limits: without them only the labs and the plan are written):
 *   - three labs on file: the county's food testing centre (CMA, mycotoxins, heavy metals,
 *     pesticides, additives, microbes), the city's institute (full scope) and the 城关 rapid-test
 *     station (rapid, never a lab test or a re-test);
 *   - this year's supervision plan of the county, sized by population (40 residents per business,
 *     the setting sampling_batches_per_1000), its target split by food category and then by
 *     township into plan items (the foods of data/sampling with the analytes that have a limit on
 *     the category's path); last year's too when the history reaches back into it;
 *   - samples over the last 90 days at about one business in 12 (active businesses that make or
 *     sell food, each sampling a food its trade offers), each by two of the demo's samplers, in the
 *     stage their age gives (tasks still to sample, sampled, delivered, received, reported); every
 *     reported sample has its results judged by sh_sampling_judge (verdict, basis and limit as the
 *     platform writes them), about 5 % failing; a failure has its notice, and as time allowed a
 *     re-test, objections, disposals of the food and the follow-up (a rectification order through
 *     the shared loop, 协查 of a producer outside the county, a case referral); deadlines computed
 *     with the working-day calendar from the dates chosen; a few steps left overdue on purpose (a
 *     sample received long ago without a report, one never delivered); three tasks assigned to
 *     sampler01 for today.
 * Every choice comes from xoshiro256** streams of the seed, per business; days count back from today
 * (Beijing) and every event lies before 00:00 today, so the same seed on the same day gives the same
 * rows. *ret_samples (may be NULL) gets how many samples were written. */
int sh_demo_sampling(sh_db *db, uint64_t seed, long *ret_samples, sh_err *err);

#endif
