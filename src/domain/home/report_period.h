/* The period of a report a bureau sends upward (issue 15): a month "2026-11" or a quarter "2026-Q4". */
#ifndef SH_HOME_REPORT_PERIOD_H
#define SH_HOME_REPORT_PERIOD_H

#include <stddef.h>

#include "core/err.h"

typedef struct sh_report_period {
    char text[8];      /* 2026-11 | 2026-Q4, as stored */
    const char *kind;  /* "month" | "quarter" (static) */
    int year, first_month, last_month;
    char from[11], to[11]; /* its first and last day */
    char label[32];    /* 2026年11月 | 2026年第四季度 */
} sh_report_period;

/* Parses text as a month or a quarter that has begun by today (YYYY-MM-DD): a period in the future, or
 * one before 2000, is refused with the field "period". */
int sh_report_period_parse(const char *text, const char *today, sh_report_period *out, sh_err *err);

/* The month, or the quarter, that ended last before today: what the schedule reports. kind "month" or
 * "quarter". */
void sh_report_period_last(const char *kind, const char *today, sh_report_period *out);

#endif
