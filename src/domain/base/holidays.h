/* The fixed public holidays of 《全国年节及纪念日放假办法》 (State Council, 2024 revision, in force
 * 2025-01-01), Art 2: 13 days a year for everyone — 元旦 1 (1 January), 春节 4 (lunar New Year's Eve and
 * the 1st to 3rd of the first lunar month), 清明 1 (the solar term), 劳动节 2 (1-2 May), 端午 1 (5th of
 * the 5th lunar month), 中秋 1 (15th of the 8th lunar month), 国庆 3 (1-3 October). Lunar dates and the
 * solar term 清明 come from liblunar-date; nothing is typed per year. */
#ifndef SH_HOLIDAYS_H
#define SH_HOLIDAYS_H

#include "core/err.h"

#define SH_FIXED_HOLIDAYS 13
#define SH_HOLIDAY_YEAR_MIN 1901 /* the lunar library's range */
#define SH_HOLIDAY_YEAR_MAX 2099

typedef struct sh_holiday {
    char date[11];
    const char *name; /* 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆 */
} sh_holiday;

/* Fills out with the year's 13 fixed holidays in date order; SH_EINVAL outside the supported years. */
int sh_fixed_holidays(int year, sh_holiday out[SH_FIXED_HOLIDAYS], sh_err *err);
/* The day of April of 清明 (Pure Brightness, the sun at 15°) in a year of 1901-2099; 0 if unknown. */
int sh_qingming_day(int year);

#endif
