/* Staff health certificates (people.h; 食品安全法 Art 45): the business records its staff's certificates
 * (or an official in scope), one a year; a certificate ends by its date or when the person leaves. The
 * sweep reminds the business once, health_cert_remind_days ahead, through the outbox (topic
 * health_cert.expiring). Read through the business's scope. */
#include "domain/people/people.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/loop/outbox.h"
#include "domain/people/people_int.h"
#include "store/qb.h"
#include "store/scope.h"

#define COLS "c.id, c.entity_id, e.name, c.person_name, c.cert_no, c.issuer, c.issued_on, c.valid_until, c.removed_on"
#define FROM " FROM fs_health_certs c JOIN entities e ON e.id = c.entity_id"

static json_t *row(sh_stmt *st, void *ctx)
{
    const char *today = ctx, *until = sh_col_text(st, 7);
    int64_t left = sh_date_days(until) - sh_date_days(today);
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:I, s:b}", "id", (json_int_t)sh_col_int64(st, 0), "entity_id",
                     (json_int_t)sh_col_int64(st, 1), "entity_name", sh_col_text(st, 2), "person_name", sh_col_text(st, 3), "cert_no",
                     sh_col_text(st, 4), "issuer", sh_col_text(st, 5), "issued_on", sh_col_text(st, 6), "valid_until", until, "removed_on",
                     sh_col_is_null(st, 8) ? json_null() : json_string(sh_col_text(st, 8)), "days_left", (json_int_t)left, "expired", left < 0);
}

static int get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    return pp_get(db, actor, "SELECT " COLS FROM " WHERE c.id = ", id, row, today, "健康证明不存在 (no such certificate)", ret, err);
}

int sh_health_cert_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    int rc = pp_may_keep(actor, "健康证明", err);
    if (rc)
        return rc;
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *name = NULL, *no = NULL, *issuer = NULL;
    char today[11], issued[11], until[11], year_on[11];
    sh_today(today);
    if ((rc = sh_body_text(body, "person_name", "姓名", 2, 30, &name, err)) || (rc = sh_body_text(body, "cert_no", "证明编号", 4, 40, &no, err)) ||
        (rc = sh_body_text(body, "issuer", "发证机构", 2, 100, &issuer, err)) || (rc = sh_body_date(body, "issued_on", "体检日期", NULL, issued, err)) ||
        (rc = sh_body_date(body, "valid_until", "有效期至", NULL, until, err)))
        return rc;
    if (strcmp(issued, today) > 0)
        return sh_fail(err, SH_EINVAL, "issued_on", "体检日期：不得晚于今天 (issued_on must not be after today)");
    sh_date_add_months(issued, 12, year_on);
    if (strcmp(until, issued) <= 0 || strcmp(until, year_on) > 0)
        return sh_fail(err, SH_EINVAL, "valid_until", "有效期至：应在体检日期之后一年以内（食品安全法第四十五条：每年进行健康检查） (within a year of the examination)");
    int64_t entity = 0;
    char division[13];
    if ((rc = pp_entity_of(db, actor, body, &entity, division, err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    int64_t id = 0;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO fs_health_certs(entity_id, division_code, person_name, cert_no, issuer, issued_on, valid_until, created_by,"
                                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (st) {
        sh_bind_int64(st, 1, entity);
        sh_bind_text(st, 2, division);
        sh_bind_text(st, 3, name);
        sh_bind_text(st, 4, no);
        sh_bind_text(st, 5, issuer);
        sh_bind_text(st, 6, issued);
        sh_bind_text(st, 7, until);
        sh_bind_int64_or_null(st, 8, actor->user_id);
        sh_bind_int64(st, 9, sh_now_ms());
    }
    rc = sh_stmt_insert_id(st, &id, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s, s:s}", "entity_id", (json_int_t)entity, "person_name", name, "cert_no", no, "valid_until", until);
        rc = sh_audit(db, actor, "create", "health_cert", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : get(db, actor, id, ret, err);
}

int sh_health_cert_remove(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    (void)body;
    return pp_close_today(db, actor, "健康证明", get, id, "UPDATE fs_health_certs SET removed_on = ? WHERE id = ? AND removed_on IS NULL RETURNING id",
                          "removed_on", "该健康证明已移除 (removed already)", "remove", "health_cert", ret, err);
}

struct list_where {
    const sh_principal *actor;
    int64_t entity_id;
    const char *until; /* expiring: valid_until on or before */
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, FROM " WHERE c.removed_on IS NULL");
    sh_scope_entities(qb, &w->actor->scope, "e");
    if (w->entity_id) {
        sh_qb_sql(qb, " AND c.entity_id = ");
        sh_qb_int64(qb, w->entity_id);
    }
    if (w->until) {
        sh_qb_sql(qb, " AND c.valid_until <= ");
        sh_qb_text(qb, w->until);
    }
}

int sh_health_certs_list(sh_db *db, const sh_principal *actor, int64_t entity_id, int expiring, const sh_page *page, json_t **ret, sh_err *err)
{
    char today[11], until[11];
    sh_today(today);
    sh_date_add_days(today, sh_setting_int(db, "health_cert_remind_days", 30), until);
    struct list_where w = {actor, entity_id, expiring ? until : NULL};
    sh_page_query q = {COLS, list_from_where, &w, " ORDER BY c.valid_until, c.id", page->limit, page->offset, row, today};
    return sh_rows_page(db, &q, ret, err);
}

int sh_health_certs_remind(sh_db *db, const char *today, int *ret_count, sh_err *err)
{
    *ret_count = 0;
    char until[11];
    sh_date_add_days(today, sh_setting_int(db, "health_cert_remind_days", 30), until);
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db,
                                "UPDATE fs_health_certs SET reminded_on = ? WHERE removed_on IS NULL AND reminded_on IS NULL AND valid_until <= ?"
                                " RETURNING id, entity_id, person_name, valid_until",
                                err);
    if (st) {
        sh_bind_text(st, 1, today);
        sh_bind_text(st, 2, until);
    }
    json_t *due = json_array();
    while (st && (rc = sh_stmt_step(st, err)) == SH_ROW)
        json_array_append_new(due, json_pack("{s:I, s:I, s:s, s:s}", "cert_id", (json_int_t)sh_col_int64(st, 0), "entity_id",
                                             (json_int_t)sh_col_int64(st, 1), "person_name", sh_col_text(st, 2), "valid_until",
                                             sh_col_text(st, 3)));
    sh_stmt_done(st);
    rc = !st ? SH_EINTERNAL : rc < 0 ? rc : 0;
    size_t i;
    json_t *one;
    json_array_foreach(due, i, one)
    {
        if (rc)
            break;
        json_object_set_new(one, "text", json_sprintf("%s的健康证明将于%s到期，请及时安排健康检查", json_string_value(json_object_get(one, "person_name")),
                                                      json_string_value(json_object_get(one, "valid_until"))));
        rc = sh_outbox_add(db, json_integer_value(json_object_get(one, "entity_id")), "health_cert.expiring", one, NULL, err);
    }
    if (rc == 0)
        *ret_count = (int)json_array_size(due);
    json_decref(due);
    return sh_db_finish(db, rc, err);
}
