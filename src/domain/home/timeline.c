#include "domain/home/timeline.h"

#include <string.h>

#include "domain/registry/entity.h"

/* One source: SELECT kind, id, at, title, detail, route FROM … WHERE <entity column> = (the id, bound
 * after it) [AND what a business may see]. Every column is computed in SQL both databases speak. */
typedef struct source {
    const char *kind, *label, *select, *business; /* business: NULL = not shown to the business */
} source;

static const source SOURCES[] = {
    {"inspection", "监督检查",
     "SELECT 'inspection', i.id, coalesce(i.completed_at, i.created_at), CASE i.kind WHEN 'daily' THEN '日常检查' WHEN 'key' THEN '重点检查'"
     " WHEN 'flying' THEN '飞行检查' WHEN 'system' THEN '体系检查' WHEN 'cross_area' THEN '异地检查' ELSE '联合检查' END,"
     " CASE WHEN i.status = 'assigned' THEN '待检查' WHEN i.result = 'pass' THEN '符合' WHEN i.result = 'pass_after_correction' THEN '基本符合'"
     " WHEN i.result = 'fail' THEN '不符合' ELSE '已完成' END, '#/inspections/' || CAST(i.id AS TEXT)"
     " FROM inspections i WHERE i.status <> 'cancelled' AND i.entity_id = ",
     " AND i.status = 'completed'"},
    {"rectification", "整改",
     "SELECT 'rectification', r.id, r.created_at, r.title, CASE r.status WHEN 'open' THEN '待整改' WHEN 'submitted' THEN '待验收'"
     " ELSE '已验收' END, '#/rectifications?entity=' || CAST(r.entity_id AS TEXT) FROM rectifications r WHERE r.entity_id = ",
     ""},
    {"self_record", "企业自查",
     "SELECT 'self_record', s.id, s.created_at, CASE s.kind WHEN 'daily' THEN '日管控' WHEN 'weekly' THEN '周排查' ELSE '月调度' END"
     " || '：' || s.period, NULL, '#/self' FROM self_records s WHERE s.entity_id = ",
     ""},
    {"alert", "视频预警",
     "SELECT 'alert', a.id, a.first_at, v.label, c.name || ' · ' || CASE a.status WHEN 'pending' THEN '持续观察中' WHEN 'open' THEN '待审核'"
     " WHEN 'confirmed' THEN '已确认' ELSE '误报' END, '#/video' FROM alerts a JOIN violation_types v ON v.code = a.violation"
     " JOIN cameras c ON c.id = a.camera_id WHERE a.entity_id = ",
     " AND a.status = 'confirmed'"},
    {"duty_visit", "包保督导",
     "SELECT 'duty_visit', d.id, d.created_at, '包保督导 ' || d.visited_on || '：' || u.display_name, d.findings, '#/duty'"
     " FROM duty_visits d JOIN users u ON u.id = d.user_id WHERE d.entity_id = ",
     ""},
    {"grade", "风险等级",
     "SELECT 'grade', g.entity_id, g.graded_at, '风险等级评定为' || g.grade || '级', '得分' || CAST(g.score AS TEXT),"
     " '#/entities/' || CAST(g.entity_id AS TEXT) FROM entity_grades g WHERE g.entity_id = ",
     ""},
    {"sample", "抽样检验",
     "SELECT 'sample', s.id, coalesce(s.sampled_at, s.created_at), coalesce(s.product_name, s.code),"
     " CASE WHEN coalesce(s.final_verdict, s.verdict) = 'pass' THEN '合格' WHEN coalesce(s.final_verdict, s.verdict) = 'fail' THEN '不合格'"
     " WHEN s.status = 'refused' THEN '拒绝抽样' WHEN s.status = 'assigned' THEN '待抽样' ELSE '检验中' END, '#/sample/' || CAST(s.id AS TEXT)"
     " FROM samples s WHERE s.status <> 'cancelled' AND s.entity_id = ",
     " AND s.status <> 'assigned'"},
    {"case", "行政处罚",
     "SELECT 'case', k.id, k.created_at, '行政处罚案件' || coalesce(' ' || k.case_no, ''), CASE k.status WHEN 'clue' THEN '线索核查'"
     " WHEN 'filed' THEN '已立案' WHEN 'notified' THEN '已告知' WHEN 'decided' THEN '已决定' WHEN 'served' THEN '已送达' WHEN 'paid' THEN '已缴纳罚款'"
     " ELSE '已结案' END, '#/case/' || CAST(k.id AS TEXT) FROM cases k WHERE k.entity_id = ",
     " AND (k.notified_on IS NOT NULL OR k.decided_on IS NOT NULL)"},
    {"complaint", "投诉举报",
     "SELECT 'complaint', c.id, c.created_at, CASE c.kind WHEN 'complaint' THEN '投诉' WHEN 'report' THEN '举报' ELSE '舆情' END"
     " || ' ' || c.tracking_code, CASE WHEN c.status = 'closed' THEN '已办结' ELSE '办理中' END, '#/complaint/' || CAST(c.id AS TEXT)"
     " FROM complaints c WHERE c.entity_id = ",
     NULL},
};
#define NSOURCES (sizeof SOURCES / sizeof SOURCES[0])

