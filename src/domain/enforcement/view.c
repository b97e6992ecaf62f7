/* A case as the actor sees it, and the list (case.h). */
#include "domain/enforcement/case.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "domain/base/calendar.h"
#include "domain/enforcement/case_int.h"
#include "domain/enforcement/penalty.h"
#include "store/qb.h"
#include "store/rows.h"
#include "store/scope.h"

#define OPT_TEXT(st, c) (sh_col_is_null(st, c) ? json_null() : json_string(sh_col_text(st, c)))
#define OPT_INT(st, c) (sh_col_is_null(st, c) ? json_null() : json_integer(sh_col_int64(st, c)))

static const char *const DETAIL[] = {
    "case_no", "procedure", "source", "source_id", "entity_id", "party_kind", "party_name", "party_code", "party_address",
    "party_rep", "division_code", "facts", "violation_code", "circumstance", "goods_value_yuan", "status", "outcome",
    "clue_on", "verify_due", "verify_extended", "filed_on", "decision_due", "decision_extension", "notified_on",
    "representation_due", "legal_review_on", "penalty", "fine_yuan", "confiscated_yuan", "decided_on", "served_on",
    "service_method", "payment_due", "paid_on", "late_fee_yuan", "closed_on", "handler_id", "created_at", "publish_due",
    "published_on", "publish_until", "overturned_on", "withdraw_due", "withdrawn_on", "repair_applied_on", "repaired_on",
    "repair_refused_on", "listing_notified_on", "listing_answer_due", "listing_id", "hearing_requested_on", "hearing_on",
    "hearing_held_on", "enforcement_applied_on", NULL};
static const int DETAIL_INT[] = {3, 4, 14, 19, 27, 28, 34, 36, 37, 49, -1}; /* integer columns of DETAIL */

static int is_int_col(int i)
{
    for (int k = 0; DETAIL_INT[k] >= 0; k++)
        if (DETAIL_INT[k] == i)
            return 1;
    return 0;
}

/* One deadline: {step, due_on, overdue, days_left (calendar), basis}. */
static json_t *deadline(const char *step, const char *due, const char *basis, const char *today)
{
    return json_pack("{s:s, s:s, s:b, s:I, s:s}", "step", step, "due_on", due, "overdue", strcmp(today, due) > 0, "days_left",
                     (json_int_t)(sh_date_days(due) - sh_date_days(today)), "basis", basis);
}

static json_t *deadlines(const cs_row *r, const char *today)
{
    json_t *a = json_array();
    if (!strcmp(r->status, "clue") && r->verify_due[0])
        json_array_append_new(a, deadline("file", r->verify_due, CS_BASIS " 第十八条", today));
    if ((!strcmp(r->status, "filed") || !strcmp(r->status, "notified")) && r->decision_due[0])
        json_array_append_new(a, deadline("decide", r->decision_due, CS_BASIS " 第六十四条", today));
    if (!strcmp(r->status, "notified") && r->representation_due[0])
        json_array_append_new(a, deadline("representation", r->representation_due, "行政处罚法 第四十五条", today));
    if (!strcmp(r->status, "served") && r->payment_due[0])
        json_array_append_new(a, deadline("pay", r->payment_due, "行政处罚法 第六十七条", today));
    if (!strcmp(r->outcome, "penalty") && !r->published_on[0] && r->publish_due[0])
        json_array_append_new(a, deadline("publish", r->publish_due, "市场监督管理行政处罚信息公示规定 第九条", today));
    if (r->withdraw_due[0] && !r->withdrawn_on[0])
        json_array_append_new(a, deadline("withdraw", r->withdraw_due, "市场监督管理行政处罚信息公示规定 第十三条", today));
    return a;
}

static json_t *rows_of(sh_db *db, const char *sql, int64_t id, sh_row_json_fn fn)
{
    json_t *a = json_array();
    sh_stmt *st = sh_db_prepare(db, sql, NULL);
    if (st) {
        sh_bind_int64(st, 1, id);
        sh_rows_append(st, fn, NULL, a, NULL);
    }
    return a;
}

static json_t *step_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:o, s:o, s:s, s:b, s:s}", "step", sh_col_text(st, 0), "note", OPT_TEXT(st, 1), "due_on",
                     OPT_TEXT(st, 2), "done_on", sh_col_text(st, 3), "late", (int)sh_col_int64(st, 4), "actor", sh_col_text(st, 5));
}

static json_t *measure_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:o, s:o, s:o}", "id", (json_int_t)sh_col_int64(st, 0), "kind", sh_col_text(st, 1),
                     "items", sh_col_text(st, 2), "decided_on", sh_col_text(st, 3), "due_on", sh_col_text(st, 4), "extended",
                     (int)sh_col_int64(st, 5), "ended_on", OPT_TEXT(st, 6), "outcome", OPT_TEXT(st, 7), "note", OPT_TEXT(st, 8));
}

