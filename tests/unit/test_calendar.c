/* The working-day calendar and the deadline engine, against their sources:
 * - 《全国年节及纪念日放假办法》 (2024 revision) Art 2: the 13 fixed holidays, checked against the dates
 *   the State Council's notices give for 2025 (国办发明电〔2024〕12号) and 2026 (notice of 2025-11-04);
 * - the notices themselves (shipped data): a deadline across the 2026 Spring Festival week and its
 *   adjusted working Saturday;
 * - a year without a notice (2027): fixed holidays only, and the deadline is provisional until the
 *   county loads the notice;
 * - periods in calendar days end on a working day (《民事诉讼法》第八十五条: 期间届满的最后一日是法定休假日的，
 *   以法定休假日后的第一日为期间届满的日期). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/civil.h"
#include "domain/base/calendar.h"
#include "domain/base/holidays.h"
#include "testutil.h"

static void fixed_holidays_match_the_notices(void **state)
{
    (void)state;
    /* 2025: 元旦 1/1; 春节 除夕 1/28 + 正月初一至初三 1/29-31; 清明 4/4; 劳动节 5/1-2; 端午 5/31; 中秋 10/6; 国庆 10/1-3 */
    static const char *const y2025[] = {"2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
                                        "2025-04-04", "2025-05-01", "2025-05-02", "2025-05-31", "2025-10-01",
                                        "2025-10-02", "2025-10-03", "2025-10-06"};
    /* 2026: 除夕 2/16 (腊月廿九), 春节 2/17-19; 清明 4/5; 端午 6/19; 中秋 9/25 */
    static const char *const y2026[] = {"2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
                                        "2026-04-05", "2026-05-01", "2026-05-02", "2026-06-19", "2026-09-25",
                                        "2026-10-01", "2026-10-02", "2026-10-03"};
    sh_holiday h[SH_FIXED_HOLIDAYS];
    sh_err err = {0};
    assert_int_equal(sh_fixed_holidays(2025, h, &err), 0);
    for (int i = 0; i < SH_FIXED_HOLIDAYS; i++)
        assert_string_equal(h[i].date, y2025[i]);
    assert_string_equal(h[1].name, "春节");
    assert_string_equal(h[12].name, "中秋");
    assert_int_equal(sh_fixed_holidays(2026, h, &err), 0);
    for (int i = 0; i < SH_FIXED_HOLIDAYS; i++)
        assert_string_equal(h[i].date, y2026[i]);
    /* 2028: 中秋 falls on 10/3, the third day of 国庆: both listed, one day off */
    assert_int_equal(sh_fixed_holidays(2028, h, &err), 0);
    int oct3 = 0;
    for (int i = 0; i < SH_FIXED_HOLIDAYS; i++)
        oct3 += !strcmp(h[i].date, "2028-10-03");
    assert_int_equal(oct3, 2);
    /* 清明 is always 4, 5 or 6 April; and the library's range is enforced */
    for (int y = SH_HOLIDAY_YEAR_MIN; y <= SH_HOLIDAY_YEAR_MAX; y++) {
        int d = sh_qingming_day(y);
        assert_true(d >= 4 && d <= 6);
    }
    assert_int_equal(sh_qingming_day(2027), 5);
    assert_int_equal(sh_qingming_day(2028), 4);
    assert_int_equal(sh_fixed_holidays(2100, h, &err), SH_EINVAL);
    assert_string_equal(err.field, "year");
}

