/* Inside the demonstration area: who reaches what, and the pieces the files share. */
#ifndef SH_DM_INT_H
#define SH_DM_INT_H

#include "domain/demonstration/demonstration.h"
#include "store/qb.h"

/* Appends " AND (…)": the tasks t (of campaigns c) the actor reaches: the campaign's county within its
 * jurisdiction, the task's township within it, or the actor named on it. Nothing for a business. */
void dm_task_reach(sh_qb *qb, const sh_principal *actor);
/* Loads campaign id as the actor may see it: *ret_county whether the actor is the county for it
 * (sees all, edits when its role is county or admin). SH_ENOTFOUND otherwise. */
int dm_campaign_load(sh_db *db, const sh_principal *actor, int64_t id, char division[13], int *ret_county, sh_err *err);
/* The county's edit right on a campaign it sees: SH_EPERM otherwise. */
int dm_county_edit(const sh_principal *actor, int county, sh_err *err);
/* Inserts one task from body into campaign (inside the caller's transaction); due_workdays count from
 * `from` (today, or the meeting's day); field names of errors are prefixed by where ("decisions[0]." or ""). */
int dm_task_insert(sh_db *db, const sh_principal *actor, int64_t campaign_id, const char *county, int64_t meeting_id, const char *from,
                   json_t *body, const char *where, int64_t *ret_id, sh_err *err);
/* INSERT … RETURNING id of a campaign's row whose columns are (campaign_id, three texts, created_by,
 * created_at) in that order: a veto, a meeting. */
int dm_insert_row(sh_db *db, const sh_principal *actor, const char *sql, int64_t campaign_id, const char *a, const char *b, const char *c,
                  int64_t *ret_id, sh_err *err);
/* YYYY-MM-DD of body's field into out (sh_body_date; "" is absent too); required unless def. */
int dm_date(json_t *body, const char *field, const char *label, const char *def, char out[11], sh_err *err);

#endif
