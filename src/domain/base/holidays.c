#include "domain/base/holidays.h"

#include <lunar-date/lunar-date.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"

/* liblunar-date keeps state in its object, and freeing one leaks part of it: one object for the
 * process, used under the lock */
static pthread_mutex_t lunar_lock = PTHREAD_MUTEX_INITIALIZER;
static LunarDate *lunar;

static LunarDate *lunar_locked(void)
{
    if (!lunar)
        lunar = lunar_date_new();
    return lunar;
}

/* The solar date of a lunar (non-leap) month and day of lunar year y, as a day number. */
static int lunar_to_days(LunarDate *d, int y, int month, int day, int64_t *out)
{
    GError *error = NULL;
    lunar_date_set_lunar_date(d, (GDateYear)y, (GDateMonth)month, (GDateDay)day, 0, FALSE, &error);
    if (error) {
        g_error_free(error);
        return -1;
    }
    char *s = lunar_date_strftime(d, "%(year) %(month) %(day)"); /* solar year, month, day in digits */
    int sy, sm, sd;
    int ok = s && sscanf(s, "%d %d %d", &sy, &sm, &sd) == 3;
    g_free(s);
    if (!ok)
        return -1;
    *out = sh_days_from_civil(sy, sm, sd);
    return 0;
}

/* The day of April that liblunar-date names 清明 (its solar-term table), with the library locked; 0 if none.
 * The server never calls setlocale, so the library answers with its untranslated name; both are accepted. */
static int qingming_locked(LunarDate *d, int year)
{
    for (int day = 3; day <= 6; day++) {
        GError *error = NULL;
        lunar_date_set_solar_date(d, (GDateYear)year, 4, (GDateDay)day, 12, &error);
        if (error) {
            g_error_free(error);
            return 0;
        }
        char *names = lunar_date_get_holiday(d, ",");
        int found = names && (strstr(names, "Q\xc4\xabngm\xc3\xadng") || strstr(names, "清明"));
        g_free(names);
        if (found)
            return day;
    }
    return 0;
}

int sh_qingming_day(int year)
{
    pthread_mutex_lock(&lunar_lock);
    int day = qingming_locked(lunar_locked(), year);
    pthread_mutex_unlock(&lunar_lock);
    return day;
}

static void put(sh_holiday *h, int64_t days, const char *name)
{
    sh_date_of_days(days, h->date);
    h->name = name;
}

static int by_date(const void *a, const void *b)
{
    return strcmp(((const sh_holiday *)a)->date, ((const sh_holiday *)b)->date);
}

int sh_fixed_holidays(int year, sh_holiday out[SH_FIXED_HOLIDAYS], sh_err *err)
{
    if (year < SH_HOLIDAY_YEAR_MIN || year > SH_HOLIDAY_YEAR_MAX)
        return sh_fail(err, SH_EINVAL, "year", "年份应在%d-%d之间 (the holiday calendar covers %d to %d)",
                       SH_HOLIDAY_YEAR_MIN, SH_HOLIDAY_YEAR_MAX, SH_HOLIDAY_YEAR_MIN, SH_HOLIDAY_YEAR_MAX);
    int64_t new_year, duanwu, mid_autumn;
    pthread_mutex_lock(&lunar_lock);
    LunarDate *d = lunar_locked();
    int rc = lunar_to_days(d, year, 1, 1, &new_year) | lunar_to_days(d, year, 5, 5, &duanwu) |
             lunar_to_days(d, year, 8, 15, &mid_autumn);
    int qingming = qingming_locked(d, year);
    pthread_mutex_unlock(&lunar_lock);
    if (rc != 0 || !qingming)
        return sh_fail(err, SH_EINTERNAL, "year", "农历换算失败 (the lunar calendar has no date for %d)", year);
    int n = 0;
    put(&out[n++], sh_days_from_civil(year, 1, 1), "元旦");
    for (int i = -1; i <= 2; i++) /* New Year's Eve: the day before the 1st of the first month */
        put(&out[n++], new_year + i, "春节");
    put(&out[n++], sh_days_from_civil(year, 4, qingming), "清明");
    put(&out[n++], sh_days_from_civil(year, 5, 1), "劳动节");
    put(&out[n++], sh_days_from_civil(year, 5, 2), "劳动节");
    put(&out[n++], duanwu, "端午");
    put(&out[n++], mid_autumn, "中秋");
    for (int i = 1; i <= 3; i++)
        put(&out[n++], sh_days_from_civil(year, 10, i), "国庆");
    /* A lunar New Year in late January puts its Eve in the same year; one on 1 or 2 February never
     * reaches back to 1 January. Sorting keeps the contract "in date order". */
    qsort(out, (size_t)n, sizeof *out, by_date);
    return 0;
}
