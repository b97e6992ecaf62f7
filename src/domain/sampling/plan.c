/* Annual sampling plans, their items, the proposed split, the draw and progress (plan.h). */
#include "domain/sampling/plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/registry/entity.h"
#include "domain/sampling/limits.h"
#include "domain/sampling/sample.h"
#include "domain/supervision/draw.h"
#include "store/qb.h"
#include "store/rows.h"
#include "store/scope.h"

/* Businesses that make or sell food, drawn unless the official names other kinds. */
static const char *const food_kinds[] = {"producer", "workshop", "seller", "caterer", "central_kitchen", "stall", NULL};

#define MAX_DRAW 1000
#define MAX_TEAM 10
#define MAX_SAMPLERS 200

/* ---- pure ---- */

int64_t sh_plan_target(int64_t population, double per_thousand)
{
    /* a hair below the next integer is that integer: 1 000 × 4.2 / 1000 is 4.2, never 4.2000000001 */
    double x = (double)population * per_thousand / 1000.0;
    return (int64_t)ceil(x - 1e-9);
}

void sh_split_largest_remainder(const int64_t *weights, size_t n, int64_t total, int64_t *out)
{
    if (n == 0)
        return;
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += weights[i] > 0 ? weights[i] : 0;
    int even = sum == 0;
    if (even)
        sum = (int64_t)n;
    int64_t *rem = calloc(n, sizeof *rem);
    int64_t given = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t w = even ? 1 : (weights[i] > 0 ? weights[i] : 0);
        out[i] = total * w / sum;
        rem[i] = total * w % sum;
        given += out[i];
    }
    /* the units left (fewer than n) go to the largest remainders; a remainder chosen is marked -1 */
    for (int64_t left = total - given; left > 0; left--) {
        size_t best = n;
        for (size_t i = 0; i < n; i++) {
            if (rem[i] < 0)
                continue;
            int64_t wi = even ? 1 : weights[i], wb = best < n ? (even ? 1 : weights[best]) : 0;
            if (best == n || rem[i] > rem[best] || (rem[i] == rem[best] && wi > wb))
                best = i;
        }
        if (best == n) { /* cannot happen with exact arithmetic; keeps the sum whatever comes */
            for (size_t i = 0; i < n; i++)
                if (rem[i] < 0)
                    rem[i] = 0;
            left++;
            continue;
        }
        out[best]++;
        rem[best] = -1;
    }
    free(rem);
}

int sh_plan_grade_weight(const char *grade)
{
    if (grade && !strcmp(grade, "C"))
        return 2;
    if (grade && !strcmp(grade, "D"))
        return 3;
    return 1;
}

int64_t sh_plan_cell_weight(int64_t business_weight, int64_t failures)
{
    return business_weight * (2 + failures);
}

/* ---- roles and scope ---- */

int sh_plan_may_plan(const sh_principal *actor)
{
    return actor->role == SH_ROLE_ADMIN || actor->role == SH_ROLE_COUNTY;
}

int sh_plan_may_read(const sh_principal *actor)
{
    return sh_plan_may_plan(actor) || actor->role == SH_ROLE_TOWNSHIP || actor->role == SH_ROLE_SAMPLER;
}

static int require_planner(const sh_principal *actor, sh_err *err)
{
    return sh_plan_may_plan(actor) ? 0 : sh_fail(err, SH_EPERM, "", "只有县局可以制定抽检计划和抽取 (only the county bureau plans and draws)");
}

static int require_reader(const sh_principal *actor, sh_err *err)
{
    return sh_plan_may_read(actor) ? 0 : sh_fail(err, SH_EPERM, "", "您的角色无权查看抽检计划 (your role may not see sampling plans)");
}

/* Whether a plan of this division concerns the actor: its area and the plan's nest (a township
 * official sees its county's plans and its own township's, not another township's). */
static int plan_visible(const sh_principal *actor, const char *division)
{
    if (actor->scope.kind == SH_SCOPE_ALL)
        return 1;
    if (actor->scope.kind != SH_SCOPE_DIVISION || !actor->scope.prefix[0])
        return 0;
    char p[13];
    sh_division_prefix(division, p);
    return sh_division_prefixes_nested(actor->scope.prefix, p);
}

/* Whether an item (its township, or the plan's division) lies in the actor's area. */
static int item_visible(const sh_principal *actor, const char *township, const char *plan_division)
{
    return sh_scope_covers_division(&actor->scope, township && *township ? township : plan_division);
}

static int division_level(sh_db *db, const char *code, char *name, size_t n, int *level, sh_err *err)
{
    *level = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT level, name FROM divisions WHERE code = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        *level = (int)sh_col_int64(st, 0);
        if (name)
            snprintf(name, n, "%s", sh_col_text(st, 1));
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* The name of a division, or "" */
static void division_name(sh_db *db, const char *code, char *out, size_t n)
{
    int level;
    out[0] = '\0';
    if (division_level(db, code, out, n, &level, NULL) != 0)
        out[0] = '\0';
}

int sh_plan_load(sh_db *db, const sh_principal *actor, int64_t plan_id, const char *field, char kind[16], char division[13],
                 sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT kind, division_code FROM sampling_plans WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, plan_id);
    int rc = sh_stmt_step(st, err);
    int seen = 0;
    if (rc == SH_ROW && plan_visible(actor, sh_col_text(st, 1))) {
        seen = 1;
        if (kind)
            snprintf(kind, 16, "%s", sh_col_text(st, 0));
        if (division)
            snprintf(division, 13, "%s", sh_col_text(st, 1));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!seen)
        return sh_fail(err, !strcmp(field, "id") ? SH_ENOTFOUND : SH_EINVAL, field,
                       "抽检计划不存在或不在您的管辖范围内 (no such sampling plan in your jurisdiction)");
    return 0;
}

/* ---- plans ---- */

static int int_field(json_t *body, const char *field, const char *label, int64_t min, int64_t max, int required, int64_t def,
                     int64_t *out, sh_err *err)
{
    json_t *v = json_object_get(body, field);
    if (!v || json_is_null(v)) {
        if (required)
            return sh_fail(err, SH_EINVAL, field, "%s必填 (%s is required)", label, field);
        *out = def;
        return 0;
    }
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
        return sh_fail(err, SH_EINVAL, field, "%s应为%lld-%lld的整数 (%s must be an integer from %lld to %lld)", label, (long long)min,
                       (long long)max, field, (long long)min, (long long)max);
    *out = json_integer_value(v);
    return 0;
}

static const char *kind_label(const char *kind)
{
    if (!strcmp(kind, "supervision"))
        return "监督抽检";
    if (!strcmp(kind, "evaluation"))
        return "评价性抽检";
    if (!strcmp(kind, "monitoring"))
        return "风险监测";
    return kind;
}

static int kind_valid(const char *k)
{
    return k && (!strcmp(k, "supervision") || !strcmp(k, "evaluation") || !strcmp(k, "monitoring"));
}

