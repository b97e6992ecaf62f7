/* Starting a recall: the producer, the deadlines, the recall list from the forward walk, each business
 * on it told through the outbox in the same transaction (recall.h). */
#include "domain/trace/recall.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/loop/outbox.h"
#include "domain/registry/entity.h"
#include "domain/trace/trace_graph.h"
#include "domain/trace/recall_int.h"

int sh_recall_start_hours(int level) { return level == 1 ? 24 : level == 2 ? 48 : level == 3 ? 72 : 0; }
int sh_recall_complete_workdays(int level) { return level == 1 ? 10 : level == 2 ? 20 : level == 3 ? 30 : 0; }

/* The lot to recall: its identifier and, from a trace code (given, or the one of a sample's batch), its maker
 * and product. */
static int lot_of(sh_db *db, json_t *body, char epc[201], int64_t *maker, char product[101], sh_err *err)
{
    const char *code = json_string_value(json_object_get(body, "code"));
    const char *given = json_string_value(json_object_get(body, "epc"));
    product[0] = '\0';
    if (code && *code) {
        sh_stmt *st = sh_db_prepare(db, "SELECT epc, entity_id, product FROM trace_codes WHERE code = ?", err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_text(st, 1, code);
        int rc = sh_stmt_step(st, err);
        if (rc == SH_ROW) {
            snprintf(epc, 201, "%s", sh_col_text(st, 0));
            *maker = sh_col_int64(st, 1);
            snprintf(product, 101, "%s", sh_col_text(st, 2));
        }
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        return rc == SH_ROW ? 0 : sh_fail(err, SH_EINVAL, "code", "追溯码：不存在 (no such trace code)");
    }
    json_t *sid = json_object_get(body, "sample_id");
    if (!given && json_is_integer(sid)) {
        /* a failed sample's batch: the code its business minted for that batch */
        sh_stmt *st = sh_db_prepare(db,
                                    "SELECT t.epc, t.entity_id, t.product FROM samples s JOIN trace_codes t ON t.entity_id = s.entity_id"
                                    " AND t.batch = s.batch_no WHERE s.id = ? ORDER BY t.id DESC LIMIT 1",
                                    err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, json_integer_value(sid));
        int rc = sh_stmt_step(st, err);
        if (rc == SH_ROW) {
            snprintf(epc, 201, "%s", sh_col_text(st, 0));
            *maker = sh_col_int64(st, 1);
            snprintf(product, 101, "%s", sh_col_text(st, 2));
        }
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        return rc == SH_ROW ? 0 : sh_fail(err, SH_EINVAL, "sample_id", "抽样批次：没有该批次的追溯码，请填写追溯码或标识 (no trace code for the sampled batch)");
    }
    if (!sh_trace_epc_valid(given))
        return sh_fail(err, SH_EINVAL, "epc", "召回批次：请填写追溯码或 urn:epc:/urn:shian: 标识 (code or epc is required)");
    snprintf(epc, 201, "%s", given);
    return 0;
}

static int add_targets(sh_db *db, int64_t recall, json_t *walk, const char *product, const char *reason, int level, int64_t now, sh_err *err)
{
    size_t i;
    json_t *p;
    int rc = 0;
    json_array_foreach(json_object_get(walk, "parties"), i, p)
    {
        int64_t entity = json_integer_value(json_object_get(p, "entity_id"));
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO recall_targets(recall_id, entity_id, party, tier, quantity, uom, via_event, notified_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                    err);
        if (!st)
            return SH_EINTERNAL;
        json_t *q = json_object_get(p, "quantity");
        const char *party = json_string_value(json_object_get(p, "party"));
        sh_bind_int64(st, 1, recall);
        sh_bind_int64_or_null(st, 2, entity);
        sh_bind_text(st, 3, party && *party ? party : "");
        sh_bind_int64(st, 4, json_integer_value(json_object_get(p, "tier")));
        if (json_is_number(q))
            sh_bind_double(st, 5, json_number_value(q));
        else
            sh_bind_null(st, 5);
        sh_bind_text(st, 6, json_string_value(json_object_get(p, "uom")));
        sh_bind_text(st, 7, json_string_value(json_object_get(p, "via_event")));
        if (entity)
            sh_bind_int64(st, 8, now);
        else
            sh_bind_null(st, 8);
        rc = sh_stmt_step(st, err);
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        rc = 0;
        if (entity) {
            /* the business on the list is told to stop selling and set the goods aside */
            json_t *payload = json_pack("{s:I, s:i, s:s, s:s, s:s}", "recall_id", (json_int_t)recall, "level", level, "product", product,
                                        "reason", reason, "message", "食品召回通知：请立即停止销售、使用该批次产品并封存，按要求退回或处置。");
            rc = sh_outbox_add(db, entity, "recall.notice", payload, NULL, err);
            json_decref(payload);
            if (rc)
                return rc;
        }
    }
    return rc;
}

int sh_recall_start(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    char epc[201], product[101];
    int64_t maker = 0;
    int rc = lot_of(db, body, epc, &maker, product, err);
    if (rc)
        return rc;
    json_t *given = json_object_get(body, "entity_id");
    if (json_is_integer(given))
        maker = json_integer_value(given);
    if (!maker) {
        json_t *w = NULL;
        if ((rc = sh_trace_walk(db, epc, 0, SH_TRACE_FORWARD, &w, err)) != 0)
            return rc;
        maker = json_integer_value(json_object_get(w, "holder_id"));
        json_decref(w);
    }
    if (actor->role == SH_ROLE_BUSINESS && maker != actor->entity_id)
        return sh_fail(err, SH_EINVAL, "entity_id", "召回主体：经营者只能召回本单位的产品 (a business recalls its own goods)");
    if (actor->role != SH_ROLE_BUSINESS && actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_TOWNSHIP)
        return sh_fail(err, SH_EPERM, "", "召回由生产者启动，或由县局、乡镇（街道）责令 (the producer or officials start a recall)");
    sh_entity e;
    if (!maker || sh_entity_get(db, actor, maker, &e, NULL) != 0)
        return sh_fail(err, SH_EINVAL, "entity_id", "召回主体：不存在或不在您的管辖范围内 (no such producer in your jurisdiction)");
    char division[13];
    snprintf(division, sizeof division, "%s", e.f[EF_DIVISION_CODE] ? e.f[EF_DIVISION_CODE] : "");
    if (!product[0])
        snprintf(product, sizeof product, "%s", json_string_value(json_object_get(body, "product")) ? json_string_value(json_object_get(body, "product")) : epc);
    sh_entity_release(&e);
    json_t *lv = json_object_get(body, "level");
    int level = json_is_integer(lv) ? (int)json_integer_value(lv) : 0;
    if (!sh_recall_start_hours(level))
        return sh_fail(err, SH_EINVAL, "level", "召回级别：应为一级、二级或三级 (level must be 1, 2 or 3)");
    const char *reason = NULL;
    if ((rc = sh_body_text(body, "reason", "召回原因", 4, 500, &reason, err)) != 0)
        return rc;
    int64_t now = sh_now_ms(), learned = now;
    json_t *la = json_object_get(body, "learned_at");
    if (la && !json_is_null(la)) {
        if (!json_is_integer(la) || json_integer_value(la) > now || json_integer_value(la) < now - 366LL * 86400000)
            return sh_fail(err, SH_EINVAL, "learned_at", "知悉时间：应为一年内、不晚于现在的时刻 (learned_at must be within the past year)");
        learned = json_integer_value(la);
    }
    json_t *sid = json_object_get(body, "sample_id");
    int64_t sample = json_is_integer(sid) ? json_integer_value(sid) : 0;
    char today[11], due[11];
    sh_today(today);
    if ((rc = sh_workdays_add(db, today, sh_recall_complete_workdays(level), due, err)) != 0)
        return rc;
    json_t *walk = NULL;
    if ((rc = sh_trace_walk(db, epc, maker, SH_TRACE_FORWARD, &walk, err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0) {
        json_decref(walk);
        return rc;
    }
    int64_t id = 0;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO recalls(epc, product, entity_id, division_code, level, reason, sample_id, learned_at, start_due,"
                                " started_at, complete_due, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)"
                                " RETURNING id",
                                err);
    if (st) {
        sh_bind_text(st, 1, epc);
        sh_bind_text(st, 2, product);
        sh_bind_int64(st, 3, maker);
        sh_bind_text(st, 4, division);
        sh_bind_int64(st, 5, level);
        sh_bind_text(st, 6, reason);
        sh_bind_int64_or_null(st, 7, sample);
        sh_bind_int64(st, 8, learned);
        sh_bind_int64(st, 9, learned + (int64_t)sh_recall_start_hours(level) * 3600000);
        sh_bind_int64(st, 10, now);
        sh_bind_text(st, 11, due);
        sh_bind_int64_or_null(st, 12, actor->user_id);
        sh_bind_int64(st, 13, now);
    }
    rc = sh_stmt_insert_id(st, &id, err);
    if (rc == 0 && sample) {
        /* a sample named must exist: a foreign key error would not say which field */
        int64_t n = 0;
        sh_stmt *s2 = sh_db_prepare(db, "SELECT count(*) FROM samples WHERE id = ?", err);
        if (s2) {
            sh_bind_int64(s2, 1, sample);
            n = sh_stmt_step(s2, err) == SH_ROW ? sh_col_int64(s2, 0) : 0;
            sh_stmt_done(s2);
        }
        if (!n)
            rc = sh_fail(err, SH_EINVAL, "sample_id", "抽样：不存在 (no such sample)");
    }
    if (rc == 0)
        rc = add_targets(db, id, walk, product, reason, level, now, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:i, s:I}", "epc", epc, "level", level, "targets",
                                  (json_int_t)json_array_size(json_object_get(walk, "parties")));
        rc = sh_audit(db, actor, "start", "recall", id, NULL, after, err);
        json_decref(after);
    }
    json_decref(walk);
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_recall_get(db, actor, id, ret, err);
}
