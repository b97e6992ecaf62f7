/* A business's to-do list: what it has to do, each with its deadline counted on the platform's Beijing
 * today (sh_today, so a pinned clock moves it). One query a section, each reading the rows the
 * business's own pages list and act on (the same predicates: an open order is what
 * /rectifications?status=open shows, a completed inspection without acknowledged_at what
 * /inspections/{id}/acknowledge takes, …), bound to the principal's entity only. Sections with
 * nothing in them are left out. A video alert is not here until an official confirms it (as the alert pages
 * show a business its confirmed alerts only); confirmed, it is an order under 整改通知. Staff health certificates
 * (people/health.c) ending within the licence's 30 days, and the spot exams of its officers still to answer; a
 * liability insurance policy (people/insurance.c) ending within those 30 days (or ended) that no later policy follows;
 * a licence's on-site verification found inconsistent and not yet reported corrected (or returned), and the
 * training sessions it was invited to that are still to come. */
#include "domain/home/todo.h"

#include <stdio.h>

#include "core/civil.h"
#include "domain/base/calendar.h"
#include "domain/home/todo_int.h"
#include "store/rows.h"

/* One section: its query selects id, title, detail (or NULL), due (YYYY-MM-DD or NULL); binds, in
 * order, e = the entity, t = today, l = the last day a licence may end and be listed. */
typedef struct section {
    const char *key, *title, *action, *route, *item_route; /* item_route: followed by the id, NULL = route */
    const char *binds, *sql;
    int routed; /* the query's fifth column is each item's route (a page that depends on the row) */
} section;

static const section SECTIONS[] = {
    {"rectifications", "整改通知", "提交整改", "#/rectifications?status=open", NULL, "e",
     "SELECT id, title, requirement, deadline FROM rectifications WHERE entity_id = ? AND status = 'open' ORDER BY deadline, id", 0},
    {"inspections", "检查结果待确认", "确认签收", "#/inspections?status=completed", "#/inspections/", "e",
     "SELECT i.id, CASE i.kind WHEN 'daily' THEN '日常检查' WHEN 'key' THEN '重点检查' WHEN 'flying' THEN '飞行检查'"
     " WHEN 'system' THEN '体系检查' WHEN 'cross_area' THEN '交叉检查' ELSE '联合检查' END"
     " || CASE i.result WHEN 'pass' THEN '：符合' WHEN 'pass_after_correction' THEN '：基本符合' WHEN 'fail' THEN '：不符合' ELSE '' END,"
     " i.summary, NULL FROM inspections i WHERE i.entity_id = ? AND i.status = 'completed' AND i.acknowledged_at IS NULL"
     " ORDER BY i.completed_at, i.id", 0},
    {"daily_record", "日管控", "填写记录", "#/self", NULL, "tet",
     "SELECT e.id, '今日食品安全日管控记录未填写', NULL, CAST(? AS TEXT) FROM entities e WHERE e.id = ? AND e.status = 'active'"
     " AND NOT EXISTS (SELECT 1 FROM self_records s WHERE s.entity_id = e.id AND s.kind = 'daily' AND s.period = ?)", 0},
    {"recalls", "食品召回", "确认下架", "#/recalls", "#/recall/", "e",
     "SELECT r.id, r.product, r.reason, r.complete_due FROM recall_targets t JOIN recalls r ON r.id = t.recall_id"
     " WHERE t.entity_id = ? AND r.status = 'open' AND t.confirmed_on IS NULL ORDER BY r.complete_due, r.id", 0},
    {"cases", "行政处罚", "查看文书", "#/my-cases", NULL, "et",
     "SELECT id, CASE status WHEN 'notified' THEN '行政处罚告知：可陈述、申辩' ELSE '行政处罚决定：缴纳罚款' END, case_no,"
     " CASE status WHEN 'notified' THEN representation_due ELSE payment_due END FROM cases WHERE entity_id = ?"
     " AND ((status = 'notified' AND representation_due >= ?) OR (status = 'served' AND payment_due IS NOT NULL AND fine_yuan > 0))"
     " ORDER BY id", 0},
    {"samples", "抽检不合格", "签收或申请复检", "#/samples", "#/sample/", "et",
     "SELECT s.id, coalesce(s.product_name, s.code), CASE WHEN s.notice_received_on IS NULL THEN '不合格通知已送达，请确认收到'"
     " ELSE '检验结论不合格，可在期限内申请复检' END, CASE WHEN s.notice_received_on IS NULL THEN NULL ELSE s.retest_due END"
     " FROM samples s WHERE s.entity_id = ? AND s.verdict = 'fail' AND s.final_verdict IS NULL AND s.notice_sent_on IS NOT NULL"
     " AND (s.notice_received_on IS NULL OR (s.retest_due >= ? AND NOT EXISTS (SELECT 1 FROM sample_retests x WHERE x.sample_id = s.id)))"
     " ORDER BY s.id", 0},
    /* a food business licence is renewed on the licence page; the others are kept in the business's record */
    {"licence", "许可证到期", "办理延续", "#/licence-apply", NULL, "el",
     "SELECT id, CASE licence_kind WHEN 'sc' THEN '食品生产许可证' WHEN 'jy' THEN '食品经营许可证' WHEN 'filing' THEN '备案凭证'"
     " WHEN 'workshop_reg' THEN '小作坊登记证' WHEN 'stall_record' THEN '摊贩登记卡' ELSE '许可证' END, licence_no, licence_valid_until,"
     " CASE WHEN licence_kind = 'jy' THEN '#/licence-apply' ELSE '#/entities/' || CAST(id AS TEXT) END"
     " FROM entities WHERE id = ? AND status = 'active' AND licence_valid_until IS NOT NULL AND licence_valid_until <= ?", 1},
    {"licence_correction", "许可现场核查整改", "报告整改完成", "#/licence-apply", NULL, "e",
     "SELECT id, '现场核查不相符，请按要求整改', COALESCE(correct_review_note, verify_note), correct_due FROM licence_applications"
     " WHERE entity_id = ? AND verify_result = 'inconsistent' AND corrected_on IS NULL AND correct_confirmed_on IS NULL ORDER BY id", 0},
    {"trainings", "培训通知", "查看培训", "#/training", "#/training/", "et",
     "SELECT s.id, s.title, s.place, s.held_on FROM training_invitations i JOIN training_sessions s ON s.id = i.session_id"
     " WHERE i.entity_id = ? AND s.held_on >= ? ORDER BY s.held_on, s.id", 0},
    {"exams", "食品安全管理人员考核", "去答题", "#/people", "#/exam/", "e",
     "SELECT x.id, p.name || CASE p.role WHEN 'director' THEN '（食品安全总监）' ELSE '（食品安全员）' END || '：监督抽查考核', NULL, NULL"
     " FROM fs_exams x JOIN fs_appointments p ON p.id = x.appointment_id WHERE x.entity_id = ? AND x.status = 'open' ORDER BY x.id", 0},
    {"health_certs", "健康证明到期", "安排健康检查", "#/people", NULL, "el",
     "SELECT id, person_name || '的健康证明', cert_no, valid_until FROM fs_health_certs WHERE entity_id = ? AND removed_on IS NULL"
     " AND valid_until <= ? ORDER BY valid_until, id", 0},
    {"insurance", "食品安全责任保险到期", "办理续保", "#/insurance", "#/insurance-card/", "el",
     "SELECT p.id, '食品安全责任保险（' || p.insurer || '）', p.policy_no, p.ends_on FROM fs_insurance p WHERE p.entity_id = ?"
     " AND p.cancelled_on IS NULL AND p.ends_on <= ? AND NOT EXISTS (SELECT 1 FROM fs_insurance q WHERE q.entity_id = p.entity_id"
     " AND q.cancelled_on IS NULL AND q.ends_on > p.ends_on) ORDER BY p.ends_on, p.id", 0},
};

