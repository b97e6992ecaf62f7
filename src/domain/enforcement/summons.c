/* Summons (约谈) of a business's responsible people, with the follow-up due (credit.h; db/055). */
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

#define COLS "s.id, s.entity_id, e.name, s.held_on, s.attendees, s.reason, s.record, s.follow_up_due, s.followed_up_on, s.follow_up"

static int official(const sh_principal *a)
{
    return a->role == SH_ROLE_ADMIN || a->role == SH_ROLE_COUNTY || a->role == SH_ROLE_TOWNSHIP;
}

static json_t *row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)sh_col_int64(st, 0), "entity_id",
                     (json_int_t)sh_col_int64(st, 1), "entity_name", sh_col_text(st, 2), "held_on", sh_col_text(st, 3), "attendees",
                     sh_col_text(st, 4), "reason", sh_col_text(st, 5), "record", sh_col_text(st, 6), "follow_up_due", sh_col_text(st, 7),
                     "followed_up_on", sh_col_is_null(st, 8) ? json_null() : json_string(sh_col_text(st, 8)), "follow_up",
                     sh_col_is_null(st, 9) ? json_null() : json_string(sh_col_text(st, 9)));
}

/* One summons in the actor's jurisdiction. */
static int load(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " COLS " FROM summons s JOIN entities e ON e.id = s.entity_id WHERE s.id = ");
    sh_qb_int64(&qb, id);
    if (!official(actor))
        sh_qb_sql(&qb, " AND 1 = 0");
    else if (actor->scope.kind == SH_SCOPE_DIVISION)
        sh_qb_division_prefix(&qb, "s.division_code", actor->scope.prefix);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret = row(st, NULL);
    sh_stmt_done(st);
    return rc < 0 ? rc : rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "id", "约谈记录不存在或不在您的管辖范围内 (no such summons in your jurisdiction)");
}

int sh_summons_add(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    if (!official(actor))
        return sh_fail(err, SH_EPERM, "", "约谈由县局、乡镇（街道）监管人员进行 (officials summon)");
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    json_t *eid = json_object_get(body, "entity_id");
    char division[13] = "";
    int rc = 0;
    if (json_is_integer(eid)) {
        sh_stmt *st = sh_db_prepare(db, "SELECT division_code FROM entities WHERE id = ?", err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, json_integer_value(eid));
        if ((rc = sh_stmt_step(st, err)) == SH_ROW)
            snprintf(division, sizeof division, "%.9s000", sh_col_text(st, 0));
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
    }
    if (!division[0] || !sh_scope_covers_division(&actor->scope, division))
        return sh_fail(err, SH_EINVAL, "entity_id", "被约谈单位：不存在或不在您的管辖范围内 (no such business in your jurisdiction)");
    const char *attendees = NULL, *reason = NULL, *record = NULL;
    if ((rc = sh_body_text(body, "attendees", "参加人员", 2, 300, &attendees, err)) != 0 ||
        (rc = sh_body_text(body, "reason", "约谈事由", 4, 500, &reason, err)) != 0 ||
        (rc = sh_body_text(body, "record", "约谈记录", 10, 4000, &record, err)) != 0)
        return rc;
    char today[11], held[11], due[11];
    sh_today(today);
    const char *h = json_string_value(json_object_get(body, "held_on"));
    snprintf(held, sizeof held, "%s", h && *h ? h : today);
    if (!sh_date_valid(held, NULL, NULL, NULL) || strcmp(held, today) > 0)
        return sh_fail(err, SH_EINVAL, "held_on", "约谈日期：应为不晚于今天的日期 (held_on must be a date not in the future)");
    json_t *days = json_object_get(body, "follow_up_days");
    int n = json_is_integer(days) ? (int)json_integer_value(days) : 15;
    if (n < 1 || n > 60)
        return sh_fail(err, SH_EINVAL, "follow_up_days", "整改回访期限：应为1-60个工作日 (follow_up_days must be 1-60)");
    if ((rc = sh_workdays_add(db, held, n, due, err)) != 0 || (rc = sh_db_begin(db, err)) != 0)
        return rc;
    int64_t id = 0;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO summons(entity_id, division_code, held_on, attendees, reason, record, follow_up_due, created_by,"
                                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (st) {
        sh_bind_int64(st, 1, json_integer_value(eid));
        sh_bind_text(st, 2, division);
        sh_bind_text(st, 3, held);
        sh_bind_text(st, 4, attendees);
        sh_bind_text(st, 5, reason);
        sh_bind_text(st, 6, record);
        sh_bind_text(st, 7, due);
        sh_bind_int64_or_null(st, 8, actor->user_id);
        sh_bind_int64(st, 9, sh_now_ms());
    }
    rc = sh_stmt_insert_id(st, &id, err);
    if (rc == 0)
        rc = sh_audit(db, actor, "create", "summons", id, NULL, NULL, err);
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : load(db, actor, id, ret, err);
}

int sh_summons_follow_up(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    json_t *cur = NULL;
    int rc = load(db, actor, id, &cur, err);
    json_decref(cur);
    const char *note = NULL;
    if (rc == 0)
        rc = sh_body_text(body, "note", "回访情况", 4, 2000, &note, err);
    if (rc)
        return rc;
    rc = cr_close_once(db, actor, "UPDATE summons SET followed_up_on = ?, follow_up = ? WHERE id = ? AND followed_up_on IS NULL RETURNING id", 1,
                       id, note, "已回访 (followed up already)", "follow_up", "summons", err);
    return rc ? rc : load(db, actor, id, ret, err);
}

struct list_where {
    const sh_principal *actor;
    int64_t entity_id;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, " FROM summons s JOIN entities e ON e.id = s.entity_id WHERE 1 = 1");
    if (w->actor->scope.kind == SH_SCOPE_DIVISION)
        sh_qb_division_prefix(qb, "s.division_code", w->actor->scope.prefix);
    if (w->entity_id) {
        sh_qb_sql(qb, " AND s.entity_id = ");
        sh_qb_int64(qb, w->entity_id);
    }
}

int sh_summons_list(sh_db *db, const sh_principal *actor, int64_t entity_id, const sh_page *page, json_t **ret, sh_err *err)
{
    if (!official(actor))
        return sh_fail(err, SH_EPERM, "", "约谈记录供县局、乡镇（街道）监管人员查看 (for officials)");
    struct list_where w = {actor, entity_id};
    sh_page_query q = {COLS, list_from_where, &w, " ORDER BY CASE WHEN s.followed_up_on IS NULL THEN 0 ELSE 1 END, s.follow_up_due, s.id DESC",
                       page->limit, page->offset, row, NULL};
    return sh_rows_page(db, &q, ret, err);
}