/* Periods in months (publication, repair, listing, execution): the day kept where the month has it. */
static void months_keep_the_day_or_take_the_last(void **state)
{
    (void)state;
    char out[11];
    const char *cases[][3] = {{"2026-05-31", "3", "2026-08-31"}, {"2026-11-30", "3", "2027-02-28"}, {"2027-11-30", "3", "2028-02-29"},
                              {"2028-02-29", "36", "2031-02-28"}, {"2026-12-15", "1", "2027-01-15"}, {"2026-11-18", "12", "2027-11-18"},
                              {"2026-13-01", "1", "2026-13-01"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sh_date_add_months(cases[i][0], atoi(cases[i][1]), out);
        assert_string_equal(out, cases[i][2]);
    }
}

static void due(sh_db *db, const char *start, int days, int calendar_days, const char *want, int provisional)
{
    sh_deadline_rule rule = {.days = days, .calendar_days = calendar_days};
    sh_deadline d;
    sh_err err = {0};
    assert_int_equal(sh_deadline_due(db, start, &rule, NULL, 0, &d, &err), 0);
    assert_string_equal(d.due, want);
    assert_int_equal(d.provisional, provisional != 0);
    assert_int_equal(d.provisional_year, provisional);
}

static void deadlines_follow_the_notices(void **state)
{
    (void)state;
    sh_db *db = fixture_db();
    assert_non_null(db);
    /* Friday before the 2026 Spring Festival: Saturday 2/14 is worked, 2/15-23 are off */
    due(db, "2026-02-13", 1, 0, "2026-02-14", 0);
    due(db, "2026-02-13", 2, 0, "2026-02-24", 0);
    /* 国庆 2026: 10/1-7 off, Saturday 10/10 worked */
    due(db, "2026-09-30", 1, 0, "2026-10-08", 0);
    due(db, "2026-10-09", 1, 0, "2026-10-10", 0);
    /* a plain week */
    due(db, "2026-11-20", 1, 0, "2026-11-23", 0);
    due(db, "2026-11-20", 0, 0, "2026-11-20", 0);
    /* calendar days: 7 days from 9/24 end on 10/1, a holiday, so the period ends on 10/8 */
    due(db, "2026-09-24", 7, 1, "2026-10-08", 0);
    due(db, "2026-11-02", 7, 1, "2026-11-09", 0); /* lands on a Monday: unchanged */
    sh_db_close(db);
}

static void a_year_without_its_notice_is_provisional(void **state)
{
    (void)state;
    sh_db *db = fixture_db();
    assert_non_null(db);
    /* opened on New Year's Eve 2026 with 1 working day: New Year's Day is a fixed holiday, then a weekend */
    due(db, "2026-12-31", 1, 0, "2027-01-04", 2027);
    /* the 2027 Spring Festival: 除夕 2/5 (Fri) to 初三 2/8 (Mon) off by the law alone */
    due(db, "2027-02-04", 1, 0, "2027-02-09", 2027);
    /* far years are computed too, never plain Monday-Friday: 2099's New Year */
    due(db, "2098-12-31", 1, 0, "2099-01-02", 2099);
    int w;
    sh_err err = {0};
    assert_int_equal(sh_is_workday(db, "2027-10-01", &w, &err), 0);
    assert_int_equal(w, 0);

    /* the county loads the 2027 notice: the same deadlines are final, with its adjusted workdays */
    sh_principal county;
    fixture_official(&county, SH_ROLE_COUNTY, "360799", "county");
    sh_calendar_day days[] = {
        {"2027-01-01", "holiday", "元旦"}, {"2027-01-02", "holiday", "元旦"}, {"2027-01-03", "holiday", "元旦"},
        {"2027-02-05", "holiday", "春节"}, {"2027-02-06", "holiday", "春节"}, {"2027-02-07", "holiday", "春节"},
        {"2027-02-08", "holiday", "春节"}, {"2027-02-09", "holiday", "春节"}, {"2027-02-10", "holiday", "春节"},
        {"2027-02-11", "holiday", "春节"}, {"2027-02-20", "workday", "春节调休上班"},
    };
    assert_int_equal(sh_calendar_load_notice(db, &county, 2027, "测试通知", days, 11, &err), 0);
    due(db, "2026-12-31", 1, 0, "2027-01-04", 0);
    due(db, "2027-02-04", 1, 0, "2027-02-12", 0);
    due(db, "2027-02-19", 1, 0, "2027-02-20", 0);
    /* loading again replaces the year's days */
    assert_int_equal(sh_calendar_load_notice(db, &county, 2027, "测试通知（更正）", days, 3, &err), 0);
    due(db, "2027-02-04", 1, 0, "2027-02-05", 0);
    json_t *y = NULL;
    assert_int_equal(sh_calendar_year(db, 2027, &y, &err), 0);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(y, "notice"), "revision")), 2);
    assert_int_equal(json_array_size(json_object_get(y, "days")), 3);
    assert_false(json_is_true(json_object_get(y, "provisional")));
    json_decref(y);
    sh_db_close(db);
}

static void paused_days_do_not_count(void **state)
{
    (void)state;
    sh_db *db = fixture_db();
    sh_deadline_rule rule = {.days = 5};
    sh_pause pause = {"2026-11-03", "2026-11-04"};
    sh_deadline d;
    sh_err err = {0};
    assert_int_equal(sh_deadline_due(db, "2026-11-02", &rule, &pause, 1, &d, &err), 0);
    assert_string_equal(d.due, "2026-11-11"); /* 11/5, 6, 9, 10, 11 */
    rule.calendar_days = 1;                   /* 11/5 .. 11/9 */
    assert_int_equal(sh_deadline_due(db, "2026-11-02", &rule, &pause, 1, &d, &err), 0);
    assert_string_equal(d.due, "2026-11-09");
    sh_pause backwards = {"2026-11-04", "2026-11-03"};
    assert_int_equal(sh_deadline_due(db, "2026-11-02", &rule, &backwards, 1, &d, &err), SH_EINVAL);
    assert_string_equal(err.field, "pauses");
    rule.days = 1001;
    assert_int_equal(sh_deadline_due(db, "2026-11-02", &rule, NULL, 0, &d, &err), SH_EINVAL);
    assert_string_equal(err.field, "days");
    assert_int_equal(sh_deadline_due(db, "2026-02-30", &rule, NULL, 0, &d, &err), SH_EINVAL);
    sh_db_close(db);
}

