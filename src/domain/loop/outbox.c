#include "domain/loop/outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "store/qb.h"

int sh_outbox_add(sh_db *db, int64_t entity_id, const char *topic, json_t *payload, int64_t *ret_id, sh_err *err)
{
    char *text = json_dumps(payload, JSON_COMPACT);
    if (!text)
        return sh_fail(err, SH_EINTERNAL, "payload", "outbox payload cannot be encoded");
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO outbox(entity_id, topic, payload, created_at) VALUES (?, ?, ?, ?) RETURNING id", err);
    if (st) {
        sh_bind_int64_or_null(st, 1, entity_id);
        sh_bind_text(st, 2, topic);
        sh_bind_text(st, 3, text);
        sh_bind_int64(st, 4, sh_now_ms());
    }
    int64_t id = 0;
    int rc = sh_stmt_insert_id(st, &id, err);
    free(text);
    if (rc < 0)
        return rc;
    if (ret_id)
        *ret_id = id;
    return 0;
}

#define OPT_INT(st, c) (sh_col_is_null(st, c) ? json_null() : json_integer(sh_col_int64(st, c)))

#define OUTBOX_SELECT                                                                              \
    "SELECT o.id, o.topic, o.entity_id, o.payload, o.attempts, o.created_at, o.delivered_at"        \
    " FROM outbox o LEFT JOIN entities e ON e.id = o.entity_id"

static json_t *item_json(sh_stmt *st)
{
    json_t *payload = json_loads(sh_col_text(st, 3), 0, NULL);
    return json_pack("{s:I, s:s, s:o, s:o, s:I, s:I, s:o}", "id", (json_int_t)sh_col_int64(st, 0), "topic",
                     sh_col_text(st, 1), "entity_id", OPT_INT(st, 2), "payload", payload ? payload : json_null(),
                     "attempts", (json_int_t)sh_col_int64(st, 4), "created_at", (json_int_t)sh_col_int64(st, 5),
                     "delivered_at", OPT_INT(st, 6));
}

static int require_gateway(const sh_principal *actor, sh_err *err)
{
    if (actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY)
        return sh_fail(err, SH_EPERM, "", "只有县局或系统管理员（推送网关）可以读取推送队列 (only the county bureau or admin, e.g. a gateway's token, reads the outbox)");
    return 0;
}

/* Adds the jurisdiction: admin sees every item; others only items of businesses in their scope. An
 * item of no business is addressed to a person (a complainant's SMS, a verification code): only a
 * gateway's device token reads it, never a console session. */
static void scope_items(sh_qb *qb, const sh_principal *actor)
{
    if (!actor->device)
        sh_qb_sql(qb, " AND o.entity_id IS NOT NULL");
    if (actor->scope.kind == SH_SCOPE_ALL)
        return;
    sh_qb_sql(qb, " AND o.entity_id IS NOT NULL");
    sh_scope_entities(qb, &actor->scope, "e");
}

int sh_outbox_list(sh_db *db, const sh_principal *actor, int64_t after, int limit, json_t **ret, sh_err *err)
{
    int rc = require_gateway(actor, err);
    if (rc)
        return rc;
    if (after < 0)
        return sh_fail(err, SH_EINVAL, "after", "应为非负整数 (must be 0 or more)");
    if (limit < 1 || limit > 500)
        return sh_fail(err, SH_EINVAL, "limit", "应为1-500 (must be 1-500)");
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, OUTBOX_SELECT " WHERE o.delivered_at IS NULL AND o.id > ");
    sh_qb_int64(&qb, after);
    scope_items(&qb, actor);
    sh_qb_sql(&qb, " ORDER BY o.id LIMIT ");
    sh_qb_int64(&qb, limit);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    int64_t last = after;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        last = sh_col_int64(st, 0);
        json_array_append_new(items, item_json(st));
    }
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o, s:I}", "items", items, "next_after", (json_int_t)last);
    return 0;
}

static int load_item(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, OUTBOX_SELECT " WHERE o.id = ");
    sh_qb_int64(&qb, id);
    scope_items(&qb, actor);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret = item_json(st);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_ENOTFOUND, "id", "推送记录不存在或不在您的管辖范围内 (no such outbox item in your jurisdiction)");
    return 0;
}

int sh_outbox_ack(sh_db *db, const sh_principal *actor, int64_t id, int delivered, const char *error, json_t **ret,
                  sh_err *err)
{
    int rc = require_gateway(actor, err);
    if (rc)
        return rc;
    if (error && (rc = sh_check_text(error, 0, 500, "error", err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    json_t *cur = NULL;
    rc = load_item(db, actor, id, &cur, err);
    int pending = rc == 0 && json_is_null(json_object_get(cur, "delivered_at"));
    if (pending) {
        /* a failed attempt leaves delivered_at NULL (the item is pending: checked above) */
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE outbox SET delivered_at = CASE WHEN ?1 = 1 THEN ?2 END, attempts = attempts + 1"
                                    " WHERE id = ?3",
                                    err);
        rc = st ? 0 : SH_EINTERNAL;
        if (st) {
            sh_bind_int64(st, 1, delivered != 0);
            sh_bind_int64(st, 2, sh_now_ms());
            sh_bind_int64(st, 3, id);
            rc = sh_stmt_step(st, err);
            sh_stmt_done(st);
        }
        if (rc >= 0) {
            json_t *after = json_pack("{s:s, s:s*}", "result", delivered ? "delivered" : "failed", "error", error);
            rc = sh_audit(db, actor, delivered ? "deliver" : "delivery_failed", "outbox", id, NULL, after, err);
            json_decref(after);
        }
    }
    json_decref(cur);
    cur = NULL;
    if (rc == 0)
        rc = load_item(db, actor, id, &cur, err);
    if (rc == 0)
        rc = sh_db_commit(db, err);
    if (rc) {
        sh_db_rollback(db);
        json_decref(cur);
        return rc;
    }
    *ret = cur;
    return 0;
}

int sh_outbox_mark_each(sh_db *db, const json_t *items, const char *mark, const char *topic, int *ret_n, sh_err *err)
{
    int rc = 0;
    size_t i;
    json_t *item;
    *ret_n = 0;
    json_array_foreach(items, i, item) {
        sh_stmt *st = sh_db_prepare(db, mark, err);
        if (st) {
            sh_bind_int64(st, 1, sh_now_ms());
            sh_bind_int64(st, 2, json_integer_value(json_object_get(item, "application_id")));
        }
        if ((rc = st ? sh_stmt_run(st, err) : SH_EINTERNAL) == 0 && sh_db_changes(db) == 1) {
            rc = sh_outbox_add(db, 0, topic, item, NULL, err);
            ++*ret_n;
        }
        if (rc)
            break;
    }
    return rc;
}
