/* An official's to-do list: their own tasks (inspections and samples assigned to them) and what waits on
 * them in their jurisdiction (alerts to review, evidence to verify, overdue orders and inspections,
 * complaints and cases with a deadline running, upgrade plans of places with a step past its day, 示范创建
 * tasks of their county or township past their day). Each section reads the rows the page it links to
 * lists (the same status predicates), scoped as those pages are: entity rows by sh_scope_entities,
 * complaints, cases and places by their division; a village member sees no complaints or cases (none are
 * theirs). */

#include "domain/home/todo.h"
#include "domain/home/todo_int.h"
#include "store/rows.h"
#include "store/scope.h"

#define R(role) (1u << (role))
#define OFFICIALS (R(SH_ROLE_ADMIN) | R(SH_ROLE_COUNTY) | R(SH_ROLE_TOWNSHIP) | R(SH_ROLE_VILLAGE) | R(SH_ROLE_INSPECTOR) | R(SH_ROLE_SAMPLER))
#define DECIDERS (R(SH_ROLE_ADMIN) | R(SH_ROLE_COUNTY) | R(SH_ROLE_TOWNSHIP))

typedef enum scope_by {
    BY_ENTITY,   /* entities e within the caller's scope */
    BY_DIVISION, /* the column `col` within the caller's division (nothing for a grid or a business) */
    BY_MINE,     /* `col` is "EXISTS (… AND x.user_id = ": the caller's own */
} scope_by;

/* One section: SELECT cols (id, title, detail, due, route) from (… WHERE …) [AND the scope] [AND
 * today_pred with today bound] order. */
typedef struct official_section {
    const char *key, *title, *action, *route;
    unsigned roles;
    const char *cols, *from;
    scope_by by;
    const char *col, *today_pred, *order;
} official_section;

