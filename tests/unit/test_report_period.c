/* The periods of reports a bureau sends upward: months and quarters with their first and last days
 * (February of a leap year, December), Chinese labels, a period not yet begun or badly written refused
 * naming the field, and the month and quarter the schedule reports on a given day (across New Year). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/home/report_period.h"

static void months_and_quarters(void **state)
{
    (void)state;
    sh_report_period p;
    sh_err err = {0};
    assert_int_equal(sh_report_period_parse("2028-02", "2028-02-29", &p, &err), 0);
    assert_string_equal(p.kind, "month");
    assert_string_equal(p.from, "2028-02-01");
    assert_string_equal(p.to, "2028-02-29");
    assert_string_equal(p.label, "2028年2月");
    assert_int_equal(sh_report_period_parse("2026-Q4", "2026-10-01", &p, &err), 0);
    assert_string_equal(p.kind, "quarter");
    assert_string_equal(p.from, "2026-10-01");
    assert_string_equal(p.to, "2026-12-31");
    assert_string_equal(p.label, "2026年第四季度");
    assert_int_equal(p.first_month, 10);
    assert_int_equal(p.last_month, 12);
}

static void refused_naming_the_field(void **state)
{
    (void)state;
    const char *bad[] = {"", "2026-13", "2026-00", "2026-Q0", "2026-Q5", "2026/11", "26-11", "2026-1", "2026-011", "1999-12",
                         "2026-12" /* not begun on 30 November */, "2027-Q1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sh_report_period p;
        sh_err err = {0};
        assert_int_equal(sh_report_period_parse(bad[i], "2026-11-30", &p, &err), SH_EINVAL);
        assert_string_equal(err.field, "period");
    }
    sh_report_period p;
    sh_err err = {0};
    assert_int_equal(sh_report_period_parse(NULL, "2026-11-30", &p, &err), SH_EINVAL);
}

static void what_the_schedule_reports(void **state)
{
    (void)state;
    sh_report_period p;
    sh_report_period_last("month", "2027-01-01", &p);
    assert_string_equal(p.text, "2026-12");
    sh_report_period_last("quarter", "2027-01-01", &p);
    assert_string_equal(p.text, "2026-Q4");
    sh_report_period_last("month", "2026-03-01", &p);
    assert_string_equal(p.text, "2026-02");
    assert_string_equal(p.to, "2026-02-28");
    sh_report_period_last("quarter", "2026-10-03", &p);
    assert_string_equal(p.text, "2026-Q3");
    sh_report_period_last("quarter", "2026-08-15", &p);
    assert_string_equal(p.text, "2026-Q2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(months_and_quarters),
        cmocka_unit_test(refused_naming_the_field),
        cmocka_unit_test(what_the_schedule_reports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
