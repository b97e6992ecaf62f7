/* The field table of a business and everything driven by it: parsing, JSON, validation and the
 * archive-completeness rules. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/message.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/registry/entity.h"

const sh_entity_field sh_entity_fields[EF__COUNT] = {
    [EF_KIND] = {"kind", "类型", SH_FT_TEXT},
    [EF_NAME] = {"name", "名称", SH_FT_TEXT},
    [EF_USCC] = {"uscc", "统一社会信用代码", SH_FT_TEXT},
    [EF_LICENCE_KIND] = {"licence_kind", "许可证类型", SH_FT_TEXT},
    [EF_LICENCE_NO] = {"licence_no", "许可证编号", SH_FT_TEXT},
    [EF_LICENCE_VALID_UNTIL] = {"licence_valid_until", "许可证有效期至", SH_FT_TEXT},
    [EF_ADDRESS] = {"address", "地址", SH_FT_TEXT},
    [EF_DIVISION_CODE] = {"division_code", "所属区划代码", SH_FT_TEXT},
    [EF_GRID_ID] = {"grid_id", "网格", SH_FT_INT},
    [EF_LAT] = {"lat", "纬度", SH_FT_REAL},
    [EF_LNG] = {"lng", "经度", SH_FT_REAL},
    [EF_SCALE] = {"scale", "规模", SH_FT_TEXT},
    [EF_CATEGORIES] = {"categories", "经营类别", SH_FT_LIST},
    [EF_LEGAL_REP] = {"legal_rep", "法定代表人", SH_FT_TEXT},
    [EF_LEGAL_REP_PHONE] = {"legal_rep_phone", "法定代表人电话", SH_FT_TEXT},
    [EF_DIRECTOR_NAME] = {"director_name", "食品安全总监", SH_FT_TEXT},
    [EF_DIRECTOR_PHONE] = {"director_phone", "食品安全总监电话", SH_FT_TEXT},
    [EF_OFFICER_NAME] = {"officer_name", "食品安全员", SH_FT_TEXT},
    [EF_OFFICER_PHONE] = {"officer_phone", "食品安全员电话", SH_FT_TEXT},
    [EF_CANTEEN_OF] = {"canteen_of", "食堂服务对象", SH_FT_TEXT},
    [EF_SPECIAL_FOODS] = {"special_foods", "特殊食品", SH_FT_LIST},
};

int sh_entity_field_find(const char *s)
{
    for (int i = 0; i < EF__COUNT; i++)
        if (strcmp(s, sh_entity_fields[i].name) == 0 || strcmp(s, sh_entity_fields[i].label_zh) == 0)
            return i;
    return -1;
}

/* code → Chinese label pairs, NULL-terminated */
static const char *const kind_pairs[] = {
    "producer", "食品生产企业", "workshop", "食品小作坊", "seller", "食品销售者", "caterer", "餐饮服务",
    "school_canteen", "学校食堂", "unit_canteen", "单位食堂", "central_kitchen", "中央厨房", "stall", "食品摊贩",
    "group_meal", "集体用餐配送单位", NULL};
static const char *const status_pairs[] = {"active", "在营", "suspended", "停业", "revoked", "吊销", "closed", "注销", NULL};
static const char *const licence_pairs[] = {"sc", "食品生产许可证", "jy", "食品经营许可证", "filing", "仅销售预包装食品备案",
                                            "workshop_reg", "小作坊登记证", "stall_record", "摊贩登记卡", NULL};
static const char *const scale_pairs[] = {"large", "大型", "medium", "中型", "small", "小型", "micro", "微型", NULL};
/* school_canteen feeds a school or a childcare institution (学校（含托幼机构）食堂); unit_canteen the rest */
static const char *const canteen_pairs[] = {"school", "学校", "childcare", "托幼机构", "hospital", "医疗机构",
                                            "care_home", "养老机构", "enterprise", "企事业单位", "construction_site", "建筑工地",
                                            "other", "其他单位", NULL};
