/* Public proposals (你点我检) and their votes (proposal.h). */
#include "domain/sampling/proposal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/identity/secret.h"
#include "domain/sampling/plan.h"
#include "store/qb.h"
#include "store/rows.h"
#include "store/scope.h"

#define PROPOSAL_COLS                                                                                                \
    "p.id, p.division_code, coalesce(d.name, ''), p.food, p.place, p.reason, p.votes, p.status, p.answer, p.created_at," \
    " p.proposer, p.plan_item_id,"                                                                                     \
    " (SELECT count(*) FROM samples s WHERE s.plan_item_id = p.plan_item_id AND s.published_at IS NOT NULL),"          \
    " (SELECT count(*) FROM samples s WHERE s.plan_item_id = p.plan_item_id AND s.published_at IS NOT NULL"            \
    " AND COALESCE(s.final_verdict, s.verdict) = 'fail')"
#define PROPOSAL_FROM " FROM sampling_proposals p LEFT JOIN divisions d ON d.code = p.division_code"

/* ctx non-NULL: an official's view (the proposer and the plan item too). */
static json_t *proposal_row_json(sh_stmt *st, void *ctx)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?, s:I, s:s, s:s?, s:I}", "id", (json_int_t)sh_col_int64(st, 0),
                          "division_code", sh_col_text(st, 1), "division_name", sh_col_text(st, 2), "food", sh_col_text(st, 3),
                          "place", sh_col_is_null(st, 4) ? NULL : sh_col_text(st, 4), "reason",
                          sh_col_is_null(st, 5) ? NULL : sh_col_text(st, 5), "votes", (json_int_t)sh_col_int64(st, 6), "status",
                          sh_col_text(st, 7), "answer", sh_col_is_null(st, 8) ? NULL : sh_col_text(st, 8), "created_at",
                          (json_int_t)sh_col_int64(st, 9));
    /* what became of it, shown back to the public: the item's published results */
    if (!sh_col_is_null(st, 11))
        json_object_set_new(o, "results", json_pack("{s:I, s:I}", "published", (json_int_t)sh_col_int64(st, 12), "failed",
                                                     (json_int_t)sh_col_int64(st, 13)));
    if (ctx) {
        json_object_set_new(o, "proposer", sh_col_is_null(st, 10) ? json_null() : json_string(sh_col_text(st, 10)));
        json_object_set_new(o, "plan_item_id", sh_col_is_null(st, 11) ? json_null() : json_integer(sh_col_int64(st, 11)));
    }
    return o;
}

static int proposal_get(sh_db *db, int64_t id, int official, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT " PROPOSAL_COLS PROPOSAL_FROM " WHERE p.id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret = proposal_row_json(st, official ? (void *)1 : NULL);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "id", "建议不存在 (no such proposal)");
}

/* A text field the public reads: as sh_body_text, and without phone numbers, ids or e-mail addresses. */
static int public_text_field(json_t *body, const char *field, const char *label, size_t min, size_t max, const char **out,
                             sh_err *err)
{
    int rc = sh_body_text(body, field, label, min, max, out, err);
    if (rc == 0 && sh_check_no_personal_data(*out, field, err) != 0)
        return sh_body_labelled(err, label);
    return rc;
}

