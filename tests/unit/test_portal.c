/* The public shop record (domain/portal): on a small county with the clock pinned, the face follows
 * the latest completed inspection, the licence's state its date against today, the record carries
 * nothing of the registry's people, and a rating keeps the address only as a keyed hash, once a day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/timeutil.h"
#include "domain/identity/secret.h"
#include "domain/portal/rating.h"
#include "domain/portal/shop.h"
#include "testutil.h"

static sh_db *db;
static char keyfile[64];

static void exec_ok(const char *sql)
{
    sh_err err = {0};
    if (sh_db_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
}

static int setup(void **state)
{
    (void)state;
    snprintf(keyfile, sizeof keyfile, "/tmp/shian-portal-key-%d", (int)getpid()); /* created on first use */
    sh_secret_use_key_file(keyfile);
    sh_clock_pin_text("2026-11-18T10:00:00+08:00");
    db = fixture_db();
    if (!db)
        return -1;
    exec_ok("INSERT INTO entities(id, kind, name, uscc, licence_kind, licence_no, licence_valid_until, address, division_code,"
            " legal_rep, legal_rep_phone, director_name, director_phone, officer_name, officer_phone, status, created_at, updated_at)"
            " VALUES (7, 'caterer', '青石镇老街面馆', '92360799MA00000123', 'jy', 'JY23607990000007', '2026-12-18', '青石镇老街8号',"
            " '360799102201', '王建国', '13907971234', '李秀英', '13907975678', '赵小明', '0797-8123456', 'active', 0, 0)");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sh_db_close(db);
    unlink(keyfile);
    return 0;
}

static json_t *page(void)
{
    json_t *p = NULL;
    sh_err err = {0};
    assert_int_equal(sh_shop_page(db, 7, "http://x/#/shop/7", &p, &err), 0);
    return p;
}

static const char *face(json_t *p)
{
    json_t *f = json_object_get(p, "face");
    return json_is_null(f) ? "none" : json_string_value(json_object_get(f, "face"));
}

static void the_record(void **state)
{
    (void)state;
    json_t *p = page();
    assert_string_equal(face(p), "none");
    /* 2026-12-18 is 30 days after today: about to expire */
    assert_string_equal(json_string_value(json_object_get(json_object_get(p, "licence"), "state")), "expiring");
    assert_string_equal(json_string_value(json_object_get(p, "township")), "青石镇");
    char *text = json_dumps(p, 0);
    const char *people[] = {"王建国", "13907971234", "李秀英", "13907975678", "赵小明", "0797-8123456", "92360799MA00000123"};
    for (size_t i = 0; i < sizeof people / sizeof *people; i++)
        if (strstr(text, people[i]))
            fail_msg("the public record shows %s", people[i]);
    free(text);
    json_decref(p);
    exec_ok("UPDATE entities SET licence_valid_until = '2026-12-19' WHERE id = 7");
    p = page();
    assert_string_equal(json_string_value(json_object_get(json_object_get(p, "licence"), "state")), "valid");
    json_decref(p);
    exec_ok("UPDATE entities SET licence_valid_until = '2026-11-17' WHERE id = 7");
    p = page();
    assert_string_equal(json_string_value(json_object_get(json_object_get(p, "licence"), "state")), "expired");
    json_decref(p);
    /* the latest completed inspection sets the face; an assigned one does not */
    const char *results[][2] = {{"pass", "good"}, {"fail", "poor"}, {"pass_after_correction", "fair"}};
    for (int i = 0; i < 3; i++) {
        char sql[400];
        snprintf(sql, sizeof sql,
                 "INSERT INTO inspections(entity_id, kind, checklist_id, status, result, created_at, completed_at)"
                 " VALUES (7, 'daily', (SELECT min(id) FROM checklists), 'completed', '%s', %d, %d)",
                 results[i][0], 1000 + i, 1000 + i);
        exec_ok(sql);
        exec_ok("INSERT INTO inspections(entity_id, kind, checklist_id, status, created_at)"
                " VALUES (7, 'daily', (SELECT min(id) FROM checklists), 'assigned', 5000)");
        p = page();
        assert_string_equal(face(p), results[i][1]);
        assert_int_equal(json_array_size(json_object_get(p, "inspections")), i + 1);
        json_decref(p);
    }
    /* a closed business has no page */
    exec_ok("UPDATE entities SET status = 'closed' WHERE id = 7");
    json_t *none = NULL;
    sh_err err = {0};
    assert_int_equal(sh_shop_page(db, 7, NULL, &none, &err), SH_ENOTFOUND);
    assert_null(none);
}

static void ratings_keep_no_address(void **state)
{
    (void)state;
    json_t *r = NULL, *b = json_pack("{s:i}", "score", 4);
    sh_err err = {0};
    assert_int_equal(sh_shop_rate(db, 7, "203.0.113.9", b, &r, &err), 0);
    assert_int_equal(json_integer_value(json_object_get(r, "count")), 1);
    json_decref(r);
    r = NULL;
    assert_int_equal(sh_shop_rate(db, 7, "203.0.113.9", b, &r, &err), SH_EEXIST);
    assert_null(r);
    int64_t n = -1;
    assert_int_equal(sh_db_query_int64(db, "SELECT count(*) FROM shop_ratings WHERE rater LIKE '%203.0.113%'", -1, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(sh_db_query_int64(db, "SELECT length(rater) FROM shop_ratings", -1, &n, &err), 0);
    assert_int_equal(n, 64);
    /* the next day, the same address again */
    sh_clock_pin_text("2026-11-19T10:00:00+08:00");
    assert_int_equal(sh_shop_rate(db, 7, "203.0.113.9", b, &r, &err), 0);
    assert_int_equal(json_integer_value(json_object_get(r, "count")), 2);
    json_decref(r);
    json_decref(b);
    b = json_pack("{s:i}", "score", 6);
    assert_int_equal(sh_shop_rate(db, 7, "203.0.113.10", b, &r, &err), SH_EINVAL);
    assert_string_equal(err.field, "score");
    json_decref(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_record, setup, teardown),
        cmocka_unit_test_setup_teardown(ratings_keep_no_address, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