/* Food Safety Law Art 74: the special foods */
static const char *const special_food_pairs[] = {"health_food", "保健食品", "fsmp", "特殊医学用途配方食品",
                                                 "infant_formula", "婴幼儿配方食品", NULL};

const char *const sh_entity_kinds[] = {"producer", "workshop", "seller", "caterer", "school_canteen",
                                       "unit_canteen", "central_kitchen", "stall", "group_meal", NULL};

static const char *pair_label(const char *const *pairs, const char *code)
{
    for (int i = 0; code && pairs[i]; i += 2)
        if (strcmp(pairs[i], code) == 0)
            return pairs[i + 1];
    return NULL;
}

/* Accepts a code or its label; returns the (static) code or NULL. */
static const char *pair_parse(const char *const *pairs, const char *s)
{
    for (int i = 0; s && pairs[i]; i += 2)
        if (strcmp(pairs[i], s) == 0 || strcmp(pairs[i + 1], s) == 0)
            return pairs[i];
    return NULL;
}

const char *sh_entity_kind_label_zh(const char *kind) { return pair_label(kind_pairs, kind); }
const char *sh_entity_kind_parse(const char *s) { return pair_parse(kind_pairs, s); }
int sh_entity_status_valid(const char *status) { return pair_label(status_pairs, status) != NULL; }
const char *sh_entity_status_label_zh(const char *status) { return pair_label(status_pairs, status); }
const char *sh_licence_kind_label_zh(const char *kind) { return pair_label(licence_pairs, kind); }
const char *sh_scale_label_zh(const char *scale) { return pair_label(scale_pairs, scale); }
const char *sh_canteen_of_label_zh(const char *c) { return pair_label(canteen_pairs, c); }
const char *sh_special_food_label_zh(const char *s) { return pair_label(special_food_pairs, s); }

void sh_entity_init(sh_entity *e)
{
    memset(e, 0, sizeof *e);
}

void sh_entity_release(sh_entity *e)
{
    for (int i = 0; i < EF__COUNT; i++)
        free(e->f[i]);
    free(e->status_reason);
    sh_entity_init(e);
}

void sh_entity_set(sh_entity *e, sh_entity_field_id f, const char *value)
{
    free(e->f[f]);
    e->f[f] = value && *value ? sh_xstrdup(value) : NULL;
}

int sh_entity_from_json(sh_entity *e, json_t *obj, int present[EF__COUNT], sh_err *err)
{
    if (!json_is_object(obj))
        return sh_fail(err, SH_EINVAL, "", "请求内容应为JSON对象 (request body must be a JSON object)");
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        int f = sh_entity_field_find(key);
        if (f < 0)
            return sh_fail(err, SH_EINVAL, key, "未知字段 (unknown field '%s')", key);
        if (present)
            present[f] = 1;
        char num[64];
        const char *text = NULL;
        char *owned = NULL;
        if (json_is_null(v)) {
            text = NULL;
        } else {
            switch (sh_entity_fields[f].type) {
            case SH_FT_TEXT:
                if (!json_is_string(v))
                    return sh_fail(err, SH_EINVAL, key, "应为文本 (must be a string)");
                text = json_string_value(v);
                if (strlen(text) != json_string_length(v))
                    return sh_fail(err, SH_EINVAL, key, "含有空字符 (contains a NUL character)");
                break;
            case SH_FT_INT:
                if (!json_is_integer(v) || json_integer_value(v) <= 0)
                    return sh_fail(err, SH_EINVAL, key, "应为正整数 (must be a positive integer)");
                snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
                text = num;
                break;
            case SH_FT_REAL:
                if (!json_is_number(v))
                    return sh_fail(err, SH_EINVAL, key, "应为数字 (must be a number)");
                snprintf(num, sizeof num, "%.7f", json_number_value(v));
                text = num;
                break;
            case SH_FT_LIST:
                if (!json_is_array(v))
                    return sh_fail(err, SH_EINVAL, key, "应为文本数组 (must be an array of strings)");
                size_t i;
                json_t *item;
                json_array_foreach(v, i, item) if (!json_is_string(item))
                    return sh_fail(err, SH_EINVAL, key, "应为文本数组 (must be an array of strings)");
                if (json_array_size(v) > 0)
                    text = owned = json_dumps(v, JSON_COMPACT);
                break;
            }
        }
        sh_entity_set(e, (sh_entity_field_id)f, text);
        free(owned);
    }
    return 0;
}

