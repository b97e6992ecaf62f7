/* Judging test results against limits as data (domain/sampling): at, just above and just below the
 * shipped limits of GB 2761-2017 4.1 Table 1 (aflatoxin B1, µg/kg; ../shared/DOMAIN.md), across units,
 * the most specific category first, a stricter declared standard, 不得检出 and microbial plans
 * (loaded with the importer), and the errors that change nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/sampling/judge.h"
#include "domain/sampling/limits.h"
#include "domain/sampling/units.h"
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

/* The verdict on one result of a sample of category, or NULL with err when refused. */
static const char *verdict(const char *category, const char *result_json, const char *declared_json, sh_err *err)
{
    static char out[16];
    char body[1024];
    snprintf(body, sizeof body, "{\"food_category\":\"%s\",\"results\":[%s]%s%s}", category, result_json,
             declared_json ? ",\"declared\":" : "", declared_json ? declared_json : "");
    json_t *b = json_loads(body, 0, NULL);
    assert_non_null(b);
    json_t *r = NULL;
    memset(err, 0, sizeof *err);
    int rc = sh_sampling_judge(db, b, &r, err);
    json_decref(b);
    if (rc)
        return NULL;
    json_t *item = json_array_get(json_object_get(r, "items"), 0);
    snprintf(out, sizeof out, "%s", json_string_value(json_object_get(item, "verdict")));
    /* the sample's verdict is its item's, and the basis cites a clause */
    assert_string_equal(json_string_value(json_object_get(r, "verdict")), out);
    assert_non_null(strstr(json_string_value(json_object_get(item, "basis")), "依据"));
    json_decref(r);
    return out;
}

static void expect(const char *category, const char *result_json, const char *want)
{
    sh_err err;
    const char *got = verdict(category, result_json, NULL, &err);
    if (!got)
        fail_msg("%s %s refused: %s %s", category, result_json, err.field, err.message);
    if (strcmp(got, want))
        fail_msg("%s %s: %s, expected %s", category, result_json, got, want);
}

static void refused(const char *category, const char *result_json, const char *field)
{
    sh_err err;
    if (verdict(category, result_json, NULL, &err))
        fail_msg("%s %s was judged, expected a refusal on %s", category, result_json, field);
    assert_string_equal(err.field, field);
    assert_int_equal(err.code, SH_EINVAL); /* a bad body, answered 400 */
}

static void aflatoxin_at_and_around_the_limits(void **state)
{
    (void)state;
    /* peanut oil: 20 µg/kg (GB 2761-2017 4.1 表1) */
    expect("oil.vegetable.peanut", "{\"analyte\":\"afb1\",\"value\":20,\"unit\":\"µg/kg\"}", "pass");
    expect("oil.vegetable.peanut", "{\"analyte\":\"afb1\",\"value\":20.1,\"unit\":\"µg/kg\"}", "fail");
    expect("oil.vegetable.peanut", "{\"analyte\":\"afb1\",\"value\":19.9,\"unit\":\"µg/kg\"}", "pass");
    /* the same level in mg/kg, and in the other spellings of micrograms */
    expect("oil.vegetable.peanut", "{\"analyte\":\"afb1\",\"value\":0.020,\"unit\":\"mg/kg\"}", "pass");
    expect("oil.vegetable.peanut", "{\"analyte\":\"afb1\",\"value\":0.0201,\"unit\":\"mg/kg\"}", "fail");
    expect("oil.vegetable.peanut", "{\"analyte\":\"afb1\",\"value\":20,\"unit\":\"ug/kg\"}", "pass");
    expect("oil.vegetable.peanut", "{\"analyte\":\"afb1\",\"value\":21,\"unit\":\"μg/kg\"}", "fail");
    /* other vegetable oils: 10; a peanut oil at 10.5 is judged by its own, more specific limit */
    expect("oil.vegetable", "{\"analyte\":\"afb1\",\"value\":10.5,\"unit\":\"µg/kg\"}", "fail");
    expect("oil.vegetable.peanut", "{\"analyte\":\"afb1\",\"value\":10.5,\"unit\":\"µg/kg\"}", "pass");
    /* wheat flour has no row of its own: wheat's 5.0 applies */
    expect("cereal.wheat.flour", "{\"analyte\":\"afb1\",\"value\":5.0,\"unit\":\"µg/kg\"}", "pass");
    expect("cereal.wheat.flour", "{\"analyte\":\"afb1\",\"value\":5.01,\"unit\":\"µg/kg\"}", "fail");
    /* rice 10, maize 20, infant formula 0.5 */
    expect("cereal.rice", "{\"analyte\":\"afb1\",\"value\":10.01,\"unit\":\"µg/kg\"}", "fail");
    expect("cereal.maize", "{\"analyte\":\"afb1\",\"value\":19.99,\"unit\":\"µg/kg\"}", "pass");
    expect("special.infant_formula", "{\"analyte\":\"afb1\",\"value\":0.0006,\"unit\":\"mg/kg\"}", "fail");
    /* aflatoxin M1 in milk 0.5 µg/kg */
    expect("dairy", "{\"analyte\":\"afm1\",\"value\":0.5,\"unit\":\"µg/kg\"}", "pass");
    expect("dairy", "{\"analyte\":\"afm1\",\"value\":0.51,\"unit\":\"µg/kg\"}", "fail");
    /* not detected passes */
    expect("cereal.rice", "{\"analyte\":\"afb1\",\"detected\":false}", "pass");
}

