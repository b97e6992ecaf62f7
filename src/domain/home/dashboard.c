/* The dashboard's figures (dashboard.h). Each figure is read from the function its area already
 * answers with, so the dashboard and the area's own page can never disagree:
 *   registry and 建档率      supervision/stats.c  sh_stats_completeness (open businesses, complete archives)
 *   包保 3 × 100 %          supervision/duty.c   sh_duty_completion (this period's assignments and visits)
 *   inspections            supervision/plan.c   sh_plan (the year's visits required by grade, done)
 *   sampling pass rate     sampling/figures.c   sh_sampling_pass_between (the span's judged, passed)
 *   complaints completion  complaints/figures.c sh_complaint_figures_between (the span's received, closed)
 * Hazards found and rectified are the year's rectification orders (loop/rectify.c has no figures of
 * its own): the one query below. Everything is summed into one row per township; the total is the sum
 * of the rows, so it adds up by construction. */
#include "domain/home/dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/calendar.h"
#include "domain/complaints/complaint.h"
#include "domain/registry/registry.h"
#include "domain/sampling/figures.h"
#include "domain/supervision/duty.h"
#include "domain/supervision/plan.h"
#include "domain/supervision/stats.h"
#include "store/qb.h"
#include "store/scope.h"

/* The metric catalogue: one definition per figure, shown in the console (Chinese) and written in
 * docs/metrics.md. A rate is numerator / denominator over the summed counts of its rows:
 *   businesses          entities not closed or revoked (the registry's open businesses)
 *   archive_rate        archived / businesses: open businesses whose archive fields are complete
 *   assignment_rate     duty_assigned / duty_businesses: active businesses with an official in charge
 *   visit_rate          visits_done / visits_required: 包保 visits this period, each capped at the need
 *   inspection_rate     inspections_done / inspections_required: this year's inspections, capped per
 *                       business at what its risk grade requires
 *   hazards_found       rectification orders opened this Beijing year
 *   rectification_rate  hazards_rectified / hazards_found: of this year's orders, those verified
 *   pass_rate           samples_passed / samples_judged: this year's samples by final verdict
 *   completion_rate     complaints_closed / complaints_received: complaints received this year, closed
 * A report's period (sh_dashboard_span) counts hazards, samples and complaints within its days instead of
 * the year; the rest as above (docs/metrics.md, "Reports"). */
typedef struct metric {
    const char *key, *label, *unit, *numerator, *denominator, *definition;
    const char *span_definition; /* counted within a report's period instead of the year; NULL: as above */
} metric;

static const metric CATALOGUE[] = {
    {"businesses", "在册经营主体", "户", NULL, NULL, "登记在册、未注销未吊销的经营主体数", NULL},
    {"archive_rate", "建档率", "%", "archived", "businesses", "档案字段齐全的在册主体 ÷ 在册主体", NULL},
    {"assignment_rate", "包保落实率", "%", "duty_assigned", "duty_businesses", "有包保干部的在营主体 ÷ 在营主体", NULL},
    {"visit_rate", "包保走访完成率", "%", "visits_done", "visits_required", "本周期已走访次数（每项不超过应走访次数）÷ 应走访次数",
     "报告期末所在走访周期已走访次数（每项不超过应走访次数）÷ 应走访次数"},
    {"inspection_rate", "监督检查完成率", "%", "inspections_done", "inspections_required",
     "本年已完成检查次数（每户不超过应检次数）÷ 按风险等级应检次数", "报告期所在年度已完成检查次数（每户不超过应检次数）÷ 按风险等级应检次数"},
    {"hazards_found", "发现隐患", "条", NULL, NULL, "本年开出的整改单数", "报告期内开出的整改单数"},
    {"rectification_rate", "隐患整改率", "%", "hazards_rectified", "hazards_found", "本年开出且已验收的整改单 ÷ 本年开出的整改单",
     "报告期内开出且已验收的整改单 ÷ 报告期内开出的整改单"},
    {"pass_rate", "抽检合格率", "%", "samples_passed", "samples_judged", "本年抽样批次中判定合格的 ÷ 已判定的（以复检终判为准）",
     "报告期内抽样批次中判定合格的 ÷ 已判定的（以复检终判为准）"},
    {"completion_rate", "投诉举报办结率", "%", "complaints_closed", "complaints_received", "本年受理且已办结的 ÷ 本年受理的",
     "报告期内受理且已办结的 ÷ 报告期内受理的"},
};
#define NMETRICS (sizeof CATALOGUE / sizeof CATALOGUE[0])

