/* Sampling plans (domain/sampling/plan.c): sizing by population, the largest-remainder split that always
 * sums to the target, the weights, and on a small county the plan, its items refused field by field
 * without a change, the proposed split, and the draw of an item replayed from its seed by the one draw
 * of domain/supervision/draw.c (which must keep replaying the inspection draws' stored seeds). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/rng.h"
#include "domain/sampling/plan.h"
#include "domain/supervision/draw.h"
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

static void sizing(void **state)
{
    (void)state;
    assert_int_equal(sh_plan_target(123456, 4), 494); /* 493.824 → 494 */
    assert_int_equal(sh_plan_target(123456, 6), 741); /* 740.736 */
    assert_int_equal(sh_plan_target(1000, 4), 4);      /* exact: not rounded up */
    assert_int_equal(sh_plan_target(1000, 4.2), 5);
    assert_int_equal(sh_plan_target(500000, 4.2), 2100); /* 2100.0000000000002 in doubles: still 2100 */
    assert_int_equal(sh_plan_target(1, 4), 1);
}

static int64_t sum(const int64_t *v, size_t n)
{
    int64_t s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    return s;
}

static void expect_split(const int64_t *w, size_t n, int64_t total, const int64_t *want)
{
    int64_t out[16];
    sh_split_largest_remainder(w, n, total, out);
    for (size_t i = 0; i < n; i++)
        if (out[i] != want[i])
            fail_msg("share %zu: %lld, expected %lld", i, (long long)out[i], (long long)want[i]);
}

static void largest_remainder(void **state)
{
    (void)state;
    /* quotas 3.5, 2.1, 1.4: floors 3 2 1, the unit left to the largest remainder */
    expect_split((int64_t[]){5, 3, 2}, 3, 7, (int64_t[]){4, 2, 1});
    /* equal weights: the earlier index wins a tie */
    expect_split((int64_t[]){1, 1, 1}, 3, 10, (int64_t[]){4, 3, 3});
    expect_split((int64_t[]){1, 1}, 2, 1, (int64_t[]){1, 0});
    /* a tie in remainders goes to the larger weight */
    expect_split((int64_t[]){1, 3}, 2, 2, (int64_t[]){0, 2});
    expect_split((int64_t[]){2, 6}, 2, 1, (int64_t[]){0, 1});
    /* no weight anywhere: an even split */
    expect_split((int64_t[]){0, 0, 0}, 3, 5, (int64_t[]){2, 2, 1});
    /* a zero weight gets nothing while others have weight */
    expect_split((int64_t[]){0, 4, 0, 1}, 4, 9, (int64_t[]){0, 7, 0, 2});
    expect_split((int64_t[]){7}, 1, 494, (int64_t[]){494});
    expect_split((int64_t[]){3, 5}, 2, 0, (int64_t[]){0, 0});

    /* whatever the weights: the shares sum to the total and each is its quota rounded down or up */
    uint64_t r = 20261118;
    for (int round = 0; round < 5000; round++) {
        size_t n = 1 + sh_splitmix64(&r) % 16;
        int64_t w[16], out[16], total = (int64_t)(sh_splitmix64(&r) % 5000), W = 0;
        for (size_t i = 0; i < n; i++) {
            w[i] = round % 7 == 0 ? 0 : (int64_t)(sh_splitmix64(&r) % 1000);
            W += w[i];
        }
        sh_split_largest_remainder(w, n, total, out);
        if (sum(out, n) != total)
            fail_msg("round %d: shares sum to %lld, not %lld", round, (long long)sum(out, n), (long long)total);
        for (size_t i = 0; i < n; i++) {
            int64_t wi = W ? w[i] : 1, Wd = W ? W : (int64_t)n;
            int64_t floor_q = total * wi / Wd;
            if (out[i] != floor_q && out[i] != floor_q + 1)
                fail_msg("round %d share %zu: %lld, quota floor %lld", round, i, (long long)out[i], (long long)floor_q);
        }
    }
}

