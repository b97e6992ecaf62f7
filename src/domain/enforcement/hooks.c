#include "domain/enforcement/hooks.h"

#include "domain/risk/factor.h"

/* A penalty decided (on the spot too) counts from its case's creation. */
static int count_penalties(sh_db *db, int64_t entity_id, int64_t since_ms, int64_t *ret_n, sh_err *err)
{
    return sh_risk_count_sql(db, "SELECT count(*) FROM cases WHERE entity_id = ? AND created_at >= ? AND outcome = 'penalty'",
                             entity_id, since_ms, ret_n, err);
}

static const sh_risk_factor penalties = {.factor = "penalty", .label_zh = "受到行政处罚", .setting = "risk_penalty",
                                         .default_points = 10, .rank = 60, .count = count_penalties};

int sh_enforcement_register_hooks(void)
{
    return sh_risk_factor_register(&penalties);
}