int sh_plan_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err)
{
    int rc = require_planner(actor, err);
    if (rc)
        return rc;
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    int64_t year, population;
    const char *name = NULL;
    if ((rc = int_field(body, "year", "年度", 2000, 2100, 1, 0, &year, err)) != 0)
        return rc;
    const char *kind = json_string_value(json_object_get(body, "kind"));
    if (!kind_valid(kind))
        return sh_fail(err, SH_EINVAL, "kind", "计划类型应为supervision（监督抽检）、evaluation（评价性抽检）或monitoring（风险监测） (kind must be supervision, evaluation or monitoring)");
    if ((rc = sh_body_text(body, "name", "计划名称", 1, 100, &name, err)) != 0)
        return rc;
    const char *division = json_string_value(json_object_get(body, "division_code"));
    int level = 0;
    char dname[96] = "";
    if (division && (rc = division_level(db, division, dname, sizeof dname, &level, err)) != 0)
        return rc;
    if (!division || (level != 1 && level != 2) || !sh_scope_covers_division(&actor->scope, division))
        return sh_fail(err, SH_EINVAL, "division_code", "计划区划应为您辖区内的县或乡镇（街道） (division_code must be your county or one of its townships)");
    if ((rc = int_field(body, "population", "常住人口", 1, 100000000, 1, 0, &population, err)) != 0)
        return rc;
    json_t *pt = json_object_get(body, "per_thousand");
    double per_thousand;
    if (!pt || json_is_null(pt)) {
        char v[32];
        per_thousand = sh_setting_text(db, "sampling_batches_per_1000", v, sizeof v) == 0 ? strtod(v, NULL) : 4.0;
        if (!(per_thousand > 0))
            per_thousand = 4.0;
    } else if (!json_is_number(pt) || !(json_number_value(pt) > 0) || json_number_value(pt) > 100) {
        return sh_fail(err, SH_EINVAL, "per_thousand", "每千人抽检批次应大于0且不超过100 (per_thousand must be above 0 and at most 100)");
    } else {
        per_thousand = json_number_value(pt);
    }
    int64_t target = sh_plan_target(population, per_thousand);
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    int64_t id = 0;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO sampling_plans(year, kind, name, division_code, population, per_thousand, target,"
                                " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (st) {
        sh_bind_int64(st, 1, year);
        sh_bind_text(st, 2, kind);
        sh_bind_text(st, 3, name);
        sh_bind_text(st, 4, division);
        sh_bind_int64(st, 5, population);
        sh_bind_double(st, 6, per_thousand);
        sh_bind_int64(st, 7, target);
        sh_bind_int64_or_null(st, 8, actor->user_id);
        sh_bind_int64(st, 9, sh_now_ms());
    }
    rc = sh_stmt_insert_id(st, &id, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s, s:s, s:I, s:f, s:I}", "year", (json_int_t)year, "kind", kind, "name", name,
                                  "division_code", division, "population", (json_int_t)population, "per_thousand", per_thousand,
                                  "target", (json_int_t)target);
        rc = sh_audit(db, actor, "create", "sampling_plan", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    if (rc == 0 && ret_id)
        *ret_id = id;
    return rc;
}

/* Samples of a plan at businesses in the actor's jurisdiction: *done taken, *assigned still tasks. */
static int plan_counts(sh_db *db, const sh_principal *actor, int64_t plan_id, int64_t item_id, int64_t *done, int64_t *assigned,
                       sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT coalesce(sum(CASE WHEN s.status NOT IN ('assigned', 'refused', 'cancelled') THEN 1 ELSE 0 END), 0),"
                   " coalesce(sum(CASE WHEN s.status = 'assigned' THEN 1 ELSE 0 END), 0)"
                   " FROM samples s JOIN entities e ON e.id = s.entity_id WHERE s.plan_id = ");
    sh_qb_int64(&qb, plan_id);
    if (item_id) {
        sh_qb_sql(&qb, " AND s.plan_item_id = ");
        sh_qb_int64(&qb, item_id);
    }
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    *done = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    if (assigned)
        *assigned = rc == SH_ROW ? sh_col_int64(st, 1) : 0;
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

struct item_ctx {
    sh_db *db;
    const sh_principal *actor;
    const char *plan_division;
    int64_t plan_id;
    int64_t target_sum;
    int rc;
    sh_err *err;
};

/* SELECT i.id, i.food_category, c.name, i.township_code, d.name, i.month, i.target, i.analytes, i.mode, i.proposal_id */
static json_t *item_row_json(sh_stmt *st, void *c)
{
    struct item_ctx *x = c;
    const char *township = sh_col_is_null(st, 3) ? NULL : sh_col_text(st, 3);
    if (!item_visible(x->actor, township, x->plan_division))
        return NULL;
    json_t *analytes = json_loads(sh_col_text(st, 7), 0, NULL);
    json_t *o = json_pack("{s:I, s:s, s:s, s:s?, s:s?, s:I, s:o, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "food_category",
                          sh_col_text(st, 1), "food_category_name", sh_col_text(st, 2), "township_code", township,
                          "township_name", township ? sh_col_text(st, 4) : NULL, "target", (json_int_t)sh_col_int64(st, 6),
                          "analytes", analytes ? analytes : json_array(), "mode", sh_col_text(st, 8));
    json_object_set_new(o, "month", sh_col_is_null(st, 5) ? json_null() : json_integer(sh_col_int64(st, 5)));
    json_object_set_new(o, "proposal_id", sh_col_is_null(st, 9) ? json_null() : json_integer(sh_col_int64(st, 9)));
    x->target_sum += sh_col_int64(st, 6);
    return o;
}

#define ITEM_SELECT                                                                                                    \
    "SELECT i.id, i.food_category, coalesce(c.name, ''), i.township_code, coalesce(d.name, ''), i.month, i.target,"    \
    " i.analytes, i.mode, i.proposal_id FROM sampling_plan_items i LEFT JOIN food_categories c ON c.code = i.food_category" \
    " LEFT JOIN divisions d ON d.code = i.township_code"

int sh_plan_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    int rc = require_reader(actor, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT p.year, p.kind, p.name, p.division_code, coalesce(d.name, ''), p.population, p.per_thousand,"
                                " p.target, p.created_at FROM sampling_plans p LEFT JOIN divisions d ON d.code = p.division_code"
                                " WHERE p.id = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    rc = sh_stmt_step(st, err);
    json_t *plan = NULL;
    char division[13] = "";
    if (rc == SH_ROW && plan_visible(actor, sh_col_text(st, 3))) {
        snprintf(division, sizeof division, "%s", sh_col_text(st, 3));
        plan = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:f, s:I, s:I}", "id", (json_int_t)id, "year",
                         (json_int_t)sh_col_int64(st, 0), "kind", sh_col_text(st, 1), "kind_name", kind_label(sh_col_text(st, 1)),
                         "name", sh_col_text(st, 2), "division_code", sh_col_text(st, 3), "division_name", sh_col_text(st, 4),
                         "population", (json_int_t)sh_col_int64(st, 5), "per_thousand", sh_col_double(st, 6), "target",
                         (json_int_t)sh_col_int64(st, 7), "created_at", (json_int_t)sh_col_int64(st, 8));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!plan)
        return sh_fail(err, SH_ENOTFOUND, "id", "抽检计划不存在或不在您的管辖范围内 (no such sampling plan in your jurisdiction)");
    struct item_ctx x = {db, actor, division, id, 0, 0, err};
    json_t *items = json_array();
    st = sh_db_prepare(db, ITEM_SELECT " WHERE i.plan_id = ? ORDER BY i.id", err);
    if (st)
        sh_bind_int64(st, 1, id);
    rc = sh_rows_append(st, item_row_json, &x, items, err);
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        int64_t done = 0, assigned = 0;
        if (rc == 0)
            rc = plan_counts(db, actor, id, json_integer_value(json_object_get(it, "id")), &done, &assigned, err);
        json_object_set_new(it, "done", json_integer(done));
        json_object_set_new(it, "assigned", json_integer(assigned));
    }
    int64_t done = 0, assigned = 0;
    if (rc == 0)
        rc = plan_counts(db, actor, id, 0, &done, &assigned, err);
    if (rc) {
        json_decref(items);
        json_decref(plan);
        return rc;
    }
    json_object_set_new(plan, "items_target", json_integer(x.target_sum));
    json_object_set_new(plan, "done", json_integer(done));
    json_object_set_new(plan, "assigned", json_integer(assigned));
    json_object_set_new(plan, "items", items);
    *ret = plan;
    return 0;
}