typedef struct day_ctx {
    const char *today, *last;
} day_ctx;

json_t *sh_todo_item(sh_stmt *st, const char *today, const char *route)
{
    json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "title", sh_col_text_json(st, 1), "detail",
                          sh_col_text_json(st, 2), "due", sh_col_text_json(st, 3), "route", route);
    if (!sh_col_is_null(st, 3)) {
        int64_t left = sh_date_days(sh_col_text(st, 3)) - sh_date_days(today);
        json_object_set_new(o, "days_left", json_integer(left));
        json_object_set_new(o, "overdue", json_boolean(left < 0));
    } else {
        json_object_set_new(o, "days_left", json_null());
        json_object_set_new(o, "overdue", json_false());
    }
    return o;
}

json_t *sh_todo_section(const char *key, const char *title, const char *action, const char *route, int64_t count, json_t *items)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:I, s:o}", "key", key, "title", title, "action", action, "route", route, "count",
                     (json_int_t)count, "items", items);
}

static json_t *item_of(const section *s, sh_stmt *st, const char *today)
{
    char route[64];
    if (s->routed)
        return sh_todo_item(st, today, sh_col_text(st, 4));
    if (s->item_route)
        snprintf(route, sizeof route, "%s%lld", s->item_route, (long long)sh_col_int64(st, 0));
    return sh_todo_item(st, today, s->item_route ? route : s->route);
}

/* The section's count and first items; *ret NULL when it has none. */
static int section_of(sh_db *db, const section *s, int64_t entity, const day_ctx *days, json_t **ret, sh_err *err)
{
    *ret = NULL;
    sh_stmt *st = sh_db_prepare(db, s->sql, err);
    if (!st)
        return SH_EINTERNAL;
    for (int i = 0; s->binds[i]; i++) {
        if (s->binds[i] == 'e')
            sh_bind_int64(st, i + 1, entity);
        else
            sh_bind_text(st, i + 1, s->binds[i] == 't' ? days->today : days->last);
    }
    json_t *items = json_array();
    int64_t count = 0;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        if (count++ < SH_TODO_ITEMS)
            json_array_append_new(items, item_of(s, st, days->today));
    sh_stmt_done(st);
    if (rc < 0 || count == 0) {
        json_decref(items);
        return rc < 0 ? rc : 0;
    }
    *ret = sh_todo_section(s->key, s->title, s->action, s->route, count, items);
    return 0;
}

int sh_todo_of(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err)
{
    char today[11], last[11];
    sh_today(today);
    json_t *sections = json_array();
    int rc = 0;
    if (actor->role != SH_ROLE_BUSINESS) {
        rc = sh_todo_official(db, actor, today, sections, err);
        goto done;
    }
    if (actor->entity_id <= 0) {
        json_decref(sections);
        return sh_fail(err, SH_EPERM, "", "账号未关联经营主体 (a business account without its business)");
    }
    sh_date_add_days(today, SH_TODO_LICENCE_DAYS, last);
    day_ctx days = {today, last};
    for (size_t i = 0; rc == 0 && i < sizeof SECTIONS / sizeof SECTIONS[0]; i++) {
        json_t *one = NULL;
        rc = section_of(db, &SECTIONS[i], actor->entity_id, &days, &one, err);
        if (one)
            json_array_append_new(sections, one);
    }
done:
    if (rc) {
        json_decref(sections);
        return rc;
    }
    *ret = json_pack("{s:s, s:o}", "today", today, "sections", sections);
    return 0;
}
