/* The working-day calendar and the one deadline engine of every area.
 *
 * A day is a working day by, in order: the State Council's notice of its year (its days off and its
 * adjusted working weekends, loaded as data by `shian calendar import` or PUT /api/v1/calendar/{year});
 * without a notice for the year, the fixed public holidays of 《全国年节及纪念日放假办法》 (holidays.h)
 * are off, and a deadline that counts through such a year is provisional; otherwise Monday to Friday.
 * The calendar is read once per process and reloaded only when a notice changes (one cheap query per
 * computation tells). */
#ifndef SH_CALENDAR_H
#define SH_CALENDAR_H

#include <jansson.h>

#include "core/civil.h"
#include "core/err.h"
#include "domain/base/principal.h"
#include "store/store.h"

#define SH_NOTICE_MAX_DAYS 80

typedef struct sh_calendar_day {
    char date[11];
    char kind[8];  /* holiday (a day off, also on a weekday) or workday (a weekend day worked) */
    char name[100];
} sh_calendar_day;

/* A deadline rule: so many working days, or calendar days, after the start, on a legal basis. */
typedef struct sh_deadline_rule {
    const char *basis; /* shown with the deadline, e.g. "SAMR Order 15 Art 28"; may be NULL */
    int days;          /* 0..1000 */
    int calendar_days; /* 0: working days (the start not counted). 1: calendar days, and a last day
                          that is not a working day moves to the next working day (期间届满的最后一日是
                          法定休假日的，以休假日后的第一日为期间届满的日期) */
} sh_deadline_rule;

/* Days during which the clock stops (testing, hearing, public notice …), inclusive. */
typedef struct sh_pause {
    char from[11];
    char to[11];
} sh_pause;

typedef struct sh_deadline {
    char due[11];
    int provisional;      /* counted through a year whose notice is not loaded */
    int provisional_year; /* the first such year, when provisional */
} sh_deadline;

/* Loads the shipped notices (data/holiday-notices-cn.csv, days in data/holidays-cn.csv) for years the
 * database has no notice of yet; a bureau's own loads stay. */
int sh_calendar_seed(sh_db *db, sh_err *err);
/* Replaces the notice of `year` (county and system only): validates every day (a real date within the
 * year or the month either side, holiday or workday, a workday on a weekend, no date twice, a name),
 * audits the change. Errors name the field, e.g. days[3].date. */
int sh_calendar_load_notice(sh_db *db, const sh_principal *actor, int year, const char *source,
                            const sh_calendar_day *days, int n, sh_err *err);
/* Reads a notice's days from JSON [{date, kind, name}]; *ret is malloc'd (free it). */
int sh_calendar_days_from_json(const json_t *days, sh_calendar_day **ret, int *ret_n, sh_err *err);
/* Reads a notice's days from CSV lines "date,kind,name" ('#' comments); *ret is malloc'd. */
int sh_calendar_days_from_csv(const char *text, sh_calendar_day **ret, int *ret_n, sh_err *err);

/* A year: its notice or null, provisional, its fixed holidays, the notice's days, its working days. */
int sh_calendar_year(sh_db *db, int year, json_t **out, sh_err *err);
/* Every loaded notice, and a warning when this year's, or from 1 November next year's, is missing. */
int sh_calendar_overview(sh_db *db, const char *today, json_t **out, sh_err *err);

/* Whether date (YYYY-MM-DD) is a working day. */
int sh_is_workday(sh_db *db, const char *date, int *ret, sh_err *err);
/* The deadline of a rule from start (YYYY-MM-DD), the paused days not counted. */
int sh_deadline_due(sh_db *db, const char *start, const sh_deadline_rule *rule, const sh_pause *pauses,
                    int npauses, sh_deadline *out, sh_err *err);
/* The date n working days after start: sh_deadline_due with a working-day rule and no pauses. */
int sh_workdays_add(sh_db *db, const char *start, int n, char out[11], sh_err *err);
/* The due date `setting` (default def, when outside 1..200) working days after today, on `basis`;
 * *provisional when a year counted through has no holiday notice. */
int sh_setting_deadline(sh_db *db, const char *setting, int def, const char *basis, char out[11], int *provisional, sh_err *err);
/* Whether every year from `from` to `to` (YYYY-MM-DD, either order) has its notice loaded: *ret_final
 * 1 when so; else 0 and *ret_first_missing_year (may be NULL) the first year without one. A deadline
 * stored earlier (an order's) is provisional when its span is not final. */
int sh_calendar_years_final(sh_db *db, const char *from, const char *to, int *ret_final, int *ret_first_missing_year,
                            sh_err *err);
/* {deadline, provisional, provisional_year?} of a computed deadline. */
json_t *sh_deadline_json(const sh_deadline *d);
/* Today in Beijing time, YYYY-MM-DD, on the platform's clock. */
void sh_today(char out[11]);

#endif
