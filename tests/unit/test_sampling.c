/* Judging test results against limits as data (domain/sampling): at, just above and just below the
 * shipped limits of GB 2761-2017 4.1 Table 1 (aflatoxin B1, µg/kg; ../shared/DOMAIN.md), across units,
 * the most specific category first, a stricter declared standard, 不得检出 and microbial plans
 * (loaded with the importer), and the errors that change nothing. Then the rest of the shipped subset,
 * one standard at a time, through the seeded data: GB 2761-2017 Tables 3 to 6, GB 2762-2022 Tables 1 to
 * 4, GB 2760-2014 Table A.1, GB 29921-2021 Table 1; each verdict's basis cites its standard and clause. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/data.h"
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

/* The one item of a sample of category with one result, or NULL when refused (the caller frees it). */
static json_t *judged_item(const char *category, const char *result_json)
{
    char body[1024];
    snprintf(body, sizeof body, "{\"food_category\":\"%s\",\"results\":[%s]}", category, result_json);
    json_t *b = json_loads(body, 0, NULL);
    assert_non_null(b);
    json_t *r = NULL;
    sh_err err = {0};
    int rc = sh_sampling_judge(db, b, &r, &err);
    json_decref(b);
    if (rc)
        return NULL;
    json_t *item = json_incref(json_array_get(json_object_get(r, "items"), 0));
    json_decref(r);
    return item;
}

/* The verdict's basis cites "standard clause", and the limit applied is the one set on limit_category
 * (the sample's own category, or the ancestor it fell back to). */
static void cites(const char *category, const char *result_json, const char *standard, const char *clause,
                  const char *limit_category)
{
    json_t *item = judged_item(category, result_json);
    if (!item)
        fail_msg("%s %s refused", category, result_json);
    json_t *limit = json_object_get(item, "limit");
    char want[256];
    snprintf(want, sizeof want, "依据%s %s，", standard, clause);
    const char *basis = json_string_value(json_object_get(item, "basis"));
    if (!strstr(basis, want))
        fail_msg("%s %s: basis \"%s\" does not cite \"%s\"", category, result_json, basis, want);
    assert_string_equal(json_string_value(json_object_get(limit, "standard")), standard);
    assert_string_equal(json_string_value(json_object_get(limit, "clause")), clause);
    assert_string_equal(json_string_value(json_object_get(limit, "food_category")), limit_category);
    json_decref(item);
}

/* A result of analyte at value in unit, as the judge's body spells it. */
static const char *at(const char *analyte, const char *value, const char *unit)
{
    static char out[4][160];
    static int next;
    char *s = out[next++ % 4];
    snprintf(s, sizeof out[0], "{\"analyte\":\"%s\",\"value\":%s,\"unit\":\"%s\"}", analyte, value, unit);
    return s;
}