static void put_opt(json_t *o, const char *k, const char *v)
{
    json_object_set_new(o, k, v && *v ? json_string(v) : json_null());
}

json_t *sh_entity_to_json(const sh_entity *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(e->id));
    for (int i = 0; i < EF__COUNT; i++) {
        const char *k = sh_entity_fields[i].name;
        const char *v = e->f[i];
        if (!v) {
            json_object_set_new(o, k, sh_entity_fields[i].type == SH_FT_LIST ? json_array() : json_null());
            continue;
        }
        switch (sh_entity_fields[i].type) {
        case SH_FT_TEXT: json_object_set_new(o, k, json_string(v)); break;
        case SH_FT_INT: json_object_set_new(o, k, json_integer(strtoll(v, NULL, 10))); break;
        case SH_FT_REAL: json_object_set_new(o, k, json_real(strtod(v, NULL))); break;
        case SH_FT_LIST: {
            json_t *arr = json_loads(v, 0, NULL);
            json_object_set_new(o, k, arr ? arr : json_array());
            break;
        }
        }
    }
    put_opt(o, "kind_label", sh_entity_kind_label_zh(e->f[EF_KIND]));
    put_opt(o, "licence_kind_label", sh_licence_kind_label_zh(e->f[EF_LICENCE_KIND]));
    put_opt(o, "scale_label", sh_scale_label_zh(e->f[EF_SCALE]));
    put_opt(o, "canteen_of_label", sh_canteen_of_label_zh(e->f[EF_CANTEEN_OF]));
    put_opt(o, "status", e->status);
    put_opt(o, "status_label", sh_entity_status_label_zh(e->status));
    put_opt(o, "status_reason", e->status_reason);
    put_opt(o, "division_name", e->division_name);
    put_opt(o, "township_code", e->township_code);
    put_opt(o, "township_name", e->township_name);
    put_opt(o, "grid_name", e->grid_name);
    put_opt(o, "grid_code", e->grid_code);
    json_object_set_new(o, "created_at", json_integer(e->created_at));
    json_object_set_new(o, "updated_at", json_integer(e->updated_at));
    json_object_set_new(o, "version", json_integer(e->version));
    json_object_set_new(o, "missing", sh_entity_missing_fields(e));
    return o;
}

/* ---- validation ---- */

static int jy_type_for_kind(const char *kind)
{
    if (!strcmp(kind, "seller")) return '1';
    if (!strcmp(kind, "caterer") || !strcmp(kind, "central_kitchen") || !strcmp(kind, "group_meal")) return '2';
    if (!strcmp(kind, "school_canteen") || !strcmp(kind, "unit_canteen")) return '3';
    return 0;
}

/* Which licence kinds a business kind may hold; the first is the default when it cannot be inferred. */
static const char *const *licences_for_kind(const char *kind)
{
    static const char *const producer[] = {"sc", NULL}, *const workshop[] = {"workshop_reg", NULL},
                             *const seller[] = {"jy", "filing", NULL}, *const jy[] = {"jy", NULL},
                             *const stall[] = {"stall_record", NULL};
    if (!strcmp(kind, "producer")) return producer;
    if (!strcmp(kind, "workshop")) return workshop;
    if (!strcmp(kind, "seller")) return seller;
    if (!strcmp(kind, "stall")) return stall;
    return jy;
}

