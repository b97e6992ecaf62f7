#include "domain/risk/risk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/settings.h"
#include "domain/registry/entity.h"
#include "domain/risk/factor.h"
#include "store/qb.h"

#define TWO_YEARS_MS (2LL * 365 * 24 * 3600 * 1000)

static int rule_score(sh_db *db, const char *type, const char *value)
{
    if (!value)
        return 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT score FROM risk_static_rules WHERE rule_type = ? AND value = ?", NULL);
    if (!st)
        return 0;
    sh_bind_text(st, 1, type);
    sh_bind_text(st, 2, value);
    int v = sh_stmt_step(st, NULL) == SH_ROW ? (int)sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    return v;
}

static void reason(json_t *reasons, const char *factor, int points, const char *detail)
{
    if (points)
        json_array_append_new(reasons, json_pack("{s:s, s:i, s:s}", "factor", factor, "points", points, "detail", detail));
}

/* Static (2016 trial measures Art 8–9: the food made or sold, the consumers served, the scale): the
 * highest of the kind's score, whom a canteen feeds (canteen_of: hospitals, care homes, schools and
 * childcare in the highest catering tier), the riskiest category and the special foods the business
 * makes or sells as such (special_foods, producers and sellers only: a category a restaurant lists
 * does not make it a special-food business), plus the scale's; at most 40. */
static int static_score(sh_db *db, const sh_entity *e, json_t *reasons)
{
    const char *kind = e->f[EF_KIND];
    int base = rule_score(db, "kind", kind);
    char detail[160];
    snprintf(detail, sizeof detail, "主体类型：%s", sh_entity_kind_label_zh(kind));
    const char *why = "kind";
    int s = rule_score(db, "canteen", e->f[EF_CANTEEN_OF]);
    if (s > base) {
        base = s;
        why = "canteen";
        snprintf(detail, sizeof detail, "%s：服务对象为%s", sh_entity_kind_label_zh(kind), sh_canteen_of_label_zh(e->f[EF_CANTEEN_OF]));
    }
    json_t *cats = e->f[EF_CATEGORIES] ? json_loads(e->f[EF_CATEGORIES], 0, NULL) : NULL;
    size_t i;
    json_t *c;
    json_array_foreach(cats, i, c) {
        s = rule_score(db, "category", json_string_value(c));
        if (s > base) {
            base = s;
            why = "category";
            snprintf(detail, sizeof detail, "高风险经营类别：%s", json_string_value(c));
        }
    }
    json_decref(cats);
    int maker = kind && (!strcmp(kind, "producer") || !strcmp(kind, "seller"));
    json_t *special = maker && e->f[EF_SPECIAL_FOODS] ? json_loads(e->f[EF_SPECIAL_FOODS], 0, NULL) : NULL;
    json_array_foreach(special, i, c) {
        s = rule_score(db, "special_food", json_string_value(c));
        if (s > base) {
            base = s;
            why = "special_food";
            snprintf(detail, sizeof detail, "%s特殊食品：%s", strcmp(kind, "producer") ? "销售" : "生产",
                     sh_special_food_label_zh(json_string_value(c)));
        }
    }
    json_decref(special);
    reason(reasons, why, base, detail);
    int scale = rule_score(db, "scale", e->f[EF_SCALE]);
    snprintf(detail, sizeof detail, "经营规模：%s", e->f[EF_SCALE] ? sh_scale_label_zh(e->f[EF_SCALE]) : "");
    if (base + scale > 40)
        scale = 40 - base;
    reason(reasons, "scale", scale, detail);
    return base + scale;
}

/* Dynamic: what the areas' factors counted in the last two years, in rank order; at most 60. */
static int dynamic_score(sh_db *db, int64_t id, json_t *reasons, int *ret_total, int *ret_force_d, sh_err *err)
{
    int n;
    const sh_risk_factor *const *factors = sh_risk_factors(&n);
    /* grading without the areas' factors would be silently wrong: sh_domain_init was not called */
    if (n == 0)
        return sh_fail(err, SH_EINTERNAL, "", "no risk factors registered (sh_domain_init)");
    int64_t since = sh_now_ms() - TWO_YEARS_MS;
    int total = 0;
    for (int i = 0; i < n; i++) {
        int64_t count = 0;
        int rc = factors[i]->count(db, id, since, &count, err);
        if (rc)
            return rc;
        int points = (int)count * sh_setting_int(db, factors[i]->setting, factors[i]->default_points);
        if (total + points > 60)
            points = 60 - total;
        char detail[160];
        if (count > 0 && factors[i]->grade_d_setting && sh_setting_int(db, factors[i]->grade_d_setting, 1)) {
            *ret_force_d = 1;
            snprintf(detail, sizeof detail, "%s%lld项，直接评为D级", factors[i]->label_zh, (long long)count);
            json_array_append_new(reasons, json_pack("{s:s, s:i, s:s, s:b}", "factor", factors[i]->factor, "points", points,
                                                     "detail", detail, "grade_d", 1));
            total += points;
            continue;
        }
        snprintf(detail, sizeof detail, "近两年%s%lld次", factors[i]->label_zh, (long long)count);
        reason(reasons, factors[i]->factor, points, detail);
        total += points;
    }
    *ret_total = total;
    return 0;
}

