/* Authorisations to use a mark (brands.h): granted by the county to a business in its jurisdiction for
 * named products and a period; suspended, reinstated with a reason, revoked; each change an event row
 * and an audit entry. Read through the business's scope (store/scope.h), so an official sees those of
 * the businesses in the jurisdiction and a business its own. */
#include "domain/brands/brands.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/loop/outbox.h"
#include "domain/registry/entity.h"
#include "store/qb.h"
#include "store/scope.h"

#define COLS                                                                                                                    \
    "a.id, a.mark_id, m.kind, m.name, a.entity_id, e.name, a.products, a.valid_from, a.valid_until, a.status, a.status_reason," \
    " a.division_code"
#define FROM " FROM brand_auths a JOIN brand_marks m ON m.id = a.mark_id JOIN entities e ON e.id = a.entity_id"
#define MAX_YEARS 5

static const char *status_zh(const char *s, int in_period)
{
    if (!strcmp(s, "active"))
        return in_period ? "有效" : "不在授权期内";
    return !strcmp(s, "suspended") ? "已暂停" : "已撤销";
}

static json_t *row(sh_stmt *st, void *ctx)
{
    const char *today = ctx, *from = sh_col_text(st, 7), *until = sh_col_text(st, 8), *status = sh_col_text(st, 9);
    int in_period = strcmp(from, today) <= 0 && strcmp(today, until) <= 0;
    const char *kind = sh_col_text(st, 2);
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:b}", "id", (json_int_t)sh_col_int64(st, 0),
                     "mark_id", (json_int_t)sh_col_int64(st, 1), "kind", kind, "kind_label", sh_brand_kind_zh(kind), "mark",
                     sh_col_text(st, 3), "entity_id", (json_int_t)sh_col_int64(st, 4), "entity_name", sh_col_text(st, 5), "products",
                     sh_col_text(st, 6), "valid_from", from, "valid_until", until, "status", status, "status_label",
                     status_zh(status, in_period), "status_reason", sh_col_is_null(st, 10) ? json_null() : json_string(sh_col_text(st, 10)),
                     "division_code", sh_col_text(st, 11), "valid_now", !strcmp(status, "active") && in_period);
}

static json_t *event_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    char at[40];
    sh_time_format_local(sh_col_int64(st, 5), at, sizeof at);
    return json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:o}", "id", (json_int_t)sh_col_int64(st, 0), "action", sh_col_text(st, 1), "source_kind",
                     sh_col_text(st, 2), "source_id", sh_col_is_null(st, 3) ? json_null() : json_integer(sh_col_int64(st, 3)), "reason",
                     sh_col_text(st, 4), "at", at, "by", sh_col_is_null(st, 6) ? json_null() : json_string(sh_col_text(st, 6)));
}

int sh_brand_auth_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " COLS FROM " WHERE a.id = ");
    sh_qb_int64(&qb, id);
    sh_scope_entities(&qb, &actor->scope, "e");
    json_t *items = json_array();
    int rc = sh_rows_append(sh_qb_prepare(db, &qb, err), row, today, items, err);
    sh_qb_release(&qb);
    if (rc == 0 && !json_array_size(items))
        rc = sh_fail(err, SH_ENOTFOUND, "id", "授权不存在 (no such authorisation)");
    json_t *out = rc == 0 ? json_incref(json_array_get(items, 0)) : NULL;
    json_decref(items);
    if (rc == 0) {
        json_t *events = json_array();
        sh_stmt *st = sh_db_prepare(db,
                                    "SELECT v.id, v.action, v.source_kind, v.source_id, v.reason, v.at_ms, u.display_name FROM brand_auth_events v"
                                    " LEFT JOIN users u ON u.id = v.by_user WHERE v.auth_id = ? ORDER BY v.id",
                                    err);
        if (st)
            sh_bind_int64(st, 1, id);
        rc = st ? sh_rows_append(st, event_row, NULL, events, err) : SH_EINTERNAL;
        json_object_set_new(out, "events", events);
    }
    if (rc == 0)
        *ret = out;
    else
        json_decref(out);
    return rc;
}

