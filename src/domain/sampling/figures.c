/* Figures of sampling and testing for a year (figures.h). */
#include "domain/sampling/figures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/base/calendar.h"
#include "domain/registry/registry.h"
#include "domain/sampling/limits.h"
#include "store/qb.h"
#include "store/scope.h"

int sh_sampling_figures_may_read(const sh_principal *actor)
{
    return actor->role == SH_ROLE_ADMIN || actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_TOWNSHIP ||
           actor->role == SH_ROLE_SAMPLER || actor->role == SH_ROLE_INSPECTOR;
}

static json_t *rate(int64_t num, int64_t den)
{
    if (den <= 0)
        return json_null();
    return json_real(floor((double)num / (double)den * 10000.0 + 0.5) / 10000.0);
}

/* {sampled, judged, passed, failed} of key in map, created on first use. */
static json_t *counter(json_t *map, const char *key)
{
    json_t *row = json_object_get(map, key);
    if (!row) {
        row = json_pack("{s:I, s:I, s:I, s:I}", "sampled", (json_int_t)0, "judged", (json_int_t)0, "passed", (json_int_t)0, "failed",
                        (json_int_t)0);
        json_object_set_new(map, key, row);
    }
    return row;
}

static void add(json_t *row, const char *what, int64_t n)
{
    json_object_set_new(row, what, json_integer(json_integer_value(json_object_get(row, what)) + n));
}

static void count_into(json_t *row, const char *verdict, int64_t n)
{
    add(row, "sampled", n);
    if (verdict) {
        add(row, "judged", n);
        add(row, !strcmp(verdict, "pass") ? "passed" : "failed", n);
    }
}

static int cmp_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

enum key_kind { K_CATEGORY, K_TOWNSHIP, K_KIND };

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

static void division_name(sh_db *db, const char *code, char *out, size_t n)
{
    out[0] = '\0';
    sh_stmt *st = sh_db_prepare(db, "SELECT name FROM divisions WHERE code = ?", NULL);
    if (!st)
        return;
    sh_bind_text(st, 1, code);
    if (sh_stmt_step(st, NULL) == SH_ROW)
        snprintf(out, n, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
}

/* The map as rows in key order with their key, name and pass rate. */
static json_t *rows_of(sh_db *db, json_t *map, enum key_kind kk)
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
        char name[128] = "";
        const char *field = kk == K_CATEGORY ? "food_category" : kk == K_TOWNSHIP ? "township_code" : "kind";
        if (kk == K_CATEGORY)
            sh_food_category_name(db, keys[i], name, sizeof name);
        else if (kk == K_TOWNSHIP)
            division_name(db, keys[i], name, sizeof name);
        else
            snprintf(name, sizeof name, "%s", kind_label(keys[i]));
        json_object_set_new(row, field, json_string(keys[i]));
        json_object_set_new(row, "name", json_string(name));
        json_object_set_new(row, "pass_rate", rate(json_integer_value(json_object_get(row, "passed")),
                                                   json_integer_value(json_object_get(row, "judged"))));
        json_array_append_new(out, row);
    }
    free(keys);
    return out;
}

/* The batches sampled from `from` to `to` (both included), by kind, category, township, month and verdict. */
static int tally_samples(sh_db *db, const sh_principal *actor, const char *from, const char *to, json_t *total, json_t *cat,
                         json_t *town, json_t *kind, json_t *month, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT s.kind, s.food_category, substr(e.division_code, 1, 9), substr(s.sampled_on, 6, 2),"
                   " coalesce(s.final_verdict, s.verdict), count(*) FROM samples s JOIN entities e ON e.id = s.entity_id"
                   " WHERE s.status NOT IN ('assigned', 'refused', 'cancelled') AND s.sampled_on >= ");
    sh_qb_text(&qb, from);
    sh_qb_sql(&qb, " AND s.sampled_on <= ");
    sh_qb_text(&qb, to);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " GROUP BY s.kind, s.food_category, substr(e.division_code, 1, 9), substr(s.sampled_on, 6, 2),"
                   " coalesce(s.final_verdict, s.verdict)");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        const char *verdict = sh_col_is_null(st, 4) ? NULL : sh_col_text(st, 4);
        int64_t n = sh_col_int64(st, 5);
        char top[64], township[13];
        snprintf(top, sizeof top, "%s", sh_col_text(st, 1));
        char *dot = strchr(top, '.');
        if (dot)
            *dot = '\0';
        snprintf(township, sizeof township, "%.9s000", sh_col_text(st, 2));
        count_into(total, verdict, n);
        count_into(counter(cat, top), verdict, n);
        count_into(counter(town, township), verdict, n);
        count_into(counter(kind, sh_col_text(st, 0)), verdict, n);
        int m = atoi(sh_col_text(st, 3));
        if (m >= 1 && m <= 12)
            count_into(json_array_get(month, (size_t)m - 1), verdict, n);
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