static void weights(void **state)
{
    (void)state;
    assert_int_equal(sh_plan_grade_weight("A"), 1);
    assert_int_equal(sh_plan_grade_weight("B"), 1);
    assert_int_equal(sh_plan_grade_weight(NULL), 1);
    assert_int_equal(sh_plan_grade_weight("C"), 2);
    assert_int_equal(sh_plan_grade_weight("D"), 3);
    assert_int_equal(sh_plan_cell_weight(10, 0), 20);
    assert_int_equal(sh_plan_cell_weight(10, 1), 30); /* one failure: half again */
    assert_int_equal(sh_plan_cell_weight(0, 5), 0);   /* no business, nothing to sample */
}

/* The inspection draw's order of the generator, pinned: the candidates' shuffle, then one shuffle of
 * the inspectors per drawn business (a stored seed of 2026 replays to this forever). */
static void inspection_draw_pinned(void **state)
{
    (void)state;
    json_t *params = json_loads("{\"count\":3,\"team_size\":2,\"candidates\":[11,12,13,14,15,16],"
                                "\"inspectors\":[3,4,5,6],\"conflicts\":{\"12\":[3]}}",
                                0, NULL);
    json_t *a = NULL, *b = NULL;
    sh_err err = {0};
    assert_int_equal(sh_draw_compute(params, 2026, &a, &err), 0);
    assert_int_equal(sh_draw_compute(params, 2026, &b, &err), 0);
    assert_true(json_equal(a, b));
    assert_int_equal(json_array_size(a), 3);
    char *text = json_dumps(a, JSON_COMPACT);
    /* recorded from the draw as inspect.c had it before it moved to draw.c */
    assert_string_equal(text, "[{\"entity_id\":14,\"inspectors\":[5,4]},{\"entity_id\":15,\"inspectors\":[6,4]},"
                              "{\"entity_id\":11,\"inspectors\":[6,4]}]");
    free(text);
    json_decref(a);
    json_decref(b);
    /* purpose sampling: the team from "samplers", fixed: the candidates in the order given */
    json_object_set_new(params, "purpose", json_string("sampling"));
    json_object_set_new(params, "fixed", json_true());
    json_object_set_new(params, "samplers", json_pack("[i, i, i]", 21, 22, 23));
    assert_int_equal(sh_draw_compute(params, 2026, &a, &err), 0);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 0), "entity_id")), 11);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 2), "entity_id")), 13);
    assert_int_equal(json_array_size(json_object_get(json_array_get(a, 1), "samplers")), 2);
    assert_null(json_object_get(json_array_get(a, 1), "inspectors"));
    json_decref(a);
    json_decref(params);
}