static int check_licence(sh_entity *e, sh_err *err)
{
    const char *kind = e->f[EF_KIND];
    const char *no = e->f[EF_LICENCE_NO];
    const char *lk = e->f[EF_LICENCE_KIND];
    const char *const *allowed = licences_for_kind(kind);
    if (lk) {
        const char *code = pair_parse(licence_pairs, lk);
        if (!code)
            return sh_fail(err, SH_EINVAL, "licence_kind", "许可证类型“%s”无效 (must be sc, jy, filing, workshop_reg or stall_record)", lk);
        sh_entity_set(e, EF_LICENCE_KIND, code);
        lk = e->f[EF_LICENCE_KIND];
    } else if (no) {
        const char *guess = !strncmp(no, "SC", 2) ? "sc" : !strncmp(no, "JY", 2) ? "jy" : !strncmp(no, "YB", 2) ? "filing" : NULL;
        if (!guess)
            guess = !strcmp(kind, "seller") ? "filing" : allowed[0];
        sh_entity_set(e, EF_LICENCE_KIND, guess);
        lk = e->f[EF_LICENCE_KIND];
    }
    if (lk) {
        int ok = 0;
        for (int i = 0; allowed[i]; i++)
            ok |= strcmp(allowed[i], lk) == 0;
        if (!ok)
            return sh_fail(err, SH_EINVAL, "licence_kind", "%s不应持有%s (a %s holds %s%s%s)", sh_entity_kind_label_zh(kind),
                           sh_licence_kind_label_zh(lk), kind, allowed[0], allowed[1] ? " or " : "", allowed[1] ? allowed[1] : "");
    }
    if (!no)
        return 0;
    /* the number against its kind; filing, workshop and stall numbers by the business's province */
    char province[3] = "";
    const char *div = e->f[EF_DIVISION_CODE];
    if (div && strlen(div) >= 2)
        memcpy(province, div, 2);
    int rc;
    if ((rc = sh_check_licence_number(lk, province[0] ? province : NULL, no, "licence_no", err)) != 0)
        return rc;
    if (!strcmp(lk, "jy")) {
        int want = jy_type_for_kind(kind);
        if (want && no[2] != want)
            return sh_fail(err, SH_EINVAL, "licence_no", "经营许可证主体业态码应为%c (the business-type digit of a %s licence is %c)", want, kind, want);
    }
    return 0;
}

static int check_coordinate(sh_entity *e, sh_entity_field_id f, double lo, double hi, sh_err *err)
{
    const char *name = sh_entity_fields[f].name;
    if (!e->f[f])
        return 0;
    char *end;
    double v = strtod(e->f[f], &end);
    if (end == e->f[f] || *end || !isfinite(v))
        return sh_fail(err, SH_EINVAL, name, "应为数字 (must be a number)");
    if (v < lo || v > hi)
        return sh_fail(err, SH_EINVAL, name, "坐标超出中国境内范围 (must be between %.1f and %.1f)", lo, hi);
    char buf[32];
    snprintf(buf, sizeof buf, "%.6f", v);
    sh_entity_set(e, f, buf);
    return 0;
}

static int check_categories(sh_entity *e, sh_err *err)
{
    if (!e->f[EF_CATEGORIES])
        return 0;
    json_t *arr = json_loads(e->f[EF_CATEGORIES], 0, NULL);
    int rc = 0;
    if (!json_is_array(arr) || json_array_size(arr) > 20) {
        rc = sh_fail(err, SH_EINVAL, "categories", "经营类别最多20项 (at most 20 categories)");
    } else {
        size_t i;
        json_t *item;
        json_array_foreach(arr, i, item) {
            if (!json_is_string(item) ||
                (rc = sh_check_text(json_string_value(item), 1, 30, "categories", err)) != 0) {
                rc = rc ? rc : sh_fail(err, SH_EINVAL, "categories", "经营类别应为文字 (must be strings)");
                break;
            }
        }
        if (rc == 0 && json_array_size(arr) == 0)
            sh_entity_set(e, EF_CATEGORIES, NULL);
    }
    json_decref(arr);
    return rc;
}

