#include "domain/supervision/hooks.h"

#include "domain/loop/attachment.h"
#include "domain/risk/factor.h"
#include "domain/supervision/inspect.h"

/* An inspector recording the inspection adds photos, each of an item of its checklist (or none). */
static int photo_check_add(sh_db *db, const sh_principal *actor, int64_t inspection_id, int64_t item_id, int64_t *ret_entity,
                           sh_err *err)
{
    int64_t checklist = 0;
    int rc = sh_inspection_check_recorder(db, actor, inspection_id, ret_entity, &checklist, err);
    if (rc || !item_id)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT 1 FROM checklist_items WHERE id = ? AND checklist_id = ?", err);
    int found = 0;
    if (st) {
        sh_bind_int64(st, 1, item_id);
        sh_bind_int64(st, 2, checklist);
        found = sh_stmt_step(st, err) == SH_ROW;
        sh_stmt_done(st);
    }
    if (!found)
        return sh_fail(err, SH_EINVAL, "item_id", "检查项不属于本次检查 (the item is not in this inspection's checklist)");
    return 0;
}

/* Seen with the business (jurisdiction), and by an inspector assigned to the inspection. */
static int photo_may_read(sh_db *db, const sh_principal *actor, int64_t inspection_id, int64_t id, int in_scope)
{
    (void)id;
    if (in_scope)
        return 1;
    sh_stmt *st = sh_db_prepare(db, "SELECT 1 FROM inspection_inspectors WHERE inspection_id = ? AND user_id = ?", NULL);
    if (!st)
        return 0;
    sh_bind_int64(st, 1, inspection_id);
    sh_bind_int64(st, 2, actor->user_id);
    int assigned = sh_stmt_step(st, NULL) == SH_ROW;
    sh_stmt_done(st);
    return assigned;
}

static const sh_attachment_owner inspection_owner = {.type = "inspection", .check_add = photo_check_add,
                                                     .may_read = photo_may_read};

static int count_key_failed(sh_db *db, int64_t entity_id, int64_t since_ms, int64_t *ret_n, sh_err *err)
{
    return sh_risk_count_sql(db,
                             "SELECT count(*) FROM inspection_items r JOIN inspections i ON i.id = r.inspection_id JOIN checklist_items c"
                             " ON c.id = r.item_id WHERE i.entity_id = ? AND i.completed_at >= ? AND r.outcome = 'fail' AND c.key_item = 1",
                             entity_id, since_ms, ret_n, err);
}

static int count_general_failed(sh_db *db, int64_t entity_id, int64_t since_ms, int64_t *ret_n, sh_err *err)
{
    return sh_risk_count_sql(db,
                             "SELECT count(*) FROM inspection_items r JOIN inspections i ON i.id = r.inspection_id JOIN checklist_items c"
                             " ON c.id = r.item_id WHERE i.entity_id = ? AND i.completed_at >= ? AND r.outcome = 'fail' AND c.key_item = 0",
                             entity_id, since_ms, ret_n, err);
}

static int count_inspections_failed(sh_db *db, int64_t entity_id, int64_t since_ms, int64_t *ret_n, sh_err *err)
{
    return sh_risk_count_sql(db, "SELECT count(*) FROM inspections WHERE entity_id = ? AND completed_at >= ? AND result = 'fail'",
                             entity_id, since_ms, ret_n, err);
}

static const sh_risk_factor findings[] = {
    {.factor = "key_item_failed", .label_zh = "重点项不符合", .setting = "risk_key_item_failed", .default_points = 6,
     .rank = 10, .count = count_key_failed},
    {.factor = "general_item_failed", .label_zh = "一般项不符合", .setting = "risk_general_item_failed", .default_points = 2,
     .rank = 20, .count = count_general_failed},
    {.factor = "inspection_failed", .label_zh = "检查结果不符合", .setting = "risk_inspection_failed", .default_points = 10,
     .rank = 30, .count = count_inspections_failed},
};

int sh_supervision_register_hooks(void)
{
    int rc = sh_attachment_owner_register(&inspection_owner);
    for (size_t i = 0; i < sizeof findings / sizeof findings[0]; i++)
        rc |= sh_risk_factor_register(&findings[i]);
    return rc;
}