static void gb2761_mycotoxins_beyond_aflatoxins(void **state)
{
    (void)state;
    /* 脱氧雪腐镰刀菌烯醇 1000 µg/kg (4.3 表3): maize grain and meal, wheat, barley, wheat flour, 麦片 */
    expect("cereal.maize.grain", at("don", "1000", "µg/kg"), "pass");
    expect("cereal.maize.grain", at("don", "1001", "µg/kg"), "fail");
    expect("cereal.maize.grain", at("don", "999", "µg/kg"), "pass");
    expect("cereal.wheat.flour.wheat_flour", at("don", "1.0", "mg/kg"), "pass");
    expect("cereal.wheat.flour.wheat_flour", at("don", "1.01", "mg/kg"), "fail");
    expect("cereal.wheat.barley", at("don", "1000.5", "µg/kg"), "fail");
    expect("cereal.wheat.flour.oat_flakes", at("don", "1000", "ug/kg"), "pass");
    /* the table names maize grain and meal, not 玉米制品: a sample coded on the broader node has no limit */
    refused("cereal.maize", at("don", "10", "µg/kg"), "results[0].analyte");
    /* 赭曲霉毒素A 5.0 µg/kg (4.5 表5): rice; wheat flour has no row of its own and takes wheat's */
    expect("cereal.rice", at("ota", "5.0", "µg/kg"), "pass");
    expect("cereal.rice", at("ota", "5.01", "µg/kg"), "fail");
    expect("cereal.wheat.flour.wheat_flour", at("ota", "4.99", "µg/kg"), "pass");
    expect("cereal.wheat.flour.wheat_flour", at("ota", "0.0051", "mg/kg"), "fail");
    cites("cereal.wheat.flour.wheat_flour", at("ota", "1", "µg/kg"), "GB 2761-2017", "4.5 表5（谷物、谷物碾磨加工品）", "cereal.wheat");
    /* 玉米赤霉烯酮 60 µg/kg (4.6 表6): wheat and wheat flour, maize; not barley */
    expect("cereal.wheat.grain", at("zen", "60", "µg/kg"), "pass");
    expect("cereal.wheat.grain", at("zen", "60.1", "µg/kg"), "fail");
    expect("cereal.maize.grain", at("zen", "0.059", "mg/kg"), "pass");
    refused("cereal.wheat.barley", at("zen", "10", "µg/kg"), "results[0].analyte");
    /* 展青霉素 50 µg/kg (4.4 表4), apple and hawthorn products only */
    expect("beverage.juice.apple_hawthorn", at("patulin", "50", "µg/kg"), "pass");
    expect("beverage.juice.apple_hawthorn", at("patulin", "51", "µg/kg"), "fail");
    expect("fruit.product.apple_hawthorn", at("patulin", "0.0501", "mg/kg"), "fail");
    refused("beverage.juice", at("patulin", "10", "µg/kg"), "results[0].analyte");
    cites("cereal.maize.grain", at("don", "500", "µg/kg"), "GB 2761-2017", "4.3 表3", "cereal.maize.grain");
    cites("cereal.wheat.grain", at("zen", "1", "µg/kg"), "GB 2761-2017", "4.6 表6", "cereal.wheat.grain");
    cites("fruit.product.apple_hawthorn", at("patulin", "1", "µg/kg"), "GB 2761-2017", "4.4 表4（果丹皮除外；仅限以苹果、山楂为原料制成的产品）",
          "fruit.product.apple_hawthorn");
}

