#include "domain/base/calendar.h"
#include "store/rows.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/data.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/base/settings.h"
#include "domain/base/holidays.h"

#define MAX_PAUSE_DAYS 3660
#define FIXED_YEARS (SH_HOLIDAY_YEAR_MAX - SH_HOLIDAY_YEAR_MIN + 1)

void sh_today(char out[11])
{
    sh_date_of_days(sh_beijing_days(sh_now_ms()), out);
}

/* ---- the calendar in memory: one per process, reloaded when the notices' revision sum changes ---- */

typedef struct notice_day {
    int64_t day;
    int work; /* 1 workday, 0 holiday */
} notice_day;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    int loaded;
    int64_t count, revisions, loaded_at; /* what the database said when loaded */
    int *years;               /* years with a notice, ascending */
    int nyears;
    notice_day *days;         /* every notice's days, ascending */
    size_t ndays;
} cache;
/* fixed holidays per year, computed on first use (they never change) */
static struct {
    int computed; /* 1 computed, -1 failed */
    int64_t off[SH_FIXED_HOLIDAYS];
} fixed[FIXED_YEARS];

static int load_locked(sh_db *db, int64_t count, int64_t revisions, int64_t loaded_at, sh_err *err)
{
    int *years = calloc((size_t)count + 1, sizeof *years);
    size_t cap = 64, n = 0;
    notice_day *days = malloc(cap * sizeof *days);
    int ny = 0, rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT year FROM calendar_notices ORDER BY year", err);
    if (!years || !days || !st) {
        rc = SH_EINTERNAL;
        goto out;
    }
    while ((rc = sh_stmt_step(st, err)) == SH_ROW && ny < count)
        years[ny++] = (int)sh_col_int64(st, 0);
    sh_stmt_done(st);
    if (rc < 0)
        goto out;
    st = sh_db_prepare(db, "SELECT date, kind FROM calendar_notice_days ORDER BY date", err);
    if (!st) {
        rc = SH_EINTERNAL;
        goto out;
    }
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        if (n == cap) {
            notice_day *more = realloc(days, (cap *= 2) * sizeof *days);
            if (!more) {
                rc = SH_EINTERNAL;
                break;
            }
            days = more;
        }
        days[n].day = sh_date_days(sh_col_text(st, 0));
        days[n].work = strcmp(sh_col_text(st, 1), "workday") == 0;
        n++;
    }
    sh_stmt_done(st);
out:
    if (rc < 0) {
        free(years);
        free(days);
        return rc;
    }
    free(cache.years);
    free(cache.days);
    cache.years = years;
    cache.nyears = ny;
    cache.days = days;
    cache.ndays = n;
    cache.count = count;
    cache.revisions = revisions;
    cache.loaded_at = loaded_at;
    cache.loaded = 1;
    return 0;
}

/* Takes the lock and makes the cache current; on success the caller holds the lock. */
static int lock_current(sh_db *db, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*), coalesce(sum(revision), 0), coalesce(max(loaded_at), 0) FROM calendar_notices", err);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    int64_t count = rc == SH_ROW ? sh_col_int64(st, 0) : 0, revisions = rc == SH_ROW ? sh_col_int64(st, 1) : 0;
    int64_t loaded_at = rc == SH_ROW ? sh_col_int64(st, 2) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    pthread_mutex_lock(&cache_lock);
    if (!cache.loaded || cache.count != count || cache.revisions != revisions || cache.loaded_at != loaded_at) {
        if ((rc = load_locked(db, count, revisions, loaded_at, err)) != 0) {
            pthread_mutex_unlock(&cache_lock);
            return rc;
        }
    }
    return 0;
}

static int has_notice_locked(int year)
{
    for (int i = 0; i < cache.nyears; i++)
        if (cache.years[i] == year)
            return 1;
    return 0;
}

