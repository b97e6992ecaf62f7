/* Risk grading and rectification as the national rules say (issue 10): when an order is overdue,
 * a serious-dishonesty listing grades D, a new business is graded at once, the county's risk
 * settings are validated and audited, and provisional deadlines in a year without a notice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/loop/rectify.h"
#include "domain/registry/entity.h"
#include "domain/risk/risk.h"
#include "domain/risk/risk_settings.h"
#include "testutil.h"

static sh_db *db;
static sh_principal county, township, biz;

static int setup(void **state)
{
    (void)state;
    db = fixture_db();
    if (!db)
        return -1;
    fixture_official(&county, SH_ROLE_COUNTY, "360799", "county");
    fixture_official(&township, SH_ROLE_TOWNSHIP, "360799101000", "t101");
    fixture_official(&biz, SH_ROLE_BUSINESS, "360799101201", "b1");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sh_db_close(db);
    return 0;
}

static void exec(const char *fmt, ...)
{
    char sql[2000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    sh_err err = {0};
    if (sh_db_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
}

static int64_t q(const char *fmt, ...)
{
    char sql[1000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    int64_t v = -1;
    sh_err err = {0};
    if (sh_db_query_int64(db, sql, 0, &v, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
    return v;
}

static int64_t add_entity(const char *kind, const char *name)
{
    exec("INSERT INTO entities(kind, name, division_code, status, created_at, updated_at)"
         " VALUES ('%s', '%s', '360799101201', 'active', 0, 0)", kind, name);
    return sh_db_last_id(db);
}

/* Beijing 23:00 of date, epoch ms. */
static int64_t late_evening(const char *date)
{
    return sh_beijing_day_start_ms(sh_date_days(date)) + 23 * 3600000LL;
}

/* Food Safety Law (2021) Art 126 and SAMR Order 49 (2021): what is punished is failing to correct
 * within the time set (逾期不改正). Evidence submitted by the deadline (even on its last day) and
 * awaiting the official's review is not overdue; no evidence by then, evidence sent back and not
 * resubmitted by then, or evidence only after it, is — escalated once. */