static void gb2762_lead_at_and_around_the_limits(void **state)
{
    (void)state;
    /* cereals 0.2 mg/kg on 谷物及其制品: rice falls back to it, in mg/kg and in µg/kg */
    expect("cereal.rice", at("pb", "0.2", "mg/kg"), "pass");
    expect("cereal.rice", at("pb", "0.21", "mg/kg"), "fail");
    expect("cereal.rice", at("pb", "0.19", "mg/kg"), "pass");
    expect("cereal.rice", at("pb", "200", "µg/kg"), "pass");
    expect("cereal.rice", at("pb", "210", "µg/kg"), "fail");
    cites("cereal.rice.milled", at("pb", "0.1", "mg/kg"), "GB 2762-2022", "4.1 表1（麦片、面筋、粥类罐头、带馅（料）面米制品除外）", "cereal");
    /* 麦片, the exception, has 0.5 of its own */
    expect("cereal.wheat.flour.oat_flakes", at("pb", "0.5", "mg/kg"), "pass");
    expect("cereal.wheat.flour.oat_flakes", at("pb", "0.51", "mg/kg"), "fail");
    expect("cereal.wheat.flour.wheat_flour", at("pb", "0.3", "mg/kg"), "fail");
    /* fresh vegetables 0.1; leafy 0.3; brassica and legume vegetables 0.2 */
    expect("veg.fresh", at("pb", "0.1", "mg/kg"), "pass");
    expect("veg.fresh", at("pb", "0.11", "mg/kg"), "fail");
    expect("veg.fresh.leafy", at("pb", "0.3", "mg/kg"), "pass");
    expect("veg.fresh.leafy", at("pb", "0.31", "mg/kg"), "fail");
    expect("veg.fresh.leafy", at("pb", "0.29", "mg/kg"), "pass");
    expect("veg.fresh.brassica", at("pb", "0.2", "mg/kg"), "pass");
    expect("veg.fresh.brassica", at("pb", "0.21", "mg/kg"), "fail");
    expect("veg.fresh.legume", at("pb", "201", "µg/kg"), "fail");
    cites("veg.fresh.leafy", at("pb", "0.1", "mg/kg"), "GB 2762-2022", "4.1 表1", "veg.fresh.leafy");
    /* fresh fruit 0.1 */
    expect("fruit.fresh", at("pb", "0.1", "mg/kg"), "pass");
    expect("fruit.fresh", at("pb", "0.101", "mg/kg"), "fail");
    /* meat 0.2 (畜禽肉 falls back to 肉类), offal 0.5, meat products 0.3 (a cooked one falls back) */
    expect("meat.fresh.livestock", at("pb", "0.2", "mg/kg"), "pass");
    expect("meat.fresh.livestock", at("pb", "0.21", "mg/kg"), "fail");
    expect("meat.fresh.offal", at("pb", "0.5", "mg/kg"), "pass");
    expect("meat.fresh.offal.liver", at("pb", "0.51", "mg/kg"), "fail");
    expect("meat.product.cooked", at("pb", "0.3", "mg/kg"), "pass");
    expect("meat.product.cooked", at("pb", "0.31", "mg/kg"), "fail");
    cites("meat.fresh.livestock", at("pb", "0.1", "mg/kg"), "GB 2762-2022", "4.1 表1（畜禽内脏除外）", "meat.fresh");
    /* fish 0.5, eggs 0.2 (fresh eggs fall back), milk 0.02, edible oils 0.08 two levels up from peanut oil */
    expect("aquatic.fresh.fish", at("pb", "0.5", "mg/kg"), "pass");
    expect("aquatic.fresh.fish", at("pb", "0.51", "mg/kg"), "fail");
    expect("egg.fresh", at("pb", "0.2", "mg/kg"), "pass");
    expect("egg.fresh", at("pb", "0.21", "mg/kg"), "fail");
    expect("dairy.milk", at("pb", "0.02", "mg/kg"), "pass");
    expect("dairy.milk", at("pb", "20", "µg/kg"), "pass");
    expect("dairy.milk", at("pb", "21", "µg/kg"), "fail");
    expect("oil.vegetable.peanut", at("pb", "0.08", "mg/kg"), "pass");
    expect("oil.vegetable.peanut", at("pb", "0.081", "mg/kg"), "fail");
    expect("oil.vegetable.peanut", at("pb", "79", "µg/kg"), "pass");
    cites("oil.vegetable.peanut", at("pb", "0.01", "mg/kg"), "GB 2762-2022", "4.1 表1", "oil");
    /* condiments 1.0 (soy sauce falls back), tea 5.0, infant formula 0.08 */
    expect("condiment.soy_sauce", at("pb", "1.0", "mg/kg"), "pass");
    expect("condiment.soy_sauce", at("pb", "1.01", "mg/kg"), "fail");
    expect("other.tea", at("pb", "5.0", "mg/kg"), "pass");
    expect("other.tea", at("pb", "5.1", "mg/kg"), "fail");
    expect("special.infant_formula", at("pb", "0.08", "mg/kg"), "pass");
    expect("special.infant_formula", at("pb", "0.09", "mg/kg"), "fail");
}