static json_t *evidence_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:s, s:I, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "sha256", sh_col_text(st, 1), "mime",
                     sh_col_text(st, 2), "size", (json_int_t)sh_col_int64(st, 3), "created_at", (json_int_t)sh_col_int64(st, 4));
}

static json_t *pause_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s, s:s, s:o}", "kind", sh_col_text(st, 0), "from", sh_col_text(st, 1), "to", sh_col_text(st, 2),
                     "note", OPT_TEXT(st, 3));
}

/* Food Safety Law Art 134: penalties decided on the business in the year before today (this case not
 * counted); a third within a year calls for suspension or revocation. */
static json_t *art134(sh_db *db, int64_t entity, int64_t id, const char *today)
{
    char from[11];
    sh_date_add_days(today, -365, from);
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT count(*) FROM cases WHERE entity_id = ? AND id <> ? AND outcome = 'penalty'"
                                " AND decided_on >= ? AND decided_on <= ?",
                                NULL);
    int64_t n = 0;
    if (st) {
        sh_bind_int64(st, 1, entity);
        sh_bind_int64(st, 2, id);
        sh_bind_text(st, 3, from);
        sh_bind_text(st, 4, today);
        if (sh_stmt_step(st, NULL) == SH_ROW)
            n = sh_col_int64(st, 0);
        sh_stmt_done(st);
    }
    return json_pack("{s:I, s:b, s:s}", "penalties_last_year", (json_int_t)n, "flag", n >= 2, "basis", "食品安全法 第一百三十四条");
}

int sh_case_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    cs_row r;
    int rc = cs_load(db, actor, id, &r, err);
    if (rc)
        return rc;
    char sql[1200] = "SELECT ";
    for (int i = 0; DETAIL[i]; i++) {
        strcat(sql, i ? ", " : "");
        strcat(sql, DETAIL[i]);
    }
    strcat(sql, " FROM cases WHERE id = ?");
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    if ((rc = sh_stmt_step(st, err)) != SH_ROW) {
        sh_stmt_done(st);
        return rc < 0 ? rc : sh_fail(err, SH_ENOTFOUND, "id", "案件不存在 (no such case)");
    }
    json_t *o = json_pack("{s:I}", "id", (json_int_t)id);
    for (int i = 0; DETAIL[i]; i++)
        json_object_set_new(o, DETAIL[i], is_int_col(i) ? OPT_INT(st, i) : OPT_TEXT(st, i));
    sh_stmt_done(st);
    json_t *penalty = json_loads(json_string_value(json_object_get(o, "penalty")) ? json_string_value(json_object_get(o, "penalty")) : "[]", 0, NULL);
    json_object_set_new(o, "penalty", penalty ? penalty : json_array());
    char today[11];
    sh_today(today);
    json_object_set_new(o, "deadlines", deadlines(&r, today));
    if (!strcmp(r.status, "served") && r.payment_due[0] && r.fine_yuan > 0) {
        int64_t fee = sh_late_fee(r.fine_yuan, sh_date_days(today) - sh_date_days(r.payment_due));
        json_object_set_new(o, "due_today", json_pack("{s:I, s:I, s:I}", "fine_yuan", (json_int_t)r.fine_yuan, "late_fee_yuan",
                                                      (json_int_t)fee, "total_yuan", (json_int_t)(r.fine_yuan + fee)));
    }
    const char *code = json_string_value(json_object_get(o, "violation_code"));
    const char *circ = json_string_value(json_object_get(o, "circumstance"));
    json_t *suggestion = NULL;
    if (code && circ && sh_discretion_suggest(db, code, json_integer_value(json_object_get(o, "goods_value_yuan")), circ, &suggestion, NULL) == 0)
        json_object_set_new(o, "suggestion", suggestion);
    if (r.entity_id)
        json_object_set_new(o, "art134", art134(db, r.entity_id, id, today));
    json_object_set_new(o, "measures", rows_of(db, "SELECT id, kind, items, decided_on, due_on, extended, ended_on, outcome, note"
                                                   " FROM case_measures WHERE case_id = ? ORDER BY id", id, measure_row));
    /* an open measure's deadline: the decision on preserved evidence, the end of a seizure */
    size_t mi;
    json_t *mv;
    json_array_foreach(json_object_get(o, "measures"), mi, mv) if (json_is_null(json_object_get(mv, "ended_on")))
        json_array_append_new(json_object_get(o, "deadlines"),
                              deadline(!strcmp(json_string_value(json_object_get(mv, "kind")), "seizure") ? "seize_end" : "preserve_decide",
                                       json_string_value(json_object_get(mv, "due_on")),
                                       !strcmp(json_string_value(json_object_get(mv, "kind")), "seizure") ? "行政强制法 第二十五条"
                                                                                                      : CS_BASIS " 第三十三条",
                                       today));
    json_object_set_new(o, "evidence", rows_of(db, "SELECT id, sha256, mime, size, created_at FROM attachments WHERE owner_type = 'case'"
                                                   " AND owner_id = ? ORDER BY id", id, evidence_row));
    json_object_set_new(o, "pauses", rows_of(db, "SELECT kind, from_on, to_on, note FROM case_pauses WHERE case_id = ? ORDER BY from_on", id, pause_row));
    json_object_set_new(o, "steps", rows_of(db, "SELECT step, note, due_on, done_on, late, actor_name FROM case_steps WHERE case_id = ? ORDER BY id", id, step_row));
    *ret = o;
    return 0;
}

