/* The arithmetic of penalties, pure (no database): late fees, the simple procedure's limits, the fine
 * range a discretion benchmark gives for a circumstance. */
#ifndef SH_ENFORCEMENT_PENALTY_H
#define SH_ENFORCEMENT_PENALTY_H

#include <stdint.h>

/* 行政处罚法 第七十二条: 3 % of the fine for each day past the payment deadline, never more than the
 * fine. days_late <= 0 gives 0. */
int64_t sh_late_fee(int64_t fine_yuan, int64_t days_late);

/* 行政处罚法 第五十一条: a fine decided on the spot is at most ¥200 for a person, ¥3 000 for an
 * organisation (a warning alone always may be). */
#define SH_SIMPLE_MAX_INDIVIDUAL 200
#define SH_SIMPLE_MAX_ORGANISATION 3000
int sh_simple_fine_allowed(int organisation, int64_t fine_yuan);

/* A benchmark's range: below the threshold (or with no goods value) fine_min..fine_max yuan, from it
 * times_min..times_max the goods value. */
typedef struct sh_fine_range {
    int64_t fine_min, fine_max, threshold, times_min, times_max; /* threshold 0: always in yuan */
} sh_fine_range;

/* The legal range for the goods value: what no fine may exceed, and what only a mitigated penalty
 * (减轻处罚, 行政处罚法 Art 32) may go below. */
void sh_fine_legal(const sh_fine_range *r, int64_t goods_value, int64_t *min, int64_t *max);

/* The suggested range for a circumstance (0 light 从轻: the lower 30 %; 1 general: 30-70 %; 2 heavy
 * 从重: the upper 30 %), rounded to whole yuan; *lo..*hi within the legal range. */
void sh_fine_suggest(const sh_fine_range *r, int64_t goods_value, int circumstance, int64_t *lo, int64_t *hi);

#endif
