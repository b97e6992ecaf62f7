#include "domain/enforcement/penalty.h"

int64_t sh_late_fee(int64_t fine_yuan, int64_t days_late)
{
    if (fine_yuan <= 0 || days_late <= 0)
        return 0;
    /* whole yuan, rounded down: 3 % a day of the fine */
    int64_t fee = days_late > 34 ? fine_yuan : fine_yuan * 3 * days_late / 100;
    return fee > fine_yuan ? fine_yuan : fee;
}

int sh_simple_fine_allowed(int organisation, int64_t fine_yuan)
{
    return fine_yuan >= 0 && fine_yuan <= (organisation ? SH_SIMPLE_MAX_ORGANISATION : SH_SIMPLE_MAX_INDIVIDUAL);
}

void sh_fine_legal(const sh_fine_range *r, int64_t goods_value, int64_t *min, int64_t *max)
{
    *min = r->fine_min;
    *max = r->fine_max;
    if (r->threshold > 0 && goods_value >= r->threshold && r->times_max > 0) {
        *min = goods_value * r->times_min;
        *max = goods_value * r->times_max;
    }
}

void sh_fine_suggest(const sh_fine_range *r, int64_t goods_value, int circumstance, int64_t *lo, int64_t *hi)
{
    int64_t min, max;
    sh_fine_legal(r, goods_value, &min, &max);
    int64_t span = max - min;
    static const int cut[3][2] = {{0, 30}, {30, 70}, {70, 100}}; /* per cent of the span */
    if (circumstance < 0 || circumstance > 2)
        circumstance = 1;
    *lo = min + span * cut[circumstance][0] / 100;
    *hi = min + span * cut[circumstance][1] / 100;
}