static int county_only(const sh_principal *actor, sh_err *err)
{
    if (actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_ADMIN)
        return 0;
    return sh_fail(err, SH_EPERM, "", "品牌使用授权由县局授予、暂停、恢复和撤销 (the county decides authorisations)");
}

static int add_event(sh_db *db, const sh_principal *actor, int64_t id, const char *action, const char *source_kind, int64_t source_id,
                     const char *reason, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO brand_auth_events(auth_id, action, source_kind, source_id, reason, at_ms, by_user)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                err);
    if (st) {
        sh_bind_int64(st, 1, id);
        sh_bind_text(st, 2, action);
        sh_bind_text(st, 3, source_kind);
        sh_bind_int64_or_null(st, 4, source_id);
        sh_bind_text(st, 5, reason);
        sh_bind_int64(st, 6, sh_now_ms());
        sh_bind_int64_or_null(st, 7, actor->user_id);
    }
    return sh_stmt_run(st, err);
}

int sh_brand_auth_move(sh_db *db, const sh_principal *actor, int64_t id, const char *from, const char *to, const char *action,
                       const char *source_kind, int64_t source_id, const char *reason, sh_err *err)
{
    /* from: "active", "suspended" or "open" (either) */
    int open = !strcmp(from, "open");
    sh_stmt *st = sh_db_prepare(db,
                                "UPDATE brand_auths SET status = ?, status_reason = ?, updated_at = ? WHERE id = ? AND (status = ? OR status = ?)"
                                " RETURNING entity_id",
                                err);
    if (st) {
        sh_bind_text(st, 1, to);
        sh_bind_text(st, 2, reason);
        sh_bind_int64(st, 3, sh_now_ms());
        sh_bind_int64(st, 4, id);
        sh_bind_text(st, 5, open ? "active" : from);
        sh_bind_text(st, 6, open ? "suspended" : from);
    }
    int rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    int64_t entity = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc == 0)
        return sh_fail(err, SH_EINVAL, "status",
                       !strcmp(from, "active")      ? "授权不是有效状态，不能暂停 (the authorisation is not active)"
                       : !strcmp(from, "suspended") ? "授权未被暂停，无需恢复 (the authorisation is not suspended)"
                                                    : "授权已撤销 (the authorisation is revoked already)");
    if (rc < 0)
        return rc;
    rc = add_event(db, actor, id, action, source_kind, source_id, reason, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s, s:s, s:o}", "status", to, "reason", reason, "source_kind", source_kind, "source_id",
                                  source_id ? json_integer(source_id) : json_null());
        rc = sh_audit(db, actor, action, "brand_auth", id, NULL, after, err);
        json_decref(after);
    }
    if (rc == 0) { /* the business is told (SMS, WeChat) through the outbox: brand_auth.suspended, .reinstated, .revoked */
        char topic[40];
        snprintf(topic, sizeof topic, "brand_auth.%s", action);
        json_t *payload = json_pack("{s:I, s:s, s:s}", "auth_id", (json_int_t)id, "status", to, "reason", reason);
        rc = sh_outbox_add(db, entity, topic, payload, NULL, err);
        json_decref(payload);
    }
    return rc;
}