static const char *grade_of(sh_db *db, int score)
{
    if (score <= sh_setting_int(db, "risk_band_a", 30)) return "A";
    if (score <= sh_setting_int(db, "risk_band_b", 45)) return "B";
    if (score <= sh_setting_int(db, "risk_band_c", 60)) return "C";
    return "D";
}

int sh_risk_regrade(sh_db *db, int64_t entity_id, const char *cause, char ret_grade[2], sh_err *err)
{
    sh_principal sys;
    sh_principal_system(&sys);
    sh_entity e;
    int rc = sh_entity_get(db, &sys, entity_id, &e, err);
    if (rc)
        return rc;
    json_t *reasons = json_array();
    int s = static_score(db, &e, reasons), d = 0, force_d = 0;
    sh_entity_release(&e);
    if ((rc = dynamic_score(db, entity_id, reasons, &d, &force_d, err)) != 0) {
        json_decref(reasons);
        return rc;
    }
    const char *grade = force_d ? "D" : grade_of(db, s + d);
    char *text = json_dumps(reasons, JSON_COMPACT);
    json_decref(reasons);
    /* a history row only when something changed */
    sh_stmt *st = sh_db_prepare(db, "SELECT grade, score, reasons FROM entity_grades WHERE entity_id = ?", err);
    int changed = 1;
    if (st) {
        sh_bind_int64(st, 1, entity_id);
        if (sh_stmt_step(st, err) == SH_ROW)
            changed = strcmp(sh_col_text(st, 0), grade) || sh_col_int64(st, 1) != s + d || strcmp(sh_col_text(st, 2), text);
        sh_stmt_done(st);
    }
    int64_t now = sh_now_ms();
    if (changed) {
        st = sh_db_prepare(db,
                           "INSERT INTO entity_grades(entity_id, grade, score, static_score, dynamic_score, reasons, graded_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (entity_id) DO UPDATE SET grade = ?2, score = ?3,"
                           " static_score = ?4, dynamic_score = ?5, reasons = ?6, graded_at = ?7",
                           err);
        rc = st ? 0 : SH_EINTERNAL;
        if (st) {
            sh_bind_int64(st, 1, entity_id);
            sh_bind_text(st, 2, grade);
            sh_bind_int64(st, 3, s + d);
            sh_bind_int64(st, 4, s);
            sh_bind_int64(st, 5, d);
            sh_bind_text(st, 6, text);
            sh_bind_int64(st, 7, now);
            rc = sh_stmt_step(st, err);
            sh_stmt_done(st);
        }
        if (rc >= 0) {
            st = sh_db_prepare(db,
                               "INSERT INTO entity_grade_history(entity_id, grade, score, reasons, cause, graded_at)"
                               " VALUES (?, ?, ?, ?, ?, ?)",
                               err);
            rc = st ? 0 : SH_EINTERNAL;
            if (st) {
                sh_bind_int64(st, 1, entity_id);
                sh_bind_text(st, 2, grade);
                sh_bind_int64(st, 3, s + d);
                sh_bind_text(st, 4, text);
                sh_bind_text(st, 5, cause);
                sh_bind_int64(st, 6, now);
                rc = sh_stmt_step(st, err);
                sh_stmt_done(st);
            }
        }
    }
    free(text);
    if (rc < 0)
        return rc;
    if (ret_grade)
        snprintf(ret_grade, 2, "%s", grade);
    return 0;
}

struct regrade_ctx {
    sh_db *db;
    sh_err *err;
    long graded, seen;
    int64_t last; /* the batch's cursor: the last business seen */
};

static int regrade_one(const sh_entity *e, void *c)
{
    struct regrade_ctx *x = c;
    x->seen++;
    x->last = e->id;
    if (strcmp(e->status, "active") && strcmp(e->status, "suspended"))
        return 0;
    if (sh_risk_regrade(x->db, e->id, "regrade", NULL, x->err) != 0)
        return 1;
    x->graded++;
    return 0;
}

/* One batch: the next `batch` businesses after *after_id, in id order, in one transaction. */
static int regrade_batch(sh_db *db, const sh_principal *actor, int batch, int64_t *after_id, int64_t *ret_total,
                         struct regrade_ctx *x, long *ret_seen, sh_err *err)
{
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    long seen_before = x->seen;
    sh_entity_filter f = {.after_id = *after_id, .limit = batch, .want_total = ret_total != NULL};
    rc = sh_entity_search(db, actor, &f, regrade_one, x, ret_total, err);
    if (rc == 0 && err && err->code)
        rc = err->code;
    if (rc == 0)
        rc = sh_db_commit(db, err);
    if (rc) {
        sh_db_rollback(db);
        return rc;
    }
    *ret_seen = x->seen - seen_before;
    *after_id = x->last;
    return 0;
}

