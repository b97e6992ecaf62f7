/* The verdict on test results (judge.h). */
#include "domain/sampling/judge.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "domain/sampling/units.h"

/* Relative slack for unit conversion only (0.020 mg/kg is 20 µg/kg, not 20.000000000000004). */
#define SLACK 1e-9

static int above(double v, double limit)
{
    return v > limit * (1 + SLACK);
}

static int number_at(json_t *v, double *out)
{
    if (!json_is_number(v))
        return -1;
    *out = json_number_value(v);
    return isfinite(*out) && *out >= 0 ? 0 : -1;
}

/* The result's value expressed in the limit's unit. */
static int value_in_limit_unit(const sh_limit *limit, json_t *result, const char *field, double *out, sh_err *err)
{
    char f[64];
    double v;
    snprintf(f, sizeof f, "%s.value", field);
    if (number_at(json_object_get(result, "value"), &v) != 0)
        return sh_fail(err, SH_EINVAL, f, "应为不小于0的检测值，未检出请写detected:false (a value >= 0; detected:false when not detected)");
    sh_unit from, to;
    snprintf(f, sizeof f, "%s.unit", field);
    if (sh_unit_parse(json_string_value(json_object_get(result, "unit")), &from) != 0)
        return sh_fail(err, SH_EINVAL, f, "未知的单位，应如mg/kg、µg/kg、mg/L (unknown unit)");
    if (sh_unit_parse(limit->unit, &to) != 0 || sh_unit_convert(v, &from, &to, out) != 0)
        return sh_fail(err, SH_EINVAL, f, "单位%s不能换算为限量的单位%s (%s does not convert to the limit's %s)", from.canonical,
                       limit->unit, from.canonical, limit->unit);
    return 0;
}

static int not_detected(json_t *result)
{
    return json_is_false(json_object_get(result, "detected")) && !json_object_get(result, "value");
}

static int judge_level(const sh_limit *limit, json_t *result, const char *field, int *fail, char *basis, size_t n,
                       sh_err *err)
{
    if (not_detected(result)) {
        *fail = 0;
        snprintf(basis, n, "未检出，依据%s %s，限量%g %s，合格", limit->standard, limit->clause, limit->value, limit->unit);
        return 0;
    }
    double v;
    int rc = value_in_limit_unit(limit, result, field, &v, err);
    if (rc)
        return rc;
    if (!strcmp(limit->kind, "not_detected")) {
        *fail = !(v < limit->value * (1 - SLACK)); /* at or above the detection limit: detected */
        snprintf(basis, n, "依据%s %s，不得检出（检出限%g %s），检测值%g %s，%s", limit->standard, limit->clause, limit->value,
                 limit->unit, v, limit->unit, *fail ? "检出，不合格" : "低于检出限，合格");
        return 0;
    }
    *fail = above(v, limit->value);
    snprintf(basis, n, "依据%s %s，限量%g %s，检测值%g %s，%s", limit->standard, limit->clause, limit->value, limit->unit, v,
             limit->unit, *fail ? "超过限量，不合格" : "合格");
    return 0;
}

/* A microbial sampling plan (GB 4789.1): n results; at most c above m; none above M. Two-class plans
 * have no M: then c of n may exceed m and none of the rest. */
static int judge_plan(const sh_limit *limit, json_t *result, const char *field, int *fail, char *basis, size_t n,
                      sh_err *err)
{
    char f[64];
    json_t *values = json_object_get(result, "values");
    snprintf(f, sizeof f, "%s.values", field);
    if (!json_is_array(values) || (int)json_array_size(values) != limit->n)
        return sh_fail(err, SH_EINVAL, f, "采样方案n=%d，应给出%d个样品的结果 (the plan has n=%d: give %d results)", limit->n,
                       limit->n, limit->n, limit->n);
    sh_unit from, to;
    snprintf(f, sizeof f, "%s.unit", field);
    if (sh_unit_parse(json_string_value(json_object_get(result, "unit")), &from) != 0 || sh_unit_parse(limit->unit, &to) != 0 ||
        strcmp(from.canonical, to.canonical))
        return sh_fail(err, SH_EINVAL, f, "微生物结果的单位应为%s (the unit must be %s)", limit->unit, limit->unit);
    int over_m = 0, over_big_m = 0;
    size_t i;
    json_t *x;
    json_array_foreach(values, i, x) {
        double v;
        if (number_at(x, &v) != 0) {
            snprintf(f, sizeof f, "%s.values[%zu]", field, i);
            return sh_fail(err, SH_EINVAL, f, "应为不小于0的数 (a number >= 0)");
        }
        over_m += above(v, limit->m);
        over_big_m += limit->has_big_m && above(v, limit->big_m);
    }
    *fail = over_big_m > 0 || over_m > limit->c;
    if (limit->has_big_m)
        snprintf(basis, n, "依据%s %s，n=%d，c=%d，m=%g，M=%g %s；%d个样品超过m，%d个超过M，%s", limit->standard, limit->clause,
                 limit->n, limit->c, limit->m, limit->big_m, limit->unit, over_m, over_big_m, *fail ? "不合格" : "合格");
    else
        snprintf(basis, n, "依据%s %s，n=%d，c=%d，m=%g %s；%d个样品超过m，%s", limit->standard, limit->clause, limit->n,
                 limit->c, limit->m, limit->unit, over_m, *fail ? "不合格" : "合格");
    return 0;
}