static const notice_day *notice_day_locked(int64_t day)
{
    size_t lo = 0, hi = cache.ndays;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cache.days[mid].day == day)
            return &cache.days[mid];
        if (cache.days[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int fixed_holiday_locked(int year, int64_t day)
{
    if (year < SH_HOLIDAY_YEAR_MIN || year > SH_HOLIDAY_YEAR_MAX)
        return 0;
    int i = year - SH_HOLIDAY_YEAR_MIN;
    if (!fixed[i].computed) {
        sh_holiday h[SH_FIXED_HOLIDAYS];
        fixed[i].computed = -1;
        if (sh_fixed_holidays(year, h, NULL) == 0) {
            for (int k = 0; k < SH_FIXED_HOLIDAYS; k++)
                fixed[i].off[k] = sh_date_days(h[k].date);
            fixed[i].computed = 1;
        }
    }
    for (int k = 0; fixed[i].computed == 1 && k < SH_FIXED_HOLIDAYS; k++)
        if (fixed[i].off[k] == day)
            return 1;
    return 0;
}

/* Whether day is a working day; notes in *missing the first year met without a notice. */
static int is_work_locked(int64_t day, int *missing)
{
    const notice_day *nd = notice_day_locked(day);
    if (nd)
        return nd->work;
    int y, m, d;
    sh_civil_from_days(day, &y, &m, &d);
    if (!has_notice_locked(y)) {
        if (missing && !*missing)
            *missing = y;
        if (fixed_holiday_locked(y, day))
            return 0;
    }
    return sh_weekday_of_days(day) < 5;
}

int sh_is_workday(sh_db *db, const char *date, int *ret, sh_err *err)
{
    if (!sh_date_valid(date, NULL, NULL, NULL))
        return sh_fail(err, SH_EINVAL, "date", "日期无效 (not a real date)");
    int rc = lock_current(db, err);
    if (rc)
        return rc;
    *ret = is_work_locked(sh_date_days(date), NULL);
    pthread_mutex_unlock(&cache_lock);
    return 0;
}

/* ---- the deadline engine ---- */

static int paused(int64_t day, const int64_t (*spans)[2], int n)
{
    for (int i = 0; i < n; i++)
        if (day >= spans[i][0] && day <= spans[i][1])
            return 1;
    return 0;
}

int sh_deadline_due(sh_db *db, const char *start, const sh_deadline_rule *rule, const sh_pause *pauses,
                    int npauses, sh_deadline *out, sh_err *err)
{
    if (!start || !sh_date_valid(start, NULL, NULL, NULL))
        return sh_fail(err, SH_EINVAL, "date", "日期无效 (not a real date)");
    if (rule->days < 0 || rule->days > 1000)
        return sh_fail(err, SH_EINVAL, "days", "期限天数应为0-1000 (days must be 0-1000)");
    if (npauses < 0 || npauses > 16)
        return sh_fail(err, SH_EINVAL, "pauses", "中止期间最多16段 (at most 16 paused intervals)");
    int64_t spans[16][2];
    long paused_days = 0;
    for (int i = 0; i < npauses; i++) {
        if (!sh_date_valid(pauses[i].from, NULL, NULL, NULL) || !sh_date_valid(pauses[i].to, NULL, NULL, NULL) ||
            strcmp(pauses[i].from, pauses[i].to) > 0)
            return sh_fail(err, SH_EINVAL, "pauses", "中止期间应为起止日期且起不晚于止 (each pause is from ≤ to, real dates)");
        spans[i][0] = sh_date_days(pauses[i].from);
        spans[i][1] = sh_date_days(pauses[i].to);
        paused_days += (long)(spans[i][1] - spans[i][0] + 1);
    }
    if (paused_days > MAX_PAUSE_DAYS)
        return sh_fail(err, SH_EINVAL, "pauses", "中止期间合计不得超过%d天 (paused days exceed %d)", MAX_PAUSE_DAYS, MAX_PAUSE_DAYS);
    int rc = lock_current(db, err);
    if (rc)
        return rc;
    int missing = 0;
    int64_t day = sh_date_days(start);
    for (int counted = 0; counted < rule->days;) {
        day++;
        if (paused(day, (const int64_t(*)[2])spans, npauses))
            continue;
        if (rule->calendar_days) {
            is_work_locked(day, &missing); /* a calendar day counts either way; its year may be provisional */
            counted++;
        } else {
            counted += is_work_locked(day, &missing);
        }
    }
    /* a period in calendar days does not end on a day off (a bounded walk: holidays are never 60 in a row) */
    for (int guard = 0; rule->calendar_days && rule->days > 0 && guard < 60 && !is_work_locked(day, &missing); guard++)
        day++;
    pthread_mutex_unlock(&cache_lock);
    memset(out, 0, sizeof *out);
    sh_date_of_days(day, out->due);
    out->provisional = missing != 0;
    out->provisional_year = missing;
    return 0;
}

int sh_workdays_add(sh_db *db, const char *start, int n, char out[11], sh_err *err)
{
    sh_deadline_rule rule = {.days = n};
    sh_deadline d;
    int rc = sh_deadline_due(db, start, &rule, NULL, 0, &d, err);
    if (rc == 0)
        memcpy(out, d.due, 11);
    return rc;
}

int sh_calendar_years_final(sh_db *db, const char *from, const char *to, int *ret_final, int *ret_first_missing_year,
                            sh_err *err)
{
    int y0, y1;
    if (!from || !sh_date_valid(from, &y0, NULL, NULL))
        return sh_fail(err, SH_EINVAL, "from", "日期无效 (not a real date)");
    if (!to || !sh_date_valid(to, &y1, NULL, NULL))
        return sh_fail(err, SH_EINVAL, "to", "日期无效 (not a real date)");
    if (y0 > y1) {
        int t = y0;
        y0 = y1;
        y1 = t;
    }
    int rc = lock_current(db, err);
    if (rc)
        return rc;
    int missing = 0;
    for (int y = y0; y <= y1 && !missing; y++)
        if (!has_notice_locked(y))
            missing = y;
    pthread_mutex_unlock(&cache_lock);
    *ret_final = missing == 0;
    if (ret_first_missing_year)
        *ret_first_missing_year = missing;
    return 0;
}

json_t *sh_deadline_json(const sh_deadline *d)
{
    json_t *o = json_pack("{s:s, s:b}", "deadline", d->due, "provisional", d->provisional);
    if (d->provisional)
        json_object_set_new(o, "provisional_year", json_integer(d->provisional_year));
    return o;
}

/* ---- notices ---- */

static int can_load(const sh_principal *p)
{
    return p->role == SH_ROLE_ADMIN || p->role == SH_ROLE_COUNTY;
}

static int check_days(int year, const sh_calendar_day *days, int n, sh_err *err)
{
    if (n < 1 || n > SH_NOTICE_MAX_DAYS)
        return sh_fail(err, SH_EINVAL, "days", "放假安排应有1-%d天 (a notice has 1 to %d days)", SH_NOTICE_MAX_DAYS, SH_NOTICE_MAX_DAYS);
    int64_t first = sh_days_from_civil(year - 1, 12, 1), last = sh_days_from_civil(year + 1, 1, 31);
    for (int i = 0; i < n; i++) {
        char field[32];
        const sh_calendar_day *d = &days[i];
        snprintf(field, sizeof field, "days[%d].date", i);
        if (!sh_date_valid(d->date, NULL, NULL, NULL))
            return sh_fail(err, SH_EINVAL, field, "日期应为YYYY-MM-DD (must be a real date YYYY-MM-DD)");
        int64_t day = sh_date_days(d->date);
        if (day < first || day > last)
            return sh_fail(err, SH_EINVAL, field, "日期不在%d年的安排之内 (%s is outside the notice of %d)", year, d->date, year);
        for (int k = 0; k < i; k++)
            if (!strcmp(days[k].date, d->date))
                return sh_fail(err, SH_EINVAL, field, "日期重复 (%s is listed twice)", d->date);
        snprintf(field, sizeof field, "days[%d].kind", i);
        int work = !strcmp(d->kind, "workday");
        if (!work && strcmp(d->kind, "holiday"))
            return sh_fail(err, SH_EINVAL, field, "应为holiday(放假)或workday(调休上班) (must be holiday or workday)");
        if (work && sh_weekday_of_days(day) < 5)
            return sh_fail(err, SH_EINVAL, field, "调休上班日应为周末 (%s is a weekday; a workday of a notice is a weekend day worked)", d->date);
        snprintf(field, sizeof field, "days[%d].name", i);
        if (sh_check_text(d->name, 1, 32, field, err) != 0)
            return SH_EINVAL;
    }
    return 0;
}

static json_t *notice_json(sh_db *db, int year, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT source, revision, loaded_at, loaded_by FROM calendar_notices WHERE year = ?", err);
    if (!st)
        return NULL;
    sh_bind_int64(st, 1, year);
    json_t *o = json_null();
    if (sh_stmt_step(st, err) == SH_ROW)
        o = json_pack("{s:s, s:I, s:I, s:s}", "source", sh_col_text(st, 0), "revision", (json_int_t)sh_col_int64(st, 1),
                      "loaded_at", (json_int_t)sh_col_int64(st, 2), "loaded_by", sh_col_text(st, 3));
    sh_stmt_done(st);
    return o;
}

static int write_notice(sh_db *db, const sh_principal *actor, int year, const char *source, const sh_calendar_day *days,
                        int n, sh_err *err)
{
    json_t *before = notice_json(db, year, err);
    sh_stmt *st = sh_db_prepare(db, "DELETE FROM calendar_notice_days WHERE year = ?", err);
    int rc = st ? 0 : SH_EINTERNAL;
    if (st) {
        sh_bind_int64(st, 1, year);
        rc = sh_stmt_step(st, err);
        sh_stmt_done(st);
    }
    if (rc >= 0) {
        st = sh_db_prepare(db,
                           "INSERT INTO calendar_notices(year, source, revision, loaded_at, loaded_by) VALUES (?, ?, 1, ?, ?)"
                           " ON CONFLICT(year) DO UPDATE SET source = excluded.source, revision = calendar_notices.revision + 1,"
                           " loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by",
                           err);
        rc = st ? 0 : SH_EINTERNAL;
        if (st) {
            sh_bind_int64(st, 1, year);
            sh_bind_text(st, 2, source);
            sh_bind_int64(st, 3, sh_now_ms());
            sh_bind_text(st, 4, actor->username[0] ? actor->username : "system");
            rc = sh_stmt_step(st, err);
            sh_stmt_done(st);
        }
    }
    for (int i = 0; rc >= 0 && i < n; i++) {
        st = sh_db_prepare(db, "INSERT INTO calendar_notice_days(year, date, kind, name) VALUES (?, ?, ?, ?)", err);
        if (!st) {
            rc = SH_EINTERNAL;
            break;
        }
        sh_bind_int64(st, 1, year);
        sh_bind_text(st, 2, days[i].date);
        sh_bind_text(st, 3, days[i].kind);
        sh_bind_text(st, 4, days[i].name);
        rc = sh_stmt_step(st, err);
        sh_stmt_done(st);
    }
    if (rc >= 0) {
        json_t *after = json_pack("{s:i, s:s, s:i}", "year", year, "source", source, "days", n);
        rc = sh_audit(db, actor, "calendar.notice_loaded", "calendar_year", year, before, after, err);
        json_decref(after);
    }
    json_decref(before);
    return rc < 0 ? rc : 0;
}

int sh_calendar_load_notice(sh_db *db, const sh_principal *actor, int year, const char *source,
                            const sh_calendar_day *days, int n, sh_err *err)
{
    if (!can_load(actor))
        return sh_fail(err, SH_EPERM, "", "节假日安排由县局导入 (the county bureau loads the holiday notice)");
    if (year < SH_HOLIDAY_YEAR_MIN || year > SH_HOLIDAY_YEAR_MAX)
        return sh_fail(err, SH_EINVAL, "year", "年份应为%d-%d (year must be %d to %d)", SH_HOLIDAY_YEAR_MIN,
                       SH_HOLIDAY_YEAR_MAX, SH_HOLIDAY_YEAR_MIN, SH_HOLIDAY_YEAR_MAX);
    int rc = sh_check_text(source ? source : "", 1, 100, "source", err);
    if (rc == 0)
        rc = check_days(year, days, n, err);
    if (rc)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    rc = write_notice(db, actor, year, source, days, n, err);
    if (rc == 0)
        return sh_db_commit(db, err);
    sh_db_rollback(db);
    return rc;
}

static void copy_field(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

int sh_calendar_days_from_json(const json_t *arr, sh_calendar_day **ret, int *ret_n, sh_err *err)
{
    if (!json_is_array(arr))
        return sh_fail(err, SH_EINVAL, "days", "应为数组 [{date, kind, name}] (must be an array)");
    size_t n = json_array_size(arr);
    if (n < 1 || n > SH_NOTICE_MAX_DAYS)
        return sh_fail(err, SH_EINVAL, "days", "放假安排应有1-%d天 (a notice has 1 to %d days)", SH_NOTICE_MAX_DAYS, SH_NOTICE_MAX_DAYS);
    sh_calendar_day *days = calloc(n, sizeof *days);
    if (!days)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(arr, i);
        const char *names[] = {"date", "kind", "name"};
        for (int k = 0; k < 3; k++) {
            const json_t *v = json_object_get(o, names[k]);
            if (!json_is_string(v) || json_string_length(v) > 96) {
                free(days);
                char field[32];
                snprintf(field, sizeof field, "days[%zu].%s", i, names[k]);
                return sh_fail(err, SH_EINVAL, field, "应为文本 (must be text)");
            }
        }
        copy_field(days[i].date, sizeof days[i].date, json_string_value(json_object_get(o, "date")));
        copy_field(days[i].kind, sizeof days[i].kind, json_string_value(json_object_get(o, "kind")));
        copy_field(days[i].name, sizeof days[i].name, json_string_value(json_object_get(o, "name")));
    }
    *ret = days;
    *ret_n = (int)n;
    return 0;
}

struct csv_ctx {
    sh_calendar_day *days;
    int n;
    sh_err *err;
};

static int csv_row(char **f, int n, void *c)
{
    struct csv_ctx *x = c;
    char field[32];
    snprintf(field, sizeof field, "line %d", x->n + 1);
    if (x->n == SH_NOTICE_MAX_DAYS)
        return sh_fail(x->err, SH_EINVAL, "days", "放假安排最多%d天 (a notice has at most %d days)", SH_NOTICE_MAX_DAYS, SH_NOTICE_MAX_DAYS);
    if (n != 3 || strlen(f[0]) > 10 || strlen(f[1]) > 7 || strlen(f[2]) > 96)
        return sh_fail(x->err, SH_EINVAL, field, "每行应为 日期,holiday|workday,名称 (each line is date,kind,name)");
    sh_calendar_day *d = &x->days[x->n++];
    copy_field(d->date, sizeof d->date, f[0]);
    copy_field(d->kind, sizeof d->kind, f[1]);
    copy_field(d->name, sizeof d->name, f[2]);
    return 0;
}

int sh_calendar_days_from_csv(const char *text, sh_calendar_day **ret, int *ret_n, sh_err *err)
{
    struct csv_ctx x = {calloc(SH_NOTICE_MAX_DAYS, sizeof(sh_calendar_day)), 0, err};
    if (!x.days)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    int rc = sh_data_each_row(text, 4, csv_row, &x);
    if (rc == 0 && x.n == 0)
        rc = sh_fail(err, SH_EINVAL, "days", "文件中没有日期 (the file has no days)");
    if (rc) {
        free(x.days);
        return rc;
    }
    *ret = x.days;
    *ret_n = x.n;
    return 0;
}

/* ---- the shipped notices ---- */

struct seed_ctx {
    sh_db *db;
    const char *days_text;
    sh_err *err;
};

struct seed_days_ctx {
    struct csv_ctx csv;
    char year[5]; /* the notice's days are the lines of this year */
};

static int seed_days_row(char **f, int n, void *c)
{
    struct seed_days_ctx *x = c;
    if (n < 3 || strncmp(f[0], x->year, 4) != 0)
        return 0;
    return csv_row(f, n, &x->csv);
}

static int seed_notice_row(char **f, int n, void *c)
{
    struct seed_ctx *s = c;
    if (n < 2)
        return 0;
    int year = atoi(f[0]);
    int64_t have = 0;
    sh_stmt *st = sh_db_prepare(s->db, "SELECT count(*) FROM calendar_notices WHERE year = ?", s->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, year);
    if (sh_stmt_step(st, s->err) == SH_ROW)
        have = sh_col_int64(st, 0);
    sh_stmt_done(st);
    if (have)
        return 0;
    struct seed_days_ctx x = {{calloc(SH_NOTICE_MAX_DAYS, sizeof(sh_calendar_day)), 0, s->err}, ""};
    if (!x.csv.days)
        return SH_EINTERNAL;
    snprintf(x.year, sizeof x.year, "%04d", year % 10000);
    int rc = sh_data_each_row(s->days_text, 4, seed_days_row, &x);
    sh_principal system;
    sh_principal_system(&system);
    if (rc == 0 && (rc = check_days(year, x.csv.days, x.csv.n, s->err)) == 0)
        rc = write_notice(s->db, &system, year, f[1], x.csv.days, x.csv.n, s->err);
    free(x.csv.days);
    return rc;
}

int sh_calendar_seed(sh_db *db, sh_err *err)
{
    const char *notices = sh_data_file("data/holiday-notices-cn.csv"), *days = sh_data_file("data/holidays-cn.csv");
    if (!notices || !days)
        return sh_fail(err, SH_EINTERNAL, "", "the holiday calendar is not built in");
    struct seed_ctx s = {db, days, err};
    int rc = sh_db_begin(db, err);
    if (rc == 0)
        rc = sh_data_each_row(notices, 2, seed_notice_row, &s);
    if (rc == 0)
        return sh_db_commit(db, err);
    sh_db_rollback(db);
    return rc;
}

static json_t *notice_day_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s, s:s}", "date", sh_col_text(st, 0), "kind", sh_col_text(st, 1), "name",
                     sh_col_text(st, 2));
}