struct list_ctx {
    const sh_principal *actor;
};

/* SELECT p.id, p.year, p.kind, p.name, p.division_code, d.name, p.population, p.per_thousand, p.target */
static json_t *plan_row_json(sh_stmt *st, void *c)
{
    struct list_ctx *x = c;
    if (!plan_visible(x->actor, sh_col_text(st, 4)))
        return NULL;
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:f, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "year",
                     (json_int_t)sh_col_int64(st, 1), "kind", sh_col_text(st, 2), "kind_name", kind_label(sh_col_text(st, 2)),
                     "name", sh_col_text(st, 3), "division_code", sh_col_text(st, 4), "division_name", sh_col_text(st, 5),
                     "population", (json_int_t)sh_col_int64(st, 6), "per_thousand", sh_col_double(st, 7), "target",
                     (json_int_t)sh_col_int64(st, 8));
}

int sh_plans_list(sh_db *db, const sh_principal *actor, int year, json_t **ret, sh_err *err)
{
    int rc = require_reader(actor, err);
    if (rc)
        return rc;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT p.id, p.year, p.kind, p.name, p.division_code, coalesce(d.name, ''), p.population, p.per_thousand,"
                   " p.target FROM sampling_plans p LEFT JOIN divisions d ON d.code = p.division_code WHERE 1 = 1");
    if (year) {
        sh_qb_sql(&qb, " AND p.year = ");
        sh_qb_int64(&qb, year);
    }
    sh_qb_sql(&qb, " ORDER BY p.year DESC, p.id DESC");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    struct list_ctx x = {actor};
    json_t *items = json_array();
    rc = sh_rows_append(st, plan_row_json, &x, items, err);
    size_t i;
    json_t *p;
    json_array_foreach(items, i, p) {
        int64_t done = 0;
        if (rc == 0)
            rc = plan_counts(db, actor, json_integer_value(json_object_get(p, "id")), 0, &done, NULL, err);
        json_object_set_new(p, "done", json_integer(done));
    }
    if (rc) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o}", "items", items);
    return 0;
}

/* ---- items ---- */

static int check_analytes(sh_db *db, json_t *analytes, sh_err *err)
{
    if (!json_is_array(analytes) || json_array_size(analytes) < 1 || json_array_size(analytes) > 60)
        return sh_fail(err, SH_EINVAL, "analytes", "检验项目应列出1-60个 (analytes: list 1 to 60 analyte codes)");
    size_t i;
    json_t *a;
    json_array_foreach(analytes, i, a) {
        char field[32], name[8];
        snprintf(field, sizeof field, "analytes[%zu]", i);
        if (!json_is_string(a) || !sh_analyte_name(db, json_string_value(a), name, sizeof name))
            return sh_fail(err, SH_EINVAL, field, "未知的检验项目 (unknown analyte): %s", json_is_string(a) ? json_string_value(a) : "");
        for (size_t j = 0; j < i; j++)
            if (json_equal(json_array_get(analytes, j), a))
                return sh_fail(err, SH_EINVAL, field, "检验项目重复 (an analyte appears twice)");
    }
    return 0;
}