static const char *const COUNTS[] = {"businesses", "archived", "duty_businesses", "duty_assigned", "visits_required", "visits_done",
                                     "inspections_required", "inspections_done", "hazards_found", "hazards_rectified",
                                     "samples_judged", "samples_passed", "complaints_received", "complaints_closed"};
#define NCOUNTS (sizeof COUNTS / sizeof COUNTS[0])

static json_t *zero_row(const char *code, const char *name)
{
    json_t *r = json_pack("{s:s, s:s}", "code", code, "name", name);
    for (size_t i = 0; i < NCOUNTS; i++)
        json_object_set_new(r, COUNTS[i], json_integer(0));
    return r;
}

static void add(json_t *row, const char *key, json_int_t v)
{
    json_object_set_new(row, key, json_integer(json_integer_value(json_object_get(row, key)) + v));
}

/* The township's row, made when a source names a township the list did not (kept in `order`). */
static json_t *row_of(json_t *rows, json_t *order, const char *code, const char *name)
{
    json_t *r = json_object_get(rows, code);
    if (!r) {
        r = zero_row(code, name ? name : code);
        json_object_set_new(rows, code, r);
        json_array_append(order, r);
    }
    return r;
}

static json_int_t num(const json_t *o, const char *key) { return json_integer_value(json_object_get(o, key)); }
static const char *str(const json_t *o, const char *key) { return json_string_value(json_object_get(o, key)); }

/* Adds a source's per-township array: code_key names the township, pairs map source to row keys. */
static void merge(json_t *rows, json_t *order, const json_t *items, const char *code_key, const char *name_key,
                  const char *const (*pairs)[2], size_t npairs)
{
    size_t i;
    const json_t *it;
    json_array_foreach(items, i, it)
    {
        const char *code = str(it, code_key);
        if (!code)
            continue;
        json_t *r = row_of(rows, order, code, str(it, name_key));
        for (size_t p = 0; p < npairs; p++)
            add(r, pairs[p][1], num(it, pairs[p][0]));
    }
}

/* The rectification orders opened from `from` to `to` (Beijing days, both included) at the
 * jurisdiction's businesses, by township: opened, verified. */
static int hazards(sh_db *db, const sh_principal *actor, const char *from, const char *to, json_t *rows, json_t *order, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT substr(e.division_code, 1, 9) || '000', count(*), count(CASE WHEN r.status = 'verified' THEN 1 END)"
                   " FROM rectifications r JOIN entities e ON e.id = r.entity_id WHERE r.created_at >= ");
    sh_qb_int64(&qb, sh_beijing_day_start_ms(sh_date_days(from)));
    sh_qb_sql(&qb, " AND r.created_at < ");
    sh_qb_int64(&qb, sh_beijing_day_start_ms(sh_date_days(to) + 1));
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " GROUP BY substr(e.division_code, 1, 9) || '000'");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        json_t *r = row_of(rows, order, sh_col_text(st, 0), NULL);
        add(r, "hazards_found", sh_col_int64(st, 1));
        add(r, "hazards_rectified", sh_col_int64(st, 2));
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* Complaints are handled in a township or by the county itself (division_code at county level). */
static void merge_complaints(json_t *rows, json_t *order, const json_t *items, json_t *county_level)
{
    size_t i;
    const json_t *it;
    json_array_foreach(items, i, it)
    {
        const char *code = str(it, "key");
        json_t *r = code && strlen(code) == 12 ? row_of(rows, order, code, str(it, "label")) : county_level;
        add(r, "complaints_received", num(it, "received"));
        add(r, "complaints_closed", num(it, "closed"));
    }
}