static void gb2762_cadmium_mercury_and_arsenic(void **state)
{
    (void)state;
    /* cadmium: rice 0.2 (milled rice falls back), wheat 0.1 (flour falls back), leafy 0.2, other fresh
     * vegetables 0.05 (brassica falls back), meat 0.1, liver 0.5, kidney 1.0, fish 0.1, eggs 0.05 */
    expect("cereal.rice.milled", at("cd", "0.2", "mg/kg"), "pass");
    expect("cereal.rice.milled", at("cd", "0.21", "mg/kg"), "fail");
    expect("cereal.wheat.flour.wheat_flour", at("cd", "0.1", "mg/kg"), "pass");
    expect("cereal.wheat.flour.wheat_flour", at("cd", "0.11", "mg/kg"), "fail");
    expect("cereal.wheat.flour.wheat_flour", at("cd", "99", "µg/kg"), "pass");
    cites("cereal.wheat.flour.wheat_flour", at("cd", "0.01", "mg/kg"), "GB 2762-2022", "4.2 表2（谷物、谷物碾磨加工品）", "cereal.wheat");
    expect("veg.fresh.leafy", at("cd", "0.2", "mg/kg"), "pass");
    expect("veg.fresh.leafy", at("cd", "0.21", "mg/kg"), "fail");
    expect("veg.fresh.brassica", at("cd", "0.05", "mg/kg"), "pass");
    expect("veg.fresh.brassica", at("cd", "0.051", "mg/kg"), "fail");
    expect("meat.fresh.livestock", at("cd", "0.1", "mg/kg"), "pass");
    expect("meat.fresh.livestock", at("cd", "0.11", "mg/kg"), "fail");
    expect("meat.fresh.offal.liver", at("cd", "0.5", "mg/kg"), "pass");
    expect("meat.fresh.offal.liver", at("cd", "0.51", "mg/kg"), "fail");
    expect("meat.fresh.offal.kidney", at("cd", "1.0", "mg/kg"), "pass");
    expect("meat.fresh.offal.kidney", at("cd", "1001", "µg/kg"), "fail");
    expect("aquatic.fresh.fish", at("cd", "0.11", "mg/kg"), "fail");
    expect("egg", at("cd", "0.05", "mg/kg"), "pass");
    expect("egg", at("cd", "0.06", "mg/kg"), "fail");
    /* lung or intestine: the 0.1 row excepts all offal and only liver and kidney have one */
    refused("meat.fresh.offal", at("cd", "0.05", "mg/kg"), "results[0].analyte");
    /* total mercury: rice 0.02 (paddy falls back), fresh vegetables 0.01, milk 0.01, fresh eggs 0.05 */
    expect("cereal.rice", at("hg_total", "0.02", "mg/kg"), "pass");
    expect("cereal.rice", at("hg_total", "0.021", "mg/kg"), "fail");
    expect("cereal.rice.paddy", at("hg_total", "20", "µg/kg"), "pass");
    expect("veg.fresh.leafy", at("hg_total", "0.011", "mg/kg"), "fail");
    expect("dairy.milk", at("hg_total", "0.01", "mg/kg"), "pass");
    expect("dairy.milk", at("hg_total", "0.011", "mg/kg"), "fail");
    expect("egg.fresh", at("hg_total", "0.05", "mg/kg"), "pass");
    cites("cereal.rice.paddy", at("hg_total", "0.01", "mg/kg"), "GB 2762-2022", "4.3 表3", "cereal.rice");
    /* inorganic arsenic: 稻谷 and 糙米 0.35, 大米（粉）0.2; a rice sample not saying which has none */
    expect("cereal.rice.milled", at("as_inorganic", "0.2", "mg/kg"), "pass");
    expect("cereal.rice.milled", at("as_inorganic", "0.21", "mg/kg"), "fail");
    expect("cereal.rice.brown", at("as_inorganic", "0.35", "mg/kg"), "pass");
    expect("cereal.rice.brown", at("as_inorganic", "0.36", "mg/kg"), "fail");
    expect("cereal.rice.paddy", at("as_inorganic", "0.3", "mg/kg"), "pass");
    refused("cereal.rice", at("as_inorganic", "0.1", "mg/kg"), "results[0].analyte");
    cites("cereal.rice.brown", at("as_inorganic", "0.1", "mg/kg"), "GB 2762-2022", "4.4 表4", "cereal.rice.brown");
    /* total arsenic: wheat 0.5, edible oil 0.1, 调制乳、发酵乳 0.1 */
    expect("cereal.wheat.grain", at("as_total", "0.5", "mg/kg"), "pass");
    expect("cereal.wheat.grain", at("as_total", "0.51", "mg/kg"), "fail");
    expect("oil.vegetable", at("as_total", "0.1", "mg/kg"), "pass");
    expect("oil.vegetable", at("as_total", "0.11", "mg/kg"), "fail");
    expect("dairy.modified", at("as_total", "101", "µg/kg"), "fail");
    expect("dairy.modified", at("as_total", "100", "µg/kg"), "pass");
}