int sh_plan_item_add_in_tx(sh_db *db, const sh_principal *actor, int64_t plan_id, json_t *body, int64_t proposal_id,
                           int64_t *ret_id, sh_err *err)
{
    int rc = require_planner(actor, err);
    if (rc)
        return rc;
    char division[13];
    if ((rc = sh_plan_load(db, actor, plan_id, proposal_id ? "plan_id" : "id", NULL, division, err)) != 0)
        return rc;
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *category = json_string_value(json_object_get(body, "food_category"));
    char cname[8];
    if (!category || !sh_food_category_name(db, category, cname, sizeof cname))
        return sh_fail(err, SH_EINVAL, "food_category", "未知的食品类别 (unknown food category)");
    json_t *tv = json_object_get(body, "township_code");
    const char *township = json_string_value(tv);
    if (tv && !json_is_null(tv)) {
        int level = 0;
        char plan_prefix[13];
        sh_division_prefix(division, plan_prefix);
        if (township && (rc = division_level(db, township, NULL, 0, &level, err)) != 0)
            return rc;
        if (!township || level != 2 || strncmp(township, plan_prefix, strlen(plan_prefix)) != 0)
            return sh_fail(err, SH_EINVAL, "township_code", "乡镇（街道）不在本计划的辖区内 (township_code: no such township within the plan's division)");
        if (!strcmp(township, division))
            township = NULL; /* the plan's own township: the same as none */
    }
    int64_t month, target;
    if ((rc = int_field(body, "month", "月份", 1, 12, 0, 0, &month, err)) != 0)
        return rc;
    if ((rc = int_field(body, "target", "计划批次", 1, 100000, 1, 0, &target, err)) != 0)
        return rc;
    json_t *analytes = json_object_get(body, "analytes");
    if ((rc = check_analytes(db, analytes, err)) != 0)
        return rc;
    const char *mode = json_string_value(json_object_get(body, "mode"));
    if (json_object_get(body, "mode") && !json_is_null(json_object_get(body, "mode")) &&
        (!mode || (strcmp(mode, "random") && strcmp(mode, "sentinel") && strcmp(mode, "targeted"))))
        return sh_fail(err, SH_EINVAL, "mode", "抽样方式应为random（随机）、sentinel（固定监测点）或targeted（定向） (mode must be random, sentinel or targeted)");
    if (!mode)
        mode = "random";
    char *a = json_dumps(analytes, JSON_COMPACT);
    int64_t id = 0;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO sampling_plan_items(plan_id, food_category, township_code, month, target, analytes, mode,"
                                " proposal_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (st) {
        sh_bind_int64(st, 1, plan_id);
        sh_bind_text(st, 2, category);
        sh_bind_text_or_null(st, 3, township);
        sh_bind_int64_or_null(st, 4, month);
        sh_bind_int64(st, 5, target);
        sh_bind_text(st, 6, a);
        sh_bind_text(st, 7, mode);
        sh_bind_int64_or_null(st, 8, proposal_id);
        sh_bind_int64(st, 9, sh_now_ms());
    }
    rc = sh_stmt_insert_id(st, &id, err);
    free(a);
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s?, s:I, s:O, s:s}", "plan_id", (json_int_t)plan_id, "food_category", category,
                                  "township_code", township, "target", (json_int_t)target, "analytes", analytes, "mode", mode);
        json_object_set_new(after, "month", month ? json_integer(month) : json_null());
        if (proposal_id)
            json_object_set_new(after, "proposal_id", json_integer(proposal_id));
        rc = sh_audit(db, actor, "create", "sampling_plan_item", id, NULL, after, err);
        json_decref(after);
    }
    if (rc == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int sh_plan_item_add(sh_db *db, const sh_principal *actor, int64_t plan_id, json_t *body, int64_t *ret_id, sh_err *err)
{
    int rc = require_planner(actor, err);
    if (rc)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    rc = sh_plan_item_add_in_tx(db, actor, plan_id, body, 0, ret_id, err);
    return sh_db_finish(db, rc, err);
}

/* ---- the split ---- */

/* The townships of a plan's division: its townships (a county plan) or itself. */
static int plan_townships(sh_db *db, const char *division, json_t *out, sh_err *err)
{
    int level = 0;
    char name[96] = "";
    int rc = division_level(db, division, name, sizeof name, &level, err);
    if (rc)
        return rc;
    if (level == 2) {
        json_array_append_new(out, json_pack("{s:s, s:s}", "township_code", division, "name", name));
        return 0;
    }
    sh_stmt *st = sh_db_prepare(db, "SELECT code, name FROM divisions WHERE parent_code = ? AND level = 2 ORDER BY code", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, division);
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        json_array_append_new(out, json_pack("{s:s, s:s}", "township_code", sh_col_text(st, 0), "name", sh_col_text(st, 1)));
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static void qb_kinds(sh_qb *qb, const char *col, const char *const *kinds)
{
    sh_qb_sql(qb, " AND ");
    sh_qb_sql(qb, col);
    sh_qb_sql(qb, " IN (");
    for (int i = 0; kinds[i]; i++) {
        if (i)
            sh_qb_sql(qb, ", ");
        sh_qb_text(qb, kinds[i]);
    }
    sh_qb_sql(qb, ")");
}

/* Index of the township whose 9-digit prefix is p, or -1. */
static int township_index(json_t *townships, const char *p)
{
    size_t i;
    json_t *t;
    json_array_foreach(townships, i, t) if (!strncmp(json_string_value(json_object_get(t, "township_code")), p, 9)) return (int)i;
    return -1;
}

/* Index of the category that code falls under (itself or a descendant; the most specific), or -1. */
static int category_index(json_t *categories, const char *code)
{
    int best = -1;
    size_t best_len = 0, i;
    json_t *c;
    json_array_foreach(categories, i, c) {
        const char *k = json_string_value(json_object_get(c, "food_category"));
        size_t n = strlen(k);
        if (!strncmp(code, k, n) && (code[n] == '\0' || code[n] == '.') && n >= best_len) {
            best = (int)i;
            best_len = n;
        }
    }
    return best;
}

static int split_categories(sh_db *db, const char *list, json_t *out, sh_err *err)
{
    if (!list) {
        sh_stmt *st = sh_db_prepare(db, "SELECT code, name FROM food_categories WHERE parent IS NULL ORDER BY code", err);
        if (!st)
            return SH_EINTERNAL;
        int rc;
        while ((rc = sh_stmt_step(st, err)) == SH_ROW)
            json_array_append_new(out, json_pack("{s:s, s:s}", "food_category", sh_col_text(st, 0), "name", sh_col_text(st, 1)));
        sh_stmt_done(st);
        return rc < 0 ? rc : 0;
    }
    const char *p = list;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char code[64], name[96];
        if (n == 0 || n >= sizeof code)
            return sh_fail(err, SH_EINVAL, "categories", "食品类别应为以逗号分隔的类别编码 (categories: comma-separated category codes)");
        memcpy(code, p, n);
        code[n] = '\0';
        if (!sh_food_category_name(db, code, name, sizeof name))
            return sh_fail(err, SH_EINVAL, "categories", "未知的食品类别 (unknown food category): %s", code);
        size_t i;
        json_t *c;
        json_array_foreach(out, i, c) if (!strcmp(json_string_value(json_object_get(c, "food_category")), code))
            return sh_fail(err, SH_EINVAL, "categories", "食品类别重复 (a category appears twice): %s", code);
        json_array_append_new(out, json_pack("{s:s, s:s}", "food_category", code, "name", name));
        if (json_array_size(out) > 200)
            return sh_fail(err, SH_EINVAL, "categories", "最多200个类别 (at most 200 categories)");
        p += n;
        if (*p == ',')
            p++;
    }
    if (!json_array_size(out))
        return sh_fail(err, SH_EINVAL, "categories", "至少一个食品类别 (at least one category)");
    return 0;
}

int sh_plan_split(sh_db *db, const sh_principal *actor, int64_t plan_id, const char *list, json_t **ret, sh_err *err)
{
    int rc = require_planner(actor, err);
    if (rc)
        return rc;
    char division[13], prefix[13];
    if ((rc = sh_plan_load(db, actor, plan_id, "id", NULL, division, err)) != 0)
        return rc;
    sh_division_prefix(division, prefix);
    int64_t target = 0, year = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT target, year FROM sampling_plans WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, plan_id);
    if ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        target = sh_col_int64(st, 0);
        year = sh_col_int64(st, 1);
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    json_t *categories = json_array(), *townships = json_array();
    rc = split_categories(db, list, categories, err);
    if (rc == 0)
        rc = plan_townships(db, division, townships, err);
    size_t nt = json_array_size(townships), nc = json_array_size(categories);
    int64_t *bw = calloc(nt ? nt : 1, sizeof *bw), *fail = calloc(nt * nc + 1, sizeof *fail);
    int64_t *nbiz = calloc(nt ? nt : 1, sizeof *nbiz), *gc = calloc(nt ? nt : 1, sizeof *gc), *gd = calloc(nt ? nt : 1, sizeof *gd);
    /* the candidate businesses and their grades, per township */
    if (rc == 0) {
        sh_qb qb;
        sh_qb_init(&qb);
        sh_qb_sql(&qb, "SELECT substr(e.division_code, 1, 9), g.grade, count(*) FROM entities e"
                       " LEFT JOIN entity_grades g ON g.entity_id = e.id WHERE e.status = 'active'");
        qb_kinds(&qb, "e.kind", food_kinds);
        sh_qb_division_prefix(&qb, "e.division_code", prefix);
        sh_scope_entities(&qb, &actor->scope, "e");
        sh_qb_sql(&qb, " GROUP BY substr(e.division_code, 1, 9), g.grade");
        st = sh_qb_prepare(db, &qb, err);
        sh_qb_release(&qb);
        if (!st)
            rc = SH_EINTERNAL;
        while (rc == 0 && (rc = sh_stmt_step(st, err)) == SH_ROW) {
            int t = township_index(townships, sh_col_text(st, 0));
            const char *grade = sh_col_is_null(st, 1) ? NULL : sh_col_text(st, 1);
            int64_t n = sh_col_int64(st, 2);
            rc = 0;
            if (t < 0)
                continue;
            nbiz[t] += n;
            bw[t] += n * sh_plan_grade_weight(grade);
            if (grade && !strcmp(grade, "C"))
                gc[t] += n;
            if (grade && !strcmp(grade, "D"))
                gd[t] += n;
        }
        if (st)
            sh_stmt_done(st);
        if (rc > 0)
            rc = 0;
    }
    /* failures of the plan's year and the two before, per township and category */
    if (rc == 0) {
        char from[11], to[11];
        snprintf(from, sizeof from, "%04d-01-01", (int)year - 2);
        snprintf(to, sizeof to, "%04d-12-31", (int)year);
        sh_qb qb;
        sh_qb_init(&qb);
        sh_qb_sql(&qb, "SELECT substr(e.division_code, 1, 9), s.food_category, count(*) FROM samples s"
                       " JOIN entities e ON e.id = s.entity_id WHERE coalesce(s.final_verdict, s.verdict) = 'fail'"
                       " AND s.sampled_on >= ");
        sh_qb_text(&qb, from);
        sh_qb_sql(&qb, " AND s.sampled_on <= ");
        sh_qb_text(&qb, to);
        sh_qb_division_prefix(&qb, "e.division_code", prefix);
        sh_scope_entities(&qb, &actor->scope, "e");
        sh_qb_sql(&qb, " GROUP BY substr(e.division_code, 1, 9), s.food_category");
        st = sh_qb_prepare(db, &qb, err);
        sh_qb_release(&qb);
        if (!st)
            rc = SH_EINTERNAL;
        while (rc == 0 && (rc = sh_stmt_step(st, err)) == SH_ROW) {
            int t = township_index(townships, sh_col_text(st, 0)), c = category_index(categories, sh_col_text(st, 1));
            rc = 0;
            if (t >= 0 && c >= 0)
                fail[(size_t)t * nc + (size_t)c] += sh_col_int64(st, 2);
        }
        if (st)
            sh_stmt_done(st);
        if (rc > 0)
            rc = 0;
    }
    if (rc == 0 && (nt == 0 || nc == 0))
        rc = sh_fail(err, SH_EINVAL, "division_code", "计划辖区内没有乡镇或没有食品类别可分配 (no township or category to split among)");
    if (rc == 0) {
        size_t n = nt * nc;
        int64_t *w = calloc(n, sizeof *w), *share = calloc(n, sizeof *share);
        for (size_t t = 0; t < nt; t++)
            for (size_t c = 0; c < nc; c++)
                w[t * nc + c] = sh_plan_cell_weight(bw[t], fail[t * nc + c]);
        sh_split_largest_remainder(w, n, target, share);
        char failures_from[11];
        snprintf(failures_from, sizeof failures_from, "%04d-01-01", (int)year - 2);
        json_t *cells = json_array();
        for (size_t t = 0; t < nt; t++) {
            json_t *to = json_array_get(townships, t);
            int64_t sum = 0, f = 0;
            for (size_t c = 0; c < nc; c++) {
                json_t *co = json_array_get(categories, c);
                sum += share[t * nc + c];
                f += fail[t * nc + c];
                json_array_append_new(cells, json_pack("{s:O, s:O, s:I, s:I, s:I}", "township_code", json_object_get(to, "township_code"),
                                                       "food_category", json_object_get(co, "food_category"), "failures",
                                                       (json_int_t)fail[t * nc + c], "weight", (json_int_t)w[t * nc + c],
                                                       "target", (json_int_t)share[t * nc + c]));
            }
            json_object_set_new(to, "businesses", json_integer(nbiz[t]));
            json_object_set_new(to, "grade_c", json_integer(gc[t]));
            json_object_set_new(to, "grade_d", json_integer(gd[t]));
            json_object_set_new(to, "business_weight", json_integer(bw[t]));
            json_object_set_new(to, "failures", json_integer(f));
            json_object_set_new(to, "target", json_integer(sum));
        }
        for (size_t c = 0; c < nc; c++) {
            int64_t sum = 0, f = 0;
            for (size_t t = 0; t < nt; t++) {
                sum += share[t * nc + c];
                f += fail[t * nc + c];
            }
            json_t *co = json_array_get(categories, c);
            json_object_set_new(co, "failures", json_integer(f));
            json_object_set_new(co, "target", json_integer(sum));
        }
        *ret = json_pack("{s:I, s:I, s:{s:i, s:i, s:i, s:i}, s:s, s:s, s:O, s:O, s:o}", "plan_id", (json_int_t)plan_id, "target",
                         (json_int_t)target, "grade_weights", "A", 1, "B", 1, "C", 2, "D", 3, "rule",
                         "格权重 = 乡镇在营主体按风险等级加权数（A、B、未评级1，C 2，D 3）×（2 + 该乡镇该类别近三年不合格批次），"
                         "按最大余数法取整，合计等于计划批次 (cell weight = graded businesses × (2 + failures of the plan's year and"
                         " the two before); largest remainders; sums to the target)",
                         "failures_from", failures_from, "categories", categories, "townships", townships, "cells", cells);
        free(w);
        free(share);
    }
    free(bw);
    free(fail);
    free(nbiz);
    free(gc);
    free(gd);
    json_decref(categories);
    json_decref(townships);
    return rc;
}