int sh_brand_auth_grant(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    int rc = county_only(actor, err);
    if (rc)
        return rc;
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    json_t *mid = json_object_get(body, "mark_id"), *eid = json_object_get(body, "entity_id");
    if (!json_is_integer(mid) || json_integer_value(mid) <= 0)
        return sh_fail(err, SH_EINVAL, "mark_id", "品牌标志：请选择在档的标志 (mark_id is required)");
    if (!json_is_integer(eid) || json_integer_value(eid) <= 0)
        return sh_fail(err, SH_EINVAL, "entity_id", "经营者：请选择在档经营者 (entity_id is required)");
    const char *products = NULL;
    char today[11], from[11], until[11], limit[11];
    sh_today(today);
    if ((rc = sh_body_text(body, "products", "授权产品", 2, 300, &products, err)) ||
        (rc = sh_body_date(body, "valid_from", "授权起始日期", today, from, err)) ||
        (rc = sh_body_date(body, "valid_until", "授权截止日期", NULL, until, err)))
        return rc;
    sh_date_add_months(from, 12 * MAX_YEARS, limit);
    if (strcmp(until, from) < 0 || strcmp(until, today) < 0)
        return sh_fail(err, SH_EINVAL, "valid_until", "授权截止日期：不得早于起始日期和今天 (valid_until must not be before valid_from or today)");
    if (strcmp(until, limit) > 0)
        return sh_fail(err, SH_EINVAL, "valid_until", "授权截止日期：授权期限最长%d年 (at most %d years)", MAX_YEARS, MAX_YEARS);
    sh_entity e;
    sh_entity_init(&e);
    if (sh_entity_get(db, actor, json_integer_value(eid), &e, NULL) != 0) {
        sh_entity_release(&e);
        return sh_fail(err, SH_EINVAL, "entity_id", "经营者：不存在或不在您的管辖范围内 (no such business in your jurisdiction)");
    }
    char division[13], status[12];
    snprintf(division, sizeof division, "%.9s000", e.f[EF_DIVISION_CODE] ? e.f[EF_DIVISION_CODE] : "");
    snprintf(status, sizeof status, "%s", e.status);
    sh_entity_release(&e);
    if (strcmp(status, "active"))
        return sh_fail(err, SH_EINVAL, "entity_id", "经营者：只能授权正常经营的经营者 (the business is not in operation)");
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM brand_marks WHERE id = ?", err);
    if (st)
        sh_bind_int64(st, 1, json_integer_value(mid));
    rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    int64_t n = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    rc = rc < 0 ? rc : !n ? sh_fail(err, SH_EINVAL, "mark_id", "品牌标志：不存在 (no such mark)") : 0;
    if (rc == 0) {
        st = sh_db_prepare(db,
                           "SELECT count(*) FROM brand_auths WHERE mark_id = ? AND entity_id = ? AND status <> 'revoked'"
                           " AND valid_from <= ? AND valid_until >= ?",
                           err);
        if (st) {
            sh_bind_int64(st, 1, json_integer_value(mid));
            sh_bind_int64(st, 2, json_integer_value(eid));
            sh_bind_text(st, 3, until);
            sh_bind_text(st, 4, from);
        }
        rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
        n = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
        sh_stmt_done(st);
        rc = rc < 0 ? rc : n ? sh_fail(err, SH_EEXIST, "mark_id", "品牌标志：该经营者在此期间已有该标志的授权 (an authorisation of this mark overlaps)") : 0;
    }
    int64_t id = 0, now = sh_now_ms();
    if (rc == 0) {
        st = sh_db_prepare(db,
                           "INSERT INTO brand_auths(mark_id, entity_id, division_code, products, valid_from, valid_until, status, created_by,"
                           " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?) RETURNING id",
                           err);
        if (st) {
            sh_bind_int64(st, 1, json_integer_value(mid));
            sh_bind_int64(st, 2, json_integer_value(eid));
            sh_bind_text(st, 3, division);
            sh_bind_text(st, 4, products);
            sh_bind_text(st, 5, from);
            sh_bind_text(st, 6, until);
            sh_bind_int64_or_null(st, 7, actor->user_id);
            sh_bind_int64(st, 8, now);
            sh_bind_int64(st, 9, now);
        }
        rc = sh_stmt_insert_id(st, &id, err);
    }
    if (rc == 0)
        rc = add_event(db, actor, id, "granted", "official", 0, "授予使用授权", err);
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:I, s:s, s:s, s:s}", "mark_id", (json_int_t)json_integer_value(mid), "entity_id",
                                  (json_int_t)json_integer_value(eid), "products", products, "valid_from", from, "valid_until", until);
        rc = sh_audit(db, actor, "grant", "brand_auth", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_brand_auth_get(db, actor, id, ret, err);
}

