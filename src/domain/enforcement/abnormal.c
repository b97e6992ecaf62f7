/* 经营异常名录: listings of businesses by the county with one of the four reasons, their removal once the
 * reason is cured, and the list of a jurisdiction (credit.h; db/058). */
#include "domain/enforcement/credit.h"
#include "domain/enforcement/credit_int.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "store/qb.h"
#include "store/rows.h"
#include "store/scope.h"

#define COLS                                                                                                                     \
    "a.id, a.entity_id, e.name, a.division_code, a.reason, a.decision_no, a.listed_on, a.facts, a.removed_on, a.removal_note," \
    " e.uscc"
#define FROM " FROM abnormal_listings a JOIN entities e ON e.id = a.entity_id"
#define YEARS_TO_SERIOUS 3 /* open this long: qualifies for the serious-dishonesty list (SAMR Order 44) */

static const char *const REASONS[][2] = {
    {"annual_report", "未按规定期限公示年度报告"},
    {"disclosure", "未在责令的期限内公示有关企业信息"},
    {"false_info", "公示企业信息隐瞒真实情况、弄虚作假"},
    {"unreachable", "通过登记的住所或者经营场所无法联系"},
};

const char *sh_abnormal_reason_zh(const char *reason)
{
    for (size_t i = 0; reason && i < sizeof REASONS / sizeof *REASONS; i++)
        if (!strcmp(REASONS[i][0], reason))
            return REASONS[i][1];
    return NULL;
}

static json_t *row(sh_stmt *st, void *ctx)
{
    const char *today = ctx, *listed = sh_col_text(st, 6), *reason = sh_col_text(st, 4);
    char serious_from[11];
    sh_date_add_months(listed, 12 * YEARS_TO_SERIOUS, serious_from);
    int open = sh_col_is_null(st, 8);
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:b}", "id", (json_int_t)sh_col_int64(st, 0),
                     "entity_id", (json_int_t)sh_col_int64(st, 1), "entity_name", sh_col_text(st, 2), "uscc", sh_col_text(st, 10),
                     "division_code", sh_col_text(st, 3), "reason", reason, "reason_label", sh_abnormal_reason_zh(reason),
                     "decision_no", sh_col_text(st, 5), "listed_on", listed, "facts",
                     json_string(sh_col_text(st, 7)), "removed_on", open ? json_null() : json_string(sh_col_text(st, 8)),
                     "serious_from", serious_from, "qualifies_serious", open && strcmp(today, serious_from) >= 0);
}

static int get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " COLS FROM " WHERE a.id = ");
    sh_qb_int64(&qb, id);
    if (actor->scope.kind == SH_SCOPE_DIVISION)
        sh_qb_division_prefix(&qb, "a.division_code", actor->scope.prefix);
    json_t *items = json_array();
    int rc = sh_rows_append(sh_qb_prepare(db, &qb, err), row, today, items, err);
    sh_qb_release(&qb);
    if (rc == 0 && !json_array_size(items))
        rc = sh_fail(err, SH_ENOTFOUND, "id", "经营异常名录条目不存在 (no such listing)");
    if (rc == 0)
        *ret = json_incref(json_array_get(items, 0));
    json_decref(items);
    return rc;
}

static int county_only(const sh_principal *actor, sh_err *err)
{
    if (actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_ADMIN)
        return 0;
    return sh_fail(err, SH_EPERM, "", "经营异常名录由县局列入和移出 (the county lists and removes)");
}