int sh_risk_regrade_batched(sh_db *db, const sh_principal *actor, int batch, sh_risk_progress_fn progress, void *ctx,
                            long *ret_count, sh_err *err)
{
    if (actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY)
        return sh_fail(err, SH_EPERM, "", "只有县局可以重新评定风险等级 (only the county bureau regrades)");
    if (batch < 1 || batch > 500)
        return sh_fail(err, SH_EINVAL, "batch", "应为1-500 (must be 1-500)");
    struct regrade_ctx x = {db, err, 0, 0, 0};
    int64_t after = 0, total = 0;
    for (;;) {
        long seen = 0;
        /* the count once, with the first batch */
        int rc = regrade_batch(db, actor, batch, &after, after == 0 ? &total : NULL, &x, &seen, err);
        if (rc)
            return rc;
        if (progress && (seen > 0 || after == 0)) /* not again for a last, empty batch */
            progress(x.seen, (long)total, ctx);
        if (seen < batch)
            break;
    }
    if (ret_count)
        *ret_count = x.graded;
    return 0;
}

int sh_risk_regrade_all(sh_db *db, const sh_principal *actor, long *ret_count, sh_err *err)
{
    return sh_risk_regrade_batched(db, actor, SH_RISK_BATCH, NULL, NULL, ret_count, err);
}

int sh_risk_get(sh_db *db, const sh_principal *actor, int64_t entity_id, json_t **ret, sh_err *err)
{
    sh_entity e;
    int rc = sh_entity_get(db, actor, entity_id, &e, err);
    if (rc)
        return rc;
    sh_entity_release(&e);
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT grade, score, static_score, dynamic_score, reasons, graded_at FROM entity_grades"
                                " WHERE entity_id = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    rc = sh_stmt_step(st, err);
    json_t *out = NULL;
    if (rc == SH_ROW) {
        char key[16];
        snprintf(key, sizeof key, "visits_%c", sh_col_text(st, 0)[0] - 'A' + 'a');
        json_t *reasons = json_loads(sh_col_text(st, 4), 0, NULL);
        out = json_pack("{s:s, s:I, s:I, s:I, s:o, s:I, s:i}", "grade", sh_col_text(st, 0), "score",
                        (json_int_t)sh_col_int64(st, 1), "static_score", (json_int_t)sh_col_int64(st, 2), "dynamic_score",
                        (json_int_t)sh_col_int64(st, 3), "reasons", reasons ? reasons : json_array(), "graded_at",
                        (json_int_t)sh_col_int64(st, 5), "visits_per_year", sh_setting_int(db, key, 1));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!out)
        return sh_fail(err, SH_ENOTFOUND, "grade", "该主体尚未评定风险等级 (not graded yet)");
    st = sh_db_prepare(db,
                       "SELECT grade, score, cause, graded_at FROM entity_grade_history WHERE entity_id = ? ORDER BY id DESC LIMIT 50",
                       err);
    json_t *hist = json_array();
    if (st) {
        sh_bind_int64(st, 1, entity_id);
        while (sh_stmt_step(st, err) == SH_ROW)
            json_array_append_new(hist, json_pack("{s:s, s:I, s:s, s:I}", "grade", sh_col_text(st, 0), "score",
                                                  (json_int_t)sh_col_int64(st, 1), "cause", sh_col_text(st, 2), "graded_at",
                                                  (json_int_t)sh_col_int64(st, 3)));
        sh_stmt_done(st);
    }
    json_object_set_new(out, "history", hist);
    *ret = out;
    return 0;
}

int sh_risk_summary(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb,
              "SELECT t.code, t.name, g.grade, count(*) FROM entity_grades g JOIN entities e ON e.id = g.entity_id"
              " JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000'"
              " WHERE e.status IN ('active', 'suspended')");
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " GROUP BY t.code, g.grade ORDER BY t.code, g.grade");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *towns = json_object(), *totals = json_pack("{s:i, s:i, s:i, s:i}", "A", 0, "B", 0, "C", 0, "D", 0);
    json_t *order = json_array();
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        const char *code = sh_col_text(st, 0), *grade = sh_col_text(st, 2);
        json_t *t = json_object_get(towns, code);
        if (!t) {
            t = json_pack("{s:s, s:s, s:i, s:i, s:i, s:i}", "township_code", code, "township_name", sh_col_text(st, 1), "A", 0,
                          "B", 0, "C", 0, "D", 0);
            json_object_set_new(towns, code, t);
            json_array_append(order, t);
        }
        json_object_set_new(t, grade, json_integer(sh_col_int64(st, 3)));
        json_object_set_new(totals, grade, json_integer(json_integer_value(json_object_get(totals, grade)) + sh_col_int64(st, 3)));
    }
    sh_stmt_done(st);
    json_decref(towns);
    if (rc < 0) {
        json_decref(order);
        json_decref(totals);
        return rc;
    }
    *ret = json_pack("{s:o, s:o}", "totals", totals, "items", order);
    return 0;
}