/* The common shape of suspend, reinstate, revoke: county, in sight, a reason, one move. */
static int change(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, const char *from, const char *to, const char *action,
                  json_t **ret, sh_err *err)
{
    int rc = county_only(actor, err);
    json_t *cur = NULL;
    if (rc == 0)
        rc = sh_brand_auth_get(db, actor, id, &cur, err);
    const char *reason = NULL;
    if (rc == 0)
        rc = sh_body_text(body, "reason", "理由", 4, 500, &reason, err);
    if (rc == 0 && !strcmp(action, "reinstated")) {
        char today[11];
        sh_today(today);
        if (strcmp(json_string_value(json_object_get(cur, "valid_until")), today) < 0)
            rc = sh_fail(err, SH_EINVAL, "valid_until", "授权期限已届满，不能恢复，请重新授权 (the period has ended: grant anew)");
    }
    json_decref(cur);
    if (rc == 0 && (rc = sh_db_begin(db, err)) == 0) {
        rc = sh_brand_auth_move(db, actor, id, from, to, action, "official", 0, reason, err);
        rc = sh_db_finish(db, rc, err);
    }
    return rc ? rc : sh_brand_auth_get(db, actor, id, ret, err);
}

int sh_brand_auth_suspend(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    return change(db, actor, id, body, "active", "suspended", "suspended", ret, err);
}

int sh_brand_auth_reinstate(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    return change(db, actor, id, body, "suspended", "active", "reinstated", ret, err);
}

int sh_brand_auth_revoke(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    return change(db, actor, id, body, "open", "revoked", "revoked", ret, err);
}

struct list_where {
    const sh_principal *actor;
    const sh_brand_auth_filter *f;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, FROM " WHERE 1 = 1");
    sh_scope_entities(qb, &w->actor->scope, "e");
    if (w->f->status) {
        sh_qb_sql(qb, " AND a.status = ");
        sh_qb_text(qb, w->f->status);
    }
    if (w->f->entity_id) {
        sh_qb_sql(qb, " AND a.entity_id = ");
        sh_qb_int64(qb, w->f->entity_id);
    }
    if (w->f->mark_id) {
        sh_qb_sql(qb, " AND a.mark_id = ");
        sh_qb_int64(qb, w->f->mark_id);
    }
}

int sh_brand_auths_list(sh_db *db, const sh_principal *actor, const sh_brand_auth_filter *f, const sh_page *page, json_t **ret,
                        sh_err *err)
{
    if (f->status && strcmp(f->status, "active") && strcmp(f->status, "suspended") && strcmp(f->status, "revoked"))
        return sh_fail(err, SH_EINVAL, "status", "状态：应为active、suspended或revoked (status must be active, suspended or revoked)");
    char today[11];
    sh_today(today);
    struct list_where w = {actor, f};
    sh_page_query q = {COLS, list_from_where, &w,
                       " ORDER BY CASE WHEN a.status = 'suspended' THEN 0 WHEN a.status = 'active' THEN 1 ELSE 2 END, a.valid_until, a.id",
                       page->limit, page->offset, row, today};
    return sh_rows_page(db, &q, ret, err);
}

static json_t *public_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    const char *kind = sh_col_text(st, 0);
    return json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", kind, "kind_label", sh_brand_kind_zh(kind), "mark", sh_col_text(st, 1), "products",
                     sh_col_text(st, 2), "valid_until", sh_col_text(st, 3));
}

int sh_brand_auths_public_of(sh_db *db, int64_t entity_id, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT m.kind, m.name, a.products, a.valid_until FROM brand_auths a JOIN brand_marks m ON m.id = a.mark_id"
                                " WHERE a.entity_id = ? AND a.status = 'active' AND a.valid_from <= ? AND a.valid_until >= ? ORDER BY m.kind, m.name",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    sh_bind_text(st, 2, today);
    sh_bind_text(st, 3, today);
    json_t *items = json_array();
    int rc = sh_rows_append(st, public_row, NULL, items, err);
    if (rc == 0)
        *ret = items;
    else
        json_decref(items);
    return rc;
}