static const official_section SECTIONS[] = {
    {"my_inspections", "我的检查任务", "去检查", "#/inspections?mine=1&status=assigned", OFFICIALS,
     "i.id, e.name, CASE i.kind WHEN 'daily' THEN '日常检查' WHEN 'key' THEN '重点检查' WHEN 'flying' THEN '飞行检查'"
     " WHEN 'system' THEN '体系检查' WHEN 'cross_area' THEN '交叉检查' ELSE '联合检查' END, i.due_date, '#/inspections/' || CAST(i.id AS TEXT)",
     " FROM inspections i JOIN entities e ON e.id = i.entity_id WHERE i.status = 'assigned'", BY_MINE,
     " AND EXISTS (SELECT 1 FROM inspection_inspectors x WHERE x.inspection_id = i.id AND x.user_id = ", NULL,
     " ORDER BY CASE WHEN i.due_date IS NULL THEN 1 ELSE 0 END, i.due_date, i.id"},
    {"my_samples", "我的抽样任务", "去抽样", "#/samples", OFFICIALS,
     "s.id, coalesce(s.product_name, s.code), CASE s.status WHEN 'assigned' THEN '待抽样' ELSE '待送检' END || ' · ' || e.name,"
     " CASE s.status WHEN 'sampled' THEN s.delivery_due END, '#/sample/' || CAST(s.id AS TEXT)",
     " FROM samples s JOIN entities e ON e.id = s.entity_id WHERE s.status IN ('assigned', 'sampled')", BY_MINE,
     " AND EXISTS (SELECT 1 FROM sample_samplers x WHERE x.sample_id = s.id AND x.user_id = ", NULL,
     " ORDER BY CASE WHEN s.delivery_due IS NULL THEN 1 ELSE 0 END, s.delivery_due, s.id"},
    {"alerts", "视频预警待复核", "去复核", "#/video", DECIDERS | R(SH_ROLE_VILLAGE),
     "a.id, v.label, e.name || ' · ' || c.name, NULL, '#/video'",
     " FROM alerts a JOIN entities e ON e.id = a.entity_id JOIN violation_types v ON v.code = a.violation"
     " JOIN cameras c ON c.id = a.camera_id WHERE a.status = 'open'",
     BY_ENTITY, NULL, NULL, " ORDER BY a.last_at DESC, a.id DESC"},
    {"evidence", "整改待复查", "复查", "#/rectifications?status=submitted", DECIDERS | R(SH_ROLE_VILLAGE) | R(SH_ROLE_INSPECTOR),
     "r.id, r.title, e.name, NULL, '#/rectifications?status=submitted&entity=' || CAST(r.entity_id AS TEXT)",
     " FROM rectifications r JOIN entities e ON e.id = r.entity_id WHERE r.status = 'submitted'", BY_ENTITY, NULL, NULL,
     " ORDER BY r.id"},
    {"overdue_orders", "整改逾期", "督促整改", "#/rectifications?status=open", DECIDERS | R(SH_ROLE_VILLAGE),
     "r.id, r.title, e.name, r.deadline, '#/rectifications?status=open&entity=' || CAST(r.entity_id AS TEXT)",
     " FROM rectifications r JOIN entities e ON e.id = r.entity_id WHERE r.status = 'open'", BY_ENTITY, NULL,
     " AND r.deadline < ", " ORDER BY r.deadline, r.id"},
    {"overdue_inspections", "检查任务逾期", "查看任务", "#/inspections?mine=&status=assigned", DECIDERS,
     "i.id, e.name, '应于' || i.due_date || '前完成', i.due_date, '#/inspections/' || CAST(i.id AS TEXT)",
     " FROM inspections i JOIN entities e ON e.id = i.entity_id WHERE i.status = 'assigned' AND i.due_date IS NOT NULL", BY_ENTITY, NULL,
     " AND i.due_date < ", " ORDER BY i.due_date, i.id"},
    {"complaints", "投诉举报办理期限", "去办理", "#/complaints", DECIDERS,
     "c.id, CASE c.kind WHEN 'complaint' THEN '投诉' WHEN 'report' THEN '举报' ELSE '舆情' END || '：' || c.respondent_name,"
     " CASE c.due_step WHEN 'accept' THEN '待受理' WHEN 'settle' THEN '管辖争议处理' WHEN 'mediate' THEN '调解'"
     " WHEN 'tell' THEN '告知' WHEN 'verify' THEN '核查' WHEN 'decide' THEN '决定' ELSE '办结' END, c.due_on,"
     " '#/complaint/' || CAST(c.id AS TEXT)",
     " FROM complaints c WHERE c.status <> 'closed' AND c.due_on IS NOT NULL", BY_DIVISION, "c.division_code", NULL,
     " ORDER BY c.due_on, c.id"},
    {"cases", "案件办理期限", "去办理", "#/cases", DECIDERS | R(SH_ROLE_INSPECTOR),
     "k.id, k.party_name, CASE k.status WHEN 'clue' THEN '线索核查' ELSE '立案后作出处理决定' END,"
     " CASE k.status WHEN 'clue' THEN k.verify_due ELSE k.decision_due END, '#/case/' || CAST(k.id AS TEXT)",
     " FROM cases k WHERE k.status IN ('clue', 'filed')", BY_DIVISION, "k.division_code", NULL,
     " ORDER BY CASE k.status WHEN 'clue' THEN k.verify_due ELSE k.decision_due END, k.id"},
    {"licence_decide", "食品经营许可待决定", "去决定", "#/licence-queue", R(SH_ROLE_ADMIN) | R(SH_ROLE_COUNTY),
     "l.id, l.name, CASE l.kind WHEN 'new' THEN '新办' WHEN 'change' THEN '变更' WHEN 'renew' THEN '延续' ELSE '注销' END || '（告知承诺）',"
     " l.submitted_on, '#/licence-queue'",
     " FROM licence_applications l WHERE l.status = 'submitted'", BY_DIVISION, "l.division_code", NULL, " ORDER BY l.id"},
    {"licence_verify", "许可证后现场核查", "去核查", "#/licence-verify", DECIDERS,
     "l.id, l.name, l.licence_no || CASE WHEN l.overdue_at IS NOT NULL THEN ' · 已逾期' ELSE '' END, l.verify_due, '#/licence-verify'",
     " FROM licence_applications l WHERE l.status = 'issued' AND l.verify_due IS NOT NULL AND l.verify_result IS NULL", BY_DIVISION,
     "l.division_code", NULL, " ORDER BY l.verify_due, l.id"},
    {"upgrade_overdue", "提升改造步骤逾期", "督促改造", "#/upgrade-plans?overdue=1", DECIDERS,
     "p.id, p.name, w.name || ' · 未按期完成的改造步骤', (SELECT min(s.due_on) FROM upgrade_plan_steps s WHERE s.plan_id = p.id"
     " AND s.done_on IS NULL), '#/upgrade-plan/' || CAST(p.id AS TEXT)",
     " FROM upgrade_plans p JOIN workshop_places w ON w.id = p.place_id WHERE 1 = 1", BY_DIVISION, "w.division_code",
     " AND (SELECT min(s.due_on) FROM upgrade_plan_steps s WHERE s.plan_id = p.id AND s.done_on IS NULL) < ", " ORDER BY p.id"},
    {"demonstration_overdue", "示范创建任务逾期", "去督办", "#/demonstration-tasks?overdue=1", DECIDERS,
     "t.id, t.title, t.owner_department, t.due_on, '#/demonstration-task/' || CAST(t.id AS TEXT)",
     " FROM demonstration_tasks t WHERE t.status = 'open'", BY_DIVISION, "t.owner_division", " AND t.due_on < ", " ORDER BY t.due_on, t.id"},
};