static void overdue_means_not_done_by_the_deadline(void **state)
{
    (void)state;
    int64_t e = add_entity("caterer", "逾期测试餐馆");
    const char *deadline = "2026-03-02";
    /* 1 submitted on the deadline day, review pending; 2 nothing submitted; 3 sent back (open again);
     * 4 submitted the day after the deadline; 5 verified */
    const char *rows[5][2] = {{"submitted", "ontime"}, {"open", NULL}, {"open", NULL}, {"submitted", "late"}, {"verified", "ontime"}};
    int64_t ids[5];
    for (int i = 0; i < 5; i++) {
        int64_t at = rows[i][1] ? late_evening(!strcmp(rows[i][1], "late") ? "2026-03-03" : deadline) : 0;
        exec("INSERT INTO rectifications(entity_id, source_type, source_id, title, deadline, status, created_at, submitted_at,"
             " evidence_note, rejections) VALUES (%lld, 'inspection', 1, 't%d', '%s', '%s', 0, %s%lld, %s, %d)", (long long)e, i,
             deadline, rows[i][0], at ? "" : "NULL+", (long long)at, at ? "'已整改'" : "NULL", i == 2);
        ids[i] = sh_db_last_id(db);
    }
    sh_err err = {0};
    int n = -1;
    if (sh_rectify_escalate(db, "2026-03-05", &n, &err) != 0)
        fail_msg("%s", err.message);
    assert_int_equal(n, 3);
    int want[5] = {0, 1, 1, 1, 0};
    for (int i = 0; i < 5; i++)
        assert_int_equal(q("SELECT escalated_at IS NOT NULL FROM rectifications WHERE id = %lld", (long long)ids[i]), want[i]);
    /* once: a second sweep changes nothing, the points are counted once per order */
    assert_int_equal(sh_rectify_escalate(db, "2026-03-06", &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(q("SELECT count(*) FROM audit_log WHERE action = 'escalate'"), 3);
    /* the API's flag says the same; the on-time submission awaiting review is not overdue */
    json_t *o = NULL;
    sh_clock_pin(late_evening("2026-03-05"));
    assert_int_equal(sh_rectify_get(db, &township, ids[0], &o, &err), 0);
    assert_false(json_is_true(json_object_get(o, "overdue")));
    json_decref(o);
    assert_int_equal(sh_rectify_get(db, &township, ids[3], &o, &err), 0);
    assert_true(json_is_true(json_object_get(o, "overdue")));
    json_decref(o);
    json_t *list = NULL;
    assert_int_equal(sh_rectify_list(db, &township, "overdue", e, &(sh_page){50, 0}, &list, &err), 0);
    assert_int_equal(json_array_size(json_object_get(list, "items")), 3);
    assert_int_equal(json_integer_value(json_object_get(list, "total")), 3);
    json_decref(list);
    /* the risk: 3 overdue orders × risk_order_escalated (5) */
    assert_int_equal(sh_risk_regrade(db, e, "test", NULL, &err), 0);
    assert_int_equal(q("SELECT dynamic_score FROM entity_grades WHERE entity_id = %lld", (long long)e), 15);
    exec("UPDATE entities SET status = 'closed' WHERE id = %lld", (long long)e);
}

/* DOMAIN.md "Risk grading": a serious-dishonesty listing moves a business straight to D
 * (configurable); SAMR Order 44 (2021): a listing is in force until it ends or is removed. */
static void a_dishonesty_listing_grades_d(void **state)
{
    (void)state;
    int64_t e = add_entity("seller", "失信测试超市");
    sh_err err = {0};
    char grade[2];
    assert_int_equal(sh_risk_regrade(db, e, "test", grade, &err), 0);
    assert_string_equal(grade, "A");
    int64_t now = sh_now_ms();
    exec("INSERT INTO credit_listings(entity_id, reason, listed_at, ends_at, created_at) VALUES (%lld, '生产经营国家明令禁止的食品',"
         " %lld, %lld, %lld)", (long long)e, (long long)(now - 86400000LL), (long long)(now + 3 * 365 * 86400000LL), (long long)now);
    assert_int_equal(sh_risk_regrade(db, e, "credit", grade, &err), 0);
    assert_string_equal(grade, "D");
    char text[600] = "";
    sh_stmt *st = sh_db_prepare(db, "SELECT reasons FROM entity_grades WHERE entity_id = ?", NULL);
    sh_bind_int64(st, 1, e);
    assert_int_equal(sh_stmt_step(st, NULL), SH_ROW);
    snprintf(text, sizeof text, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    assert_non_null(strstr(text, "\"factor\":\"credit_listing\""));
    assert_non_null(strstr(text, "列入严重违法失信名单1项，直接评为D级"));
    /* the rule is a setting */
    assert_int_equal(sh_setting_set(db, "risk_dishonesty_grade_d", "0", &err), 0);
    assert_int_equal(sh_risk_regrade(db, e, "test", grade, &err), 0);
    assert_string_equal(grade, "A");
    assert_int_equal(sh_setting_set(db, "risk_dishonesty_grade_d", "1", &err), 0);
    /* removed early (credit repair): no longer D */
    exec("UPDATE credit_listings SET removed_at = %lld WHERE entity_id = %lld", (long long)now, (long long)e);
    assert_int_equal(sh_risk_regrade(db, e, "test", grade, &err), 0);
    assert_string_equal(grade, "A");
    exec("UPDATE entities SET status = 'closed' WHERE id = %lld", (long long)e);
}

/* DOMAIN.md "Risk grading": grades are recomputed when their inputs change — a new business has
 * its inputs from the start, so it is graded when created (not "not graded yet"). */
static void a_new_business_is_graded_when_created(void **state)
{
    (void)state;
    char uscc[19], licence[17];
    snprintf(uscc, sizeof uscc, "92360799MA%07d", 777);
    uscc[17] = sh_uscc_check_char(uscc);
    uscc[18] = 0;
    snprintf(licence, sizeof licence, "JY3360799%06d7", 777);
    sh_entity e;
    sh_entity_init(&e);
    sh_entity_set(&e, EF_KIND, "school_canteen");
    sh_entity_set(&e, EF_NAME, "梅林镇中心小学食堂");
    sh_entity_set(&e, EF_USCC, uscc);
    sh_entity_set(&e, EF_LICENCE_NO, licence);
    sh_entity_set(&e, EF_ADDRESS, "梅林镇东坑村学府路1号");
    sh_entity_set(&e, EF_DIVISION_CODE, "360799101201");
    sh_entity_set(&e, EF_GRID_ID, "1");
    sh_entity_set(&e, EF_SCALE, "medium");
    sh_err err = {0};
    int64_t id = 0;
    if (sh_entity_create(db, &county, &e, &id, &err) != 0)
        fail_msg("create: %s", err.message);
    sh_entity_release(&e);
    /* a school canteen is in the highest catering tier (2016 trial measures; DOMAIN.md), 32 + medium 3 */
    assert_int_equal(q("SELECT static_score FROM entity_grades WHERE entity_id = %lld", (long long)id), 35);
    assert_int_equal(q("SELECT count(*) FROM entity_grade_history WHERE entity_id = %lld AND cause = 'registry'", (long long)id), 1);
    json_t *r = NULL;
    assert_int_equal(sh_risk_get(db, &county, id, &r, &err), 0);
    assert_string_equal(json_string_value(json_object_get(r, "grade")), "B");
    json_decref(r);
}

/* DOMAIN.md "Risk grading": bands and visits are configurable (2016 trial measures: A 0–30,
 * B >30–45, C >45–60, D >60); a change is a county's, validated per key and audited. */
static void risk_settings_are_validated_and_audited(void **state)
{
    (void)state;
    sh_err err = {0};
    int regrade = 0;
    json_t *items = NULL;
    assert_int_equal(sh_risk_settings_get(db, &biz, &items, &err), SH_EPERM);
    assert_int_equal(sh_risk_settings_get(db, &township, &items, &err), 0);
    assert_true(json_array_size(items) >= 10);
    json_decref(items);
    json_t *c = json_pack("{s:i}", "risk_band_b", 20);
    assert_int_equal(sh_risk_settings_patch(db, &township, c, &regrade, &err), SH_EPERM);
    memset(&err, 0, sizeof err);
    assert_int_equal(sh_risk_settings_patch(db, &county, c, &regrade, &err), SH_EINVAL); /* B below A (30) */
    assert_string_equal(err.field, "risk_band_b");
    json_decref(c);
    c = json_pack("{s:i}", "visits_a", 53);
    assert_int_equal(sh_risk_settings_patch(db, &county, c, &regrade, &err), SH_EINVAL);
    assert_string_equal(err.field, "visits_a");
    json_decref(c);
    c = json_pack("{s:s}", "no_such", "1");
    assert_int_equal(sh_risk_settings_patch(db, &county, c, &regrade, &err), SH_EINVAL);
    assert_string_equal(err.field, "no_such");
    json_decref(c);
    assert_int_equal(q("SELECT count(*) FROM audit_log WHERE object_type = 'setting'"), 0);
    assert_int_equal(sh_setting_int(db, "risk_band_b", -1), 45);
    /* accepted: each changed key audited with before and after */
    c = json_pack("{s:i, s:s, s:i}", "risk_band_a", 25, "risk_band_b", "40", "visits_d", 4 /* unchanged */);
    if (sh_risk_settings_patch(db, &county, c, &regrade, &err) != 0)
        fail_msg("%s", err.message);
    json_decref(c);
    assert_true(regrade);
    assert_int_equal(sh_setting_int(db, "risk_band_a", -1), 25);
    assert_int_equal(sh_setting_int(db, "risk_band_b", -1), 40);
    assert_int_equal(q("SELECT count(*) FROM audit_log WHERE object_type = 'setting'"), 2);
    assert_int_equal(q("SELECT count(*) FROM audit_log WHERE object_type = 'setting' AND before_json LIKE '%%\"risk_band_b\"%%45%%'"
                       " AND after_json LIKE '%%40%%'"), 1);
    c = json_pack("{s:i, s:i}", "risk_band_a", 30, "risk_band_b", 45);
    assert_int_equal(sh_risk_settings_patch(db, &county, c, &regrade, &err), 0);
    json_decref(c);
}

/* DOMAIN.md "Calendar": until a year's State Council notice is loaded, deadlines in that year are
 * provisional. The fixture seeds the 2025 and 2026 notices only. */
static void deadlines_in_a_year_without_a_notice_are_provisional(void **state)
{
    (void)state;
    sh_err err = {0};
    int final = -1, year = -1;
    assert_int_equal(sh_calendar_years_final(db, "2026-11-18", "2026-12-02", &final, &year, &err), 0);
    assert_int_equal(final, 1);
    assert_int_equal(year, 0);
    assert_int_equal(sh_calendar_years_final(db, "2026-12-28", "2027-01-11", &final, &year, &err), 0);
    assert_int_equal(final, 0);
    assert_int_equal(year, 2027);
    assert_int_equal(sh_calendar_years_final(db, "2026-13-01", "2027-01-11", &final, &year, &err), SH_EINVAL);
    assert_string_equal(err.field, "from");
    /* on an order */
    int64_t e = add_entity("caterer", "暂定期限餐馆");
    exec("INSERT INTO rectifications(entity_id, source_type, source_id, title, deadline, status, created_at) VALUES"
         " (%lld, 'inspection', 1, 'a', '2027-01-11', 'open', %lld), (%lld, 'inspection', 1, 'b', '2026-12-02', 'open', %lld)",
         (long long)e, (long long)late_evening("2026-12-28"), (long long)e, (long long)late_evening("2026-11-18"));
    json_t *list = NULL;
    assert_int_equal(sh_rectify_list(db, &township, NULL, e, &(sh_page){50, 0}, &list, &err), 0);
    json_t *items = json_object_get(list, "items");
    assert_int_equal(json_array_size(items), 2);
    json_t *a = json_array_get(items, 1), *b = json_array_get(items, 0); /* by deadline */
    assert_string_equal(json_string_value(json_object_get(a, "deadline")), "2027-01-11");
    assert_true(json_is_true(json_object_get(a, "deadline_provisional")));
    assert_int_equal(json_integer_value(json_object_get(a, "deadline_provisional_year")), 2027);
    assert_true(json_is_false(json_object_get(b, "deadline_provisional")));
    json_decref(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(overdue_means_not_done_by_the_deadline),
        cmocka_unit_test(a_dishonesty_listing_grades_d),
        cmocka_unit_test(a_new_business_is_graded_when_created),
        cmocka_unit_test(risk_settings_are_validated_and_audited),
        cmocka_unit_test(deadlines_in_a_year_without_a_notice_are_provisional),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