/* Whom a canteen feeds: a school canteen a school or childcare institution, a unit canteen any other
 * unit; other kinds are not canteens (DOMAIN.md "Risk grading": canteens of schools, hospitals and
 * care homes are in the highest tier). */
static int check_canteen_of(sh_entity *e, sh_err *err)
{
    const char *v = e->f[EF_CANTEEN_OF];
    if (!v)
        return 0;
    const char *code = pair_parse(canteen_pairs, v);
    if (!code)
        return sh_fail(err, SH_EINVAL, "canteen_of",
                       "食堂服务对象“%s”无效，应为学校、托幼机构、医疗机构、养老机构、企事业单位、建筑工地或其他单位 "
                       "(must be school, childcare, hospital, care_home, enterprise, construction_site or other)", v);
    const char *kind = e->f[EF_KIND];
    int school = !strcmp(code, "school") || !strcmp(code, "childcare");
    if (!strcmp(kind, "school_canteen") ? !school : strcmp(kind, "unit_canteen") ? 1 : school)
        return sh_fail(err, SH_EINVAL, "canteen_of",
                       !strcmp(kind, "school_canteen") || !strcmp(kind, "unit_canteen")
                           ? "学校食堂的服务对象为学校或托幼机构，其他单位的食堂登记为单位食堂 (a school canteen feeds a school or "
                             "childcare; other canteens are unit canteens)"
                           : "只有学校食堂和单位食堂填写食堂服务对象 (only canteens say whom they feed)");
    sh_entity_set(e, EF_CANTEEN_OF, code);
    return 0;
}

/* The special foods a business makes or sells as such (Food Safety Law Art 74; its licence item):
 * producers and sellers only, codes or Chinese names, each once; stored as codes. */
static int check_special_foods(sh_entity *e, sh_err *err)
{
    if (!e->f[EF_SPECIAL_FOODS])
        return 0;
    json_t *arr = json_loads(e->f[EF_SPECIAL_FOODS], 0, NULL), *out = json_array();
    int rc = 0;
    const char *kind = e->f[EF_KIND];
    if (!json_is_array(arr)) {
        rc = sh_fail(err, SH_EINVAL, "special_foods", "应为文本数组 (must be an array of strings)");
    } else if (json_array_size(arr) > 0 && strcmp(kind, "producer") && strcmp(kind, "seller")) {
        rc = sh_fail(err, SH_EINVAL, "special_foods",
                     "只有食品生产企业和食品销售者可以生产或销售特殊食品 (only producers and sellers make or sell special foods)");
    } else {
        size_t i, j;
        json_t *item, *have;
        json_array_foreach(arr, i, item) {
            const char *code = json_is_string(item) ? pair_parse(special_food_pairs, json_string_value(item)) : NULL;
            if (!code) {
                rc = sh_fail(err, SH_EINVAL, "special_foods",
                             "特殊食品“%s”无效，应为保健食品、特殊医学用途配方食品或婴幼儿配方食品 (must be health_food, fsmp or "
                             "infant_formula)", json_is_string(item) ? json_string_value(item) : "");
                break;
            }
            int dup = 0;
            json_array_foreach(out, j, have) dup |= !strcmp(json_string_value(have), code);
            if (!dup)
                json_array_append_new(out, json_string(code));
        }
    }
    if (rc == 0) {
        char *text = json_array_size(out) ? json_dumps(out, JSON_COMPACT) : NULL;
        sh_entity_set(e, EF_SPECIAL_FOODS, text);
        free(text);
    }
    json_decref(arr);
    json_decref(out);
    return rc;
}

