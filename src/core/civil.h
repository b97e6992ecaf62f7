/* Civil dates: the proleptic Gregorian calendar as days since 1970-01-01 (Howard Hinnant's
 * algorithms), YYYY-MM-DD text, ISO 8601 timestamps, and Beijing-time days (UTC+8, no DST since 1991).
 * The one place that does date arithmetic; pure functions, no clock. */
#ifndef SH_CIVIL_H
#define SH_CIVIL_H

#include <stdint.h>

#define SH_DAY_MS 86400000LL
#define SH_BEIJING_OFFSET_MS (8 * 3600000LL)

/* Days since 1970-01-01 of y-m-d (m 1-12; a day past the month's end rolls into the next). */
int64_t sh_days_from_civil(int y, int m, int d);
/* The civil date of a day number. */
void sh_civil_from_days(int64_t days, int *y, int *m, int *d);
/* Days in month m of year y. */
int sh_month_days(int y, int m);
/* Checks "YYYY-MM-DD" is a real calendar date (year 1900-9999); fills y/m/d when not NULL. */
int sh_date_valid(const char *s, int *y, int *m, int *d);
/* Day number of a valid YYYY-MM-DD; 0 (1970-01-01) when it is not valid. */
int64_t sh_date_days(const char *date);
/* YYYY-MM-DD of a day number. */
void sh_date_of_days(int64_t days, char out[11]);
/* date + days, both YYYY-MM-DD. */
void sh_date_add_days(const char *date, int days, char out[11]);
/* date + months (YYYY-MM-DD), the day kept where the month has it, else the month's last (31 May + 3
 * = 31 August; 30 November + 3 = 28 or 29 February); an invalid date is copied as it is. */
void sh_date_add_months(const char *date, int months, char out[11]);
/* The end of a validity of `years` from `from`: the day before the same date that many years later
 * (29 February → 28 February), e.g. a certificate's or a licence's valid_until. */
void sh_date_validity_end(const char *from, int years, char out[11]);
/* 0 Monday .. 6 Sunday. */
int sh_weekday_of_days(int64_t days);
/* The Beijing-time day number of an instant in epoch ms, and the instant a Beijing day starts. */
int64_t sh_beijing_days(int64_t ms);
int64_t sh_beijing_day_start_ms(int64_t days);
/* The instant month m of year y starts in Beijing time, in epoch ms; m may be outside 1..12 (13 is the
 * next January, 0 the last December): a month's partition bounds, a retention window's start. */
int64_t sh_beijing_month_start_ms(int y, int m);
/* ISO 8601 "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH[:MM]]" (no offset: Beijing time) to epoch ms. 0 or -1. */
int sh_parse_time(const char *s, int64_t *ret_ms);

#endif