/* GB 2763-2021 pesticide residues in 韭菜, 豇豆 and eggs, at, just above and just below each limit, in
 * mg/kg and µg/kg; a 韭菜 sample falls back to 新鲜蔬菜 for lead and cadmium (GB 2762-2022). */
static void gb2763_pesticides_at_and_around_the_limits(void **state)
{
    (void)state;
    expect("veg.fresh.bulb.chive", at("procymidone", "0.2", "mg/kg"), "pass");
    expect("veg.fresh.bulb.chive", at("procymidone", "0.21", "mg/kg"), "fail");
    expect("veg.fresh.bulb.chive", at("procymidone", "0.19", "mg/kg"), "pass");
    expect("veg.fresh.bulb.chive", at("procymidone", "200", "µg/kg"), "pass");
    expect("veg.fresh.bulb.chive", at("procymidone", "201", "µg/kg"), "fail");
    expect("veg.fresh.bulb.chive", at("chlorpyrifos", "0.02", "mg/kg"), "pass");
    expect("veg.fresh.bulb.chive", at("chlorpyrifos", "0.021", "mg/kg"), "fail");
    expect("veg.fresh.bulb.chive", at("phorate", "0.01", "mg/kg"), "pass");
    expect("veg.fresh.bulb.chive", at("phorate", "0.011", "mg/kg"), "fail");
    expect("veg.fresh.bulb.chive", at("carbofuran", "19", "µg/kg"), "pass");
    expect("veg.fresh.bulb.chive", at("omethoate", "21", "µg/kg"), "fail");
    expect("veg.fresh.legume.cowpea", at("cyromazine", "0.5", "mg/kg"), "pass");
    expect("veg.fresh.legume.cowpea", at("cyromazine", "0.51", "mg/kg"), "fail");
    expect("veg.fresh.legume.cowpea", at("cyromazine", "0.49", "mg/kg"), "pass");
    expect("veg.fresh.legume.cowpea", at("carbofuran", "0.021", "mg/kg"), "fail");
    expect("egg.fresh", at("fipronil", "0.02", "mg/kg"), "pass");
    expect("egg.fresh", at("fipronil", "0.021", "mg/kg"), "fail");
    cites("veg.fresh.bulb.chive", at("procymidone", "0.1", "mg/kg"), "GB 2763-2021", "4 腐霉利（韭菜）", "veg.fresh.bulb.chive");
    cites("egg.fresh", at("fipronil", "0.01", "mg/kg"), "GB 2763-2021", "4 氟虫腈（禽蛋）", "egg.fresh");
    /* contaminants: a 韭菜 is a fresh vegetable (Pb 0.1, Cd 0.05), a 豇豆 a legume vegetable (Pb 0.2) */
    expect("veg.fresh.bulb.chive", at("pb", "0.11", "mg/kg"), "fail");
    expect("veg.fresh.bulb.chive", at("cd", "0.05", "mg/kg"), "pass");
    expect("veg.fresh.bulb.chive", at("cd", "0.051", "mg/kg"), "fail");
    cites("veg.fresh.legume.cowpea", at("pb", "0.1", "mg/kg"), "GB 2762-2022", "4.1 表1", "veg.fresh.legume");
}

