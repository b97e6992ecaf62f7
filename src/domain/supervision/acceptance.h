/* Four-level acceptance of a rectification campaign (自查 → 初验 → 现场验收 → 县级复核), each level
 * against the same checklist, in order, each by the role it belongs to. */
#ifndef SH_ACCEPTANCE_H
#define SH_ACCEPTANCE_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/rows.h"

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
/* The campaigns the actor sees, the newest first, a page at a time: *ret = {items, total}. */
int sh_campaigns_list(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err);
/* {entity_id, level (1-4), items:[{item_id, outcome, note}], note}: passes when no item fails. */
int sh_acceptance_record(sh_db *db, const sh_principal *actor, int64_t campaign_id, json_t *body, sh_err *err);
/* SQL, true when every business of the campaign whose id is in column col has passed level 4 (levels
 * pass only in order, so it has passed them all): what "accepted" means to those who open campaigns. */
#define SH_CAMPAIGN_ACCEPTED_SQL(col)                                                                                           \
    "NOT EXISTS (SELECT 1 FROM campaign_entities x WHERE x.campaign_id = " col " AND NOT EXISTS (SELECT 1 FROM acceptance_steps a" \
    " WHERE a.campaign_id = x.campaign_id AND a.entity_id = x.entity_id AND a.level = 4 AND a.passed = 1))"
/* Stage reached per business (0-4) and counts per level, in total and per township (over every
 * business); the businesses themselves one page at a time (page NULL: all), entities_total counting
 * them all. */
int sh_campaign_progress(sh_db *db, const sh_principal *actor, int64_t campaign_id, const sh_page *page, json_t **ret,
                         sh_err *err);

#endif
