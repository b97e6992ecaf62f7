/* Figures of video supervision: hazards found and handled, and the review accuracy of each rule
 * and camera (declared in alert.h). Counted in SQL over the caller's jurisdiction; the Beijing
 * date of a time comes from the driver's dialect (sh_sql_day_bucket). */
#include "domain/video/alert.h"

#include <stdio.h>
#include <string.h>

#include "store/dialect.h"
#include "store/qb.h"

static int require_official(const sh_principal *a, sh_err *err)
{
    if (a->role == SH_ROLE_ADMIN || a->role == SH_ROLE_COUNTY || a->role == SH_ROLE_TOWNSHIP || a->role == SH_ROLE_VILLAGE)
        return 0;
    return sh_fail(err, SH_EPERM, "", "统计数据由县、乡镇、村(社区)监管人员查看 (figures are for county, township and village officials)");
}

/* Parses the period into [*from_ms, *to_ms) (0: open-ended). */
static int period(const char *from, const char *to, int64_t *from_ms, int64_t *to_ms, sh_err *err)
{
    int rc;
    *from_ms = *to_ms = 0;
    if (from && (rc = sh_local_day_ms(from, "from", from_ms, err)) != 0)
        return rc;
    if (to && (rc = sh_local_day_ms(to, "to", to_ms, err)) != 0)
        return rc;
    if (to)
        *to_ms += 86400000;
    if (from && to && *to_ms <= *from_ms)
        return sh_fail(err, SH_EINVAL, "to", "结束日期不能早于开始日期 (to is before from)");
    return 0;
}

static void add_period(sh_qb *qb, const char *col, int64_t from_ms, int64_t to_ms)
{
    if (from_ms) {
        sh_qb_sql(qb, " AND ");
        sh_qb_sql(qb, col);
        sh_qb_sql(qb, " >= ");
        sh_qb_int64(qb, from_ms);
    }
    if (to_ms) {
        sh_qb_sql(qb, " AND ");
        sh_qb_sql(qb, col);
        sh_qb_sql(qb, " < ");
        sh_qb_int64(qb, to_ms);
    }
}

static void add_to(json_t *o, const char *k, json_int_t n)
{
    json_object_set_new(o, k, json_integer(json_integer_value(json_object_get(o, k)) + n));
}

/* ---- accuracy ---- */

static json_t *accuracy_row(json_int_t confirmed, json_int_t fp)
{
    json_int_t reviewed = confirmed + fp;
    return json_pack("{s:I, s:I, s:I, s:f}", "reviewed", reviewed, "confirmed", confirmed, "false_positive", fp,
                     "false_positive_rate", reviewed ? (double)fp / (double)reviewed : 0.0);
}

/* by: 0 violation, 1 camera. Appends the rows to items and adds to totals (once, for by violation). */
static int accuracy_by(sh_db *db, const sh_principal *actor, int by, int64_t from_ms, int64_t to_ms, json_t *items,
                       json_t *totals, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, by ? "SELECT a.camera_id, c.name, a.entity_id, e.name," : "SELECT a.violation, v.label, 0, '',");
    sh_qb_sql(&qb,
              " count(CASE WHEN a.status = 'confirmed' THEN 1 END), count(CASE WHEN a.status = 'false_positive' THEN 1 END)"
              " FROM alerts a JOIN entities e ON e.id = a.entity_id JOIN cameras c ON c.id = a.camera_id"
              " JOIN violation_types v ON v.code = a.violation WHERE a.status IN ('confirmed', 'false_positive')");
    sh_scope_entities(&qb, &actor->scope, "e");
    add_period(&qb, "a.reviewed_at", from_ms, to_ms);
    sh_qb_sql(&qb, by ? " GROUP BY a.camera_id, c.name, a.entity_id, e.name ORDER BY 6 DESC, a.camera_id"
                      : " GROUP BY a.violation, v.label ORDER BY a.violation");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        json_int_t confirmed = sh_col_int64(st, 4), fp = sh_col_int64(st, 5);
        json_t *row = by ? json_pack("{s:I, s:s, s:I, s:s}", "camera_id", (json_int_t)sh_col_int64(st, 0), "camera_name",
                                     sh_col_text(st, 1), "entity_id", (json_int_t)sh_col_int64(st, 2), "entity_name",
                                     sh_col_text(st, 3))
                         : json_pack("{s:s, s:s}", "violation", sh_col_text(st, 0), "label", sh_col_text(st, 1));
        json_t *figures = accuracy_row(confirmed, fp);
        json_object_update(row, figures);
        json_decref(figures);
        json_array_append_new(items, row);
        if (!by) {
            add_to(totals, "confirmed", confirmed);
            add_to(totals, "false_positive", fp);
        }
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_alert_accuracy(sh_db *db, const sh_principal *actor, const char *from, const char *to, json_t **ret, sh_err *err)
{
    int rc = require_official(actor, err);
    int64_t from_ms, to_ms;
    if (rc == 0)
        rc = period(from, to, &from_ms, &to_ms, err);
    if (rc)
        return rc;
    json_t *byv = json_array(), *byc = json_array(), *sums = json_pack("{s:i, s:i}", "confirmed", 0, "false_positive", 0);
    rc = accuracy_by(db, actor, 0, from_ms, to_ms, byv, sums, err);
    if (rc == 0)
        rc = accuracy_by(db, actor, 1, from_ms, to_ms, byc, NULL, err);
    json_t *totals = accuracy_row(json_integer_value(json_object_get(sums, "confirmed")),
                                  json_integer_value(json_object_get(sums, "false_positive")));
    json_decref(sums);
    if (rc) {
        json_decref(byv);
        json_decref(byc);
        json_decref(totals);
        return rc;
    }
    *ret = json_pack("{s:s*, s:s*, s:o, s:o, s:o}", "from", from, "to", to, "by_violation", byv, "by_camera", byc, "totals",
                     totals);
    return 0;
}

