#include "core/civil.h"

#include <stdio.h>
#include <string.h>

int64_t sh_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void sh_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int sh_month_days(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int sh_date_valid(const char *s, int *y, int *m, int *d)
{
    int yy, mm, dd;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &yy) || digits(s + 5, 2, &mm) ||
        digits(s + 8, 2, &dd))
        return 0;
    if (yy < 1900 || mm < 1 || mm > 12 || dd < 1 || dd > sh_month_days(yy, mm))
        return 0;
    if (y) *y = yy;
    if (m) *m = mm;
    if (d) *d = dd;
    return 1;
}

int64_t sh_date_days(const char *date)
{
    int y, m, d;
    if (!sh_date_valid(date, &y, &m, &d))
        return 0;
    return sh_days_from_civil(y, m, d);
}

void sh_date_of_days(int64_t days, char out[11])
{
    int y, m, d;
    sh_civil_from_days(days, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m, d);
}

void sh_date_add_days(const char *date, int days, char out[11])
{
    sh_date_of_days(sh_date_days(date) + days, out);
}

void sh_date_add_months(const char *date, int months, char out[11])
{
    int y, m, d;
    if (!sh_date_valid(date, &y, &m, &d)) {
        snprintf(out, 11, "%s", date ? date : "");
        return;
    }
    int k = y * 12 + (m - 1) + months;
    y = k / 12;
    m = k % 12 + 1;
    if (d > sh_month_days(y, m))
        d = sh_month_days(y, m);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

int sh_weekday_of_days(int64_t days)
{
    return (int)(((days % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
}

int64_t sh_beijing_days(int64_t ms)
{
    int64_t t = ms + SH_BEIJING_OFFSET_MS;
    return t >= 0 ? t / SH_DAY_MS : -((-t + SH_DAY_MS - 1) / SH_DAY_MS);
}

int64_t sh_beijing_day_start_ms(int64_t days)
{
    return days * SH_DAY_MS - SH_BEIJING_OFFSET_MS;
}

int64_t sh_beijing_month_start_ms(int y, int m)
{
    int k = m - 1, dy = k >= 0 ? k / 12 : -((-k + 11) / 12);
    return sh_beijing_day_start_ms(sh_days_from_civil(y + dy, k - dy * 12 + 1, 1));
}

int sh_parse_time(const char *s, int64_t *ret_ms)
{
    int y, mo, d, h, mi, sec = 0, ms = 0;
    if (!s || strlen(s) < 16 || strlen(s) > 40)
        return -1;
    if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' || digits(s + 8, 2, &d) ||
        (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi))
        return -1;
    const char *p = s + 16;
    if (*p == ':') {
        if (digits(p + 1, 2, &sec))
            return -1;
        p += 3;
        if (*p == '.' || *p == ',') {
            p++;
            int n = 0, frac = 0;
            while (*p >= '0' && *p <= '9') {
                if (n < 3)
                    frac = frac * 10 + (*p - '0');
                n++;
                p++;
            }
            if (n == 0 || n > 9)
                return -1;
            for (int i = n; i < 3; i++)
                frac *= 10;
            ms = frac;
        }
    }
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > sh_month_days(y, mo) || h > 23 || mi > 59 || sec > 60)
        return -1;
    int offset_min;
    if (*p == '\0') {
        offset_min = 8 * 60; /* no offset: Beijing time */
    } else if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
        offset_min = 0;
    } else if (*p == '+' || *p == '-') {
        int oh, om = 0;
        const char *q = p + 1;
        if (digits(q, 2, &oh))
            return -1;
        q += 2;
        if (*q == ':')
            q++;
        if (*q) {
            if (digits(q, 2, &om))
                return -1;
            q += 2;
        }
        if (*q || oh > 14 || om > 59)
            return -1;
        offset_min = (oh * 60 + om) * (*p == '-' ? -1 : 1);
    } else {
        return -1;
    }
    if (sec == 60)
        sec = 59; /* a leap second counts as the second before it */
    int64_t t = sh_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - (int64_t)offset_min * 60;
    *ret_ms = t * 1000 + ms;
    return 0;
}

void sh_date_validity_end(const char *from, int years, char out[11])
{
    int y, m, d;
    sh_date_valid(from, &y, &m, &d);
    y += years;
    if (d > sh_month_days(y, m))
        d = sh_month_days(y, m);
    sh_civil_from_days(sh_days_from_civil(y, m, d) - 1, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}
