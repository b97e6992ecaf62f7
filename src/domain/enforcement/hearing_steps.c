/* Hearings (行政处罚法 Art 63-65; steps_int.h): asked within the 5 working days after the notice, when
 * the penalty is one that allows it; the party told the date at least 7 days before; the days from
 * the request to the hearing not counted toward the decision (a pause of kind hearing). */
#include "domain/enforcement/steps_int.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "domain/base/settings.h"

#define HEARING_NOTICE_DAYS 7

int cs_do_hearing_request(step_ctx *c, sh_err *err)
{
    if (!cs_is(c, "notified") || c->r->hearing_requested_on[0])
        return cs_wrong_status(c, err);
    if (strcmp(c->today, c->r->representation_due) > 0)
        return sh_fail(err, SH_EINVAL, "action", "听证应在告知后五个工作日内（%s前）提出 (asked by %s)", c->r->representation_due,
                       c->r->representation_due);
    /* 较大数额罚款、没收较大数额违法所得、责令停产停业、吊销许可证件 (Art 63) */
    int heavy = c->r->fine_yuan >= sh_setting_int(c->db, "case_legal_review_fine", 10000) || strstr(c->r->penalty, "confiscation") ||
                strstr(c->r->penalty, "suspension") || strstr(c->r->penalty, "revocation");
    if (!heavy)
        return sh_fail(err, SH_EINVAL, "action", "拟作出的处罚不属于可以要求听证的情形 (the penalty does not allow a hearing)");
    int rc = cs_note(c, 0, err);
    cs_set_text(c, "hearing_requested_on", c->today);
    c->step = "hearing_requested";
    c->log_due = c->r->representation_due;
    return rc;
}

int cs_do_hearing_schedule(step_ctx *c, sh_err *err)
{
    if (!c->r->hearing_requested_on[0] || c->r->hearing_held_on[0])
        return sh_fail(err, SH_EINVAL, "action", "没有待举行的听证 (no hearing to schedule)");
    const char *date = json_string_value(json_object_get(c->body, "date"));
    char earliest[11];
    sh_date_add_days(c->today, HEARING_NOTICE_DAYS, earliest);
    if (!date || !sh_date_valid(date, NULL, NULL, NULL) || strcmp(date, earliest) < 0)
        return sh_fail(err, SH_EINVAL, "date", "听证日期：应在通知当事人七日之后，即%s或以后 (date must be from %s on)", earliest, earliest);
    int rc = cs_note(c, 0, err);
    snprintf(c->buf, sizeof c->buf, "%s", date);
    cs_set_text(c, "hearing_on", c->buf);
    c->step = "hearing_scheduled";
    return rc;
}

int cs_do_hearing_held(step_ctx *c, sh_err *err)
{
    if (!c->r->hearing_on[0] || c->r->hearing_held_on[0])
        return sh_fail(err, SH_EINVAL, "action", "听证尚未安排或已经举行 (no hearing scheduled, or held already)");
    if (strcmp(c->today, c->r->hearing_on) < 0)
        return sh_fail(err, SH_EINVAL, "action", "听证定于%s举行 (the hearing is on %s)", c->r->hearing_on, c->r->hearing_on);
    int rc = cs_note(c, 1, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(c->db, "INSERT INTO case_pauses(case_id, kind, from_on, to_on, note) VALUES (?, 'hearing', ?, ?, '听证')", err);
    if (st) {
        sh_bind_int64(st, 1, c->r->id);
        sh_bind_text(st, 2, c->r->hearing_requested_on);
        sh_bind_text(st, 3, c->today);
    }
    if ((rc = sh_stmt_run(st, err)) != 0)
        return rc;
    if (strcmp(c->r->extension, "collective")) {
        if ((rc = cs_decision_due(c->db, c->r->id, c->r->filed_on, c->r->extension[0] != '\0', c->buf, err)) != 0)
            return rc;
        cs_set_text(c, "decision_due", c->buf);
    }
    cs_set_text(c, "hearing_held_on", c->today);
    c->step = "hearing_held";
    c->log_due = c->r->hearing_on;
    return 0;
}