/* ---- hazards found and handled ---- */

static const char *const counts[] = {"found", "confirmed", "false_positive", "awaiting", "rectified", "rectified_on_time",
                                     "overdue"};
#define NCOUNTS (sizeof counts / sizeof counts[0])

int sh_video_stats(sh_db *db, const sh_principal *actor, const char *from, const char *to, const char *group,
                   const char *today, json_t **ret, sh_err *err)
{
    int rc = require_official(actor, err);
    if (rc)
        return rc;
    if (!group)
        group = "violation";
    const char *key;
    char month_key[400];
    if (!strcmp(group, "violation"))
        key = "SELECT a.violation, v.label,";
    else if (!strcmp(group, "entity"))
        key = "SELECT CAST(a.entity_id AS TEXT), e.name,";
    else if (!strcmp(group, "township"))
        key = "SELECT coalesce(t.code, ''), coalesce(t.name, ''),";
    else if (!strcmp(group, "month")) {
        sh_sql_frag day = sh_sql_day_bucket("a.first_at");
        snprintf(month_key, sizeof month_key, "SELECT substr(%s, 1, 7), substr(%s, 1, 7),", day.sql, day.sql);
        key = month_key;
    } else
        return sh_fail(err, SH_EINVAL, "group", "应为violation、entity、township或month (group must be violation, entity, township or month)");
    int64_t from_ms, to_ms;
    if ((rc = period(from, to, &from_ms, &to_ms, err)) != 0)
        return rc;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, key);
    sh_qb_sql(&qb,
              " count(*), count(CASE WHEN a.status = 'confirmed' THEN 1 END),"
              " count(CASE WHEN a.status = 'false_positive' THEN 1 END), count(CASE WHEN a.status = 'open' THEN 1 END),"
              " count(CASE WHEN r.status = 'verified' THEN 1 END),"
              " count(CASE WHEN r.status = 'verified' AND ");
    sh_qb_sql(&qb, sh_sql_day_bucket("r.verified_at").sql);
    sh_qb_sql(&qb,
              " <= r.deadline THEN 1 END),"
              " count(CASE WHEN r.status <> 'verified' AND r.deadline < ");
    sh_qb_text(&qb, today);
    sh_qb_sql(&qb,
              " THEN 1 END)"
              " FROM alerts a JOIN entities e ON e.id = a.entity_id JOIN violation_types v ON v.code = a.violation"
              " LEFT JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000'"
              " LEFT JOIN rectifications r ON r.id = a.rectification_id WHERE a.status <> 'pending'");
    sh_scope_entities(&qb, &actor->scope, "e");
    add_period(&qb, "a.first_at", from_ms, to_ms);
    sh_qb_sql(&qb, " GROUP BY 1, 2 ORDER BY 1 LIMIT 5000");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array(), *totals = json_object();
    for (size_t i = 0; i < NCOUNTS; i++)
        json_object_set_new(totals, counts[i], json_integer(0));
    int entity = !strcmp(group, "entity");
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        json_t *row = json_pack("{s:s, s:s}", "key", sh_col_text(st, 0), "label", sh_col_text(st, 1));
        if (entity)
            json_object_set_new(row, "entity_id", json_integer(sh_col_int64(st, 0)));
        for (size_t i = 0; i < NCOUNTS; i++) {
            json_object_set_new(row, counts[i], json_integer(sh_col_int64(st, (int)i + 2)));
            add_to(totals, counts[i], sh_col_int64(st, (int)i + 2));
        }
        json_array_append_new(items, row);
    }
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(items);
        json_decref(totals);
        return rc;
    }
    *ret = json_pack("{s:s, s:s*, s:s*, s:s, s:o, s:o}", "group", group, "from", from, "to", to, "today", today, "items",
                     items, "totals", totals);
    return 0;
}
