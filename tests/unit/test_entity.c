/* The registry's rules: validation, jurisdiction, duplicates, versions, status, history, completeness. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "domain/registry/entity.h"
#include "testutil.h"

static sh_db *db;
static sh_principal t101, t102, county, sys;

static int setup(void **state)
{
    (void)state;
    db = fixture_db();
    if (!db)
        return -1;
    fixture_official(&t101, SH_ROLE_TOWNSHIP, "360799101000", "t101");
    fixture_official(&t102, SH_ROLE_TOWNSHIP, "360799102000", "t102");
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

/* A valid restaurant in 梅林镇 with credit code built from `serial`. */
static void restaurant(sh_entity *e, int serial)
{
    char uscc[19], licence[17];
    snprintf(uscc, sizeof uscc, "92360799MA%07d", serial);
    uscc[17] = sh_uscc_check_char(uscc);
    uscc[18] = 0;
    snprintf(licence, sizeof licence, "JY2360799%06d7", serial);
    sh_entity_init(e);
    sh_entity_set(e, EF_KIND, "caterer");
    sh_entity_set(e, EF_NAME, "梅林镇老李家常菜馆");
    sh_entity_set(e, EF_USCC, uscc);
    sh_entity_set(e, EF_LICENCE_NO, licence);
    sh_entity_set(e, EF_LICENCE_VALID_UNTIL, "2029-06-30");
    sh_entity_set(e, EF_ADDRESS, "梅林镇东坑村建设路12号");
    sh_entity_set(e, EF_DIVISION_CODE, "360799101201");
    sh_entity_set(e, EF_GRID_ID, "1");
    sh_entity_set(e, EF_LAT, "25.512");
    sh_entity_set(e, EF_LNG, "115.201");
    sh_entity_set(e, EF_SCALE, "small");
    sh_entity_set(e, EF_CATEGORIES, "[\"热食类\"]");
    sh_entity_set(e, EF_LEGAL_REP, "李建国");
    sh_entity_set(e, EF_LEGAL_REP_PHONE, "13907971234");
    sh_entity_set(e, EF_OFFICER_NAME, "李小红");
    sh_entity_set(e, EF_OFFICER_PHONE, "13907975678");
}

static int64_t count_entities(void)
{
    int64_t n = -1;
    sh_db_query_int64(db, "SELECT count(*) FROM entities", 0, &n, NULL);
    return n;
}

static void create_read_and_history(void **state)
{
    (void)state;
    sh_entity e, got;
    sh_err err = {0};
    int64_t id;
    restaurant(&e, 1);
    assert_int_equal(sh_entity_create(db, &t101, &e, &id, &err), 0);
    sh_entity_release(&e);
    assert_int_equal(sh_entity_get(db, &t101, id, &got, &err), 0);
    assert_string_equal(got.f[EF_LICENCE_KIND], "jy"); /* inferred from the number */
    assert_string_equal(got.township_name, "梅林镇");
    assert_string_equal(got.grid_name, "梅林镇第1网格");
    assert_string_equal(got.status, "active");
    json_t *missing = sh_entity_missing_fields(&got);
    assert_int_equal(json_array_size(missing), 0);
    json_decref(missing);
    sh_entity_release(&got);
    json_t *page;
    assert_int_equal(sh_entity_history(db, &t101, id, &(sh_page){50, 0}, &page, &err), 0);
    json_t *hist = json_object_get(page, "items");
    assert_int_equal(json_array_size(hist), 1);
    assert_int_equal(json_integer_value(json_object_get(page, "total")), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(hist, 0), "action")), "create");
    assert_string_equal(json_string_value(json_object_get(json_array_get(hist, 0), "actor")), "t101");
    json_decref(page);
}