/* ---- the draw ---- */

struct item_row {
    char food_category[64];
    char township[13];
    char mode[16];
    json_t *analytes;
};

static int item_load(sh_db *db, int64_t plan_id, int64_t item_id, struct item_row *out, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT food_category, township_code, analytes, mode FROM sampling_plan_items"
                                    " WHERE id = ? AND plan_id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, item_id);
    sh_bind_int64(st, 2, plan_id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        snprintf(out->food_category, sizeof out->food_category, "%s", sh_col_text(st, 0));
        snprintf(out->township, sizeof out->township, "%s", sh_col_is_null(st, 1) ? "" : sh_col_text(st, 1));
        out->analytes = json_loads(sh_col_text(st, 2), 0, NULL);
        snprintf(out->mode, sizeof out->mode, "%s", sh_col_text(st, 3));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_ENOTFOUND, "item", "计划条目不存在 (no such item in this plan)");
    if (!out->analytes)
        out->analytes = json_array();
    return 0;
}

/* Samplers who may be drawn: the ones named (each an active sampler or inspector of the area), or
 * every active sampler whose jurisdiction nests with the area, in id order. */
static int load_samplers(sh_db *db, json_t *named, const char *area, json_t *out, sh_err *err)
{
    if (named && !json_is_null(named)) {
        if (!json_is_array(named) || json_array_size(named) < 1 || json_array_size(named) > MAX_SAMPLERS)
            return sh_fail(err, SH_EINVAL, "samplers", "抽样人员应为用户编号数组 (samplers must be an array of user ids)");
        size_t i;
        json_t *v;
        json_array_foreach(named, i, v) {
            char field[32];
            snprintf(field, sizeof field, "samplers[%zu]", i);
            if (!json_is_integer(v) || json_integer_value(v) <= 0)
                return sh_fail(err, SH_EINVAL, field, "应为用户编号 (must be a user id)");
            for (size_t j = 0; j < i; j++)
                if (json_integer_value(json_array_get(named, j)) == json_integer_value(v))
                    return sh_fail(err, SH_EINVAL, field, "抽样人员重复 (a sampler appears twice)");
            sh_stmt *st = sh_db_prepare(db, "SELECT role, division_code FROM users WHERE id = ? AND disabled = 0", err);
            if (!st)
                return SH_EINTERNAL;
            sh_bind_int64(st, 1, json_integer_value(v));
            int rc = sh_stmt_step(st, err);
            int ok = rc == SH_ROW && (!strcmp(sh_col_text(st, 0), "sampler") || !strcmp(sh_col_text(st, 0), "inspector"));
            if (ok) {
                char p[13];
                sh_division_prefix(sh_col_text(st, 1), p);
                ok = sh_division_prefixes_nested(area, p);
            }
            sh_stmt_done(st);
            if (rc < 0)
                return rc;
            if (!ok)
                return sh_fail(err, SH_EINVAL, field, "不是本辖区在岗的抽样人员 (not an active sampler of this jurisdiction)");
            json_array_append(out, v);
        }
        return 0;
    }
    sh_stmt *st = sh_db_prepare(db, "SELECT id, division_code FROM users WHERE role = 'sampler' AND disabled = 0 ORDER BY id", err);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        char p[13];
        sh_division_prefix(sh_col_text(st, 1), p);
        if (sh_division_prefixes_nested(area, p))
            json_array_append_new(out, json_integer(sh_col_int64(st, 0)));
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Who sampled each candidate last: they are not sent there again (rotation, 回避). */
static int load_conflicts(sh_db *db, json_t *candidates, json_t *out, sh_err *err)
{
    size_t n = json_array_size(candidates);
    if (!n)
        return 0;
    int64_t *ids = malloc(n * sizeof *ids);
    for (size_t i = 0; i < n; i++)
        ids[i] = json_integer_value(json_array_get(candidates, i));
    qsort(ids, n, sizeof *ids, cmp_i64);
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT s.entity_id, x.user_id FROM samples s JOIN sample_samplers x ON x.sample_id = s.id"
                                " WHERE s.id IN (SELECT max(id) FROM samples WHERE status <> 'cancelled' GROUP BY entity_id)"
                                " ORDER BY s.entity_id, x.user_id",
                                err);
    if (!st) {
        free(ids);
        return SH_EINTERNAL;
    }
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        int64_t e = sh_col_int64(st, 0);
        if (!bsearch(&e, ids, n, sizeof *ids, cmp_i64))
            continue;
        char key[32];
        snprintf(key, sizeof key, "%lld", (long long)e);
        json_t *users = json_object_get(out, key);
        if (!users) {
            users = json_array();
            json_object_set_new(out, key, users);
        }
        json_array_append_new(users, json_integer(sh_col_int64(st, 1)));
    }
    sh_stmt_done(st);
    free(ids);
    return rc < 0 ? rc : 0;
}