struct plan_row {
    int64_t id, population, target;
    char division[13];
    int covered;
};

/* The year's plans that concern the actor: population (divisions counted once, at the largest plan,
 * none inside another counted), targets in the actor's area, and per township the items' targets. */
static int tally_plans(sh_db *db, const sh_principal *actor, int year, int64_t *population, int64_t *target, int64_t *nplans,
                       json_t *town_target, sh_err *err)
{
    *population = *target = *nplans = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT id, division_code, population, target FROM sampling_plans WHERE year = ? ORDER BY id", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, year);
    struct plan_row *plans = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        char p[13];
        sh_division_prefix(sh_col_text(st, 1), p);
        int visible = actor->scope.kind == SH_SCOPE_ALL ||
                      (actor->scope.kind == SH_SCOPE_DIVISION && actor->scope.prefix[0] &&
                       sh_division_prefixes_nested(actor->scope.prefix, p));
        if (!visible)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            plans = realloc(plans, cap * sizeof *plans);
        }
        struct plan_row *r = &plans[n++];
        r->id = sh_col_int64(st, 0);
        snprintf(r->division, sizeof r->division, "%s", sh_col_text(st, 1));
        r->population = sh_col_int64(st, 2);
        r->target = sh_col_int64(st, 3);
        r->covered = sh_scope_covers_division(&actor->scope, r->division);
    }
    sh_stmt_done(st);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        (*nplans)++;
        /* a plan of the actor's area counts whole; a wider plan (the county's, to a township) by the
         * items of the actor's area */
        if (plans[i].covered)
            *target += plans[i].target;
        st = sh_db_prepare(db, "SELECT township_code, target FROM sampling_plan_items WHERE plan_id = ? AND township_code IS NOT NULL", err);
        if (!st) {
            rc = SH_EINTERNAL;
            break;
        }
        sh_bind_int64(st, 1, plans[i].id);
        while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
            const char *t = sh_col_text(st, 0);
            if (!sh_scope_covers_division(&actor->scope, t))
                continue;
            int64_t v = sh_col_int64(st, 1);
            if (!plans[i].covered)
                *target += v;
            json_object_set_new(town_target, t, json_integer(json_integer_value(json_object_get(town_target, t)) + v));
        }
        sh_stmt_done(st);
        if (rc > 0)
            rc = 0;
    }
    /* population: each covered division once, at its largest plan; not one inside another counted */
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (!plans[i].covered)
            continue;
        char pi[13];
        sh_division_prefix(plans[i].division, pi);
        int skip = 0;
        for (size_t j = 0; j < n && !skip; j++) {
            if (j == i || !plans[j].covered)
                continue;
            char pj[13];
            sh_division_prefix(plans[j].division, pj);
            if (strlen(pj) < strlen(pi) && !strncmp(pi, pj, strlen(pj)))
                skip = 1; /* inside a wider plan */
            else if (!strcmp(pi, pj) &&
                     (plans[j].population > plans[i].population || (plans[j].population == plans[i].population && j < i)))
                skip = 1; /* the same division: its largest plan counts */
        }
        if (!skip)
            *population += plans[i].population;
    }
    free(plans);
    return rc < 0 ? rc : 0;
}

