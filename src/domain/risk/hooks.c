#include "domain/risk/hooks.h"

#include "domain/registry/entity.h"
#include "domain/risk/credit.h"
#include "domain/risk/risk.h"

/* A business created (graded at once) or whose kind, categories or scale changed. */
static int regrade_changed_profile(sh_db *db, int64_t entity_id, sh_err *err)
{
    return sh_risk_regrade(db, entity_id, "registry", NULL, err);
}

int sh_risk_register_hooks(void)
{
    return sh_entity_on_profile_change(regrade_changed_profile) | sh_risk_credit_register();
}