static void gb2760_additives_in_either_unit(void **state)
{
    (void)state;
    /* sorbic and benzoic acid in soy sauce and vinegar 1.0 g/kg, i.e. 1000 mg/kg */
    expect("condiment.soy_sauce", at("sorbic_acid", "1.0", "g/kg"), "pass");
    expect("condiment.soy_sauce", at("sorbic_acid", "1.01", "g/kg"), "fail");
    expect("condiment.soy_sauce", at("sorbic_acid", "0.99", "g/kg"), "pass");
    expect("condiment.soy_sauce", at("sorbic_acid", "1000", "mg/kg"), "pass");
    expect("condiment.soy_sauce", at("sorbic_acid", "1001", "mg/kg"), "fail");
    expect("condiment.vinegar", at("benzoic_acid", "1000", "mg/kg"), "pass");
    expect("condiment.vinegar", at("benzoic_acid", "1.001", "g/kg"), "fail");
    expect("condiment.soy_sauce", at("benzoic_acid", "999", "mg/kg"), "pass");
    cites("condiment.soy_sauce", at("benzoic_acid", "0.1", "g/kg"), "GB 2760-2014", "表A.1（12.04 酱油）", "condiment.soy_sauce");
    /* a category Table A.1 does not list for the additive has no limit here (no invented 不得检出) */
    refused("condiment.paste", at("benzoic_acid", "0.1", "g/kg"), "results[0].analyte");
    /* sorbic acid in cooked meat 0.075 g/kg = 75 mg/kg; a beef product falls back to cooked meat */
    expect("meat.product.cooked", at("sorbic_acid", "75", "mg/kg"), "pass");
    expect("meat.product.cooked", at("sorbic_acid", "76", "mg/kg"), "fail");
    expect("meat.product.cooked.beef", at("sorbic_acid", "0.076", "g/kg"), "fail");
    /* sulphur dioxide residue: 蜜饯凉果 0.35, 水果干类 0.1, 干制蔬菜 0.2 g/kg */
    expect("fruit.product.candied", at("so2", "0.35", "g/kg"), "pass");
    expect("fruit.product.candied", at("so2", "351", "mg/kg"), "fail");
    expect("fruit.product.dried", at("so2", "0.1", "g/kg"), "pass");
    expect("fruit.product.dried", at("so2", "0.11", "g/kg"), "fail");
    expect("veg.product.dried", at("so2", "200", "mg/kg"), "pass");
    expect("veg.product.dried", at("so2", "0.21", "g/kg"), "fail");
    /* dehydroacetic acid in cooked meat and in pastry 0.5 g/kg */
    expect("bakery.pastry", at("dehydroacetic_acid", "0.5", "g/kg"), "pass");
    expect("bakery.pastry", at("dehydroacetic_acid", "501", "mg/kg"), "fail");
    expect("meat.product.cooked", at("dehydroacetic_acid", "0.49", "g/kg"), "pass");
    /* aluminium residue in fried dough 100 mg/kg (dry sample), i.e. 0.1 g/kg */
    expect("cereal.product.fried_dough", at("al_residue", "100", "mg/kg"), "pass");
    expect("cereal.product.fried_dough", at("al_residue", "101", "mg/kg"), "fail");
    expect("cereal.product.fried_dough", at("al_residue", "0.1", "g/kg"), "pass");
    expect("cereal.product.fried_dough", at("al_residue", "0.1001", "g/kg"), "fail");
    cites("cereal.product.fried_dough", at("al_residue", "50", "mg/kg"), "GB 2760-2014",
          "表A.1（06.03.02.05 油炸面制品，硫酸铝钾、硫酸铝铵）", "cereal.product.fried_dough");
}

