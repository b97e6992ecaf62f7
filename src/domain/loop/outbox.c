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
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO outbox(entity_id, topic, payload, created_at) VALUES (?, ?, ?, ?)", err);
    int rc = st ? 0 : SH_EINTERNAL;
    if (st) {
        if (entity_id) sh_bind_int64(st, 1, entity_id); else sh_bind_null(st, 1);
        sh_bind_text(st, 2, topic);
        sh_bind_text(st, 3, text);
        sh_bind_int64(st, 4, sh_now_ms());
        rc = sh_stmt_step(st, err);
        sh_stmt_done(st);
    }
    free(text);
    if (rc < 0)
        return rc;
    if (ret_id)
        *ret_id = sh_db_last_id(db);
    return 0;
}

#define OPT_TEXT(st, c) (sh_col_is_null(st, c) ? NULL : sh_col_text(st, c))
#define OPT_INT(st, c) (sh_col_is_null(st, c) ? json_null() : json_integer(sh_col_int64(st, c)))

int sh_outbox_hazard(sh_db *db, const char *topic, int64_t order_id, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT r.id, r.entity_id, e.name, coalesce(nullif(e.legal_rep_phone, ''), nullif(e.officer_phone, '')),"
                                " r.title, r.requirement, r.deadline, r.source_type, r.source_id, a.violation, c.name,"
                                " CASE r.source_type WHEN 'video_alert' THEN a.snapshot_id ELSE p.snapshot_id END"
                                " FROM rectifications r JOIN entities e ON e.id = r.entity_id"
                                " LEFT JOIN alerts a ON r.source_type = 'video_alert' AND a.id = r.source_id"
                                " LEFT JOIN patrol_tasks p ON r.source_type = 'patrol' AND p.id = r.source_id"
                                " LEFT JOIN cameras c ON c.id = coalesce(a.camera_id, p.camera_id)"
                                " WHERE r.id = ? AND r.source_type IN ('video_alert', 'patrol')",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, order_id);
    int rc = sh_stmt_step(st, err);
    json_t *payload = NULL;
    int64_t entity = 0;
    if (rc == SH_ROW) {
        entity = sh_col_int64(st, 1);
        int video = !strcmp(sh_col_text(st, 7), "video_alert");
        int64_t source = sh_col_int64(st, 8);
        const char *name = sh_col_text(st, 2), *title = sh_col_text(st, 4), *deadline = sh_col_text(st, 6);
        char path[64] = "", message[1024];
        if (!sh_col_is_null(st, 11))
            snprintf(path, sizeof path, "/api/v1/attachments/%lld", (long long)sh_col_int64(st, 11));
        if (!strcmp(topic, "hazard.overdue"))
            snprintf(message, sizeof message, "【食安】%s：%s发现的隐患“%s”已超过整改期限（%s），请立即整改并上传整改材料。", name,
                     video ? "视频监控" : "在线巡查", title, deadline);
        else
            snprintf(message, sizeof message, "【食安】%s：%s发现隐患“%s”，请于%s前整改并在食安平台上传整改材料。", name,
                     video ? "视频监控" : "在线巡查", title, deadline);
        payload = json_pack("{s:s, s:I, s:s, s:I, s:o, s:o, s:I, s:s, s:s*, s:s, s:s*, s:s, s:s*, s:s*, s:o, s:s*, s:s}",
                            "topic", topic, "order_id", (json_int_t)sh_col_int64(st, 0), "source_type", sh_col_text(st, 7),
                            "source_id", (json_int_t)source, "alert_id", video ? json_integer(source) : json_null(),
                            "patrol_id", video ? json_null() : json_integer(source), "entity_id", (json_int_t)entity,
                            "entity_name", name, "phone", OPT_TEXT(st, 3), "title", title, "requirement", OPT_TEXT(st, 5),
                            "deadline", deadline, "violation", OPT_TEXT(st, 9), "camera_name", OPT_TEXT(st, 10),
                            "snapshot_id", OPT_INT(st, 11), "snapshot_path", path[0] ? path : NULL, "message", message);
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!payload)
        return 0; /* not a video hazard */
    rc = sh_outbox_add(db, entity, topic, payload, NULL, err);
    json_decref(payload);
    return rc;
}

#define OUTBOX_SELECT                                                                              \
    "SELECT o.id, o.topic, o.entity_id, o.payload, o.attempts, o.created_at, o.delivered_at"        \
    " FROM outbox o LEFT JOIN entities e ON e.id = o.entity_id WHERE 1"

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

/* Adds the jurisdiction: admin sees every item; others only items of businesses in their scope. */
static void scope_items(sh_qb *qb, const sh_principal *actor)
{
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
    sh_qb_sql(&qb, OUTBOX_SELECT " AND o.delivered_at IS NULL AND o.id > ");
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
    sh_qb_sql(&qb, OUTBOX_SELECT " AND o.id = ");
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
                                    "UPDATE outbox SET delivered_at = CASE WHEN ?1 THEN ?2 END, attempts = attempts + 1"
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
