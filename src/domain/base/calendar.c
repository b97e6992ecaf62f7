#include "domain/base/calendar.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/civil.h"
#include "core/data.h"
#include "core/timeutil.h"

void sh_today(char out[11])
{
    sh_date_of_days(sh_beijing_days(sh_now_ms()), out);
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
    long days = (long)sh_date_days(date);
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