static void exec_ok(const char *sql)
{
    sh_err err = {0};
    if (sh_db_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
}

static int64_t count_of(const char *sql)
{
    int64_t n = -1;
    sh_err err = {0};
    assert_int_equal(sh_db_query_int64(db, sql, -1, &n, &err), 0);
    return n;
}

static json_t *body(const char *text)
{
    json_t *b = json_loads(text, 0, NULL);
    assert_non_null(b);
    return b;
}

static void plan_on_a_county(void **state)
{
    (void)state;
    /* 梅林镇: five businesses (one C, one D, one canteen that is not drawn by default); 青石镇: two */
    exec_ok("INSERT INTO entities(id, kind, name, division_code, status, created_at, updated_at) VALUES"
            " (1, 'seller', '甲超市', '360799101201', 'active', 0, 0), (2, 'caterer', '乙饭店', '360799101201', 'active', 0, 0),"
            " (3, 'workshop', '丙油坊', '360799101000', 'active', 0, 0), (4, 'producer', '丁食品厂', '360799101201', 'active', 0, 0),"
            " (5, 'school_canteen', '东坑小学食堂', '360799101201', 'active', 0, 0),"
            " (6, 'seller', '戊商店', '360799102201', 'active', 0, 0), (7, 'stall', '己摊位', '360799102201', 'active', 0, 0),"
            " (8, 'seller', '庚商店', '360799101201', 'closed', 0, 0);"
            "INSERT INTO entity_grades(entity_id, grade, score, static_score, dynamic_score, reasons, graded_at) VALUES"
            " (3, 'D', 60, 60, 0, '[]', 0), (4, 'C', 40, 40, 0, '[]', 0);"
            "INSERT INTO users(id, username, display_name, role, division_code, password_hash, created_at) VALUES"
            " (31, 's1', '抽样员1', 'sampler', '360799', 'x', 0), (32, 's2', '抽样员2', 'sampler', '360799', 'x', 0),"
            " (33, 's3', '抽样员3', 'sampler', '360799', 'x', 0), (34, 's4', '停用抽样员', 'sampler', '360799', 'x', 0),"
            " (40, 'county', '县局', 'county', '360799', 'x', 0);"
            "UPDATE users SET disabled = 1 WHERE id = 34;");
    sh_principal county, town;
    fixture_official(&county, SH_ROLE_COUNTY, "360799", "county");
    county.user_id = 40; /* a draw is replayed by those whose jurisdiction covers its author's */
    fixture_official(&town, SH_ROLE_TOWNSHIP, "360799102000", "t02");
    sh_err err = {0};
    int64_t plan = 0;
    json_t *b = body("{\"year\":2026,\"kind\":\"supervision\",\"name\":\"2026年监督抽检计划\",\"division_code\":\"360799\","
                     "\"population\":123456}");
    assert_int_equal(sh_plan_create(db, &town, b, &plan, &err), SH_EPERM); /* townships do not plan */
    assert_int_equal(sh_plan_create(db, &county, b, &plan, &err), 0);
    json_decref(b);
    assert_int_equal(count_of("SELECT target FROM sampling_plans"), 494); /* the setting: 4 per 1000 */

    /* items refused field by field, nothing stored */
    struct { const char *body, *field; } bad[] = {
        {"{\"food_category\":\"nope\",\"target\":5,\"analytes\":[\"afb1\"]}", "food_category"},
        {"{\"food_category\":\"oil.vegetable.peanut\",\"township_code\":\"360800101000\",\"target\":5,\"analytes\":[\"afb1\"]}", "township_code"},
        {"{\"food_category\":\"oil.vegetable.peanut\",\"township_code\":\"360799101201\",\"target\":5,\"analytes\":[\"afb1\"]}", "township_code"},
        {"{\"food_category\":\"oil.vegetable.peanut\",\"month\":13,\"target\":5,\"analytes\":[\"afb1\"]}", "month"},
        {"{\"food_category\":\"oil.vegetable.peanut\",\"target\":0,\"analytes\":[\"afb1\"]}", "target"},
        {"{\"food_category\":\"oil.vegetable.peanut\",\"target\":5,\"analytes\":[\"afb1\",\"melamine\"]}", "analytes[1]"},
        {"{\"food_category\":\"oil.vegetable.peanut\",\"target\":5,\"analytes\":[\"afb1\"],\"mode\":\"lucky\"}", "mode"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        b = body(bad[i].body);
        memset(&err, 0, sizeof err);
        int64_t item = 0;
        assert_int_equal(sh_plan_item_add(db, &county, plan, b, &item, &err), SH_EINVAL);
        assert_string_equal(err.field, bad[i].field);
        json_decref(b);
    }
    assert_int_equal(count_of("SELECT count(*) FROM sampling_plan_items"), 0);

    /* the split: every list sums to the target; 梅林镇 weighs more (more businesses, a C and a D) */
    json_t *split = NULL;
    assert_int_equal(sh_plan_split(db, &county, plan, "oil,cereal", &split, &err), 0);
    json_t *towns = json_object_get(split, "townships"), *cells = json_object_get(split, "cells");
    assert_int_equal(json_array_size(towns), 2);
    assert_int_equal(json_array_size(cells), 4);
    int64_t s = 0;
    size_t i;
    json_t *c;
    json_array_foreach(cells, i, c) s += json_integer_value(json_object_get(c, "target"));
    assert_int_equal(s, 494);
    json_t *t101 = json_array_get(towns, 0), *t102 = json_array_get(towns, 1);
    assert_string_equal(json_string_value(json_object_get(t101, "township_code")), "360799101000");
    assert_int_equal(json_integer_value(json_object_get(t101, "businesses")), 4); /* the canteen and the closed shop left out */
    assert_int_equal(json_integer_value(json_object_get(t101, "business_weight")), 7); /* 1 + 1 + 3 + 2 */
    assert_int_equal(json_integer_value(json_object_get(t102, "business_weight")), 2);
    /* 7 : 2 of 494 → 384.2 and 109.8: 384 and 110 */
    assert_int_equal(json_integer_value(json_object_get(t101, "target")) + json_integer_value(json_object_get(t102, "target")), 494);
    assert_int_equal(json_integer_value(json_object_get(t102, "target")), 110);
    json_decref(split);

    /* an item in 梅林镇 and its draw: 2 samplers each (the disabled one never), replayed from the seed */
    b = body("{\"food_category\":\"oil.vegetable.peanut\",\"township_code\":\"360799101000\",\"target\":3,\"analytes\":[\"afb1\"],"
             "\"mode\":\"targeted\"}");
    int64_t item = 0;
    assert_int_equal(sh_plan_item_add(db, &county, plan, b, &item, &err), 0);
    json_decref(b);
    json_t *drawn = NULL;
    b = body("{\"count\":0}");
    assert_int_equal(sh_plan_draw(db, &county, plan, item, b, &drawn, &err), SH_EINVAL);
    assert_string_equal(err.field, "count");
    json_decref(b);
    b = body("{\"count\":3,\"seed\":424242}");
    memset(&err, 0, sizeof err);
    if (sh_plan_draw(db, &county, plan, item, b, &drawn, &err) != 0)
        fail_msg("draw: %s %s", err.field, err.message);
    json_decref(b);
    assert_int_equal(json_integer_value(json_object_get(drawn, "drawn")), 3);
    assert_int_equal(json_integer_value(json_object_get(drawn, "candidates")), 4);
    json_t *pick;
    json_array_foreach(json_object_get(drawn, "result"), i, pick) {
        json_t *team = json_object_get(pick, "samplers");
        assert_int_equal(json_array_size(team), 2);
        assert_int_not_equal(json_integer_value(json_array_get(team, 0)), json_integer_value(json_array_get(team, 1)));
        assert_true(json_integer_value(json_array_get(team, 0)) != 34 && json_integer_value(json_array_get(team, 1)) != 34);
        assert_true(json_integer_value(json_object_get(pick, "sample_id")) > 0);
    }
    assert_int_equal(count_of("SELECT count(*) FROM samples WHERE status = 'assigned' AND plan_item_id IS NOT NULL"), 3);
    assert_int_equal(count_of("SELECT count(*) FROM sample_samplers"), 6);
    json_t *v = NULL;
    assert_int_equal(sh_draw_verify(db, &county, json_integer_value(json_object_get(drawn, "draw_id")), &v, &err), 0);
    assert_true(json_is_true(json_object_get(v, "reproduced")));
    assert_string_equal(json_string_value(json_object_get(v, "purpose")), "sampling");
    json_decref(v);
    json_decref(drawn);

    /* again: one candidate left of the four, so one task and a shortfall of two */
    b = body("{\"count\":3}");
    assert_int_equal(sh_plan_draw(db, &county, plan, item, b, &drawn, &err), 0);
    json_decref(b);
    assert_int_equal(json_integer_value(json_object_get(drawn, "drawn")), 1);
    assert_int_equal(json_integer_value(json_object_get(drawn, "shortfall")), 2);
    json_decref(drawn);
    /* and none left: refused, nothing stored */
    b = body("{\"count\":1}");
    assert_int_equal(sh_plan_draw(db, &county, plan, item, b, &drawn, &err), SH_EINVAL);
    json_decref(b);
    assert_int_equal(count_of("SELECT count(*) FROM samples"), 4);
    assert_int_equal(count_of("SELECT count(*) FROM draws"), 2);

    /* a township official sees the county's plan with its own township's items only */
    json_t *seen = NULL;
    assert_int_equal(sh_plan_get(db, &town, plan, &seen, &err), 0);
    assert_int_equal(json_array_size(json_object_get(seen, "items")), 0);
    json_decref(seen);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sizing),
        cmocka_unit_test(largest_remainder),
        cmocka_unit_test(weights),
        cmocka_unit_test(inspection_draw_pinned),
        cmocka_unit_test_setup_teardown(plan_on_a_county, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