/* Kinds of business to draw from: named ones (each a known kind) or those that make or sell food. */
static int draw_kinds(json_t *v, const char **kinds, int max, sh_err *err)
{
    if (!v || json_is_null(v)) {
        int i = 0;
        for (; food_kinds[i] && i < max - 1; i++)
            kinds[i] = food_kinds[i];
        kinds[i] = NULL;
        return 0;
    }
    if (!json_is_array(v) || json_array_size(v) < 1 || (int)json_array_size(v) >= max)
        return sh_fail(err, SH_EINVAL, "kinds", "主体类型应为数组 (kinds must be an array of business kinds)");
    size_t i;
    json_t *k;
    json_array_foreach(v, i, k) {
        const char *s = json_string_value(k);
        int known = 0;
        for (int j = 0; s && sh_entity_kinds[j]; j++)
            if (!strcmp(s, sh_entity_kinds[j]))
                known = 1;
        if (!known) {
            char field[24];
            snprintf(field, sizeof field, "kinds[%zu]", i);
            return sh_fail(err, SH_EINVAL, field, "未知的主体类型 (unknown business kind)");
        }
        kinds[i] = s;
    }
    kinds[json_array_size(v)] = NULL;
    return 0;
}

/* Active businesses of the area (the actor's jurisdiction too) of the kinds, with no task of this
 * item yet, in id order. */
static int load_candidates(sh_db *db, const sh_principal *actor, const char *area, const char *const *kinds, int64_t item_id,
                           json_t *out, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT e.id FROM entities e WHERE e.status = 'active'");
    qb_kinds(&qb, "e.kind", kinds);
    sh_qb_division_prefix(&qb, "e.division_code", area);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " AND NOT EXISTS (SELECT 1 FROM samples s WHERE s.entity_id = e.id AND s.status <> 'cancelled'"
                   " AND s.plan_item_id = ");
    sh_qb_int64(&qb, item_id);
    sh_qb_sql(&qb, ") ORDER BY e.id");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    return sh_rows_append(st, sh_row_int0, NULL, out, err);
}

/* The candidates under strict supervision today (samples.c puts a business there after repeated
 * failures): a random draw takes them first ("more samples" while it lasts). */
static int load_priority(sh_db *db, json_t *candidates, json_t *out, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_stmt *st = sh_db_prepare(db, "SELECT DISTINCT entity_id FROM strict_supervision WHERE from_on <= ? AND until_on >= ?"
                                    " ORDER BY entity_id", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, today);
    sh_bind_text(st, 2, today);
    json_t *all = json_array();
    int rc = sh_rows_append(st, sh_row_int0, NULL, all, err);
    size_t i, j;
    json_t *v, *c;
    json_array_foreach(all, i, v) json_array_foreach(candidates, j, c) if (json_integer_value(c) == json_integer_value(v))
    {
        json_array_append(out, v);
        break;
    }
    json_decref(all);
    return rc;
}

/* The sentinel points named: each an active business of the area with no task of this item yet. */
static int check_named(sh_db *db, const sh_principal *actor, const char *area, int64_t item_id, json_t *named, json_t *out,
                       sh_err *err)
{
    if (!json_is_array(named) || json_array_size(named) < 1 || json_array_size(named) > MAX_DRAW)
        return sh_fail(err, SH_EINVAL, "entity_ids", "固定监测点应列出1-%d个主体编号 (entity_ids: list 1 to %d business ids)", MAX_DRAW, MAX_DRAW);
    size_t i;
    json_t *v;
    json_array_foreach(named, i, v) {
        char field[32];
        snprintf(field, sizeof field, "entity_ids[%zu]", i);
        if (!json_is_integer(v) || json_integer_value(v) <= 0)
            return sh_fail(err, SH_EINVAL, field, "应为主体编号 (must be a business id)");
        for (size_t j = 0; j < i; j++)
            if (json_integer_value(json_array_get(named, j)) == json_integer_value(v))
                return sh_fail(err, SH_EINVAL, field, "主体重复 (a business appears twice)");
        sh_qb qb;
        sh_qb_init(&qb);
        sh_qb_sql(&qb, "SELECT e.status, (SELECT count(*) FROM samples s WHERE s.entity_id = e.id AND s.status <> 'cancelled'"
                       " AND s.plan_item_id = ");
        sh_qb_int64(&qb, item_id);
        sh_qb_sql(&qb, ") FROM entities e WHERE e.id = ");
        sh_qb_int64(&qb, json_integer_value(v));
        sh_qb_division_prefix(&qb, "e.division_code", area);
        sh_scope_entities(&qb, &actor->scope, "e");
        sh_stmt *st = sh_qb_prepare(db, &qb, err);
        sh_qb_release(&qb);
        if (!st)
            return SH_EINTERNAL;
        int rc = sh_stmt_step(st, err);
        int found = rc == SH_ROW, active = found && !strcmp(sh_col_text(st, 0), "active"), tasked = found && sh_col_int64(st, 1) > 0;
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        if (!found)
            return sh_fail(err, SH_EINVAL, field, "主体不在本条目的抽样范围内 (no such business where this item samples)");
        if (!active)
            return sh_fail(err, SH_EINVAL, field, "该主体不在营业状态 (the business is not active)");
        if (tasked)
            return sh_fail(err, SH_EINVAL, field, "该主体已有本条目的抽样任务 (the business already has a task of this item)");
        json_array_append(out, v);
    }
    return 0;
}

