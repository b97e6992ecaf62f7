#include "domain/complaints/hooks.h"

#include "domain/complaints/complaint_int.h"
#include "domain/loop/attachment.h"
#include "domain/risk/factor.h"

/* Seen with the complaint: officials of the division it is handled in. Photos come only with the
 * submission (check_add NULL). */
static int photo_may_read(sh_db *db, const sh_principal *actor, int64_t complaint_id, int64_t id, int in_scope)
{
    (void)id;
    (void)in_scope;
    cp_row r;
    return cp_load(db, actor, complaint_id, &r, NULL) == 0;
}

static const sh_attachment_owner complaint_owner = {.type = "complaint", .check_add = NULL, .may_read = photo_may_read};

/* A complaint the bureau accepted, or a report it opened a case on, counts from its receipt. */
static int count_complaints(sh_db *db, int64_t entity_id, int64_t since_ms, int64_t *ret_n, sh_err *err)
{
    return sh_risk_count_sql(db,
                             "SELECT count(*) FROM complaints WHERE entity_id = ? AND created_at >= ?"
                             " AND ((kind = 'complaint' AND accepted_on IS NOT NULL) OR (kind = 'report' AND outcome = 'case'))",
                             entity_id, since_ms, ret_n, err);
}

static const sh_risk_factor complaints = {.factor = "complaint", .label_zh = "投诉受理或举报立案", .setting = "risk_complaint",
                                          .default_points = 3, .rank = 38, .count = count_complaints};

int sh_complaints_register_hooks(void)
{
    return sh_attachment_owner_register(&complaint_owner) | sh_risk_factor_register(&complaints);
}