int sh_judge_one(const sh_limit *limit, json_t *result, const char *field, json_t **ret, sh_err *err)
{
    char basis[400];
    int fail = 0;
    int rc = !strcmp(limit->kind, "microbial") ? judge_plan(limit, result, field, &fail, basis, sizeof basis, err)
                                               : judge_level(limit, result, field, &fail, basis, sizeof basis, err);
    if (rc)
        return rc;
    *ret = json_pack("{s:s, s:s}", "verdict", fail ? "fail" : "pass", "basis", basis);
    return 0;
}

static json_t *limit_json(const sh_limit *l)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?}", "kind", l->kind, "unit", l->unit, "standard", l->standard, "clause",
                          l->clause, "food_category", l->food_category, "residue_definition", l->residue[0] ? l->residue : NULL);
    if (!strcmp(l->kind, "microbial")) {
        json_object_set_new(o, "n", json_integer(l->n));
        json_object_set_new(o, "c", json_integer(l->c));
        json_object_set_new(o, "m", json_real(l->m));
        json_object_set_new(o, "M", l->has_big_m ? json_real(l->big_m) : json_null());
    } else {
        json_object_set_new(o, "value", json_real(l->value));
    }
    return o;
}

/* The product's own standard for analyte, when it states a level stricter than the national one. */
static int apply_declared(json_t *declared, const char *analyte, sh_limit *limit, sh_err *err)
{
    size_t i;
    json_t *d;
    json_array_foreach(declared, i, d) {
        if (!json_is_object(d) || !json_is_string(json_object_get(d, "analyte")) || strcmp(json_string_value(json_object_get(d, "analyte")), analyte))
            continue;
        char f[48];
        double v, conv;
        sh_unit from, to;
        snprintf(f, sizeof f, "declared[%zu]", i);
        if (number_at(json_object_get(d, "value"), &v) != 0 || v <= 0 ||
            sh_unit_parse(json_string_value(json_object_get(d, "unit")), &from) != 0 || sh_unit_parse(limit->unit, &to) != 0 ||
            sh_unit_convert(v, &from, &to, &conv) != 0 || sh_check_text(json_string_value(json_object_get(d, "standard")), 2, 40, f, NULL))
            return sh_fail(err, SH_EINVAL, f, "明示标准应写明{analyte, value, unit, standard}且单位可换算 (the declared limit needs value, a convertible unit and its standard)");
        if (strcmp(limit->kind, "max") || conv >= limit->value)
            continue; /* only a stricter level replaces the national one */
        char national[sizeof limit->standard + sizeof limit->clause];
        snprintf(national, sizeof national, "%s %s", limit->standard, limit->clause);
        limit->value = conv;
        snprintf(limit->standard, sizeof limit->standard, "产品明示标准%s", json_string_value(json_object_get(d, "standard")));
        snprintf(limit->clause, sizeof limit->clause, "（严于%s）", national);
    }
    return 0;
}

int sh_sampling_judge(sh_db *db, json_t *body, json_t **ret, sh_err *err)
{
    const char *category = json_string_value(json_object_get(body, "food_category"));
    char category_name[128];
    if (!category || !sh_food_category_name(db, category, category_name, sizeof category_name))
        return sh_fail(err, SH_EINVAL, "food_category", "未知的食品类别 (unknown food category)");
    json_t *results = json_object_get(body, "results");
    if (!json_is_array(results) || json_array_size(results) == 0 || json_array_size(results) > 200)
        return sh_fail(err, SH_EINVAL, "results", "应为1-200项检测结果 (1 to 200 results)");
    json_t *declared = json_object_get(body, "declared");
    if (declared && !json_is_array(declared))
        return sh_fail(err, SH_EINVAL, "declared", "应为数组 (must be an array)");
    json_t *items = json_array();
    int failed = 0;
    size_t i;
    json_t *r;
    json_array_foreach(results, i, r) {
        char field[32], f[48], name[128];
        snprintf(field, sizeof field, "results[%zu]", i);
        snprintf(f, sizeof f, "%s.analyte", field);
        const char *analyte = json_is_object(r) ? json_string_value(json_object_get(r, "analyte")) : NULL;
        sh_limit limit;
        int rc = 0;
        if (!analyte || !sh_analyte_name(db, analyte, name, sizeof name))
            rc = sh_fail(err, SH_EINVAL, f, "未知的检测项目 (unknown analyte)");
        if (rc == 0 && (rc = sh_limit_find(db, analyte, category, f, &limit, err)) == SH_ENOTFOUND) {
            char why[sizeof err->message]; /* a body field, not a missing resource */
            snprintf(why, sizeof why, "%s", err->message);
            rc = sh_fail(err, SH_EINVAL, f, "%s", why);
        }
        if (rc == 0 && declared)
            rc = apply_declared(declared, analyte, &limit, err);
        json_t *one = NULL;
        if (rc == 0)
            rc = sh_judge_one(&limit, r, field, &one, err);
        if (rc) {
            json_decref(items);
            return rc;
        }
        failed |= !strcmp(json_string_value(json_object_get(one, "verdict")), "fail");
        json_object_set_new(one, "analyte", json_string(analyte));
        json_object_set_new(one, "analyte_name", json_string(name));
        json_object_set_new(one, "limit", limit_json(&limit));
        json_array_append_new(items, one);
    }
    *ret = json_pack("{s:s, s:s, s:s, s:o}", "food_category", category, "food_category_name", category_name, "verdict",
                     failed ? "fail" : "pass", "items", items);
    return 0;
}