/* A county or township the platform holds. */
static int check_division(sh_db *db, const char *code, sh_err *err)
{
    int level = 0;
    if (code) {
        sh_stmt *st = sh_db_prepare(db, "SELECT level FROM divisions WHERE code = ?", err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_text(st, 1, code);
        int rc = sh_stmt_step(st, err);
        if (rc == SH_ROW)
            level = (int)sh_col_int64(st, 0);
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
    }
    if (level != 1 && level != 2)
        return sh_fail(err, SH_EINVAL, "division_code", "所在地区：请选择县或乡镇（街道） (division_code must be a county or township code)");
    return 0;
}

int sh_proposal_create(sh_db *db, json_t *body, json_t **ret, sh_err *err)
{
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *division = json_string_value(json_object_get(body, "division_code"));
    const char *food = NULL, *place = NULL, *reason = NULL, *proposer = NULL;
    int rc = check_division(db, division, err);
    if (rc == 0)
        rc = public_text_field(body, "food", "想检的食品", 1, 50, &food, err);
    if (rc == 0)
        rc = public_text_field(body, "place", "购买或经营地点", 0, 100, &place, err);
    if (rc == 0)
        rc = public_text_field(body, "reason", "理由", 0, 500, &reason, err);
    if (rc == 0)
        rc = sh_body_text(body, "proposer", "建议人", 0, 30, &proposer, err);
    if (rc)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    int64_t id = 0;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO sampling_proposals(division_code, food, place, reason, proposer, votes, status, created_at)"
                                " VALUES (?, ?, ?, ?, ?, 0, 'open', ?) RETURNING id",
                                err);
    if (st) {
        sh_bind_text(st, 1, division);
        sh_bind_text(st, 2, food);
        sh_bind_text_or_null(st, 3, place);
        sh_bind_text_or_null(st, 4, reason);
        sh_bind_text_or_null(st, 5, proposer);
        sh_bind_int64(st, 6, sh_now_ms());
    }
    rc = sh_stmt_insert_id(st, &id, err);
    if (rc == 0) {
        sh_principal pub;
        sh_principal_public(&pub);
        json_t *after = json_pack("{s:s, s:s, s:s?, s:s?}", "division_code", division, "food", food, "place", place, "reason", reason);
        rc = sh_audit(db, &pub, "create", "sampling_proposal", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : proposal_get(db, id, 0, ret, err);
}

int sh_proposal_vote(sh_db *db, int64_t id, const char *voter, json_t **ret, sh_err *err)
{
    char key[65];
    int rc = sh_secret_keyed_hash("sampling-proposal-vote", voter ? voter : "", voter ? strlen(voter) : 0, key, err);
    if (rc)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT status FROM sampling_proposals WHERE id = ?", err);
    if (st)
        sh_bind_int64(st, 1, id);
    int step = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    int open = step == SH_ROW && !strcmp(sh_col_text(st, 0), "open");
    if (st)
        sh_stmt_done(st);
    if (step < 0)
        rc = step;
    else if (step != SH_ROW)
        rc = sh_fail(err, SH_ENOTFOUND, "id", "建议不存在 (no such proposal)");
    else if (!open)
        rc = sh_fail(err, SH_EEXIST, "id", "该建议已有答复，不再接受投票 (the proposal has been answered; voting is closed)");
    int64_t inserted = 0;
    if (rc == 0) {
        st = sh_db_prepare(db,
                           "INSERT INTO sampling_proposal_votes(proposal_id, voter, created_at) VALUES (?, ?, ?)"
                           " ON CONFLICT (proposal_id, voter) DO NOTHING RETURNING proposal_id",
                           err);
        if (st) {
            sh_bind_int64(st, 1, id);
            sh_bind_text(st, 2, key);
            sh_bind_int64(st, 3, sh_now_ms());
        }
        rc = sh_stmt_insert_id(st, &inserted, err);
        if (rc == 0 && !inserted)
            rc = sh_fail(err, SH_EEXIST, "vote", "您已为该建议投过票，每人只能投一票 (you have voted for this proposal already: one vote each)");
    }
    int64_t votes = 0;
    if (rc == 0) {
        st = sh_db_prepare(db, "UPDATE sampling_proposals SET votes = votes + 1 WHERE id = ? RETURNING votes", err);
        if (st)
            sh_bind_int64(st, 1, id);
        rc = sh_stmt_insert_id(st, &votes, err);
    }
    if (rc == 0) {
        sh_principal pub;
        sh_principal_public(&pub);
        json_t *after = json_pack("{s:I}", "votes", (json_int_t)votes);
        rc = sh_audit(db, &pub, "vote", "sampling_proposal", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    if (rc == 0)
        *ret = json_pack("{s:I, s:I}", "id", (json_int_t)id, "votes", (json_int_t)votes);
    return rc;
}

static int status_valid(const char *s)
{
    return !strcmp(s, "open") || !strcmp(s, "adopted") || !strcmp(s, "declined");
}

/* WHERE of a list: the division (and what lies under it), the status, the scope (officials). */
static int list_where(sh_db *db, sh_qb *qb, const sh_principal *actor, const char *division, const char *status, sh_err *err)
{
    if (division) {
        int rc = check_division(db, division, err);
        if (rc)
            return rc;
    }
    if (status && !status_valid(status))
        return sh_fail(err, SH_EINVAL, "status", "状态应为open、adopted或declined (status must be open, adopted or declined)");
    sh_qb_sql(qb, PROPOSAL_FROM " WHERE 1 = 1");
    if (division) {
        char prefix[13];
        sh_division_prefix(division, prefix);
        sh_qb_division_prefix(qb, "p.division_code", prefix);
    }
    if (status) {
        sh_qb_sql(qb, " AND p.status = ");
        sh_qb_text(qb, status);
    }
    if (actor && actor->scope.kind != SH_SCOPE_ALL) {
        if (actor->scope.kind != SH_SCOPE_DIVISION || !actor->scope.prefix[0])
            sh_qb_sql(qb, " AND 1 = 0");
        else
            sh_qb_division_prefix(qb, "p.division_code", actor->scope.prefix);
    }
    return 0;
}

static int list(sh_db *db, const sh_principal *actor, const char *division, const char *status, int limit, int64_t offset,
                json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT count(*)");
    int rc = list_where(db, &qb, actor, division, status, err);
    sh_stmt *st = rc ? NULL : sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (rc)
        return rc;
    if (!st)
        return SH_EINTERNAL;
    rc = sh_stmt_step(st, err);
    int64_t total = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " PROPOSAL_COLS);
    list_where(db, &qb, actor, division, status, err);
    sh_qb_sql(&qb, " ORDER BY p.votes DESC, p.id LIMIT ");
    sh_qb_int64(&qb, limit);
    sh_qb_sql(&qb, " OFFSET ");
    sh_qb_int64(&qb, offset);
    st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    json_t *items = json_array();
    rc = sh_rows_append(st, proposal_row_json, actor ? (void *)1 : NULL, items, err);
    if (rc) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);
    return 0;
}

int sh_proposals_public(sh_db *db, const char *division_code, const char *status, int limit, int64_t offset, json_t **ret,
                        sh_err *err)
{
    return list(db, NULL, division_code, status ? status : "open", limit, offset, ret, err);
}

static int may_answer(const sh_principal *actor)
{
    return actor->role == SH_ROLE_ADMIN || actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_TOWNSHIP;
}

int sh_proposals_list(sh_db *db, const sh_principal *actor, const char *division_code, const char *status, int limit,
                      int64_t offset, json_t **ret, sh_err *err)
{
    if (!may_answer(actor))
        return sh_fail(err, SH_EPERM, "", "您的角色无权处理公众建议 (your role may not handle public proposals)");
    return list(db, actor, division_code, status, limit, offset, ret, err);
}

/* The open proposal's division, locked in the transaction, when it lies in the actor's jurisdiction. */
static int load_open(sh_db *db, const sh_principal *actor, int64_t id, char division[13], sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT division_code, status FROM sampling_proposals WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    int seen = 0, open = 0;
    if (rc == SH_ROW && sh_scope_covers_division(&actor->scope, sh_col_text(st, 0))) {
        seen = 1;
        open = !strcmp(sh_col_text(st, 1), "open");
        snprintf(division, 13, "%s", sh_col_text(st, 0));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!seen)
        return sh_fail(err, SH_ENOTFOUND, "id", "建议不存在或不在您的管辖范围内 (no such proposal in your jurisdiction)");
    if (!open)
        return sh_fail(err, SH_EEXIST, "status", "该建议已答复 (the proposal has been answered already)");
    return 0;
}

static int answer_in_tx(sh_db *db, const sh_principal *actor, int64_t id, const char *status, int64_t item_id, const char *answer,
                        sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "UPDATE sampling_proposals SET status = ?, plan_item_id = ?, answer = ? WHERE id = ?", err);
    if (st) {
        sh_bind_text(st, 1, status);
        sh_bind_int64_or_null(st, 2, item_id);
        sh_bind_text(st, 3, answer);
        sh_bind_int64(st, 4, id);
    }
    int rc = sh_stmt_run(st, err);
    if (rc == 0) {
        json_t *before = json_pack("{s:s}", "status", "open");
        json_t *after = json_pack("{s:s, s:s}", "status", status, "answer", answer);
        if (item_id)
            json_object_set_new(after, "plan_item_id", json_integer(item_id));
        rc = sh_audit(db, actor, !strcmp(status, "adopted") ? "adopt" : "decline", "sampling_proposal", id, before, after, err);
        json_decref(before);
        json_decref(after);
    }
    return rc;
}

int sh_proposal_adopt(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    if (!sh_plan_may_plan(actor))
        return sh_fail(err, SH_EPERM, "", "只有县局可以将建议纳入抽检计划 (only the county bureau adds proposals to a plan)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    char division[13];
    rc = load_open(db, actor, id, division, err);
    const char *answer = NULL;
    json_t *item = NULL;
    int64_t item_id = 0;
    if (rc == 0 && !json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    json_t *plan = json_object_get(body, "plan_id");
    if (rc == 0 && (!json_is_integer(plan) || json_integer_value(plan) <= 0))
        rc = sh_fail(err, SH_EINVAL, "plan_id", "请选择抽检计划 (plan_id: the plan to add the item to)");
    if (rc == 0)
        rc = sh_body_text(body, "answer", "答复", 0, 500, &answer, err);
    if (rc == 0) {
        item = json_deep_copy(body);
        json_object_del(item, "plan_id");
        json_object_del(item, "answer");
        /* a township's proposal is sampled there unless the county says otherwise */
        if (!json_object_get(item, "township_code") && strlen(division) == 12)
            json_object_set_new(item, "township_code", json_string(division));
        rc = sh_plan_item_add_in_tx(db, actor, json_integer_value(plan), item, id, &item_id, err);
    }
    if (rc == 0)
        rc = answer_in_tx(db, actor, id, "adopted", item_id, answer ? answer : "已纳入抽检计划", err);
    json_decref(item);
    rc = sh_db_finish(db, rc, err);
    json_t *p = NULL;
    if (rc == 0 && (rc = proposal_get(db, id, 1, &p, err)) == 0)
        *ret = json_pack("{s:o, s:I}", "proposal", p, "item_id", (json_int_t)item_id);
    return rc;
}

int sh_proposal_decline(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    if (!may_answer(actor))
        return sh_fail(err, SH_EPERM, "", "您的角色无权处理公众建议 (your role may not handle public proposals)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    char division[13];
    rc = load_open(db, actor, id, division, err);
    const char *answer = NULL;
    if (rc == 0 && !json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    if (rc == 0)
        rc = sh_body_text(body, "answer", "答复", 1, 500, &answer, err);
    if (rc == 0)
        rc = answer_in_tx(db, actor, id, "declined", 0, answer, err);
    rc = sh_db_finish(db, rc, err);
    json_t *p = NULL;
    if (rc == 0 && (rc = proposal_get(db, id, 1, &p, err)) == 0)
        *ret = json_pack("{s:o}", "proposal", p);
    return rc;
}