const char *const SH_TIMELINE_KINDS[] = {"inspection", "rectification", "self_record", "alert", "duty_visit", "grade", "sample", "case", "complaint", NULL};

const char *sh_timeline_kind_label(const char *kind)
{
    for (size_t i = 0; i < NSOURCES; i++)
        if (!strcmp(SOURCES[i].kind, kind))
            return SOURCES[i].label;
    return NULL;
}

/* Which sources a comma list names (all when empty); SH_EINVAL for an unknown kind. */
static int chosen(const char *kinds, int on[NSOURCES], sh_err *err)
{
    for (size_t i = 0; i < NSOURCES; i++)
        on[i] = !kinds || !*kinds;
    for (const char *p = kinds; p && *p;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        size_t i = 0;
        while (i < NSOURCES && !(strlen(SOURCES[i].kind) == n && !strncmp(SOURCES[i].kind, p, n)))
            i++;
        if (i == NSOURCES)
            return sh_fail(err, SH_EINVAL, "kind", "记录类型无效 (unknown kind: %.*s)", (int)(n > 40 ? 40 : n), p);
        on[i] = 1;
        p = end ? end + 1 : p + n;
    }
    return 0;
}

typedef struct union_ctx {
    const sh_principal *actor;
    int64_t id;
    const int *on;
} union_ctx;

/* " FROM (<source> UNION ALL <source> …) t" of the chosen sources the actor may see, each bound to the entity. */
static void union_of(sh_qb *qb, const void *ctx)
{
    const union_ctx *u = ctx;
    int business = u->actor->role == SH_ROLE_BUSINESS, parts = 0;
    sh_qb_sql(qb, " FROM (");
    for (size_t i = 0; i < NSOURCES; i++) {
        if (!u->on[i] || (business && !SOURCES[i].business))
            continue;
        if (parts++)
            sh_qb_sql(qb, " UNION ALL ");
        sh_qb_sql(qb, SOURCES[i].select);
        sh_qb_int64(qb, u->id);
        if (business)
            sh_qb_sql(qb, SOURCES[i].business);
    }
    if (!parts) /* nothing the actor may see of these kinds */
        sh_qb_sql(qb, "SELECT 'none', 0, 0, '', '', '' FROM entities WHERE 1 = 0");
    sh_qb_sql(qb, ") t");
}

static json_t *item_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    const char *kind = sh_col_text(st, 0);
    return json_pack("{s:s, s:s, s:I, s:I, s:s, s:o, s:s}", "kind", kind, "kind_label", sh_timeline_kind_label(kind), "id",
                     (json_int_t)sh_col_int64(st, 1), "at", (json_int_t)sh_col_int64(st, 2), "title", sh_col_text(st, 3), "detail",
                     sh_col_is_null(st, 4) ? json_null() : json_string(sh_col_text(st, 4)), "route", sh_col_text(st, 5));
}

int sh_entity_timeline(sh_db *db, const sh_principal *actor, int64_t id, const char *kinds, const sh_page *page, json_t **ret,
                       sh_err *err)
{
    int on[NSOURCES];
    int rc = chosen(kinds, on, err);
    if (rc)
        return rc;
    sh_entity e;
    if ((rc = sh_entity_get(db, actor, id, &e, err)) != 0)
        return rc;
    sh_entity_release(&e);

    union_ctx u = {actor, id, on};
    sh_page_query q = {"t.*", union_of, &u, " ORDER BY 3 DESC, 1, 2 DESC", page->limit, page->offset, item_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}
