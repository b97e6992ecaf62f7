/* Dispatch meetings (调度会, demonstration.h): the county records one with its attendees, and each
 * decision becomes a task of the campaign in the same transaction (all or none). */
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/demonstration/dm_int.h"

enum { MAX_DECISIONS = 50 };

static json_t *meeting_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "title", sh_col_text(st, 1), "held_on", sh_col_text(st, 2),
                     "attendees", sh_col_text(st, 3), "decisions", (json_int_t)sh_col_int64(st, 4));
}

int sh_dm_meeting_create(sh_db *db, const sh_principal *actor, int64_t campaign_id, json_t *body, json_t **ret, sh_err *err)
{
    char division[13], held[11], today[11];
    int county = 0;
    int rc = dm_campaign_load(db, actor, campaign_id, division, &county, err);
    if (rc == 0)
        rc = dm_county_edit(actor, county, err);
    if (rc)
        return rc;
    sh_today(today);
    const char *title = NULL, *attendees = NULL;
    json_t *decisions = json_object_get(body, "decisions");
    if ((rc = sh_body_text(body, "title", "会议名称", 2, 200, &title, err)) != 0 || (rc = dm_date(body, "held_on", "会议日期", today, held, err)) != 0 ||
        (rc = sh_body_text(body, "attendees", "参会人员", 2, 1000, &attendees, err)) != 0)
        return rc;
    if (strcmp(held, today) > 0)
        return sh_fail(err, SH_EINVAL, "held_on", "会议日期：不得晚于今天 (held_on must not be in the future)");
    if (!json_is_array(decisions) || json_array_size(decisions) < 1 || json_array_size(decisions) > MAX_DECISIONS)
        return sh_fail(err, SH_EINVAL, "decisions", "会议议定事项：应有1至%d项 (decisions must hold 1 to %d items)", MAX_DECISIONS, MAX_DECISIONS);
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    int64_t id = 0;
    rc = dm_insert_row(db, actor,
                       "INSERT INTO demonstration_meetings(campaign_id, title, held_on, attendees, created_by, created_at)"
                       " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                       campaign_id, title, held, attendees, &id, err);
    size_t i;
    json_t *d;
    json_array_foreach(decisions, i, d)
    {
        if (rc)
            break;
        char where[32];
        int64_t task = 0;
        snprintf(where, sizeof where, "decisions[%zu].", i);
        rc = dm_task_insert(db, actor, campaign_id, division, id, held, d, where, &task, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s, s:I}", "campaign_id", (json_int_t)campaign_id, "title", title, "held_on", held, "decisions",
                                  (json_int_t)json_array_size(decisions));
        rc = sh_audit(db, actor, "create", "demonstration_meeting", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    if (rc)
        return rc;
    *ret = json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)id, "title", title, "held_on", held, "attendees", attendees, "decisions",
                     (json_int_t)json_array_size(decisions));
    return 0;
}

static void meetings_from_where(sh_qb *qb, const void *ctx)
{
    const int64_t *campaign = ctx;
    sh_qb_sql(qb, " FROM demonstration_meetings m WHERE m.campaign_id = ");
    sh_qb_int64(qb, *campaign);
}

int sh_dm_meetings_list(sh_db *db, const sh_principal *actor, int64_t campaign_id, const sh_page *page, json_t **ret, sh_err *err)
{
    char division[13];
    int county = 0;
    int rc = dm_campaign_load(db, actor, campaign_id, division, &county, err);
    if (rc)
        return rc;
    sh_page_query q = {"m.id, m.title, m.held_on, m.attendees, (SELECT count(*) FROM demonstration_tasks t WHERE t.meeting_id = m.id)",
                       meetings_from_where, &campaign_id, " ORDER BY m.held_on DESC, m.id DESC", page->limit, page->offset, meeting_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}
