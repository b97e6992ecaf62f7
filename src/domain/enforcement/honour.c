/* The red and black lists and the joint-punishment flags (credit.h). */
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

#define OPT_TEXT(st, c) (sh_col_is_null(st, c) ? json_null() : json_string(sh_col_text(st, c)))
#define COLS "h.id, h.list_kind, h.subject_kind, h.entity_id, h.subject_name, h.division_code, h.reason, h.from_on, h.until_on, h.removed_on"

static int county_only(const sh_principal *actor, sh_err *err)
{
    if (actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_ADMIN)
        return 0;
    return sh_fail(err, SH_EPERM, "", "红黑榜由县局发布 (the county keeps the lists)");
}

static json_t *row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)sh_col_int64(st, 0), "list_kind",
                     sh_col_text(st, 1), "subject_kind", sh_col_text(st, 2), "entity_id",
                     sh_col_is_null(st, 3) ? json_null() : json_integer(sh_col_int64(st, 3)), "subject_name", sh_col_text(st, 4),
                     "division_code", sh_col_text(st, 5), "reason", sh_col_text(st, 6), "from_on", sh_col_text(st, 7), "until_on",
                     sh_col_text(st, 8), "removed_on", OPT_TEXT(st, 9));
}

static int get(sh_db *db, int64_t id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT " COLS " FROM honour_lists h WHERE h.id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret = row(st, NULL);
    sh_stmt_done(st);
    return rc < 0 ? rc : rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "id", "红黑榜条目不存在 (no such entry)");
}

