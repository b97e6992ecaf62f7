#include "domain/enforcement/hooks.h"

#include <string.h>

#include "domain/enforcement/case_int.h"
#include "domain/loop/attachment.h"

#include "domain/risk/factor.h"

/* A penalty decided (on the spot too) counts from its case's creation. */
static int count_penalties(sh_db *db, int64_t entity_id, int64_t since_ms, int64_t *ret_n, sh_err *err)
{
    return sh_risk_count_sql(db, "SELECT count(*) FROM cases WHERE entity_id = ? AND created_at >= ? AND outcome = 'penalty'",
                             entity_id, since_ms, ret_n, err);
}

static const sh_risk_factor penalties = {.factor = "penalty", .label_zh = "受到行政处罚", .setting = "risk_penalty",
                                         .default_points = 10, .rank = 60, .count = count_penalties};

/* Evidence is added by those who see the case while it is open, and seen by them. */
static int evidence_check_add(sh_db *db, const sh_principal *actor, int64_t case_id, int64_t item_id, int64_t *ret_entity, sh_err *err)
{
    (void)item_id;
    cs_row r;
    int rc = cs_load(db, actor, case_id, &r, err);
    if (rc == 0 && !strcmp(r.status, "closed"))
        rc = sh_fail(err, SH_EINVAL, "status", "案件已结案，不能再添加证据 (the case is closed)");
    if (rc == 0)
        *ret_entity = r.entity_id;
    return rc;
}

static int evidence_may_read(sh_db *db, const sh_principal *actor, int64_t case_id, int64_t id, int in_scope)
{
    (void)id;
    (void)in_scope;
    cs_row r;
    return cs_load(db, actor, case_id, &r, NULL) == 0;
}

static const sh_attachment_owner evidence = {.type = "case", .check_add = evidence_check_add, .may_read = evidence_may_read,
                                           .ledger_kind = "evidence"};

int sh_enforcement_register_hooks(void)
{
    return sh_risk_factor_register(&penalties) | sh_attachment_owner_register(&evidence);
}
