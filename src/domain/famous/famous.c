/* 名特优 records (famous.h): filing (a workshop applies, an official nominates), the view with its
 * criteria and events, the lists (officials' and the public's), the recognition a shop page shows. Read
 * through the workshop's scope (store/scope.h), so an official sees those of the jurisdiction's workshops
 * and a business its own. */
#include "domain/famous/famous.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/registry/entity.h"
#include "store/qb.h"
#include "store/scope.h"

#define COLS                                                                                                                     \
    "f.id, f.entity_id, e.name, e.address, f.division_code, f.origin, f.statement, f.status, f.review_note, f.decision_note," \
    " f.recognised_on, f.valid_until, f.revoked_on, f.revoke_reason, f.manual, f.evaluation"
#define FROM " FROM famous_workshops f JOIN entities e ON e.id = f.entity_id"

static const char *status_zh(const char *s, int expired)
{
    static const char *const labels[][2] = {{"submitted", "待乡镇审查"}, {"forwarded", "待县局认定"}, {"rejected", "乡镇不予推荐"},
                                            {"recognised", "已认定"},    {"refused", "不予认定"},      {"revoked", "已撤销"}};
    if (!strcmp(s, "recognised") && expired)
        return "已到期";
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (!strcmp(labels[i][0], s))
            return labels[i][1];
    return s;
}

static json_t *row(sh_stmt *st, void *ctx)
{
    const char *today = ctx, *status = sh_col_text(st, 7);
    const char *until = sh_col_is_null(st, 11) ? NULL : sh_col_text(st, 11);
    int expired = until && strcmp(until, today) < 0;
    return json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b}", "id",
                     (json_int_t)sh_col_int64(st, 0), "entity_id", (json_int_t)sh_col_int64(st, 1), "entity_name", sh_col_text(st, 2), "address",
                     sh_col_text_json(st, 3), "division_code", sh_col_text(st, 4), "origin", sh_col_text(st, 5), "origin_label",
                     !strcmp(sh_col_text(st, 5), "applied") ? "作坊申报" : "乡镇推荐", "statement", sh_col_text(st, 6), "status", status,
                     "status_label", status_zh(status, expired), "review_note", sh_col_text_json(st, 8), "decision_note", sh_col_text_json(st, 9),
                     "recognised_on", sh_col_text_json(st, 10), "valid_until", sh_col_text_json(st, 11), "revoked_on", sh_col_text_json(st, 12),
                     "revoke_reason", sh_col_text_json(st, 13), "valid_now", !strcmp(status, "recognised") && !expired);
}

static json_t *event_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    char at[40];
    sh_time_format_local(sh_col_int64(st, 4), at, sizeof at);
    return json_pack("{s:s, s:s, s:o, s:o, s:s, s:o}", "action", sh_col_text(st, 0), "source_kind", sh_col_text(st, 1), "source_id",
                     sh_col_is_null(st, 2) ? json_null() : json_integer(sh_col_int64(st, 2)), "note", sh_col_text_json(st, 3), "at", at, "by",
                     sh_col_text_json(st, 5));
}

/* The record as the actor may see it, without criteria or events; *manual and *evaluation the kept JSON. */
static int load(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, json_t **manual, json_t **evaluation, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " COLS FROM " WHERE f.id = ");
    sh_qb_int64(&qb, id);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        *ret = row(st, today);
        *manual = sh_col_is_null(st, 14) ? NULL : json_loads(sh_col_text(st, 14), 0, NULL);
        *evaluation = sh_col_is_null(st, 15) ? NULL : json_loads(sh_col_text(st, 15), 0, NULL);
    }
    sh_stmt_done(st);
    if (rc == 0)
        return sh_fail(err, SH_ENOTFOUND, "id", "名特优记录不存在 (no such record)");
    return rc < 0 ? rc : 0;
}

int sh_famous_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    json_t *out = NULL, *manual = NULL, *kept = NULL;
    int rc = load(db, actor, id, &out, &manual, &kept, err);
    if (rc)
        return rc;
    json_t *criteria = kept;
    if (!criteria)
        rc = sh_famous_evaluate(db, json_integer_value(json_object_get(out, "entity_id")), manual, &criteria, err);
    if (rc == 0) {
        json_object_set_new(out, "criteria", criteria);
        json_object_set_new(out, "criteria_kept", json_boolean(kept != NULL));
        json_object_set_new(out, "manual", manual ? manual : json_object());
        manual = NULL;
        json_t *events = json_array();
        sh_stmt *st = sh_db_prepare(db,
                                    "SELECT v.action, v.source_kind, v.source_id, v.note, v.at_ms, u.display_name FROM famous_workshop_events v"
                                    " LEFT JOIN users u ON u.id = v.by_user WHERE v.famous_id = ? ORDER BY v.id",
                                    err);
        if (st)
            sh_bind_int64(st, 1, id);
        rc = st ? sh_rows_append(st, event_row, NULL, events, err) : SH_EINTERNAL;
        json_object_set_new(out, "events", events);
    }
    json_decref(manual);
    if (rc == 0)
        *ret = out;
    else
        json_decref(out);
    return rc;
}

