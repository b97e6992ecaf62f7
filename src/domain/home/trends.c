/* Figures by month (trends.h). Each figure is a count of one table's rows whose own date falls in the
 * month (Beijing time), of businesses (or, for complaints, handling divisions) in the caller's
 * jurisdiction; the rows and the conditions are the ones the area's pages count (video_stats.c for
 * alerts, sampling/figures.c for samples, complaints/figures.c for complaints, the dashboard for
 * hazards). Months are grouped in SQL both databases speak: a date text's first 7 characters, or the
 * dialect's day bucket (store/dialect.h) of an instant in ms. */
#include "domain/home/trends.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "domain/base/calendar.h"
#include "store/dialect.h"
#include "store/qb.h"
#include "store/scope.h"

typedef struct trend {
    const char *key, *label, *unit, *definition;
    const char *from;  /* FROM … WHERE …: the rows counted; businesses are e, unless division_col is set */
    const char *when;  /* the row's date: an instant in ms, or a 'YYYY-MM-DD' text when text is 1 */
    int text;
    const char *division_col; /* scoped by this division code instead of the business's */
} trend;

static const trend CATALOGUE[] = {
    {"inspections_done", "完成检查", "次", "当月完成的监督检查次数（按完成时间）",
     "FROM inspections x JOIN entities e ON e.id = x.entity_id WHERE x.status = 'completed'", "x.completed_at", 0, NULL},
    {"hazards_found", "发现隐患", "条", "当月开出的整改单数（按开单时间）",
     "FROM rectifications x JOIN entities e ON e.id = x.entity_id WHERE 1 = 1", "x.created_at", 0, NULL},
    {"hazards_rectified", "隐患整改验收", "条", "当月验收通过的整改单数（按验收时间）",
     "FROM rectifications x JOIN entities e ON e.id = x.entity_id WHERE x.status = 'verified'", "x.verified_at", 0, NULL},
    {"alerts", "视频告警", "条", "当月首次发现的视频告警数（不含未达持续时长的疑似告警）",
     "FROM alerts x JOIN entities e ON e.id = x.entity_id WHERE x.status <> 'pending'", "x.first_at", 0, NULL},
    {"complaints_received", "受理投诉举报", "件", "当月收到的投诉、举报和意见件数（按收到日期，含县局直接办理的）",
     "FROM complaints x WHERE 1 = 1", "x.received_on", 1, "x.division_code"},
    {"samples", "抽样批次", "批", "当月抽样的批次数（按抽样日期，不含拒检、取消的）",
     "FROM samples x JOIN entities e ON e.id = x.entity_id WHERE x.status NOT IN ('assigned', 'refused', 'cancelled')",
     "x.sampled_on", 1, NULL},
    {"samples_failed", "抽检不合格", "批", "当月抽样的批次中判定不合格的（以复检终判为准）",
     "FROM samples x JOIN entities e ON e.id = x.entity_id WHERE x.status NOT IN ('assigned', 'refused', 'cancelled')"
     " AND coalesce(x.final_verdict, x.verdict) = 'fail'",
     "x.sampled_on", 1, NULL},
};
#define NTRENDS (sizeof CATALOGUE / sizeof CATALOGUE[0])

static const trend *find(const char *key, size_t len)
{
    for (size_t i = 0; i < NTRENDS; i++)
        if (strlen(CATALOGUE[i].key) == len && !strncmp(CATALOGUE[i].key, key, len))
            return &CATALOGUE[i];
    return NULL;
}

/* The figures asked for, in the order asked (each once); all of them for NULL. */
static int pick(const char *metrics, const trend **out, size_t *n, sh_err *err)
{
    *n = 0;
    if (!metrics) {
        for (size_t i = 0; i < NTRENDS; i++)
            out[(*n)++] = &CATALOGUE[i];
        return 0;
    }
    for (const char *p = metrics;; p++) {
        size_t len = strcspn(p, ",");
        const trend *t = find(p, len);
        if (!t)
            return sh_fail(err, SH_EINVAL, "metric", "指标无效 (unknown metric)");
        int seen = 0;
        for (size_t i = 0; i < *n; i++)
            seen |= out[i] == t;
        if (!seen)
            out[(*n)++] = t;
        p += len;
        if (!*p)
            break;
    }
    return 0;
}