static void other_township_cannot_see_or_write(void **state)
{
    (void)state;
    sh_entity e, got;
    sh_err err = {0};
    int64_t id;
    restaurant(&e, 2);
    assert_int_equal(sh_entity_create(db, &t101, &e, &id, &err), 0);
    sh_entity_release(&e);
    /* read by a guessed id from the other township: the same answer as a missing id */
    assert_int_equal(sh_entity_get(db, &t102, id, &got, &err), SH_ENOTFOUND);
    int present[EF__COUNT] = {0};
    sh_entity patch;
    sh_entity_init(&patch);
    sh_entity_set(&patch, EF_NAME, "被改的名字");
    present[EF_NAME] = 1;
    assert_int_equal(sh_entity_update(db, &t102, id, &patch, present, 0, &err), SH_ENOTFOUND);
    assert_int_equal(sh_entity_set_status(db, &t102, id, "closed", "越权注销", &err), SH_ENOTFOUND);
    json_t *hist = NULL;
    assert_int_equal(sh_entity_history(db, &t102, id, &(sh_page){50, 0}, &hist, &err), SH_ENOTFOUND);
    assert_null(hist);
    sh_entity_release(&patch);
    /* and cannot register a business into 梅林镇 */
    int64_t before = count_entities();
    restaurant(&e, 3);
    assert_int_equal(sh_entity_create(db, &t102, &e, &id, &err), SH_EPERM);
    assert_string_equal(err.field, "division_code");
    sh_entity_release(&e);
    assert_int_equal(count_entities(), before);
    /* moving a business out of one's own township is refused too */
    restaurant(&e, 4);
    assert_int_equal(sh_entity_create(db, &t101, &e, &id, &err), 0);
    sh_entity_release(&e);
    sh_entity_init(&patch);
    memset(present, 0, sizeof present);
    sh_entity_set(&patch, EF_DIVISION_CODE, "360799102201");
    sh_entity_set(&patch, EF_GRID_ID, "2");
    present[EF_DIVISION_CODE] = present[EF_GRID_ID] = 1;
    assert_int_equal(sh_entity_update(db, &t101, id, &patch, present, 0, &err), SH_EPERM);
    sh_entity_release(&patch);
}

static int count_cb(const sh_entity *e, void *ctx)
{
    (void)e;
    (*(int *)ctx)++;
    return 0;
}