/* Samples of the year's plans taken at businesses of the actor's jurisdiction. */
static int plan_done(sh_db *db, const sh_principal *actor, int year, int64_t *done, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT count(*) FROM samples s JOIN sampling_plans p ON p.id = s.plan_id JOIN entities e ON e.id = s.entity_id"
                   " WHERE s.status NOT IN ('assigned', 'refused', 'cancelled') AND p.year = ");
    sh_qb_int64(&qb, year);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    *done = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int tally_retests(sh_db *db, const sh_principal *actor, int year, json_t *out, sh_err *err)
{
    char from[11], to[11];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT r.status, r.verdict, r.refusal_ground, count(*) FROM sample_retests r JOIN samples s ON s.id = r.sample_id"
                   " JOIN entities e ON e.id = s.entity_id WHERE s.sampled_on >= ");
    sh_qb_text(&qb, from);
    sh_qb_sql(&qb, " AND s.sampled_on <= ");
    sh_qb_text(&qb, to);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " GROUP BY r.status, r.verdict, r.refusal_ground");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *status = json_object_get(out, "by_status"), *verdict = json_object_get(out, "by_verdict"),
           *grounds = json_object_get(out, "refusal_grounds");
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        int64_t n = sh_col_int64(st, 3);
        add(out, "total", n);
        add(status, sh_col_text(st, 0), n);
        if (!sh_col_is_null(st, 1)) {
            add(verdict, sh_col_text(st, 1), n);
            if (!strcmp(sh_col_text(st, 1), "pass"))
                add(out, "overturned", n); /* a failure the re-test did not confirm */
        }
        if (!sh_col_is_null(st, 2))
            add(grounds, sh_col_text(st, 2), n);
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int tally_overdue(sh_db *db, const sh_principal *actor, const char *today, json_t *out, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT coalesce(sum(CASE WHEN s.status = 'sampled' AND s.delivered_on IS NULL AND s.delivery_due < ");
    sh_qb_text(&qb, today);
    sh_qb_sql(&qb, " THEN 1 ELSE 0 END), 0), coalesce(sum(CASE WHEN s.status IN ('delivered', 'received') AND s.reported_on IS NULL"
                   " AND s.report_due < ");
    sh_qb_text(&qb, today);
    sh_qb_sql(&qb, " THEN 1 ELSE 0 END), 0), coalesce(sum(CASE WHEN s.status <> 'cancelled' AND s.notice_sent_on IS NULL"
                   " AND s.notice_due < ");
    sh_qb_text(&qb, today);
    sh_qb_sql(&qb, " THEN 1 ELSE 0 END), 0), coalesce(sum(CASE WHEN r.status = 'requested' AND r.decide_due < ");
    sh_qb_text(&qb, today);
    sh_qb_sql(&qb, " THEN 1 ELSE 0 END), 0), coalesce(sum(CASE WHEN r.status = 'accepted' AND r.report_due < ");
    sh_qb_text(&qb, today);
    sh_qb_sql(&qb, " THEN 1 ELSE 0 END), 0) FROM samples s JOIN entities e ON e.id = s.entity_id"
                   " LEFT JOIN sample_retests r ON r.sample_id = s.id WHERE 1 = 1");
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    static const char *const names[] = {"delivery", "report", "notice", "retest_decision", "retest_report"};
    int64_t total = 0;
    for (int i = 0; i < 5; i++) {
        int64_t v = rc == SH_ROW ? sh_col_int64(st, i) : 0;
        json_object_set_new(out, names[i], json_integer(v));
        total += v;
    }
    json_object_set_new(out, "total", json_integer(total));
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static json_t *zero_counts(void)
{
    return json_pack("{s:I, s:I, s:I, s:I}", "sampled", (json_int_t)0, "judged", (json_int_t)0, "passed", (json_int_t)0, "failed",
                     (json_int_t)0);
}

int sh_sampling_pass_between(sh_db *db, const sh_principal *actor, const char *from, const char *to, json_t **ret, sh_err *err)
{
    if (!sh_sampling_figures_may_read(actor))
        return sh_fail(err, SH_EPERM, "", "您的角色无权查看抽检统计 (your role may not see sampling figures)");
    json_t *total = zero_counts(), *cat = json_object(), *town = json_object(), *kind = json_object(), *month = json_array();
    for (int m = 1; m <= 12; m++)
        json_array_append_new(month, zero_counts());
    int rc = tally_samples(db, actor, from, to, total, cat, town, kind, month, err);
    if (rc == 0) {
        json_object_set_new(total, "pass_rate", rate(json_integer_value(json_object_get(total, "passed")),
                                                     json_integer_value(json_object_get(total, "judged"))));
        json_object_set_new(total, "by_township", rows_of(db, town, K_TOWNSHIP));
        *ret = total;
        total = NULL;
    }
    json_decref(total);
    json_decref(cat);
    json_decref(town);
    json_decref(kind);
    json_decref(month);
    return rc;
}

int sh_sampling_figures(sh_db *db, const sh_principal *actor, int year, json_t **ret, sh_err *err)
{
    if (!sh_sampling_figures_may_read(actor))
        return sh_fail(err, SH_EPERM, "", "您的角色无权查看抽检统计 (your role may not see sampling figures)");
    char today[11];
    sh_today(today);
    if (!year)
        year = atoi(today);
    if (year < 2000 || year > 2100)
        return sh_fail(err, SH_EINVAL, "year", "年度应为2000-2100 (year must be 2000-2100)");
    char from[11], to[11];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    json_t *total = zero_counts();
    json_t *cat = json_object(), *town = json_object(), *kind = json_object(), *month = json_array(), *town_target = json_object();
    for (int m = 1; m <= 12; m++)
        json_array_append_new(month, json_pack("{s:i, s:I, s:I, s:I, s:I}", "month", m, "sampled", (json_int_t)0, "judged",
                                               (json_int_t)0, "passed", (json_int_t)0, "failed", (json_int_t)0));
    json_t *retests = json_pack("{s:I, s:I, s:{s:I, s:I, s:I, s:I}, s:{s:I, s:I}, s:{}}", "total", (json_int_t)0, "overturned",
                                (json_int_t)0, "by_status", "requested", (json_int_t)0, "accepted", (json_int_t)0, "refused",
                                (json_int_t)0, "reported", (json_int_t)0, "by_verdict", "pass", (json_int_t)0, "fail",
                                (json_int_t)0, "refusal_grounds");
    json_t *overdue = json_object();
    int64_t population = 0, target = 0, nplans = 0, done = 0;
    int rc = sh_db_begin_read(db, err);
    int began = rc == 0;
    if (rc == 0)
        rc = tally_samples(db, actor, from, to, total, cat, town, kind, month, err);
    if (rc == 0)
        rc = tally_plans(db, actor, year, &population, &target, &nplans, town_target, err);
    if (rc == 0)
        rc = plan_done(db, actor, year, &done, err);
    if (rc == 0)
        rc = tally_retests(db, actor, year, retests, err);
    if (rc == 0)
        rc = tally_overdue(db, actor, today, overdue, err);
    if (began)
        sh_db_rollback(db);
    if (rc == 0) {
        /* every township with a target shows, sampled or not */
        const char *k;
        json_t *v;
        json_object_foreach(town_target, k, v) counter(town, k);
        json_t *towns = rows_of(db, town, K_TOWNSHIP);
        size_t i;
        json_t *row;
        json_array_foreach(towns, i, row) {
            json_t *t = json_object_get(town_target, json_string_value(json_object_get(row, "township_code")));
            json_object_set_new(row, "plan_target", t ? json_integer(json_integer_value(t)) : json_null());
        }
        json_array_foreach(month, i, row) json_object_set_new(row, "failure_rate",
                                                                rate(json_integer_value(json_object_get(row, "failed")),
                                                                     json_integer_value(json_object_get(row, "judged"))));
        int64_t sampled = json_integer_value(json_object_get(total, "sampled"));
        char area[128];
        sh_principal_area_name(db, actor, area, sizeof area);
        json_t *out = json_pack("{s:i, s:s, s:s, s:I, s:O, s:O, s:O, s:O}", "year", year, "today", today, "area_name", area, "sampled",
                                (json_int_t)sampled, "judged", json_object_get(total, "judged"), "passed",
                                json_object_get(total, "passed"), "failed", json_object_get(total, "failed"), "retests", retests);
        json_object_set_new(out, "population", population ? json_integer(population) : json_null());
        json_object_set_new(out, "batches_per_1000",
                            population ? json_real(floor((double)sampled * 1000.0 / (double)population * 100.0 + 0.5) / 100.0)
                                       : json_null());
        json_object_set_new(out, "plan", json_pack("{s:I, s:I, s:I, s:o}", "plans", (json_int_t)nplans, "target", (json_int_t)target,
                                                   "done", (json_int_t)done, "rate", rate(done, target)));
        json_object_set_new(out, "pass_rate", rate(json_integer_value(json_object_get(total, "passed")),
                                                   json_integer_value(json_object_get(total, "judged"))));
        json_object_set_new(out, "by_category", rows_of(db, cat, K_CATEGORY));
        json_object_set_new(out, "by_township", towns);
        json_object_set_new(out, "by_kind", rows_of(db, kind, K_KIND));
        json_object_set_new(out, "by_month", json_incref(month));
        json_object_set_new(out, "overdue", json_incref(overdue));
        *ret = out;
    }
    json_decref(total);
    json_decref(cat);
    json_decref(town);
    json_decref(kind);
    json_decref(month);
    json_decref(town_target);
    json_decref(retests);
    json_decref(overdue);
    return rc;
}