int sh_abnormal_add(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    int rc = county_only(actor, err);
    if (rc)
        return rc;
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    json_t *eid = json_object_get(body, "entity_id");
    if (!json_is_integer(eid) || json_integer_value(eid) <= 0)
        return sh_fail(err, SH_EINVAL, "entity_id", "经营者：请选择在档经营者 (entity_id is required)");
    int64_t entity = json_integer_value(eid);
    const char *reason = json_string_value(json_object_get(body, "reason"));
    if (!sh_abnormal_reason_zh(reason))
        return sh_fail(err, SH_EINVAL, "reason",
                       "列入事由：应为未公示年报、未按责令公示信息、隐瞒真实情况弄虚作假或住所无法联系 (reason must be annual_report, "
                       "disclosure, false_info or unreachable)");
    const char *decision = NULL, *facts = NULL;
    if ((rc = sh_body_text(body, "decision_no", "决定书文号", 4, 100, &decision, err)) != 0 ||
        (rc = sh_body_text(body, "facts", "列入情况", 4, 500, &facts, err)) != 0)
        return rc;
    char today[11], listed[11];
    sh_today(today);
    const char *l = json_string_value(json_object_get(body, "listed_on"));
    snprintf(listed, sizeof listed, "%s", l && *l ? l : today);
    if (!sh_date_valid(listed, NULL, NULL, NULL) || strcmp(listed, today) > 0)
        return sh_fail(err, SH_EINVAL, "listed_on", "列入日期：应为不晚于今天的日期 YYYY-MM-DD (listed_on must be a date not after today)");
    char division[13] = "";
    sh_stmt *st = sh_db_prepare(db, "SELECT division_code FROM entities WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity);
    if ((rc = sh_stmt_step(st, err)) == SH_ROW)
        snprintf(division, sizeof division, "%.9s000", sh_col_text(st, 0));
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW || !sh_scope_covers_division(&actor->scope, division))
        return sh_fail(err, SH_EINVAL, "entity_id", "经营者：不存在或不在您的管辖范围内 (no such business in your jurisdiction)");
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    st = sh_db_prepare(db, "SELECT count(*) FROM abnormal_listings WHERE entity_id = ? AND reason = ? AND removed_on IS NULL", err);
    if (st) {
        sh_bind_int64(st, 1, entity);
        sh_bind_text(st, 2, reason);
    }
    rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    int64_t open = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    rc = rc < 0 ? rc : open ? sh_fail(err, SH_EINVAL, "reason", "该经营者已因同一事由列入经营异常名录 (already listed for this reason)") : 0;
    int64_t id = 0;
    if (rc == 0) {
        st = sh_db_prepare(db,
                           "INSERT INTO abnormal_listings(entity_id, division_code, reason, decision_no, listed_on, facts, created_by, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           err);
        if (st) {
            sh_bind_int64(st, 1, entity);
            sh_bind_text(st, 2, division);
            sh_bind_text(st, 3, reason);
            sh_bind_text(st, 4, decision);
            sh_bind_text(st, 5, listed);
            sh_bind_text(st, 6, facts);
            sh_bind_int64_or_null(st, 7, actor->user_id);
            sh_bind_int64(st, 8, sh_now_ms());
        }
        rc = sh_stmt_insert_id(st, &id, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s}", "entity_id", (json_int_t)entity, "reason", reason, "decision_no", decision);
        rc = sh_audit(db, actor, "create", "abnormal_listing", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : get(db, actor, id, ret, err);
}

int sh_abnormal_remove(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    int rc = county_only(actor, err);
    json_t *cur = NULL;
    if (rc == 0)
        rc = get(db, actor, id, &cur, err);
    json_decref(cur);
    const char *note = NULL;
    if (rc == 0)
        rc = sh_body_text(body, "note", "移出事由", 4, 500, &note, err);
    if (rc)
        return rc;
    rc = cr_close_once(db, actor,
                       "UPDATE abnormal_listings SET removed_on = ?, removal_note = ? WHERE id = ? AND removed_on IS NULL RETURNING id", 1, id,
                       note, "已移出经营异常名录 (removed already)", "remove", "abnormal_listing", err);
    return rc ? rc : get(db, actor, id, ret, err);
}

struct list_where {
    const sh_principal *actor;
    int current;
    int64_t entity_id;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, FROM " WHERE 1 = 1");
    if (w->actor->scope.kind == SH_SCOPE_DIVISION)
        sh_qb_division_prefix(qb, "a.division_code", w->actor->scope.prefix);
    if (w->current)
        sh_qb_sql(qb, " AND a.removed_on IS NULL");
    if (w->entity_id) {
        sh_qb_sql(qb, " AND a.entity_id = ");
        sh_qb_int64(qb, w->entity_id);
    }
}

int sh_abnormal_list(sh_db *db, const sh_principal *actor, int current, int64_t entity_id, const sh_page *page, json_t **ret, sh_err *err)
{
    if (actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_TOWNSHIP)
        return sh_fail(err, SH_EPERM, "", "经营异常名录供县局、乡镇（街道）监管人员查看 (for county and township officials)");
    char today[11];
    sh_today(today);
    struct list_where w = {actor, current, entity_id};
    sh_page_query q = {COLS, list_from_where, &w, " ORDER BY CASE WHEN a.removed_on IS NULL THEN 0 ELSE 1 END, a.listed_on, a.id",
                       page->limit, page->offset, row, today};
    return sh_rows_page(db, &q, ret, err);
}