/* Month keys first..last ("YYYY-MM") and the first day of each and of the month after. */
typedef struct span {
    int n;
    char key[SH_TRENDS_MAX_MONTHS][8];
    char from[11], to[11]; /* [from, to): the first day of the first month, of the month after the last */
} span;

static void months_to(const char *today, int n, span *s)
{
    int y = atoi(today), m = atoi(today + 5);
    s->n = n;
    for (int i = n - 1; i >= 0; i--) {
        snprintf(s->key[i], sizeof s->key[i], "%04d-%02d", y, m);
        if (--m == 0)
            m = 12, y--;
    }
    snprintf(s->from, sizeof s->from, "%s-01", s->key[0]);
    int ly = atoi(s->key[n - 1]), lm = atoi(s->key[n - 1] + 5) + 1;
    if (lm == 13)
        lm = 1, ly++;
    snprintf(s->to, sizeof s->to, "%04d-%02d-01", ly, lm);
}

/* " AND when op date": the date as text, or as the epoch ms its Beijing day starts at. */
static void add_bound(sh_qb *qb, const trend *t, const char *op, const char *date)
{
    sh_qb_sql(qb, " AND ");
    sh_qb_sql(qb, t->when);
    sh_qb_sql(qb, op);
    if (t->text)
        sh_qb_text(qb, date);
    else
        sh_qb_int64(qb, sh_beijing_day_start_ms(sh_date_days(date)));
}

/* One figure's counts by month into values (zeros where a month has none). */
static int count(sh_db *db, const sh_principal *actor, const trend *t, const span *s, json_t *values, json_int_t *total,
                 sh_err *err)
{
    char month[200];
    if (t->text)
        snprintf(month, sizeof month, "substr(%s, 1, 7)", t->when);
    else
        snprintf(month, sizeof month, "substr(%s, 1, 7)", sh_sql_day_bucket(t->when).sql);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT ");
    sh_qb_sql(&qb, month);
    sh_qb_sql(&qb, ", count(*) ");
    sh_qb_sql(&qb, t->from);
    add_bound(&qb, t, " >= ", s->from);
    add_bound(&qb, t, " < ", s->to);
    if (!t->division_col)
        sh_scope_entities(&qb, &actor->scope, "e");
    else
        sh_scope_division_column(&qb, &actor->scope, t->division_col);
    sh_qb_sql(&qb, " GROUP BY 1");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        const char *key = sh_col_text(st, 0);
        for (int i = 0; key && i < s->n; i++)
            if (!strcmp(key, s->key[i])) {
                json_array_set_new(values, (size_t)i, json_integer(sh_col_int64(st, 1)));
                *total += sh_col_int64(st, 1);
            }
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_trends(sh_db *db, const sh_principal *actor, const char *metrics, int months, json_t **ret, sh_err *err)
{
    if (actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_TOWNSHIP && actor->role != SH_ROLE_ADMIN)
        return sh_fail(err, SH_EPERM, "", "月度趋势供县、乡镇（街道）监管人员查看 (trends are for county and township officials)");
    if (months < 1 || months > SH_TRENDS_MAX_MONTHS)
        return sh_fail(err, SH_EINVAL, "months", "月数应为1至24 (months must be 1 to 24)");
    const trend *asked[NTRENDS];
    size_t n;
    int rc = pick(metrics, asked, &n, err);
    if (rc)
        return rc;
    char today[11];
    sh_today(today);
    span s;
    months_to(today, months, &s);
    json_t *keys = json_array(), *figures = json_array();
    for (int i = 0; i < s.n; i++)
        json_array_append_new(keys, json_string(s.key[i]));
    for (size_t f = 0; f < n && rc == 0; f++) {
        json_t *values = json_array();
        for (int i = 0; i < s.n; i++)
            json_array_append_new(values, json_integer(0));
        json_int_t total = 0;
        rc = count(db, actor, asked[f], &s, values, &total, err);
        json_array_append_new(figures, json_pack("{s:s, s:s, s:s, s:s, s:o, s:I}", "key", asked[f]->key, "label", asked[f]->label,
                                                 "unit", asked[f]->unit, "definition", asked[f]->definition, "values", values,
                                                 "total", total));
    }
    if (rc) {
        json_decref(keys);
        json_decref(figures);
        return rc;
    }
    *ret = json_pack("{s:s, s:o, s:o}", "today", today, "months", keys, "figures", figures);
    return 0;
}
