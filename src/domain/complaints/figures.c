/* The year's figures of complaints and reports (complaint.h sh_complaint_figures): completion,
 * mediation success, deadlines met and satisfaction, in total and by township, category and month.
 * Every rate comes with its counts, so the figures add up. */
#include "domain/complaints/complaint.h"

#include <stdio.h>
#include <string.h>

#include "domain/complaints/complaint_int.h"
#include "store/qb.h"
#include "store/scope.h"

typedef struct dim {
    const char *name; /* the key in the answer */
    const char *key;  /* the SQL expression grouped by */
} dim;

static const dim DIMS[] = {
    {"total", "'total'"},
    {"by_township", "c.division_code"},
    {"by_category", "c.category"},
    {"by_month", "substr(c.received_on, 1, 7)"},
};

static json_t *rate(int64_t part, int64_t whole)
{
    return whole ? json_real((double)part / (double)whole) : json_null();
}

/* Complaints received from `from` to `to` (YYYY-MM-DD, both included) in the actor's jurisdiction. */
static void scope_days(sh_qb *qb, const sh_principal *actor, const char *from, const char *to)
{
    sh_qb_sql(qb, " WHERE c.received_on >= ");
    sh_qb_text(qb, from);
    sh_qb_sql(qb, " AND c.received_on <= ");
    sh_qb_text(qb, to);
    sh_scope_division_column(qb, &actor->scope, "c.division_code");
}

/* Counts per key of one dimension, into rows {key: {...}}. */
static int counts(sh_db *db, const sh_principal *actor, const char *from, const char *to, const dim *d, json_t *rows, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT ");
    sh_qb_sql(&qb, d->key);
    sh_qb_sql(&qb, ", count(*), sum(CASE WHEN c.kind = 'complaint' THEN 1 ELSE 0 END),"
                   " sum(CASE WHEN c.kind = 'report' THEN 1 ELSE 0 END), sum(CASE WHEN c.kind = 'opinion' THEN 1 ELSE 0 END),"
                   " sum(CASE WHEN c.status = 'closed' THEN 1 ELSE 0 END),"
                   " sum(CASE WHEN c.outcome = 'agreed' THEN 1 ELSE 0 END), sum(CASE WHEN c.outcome = 'terminated' THEN 1 ELSE 0 END),"
                   " count(c.rating), sum(CASE WHEN c.rating >= 4 THEN 1 ELSE 0 END), coalesce(sum(c.rating), 0),"
                   " max(coalesce(dv.name, ''))"
                   " FROM complaints c LEFT JOIN divisions dv ON dv.code = c.division_code");
    scope_days(&qb, actor, from, to);
    sh_qb_sql(&qb, " GROUP BY 1 ORDER BY 1"); /* by position: PostgreSQL groups by no literal ('total') */
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        int64_t received = sh_col_int64(st, 1), closed = sh_col_int64(st, 5), agreed = sh_col_int64(st, 6);
        int64_t terminated = sh_col_int64(st, 7), rated = sh_col_int64(st, 8), satisfied = sh_col_int64(st, 9);
        int64_t stars = sh_col_int64(st, 10);
        const char *key = sh_col_text(st, 0);
        const char *label = !strcmp(d->name, "by_township") ? sh_col_text(st, 11)
                            : !strcmp(d->name, "by_category") ? cp_category_zh(key) : key;
        json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:o, s:I, s:I, s:o, s:I, s:I, s:o, s:o}", "key", key, "label",
                              label ? label : key, "received", (json_int_t)received, "complaints", (json_int_t)sh_col_int64(st, 2),
                              "reports", (json_int_t)sh_col_int64(st, 3), "opinions", (json_int_t)sh_col_int64(st, 4), "closed",
                              (json_int_t)closed, "completion_rate", rate(closed, received), "agreed", (json_int_t)agreed,
                              "terminated", (json_int_t)terminated, "mediation_success", rate(agreed, agreed + terminated),
                              "rated", (json_int_t)rated, "satisfied", (json_int_t)satisfied, "satisfaction",
                              rate(satisfied, rated), "average_rating", rated ? json_real((double)stars / (double)rated) : json_null());
        json_object_set_new(o, "steps_due", json_integer(0));
        json_object_set_new(o, "steps_on_time", json_integer(0));
        json_object_set_new(o, "on_time_rate", json_null());
        json_object_set_new(rows, key, o);
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* Steps that had a deadline, and those done by it, per key. */
static int on_time(sh_db *db, const sh_principal *actor, const char *from, const char *to, const dim *d, json_t *rows, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT ");
    sh_qb_sql(&qb, d->key);
    sh_qb_sql(&qb, ", count(*), sum(CASE WHEN s.late = 0 THEN 1 ELSE 0 END)"
                   " FROM complaint_steps s JOIN complaints c ON c.id = s.complaint_id");
    scope_days(&qb, actor, from, to);
    sh_qb_sql(&qb, " AND s.due_on IS NOT NULL GROUP BY 1");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        json_t *o = json_object_get(rows, sh_col_text(st, 0));
        if (!o)
            continue;
        int64_t due = sh_col_int64(st, 1), ok = sh_col_int64(st, 2);
        json_object_set_new(o, "steps_due", json_integer(due));
        json_object_set_new(o, "steps_on_time", json_integer(ok));
        json_object_set_new(o, "on_time_rate", rate(ok, due));
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_complaint_figures(sh_db *db, const sh_principal *actor, int year, json_t **ret, sh_err *err)
{
    if (!cp_is_official(actor))
        return sh_fail(err, SH_EPERM, "", "投诉举报统计供县局、乡镇（街道）监管人员查看 (figures are for county and township officials)");
    if (year < 2000 || year > 2100)
        return sh_fail(err, SH_EINVAL, "year", "年份：应为2000-2100 (year must be 2000-2100)");
    char from[11], to[11];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    int rc = sh_complaint_figures_between(db, actor, from, to, ret, err);
    if (rc == 0)
        json_object_set_new(*ret, "year", json_integer(year));
    return rc;
}

int sh_complaint_figures_between(sh_db *db, const sh_principal *actor, const char *from, const char *to, json_t **ret, sh_err *err)
{
    if (!cp_is_official(actor))
        return sh_fail(err, SH_EPERM, "", "投诉举报统计供县局、乡镇（街道）监管人员查看 (figures are for county and township officials)");
    json_t *out = json_pack("{s:s, s:s}", "from", from, "to", to);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof DIMS / sizeof DIMS[0]; i++) {
        json_t *rows = json_object();
        rc = counts(db, actor, from, to, &DIMS[i], rows, err);
        if (rc == 0)
            rc = on_time(db, actor, from, to, &DIMS[i], rows, err);
        if (!strcmp(DIMS[i].name, "total")) {
            json_t *t = json_object_get(rows, "total");
            json_object_set(out, "total", t ? t : json_null());
        } else {
            json_t *arr = json_array();
            const char *k;
            json_t *v;
            json_object_foreach(rows, k, v) json_array_append(arr, v);
            json_object_set_new(out, DIMS[i].name, arr);
        }
        json_decref(rows);
    }
    if (rc) {
        json_decref(out);
        return rc;
    }
    *ret = out;
    return 0;
}