static void search_is_confined(void **state)
{
    (void)state;
    sh_err err = {0};
    sh_entity_filter f = {.q = "老李", .limit = 100, .want_total = 1};
    int n = 0;
    int64_t total = -1;
    assert_int_equal(sh_entity_search(db, &t102, &f, count_cb, &n, &total, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(total, 0);
    n = 0;
    assert_int_equal(sh_entity_search(db, &county, &f, count_cb, &n, &total, &err), 0);
    assert_true(n >= 2);
    assert_int_equal(total, n);
    /* a township filter from the other township's official still shows nothing */
    sh_entity_filter g = {.township = "360799101000", .limit = 100};
    n = 0;
    assert_int_equal(sh_entity_search(db, &t102, &g, count_cb, &n, NULL, &err), 0);
    assert_int_equal(n, 0);
    sh_entity_filter bad = {.kind = "spaceship", .limit = 10};
    assert_int_equal(sh_entity_search(db, &county, &bad, count_cb, &n, NULL, &err), SH_EINVAL);
    assert_string_equal(err.field, "kind");
}

static int64_t search_count(const char *q)
{
    sh_err err = {0};
    sh_entity_filter f = {.q = q, .limit = 500, .want_total = 1};
    int n = 0;
    int64_t total = -1;
    assert_int_equal(sh_entity_search(db, &county, &f, count_cb, &n, &total, &err), 0);
    assert_int_equal(total, n);
    return total;
}

static void name_and_code_search_follow_changes(void **state)
{
    (void)state;
    sh_entity e;
    sh_err err = {0};
    int64_t id;
    restaurant(&e, 80);
    sh_entity_set(&e, EF_NAME, "梅林镇\"引号\"鱼粉店");
    assert_int_equal(sh_entity_create(db, &t101, &e, &id, &err), 0);
    assert_int_equal(search_count("鱼粉店"), 1);        /* trigram index */
    assert_int_equal(search_count("鱼粉"), 1);          /* short: scanned */
    assert_int_equal(search_count("\"引号\"鱼"), 1);   /* quotes are data, not syntax */
    assert_int_equal(search_count(e.f[EF_USCC]), 1);   /* full code */
    char prefix[15];
    snprintf(prefix, sizeof prefix, "%.14s", e.f[EF_USCC]);
    assert_true(search_count(prefix) >= 1);
    for (char *p = prefix; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    assert_true(search_count(prefix) >= 1);            /* codes match in either case */
    sh_entity_release(&e);
    sh_entity patch;
    sh_entity_init(&patch);
    int present[EF__COUNT] = {0};
    present[EF_NAME] = 1;
    sh_entity_set(&patch, EF_NAME, "梅林镇米粉王");
    assert_int_equal(sh_entity_update(db, &t101, id, &patch, present, 0, &err), 0);
    sh_entity_release(&patch);
    assert_int_equal(search_count("鱼粉店"), 0);
    assert_int_equal(search_count("米粉王"), 1);
    assert_int_equal(search_count("不存在的名字"), 0);
}

static void bad_input_changes_nothing(void **state)
{
    (void)state;
    struct { sh_entity_field_id f; const char *value; const char *field; } cases[] = {
        {EF_USCC, "92360799MA0000001X", "uscc"},            /* wrong check character */
        {EF_LICENCE_NO, "SC10436079900123", "licence_kind"}, /* a restaurant holds no production licence */
        {EF_LICENCE_NO, "JY13607990000017", "licence_no"},   /* business-type 1 is for sellers */
        {EF_GRID_ID, "2", "grid_id"},                        /* grid of another township */
        {EF_LAT, "95", "lat"},
        {EF_DIVISION_CODE, "360799103000", "division_code"}, /* no such township */
        {EF_LEGAL_REP_PHONE, "12345", "legal_rep_phone"},
        {EF_SCALE, "huge", "scale"},
        {EF_LICENCE_VALID_UNTIL, "2029-02-30", "licence_valid_until"},
        {EF_KIND, "spaceship", "kind"},
    };
    int64_t before = count_entities();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sh_entity e;
        sh_err err = {0};
        int64_t id;
        restaurant(&e, 100 + (int)i);
        sh_entity_set(&e, cases[i].f, cases[i].value);
        assert_int_equal(sh_entity_create(db, &t101, &e, &id, &err), SH_EINVAL);
        if (strcmp(err.field, cases[i].field) != 0)
            fail_msg("case %zu: field %s, expected %s (%s)", i, err.field, cases[i].field, err.message);
        sh_entity_release(&e);
    }
    assert_int_equal(count_entities(), before);
}

static void duplicates_versions_and_status(void **state)
{
    (void)state;
    sh_entity e;
    sh_err err = {0};
    int64_t id, id2;
    restaurant(&e, 50);
    assert_int_equal(sh_entity_create(db, &t101, &e, &id, &err), 0);
    /* same credit code again */
    assert_int_equal(sh_entity_create(db, &county, &e, &id2, &err), SH_EEXIST);
    assert_string_equal(err.field, "uscc");
    /* stale version */
    sh_entity patch;
    sh_entity_init(&patch);
    int present[EF__COUNT] = {0};
    sh_entity_set(&patch, EF_NAME, "梅林镇李记饭店");
    present[EF_NAME] = 1;
    assert_int_equal(sh_entity_update(db, &t101, id, &patch, present, 7, &err), SH_EEXIST);
    assert_string_equal(err.field, "version");
    assert_int_equal(sh_entity_update(db, &t101, id, &patch, present, 1, &err), 0);
    sh_entity_release(&patch);
    json_t *page;
    assert_int_equal(sh_entity_history(db, &t101, id, &(sh_page){50, 0}, &page, &err), 0);
    json_t *last = json_array_get(json_object_get(page, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(last, "before"), "name")), "梅林镇老李家常菜馆");
    assert_string_equal(json_string_value(json_object_get(json_object_get(last, "after"), "name")), "梅林镇李记饭店");
    assert_null(json_object_get(json_object_get(last, "after"), "address")); /* only what changed */
    json_decref(page);
    /* closing needs a reason, is final, and frees the codes for a successor */
    assert_int_equal(sh_entity_set_status(db, &t101, id, "closed", "", &err), SH_EINVAL);
    assert_string_equal(err.field, "reason");
    assert_int_equal(sh_entity_set_status(db, &t101, id, "closed", "经营者申请注销", &err), 0);
    assert_int_equal(sh_entity_set_status(db, &t101, id, "active", NULL, &err), SH_EINVAL);
    assert_int_equal(sh_entity_create(db, &t101, &e, &id2, &err), 0);
    sh_entity_release(&e);
}

static void business_user_sees_only_itself(void **state)
{
    (void)state;
    sh_entity e, got;
    sh_err err = {0};
    int64_t mine, other;
    restaurant(&e, 60);
    assert_int_equal(sh_entity_create(db, &t101, &e, &mine, &err), 0);
    sh_entity_release(&e);
    restaurant(&e, 61);
    assert_int_equal(sh_entity_create(db, &t101, &e, &other, &err), 0);
    sh_entity_release(&e);
    sh_principal biz = {0};
    strcpy(biz.username, "b");
    biz.role = SH_ROLE_BUSINESS;
    biz.entity_id = mine;
    biz.scope.kind = SH_SCOPE_ENTITY;
    biz.scope.entity_id = mine;
    assert_int_equal(sh_entity_get(db, &biz, mine, &got, &err), 0);
    sh_entity_release(&got);
    assert_int_equal(sh_entity_get(db, &biz, other, &got, &err), SH_ENOTFOUND);
    sh_entity_filter f = {.limit = 100};
    int n = 0;
    assert_int_equal(sh_entity_search(db, &biz, &f, count_cb, &n, NULL, &err), 0);
    assert_int_equal(n, 1);
    sh_entity patch;
    sh_entity_init(&patch);
    int present[EF__COUNT] = {0};
    present[EF_NAME] = 1;
    sh_entity_set(&patch, EF_NAME, "自己改名");
    assert_int_equal(sh_entity_update(db, &biz, mine, &patch, present, 0, &err), SH_EPERM);
    sh_entity_release(&patch);
}

static void completeness_names_what_is_missing(void **state)
{
    (void)state;
    sh_entity e;
    restaurant(&e, 70);
    sh_entity_set(&e, EF_LAT, NULL);
    sh_entity_set(&e, EF_LNG, NULL);
    sh_entity_set(&e, EF_OFFICER_PHONE, NULL);
    sh_entity_set(&e, EF_SCALE, "large"); /* a large business needs a food safety director */
    json_t *m = sh_entity_missing_fields(&e);
    char *s = json_dumps(m, JSON_COMPACT);
    assert_string_equal(s, "[\"lat\",\"lng\",\"officer_phone\",\"director_name\",\"director_phone\"]");
    free(s);
    json_decref(m);
    /* a stall needs neither credit code nor officer */
    sh_entity_set(&e, EF_KIND, "stall");
    sh_entity_set(&e, EF_SCALE, NULL);
    sh_entity_set(&e, EF_USCC, NULL);
    sh_entity_set(&e, EF_LICENCE_KIND, "stall_record");
    m = sh_entity_missing_fields(&e);
    s = json_dumps(m, JSON_COMPACT);
    assert_string_equal(s, "[\"lat\",\"lng\"]");
    free(s);
    json_decref(m);
    sh_entity_release(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(create_read_and_history),
        cmocka_unit_test(other_township_cannot_see_or_write),
        cmocka_unit_test(search_is_confined),
        cmocka_unit_test(name_and_code_search_follow_changes),
        cmocka_unit_test(bad_input_changes_nothing),
        cmocka_unit_test(duplicates_versions_and_status),
        cmocka_unit_test(business_user_sees_only_itself),
        cmocka_unit_test(completeness_names_what_is_missing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
