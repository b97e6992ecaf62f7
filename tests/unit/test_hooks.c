/* The mechanisms that keep the areas apart and the hot paths cheap: the settings cache and its
 * write path, risk factors contributed by the areas, the registry's change hook, and regrading in
 * batches. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/validate.h"
#include "domain/base/settings.h"
#include "domain/registry/entity.h"
#include "domain/risk/factor.h"
#include "domain/risk/risk.h"
#include "testutil.h"

static sh_db *db;
static sh_principal county, sys;

static int setup(void **state)
{
    (void)state;
    db = fixture_db();
    if (!db)
        return -1;
    fixture_official(&county, SH_ROLE_COUNTY, "360799", "county");
    sh_principal_system(&sys);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sh_db_close(db);
    return 0;
}

static void exec(const char *sql)
{
    sh_err err = {0};
    if (sh_db_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
}

static int64_t add_restaurant(int serial)
{
    char uscc[19], licence[17];
    snprintf(uscc, sizeof uscc, "92360799MA%07d", serial);
    uscc[17] = sh_uscc_check_char(uscc);
    uscc[18] = 0;
    snprintf(licence, sizeof licence, "JY2360799%06d7", serial);
    sh_entity e;
    sh_entity_init(&e);
    sh_entity_set(&e, EF_KIND, "caterer");
    sh_entity_set(&e, EF_NAME, "梅林镇家常菜馆");
    sh_entity_set(&e, EF_USCC, uscc);
    sh_entity_set(&e, EF_LICENCE_NO, licence);
    sh_entity_set(&e, EF_ADDRESS, "梅林镇东坑村建设路12号");
    sh_entity_set(&e, EF_DIVISION_CODE, "360799101201");
    sh_entity_set(&e, EF_GRID_ID, "1");
    sh_entity_set(&e, EF_SCALE, "small");
    sh_err err = {0};
    int64_t id = 0;
    if (sh_entity_create(db, &county, &e, &id, &err) != 0)
        fail_msg("create: %s", err.message);
    sh_entity_release(&e);
    return id;
}

static void settings_are_cached_and_the_write_path_is_seen_at_once(void **state)
{
    (void)state;
    sh_err err = {0};
    char v[32];
    assert_int_equal(sh_setting_int(db, "risk_video_hazard", -1), 2);
    assert_int_equal(sh_setting_text(db, "no_such_key", v, sizeof v), -1);
    assert_int_equal(sh_setting_int(db, "no_such_key", 7), 7);
    /* through the write path: at once, new keys too */
    assert_int_equal(sh_setting_set(db, "risk_video_hazard", "8", &err), 0);
    assert_int_equal(sh_setting_int(db, "risk_video_hazard", -1), 8);
    assert_int_equal(sh_setting_set(db, "a_new_key", "hello", &err), 0);
    assert_int_equal(sh_setting_text(db, "a_new_key", v, sizeof v), 0);
    assert_string_equal(v, "hello");
    /* behind its back (another process, SQL by hand): the cache answers until it is a second old */
    exec("UPDATE settings SET value = '3' WHERE key = 'risk_video_hazard'");
    assert_int_equal(sh_setting_int(db, "risk_video_hazard", -1), 8);
    usleep((SH_SETTINGS_MAX_AGE_MS + 100) * 1000);
    assert_int_equal(sh_setting_int(db, "risk_video_hazard", -1), 3);
    exec("UPDATE settings SET value = '4' WHERE key = 'risk_video_hazard'");
    sh_settings_forget();
    assert_int_equal(sh_setting_int(db, "risk_video_hazard", -1), 4);
    /* another process's write path raises the version: the next check (one per request) sees it */
    sh_settings_check(db);
    assert_int_equal(sh_setting_int(db, "risk_video_hazard", -1), 4);
    exec("UPDATE settings SET value = '6' WHERE key = 'risk_video_hazard'; UPDATE settings_version SET version = version + 1");
    assert_int_equal(sh_setting_int(db, "risk_video_hazard", -1), 4);
    sh_settings_check(db);
    assert_int_equal(sh_setting_int(db, "risk_video_hazard", -1), 6);
}

static void a_write_inside_a_transaction_is_not_kept_when_rolled_back(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_setting_set(db, "risk_video_hazard", "2", &err), 0);
    assert_int_equal(sh_db_begin(db, &err), 0);
    assert_int_equal(sh_setting_set(db, "risk_video_hazard", "9", &err), 0);
    assert_int_equal(sh_setting_int(db, "risk_video_hazard", -1), 9); /* its own write */
    sh_db_rollback(db);
    assert_int_equal(sh_setting_int(db, "risk_video_hazard", -1), 2);
    assert_int_equal(sh_db_begin(db, &err), 0);
    assert_int_equal(sh_setting_set(db, "risk_video_hazard", "5", &err), 0);
    assert_int_equal(sh_db_commit(db, &err), 0);
    assert_int_equal(sh_setting_int(db, "risk_video_hazard", -1), 5);
    assert_int_equal(sh_setting_set(db, "risk_video_hazard", "2", &err), 0);
}

/* A factor another area might add (a licence lapsed, say), registered without editing risk/. */
static int64_t lapses;
static int count_lapses(sh_db *d, int64_t entity_id, int64_t since_ms, int64_t *ret_n, sh_err *err)
{
    (void)d, (void)entity_id, (void)since_ms, (void)err;
    *ret_n = lapses;
    return 0;
}
static const sh_risk_factor lapse_factor = {.factor = "licence_lapsed", .label_zh = "许可证过期经营", .setting = "risk_licence_lapsed",
                                            .default_points = 3, .rank = 45, .count = count_lapses};