static void entity_name(sh_db *db, int64_t id, char *out, size_t n)
{
    out[0] = '\0';
    sh_stmt *st = sh_db_prepare(db, "SELECT name FROM entities WHERE id = ?", NULL);
    if (!st)
        return;
    sh_bind_int64(st, 1, id);
    if (sh_stmt_step(st, NULL) == SH_ROW)
        snprintf(out, n, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
}

/* Creates the tasks of a draw's result (each pick gets its sample_id and entity_name). */
static int assign_all(sh_db *db, const sh_principal *actor, int64_t plan_id, int64_t item_id, int64_t draw_id, const char *kind,
                      const struct item_row *item, json_t *result, sh_err *err)
{
    size_t i;
    json_t *pick;
    json_array_foreach(result, i, pick) {
        json_t *team = json_object_get(pick, "samplers");
        int64_t samplers[MAX_TEAM];
        int n = 0;
        for (size_t k = 0; k < json_array_size(team) && n < MAX_TEAM; k++)
            samplers[n++] = json_integer_value(json_array_get(team, k));
        sh_sample_task t = {.entity_id = json_integer_value(json_object_get(pick, "entity_id")),
                            .plan_id = plan_id,
                            .plan_item_id = item_id,
                            .draw_id = draw_id,
                            .kind = kind,
                            .food_category = item->food_category,
                            .analytes = item->analytes,
                            .samplers = samplers,
                            .nsamplers = n};
        int64_t sample_id = 0;
        int rc = sh_sample_assign_in_tx(db, actor, &t, &sample_id, err);
        if (rc)
            return rc;
        char name[256];
        entity_name(db, t.entity_id, name, sizeof name);
        json_object_set_new(pick, "sample_id", json_integer(sample_id));
        json_object_set_new(pick, "entity_name", json_string(name));
    }
    return 0;
}

int sh_plan_draw(sh_db *db, const sh_principal *actor, int64_t plan_id, int64_t item_id, json_t *body, json_t **ret,
                 sh_err *err)
{
    int rc = require_planner(actor, err);
    if (rc)
        return rc;
    char kind[16], division[13];
    if ((rc = sh_plan_load(db, actor, plan_id, "id", kind, division, err)) != 0)
        return rc;
    struct item_row item = {0};
    if ((rc = item_load(db, plan_id, item_id, &item, err)) != 0)
        return rc;
    if (!json_is_object(body)) {
        json_decref(item.analytes);
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    }
    int sentinel = !strcmp(item.mode, "sentinel");
    json_t *named = json_object_get(body, "entity_ids");
    int64_t count = 0, team = 2;
    json_t *cv = json_object_get(body, "count");
    if (!sentinel && named)
        rc = sh_fail(err, SH_EINVAL, "entity_ids", "只有固定监测点（sentinel）条目由官员指定主体 (only a sentinel item names its businesses)");
    else if (sentinel && !named)
        rc = sh_fail(err, SH_EINVAL, "entity_ids", "固定监测点条目须指定主体 (a sentinel item names its businesses: entity_ids)");
    else if (!sentinel || cv)
        rc = int_field(body, "count", "抽取数量", 1, MAX_DRAW, 1, 0, &count, err);
    if (rc == 0 && sentinel && cv && json_is_array(named) && (size_t)count != json_array_size(named))
        rc = sh_fail(err, SH_EINVAL, "count", "抽取数量应与指定的主体数一致 (count must equal the number of entity_ids)");
    if (rc == 0)
        rc = int_field(body, "team_size", "每组抽样人数", 2, MAX_TEAM, 0, 2, &team, err);
    json_t *sv = json_object_get(body, "seed");
    uint64_t seed = 0;
    if (rc == 0 && sv && !json_is_null(sv)) {
        if (!json_is_integer(sv) || json_integer_value(sv) <= 0)
            rc = sh_fail(err, SH_EINVAL, "seed", "随机种子应为正整数 (seed must be a positive integer)");
        else
            seed = (uint64_t)json_integer_value(sv);
    }
    const char *kinds[16];
    if (rc == 0)
        rc = draw_kinds(json_object_get(body, "kinds"), kinds, 16, err);
    /* where the item samples: its township, or the plan's division */
    char area[13];
    sh_division_prefix(item.township[0] ? item.township : division, area);
    json_t *params = json_pack("{s:s, s:I, s:I, s:s, s:s, s:s, s:s?, s:I, s:I, s:[], s:[], s:{}}", "purpose", "sampling", "plan_id",
                               (json_int_t)plan_id, "item_id", (json_int_t)item_id, "kind", kind, "food_category",
                               item.food_category, "mode", item.mode, "township", item.township[0] ? item.township : NULL,
                               "count", (json_int_t)count, "team_size", (json_int_t)team, "candidates", "samplers", "conflicts");
    json_t *candidates = json_object_get(params, "candidates");
    if (rc == 0)
        rc = load_samplers(db, json_object_get(body, "samplers"), area, json_object_get(params, "samplers"), err);
    if (rc == 0 && (int64_t)json_array_size(json_object_get(params, "samplers")) < team)
        rc = sh_fail(err, SH_EINVAL, "samplers", "可抽取的抽样人员不足%lld人 (fewer than %lld samplers to draw from)", (long long)team,
                     (long long)team);
    if (rc == 0 && !seed)
        rc = sh_draw_new_seed(&seed, err);
    if (rc) {
        json_decref(params);
        json_decref(item.analytes);
        return rc;
    }
    if ((rc = sh_db_begin(db, err)) != 0) {
        json_decref(params);
        json_decref(item.analytes);
        return rc;
    }
    if (sentinel) {
        rc = check_named(db, actor, area, item_id, named, candidates, err);
        json_object_set_new(params, "fixed", json_true());
        count = (int64_t)json_array_size(candidates);
        json_object_set_new(params, "count", json_integer(count));
    } else {
        json_t *kl = json_array();
        for (int i = 0; kinds[i]; i++)
            json_array_append_new(kl, json_string(kinds[i]));
        json_object_set_new(params, "kinds", kl);
        rc = load_candidates(db, actor, area, kinds, item_id, candidates, err);
        if (rc == 0 && json_array_size(candidates) == 0)
            rc = sh_fail(err, SH_EINVAL, "count", "没有可抽取的在营主体（或都已有本条目的任务） (no active business left to draw for this item)");
        json_t *priority = json_array();
        if (rc == 0)
            rc = load_priority(db, candidates, priority, err);
        if (json_array_size(priority))
            json_object_set(params, "priority", priority);
        json_decref(priority);
    }
    if (rc == 0)
        rc = load_conflicts(db, candidates, json_object_get(params, "conflicts"), err);
    json_t *result = NULL;
    if (rc == 0)
        rc = sh_draw_compute(params, seed, &result, err);
    int64_t draw_id = 0;
    if (rc == 0)
        rc = sh_draw_record(db, actor, seed, params, result, &draw_id, err);
    if (rc == 0)
        rc = assign_all(db, actor, plan_id, item_id, draw_id, kind, &item, result, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:I, s:I, s:I, s:I}", "purpose", "sampling", "plan_id", (json_int_t)plan_id, "item_id",
                                  (json_int_t)item_id, "seed", (json_int_t)seed, "samples", (json_int_t)json_array_size(result));
        rc = sh_audit(db, actor, "draw", "draw", draw_id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    if (rc == 0) {
        size_t drawn = json_array_size(result), ncand = json_array_size(candidates);
        *ret = json_pack("{s:I, s:I, s:I, s:I, s:s, s:I, s:I, s:I, s:I, s:O}", "draw_id", (json_int_t)draw_id, "seed", (json_int_t)seed,
                         "plan_id", (json_int_t)plan_id, "item_id", (json_int_t)item_id, "mode", item.mode, "candidates",
                         (json_int_t)ncand, "requested", (json_int_t)count, "drawn", (json_int_t)drawn, "shortfall",
                         (json_int_t)(count > (int64_t)drawn ? count - (int64_t)drawn : 0), "result", result);
    }
    json_decref(result);
    json_decref(params);
    json_decref(item.analytes);
    return rc;
}

/* ---- progress ---- */

/* Adds n to key's {target|done} in the object map (rows {key: {target, done}}). */
static void tally(json_t *map, const char *key, const char *what, int64_t n)
{
    json_t *row = json_object_get(map, key);
    if (!row) {
        row = json_pack("{s:I, s:I}", "target", (json_int_t)0, "done", (json_int_t)0);
        json_object_set_new(map, key, row);
    }
    json_object_set_new(row, what, json_integer(json_integer_value(json_object_get(row, what)) + n));
}

static int cmp_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The map as an array in key order, each row with key_field set ("" → null) and named by name_of. */
static json_t *map_rows(sh_db *db, json_t *map, const char *key_field, int numeric, int is_category)
{
    size_t n = json_object_size(map), i = 0;
    const char **keys = calloc(n ? n : 1, sizeof *keys);
    const char *k;
    json_t *v;
    json_object_foreach(map, k, v) keys[i++] = k;
    qsort(keys, n, sizeof *keys, cmp_keys);
    json_t *out = json_array();
    for (i = 0; i < n; i++) {
        json_t *row = json_deep_copy(json_object_get(map, keys[i]));
        if (!*keys[i])
            json_object_set_new(row, key_field, json_null());
        else if (numeric)
            json_object_set_new(row, key_field, json_integer(strtol(keys[i], NULL, 10)));
        else
            json_object_set_new(row, key_field, json_string(keys[i]));
        if (!numeric) {
            char name[128] = "";
            if (!*keys[i])
                snprintf(name, sizeof name, "%s", is_category ? "" : "不限乡镇");
            else if (is_category)
                sh_food_category_name(db, keys[i], name, sizeof name);
            else
                division_name(db, keys[i], name, sizeof name);
            json_object_set_new(row, "name", json_string(name));
        }
        json_array_append_new(out, row);
    }
    free(keys);
    return out;
}

int sh_plan_progress(sh_db *db, const sh_principal *actor, int64_t plan_id, json_t **ret, sh_err *err)
{
    int rc = require_reader(actor, err);
    if (rc)
        return rc;
    char division[13];
    if ((rc = sh_plan_load(db, actor, plan_id, "id", NULL, division, err)) != 0)
        return rc;
    int64_t target = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT target FROM sampling_plans WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, plan_id);
    if ((rc = sh_stmt_step(st, err)) == SH_ROW)
        target = sh_col_int64(st, 0);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    json_t *cat = json_object(), *town = json_object(), *month = json_object();
    int64_t items_target = 0;
    /* targets: the items the actor sees */
    st = sh_db_prepare(db, "SELECT food_category, township_code, month, target FROM sampling_plan_items WHERE plan_id = ?", err);
    if (!st)
        rc = SH_EINTERNAL;
    else
        sh_bind_int64(st, 1, plan_id);
    while (st && (rc = sh_stmt_step(st, err)) == SH_ROW) {
        const char *township = sh_col_is_null(st, 1) ? NULL : sh_col_text(st, 1);
        if (!item_visible(actor, township, division))
            continue;
        int64_t t = sh_col_int64(st, 3);
        char m[4] = "";
        if (!sh_col_is_null(st, 2))
            snprintf(m, sizeof m, "%02d", (int)sh_col_int64(st, 2));
        items_target += t;
        tally(cat, sh_col_text(st, 0), "target", t);
        tally(town, township ? township : "", "target", t);
        tally(month, m, "target", t);
    }
    if (st)
        sh_stmt_done(st);
    if (rc > 0)
        rc = 0;
    /* done: samples taken at businesses in the actor's jurisdiction */
    if (rc == 0) {
        sh_qb qb;
        sh_qb_init(&qb);
        sh_qb_sql(&qb, "SELECT s.food_category, substr(e.division_code, 1, 9), substr(s.sampled_on, 6, 2), count(*)"
                       " FROM samples s JOIN entities e ON e.id = s.entity_id WHERE s.status NOT IN ('assigned', 'refused', 'cancelled')"
                       " AND s.plan_id = ");
        sh_qb_int64(&qb, plan_id);
        sh_scope_entities(&qb, &actor->scope, "e");
        sh_qb_sql(&qb, " GROUP BY s.food_category, substr(e.division_code, 1, 9), substr(s.sampled_on, 6, 2)");
        st = sh_qb_prepare(db, &qb, err);
        sh_qb_release(&qb);
        if (!st)
            rc = SH_EINTERNAL;
        while (rc == 0 && (rc = sh_stmt_step(st, err)) == SH_ROW) {
            rc = 0;
            char township[13];
            snprintf(township, sizeof township, "%.9s000", sh_col_text(st, 1));
            int64_t n = sh_col_int64(st, 3);
            tally(cat, sh_col_text(st, 0), "done", n);
            tally(town, township, "done", n);
            tally(month, sh_col_text(st, 2), "done", n);
        }
        if (st)
            sh_stmt_done(st);
        if (rc > 0)
            rc = 0;
    }
    int64_t done = 0, assigned = 0;
    if (rc == 0)
        rc = plan_counts(db, actor, plan_id, 0, &done, &assigned, err);
    if (rc == 0)
        *ret = json_pack("{s:I, s:I, s:I, s:I, s:I, s:o, s:o, s:o}", "plan_id", (json_int_t)plan_id, "target", (json_int_t)target,
                         "items_target", (json_int_t)items_target, "assigned", (json_int_t)assigned, "done", (json_int_t)done,
                         "by_category", map_rows(db, cat, "food_category", 0, 1), "by_township",
                         map_rows(db, town, "township_code", 0, 0), "by_month", map_rows(db, month, "month", 1, 0));
    json_decref(cat);
    json_decref(town);
    json_decref(month);
    return rc;
}