/* Each catalogue rate of a row from its counts. */
static void rates(json_t *row)
{
    for (size_t m = 0; m < NMETRICS; m++) {
        if (!CATALOGUE[m].numerator)
            continue;
        json_int_t d = num(row, CATALOGUE[m].denominator);
        json_object_set_new(row, CATALOGUE[m].key, d ? json_real((double)num(row, CATALOGUE[m].numerator) / (double)d) : json_null());
    }
}

/* span: the figures are a report period's, so the periodic ones say so. */
static json_t *catalogue(int span)
{
    json_t *out = json_array();
    for (size_t m = 0; m < NMETRICS; m++) {
        const metric *c = &CATALOGUE[m];
        json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:s*, s:s*, s:s}", "key", c->key, "label", c->label, "unit", c->unit,
                                             "numerator", c->numerator, "denominator", c->denominator, "definition",
                                             span && c->span_definition ? c->span_definition : c->definition));
    }
    return out;
}

static const char *const COMPLETENESS[][2] = {{"total", "businesses"}, {"complete", "archived"}};
static const char *const DUTY[][2] = {{"businesses", "duty_businesses"}, {"assigned", "duty_assigned"},
                                      {"visits_required", "visits_required"}, {"visits_done", "visits_done"}};
static const char *const PLAN[][2] = {{"required", "inspections_required"}, {"done", "inspections_done"}};
static const char *const SAMPLING[][2] = {{"judged", "samples_judged"}, {"passed", "samples_passed"}};
#define NPAIRS(a) (sizeof a / sizeof a[0])

/* The figures of the days from `from` to `to` of one year: the periodic ones counted within them, 包保
 * in its period containing `asof`, inspections over the year as sh_plan answers on `asof`. */
static int figures(sh_db *db, const sh_principal *actor, const char *from, const char *to, const char *asof, int span, json_t **ret,
                   sh_err *err)
{
    if (actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_TOWNSHIP && actor->role != SH_ROLE_ADMIN)
        return sh_fail(err, SH_EPERM, "", "大屏供县、乡镇（街道）监管人员查看 (the dashboard is for county and township officials)");
    int64_t generated_at = sh_now_ms();
    char today[11];
    sh_today(today);
    int year = atoi(from);
    json_t *rows = json_object(), *order = json_array(), *county_level = json_pack("{s:i, s:i}", "complaints_received", 0,
                                                                                      "complaints_closed", 0);
    json_t *towns = NULL, *comp = NULL, *duty = NULL, *plan = NULL, *sampling = NULL, *complaints = NULL;
    int rc = sh_divisions_list(db, actor, NULL, &towns, err);
    if (rc == 0) {
        size_t i;
        const json_t *t;
        json_array_foreach(towns, i, t) row_of(rows, order, str(t, "code"), str(t, "name"));
        rc = sh_stats_completeness(db, actor, NULL, &comp, err);
    }
    if (rc == 0) {
        merge(rows, order, json_object_get(comp, "items"), "township_code", "township_name", COMPLETENESS, NPAIRS(COMPLETENESS));
        rc = sh_duty_completion(db, actor, asof, &duty, err);
    }
    if (rc == 0) {
        merge(rows, order, json_object_get(duty, "townships"), "township_code", "township_name", DUTY, NPAIRS(DUTY));
        rc = sh_plan(db, actor, year, asof, &(sh_page){1, 0}, &plan, err); /* its townships; the list of who is behind is not shown */
    }
    if (rc == 0) {
        merge(rows, order, json_object_get(plan, "townships"), "township_code", "township_name", PLAN, NPAIRS(PLAN));
        rc = hazards(db, actor, from, to, rows, order, err);
    }
    if (rc == 0)
        rc = sh_sampling_pass_between(db, actor, from, to, &sampling, err);
    if (rc == 0) {
        merge(rows, order, json_object_get(sampling, "by_township"), "township_code", "name", SAMPLING, NPAIRS(SAMPLING));
        rc = sh_complaint_figures_between(db, actor, from, to, &complaints, err);
    }
    if (rc == 0)
        merge_complaints(rows, order, json_object_get(complaints, "by_township"), county_level);
    json_decref(towns);
    json_decref(comp);
    json_decref(duty);
    json_decref(plan);
    json_decref(sampling);
    json_decref(complaints);
    json_decref(rows);
    if (rc) {
        json_decref(order);
        json_decref(county_level);
        return rc;
    }
    json_t *total = zero_row("", "合计");
    json_object_del(total, "code");
    size_t i;
    json_t *r;
    json_array_foreach(order, i, r)
    {
        for (size_t c = 0; c < NCOUNTS; c++)
            add(total, COUNTS[c], num(r, COUNTS[c]));
        rates(r);
    }
    add(total, "complaints_received", num(county_level, "complaints_received"));
    add(total, "complaints_closed", num(county_level, "complaints_closed"));
    rates(total);
    *ret = json_pack("{s:I, s:s, s:i, s:s, s:s, s:o, s:o, s:o, s:o}", "generated_at", (json_int_t)generated_at, "today", today, "year",
                     year, "from", from, "to", to, "figures", catalogue(span), "townships", order, "county_level", county_level, "total",
                     total);
    return 0;
}