static void gb29921_pathogen_plans(void **state)
{
    (void)state;
    const char *r;
    /* S. aureus in cooked meat: n=5 c=1 m=100 M=1000 CFU/g; c samples between m and M pass, c+1 fail */
    expect("meat.product.cooked", "{\"analyte\":\"s_aureus\",\"values\":[100,100,100,100,100],\"unit\":\"CFU/g\"}", "pass");
    expect("meat.product.cooked", "{\"analyte\":\"s_aureus\",\"values\":[1000,90,90,90,90],\"unit\":\"CFU/g\"}", "pass");
    expect("meat.product.cooked", "{\"analyte\":\"s_aureus\",\"values\":[110,101,90,90,90],\"unit\":\"CFU/g\"}", "fail");
    expect("meat.product.cooked", "{\"analyte\":\"s_aureus\",\"values\":[1001,90,90,90,90],\"unit\":\"CFU/g\"}", "fail");
    refused("meat.product.cooked", "{\"analyte\":\"s_aureus\",\"values\":[90,90,90,90],\"unit\":\"CFU/g\"}", "results[0].values");
    refused("meat.product.cooked", "{\"analyte\":\"s_aureus\",\"values\":[0,0,0,0,0],\"unit\":\"/25g\"}", "results[0].unit");
    r = "{\"analyte\":\"s_aureus\",\"values\":[50,50,50,50,50],\"unit\":\"CFU/g\"}";
    cites("meat.product.cooked", r, "GB 29921-2021", "3 表1（肉制品：熟肉制品）", "meat.product.cooked");
    expect("meat.product.ready_raw", "{\"analyte\":\"s_aureus\",\"values\":[200,300,90,90,90],\"unit\":\"CFU/g\"}", "fail");
    /* Salmonella and L. monocytogenes: n=5 c=0 m=0 per 25 g: none found passes, one positive fails */
    expect("meat.product.cooked", "{\"analyte\":\"salmonella\",\"values\":[0,0,0,0,0],\"unit\":\"/25g\"}", "pass");
    expect("meat.product.cooked", "{\"analyte\":\"salmonella\",\"values\":[0,0,0,0,1],\"unit\":\"/25g\"}", "fail");
    expect("meat.product.ready_raw", "{\"analyte\":\"l_monocytogenes\",\"values\":[0,0,0,0,0],\"unit\":\"/25g\"}", "pass");
    expect("meat.product.ready_raw", "{\"analyte\":\"l_monocytogenes\",\"values\":[0,1,0,0,0],\"unit\":\"/25g\"}", "fail");
    /* a beef product falls back to cooked meat for Salmonella; E. coli O157:H7 is set on beef only */
    r = "{\"analyte\":\"salmonella\",\"values\":[0,0,0,0,0],\"unit\":\"/25g\"}";
    cites("meat.product.cooked.beef", r, "GB 29921-2021", "3 表1（肉制品：熟肉制品）", "meat.product.cooked");
    expect("meat.product.cooked.beef", "{\"analyte\":\"e_coli_o157\",\"values\":[0,0,0,0,0],\"unit\":\"/25g\"}", "pass");
    expect("meat.product.cooked.beef", "{\"analyte\":\"e_coli_o157\",\"values\":[1,0,0,0,0],\"unit\":\"/25g\"}", "fail");
    refused("meat.product.cooked", "{\"analyte\":\"e_coli_o157\",\"values\":[0,0,0,0,0],\"unit\":\"/25g\"}", "results[0].analyte");
}

static int limits_count(void);

/* Every data row of the shipped limits.csv is in the table once the database is seeded: the count is
 * the file's, not a number written here, so adding rows to the file needs no change to this test. */
static int count_row(char **f, int n, void *ctx)
{
    (void)f;
    (void)n;
    ++*(int *)ctx;
    return 0;
}

static void every_shipped_row_is_seeded(void **state)
{
    (void)state;
    int rows = 0;
    assert_int_equal(sh_data_each_row(sh_data_file("data/sampling/limits.csv"), 12, count_row, &rows), 0);
    assert_true(rows > 90);
    assert_int_equal(limits_count(), rows); /* runs before anything is imported */
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
        cmocka_unit_test(gb2761_mycotoxins_beyond_aflatoxins),
        cmocka_unit_test(gb2762_lead_at_and_around_the_limits),
        cmocka_unit_test(gb2762_cadmium_mercury_and_arsenic),
        cmocka_unit_test(gb2763_pesticides_at_and_around_the_limits),
        cmocka_unit_test(gb2760_additives_in_either_unit),
        cmocka_unit_test(gb29921_pathogen_plans),
        cmocka_unit_test(every_shipped_row_is_seeded),
        cmocka_unit_test(bad_input_is_refused_naming_the_field),
        cmocka_unit_test(a_stricter_declared_standard_is_the_one_applied),
        cmocka_unit_test(imported_plans_and_not_detected),
        cmocka_unit_test(units_convert_within_their_family_only),
    };
    return cmocka_run_group_tests_name("sampling", tests, setup, teardown);
}