int sh_famous_event(sh_db *db, const sh_principal *actor, int64_t id, const char *action, const char *source_kind, int64_t source_id,
                    const char *note, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO famous_workshop_events(famous_id, action, source_kind, source_id, note, at_ms, by_user)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                err);
    if (st) {
        sh_bind_int64(st, 1, id);
        sh_bind_text(st, 2, action);
        sh_bind_text(st, 3, source_kind);
        sh_bind_int64_or_null(st, 4, source_id);
        sh_bind_text_or_null(st, 5, note);
        sh_bind_int64(st, 6, sh_now_ms());
        sh_bind_int64_or_null(st, 7, actor->user_id);
    }
    return sh_stmt_run(st, err);
}

int sh_famous_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    int business = actor->role == SH_ROLE_BUSINESS;
    if (!business && actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_TOWNSHIP && actor->role != SH_ROLE_ADMIN)
        return sh_fail(err, SH_EPERM, "", "名特优由小作坊申报或乡镇、县局推荐 (a workshop applies, or a township or the county nominates)");
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    json_t *eid = json_object_get(body, "entity_id");
    int64_t entity_id = business && !eid ? actor->entity_id : json_integer_value(eid);
    if ((eid && !json_is_integer(eid)) || entity_id <= 0)
        return sh_fail(err, SH_EINVAL, "entity_id", "小作坊：请选择在档的小作坊 (entity_id is required)");
    if (business && entity_id != actor->entity_id)
        return sh_fail(err, SH_EINVAL, "entity_id", "小作坊：只能为本作坊申报 (a workshop applies for itself)");
    const char *statement = NULL;
    int rc = sh_body_text(body, "statement", "申报说明", 4, 1000, &statement, err);
    if (rc)
        return rc;
    sh_entity e;
    sh_entity_init(&e);
    if (sh_entity_get(db, actor, entity_id, &e, NULL) != 0) {
        sh_entity_release(&e);
        return sh_fail(err, SH_EINVAL, "entity_id", "小作坊：不存在或不在您的管辖范围内 (no such workshop in your jurisdiction)");
    }
    int workshop = e.f[EF_KIND] && !strcmp(e.f[EF_KIND], "workshop"), active = !strcmp(e.status, "active");
    char division[13];
    snprintf(division, sizeof division, "%.9s000", e.f[EF_DIVISION_CODE] ? e.f[EF_DIVISION_CODE] : "");
    sh_entity_release(&e);
    if (!workshop)
        return sh_fail(err, SH_EINVAL, "entity_id", "小作坊：名特优只认定食品小作坊 (only small food workshops are recognised)");
    if (!active)
        return sh_fail(err, SH_EINVAL, "entity_id", "小作坊：不在正常经营状态 (the workshop is not in operation)");
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    char today[11];
    sh_today(today);
    int64_t open = 0;
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT count(*) FROM famous_workshops WHERE entity_id = ? AND (status IN ('submitted', 'forwarded')"
                                " OR (status = 'recognised' AND valid_until >= ?))",
                                err);
    if (st) {
        sh_bind_int64(st, 1, entity_id);
        sh_bind_text(st, 2, today);
    }
    rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    open = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    rc = rc < 0 ? rc : open ? sh_fail(err, SH_EEXIST, "entity_id", "小作坊：已有在办的申报或有效的名特优认定 (an open record or a valid recognition exists)") : 0;
    int64_t id = 0, now = sh_now_ms();
    const char *origin = business ? "applied" : "nominated";
    if (rc == 0) {
        st = sh_db_prepare(db,
                           "INSERT INTO famous_workshops(entity_id, division_code, origin, statement, status, created_by, created_at, updated_at)"
                           " VALUES (?, ?, ?, ?, 'submitted', ?, ?, ?) RETURNING id",
                           err);
        if (st) {
            sh_bind_int64(st, 1, entity_id);
            sh_bind_text(st, 2, division);
            sh_bind_text(st, 3, origin);
            sh_bind_text(st, 4, statement);
            sh_bind_int64_or_null(st, 5, actor->user_id);
            sh_bind_int64(st, 6, now);
            sh_bind_int64(st, 7, now);
        }
        rc = sh_stmt_insert_id(st, &id, err);
    }
    if (rc == 0)
        rc = sh_famous_event(db, actor, id, origin, business ? "business" : "official", 0, statement, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s}", "entity_id", (json_int_t)entity_id, "origin", origin, "statement", statement);
        rc = sh_audit(db, actor, "create", "famous_workshop", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_famous_get(db, actor, id, ret, err);
}

