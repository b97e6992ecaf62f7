/* Loading cases within the jurisdiction, the step log, numbers, the decision deadline (case_int.h). */
#include "domain/enforcement/case_int.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "store/qb.h"
#include "store/scope.h"

int cs_may_see_cases(const sh_principal *actor)
{
    return actor && (actor->role == SH_ROLE_ADMIN || actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_TOWNSHIP ||
                     actor->role == SH_ROLE_INSPECTOR);
}

#define COLS                                                                                                     \
    "c.id, coalesce(c.entity_id, 0), coalesce(c.handler_id, 0), coalesce(c.fine_yuan, 0), c.procedure, c.status," \
    " c.division_code, c.party_kind, c.clue_on, coalesce(c.verify_due, ''), coalesce(c.filed_on, ''),"           \
    " coalesce(c.decision_due, ''), coalesce(c.notified_on, ''), coalesce(c.representation_due, ''),"            \
    " coalesce(c.decided_on, ''), coalesce(c.served_on, ''), coalesce(c.payment_due, ''),"                       \
    " coalesce(c.legal_review_on, ''), coalesce(c.decision_extension, ''), c.verify_extended, coalesce(c.outcome, '')," \
    " coalesce(c.penalty, ''), coalesce(c.publish_due, ''), coalesce(c.published_on, ''), coalesce(c.overturned_on, '')," \
    " coalesce(c.withdraw_due, ''), coalesce(c.withdrawn_on, ''), coalesce(c.repair_applied_on, ''), coalesce(c.repaired_on, '')," \
    " coalesce(c.violation_code, ''), coalesce(c.circumstance, ''), coalesce(c.listing_notified_on, '')," \
    " coalesce(c.listing_answer_due, ''), coalesce(c.listing_id, 0), coalesce(c.hearing_requested_on, '')," \
    " coalesce(c.hearing_on, ''), coalesce(c.hearing_held_on, ''), coalesce(c.enforcement_applied_on, '')"

#define TXT(field, col) snprintf(out->field, sizeof out->field, "%s", sh_col_text(st, col))

int cs_load(sh_db *db, const sh_principal *actor, int64_t id, cs_row *out, sh_err *err)
{
    if (!cs_may_see_cases(actor))
        return sh_fail(err, SH_ENOTFOUND, "id", "案件不存在或不在您的管辖范围内 (no such case in your jurisdiction)");
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " COLS " FROM cases c WHERE c.id = ");
    sh_qb_int64(&qb, id);
    if (actor->role == SH_ROLE_INSPECTOR) {
        sh_qb_sql(&qb, " AND c.handler_id = ");
        sh_qb_int64(&qb, actor->user_id);
    } else {
        sh_scope_division_column(&qb, &actor->scope, "c.division_code");
    }
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        memset(out, 0, sizeof *out);
        out->id = sh_col_int64(st, 0);
        out->entity_id = sh_col_int64(st, 1);
        out->handler_id = sh_col_int64(st, 2);
        out->fine_yuan = sh_col_int64(st, 3);
        TXT(procedure, 4);
        TXT(status, 5);
        TXT(division_code, 6);
        TXT(party_kind, 7);
        TXT(clue_on, 8);
        TXT(verify_due, 9);
        TXT(filed_on, 10);
        TXT(decision_due, 11);
        TXT(notified_on, 12);
        TXT(representation_due, 13);
        TXT(decided_on, 14);
        TXT(served_on, 15);
        TXT(payment_due, 16);
        TXT(legal_review_on, 17);
        TXT(extension, 18);
        out->verify_extended = (int)sh_col_int64(st, 19);
        TXT(outcome, 20);
        TXT(penalty, 21);
        TXT(publish_due, 22);
        TXT(published_on, 23);
        TXT(overturned_on, 24);
        TXT(withdraw_due, 25);
        TXT(withdrawn_on, 26);
        TXT(repair_applied_on, 27);
        TXT(repaired_on, 28);
        TXT(violation_code, 29);
        TXT(circumstance, 30);
        TXT(listing_notified_on, 31);
        TXT(listing_answer_due, 32);
        out->listing_id = sh_col_int64(st, 33);
        TXT(hearing_requested_on, 34);
        TXT(hearing_on, 35);
        TXT(hearing_held_on, 36);
        TXT(enforcement_applied_on, 37);
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "id", "案件不存在或不在您的管辖范围内 (no such case in your jurisdiction)");
}

int cs_log_step(sh_db *db, const sh_principal *actor, int64_t id, const char *step, const char *note, const char *due,
                const char *done_on, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO case_steps(case_id, step, note, due_on, done_on, late, actor_id, actor_name, at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                err);
    if (st) {
        sh_bind_int64(st, 1, id);
        sh_bind_text(st, 2, step);
        sh_bind_text_or_null(st, 3, note);
        sh_bind_text_or_null(st, 4, due);
        sh_bind_text(st, 5, done_on);
        sh_bind_int64(st, 6, due && *due && strcmp(done_on, due) > 0);
        sh_bind_int64_or_null(st, 7, actor->user_id);
        sh_bind_text(st, 8, actor->user_id ? actor->display_name : "系统");
        sh_bind_int64(st, 9, sh_now_ms());
    }
    return sh_stmt_run(st, err);
}

int cs_number_next(sh_db *db, const char *kind, const char *word, int year, char out[64], sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO doc_numbers(kind, year, last) VALUES (?, ?, 1)"
                                " ON CONFLICT (kind, year) DO UPDATE SET last = doc_numbers.last + 1 RETURNING last",
                                err);
    if (st) {
        sh_bind_text(st, 1, kind);
        sh_bind_int64(st, 2, year);
    }
    int64_t n = 0;
    int rc = sh_stmt_insert_id(st, &n, err);
    if (rc)
        return rc;
    char prefix[32] = "";
    sh_setting_text(db, "case_prefix", prefix, sizeof prefix);
    snprintf(out, 64, "%s市监%s〔%d〕%lld号", prefix, word, year, (long long)n);
    return 0;
}

int cs_decision_due(sh_db *db, int64_t id, const char *filed_on, int extended, char out[11], sh_err *err)
{
    sh_pause pauses[16];
    int n = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT from_on, to_on FROM case_pauses WHERE case_id = ? ORDER BY from_on", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW && n < 16) {
        snprintf(pauses[n].from, sizeof pauses[n].from, "%s", sh_col_text(st, 0));
        snprintf(pauses[n].to, sizeof pauses[n].to, "%s", sh_col_text(st, 1));
        n++;
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    sh_deadline_rule rule = {.basis = CS_BASIS " 第六十四条", .days = CS_DECIDE_DAYS + (extended ? CS_EXTEND_DAYS : 0),
                             .calendar_days = 1};
    sh_deadline d;
    if ((rc = sh_deadline_due(db, filed_on, &rule, pauses, n, &d, err)) == 0)
        memcpy(out, d.due, 11);
    return rc;
}