int sh_dashboard(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err)
{
    char today[11], from[11], to[11];
    sh_today(today);
    snprintf(from, sizeof from, "%.4s-01-01", today);
    snprintf(to, sizeof to, "%.4s-12-31", today);
    return figures(db, actor, from, to, today, 0, ret, err);
}

int sh_dashboard_span(sh_db *db, const sh_principal *actor, const char *from, const char *to, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    return figures(db, actor, from, to, strcmp(to, today) < 0 ? to : today, 1, ret, err);
}

int sh_dashboard_trend(sh_db *db, const sh_principal *actor, int year, int last_month, json_t **ret, sh_err *err)
{
    json_t *out = json_array();
    int rc = 0;
    for (int m = 1; rc == 0 && m <= last_month; m++) {
        char from[11], to[11];
        snprintf(from, sizeof from, "%04d-%02d-01", year, m);
        snprintf(to, sizeof to, "%04d-%02d-%02d", year, m, sh_month_days(year, m));
        json_t *rows = json_object(), *order = json_array(), *sampling = NULL;
        json_t *month = zero_row(from, "");
        rc = hazards(db, actor, from, to, rows, order, err);
        if (rc == 0)
            rc = sh_sampling_pass_between(db, actor, from, to, &sampling, err);
        if (rc == 0) {
            size_t i;
            json_t *r;
            json_array_foreach(order, i, r)
            {
                add(month, "hazards_found", num(r, "hazards_found"));
                add(month, "hazards_rectified", num(r, "hazards_rectified"));
            }
            add(month, "samples_judged", num(sampling, "judged"));
            add(month, "samples_passed", num(sampling, "passed"));
            rates(month);
            json_t *row = json_pack("{s:i, s:I, s:I, s:O, s:I, s:I, s:O}", "month", m, "hazards_found", num(month, "hazards_found"),
                                    "hazards_rectified", num(month, "hazards_rectified"), "rectification_rate",
                                    json_object_get(month, "rectification_rate"), "samples_judged", num(month, "samples_judged"),
                                    "samples_passed", num(month, "samples_passed"), "pass_rate", json_object_get(month, "pass_rate"));
            json_array_append_new(out, row);
        }
        json_decref(sampling);
        json_decref(month);
        json_decref(rows);
        json_decref(order);
    }
    if (rc) {
        json_decref(out);
        return rc;
    }
    *ret = out;
    return 0;
}