struct list_where {
    const sh_principal *actor;
    const sh_famous_filter *f;
    const char *today;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, FROM " WHERE 1 = 1");
    sh_scope_entities(qb, &w->actor->scope, "e");
    if (w->f->status && !strcmp(w->f->status, "valid")) {
        sh_qb_sql(qb, " AND f.status = 'recognised' AND f.valid_until >= ");
        sh_qb_text(qb, w->today);
    } else if (w->f->status) {
        sh_qb_sql(qb, " AND f.status = ");
        sh_qb_text(qb, w->f->status);
    }
    if (w->f->entity_id) {
        sh_qb_sql(qb, " AND f.entity_id = ");
        sh_qb_int64(qb, w->f->entity_id);
    }
}

int sh_famous_list(sh_db *db, const sh_principal *actor, const sh_famous_filter *f, const sh_page *page, json_t **ret, sh_err *err)
{
    static const char *const ok[] = {"submitted", "forwarded", "rejected", "recognised", "refused", "revoked", "valid"};
    int known = !f->status;
    for (size_t i = 0; !known && i < sizeof ok / sizeof *ok; i++)
        known = !strcmp(ok[i], f->status);
    if (!known)
        return sh_fail(err, SH_EINVAL, "status",
                       "状态：应为submitted、forwarded、rejected、recognised、refused、revoked或valid (status must be submitted, forwarded,"
                       " rejected, recognised, refused, revoked or valid)");
    char today[11];
    sh_today(today);
    struct list_where w = {actor, f, today};
    sh_page_query q = {COLS, list_from_where, &w,
                       " ORDER BY CASE f.status WHEN 'submitted' THEN 0 WHEN 'forwarded' THEN 1 WHEN 'recognised' THEN 2 ELSE 3 END, f.id DESC",
                       page->limit, page->offset, row, today};
    return sh_rows_page(db, &q, ret, err);
}

int sh_famous_public_of(sh_db *db, int64_t entity_id, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT recognised_on, valid_until FROM famous_workshops WHERE entity_id = ? AND status = 'recognised'"
                                " AND recognised_on <= ? AND valid_until >= ? ORDER BY id DESC",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    sh_bind_text(st, 2, today);
    sh_bind_text(st, 3, today);
    int rc = sh_stmt_step(st, err);
    *ret = rc == SH_ROW ? json_pack("{s:s, s:s}", "recognised_on", sh_col_text(st, 0), "valid_until", sh_col_text(st, 1)) : json_null();
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static json_t *public_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:o, s:o, s:s, s:s}", "entity_id", (json_int_t)sh_col_int64(st, 0), "name", sh_col_text(st, 1), "address",
                     sh_col_text_json(st, 2), "division_name", sh_col_text_json(st, 3), "recognised_on", sh_col_text(st, 4), "valid_until",
                     sh_col_text(st, 5));
}

struct public_where {
    const char *division, *today;
};

static void public_from_where(sh_qb *qb, const void *ctx)
{
    const struct public_where *w = ctx;
    sh_qb_sql(qb, FROM " LEFT JOIN divisions d ON d.code = f.division_code WHERE f.status = 'recognised' AND e.status = 'active'"
                       " AND f.recognised_on <= ");
    sh_qb_text(qb, w->today);
    sh_qb_sql(qb, " AND f.valid_until >= ");
    sh_qb_text(qb, w->today);
    if (w->division) {
        char prefix[13];
        sh_division_prefix(w->division, prefix);
        sh_qb_division_prefix(qb, "f.division_code", prefix);
    }
}

int sh_famous_public_list(sh_db *db, const char *division_code, const sh_page *page, json_t **ret, sh_err *err)
{
    if (division_code && (strlen(division_code) != 12 || strspn(division_code, "0123456789") != 12))
        return sh_fail(err, SH_EINVAL, "division_code", "区划：应为12位区划代码 (division_code must be 12 digits)");
    char today[11];
    sh_today(today);
    struct public_where w = {division_code, today};
    sh_page_query q = {"f.entity_id, e.name, e.address, d.name, f.recognised_on, f.valid_until", public_from_where, &w,
                       " ORDER BY f.recognised_on DESC, f.id DESC", page->limit, page->offset, public_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}