static json_t *list_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:o, s:s, s:s, s:s, s:o, s:s, s:o, s:s, s:o, s:o}", "id", (json_int_t)sh_col_int64(st, 0), "case_no",
                     OPT_TEXT(st, 1), "procedure", sh_col_text(st, 2), "source", sh_col_text(st, 3), "party_name", sh_col_text(st, 4),
                     "entity_id", OPT_INT(st, 5), "status", sh_col_text(st, 6), "fine_yuan", OPT_INT(st, 7), "clue_on",
                     sh_col_text(st, 8), "next_due", OPT_TEXT(st, 9), "decided_on", OPT_TEXT(st, 10));
}

/* The open step's deadline, in SQL: what the list sorts and filters by. */
#define NEXT_DUE                                                                                                  \
    "CASE c.status WHEN 'clue' THEN c.verify_due WHEN 'filed' THEN c.decision_due WHEN 'notified' THEN c.decision_due" \
    " WHEN 'served' THEN c.payment_due END"

struct list_where {
    const sh_principal *actor;
    const sh_case_filter *f;
    const char *today;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    const sh_principal *actor = w->actor;
    const sh_case_filter *f = w->f;
    sh_qb_sql(qb, " FROM cases c WHERE 1 = 1");
    if (actor->role == SH_ROLE_INSPECTOR) {
        sh_qb_sql(qb, " AND c.handler_id = ");
        sh_qb_int64(qb, actor->user_id);
    } else {
        sh_scope_division_column(qb, &actor->scope, "c.division_code");
    }
    if (f->status) {
        sh_qb_sql(qb, " AND c.status = ");
        sh_qb_text(qb, f->status);
    }
    if (f->entity_id) {
        sh_qb_sql(qb, " AND c.entity_id = ");
        sh_qb_int64(qb, f->entity_id);
    }
    if (f->overdue) {
        sh_qb_sql(qb, " AND " NEXT_DUE " < ");
        sh_qb_text(qb, w->today);
    }
    if (f->q) {
        sh_qb_sql(qb, " AND (c.case_no = ");
        sh_qb_text(qb, f->q);
        sh_qb_sql(qb, " OR c.party_name = ");
        sh_qb_text(qb, f->q);
        sh_qb_sql(qb, ")");
    }
}

int sh_cases_list(sh_db *db, const sh_principal *actor, const sh_case_filter *f, json_t **ret, sh_err *err)
{
    if (!cs_may_see_cases(actor))
        return sh_fail(err, SH_EPERM, "", "案件由执法人员办理 (cases are for officials and inspectors)");
    static const char *const statuses[] = {"clue", "filed", "notified", "decided", "served", "paid", "closed"};
    int ok = !f->status;
    for (size_t i = 0; f->status && i < 7; i++)
        ok |= !strcmp(f->status, statuses[i]);
    if (!ok)
        return sh_fail(err, SH_EINVAL, "status", "状态：不是可选的状态 (status is not one of the states)");
    if (f->limit < 1 || f->limit > 100)
        return sh_fail(err, SH_EINVAL, "limit", "应为1-100 (limit must be 1-100)");
    char today[11];
    sh_today(today);
    struct list_where w = {actor, f, today};
    sh_page_query q = {"c.id, c.case_no, c.procedure, c.source, c.party_name, c.entity_id, c.status, c.fine_yuan, c.clue_on, " NEXT_DUE
                       ", c.decided_on",
                       list_from_where, &w,
                       " ORDER BY CASE WHEN c.status = 'closed' THEN 1 ELSE 0 END, coalesce(" NEXT_DUE ", '9999'), c.id DESC", f->limit, f->offset,
                       list_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}
