#include "domain/calendar.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/data.h"
#include "core/timeutil.h"

/* Days since 1970-01-01 of a civil date and back (Howard Hinnant's algorithms). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, char out[11])
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    snprintf(out, 11, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

static long to_days(const char *date)
{
    int y, m, d;
    if (!sh_date_valid(date, &y, &m, &d))
        return 0;
    return days_from_civil(y, m, d);
}

void sh_date_add_days(const char *date, int days, char out[11])
{
    civil_from_days(to_days(date) + days, out);
}

void sh_today(char out[11])
{
    civil_from_days((long)((sh_now_ms() / 1000 + 8 * 3600) / 86400), out);
}

struct seed_ctx {
    sh_db *db;
    sh_err *err;
};

static int seed_row(char **f, int n, void *c)
{
    struct seed_ctx *x = c;
    if (n < 3)
        return 0;
    sh_stmt *st = sh_db_prepare(x->db, "INSERT OR IGNORE INTO calendar_days(date, kind, name) VALUES (?, ?, ?)", x->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, f[0]);
    sh_bind_text(st, 2, f[1]);
    sh_bind_text(st, 3, f[2]);
    int rc = sh_stmt_step(st, x->err);
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_calendar_seed(sh_db *db, sh_err *err)
{
    const char *text = sh_data_file("data/holidays-cn.csv");
    if (!text)
        return sh_fail(err, SH_EINTERNAL, "", "the holiday calendar is not built in");
    struct seed_ctx x = {db, err};
    int rc = sh_db_begin(db, err);
    if (rc == 0)
        rc = sh_data_each_row(text, 3, seed_row, &x);
    if (rc == 0)
        return sh_db_commit(db, err);
    sh_db_rollback(db);
    return rc;
}

int sh_is_workday(sh_db *db, const char *date, int *ret, sh_err *err)
{
    long days = to_days(date);
    if (!days && strcmp(date, "1970-01-01") != 0)
        return sh_fail(err, SH_EINVAL, "date", "日期无效 (not a real date)");
    sh_stmt *st = sh_db_prepare(db, "SELECT kind FROM calendar_days WHERE date = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, date);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        *ret = strcmp(sh_col_text(st, 0), "workday") == 0;
    } else if (rc == SH_DONE) {
        long wd = ((days % 7) + 10) % 7; /* 0 = Monday: 1970-01-01 (day 0) was a Thursday */
        *ret = wd < 5;
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_workdays_add(sh_db *db, const char *start, int n, char out[11], sh_err *err)
{
    if (!sh_date_valid(start, NULL, NULL, NULL))
        return sh_fail(err, SH_EINVAL, "date", "日期无效 (not a real date)");
    if (n < 0 || n > 1000)
        return sh_fail(err, SH_EINVAL, "days", "working days must be 0-1000");
    char d[11];
    snprintf(d, sizeof d, "%s", start);
    for (int counted = 0; counted < n;) {
        sh_date_add_days(d, 1, d);
        int w, rc = sh_is_workday(db, d, &w, err);
        if (rc)
            return rc;
        counted += w;
    }
    memcpy(out, d, 11);
    return 0;
}