typedef struct where_ctx {
    const official_section *s;
    const sh_principal *actor;
    const char *today;
} where_ctx;

static void where_of(sh_qb *qb, const void *ctx)
{
    const where_ctx *w = ctx;
    const official_section *s = w->s;
    sh_qb_sql(qb, s->from);
    if (s->by == BY_ENTITY) {
        sh_scope_entities(qb, &w->actor->scope, "e");
    } else if (s->by == BY_DIVISION) {
        sh_scope_division_column(qb, &w->actor->scope, s->col);
    } else {
        sh_qb_sql(qb, s->col);
        sh_qb_int64(qb, w->actor->user_id);
        sh_qb_sql(qb, ")");
    }
    if (s->today_pred) {
        sh_qb_sql(qb, s->today_pred);
        sh_qb_text(qb, w->today);
    }
}

/* An item with its countdown; column 4 is the page to act on it. */
static json_t *item_row(sh_stmt *st, void *ctx)
{
    return sh_todo_item(st, ctx, sh_col_text(st, 4));
}

/* The section's count and its first SH_TODO_ITEMS items; *ret NULL when there are none. */
static int section_of(sh_db *db, const official_section *s, const sh_principal *actor, const char *today, json_t **ret, sh_err *err)
{
    *ret = NULL;
    where_ctx w = {s, actor, today};
    sh_page_query q = {s->cols, where_of, &w, s->order, SH_TODO_ITEMS, 0, item_row, (void *)today};
    json_t *page = NULL;
    int rc = sh_rows_page(db, &q, &page, err);
    if (rc)
        return rc;
    int64_t count = json_integer_value(json_object_get(page, "total"));
    if (count > 0)
        *ret = sh_todo_section(s->key, s->title, s->action, s->route, count, json_incref(json_object_get(page, "items")));
    json_decref(page);
    return 0;
}

int sh_todo_official(sh_db *db, const sh_principal *actor, const char *today, json_t *sections, sh_err *err)
{
    for (size_t i = 0; i < sizeof SECTIONS / sizeof SECTIONS[0]; i++) {
        if (!(SECTIONS[i].roles & R(actor->role)))
            continue;
        json_t *one = NULL;
        int rc = section_of(db, &SECTIONS[i], actor, today, &one, err);
        if (rc)
            return rc;
        if (one)
            json_array_append_new(sections, one);
    }
    return 0;
}