int sh_honour_add(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    int rc = county_only(actor, err);
    if (rc)
        return rc;
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *kind = json_string_value(json_object_get(body, "list_kind"));
    const char *subject = json_string_value(json_object_get(body, "subject_kind"));
    if (!kind || (strcmp(kind, "red") && strcmp(kind, "black")))
        return sh_fail(err, SH_EINVAL, "list_kind", "榜单：应为红榜或黑榜 (list_kind must be red or black)");
    if (!subject || (strcmp(subject, "business") && strcmp(subject, "unit") && strcmp(subject, "staff")))
        return sh_fail(err, SH_EINVAL, "subject_kind", "对象类型：应为经营者、单位或工作人员 (subject_kind must be business, unit or staff)");
    const char *name = NULL, *reason = NULL, *division = NULL;
    char buf_name[201] = "", buf_division[13] = "";
    int64_t entity = 0;
    json_t *eid = json_object_get(body, "entity_id");
    if (!strcmp(subject, "business")) {
        if (!json_is_integer(eid))
            return sh_fail(err, SH_EINVAL, "entity_id", "经营者：请选择在档经营者 (entity_id is required for a business)");
        entity = json_integer_value(eid);
        sh_stmt *st = sh_db_prepare(db, "SELECT name, division_code FROM entities WHERE id = ?", err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, entity);
        if ((rc = sh_stmt_step(st, err)) == SH_ROW) {
            snprintf(buf_name, sizeof buf_name, "%s", sh_col_text(st, 0));
            snprintf(buf_division, sizeof buf_division, "%.9s000", sh_col_text(st, 1));
        }
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        if (rc != SH_ROW || !sh_scope_covers_division(&actor->scope, buf_division))
            return sh_fail(err, SH_EINVAL, "entity_id", "经营者：不存在或不在您的管辖范围内 (no such business in your jurisdiction)");
        name = buf_name;
        division = buf_division;
    } else {
        if ((rc = sh_body_text(body, "subject_name", "对象名称", 2, 100, &name, err)) != 0)
            return rc;
        division = json_string_value(json_object_get(body, "division_code"));
        if (!division || !sh_scope_covers_division(&actor->scope, division))
            return sh_fail(err, SH_EINVAL, "division_code", "所在地区：应为您管辖的县或乡镇（街道） (division_code must be in your jurisdiction)");
    }
    if ((rc = sh_body_text(body, "reason", "事由", 4, 500, &reason, err)) != 0)
        return rc;
    char today[11], from[11], until_max[11];
    sh_today(today);
    const char *f = json_string_value(json_object_get(body, "from_on"));
    snprintf(from, sizeof from, "%s", f && *f ? f : today);
    const char *until = json_string_value(json_object_get(body, "until_on"));
    sh_date_add_days(from, 5 * 366, until_max);
    if (!sh_date_valid(from, NULL, NULL, NULL))
        return sh_fail(err, SH_EINVAL, "from_on", "起始日期：应为日期 YYYY-MM-DD (from_on must be a date)");
    if (!until || !sh_date_valid(until, NULL, NULL, NULL) || strcmp(until, from) <= 0 || strcmp(until, until_max) > 0)
        return sh_fail(err, SH_EINVAL, "until_on", "截止日期：应在起始日期之后，且不超过五年 (until_on must be after from_on, within 5 years)");
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    int64_t id = 0;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO honour_lists(list_kind, subject_kind, entity_id, subject_name, division_code, reason, from_on,"
                                " until_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (st) {
        sh_bind_text(st, 1, kind);
        sh_bind_text(st, 2, subject);
        sh_bind_int64_or_null(st, 3, entity);
        sh_bind_text(st, 4, name);
        sh_bind_text(st, 5, division);
        sh_bind_text(st, 6, reason);
        sh_bind_text(st, 7, from);
        sh_bind_text(st, 8, until);
        sh_bind_int64_or_null(st, 9, actor->user_id);
        sh_bind_int64(st, 10, sh_now_ms());
    }
    rc = sh_stmt_insert_id(st, &id, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s, s:s}", "list_kind", kind, "subject_kind", subject, "subject_name", name);
        rc = sh_audit(db, actor, "create", "honour_list", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : get(db, id, ret, err);
}

int sh_honour_remove(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    int rc = county_only(actor, err);
    json_t *cur = NULL;
    if (rc == 0)
        rc = get(db, id, &cur, err);
    if (rc == 0 && !sh_scope_covers_division(&actor->scope, json_string_value(json_object_get(cur, "division_code"))))
        rc = sh_fail(err, SH_ENOTFOUND, "id", "红黑榜条目不存在 (no such entry)");
    json_decref(cur);
    const char *note = NULL;
    if (rc == 0)
        rc = sh_body_text(body, "note", "说明", 2, 500, &note, err);
    if (rc)
        return rc;
    rc = cr_close_once(db, actor, "UPDATE honour_lists SET removed_on = ? WHERE id = ? AND removed_on IS NULL RETURNING id", 0, id, note,
                       "该条目已撤下 (removed already)", "remove", "honour_list", err);
    return rc ? rc : get(db, id, ret, err);
}

struct list_where {
    const sh_principal *actor;
    const char *list_kind, *today;
    int current;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, " FROM honour_lists h WHERE 1 = 1");
    if (w->actor->scope.kind == SH_SCOPE_DIVISION)
        sh_qb_division_prefix(qb, "h.division_code", w->actor->scope.prefix);
    if (w->list_kind) {
        sh_qb_sql(qb, " AND h.list_kind = ");
        sh_qb_text(qb, w->list_kind);
    }
    if (w->current) {
        sh_qb_sql(qb, " AND h.removed_on IS NULL AND h.from_on <= ");
        sh_qb_text(qb, w->today);
        sh_qb_sql(qb, " AND h.until_on >= ");
        sh_qb_text(qb, w->today);
    }
}

int sh_honour_list(sh_db *db, const sh_principal *actor, const char *list_kind, int current, const sh_page *page, json_t **ret, sh_err *err)
{
    if (actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_TOWNSHIP)
        return sh_fail(err, SH_EPERM, "", "红黑榜供县局、乡镇（街道）监管人员查看 (for county and township officials)");
    if (list_kind && strcmp(list_kind, "red") && strcmp(list_kind, "black"))
        return sh_fail(err, SH_EINVAL, "list_kind", "榜单：应为红榜或黑榜 (list_kind must be red or black)");
    char today[11];
    sh_today(today);
    struct list_where w = {actor, list_kind, today, current};
    sh_page_query q = {COLS, list_from_where, &w, " ORDER BY h.id DESC", page->limit, page->offset, row, NULL};
    return sh_rows_page(db, &q, ret, err);
}

static json_t *public_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "list_kind", sh_col_text(st, 1), "subject_kind", sh_col_text(st, 2), "subject_name",
                     sh_col_text(st, 4), "reason", sh_col_text(st, 6), "from_on", sh_col_text(st, 7), "until_on", sh_col_text(st, 8));
}

struct public_where {
    const char *today, *list_kind;
};