static void a_bad_notice_changes_nothing(void **state)
{
    (void)state;
    sh_db *db = fixture_db();
    sh_principal county, township;
    fixture_official(&county, SH_ROLE_COUNTY, "360799", "county");
    fixture_official(&township, SH_ROLE_TOWNSHIP, "360799101000", "t01");
    sh_err err = {0};
    sh_calendar_day weekday_worked[] = {{"2027-01-01", "holiday", "元旦"}, {"2027-02-08", "workday", "春节调休上班"}};
    assert_int_equal(sh_calendar_load_notice(db, &county, 2027, "通知", weekday_worked, 2, &err), SH_EINVAL);
    assert_string_equal(err.field, "days[1].kind");
    sh_calendar_day outside[] = {{"2028-03-01", "holiday", "元旦"}};
    assert_int_equal(sh_calendar_load_notice(db, &county, 2027, "通知", outside, 1, &err), SH_EINVAL);
    assert_string_equal(err.field, "days[0].date");
    sh_calendar_day twice[] = {{"2027-01-01", "holiday", "元旦"}, {"2027-01-01", "holiday", "元旦"}};
    assert_int_equal(sh_calendar_load_notice(db, &county, 2027, "通知", twice, 2, &err), SH_EINVAL);
    assert_string_equal(err.field, "days[1].date");
    sh_calendar_day kind[] = {{"2027-01-01", "off", "元旦"}};
    assert_int_equal(sh_calendar_load_notice(db, &county, 2027, "通知", kind, 1, &err), SH_EINVAL);
    assert_string_equal(err.field, "days[0].kind");
    sh_calendar_day noname[] = {{"2027-01-01", "holiday", ""}};
    assert_int_equal(sh_calendar_load_notice(db, &county, 2027, "通知", noname, 1, &err), SH_EINVAL);
    assert_string_equal(err.field, "days[0].name");
    sh_calendar_day ok[] = {{"2027-01-01", "holiday", "元旦"}};
    assert_int_equal(sh_calendar_load_notice(db, &county, 2027, "", ok, 1, &err), SH_EINVAL);
    assert_string_equal(err.field, "source");
    assert_int_equal(sh_calendar_load_notice(db, &township, 2027, "通知", ok, 1, &err), SH_EPERM);
    /* the 2024 notice gave 2023-12-30 and 31 for 元旦 2024: days of the neighbouring month are accepted */
    sh_calendar_day eve[] = {{"2023-12-30", "holiday", "元旦"}, {"2024-01-01", "holiday", "元旦"}};
    assert_int_equal(sh_calendar_load_notice(db, &county, 2024, "国办发明电〔2023〕7号", eve, 2, &err), 0);
    /* nothing of the refused ones was stored */
    json_t *y = NULL;
    assert_int_equal(sh_calendar_year(db, 2027, &y, &err), 0);
    assert_true(json_is_null(json_object_get(y, "notice")));
    json_decref(y);
    sh_db_close(db);
}

static void the_county_is_warned_of_a_missing_notice(void **state)
{
    (void)state;
    sh_db *db = fixture_db();
    sh_err err = {0};
    json_t *o = NULL;
    assert_int_equal(sh_calendar_overview(db, "2026-10-31", &o, &err), 0);
    assert_true(json_is_null(json_object_get(o, "warning")));
    assert_int_equal(json_array_size(json_object_get(o, "notices")), 2); /* 2026 and 2025 shipped */
    json_decref(o);
    assert_int_equal(sh_calendar_overview(db, "2026-11-01", &o, &err), 0);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "warning"), "year")), 2027);
    json_decref(o);
    assert_int_equal(sh_calendar_overview(db, "2027-03-01", &o, &err), 0); /* this year's is missing: any month */
    assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "warning"), "year")), 2027);
    json_decref(o);
    sh_db_close(db);
}

static void notice_csv_is_read_line_by_line(void **state)
{
    (void)state;
    sh_calendar_day *days = NULL;
    int n = 0;
    sh_err err = {0};
    assert_int_equal(sh_calendar_days_from_csv("# 2027\n2027-01-01,holiday,元旦\n\n2027-02-20,workday,春节调休上班\n", &days, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(days[1].kind, "workday");
    free(days);
    assert_int_equal(sh_calendar_days_from_csv("2027-01-01,holiday\n", &days, &n, &err), SH_EINVAL);
    assert_string_equal(err.field, "line 1");
    assert_int_equal(sh_calendar_days_from_csv("# nothing\n", &days, &n, &err), SH_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(months_keep_the_day_or_take_the_last),
        cmocka_unit_test(fixed_holidays_match_the_notices),
        cmocka_unit_test(deadlines_follow_the_notices),
        cmocka_unit_test(a_year_without_its_notice_is_provisional),
        cmocka_unit_test(paused_days_do_not_count),
        cmocka_unit_test(a_bad_notice_changes_nothing),
        cmocka_unit_test(the_county_is_warned_of_a_missing_notice),
        cmocka_unit_test(notice_csv_is_read_line_by_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