/* ---- views ---- */

int sh_calendar_year(sh_db *db, int year, json_t **out, sh_err *err)
{
    if (year < SH_HOLIDAY_YEAR_MIN || year > SH_HOLIDAY_YEAR_MAX)
        return sh_fail(err, SH_EINVAL, "year", "年份应为%d-%d (year must be %d to %d)", SH_HOLIDAY_YEAR_MIN,
                       SH_HOLIDAY_YEAR_MAX, SH_HOLIDAY_YEAR_MIN, SH_HOLIDAY_YEAR_MAX);
    sh_holiday fixed_days[SH_FIXED_HOLIDAYS];
    int rc = sh_fixed_holidays(year, fixed_days, err);
    if (rc)
        return rc;
    json_t *notice = notice_json(db, year, err);
    if (!notice)
        return SH_EINTERNAL;
    json_t *fx = json_array(), *days = json_array();
    for (int i = 0; i < SH_FIXED_HOLIDAYS; i++)
        json_array_append_new(fx, json_pack("{s:s, s:s}", "date", fixed_days[i].date, "name", fixed_days[i].name));
    sh_stmt *st = sh_db_prepare(db, "SELECT date, kind, name FROM calendar_notice_days WHERE year = ? ORDER BY date", err);
    rc = st ? 0 : SH_EINTERNAL;
    if (st) {
        sh_bind_int64(st, 1, year);
        rc = sh_rows_append(st, notice_day_row, NULL, days, err);
    }
    int working = 0;
    if (rc >= 0 && (rc = lock_current(db, err)) == 0) {
        for (int64_t d = sh_days_from_civil(year, 1, 1), end = sh_days_from_civil(year + 1, 1, 1); d < end; d++)
            working += is_work_locked(d, NULL);
        pthread_mutex_unlock(&cache_lock);
    }
    if (rc < 0) {
        json_decref(notice);
        json_decref(fx);
        json_decref(days);
        return rc;
    }
    *out = json_pack("{s:i, s:o, s:b, s:o, s:o, s:i}", "year", year, "notice", notice, "provisional", json_is_null(notice),
                     "fixed_holidays", fx, "days", days, "working_days", working);
    return 0;
}