static void public_from_where(sh_qb *qb, const void *ctx)
{
    const struct public_where *w = ctx;
    sh_qb_sql(qb, " FROM honour_lists h WHERE h.removed_on IS NULL AND h.from_on <= ");
    sh_qb_text(qb, w->today);
    sh_qb_sql(qb, " AND h.until_on >= ");
    sh_qb_text(qb, w->today);
    sh_qb_sql(qb, " AND NOT (h.list_kind = 'black' AND h.subject_kind = 'staff')");
    if (w->list_kind) {
        sh_qb_sql(qb, " AND h.list_kind = ");
        sh_qb_text(qb, w->list_kind);
    }
}

int sh_honour_public(sh_db *db, const char *list_kind, const sh_page *page, json_t **ret, sh_err *err)
{
    if (list_kind && strcmp(list_kind, "red") && strcmp(list_kind, "black"))
        return sh_fail(err, SH_EINVAL, "list_kind", "榜单：应为红榜或黑榜 (list_kind must be red or black)");
    char today[11];
    sh_today(today);
    struct public_where w = {today, list_kind};
    sh_page_query q = {COLS, public_from_where, &w, " ORDER BY h.list_kind DESC, h.id DESC", page->limit, page->offset, public_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}

int sh_credit_flags(sh_db *db, int64_t entity_id, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    json_t *flags = json_array(), *red = json_array();
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT reason, ends_at FROM credit_listings WHERE entity_id = ? AND list_kind = 'serious_dishonesty'"
                                " AND removed_at IS NULL AND listed_at <= ? AND (ends_at IS NULL OR ends_at > ?)",
                                err);
    int rc = st ? 0 : SH_EINTERNAL;
    if (st) {
        int64_t now = sh_now_ms();
        sh_bind_int64(st, 1, entity_id);
        sh_bind_int64(st, 2, now);
        sh_bind_int64(st, 3, now);
        while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
            char until[11] = "";
            if (!sh_col_is_null(st, 1))
                sh_date_of_days(sh_beijing_days(sh_col_int64(st, 1)), until);
            json_array_append_new(flags, json_pack("{s:s, s:s, s:s, s:s}", "kind", "serious_dishonesty", "label", "严重违法失信名单",
                                                   "reason", sh_col_text(st, 0), "until", until));
        }
        sh_stmt_done(st);
        rc = rc < 0 ? rc : 0;
    }
    if (rc == 0 && (st = sh_db_prepare(db, "SELECT reason, listed_on FROM abnormal_listings WHERE entity_id = ? AND removed_on IS NULL ORDER BY id",
                                       err)) != NULL) {
        sh_bind_int64(st, 1, entity_id);
        while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
            char reason[160];
            snprintf(reason, sizeof reason, "%s（%s列入）", sh_abnormal_reason_zh(sh_col_text(st, 0)), sh_col_text(st, 1));
            json_array_append_new(flags, json_pack("{s:s, s:s, s:s, s:s}", "kind", "abnormal", "label", "经营异常名录", "reason", reason,
                                                   "until", ""));
        }
        sh_stmt_done(st);
        rc = rc < 0 ? rc : 0;
    }
    if (rc == 0 && (st = sh_db_prepare(db,
                                       "SELECT list_kind, reason, until_on FROM honour_lists WHERE entity_id = ? AND removed_on IS NULL"
                                       " AND from_on <= ? AND until_on >= ?",
                                       err)) != NULL) {
        sh_bind_int64(st, 1, entity_id);
        sh_bind_text(st, 2, today);
        sh_bind_text(st, 3, today);
        while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
            if (!strcmp(sh_col_text(st, 0), "black"))
                json_array_append_new(flags, json_pack("{s:s, s:s, s:s, s:s}", "kind", "black_list", "label", "黑榜", "reason",
                                                       sh_col_text(st, 1), "until", sh_col_text(st, 2)));
            else
                json_array_append_new(red, json_pack("{s:s, s:s}", "reason", sh_col_text(st, 1), "until", sh_col_text(st, 2)));
        }
        sh_stmt_done(st);
        rc = rc < 0 ? rc : 0;
    }
    if (rc) {
        json_decref(flags);
        json_decref(red);
        return rc;
    }
    *ret = json_pack("{s:o, s:o}", "flags", flags, "red", red);
    return 0;
}
