/* Upgrade plans (提升改造) of parks, clusters and model units (places.h; db/076): a county or township
 * official sets a place a goal, the checklist it will be accepted against and its steps, each due on a
 * date or so many working days from the plan's start (the calendar engine). A step is marked done with
 * a note; an open step past its day is overdue (on sh_today) and on the officials' to-do list. Started
 * for acceptance (by the county, who runs acceptance campaigns), the plan opens a four-level campaign
 * (supervision/acceptance.h) of exactly the place's workshops; the plan is accepted when each of them
 * has passed the county review, read from that campaign. Officials see the plans of their
 * jurisdiction's places, a workshop those of its own place (read only); any other id is missing. */
#ifndef SH_WORKSHOP_UPGRADE_H
#define SH_WORKSHOP_UPGRADE_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

/* body {name, goal, checklist_id, starts_on? (today), steps: [{title, owner_note?, due_on | due_workdays}]};
 * *ret the plan. */
int sh_upgrade_plan_create(sh_db *db, const sh_principal *actor, int64_t place_id, json_t *body, json_t **ret, sh_err *err);
/* {id, place_id, place_name, place_kind_label, division_name, name, goal, checklist_id, checklist_name,
 * starts_on, status (in_progress | acceptance | accepted), status_label, campaign_id, steps: [{id, title,
 * owner_note, due_on, due_workdays, due_provisional, done_on, done_note, done_by, overdue, days_left}],
 * steps_done, steps_overdue, acceptance: null | the campaign's progress (stage 0-4 per workshop)}. */
int sh_upgrade_plan_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* {items, total}: place_id 0 for every place; overdue 1 for the plans with an open step past its day. */
int sh_upgrade_plans_list(sh_db *db, const sh_principal *actor, int64_t place_id, int overdue, const sh_page *page, json_t **ret,
                          sh_err *err);
/* body {title, owner_note?, due_on | due_workdays}: one more step, before acceptance starts. */
int sh_upgrade_step_add(sh_db *db, const sh_principal *actor, int64_t plan_id, json_t *body, json_t **ret, sh_err *err);
/* body {note}: the step is done today, by the actor. */
int sh_upgrade_step_done(sh_db *db, const sh_principal *actor, int64_t plan_id, int64_t step_id, json_t *body, json_t **ret, sh_err *err);
/* Every step done: opens the acceptance campaign of the place's workshops (county and admin). */
int sh_upgrade_plan_start_acceptance(sh_db *db, const sh_principal *actor, int64_t plan_id, json_t *body, json_t **ret, sh_err *err);

#endif