static void bad_input_is_refused_naming_the_field(void **state)
{
    (void)state;
    refused("oil.vegetable.peanut", "{\"analyte\":\"afb1\",\"value\":5,\"unit\":\"µg/L\"}", "results[0].unit"); /* mass vs volume */
    refused("oil.vegetable.peanut", "{\"analyte\":\"afb1\",\"value\":5,\"unit\":\"ppm\"}", "results[0].unit");
    refused("oil.vegetable.peanut", "{\"analyte\":\"afb1\",\"value\":-1,\"unit\":\"µg/kg\"}", "results[0].value");
    refused("oil.vegetable.peanut", "{\"analyte\":\"afb1\",\"unit\":\"µg/kg\"}", "results[0].value");
    refused("oil.vegetable.peanut", "{\"analyte\":\"sudan_red\",\"value\":1,\"unit\":\"µg/kg\"}", "results[0].analyte");
    refused("cereal.rice", "{\"analyte\":\"afm1\",\"value\":1,\"unit\":\"µg/kg\"}", "results[0].analyte"); /* no limit there */
    refused("oil.lard", "{\"analyte\":\"afb1\",\"value\":1,\"unit\":\"µg/kg\"}", "food_category");
    sh_err err;
    assert_null(verdict("cereal.rice", "1", NULL, &err));
    assert_string_equal(err.field, "results[0].analyte");
}

static void a_stricter_declared_standard_is_the_one_applied(void **state)
{
    (void)state;
    sh_err err;
    /* the product declares 10 µg/kg: 15 fails although the national limit is 20 */
    const char *r = "{\"analyte\":\"afb1\",\"value\":15,\"unit\":\"µg/kg\"}";
    assert_string_equal(verdict("oil.vegetable.peanut", r, "[{\"analyte\":\"afb1\",\"value\":0.010,\"unit\":\"mg/kg\",\"standard\":\"Q/XYZ 0001S-2025\"}]", &err), "fail");
    /* a laxer declared level changes nothing */
    assert_string_equal(verdict("oil.vegetable.peanut", r, "[{\"analyte\":\"afb1\",\"value\":30,\"unit\":\"µg/kg\",\"standard\":\"Q/XYZ 0001S-2025\"}]", &err), "pass");
    assert_null(verdict("oil.vegetable.peanut", r, "[{\"analyte\":\"afb1\",\"value\":10,\"unit\":\"µg/L\",\"standard\":\"Q/XYZ\"}]", &err));
    assert_string_equal(err.field, "declared[0]");
}

static int limits_count(void)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM limits", NULL);
    assert_int_equal(sh_stmt_step(st, NULL), SH_ROW);
    int n = (int)sh_col_int64(st, 0);
    sh_stmt_done(st);
    return n;
}

