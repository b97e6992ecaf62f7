/* Preservation of evidence by registration and seizure (steps_int.h; db/054): each with its deadline
 * from the deadline engine, kept on the measure; the case's view lists the open ones. */
#include "domain/enforcement/steps_int.h"

#include <stdio.h>
#include <string.h>

#include "domain/base/body.h"
#include "domain/base/calendar.h"

#define PRESERVE_WD 7   /* 处罚程序规定 Art 33: a decision on what was preserved */
#define SEIZE_DAYS 30   /* 行政强制法 Art 25: 30 days, +30 once */

static int investigating(const step_ctx *c)
{
    return cs_is(c, "filed") || cs_is(c, "notified");
}

/* A measure of this case, open, of kind. */
static int open_measure(step_ctx *c, const char *kind, int64_t *id, char due[11], int *extended, sh_err *err)
{
    json_t *v = json_object_get(c->body, "measure_id");
    if (!json_is_integer(v))
        return sh_fail(err, SH_EINVAL, "measure_id", "措施：请选择一项 (measure_id is required)");
    sh_stmt *st = sh_db_prepare(c->db, "SELECT id, due_on, extended FROM case_measures WHERE id = ? AND case_id = ? AND kind = ? AND ended_on IS NULL", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, json_integer_value(v));
    sh_bind_int64(st, 2, c->r->id);
    sh_bind_text(st, 3, kind);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        *id = sh_col_int64(st, 0);
        snprintf(due, 11, "%s", sh_col_text(st, 1));
        *extended = (int)sh_col_int64(st, 2);
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_EINVAL, "measure_id", "措施：不是本案未结束的该类措施 (no such open measure of this case)");
}

static int add_measure(step_ctx *c, const char *kind, const char *label, int days, int calendar, sh_err *err)
{
    if (!investigating(c))
        return cs_wrong_status(c, err);
    const char *items = NULL;
    int rc = sh_body_text(c->body, "items", label, 2, 2000, &items, err);
    if (rc)
        return rc;
    sh_deadline_rule r = {.days = days, .calendar_days = calendar};
    sh_deadline d;
    if ((rc = sh_deadline_due(c->db, c->today, &r, NULL, 0, &d, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(c->db, "INSERT INTO case_measures(case_id, kind, items, decided_on, due_on) VALUES (?, ?, ?, ?, ?)", err);
    if (st) {
        sh_bind_int64(st, 1, c->r->id);
        sh_bind_text(st, 2, kind);
        sh_bind_text(st, 3, items);
        sh_bind_text(st, 4, c->today);
        sh_bind_text(st, 5, d.due);
    }
    c->note = items;
    return sh_stmt_run(st, err);
}

static int end_measure(step_ctx *c, int64_t id, const char *outcome, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(c->db, "UPDATE case_measures SET ended_on = ?, outcome = ?, note = ? WHERE id = ? AND ended_on IS NULL", err);
    if (st) {
        sh_bind_text(st, 1, c->today);
        sh_bind_text(st, 2, outcome);
        sh_bind_text_or_null(st, 3, c->note);
        sh_bind_int64(st, 4, id);
    }
    return sh_stmt_run(st, err);
}

int cs_do_preserve(step_ctx *c, sh_err *err)
{
    c->step = "preserved";
    return add_measure(c, "preservation", "登记保存的物品", PRESERVE_WD, 0, err);
}

/* What becomes of preserved evidence: returned, seized, or kept for confiscation … within 7 wd. */
int cs_do_preserve_decide(step_ctx *c, sh_err *err)
{
    int64_t id = 0;
    int extended = 0;
    char *due = c->buf2; /* the step logs it: it lives with the context */
    int rc = open_measure(c, "preservation", &id, due, &extended, err);
    const char *outcome = json_string_value(json_object_get(c->body, "outcome"));
    static const char *const ok[] = {"returned", "tested", "seized", "confiscation"};
    int valid = 0;
    for (size_t i = 0; outcome && i < 4; i++)
        valid |= !strcmp(outcome, ok[i]);
    if (rc == 0 && !valid)
        rc = sh_fail(err, SH_EINVAL, "outcome", "处理决定：应为解除保存退还、送检、查封扣押或依法没收 (outcome must be returned, tested, seized or confiscation)");
    if (rc || (rc = cs_note(c, 0, err)) != 0 || (rc = end_measure(c, id, outcome, err)) != 0)
        return rc;
    c->step = "preservation_decided";
    c->log_due = due;
    return 0;
}

int cs_do_seize(step_ctx *c, sh_err *err)
{
    c->step = "seized";
    return add_measure(c, "seizure", "查封扣押的物品", SEIZE_DAYS, 1, err);
}

int cs_do_seize_extend(step_ctx *c, sh_err *err)
{
    int64_t id = 0;
    int extended = 0;
    char *due = c->buf2; /* the step logs it: it lives with the context */
    int rc = open_measure(c, "seizure", &id, due, &extended, err);
    if (rc == 0 && extended)
        rc = sh_fail(err, SH_EINVAL, "measure_id", "查封扣押只能延长一次，且不超过三十日 (extended once only)");
    if (rc || (rc = cs_county_only(c, "延长查封扣押期限", err)) != 0 || (rc = cs_note(c, 1, err)) != 0)
        return rc;
    sh_deadline_rule r = {.days = SEIZE_DAYS, .calendar_days = 1};
    sh_deadline d;
    if ((rc = sh_deadline_due(c->db, due, &r, NULL, 0, &d, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(c->db, "UPDATE case_measures SET due_on = ?, extended = 1 WHERE id = ?", err);
    if (st) {
        sh_bind_text(st, 1, d.due);
        sh_bind_int64(st, 2, id);
    }
    c->step = "seizure_extended";
    c->log_due = due;
    return sh_stmt_run(st, err);
}

int cs_do_seize_end(step_ctx *c, sh_err *err)
{
    int64_t id = 0;
    int extended = 0;
    char *due = c->buf2; /* the step logs it: it lives with the context */
    int rc = open_measure(c, "seizure", &id, due, &extended, err);
    const char *outcome = json_string_value(json_object_get(c->body, "outcome"));
    if (rc == 0 && (!outcome || (strcmp(outcome, "released") && strcmp(outcome, "confiscation") && strcmp(outcome, "destroyed"))))
        rc = sh_fail(err, SH_EINVAL, "outcome", "处理结果：应为解除查封扣押、依法没收或依法销毁 (outcome must be released, confiscation or destroyed)");
    if (rc || (rc = cs_note(c, 0, err)) != 0 || (rc = end_measure(c, id, outcome, err)) != 0)
        return rc;
    c->step = "seizure_ended";
    c->log_due = due;
    return 0;
}
