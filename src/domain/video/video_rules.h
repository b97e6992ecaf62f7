/* The video rules a bureau tunes without SQL: alert_rules (per violation: enabled, minimum score,
 * minimum duration, cooldown, schedule, zones, deadline) and label_map (a source's label → a
 * violation). Any official reads them; admin and county officials change them, each change in one
 * transaction and audited with the values before and after. observe.c applies them to the next
 * observation. */
#ifndef SH_VIDEO_RULES_H
#define SH_VIDEO_RULES_H

#include <jansson.h>

#include "domain/base/principal.h"

/* {violations: [{code, label, requirement}], rules: [{violation, label, enabled, min_score,
 * min_duration_s, cooldown_s, schedule, use_zones, deadline_wd, night_min_score (null: min_score
 * day and night), platform_check (shian-vision's own experimental check is on, db/082),
 * platform_check_precision (its measured precision; null: the platform has no check for the
 * violation)}], label_map: [{source, label, violation}]} */
int sh_video_rules_get(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err);

/* Changes the given fields of the rule of violation (patch: any of enabled, min_score,
 * min_duration_s, cooldown_s, schedule, use_zones, deadline_wd, night_min_score (a number or null), platform_check (true only where the
 * platform has a check); anything else is refused naming the
 * key). *ret: the rule after the change. SH_ENOTFOUND for an unknown violation. */
int sh_video_rule_update(sh_db *db, const sh_principal *actor, const char *violation, const json_t *patch, json_t **ret,
                         sh_err *err);

/* Sets or (violation null) removes the label_map row of {source, label}; the label is stored
 * lower-case, as observations are matched. *ret: {source, label, violation|null}. */
int sh_label_map_put(sh_db *db, const sh_principal *actor, const json_t *body, json_t **ret, sh_err *err);

#endif
