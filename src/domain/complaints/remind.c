/* Reminders before a complaint's deadline and escalation after it, from the sweep (complaint.h
 * sh_complaints_remind): once per deadline each, through the outbox, with no one's identity. */
#include "domain/complaints/complaint.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/settings.h"
#include "domain/complaints/complaint_int.h"
#include "domain/loop/outbox.h"

/* Pushes topic for every open record the query selects (binding ?1), then marks it with mark_col. */
static int push(sh_db *db, const char *select_sql, const char *bound, const char *topic, const char *mark_col,
                const char *today, int *ret_n, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, select_sql, err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, bound);
    int64_t ids[200];
    int n = 0, rc;
    while (n < 200 && (rc = sh_stmt_step(st, err)) == SH_ROW)
        ids[n++] = sh_col_int64(st, 0);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    for (int i = 0; i < n; i++) {
        if ((rc = sh_db_begin(db, err)) != 0)
            return rc;
        char sql[200];
        snprintf(sql, sizeof sql, "UPDATE complaints SET %s = due_on WHERE id = ? AND status <> 'closed' RETURNING id,"
                 " coalesce(entity_id, 0), tracking_code, kind, division_code, due_on, due_step, coalesce(handler_id, 0)", mark_col);
        st = sh_db_prepare(db, sql, err);
        if (st)
            sh_bind_int64(st, 1, ids[i]);
        rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
        json_t *payload = NULL;
        int64_t entity = 0;
        if (rc == SH_ROW) {
            entity = sh_col_int64(st, 1);
            payload = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I}", "complaint_id", (json_int_t)ids[i], "tracking_code",
                                sh_col_text(st, 2), "kind", sh_col_text(st, 3), "division_code", sh_col_text(st, 4), "due_on",
                                sh_col_text(st, 5), "step", sh_col_text(st, 6), "handler_id", (json_int_t)sh_col_int64(st, 7));
        }
        if (st)
            sh_stmt_done(st);
        rc = rc < 0 ? rc : 0;
        if (rc == 0 && payload)
            rc = sh_outbox_add(db, entity, topic, payload, NULL, err);
        sh_principal sys;
        sh_principal_system(&sys);
        if (rc == 0 && payload && !strcmp(topic, "complaint.overdue"))
            rc = cp_log_step(db, &sys, ids[i], "escalated", "已超过办理期限，已提醒县局督办", NULL, NULL, today, err);
        json_decref(payload);
        if ((rc = sh_db_finish(db, rc, err)) != 0)
            return rc;
        (*ret_n)++;
    }
    return 0;
}

int sh_complaints_remind(sh_db *db, const char *today, int *ret_n, sh_err *err)
{
    *ret_n = 0;
    char soon[11];
    int rc = sh_workdays_add(db, today, sh_setting_int(db, "complaint_remind_days", 2), soon, err);
    if (rc == 0)
        rc = push(db,
                  "SELECT id FROM complaints WHERE status <> 'closed' AND due_on IS NOT NULL AND due_on <= ?1"
                  " AND (reminded_due IS NULL OR reminded_due <> due_on) ORDER BY id",
                  soon, "complaint.due_soon", "reminded_due", today, ret_n, err);
    if (rc == 0)
        rc = push(db,
                  "SELECT id FROM complaints WHERE status <> 'closed' AND due_on IS NOT NULL AND due_on < ?1"
                  " AND (escalated_due IS NULL OR escalated_due <> due_on) ORDER BY id",
                  today, "complaint.overdue", "escalated_due", today, ret_n, err);
    return rc;
}