static void imported_plans_and_not_detected(void **state)
{
    (void)state;
    sh_principal county = {.role = SH_ROLE_COUNTY, .user_id = 0, .scope = {.kind = SH_SCOPE_ALL}};
    sh_principal township = {.role = SH_ROLE_TOWNSHIP};
    snprintf(county.username, sizeof county.username, "county");
    sh_err err = {0};
    int n = 0;
    /* test fixtures in the importer's layout (the shapes of GB 29921 plans and of a 不得检出 item) */
    assert_int_equal(sh_sampling_import(db, &county, "categories", "meat,,肉及肉制品\nmeat.cooked,meat,熟肉制品\n", &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(sh_sampling_import(db, &county, "analytes", "staph,金黄色葡萄球菌,microbe\nsalmonella,沙门氏菌,microbe\nmalachite,孔雀石绿,other\n", &n, &err), 0);
    int before = limits_count();
    /* a bad row anywhere: nothing imported, the line named */
    assert_int_equal(sh_sampling_import(db, &county, "limits",
                                        "staph,meat.cooked,microbial,,CFU/g,5,1,100,1000,TEST 29921,4.1,\n"
                                        "salmonella,meat.cooked,microbial,,/25g,5,9,0,,TEST 29921,4.1,\n", &n, &err), SH_EINVAL);
    assert_string_equal(err.field, "line 2");
    assert_int_equal(limits_count(), before);
    assert_int_equal(sh_sampling_import(db, &township, "limits", "x", &n, &err), SH_EPERM);
    assert_int_equal(sh_sampling_import(db, &county, "limits",
                                        "staph,meat.cooked,microbial,,CFU/g,5,1,100,1000,TEST 29921,4.1,\n"
                                        "salmonella,meat.cooked,microbial,,/25g,5,0,0,,TEST 29921,4.1,\n"
                                        "malachite,meat,not_detected,0.5,µg/kg,,,,,TEST 31658,4,孔雀石绿及其代谢物\n", &n, &err), 0);
    assert_int_equal(n, 3);
    assert_int_equal(limits_count(), before + 3);

    /* three-class: at most c=1 of 5 above m=100, none above M=1000 (equal to M passes) */
    expect("meat.cooked", "{\"analyte\":\"staph\",\"values\":[50,50,50,50,50],\"unit\":\"CFU/g\"}", "pass");
    expect("meat.cooked", "{\"analyte\":\"staph\",\"values\":[1000,100,50,50,50],\"unit\":\"CFU/g\"}", "pass");
    expect("meat.cooked", "{\"analyte\":\"staph\",\"values\":[150,101,50,50,50],\"unit\":\"CFU/g\"}", "fail");
    expect("meat.cooked", "{\"analyte\":\"staph\",\"values\":[1001,50,50,50,50],\"unit\":\"CFU/g\"}", "fail");
    refused("meat.cooked", "{\"analyte\":\"staph\",\"values\":[50,50,50,50],\"unit\":\"CFU/g\"}", "results[0].values");
    refused("meat.cooked", "{\"analyte\":\"staph\",\"values\":[50,50,50,50,50],\"unit\":\"MPN/g\"}", "results[0].unit");
    /* two-class, 0/25g: one positive fails */
    expect("meat.cooked", "{\"analyte\":\"salmonella\",\"values\":[0,0,0,0,0],\"unit\":\"/25g\"}", "pass");
    expect("meat.cooked", "{\"analyte\":\"salmonella\",\"values\":[0,0,1,0,0],\"unit\":\"/25g\"}", "fail");
    /* 不得检出 with a detection limit of 0.5 µg/kg, found on the parent category */
    expect("meat.cooked", "{\"analyte\":\"malachite\",\"value\":0.49,\"unit\":\"µg/kg\"}", "pass");
    expect("meat.cooked", "{\"analyte\":\"malachite\",\"value\":0.5,\"unit\":\"µg/kg\"}", "fail");
    expect("meat.cooked", "{\"analyte\":\"malachite\",\"detected\":false}", "pass");
    /* a new edition of a row replaces it */
    assert_int_equal(sh_sampling_import(db, &county, "limits", "malachite,meat,not_detected,1.0,µg/kg,,,,,TEST 31658,4,孔雀石绿\n", &n, &err), 0);
    assert_int_equal(limits_count(), before + 3);
    expect("meat.cooked", "{\"analyte\":\"malachite\",\"value\":0.9,\"unit\":\"µg/kg\"}", "pass");
}

static void units_convert_within_their_family_only(void **state)
{
    (void)state;
    sh_unit mg, ug, gkg, mgl, cfu;
    assert_int_equal(sh_unit_parse("mg/kg", &mg), 0);
    assert_int_equal(sh_unit_parse("µg/kg", &ug), 0);
    assert_int_equal(sh_unit_parse("g/kg", &gkg), 0);
    assert_int_equal(sh_unit_parse("MG/L", &mgl), 0);
    assert_int_equal(sh_unit_parse("CFU/g", &cfu), 0);
    double out;
    assert_int_equal(sh_unit_convert(0.02, &mg, &ug, &out), 0);
    assert_true(out > 19.999999 && out < 20.000001);
    assert_int_equal(sh_unit_convert(1.5, &gkg, &mg, &out), 0);
    assert_true(out > 1499.999 && out < 1500.001);
    assert_int_equal(sh_unit_convert(1, &mg, &mgl, &out), -1);
    assert_int_equal(sh_unit_convert(1, &cfu, &mg, &out), -1);
    assert_int_equal(sh_unit_parse("ppm", &mg), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(aflatoxin_at_and_around_the_limits),
        cmocka_unit_test(bad_input_is_refused_naming_the_field),
        cmocka_unit_test(a_stricter_declared_standard_is_the_one_applied),
        cmocka_unit_test(imported_plans_and_not_detected),
        cmocka_unit_test(units_convert_within_their_family_only),
    };
    return cmocka_run_group_tests_name("sampling", tests, setup, teardown);
}