static const char *grade_reasons(int64_t id, char *out, size_t n)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT grade || '|' || score || '|' || reasons FROM entity_grades WHERE entity_id = ?", NULL);
    assert_non_null(st);
    sh_bind_int64(st, 1, id);
    assert_int_equal(sh_stmt_step(st, NULL), SH_ROW);
    snprintf(out, n, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    return out;
}

static void areas_contribute_factors_and_registry_changes_regrade(void **state)
{
    (void)state;
    sh_err err = {0};
    char text[600];
    int n;
    const sh_risk_factor *const *f = sh_risk_factors(&n);
    /* the areas' factors, in the order of the reasons */
    /* issue 10 added the credit listing (DOMAIN.md: serious dishonesty → D), issue 11 failed samples,
     * issue 14 complaints accepted or reports that became cases, issue 13 penalties */
    assert_int_equal(n, 9);
    const char *want[] = {"key_item_failed", "general_item_failed", "inspection_failed", "sample_failed", "complaint",
                          "order_escalated", "video_hazard", "penalty", "credit_listing"};
    for (int i = 0; i < n; i++)
        assert_string_equal(f[i]->factor, want[i]);
    int64_t id = add_restaurant(9001);
    assert_int_equal(sh_risk_regrade(db, id, "test", NULL, &err), 0);
    assert_string_equal(grade_reasons(id, text, sizeof text),
                        "A|16|[{\"factor\":\"kind\",\"points\":16,\"detail\":\"主体类型：餐饮服务\"}]");
    /* a new factor takes its rank among the others */
    assert_int_equal(sh_risk_factor_register(&lapse_factor), 0);
    lapses = 2;
    assert_int_equal(sh_risk_regrade(db, id, "test", NULL, &err), 0);
    assert_string_equal(grade_reasons(id, text, sizeof text),
                        "A|22|[{\"factor\":\"kind\",\"points\":16,\"detail\":\"主体类型：餐饮服务\"},"
                        "{\"factor\":\"licence_lapsed\",\"points\":6,\"detail\":\"近两年许可证过期经营2次\"}]");
    f = sh_risk_factors(&n);
    assert_int_equal(n, 10);
    assert_string_equal(f[6]->factor, "licence_lapsed");
    lapses = 0;
    /* registry tells whoever follows (risk/) that the scale changed: the grade follows */
    sh_entity patch;
    sh_entity_init(&patch);
    sh_entity_set(&patch, EF_SCALE, "large");
    int present[EF__COUNT] = {0};
    present[EF_SCALE] = 1;
    assert_int_equal(sh_entity_update(db, &county, id, &patch, present, 0, &err), 0);
    sh_entity_release(&patch);
    assert_string_equal(grade_reasons(id, text, sizeof text),
                        "A|22|[{\"factor\":\"kind\",\"points\":16,\"detail\":\"主体类型：餐饮服务\"},"
                        "{\"factor\":\"scale\",\"points\":6,\"detail\":\"经营规模：大型\"}]");
}

static long progress_calls, progress_last_done, progress_last_total;
static void on_progress(long done, long total, void *ctx)
{
    (void)ctx;
    progress_calls++;
    assert_true(done > progress_last_done);
    progress_last_done = done;
    progress_last_total = total;
}

static void regrade_in_batches_with_progress(void **state)
{
    (void)state;
    sh_err err = {0};
    int64_t before = 0;
    assert_int_equal(sh_db_query_int64(db, "SELECT count(*) FROM entities", 0, &before, &err), 0);
    for (int i = 0; i < 5; i++)
        add_restaurant(9100 + i);
    exec("DELETE FROM entity_grade_history; DELETE FROM entity_grades"); /* graded when created: start again */
    exec("UPDATE entities SET status = 'closed' WHERE id = (SELECT max(id) FROM entities)"); /* seen, not graded */
    long graded = 0;
    assert_int_equal(sh_risk_regrade_batched(db, &county, 2, on_progress, NULL, &graded, &err), 0);
    int64_t total = before + 5;
    assert_int_equal(graded, total - 1);
    assert_int_equal(progress_last_done, total);
    assert_int_equal(progress_last_total, total);
    assert_int_equal(progress_calls, (total + 1) / 2);
    int64_t grades = 0;
    assert_int_equal(sh_db_query_int64(db, "SELECT count(*) FROM entity_grades", 0, &grades, &err), 0);
    assert_int_equal(grades, total - 1);
    assert_false(sh_db_in_transaction(db));
    /* the rules of the verb stay */
    sh_principal t101;
    fixture_official(&t101, SH_ROLE_TOWNSHIP, "360799101000", "t101");
    assert_int_equal(sh_risk_regrade_all(db, &t101, &graded, &err), SH_EPERM);
    assert_int_equal(sh_risk_regrade_batched(db, &county, 0, NULL, NULL, &graded, &err), SH_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(settings_are_cached_and_the_write_path_is_seen_at_once),
        cmocka_unit_test(a_write_inside_a_transaction_is_not_kept_when_rolled_back),
        cmocka_unit_test(areas_contribute_factors_and_registry_changes_regrade),
        cmocka_unit_test(regrade_in_batches_with_progress),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