static int lookup_division(sh_db *db, const char *code, int *level, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT level FROM divisions WHERE code = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    int rc = sh_stmt_step(st, err);
    *level = rc == SH_ROW ? (int)sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int check_grid(sh_db *db, const sh_entity *e, sh_err *err)
{
    if (!e->f[EF_GRID_ID])
        return 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT division_code FROM grids WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, strtoll(e->f[EF_GRID_ID], NULL, 10));
    int rc = sh_stmt_step(st, err);
    char gdiv[16] = "";
    if (rc == SH_ROW)
        snprintf(gdiv, sizeof gdiv, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_EINVAL, "grid_id", "网格不存在 (no such grid)");
    if (strncmp(gdiv, e->f[EF_DIVISION_CODE], 9) != 0)
        return sh_fail(err, SH_EINVAL, "grid_id", "网格不在该主体所属乡镇 (the grid lies in another township)");
    return 0;
}

int sh_entity_validate(sh_db *db, sh_entity *e, sh_err *err)
{
    int rc;
    const char *kind = sh_entity_kind_parse(e->f[EF_KIND]);
    if (!e->f[EF_KIND])
        return sh_fail(err, SH_EINVAL, "kind", "必填 (required)");
    if (!kind)
        return sh_fail(err, SH_EINVAL, "kind", "主体类型“%s”无效 (unknown kind)", e->f[EF_KIND]);
    sh_entity_set(e, EF_KIND, kind);

    static const struct { sh_entity_field_id f; size_t min, max; } texts[] = {
        {EF_NAME, 2, 100}, {EF_ADDRESS, 4, 200}, {EF_LEGAL_REP, 2, 30},
        {EF_DIRECTOR_NAME, 2, 30}, {EF_OFFICER_NAME, 2, 30},
    };
    if (!e->f[EF_NAME])
        return sh_fail(err, SH_EINVAL, "name", "必填 (required)");
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (e->f[texts[i].f] &&
            (rc = sh_check_text(e->f[texts[i].f], texts[i].min, texts[i].max, sh_entity_fields[texts[i].f].name, err)) != 0)
            return rc;

    if (e->f[EF_USCC]) {
        for (char *p = e->f[EF_USCC]; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 'a' + 'A');
        if ((rc = sh_check_uscc(e->f[EF_USCC], "uscc", err)) != 0)
            return rc;
    }
    if (e->f[EF_LICENCE_NO]) {
        for (char *p = e->f[EF_LICENCE_NO]; *p; p++)
            if (*p >= 'a' && *p <= 'z' && p - e->f[EF_LICENCE_NO] < 2)
                *p = (char)(*p - 'a' + 'A');
    }
    if ((rc = check_licence(e, err)) != 0)
        return rc;
    if (e->f[EF_LICENCE_VALID_UNTIL] && !sh_date_valid(e->f[EF_LICENCE_VALID_UNTIL], NULL, NULL, NULL))
        return sh_fail(err, SH_EINVAL, "licence_valid_until", "日期应为YYYY-MM-DD格式的有效日期 (must be a real date YYYY-MM-DD)");

    static const sh_entity_field_id phones[] = {EF_LEGAL_REP_PHONE, EF_DIRECTOR_PHONE, EF_OFFICER_PHONE};
    for (size_t i = 0; i < 3; i++)
        if (e->f[phones[i]] && (rc = sh_check_phone(e->f[phones[i]], sh_entity_fields[phones[i]].name, err)) != 0)
            return rc;

    if (e->f[EF_SCALE]) {
        const char *s = pair_parse(scale_pairs, e->f[EF_SCALE]);
        if (!s)
            return sh_fail(err, SH_EINVAL, "scale", "规模应为大型、中型、小型或微型 (must be large, medium, small or micro)");
        sh_entity_set(e, EF_SCALE, s);
    }
    if ((rc = check_coordinate(e, EF_LAT, 3.8, 53.6, err)) != 0 || (rc = check_coordinate(e, EF_LNG, 73.4, 135.1, err)) != 0)
        return rc;
    if (!e->f[EF_LAT] != !e->f[EF_LNG])
        return sh_fail(err, SH_EINVAL, e->f[EF_LAT] ? "lng" : "lat", "经纬度须同时填写 (latitude and longitude go together)");
    if ((rc = check_categories(e, err)) != 0 || (rc = check_canteen_of(e, err)) != 0 ||
        (rc = check_special_foods(e, err)) != 0)
        return rc;

    const char *div = e->f[EF_DIVISION_CODE];
    if (!div)
        return sh_fail(err, SH_EINVAL, "division_code", "必填 (required)");
    if (strlen(div) != 12 || (rc = sh_check_division_code(div, "division_code", NULL)) != 0)
        return sh_fail(err, SH_EINVAL, "division_code", "所属区划应为12位乡镇或村(社区)代码 (must be a 12-digit township or village code)");
    int level;
    if ((rc = lookup_division(db, div, &level, err)) != 0)
        return rc;
    if (level != 2 && level != 3)
        return sh_fail(err, SH_EINVAL, "division_code", "区划“%s”不存在 (no such township or village)", div);
    return check_grid(db, e, err);
}

