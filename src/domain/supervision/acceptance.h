/* Four-level acceptance of a rectification campaign (自查 → 初验 → 现场验收 → 县级复核), each level
 * against the same checklist, in order, each by the role it belongs to. */
#ifndef SH_ACCEPTANCE_H
#define SH_ACCEPTANCE_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"

/* {name, checklist_id, kind?, township?}: county and admin; enrolls the active businesses that match. */
int sh_campaign_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err);
int sh_campaigns_list(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err);
/* {entity_id, level (1-4), items:[{item_id, outcome, note}], note}: passes when no item fails. */
int sh_acceptance_record(sh_db *db, const sh_principal *actor, int64_t campaign_id, json_t *body, sh_err *err);
/* Stage reached per business (0-4) and counts per level, in total and per township. */
int sh_campaign_progress(sh_db *db, const sh_principal *actor, int64_t campaign_id, json_t **ret, sh_err *err);

#endif