int sh_calendar_overview(sh_db *db, const char *today, json_t **out, sh_err *err)
{
    int y, m, d;
    if (!sh_date_valid(today, &y, &m, &d))
        return sh_fail(err, SH_EINVAL, "today", "日期无效 (not a real date)");
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT n.year, n.source, n.revision, n.loaded_at, n.loaded_by,"
                                " (SELECT count(*) FROM calendar_notice_days x WHERE x.year = n.year)"
                                " FROM calendar_notices n ORDER BY n.year DESC",
                                err);
    if (!st)
        return SH_EINTERNAL;
    json_t *years = json_array();
    int have_this = 0, have_next = 0, rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        int year = (int)sh_col_int64(st, 0);
        have_this |= year == y;
        have_next |= year == y + 1;
        json_array_append_new(years, json_pack("{s:i, s:s, s:I, s:I, s:s, s:I}", "year", year, "source", sh_col_text(st, 1),
                                               "revision", (json_int_t)sh_col_int64(st, 2), "loaded_at",
                                               (json_int_t)sh_col_int64(st, 3), "loaded_by", sh_col_text(st, 4),
                                               "days", (json_int_t)sh_col_int64(st, 5)));
    }
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(years);
        return rc;
    }
    /* the State Council publishes next year's notice around November: from the 1st, say it is missing */
    int missing = !have_this ? y : (m >= 11 && !have_next) ? y + 1 : 0;
    json_t *warning = json_null();
    if (missing) {
        char text[256];
        snprintf(text, sizeof text, "尚未导入%d年国务院节假日安排通知，%d年的期限按法定节日暂算，可能不准 (the %d notice is not loaded: deadlines in %d are provisional)",
                 missing, missing, missing, missing);
        warning = json_pack("{s:i, s:s}", "year", missing, "message", text);
    }
    *out = json_pack("{s:s, s:o, s:o}", "today", today, "notices", years, "warning", warning);
    return 0;
}

int sh_setting_deadline(sh_db *db, const char *setting, int def, const char *basis, char out[11], int *provisional, sh_err *err)
{
    char today[11];
    sh_today(today);
    int days = sh_setting_int(db, setting, def);
    if (days < 1 || days > 200)
        days = def;
    sh_deadline_rule rule = {basis, days, 0};
    sh_deadline d;
    int rc = sh_deadline_due(db, today, &rule, NULL, 0, &d, err);
    if (rc == 0) {
        snprintf(out, 11, "%s", d.due);
        *provisional = d.provisional;
    }
    return rc;
}
