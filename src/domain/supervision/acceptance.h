/* Four-level acceptance of a rectification campaign (自查 → 初验 → 现场验收 → 县级复核), each level
 * against the same checklist, in order, each by the role it belongs to. */
#ifndef SH_ACCEPTANCE_H
#define SH_ACCEPTANCE_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"

/* The most businesses a campaign of given ids takes (the caller pages or splits a larger set). */
#define SH_CAMPAIGN_MAX_IDS 500

/* {name, checklist_id, kind?, township?} or {name, checklist_id, entity_ids}: county and admin; enrolls
 * every active business that matches, or exactly the given ones (each in scope and in operation, or
 * the creation is refused naming entity_ids[i]). */
int sh_campaign_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err);
/* Whether actor runs campaigns (the county and the administrator): 0, else SH_EPERM. */
int sh_campaign_may_run(const sh_principal *actor, sh_err *err);
/* The same with exactly entity_ids (a JSON array of ids), joining the caller's open transaction. */
int sh_campaign_create_for(sh_db *db, const sh_principal *actor, const char *name, int64_t checklist_id, json_t *entity_ids, int64_t *ret_id,
                           sh_err *err);
int sh_campaigns_list(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err);
/* {entity_id, level (1-4), items:[{item_id, outcome, note}], note}: passes when no item fails. */
int sh_acceptance_record(sh_db *db, const sh_principal *actor, int64_t campaign_id, json_t *body, sh_err *err);
/* Stage reached per business (0-4) and counts per level, in total and per township. */
int sh_campaign_progress(sh_db *db, const sh_principal *actor, int64_t campaign_id, json_t **ret, sh_err *err);

#endif
