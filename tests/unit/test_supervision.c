/* Working days, the draw's reproducibility, and escalation of overdue rectification orders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/base/calendar.h"
#include "domain/supervision/inspect.h"
#include "domain/loop/rectify.h"
#include "testutil.h"

static sh_db *db;

static int setup(void **state)
{
    (void)state;
    db = fixture_db();
    return db ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    sh_db_close(db);
    return 0;
}

static void workday(const char *date, int want)
{
    int w = -1;
    sh_err err = {0};
    assert_int_equal(sh_is_workday(db, date, &w, &err), 0);
    if (w != want)
        fail_msg("%s: workday %d, expected %d", date, w, want);
}

static void working_days(void **state)
{
    (void)state;
    workday("2026-11-23", 1); /* Monday */
    workday("2026-11-27", 1); /* Friday */
    workday("2026-11-28", 0); /* Saturday */
    workday("2026-11-29", 0); /* Sunday */
    workday("2026-10-01", 0); /* National Day, a Thursday */
    workday("2026-10-10", 1); /* adjusted working Saturday */
    workday("2025-01-26", 1); /* adjusted working Sunday before the 2025 Spring Festival */
    workday("2025-01-29", 0);
    char out[11];
    sh_err err = {0};
    assert_int_equal(sh_workdays_add(db, "2026-09-30", 3, out, &err), 0);
    assert_string_equal(out, "2026-10-10");
    assert_int_equal(sh_workdays_add(db, "2026-02-13", 5, out, &err), 0);
    assert_string_equal(out, "2026-02-27"); /* 14 (Sat, worked), holiday 15-23, then 24 25 26 27 */
    assert_int_equal(sh_workdays_add(db, "2026-11-20", 0, out, &err), 0);
    assert_string_equal(out, "2026-11-20");
    assert_int_equal(sh_workdays_add(db, "2026-13-01", 1, out, &err), SH_EINVAL);
    sh_date_add_days("2024-02-28", 1, out);
    assert_string_equal(out, "2024-02-29");
    sh_date_add_days("2024-03-01", -1, out);
    assert_string_equal(out, "2024-02-29");
}

static void escalation_once_per_order(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_db_exec(db,
                                "INSERT INTO entities(kind, name, division_code, status, created_at, updated_at)"
                                " VALUES ('caterer', '测试餐馆', '360799101201', 'active', 0, 0);"
                                "INSERT INTO rectifications(entity_id, source_type, source_id, title, deadline, status, created_at)"
                                " SELECT id, 'inspection', 1, '地面积水', '2026-03-02', 'open', 0 FROM entities WHERE name = '测试餐馆'"
                                " UNION ALL SELECT id, 'inspection', 1, '已验收', '2026-03-02', 'verified', 0 FROM entities WHERE name = '测试餐馆'"
                                " UNION ALL SELECT id, 'inspection', 1, '未到期', '2026-03-20', 'submitted', 0 FROM entities WHERE name = '测试餐馆';",
                                &err),
                     0);
    if (err.code)
        fail_msg("%s", err.message);
    int n = -1;
    if (sh_rectify_escalate(db, "2026-03-03", &n, &err) != 0)
        fail_msg("%s", err.message);
    assert_int_equal(n, 1);
    assert_int_equal(sh_rectify_escalate(db, "2026-03-04", &n, &err), 0);
    assert_int_equal(n, 0); /* already escalated */
    /* the submitted one is past its deadline but awaits the official's review: not overdue (issue 10
     * changed this rule; Food Safety Law Art 126 and SAMR Order 49 (2021): 逾期不改正 is failing to
     * correct within the time set, not a verification still pending) */
    assert_int_equal(sh_rectify_escalate(db, "2026-03-21", &n, &err), 0);
    assert_int_equal(n, 0);
    int64_t audited = 0;
    assert_int_equal(sh_db_query_int64(db, "SELECT count(*) FROM audit_log WHERE action = 'escalate'", 0, &audited, &err), 0);
    assert_int_equal(audited, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(working_days),
        cmocka_unit_test(escalation_once_per_order),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
