#include "domain/loop/hooks.h"

#include "domain/loop/attachment.h"
#include "domain/loop/rectify.h"
#include "domain/risk/factor.h"

/* The business adds photos of what it did to its own open order. */
static int evidence_check_add(sh_db *db, const sh_principal *actor, int64_t order_id, int64_t item_id, int64_t *ret_entity,
                              sh_err *err)
{
    int rc = sh_rectify_check_submitter(db, actor, order_id, ret_entity, err);
    if (rc == 0 && item_id) /* evidence shows the whole order, not a checklist item */
        rc = sh_fail(err, SH_EINVAL, "item_id", "检查项不属于本次检查 (the item is not in this inspection's checklist)");
    return rc;
}

static const sh_attachment_owner rectification_owner = {.type = "rectification", .check_add = evidence_check_add};

/* Orders run past their deadline (see is_overdue in rectify.c), each once. A video hazard's order is
 * left to the video area's own factor (AI alerts not rectified in time, DOMAIN.md "Risk grading"), so
 * that an overdue hazard is counted once, not as a hazard and again as an order. */
static int count_escalated(sh_db *db, int64_t entity_id, int64_t since_ms, int64_t *ret_n, sh_err *err)
{
    return sh_risk_count_sql(db,
                             "SELECT count(*) FROM rectifications WHERE entity_id = ? AND escalated_at >= ?"
                             " AND source_type <> 'video_alert'",
                             entity_id, since_ms, ret_n, err);
}

static const sh_risk_factor order_escalated = {
    .factor = "order_escalated", .label_zh = "整改逾期", .setting = "risk_order_escalated", .default_points = 5,
    .rank = 40, .count = count_escalated};

int sh_loop_register_hooks(void)
{
    return sh_attachment_owner_register(&rectification_owner) | sh_risk_factor_register(&order_escalated);
}