/* ---- warnings: doubts that do not refuse a business ---- */

static int platform_division(const char *code6, void *ctx)
{
    int level = 0;
    return lookup_division(ctx, code6, &level, NULL) == 0 && level != 0;
}

json_t *sh_entity_warnings(sh_db *db, const sh_entity *e)
{
    json_t *arr = json_array();
    if (!e->f[EF_USCC])
        return arr;
    sh_warning w[4];
    int n = sh_uscc_warnings(e->f[EF_USCC], "uscc", db ? platform_division : NULL, db, w, 4);
    for (int i = 0; i < n; i++)
    {
        json_t *one = json_pack("{s:s}", "field", w[i].field);
        sh_json_set_message(one, w[i].message);
        json_array_append_new(arr, one);
    }
    return arr;
}

/* ---- archive completeness ---- */

static int needs_director(const sh_entity *e)
{
    const char *k = e->f[EF_KIND], *s = e->f[EF_SCALE];
    return (k && (!strcmp(k, "central_kitchen") || !strcmp(k, "school_canteen") || !strcmp(k, "group_meal"))) ||
           (s && (!strcmp(s, "large") || !strcmp(s, "medium")));
}

json_t *sh_entity_missing_fields(const sh_entity *e)
{
    json_t *missing = json_array();
    const char *k = e->f[EF_KIND] ? e->f[EF_KIND] : "";
    int stall = strcmp(k, "stall") == 0;
    const char *lk = e->f[EF_LICENCE_KIND];
    int licensed = lk && (!strcmp(lk, "sc") || !strcmp(lk, "jy"));
    static const sh_entity_field_id always[] = {EF_NAME, EF_LICENCE_NO, EF_ADDRESS, EF_DIVISION_CODE, EF_GRID_ID,
                                                EF_LAT, EF_LNG, EF_CATEGORIES, EF_LEGAL_REP, EF_LEGAL_REP_PHONE};
    static const sh_entity_field_id not_stall[] = {EF_USCC, EF_SCALE, EF_OFFICER_NAME, EF_OFFICER_PHONE};
    for (size_t i = 0; i < sizeof always / sizeof always[0]; i++)
        if (!e->f[always[i]])
            json_array_append_new(missing, json_string(sh_entity_fields[always[i]].name));
    for (size_t i = 0; !stall && i < sizeof not_stall / sizeof not_stall[0]; i++)
        if (!e->f[not_stall[i]])
            json_array_append_new(missing, json_string(sh_entity_fields[not_stall[i]].name));
    if (licensed && !e->f[EF_LICENCE_VALID_UNTIL])
        json_array_append_new(missing, json_string("licence_valid_until"));
    if (needs_director(e)) {
        if (!e->f[EF_DIRECTOR_NAME])
            json_array_append_new(missing, json_string("director_name"));
        if (!e->f[EF_DIRECTOR_PHONE])
            json_array_append_new(missing, json_string("director_phone"));
    }
    return missing;
}
