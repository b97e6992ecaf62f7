/* 示范创建 (issue 17; db/078): a county's creation campaign with its tasks (owner, deadline, progress),
 * dispatch meetings whose decisions each become a task, 一票否决 items that veto the campaign, and model
 * units (streets, canteens …) with their status; figures of tasks done, overdue and in all.
 *
 * Access: the county (officials whose jurisdiction covers the campaign's county) sees and edits all of
 * it; any other official sees the tasks its township owns or it is named on, and the campaigns those
 * belong to (with only those tasks and their figures), and reports progress on them; a business sees
 * nothing. An id outside that answers as a missing one. A task is overdue while open past its due day
 * (the platform's today); a deadline given in working days is computed by the calendar engine. */
#ifndef SH_DEMONSTRATION_H
#define SH_DEMONSTRATION_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

/* campaign.c */
/* County: body {name, starts_on?, ends_on?}. */
int sh_dm_campaign_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
/* {id, name, starts_on, ends_on, vetoed, vetoes:[…], figures:{total, done, overdue, open}, editable}. */
int sh_dm_campaign_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
int sh_dm_campaigns_list(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err);
/* County: body {kind: incident|other, occurred_on, description}: the campaign is vetoed. */
int sh_dm_veto_add(sh_db *db, const sh_principal *actor, int64_t campaign_id, json_t *body, json_t **ret, sh_err *err);

/* tasks.c */
/* County: body {title, owner_department, owner_division?, owner_user_id?, due_on | due_workdays}. */
int sh_dm_task_create(sh_db *db, const sh_principal *actor, int64_t campaign_id, json_t *body, json_t **ret, sh_err *err);
int sh_dm_task_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
typedef struct sh_dm_task_filter {
    int64_t campaign_id, meeting_id;
    const char *status; /* open, done, or NULL */
    int overdue;        /* 1: open past their day */
} sh_dm_task_filter;
int sh_dm_tasks_list(sh_db *db, const sh_principal *actor, const sh_dm_task_filter *f, const sh_page *page, json_t **ret, sh_err *err);
/* The county or the task's owner: body {note, progress? (0-100), done?}. */
int sh_dm_task_progress(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);

/* meetings.c */
/* County: body {title, held_on, attendees, decisions: [task bodies]} in one transaction. */
int sh_dm_meeting_create(sh_db *db, const sh_principal *actor, int64_t campaign_id, json_t *body, json_t **ret, sh_err *err);
int sh_dm_meetings_list(sh_db *db, const sh_principal *actor, int64_t campaign_id, const sh_page *page, json_t **ret, sh_err *err);

/* units.c */
/* County: body {kind, name, division_code, status?}. */
int sh_dm_unit_create(sh_db *db, const sh_principal *actor, int64_t campaign_id, json_t *body, json_t **ret, sh_err *err);
/* County: body {status: building|accepted|named}. */
int sh_dm_unit_update(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
int sh_dm_units_list(sh_db *db, const sh_principal *actor, int64_t campaign_id, const sh_page *page, json_t **ret, sh_err *err);

#endif
