/* The steps officials take on a complaint, report or opinion (complaint.h sh_complaint_step). Each
 * moves the record only from the status it expects, inside the transaction (UPDATE … WHERE status =),
 * so two hands cannot take the same step twice. */
#include "domain/complaints/complaint.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/complaints/complaint_int.h"
#include "domain/risk/risk.h"
#include "store/qb.h"
#include "store/scope.h"

/* What a step changes; NULL fields stay. */
typedef struct move {
    const char *status;
    int set_due;                   /* set due_on/due_step/due_basis (NULL clears them) */
    const char *due_on, *due_step, *due_basis;
    const char *accepted_on, *mediation_due, *outcome, *outcome_note, *reject_reason, *division_code, *closed_on;
    int64_t handler_id;
    int verify_extended;
    int64_t reward_yuan;
    const char *reward_note;
} move;

typedef struct step_ctx {
    sh_db *db;
    const sh_principal *actor;
    const cp_row *r;
    json_t *body;
    char today[11];
    move m;
    const char *step;              /* the log's name for it */
    const char *note, *public_note;
    const char *log_due;           /* the deadline this step answered */
    char due_buf[11], note_buf[400];
    int64_t new_twin;              /* a clue's report */
} step_ctx;

static int busy(sh_err *err)
{
    return sh_fail(err, SH_EEXIST, "status", "状态已变化，请刷新后再试 (the record has moved on; reload it)");
}

static int wrong_status(const step_ctx *c, sh_err *err)
{
    return sh_fail(err, SH_EINVAL, "action", "当前状态“%s”下不能进行此操作 (not possible while %s)",
                   cp_status_zh(c->r->status) ? cp_status_zh(c->r->status) : c->r->status, c->r->status);
}

/* from: the statuses a step may start from, NULL-terminated */
static int starts_from(const step_ctx *c, const char *const *from)
{
    for (int i = 0; from[i]; i++)
        if (!strcmp(c->r->status, from[i]))
            return 1;
    return 0;
}

static int is_kind(const step_ctx *c, const char *kind)
{
    return !strcmp(c->r->kind, kind);
}

static void set_text(sh_qb *qb, const char *col, const char *v)
{
    sh_qb_sql(qb, ", ");
    sh_qb_sql(qb, col);
    sh_qb_sql(qb, " = ");
    if (v)
        sh_qb_text(qb, v);
    else
        sh_qb_sql(qb, "NULL");
}

/* Applies c->m from the status the record was loaded in. */
static int apply(step_ctx *c, sh_err *err)
{
    const move *m = &c->m;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "UPDATE complaints SET updated_at = ");
    sh_qb_int64(&qb, sh_now_ms());
    if (m->status)
        set_text(&qb, "status", m->status);
    if (m->set_due) {
        set_text(&qb, "due_on", m->due_on);
        set_text(&qb, "due_step", m->due_step);
        set_text(&qb, "due_basis", m->due_basis);
    }
    const char *cols[] = {"accepted_on", "mediation_due", "outcome", "outcome_note", "reject_reason", "division_code", "closed_on", "reward_note"};
    const char *vals[] = {m->accepted_on, m->mediation_due, m->outcome, m->outcome_note, m->reject_reason, m->division_code, m->closed_on, m->reward_note};
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        if (vals[i])
            set_text(&qb, cols[i], vals[i]);
    if (m->handler_id) {
        sh_qb_sql(&qb, ", handler_id = ");
        sh_qb_int64(&qb, m->handler_id);
    }
    if (m->verify_extended)
        sh_qb_sql(&qb, ", verify_extended = 1");
    if (m->reward_yuan) {
        sh_qb_sql(&qb, ", reward_yuan = ");
        sh_qb_int64(&qb, m->reward_yuan);
    }
    sh_qb_sql(&qb, " WHERE id = ");
    sh_qb_int64(&qb, c->r->id);
    sh_qb_sql(&qb, " AND status = ");
    sh_qb_text(&qb, c->r->status);
    sh_qb_sql(&qb, " RETURNING id");
    sh_stmt *st = sh_qb_prepare(c->db, &qb, err);
    sh_qb_release(&qb);
    int64_t id = 0;
    int rc = sh_stmt_insert_id(st, &id, err);
    return rc ? rc : id ? 0 : busy(err);
}

static const char *note_of(step_ctx *c, int required, sh_err *err, int *rc)
{
    const char *note = NULL;
    *rc = sh_body_text(c->body, "note", "说明", required ? 2 : 0, 1000, &note, err);
    return note;
}

/* The handler named in the body: an official whose jurisdiction covers the division. */
static int check_handler(step_ctx *c, const char *division, int64_t *ret, sh_err *err)
{
    json_t *v = json_object_get(c->body, "handler_id");
    *ret = 0;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) <= 0)
        return sh_fail(err, SH_EINVAL, "handler_id", "承办人：应为用户编号 (handler_id must be a user id)");
    sh_stmt *st = sh_db_prepare(c->db, "SELECT role, coalesce(division_code, '') FROM users WHERE id = ? AND disabled = 0", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, json_integer_value(v));
    int rc = sh_stmt_step(st, err), ok = 0;
    if (rc == SH_ROW) {
        const char *role = sh_col_text(st, 0);
        char prefix[13];
        sh_division_prefix(sh_col_text(st, 1), prefix);
        ok = (!strcmp(role, "county") || !strcmp(role, "township") || !strcmp(role, "admin")) &&
             (!strcmp(role, "admin") || !strncmp(division, prefix, strlen(prefix)));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!ok)
        return sh_fail(err, SH_EINVAL, "handler_id", "承办人：应为该地区的县局或乡镇（街道）监管人员 (handler_id must be an official of that division)");
    *ret = json_integer_value(v);
    return 0;
}

static int do_dispatch(step_ctx *c, sh_err *err)
{
    if (c->actor->role != SH_ROLE_COUNTY && c->actor->role != SH_ROLE_ADMIN)
        return sh_fail(err, SH_EPERM, "", "由县局分派 (the county bureau dispatches)");
    static const char *const from[] = {"registered", "dispatched", "disputed", NULL};
    if (!starts_from(c, from))
        return wrong_status(c, err);
    const char *division = json_string_value(json_object_get(c->body, "division_code"));
    int level = 0;
    sh_stmt *st = sh_db_prepare(c->db, "SELECT level FROM divisions WHERE code = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, division ? division : "");
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        level = (int)sh_col_int64(st, 0);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if ((level != 1 && level != 2) || !sh_scope_covers_division(&c->actor->scope, division))
        return sh_fail(err, SH_EINVAL, "division_code", "承办单位：应为您管辖的县或乡镇（街道） (division_code must be a county or township in your jurisdiction)");
    int64_t handler = 0;
    if ((rc = check_handler(c, division, &handler, err)) != 0)
        return rc;
    c->note = note_of(c, 0, err, &rc);
    if (rc)
        return rc;
    c->m.status = "dispatched";
    c->m.division_code = division;
    c->m.handler_id = handler;
    c->step = "dispatched";
    if (!strcmp(c->r->status, "disputed")) {
        /* the jurisdiction settled: the competent department receives it now */
        c->log_due = c->r->due_on;
        if (is_kind(c, "complaint")) {
            if ((rc = sh_workdays_add(c->db, c->today, CP_ACCEPT_WD, c->due_buf, err)) != 0)
                return rc;
            c->m.set_due = 1;
            c->m.due_on = c->due_buf;
            c->m.due_step = "accept";
            c->m.due_basis = CP_BASIS " 第十四条";
        } else { /* a report or opinion is verified within 15 working days of its receipt all the same */
            if ((rc = sh_workdays_add(c->db, c->r->received_on, CP_VERIFY_WD, c->due_buf, err)) != 0)
                return rc;
            c->m.set_due = 1;
            c->m.due_on = c->due_buf;
            c->m.due_step = "verify";
            c->m.due_basis = CP_BASIS_CASE;
        }
    }
    return 0;
}

static int do_dispute(step_ctx *c, sh_err *err)
{
    static const char *const from[] = {"dispatched", NULL};
    if (!starts_from(c, from))
        return wrong_status(c, err);
    int rc;
    c->note = note_of(c, 1, err, &rc);
    if (rc)
        return rc;
    if ((rc = sh_workdays_add(c->db, c->today, CP_SETTLE_WD, c->due_buf, err)) != 0)
        return rc;
    c->m = (move){.status = "disputed", .set_due = 1, .due_on = c->due_buf, .due_step = "settle", .due_basis = CP_BASIS " 管辖争议"};
    c->step = "disputed";
    return 0;
}

static int do_accept(step_ctx *c, sh_err *err)
{
    static const char *const from[] = {"registered", "dispatched", NULL};
    if (!is_kind(c, "complaint") || !starts_from(c, from))
        return wrong_status(c, err);
    int rc;
    c->note = note_of(c, 0, err, &rc);
    if (rc || (rc = sh_workdays_add(c->db, c->today, CP_MEDIATE_WD, c->due_buf, err)) != 0)
        return rc;
    c->m = (move){.status = "accepted", .accepted_on = c->today, .mediation_due = c->due_buf, .set_due = 1,
                  .due_on = c->due_buf, .due_step = "mediate", .due_basis = CP_BASIS " 第二十一条",
                  .handler_id = c->r->handler_id ? 0 : c->actor->user_id};
    c->step = "accepted";
    c->log_due = c->r->due_on;
    c->public_note = "您的投诉已受理，将组织调解";
    return 0;
}

static const char *const REJECT_REASONS[][2] = {
    {"too_old", "自消费者权益争议发生之日起超过三年"},
    {"outside_competence", "不属于市场监督管理部门职责"},
    {"not_competent", "本部门不具有处理权限"},
    {"no_parties", "投诉人或被投诉人不明确"},
    {"no_facts", "无具体的投诉请求和事实"},
    {"duplicate", "同一投诉已经受理或处理"},
    {"other", "其他"},
};

static int do_reject(step_ctx *c, sh_err *err)
{
    static const char *const from[] = {"registered", "dispatched", NULL};
    if (!is_kind(c, "complaint") || !starts_from(c, from))
        return wrong_status(c, err);
    const char *reason = json_string_value(json_object_get(c->body, "reason")), *label = NULL;
    for (size_t i = 0; reason && i < sizeof REJECT_REASONS / sizeof REJECT_REASONS[0]; i++)
        if (!strcmp(reason, REJECT_REASONS[i][0]))
            label = REJECT_REASONS[i][1];
    if (!label)
        return sh_fail(err, SH_EINVAL, "reason", "不予受理理由：请选择一项 (reason is not one of the list)");
    int rc;
    c->note = note_of(c, !strcmp(reason, "other"), err, &rc);
    if (rc)
        return rc;
    c->m = (move){.status = "closed", .set_due = 1, .outcome = "rejected", .reject_reason = reason, .outcome_note = c->note,
                  .closed_on = c->today};
    c->step = "rejected";
    c->log_due = c->r->due_on;
    snprintf(c->note_buf, sizeof c->note_buf, "不予受理：%s%s%s", label, c->note ? "。" : "", c->note ? c->note : "");
    c->public_note = c->note_buf;
    return 0;
}

static int do_mediate(step_ctx *c, sh_err *err)
{
    static const char *const from[] = {"accepted", NULL};
    if (!starts_from(c, from))
        return wrong_status(c, err);
    if (!json_is_true(json_object_get(c->body, "consent")))
        return sh_fail(err, SH_EINVAL, "consent", "调解须经投诉人和被投诉人双方同意；一方不同意的，请终止调解 (mediation needs both parties' consent)");
    int rc;
    c->note = note_of(c, 0, err, &rc);
    if (rc)
        return rc;
    /* the bureau may have the consumer association (or another mediation body) mediate for it */
    int delegated = json_is_true(json_object_get(c->body, "delegate"));
    c->m = (move){.status = "mediating"};
    c->step = "mediating";
    c->public_note = delegated ? "双方同意调解，已委托消费者协会调解" : "双方同意调解，调解进行中";
    if (delegated && !c->note)
        c->note = "委托消费者协会调解";
    return 0;
}

static int do_session(step_ctx *c, sh_err *err)
{
    static const char *const from[] = {"mediating", NULL};
    if (!starts_from(c, from))
        return wrong_status(c, err);
    int rc;
    c->note = note_of(c, 1, err, &rc);
    c->step = "session";
    return rc;
}

static int do_agree(step_ctx *c, sh_err *err)
{
    static const char *const from[] = {"mediating", NULL};
    if (!starts_from(c, from))
        return wrong_status(c, err);
    int rc;
    c->note = note_of(c, 1, err, &rc);
    if (rc)
        return rc;
    c->m = (move){.status = "closed", .set_due = 1, .outcome = "agreed", .outcome_note = c->note, .closed_on = c->today};
    c->step = "agreed";
    c->log_due = c->r->mediation_due;
    snprintf(c->note_buf, sizeof c->note_buf, "调解达成协议：%s", c->note);
    c->public_note = c->note_buf;
    return 0;
}

static int do_terminate(step_ctx *c, sh_err *err)
{
    static const char *const from[] = {"accepted", "mediating", NULL};
    if (!starts_from(c, from))
        return wrong_status(c, err);
    int rc;
    c->note = note_of(c, 1, err, &rc);
    if (rc || (rc = sh_workdays_add(c->db, c->today, CP_TELL_WD, c->due_buf, err)) != 0)
        return rc;
    c->m = (move){.status = "terminated", .set_due = 1, .due_on = c->due_buf, .due_step = "tell", .due_basis = CP_BASIS " 第二十一条",
                  .outcome = "terminated", .outcome_note = c->note};
    c->step = "terminated";
    c->log_due = c->r->mediation_due; /* mediation ends by the 45th working day: later is late */
    return 0;
}

static int do_tell(step_ctx *c, sh_err *err)
{
    static const char *const from[] = {"terminated", "decided", NULL};
    if (!starts_from(c, from))
        return wrong_status(c, err);
    int rc;
    c->note = note_of(c, 0, err, &rc);
    if (rc)
        return rc;
    c->m = (move){.status = "closed", .set_due = 1, .closed_on = c->today};
    c->step = "told";
    c->log_due = c->r->due_on;
    if (is_kind(c, "complaint"))
        snprintf(c->note_buf, sizeof c->note_buf, "终止调解%s%s", c->note ? "：" : "", c->note ? c->note : "");
    else
        snprintf(c->note_buf, sizeof c->note_buf, "经核查，%s%s%s", !strcmp(c->r->outcome, "case") ? "已立案查处" : "不予立案",
                 c->note ? "。" : "", c->note ? c->note : "");
    c->public_note = c->note_buf;
    return 0;
}

static int do_verify(step_ctx *c, sh_err *err)
{
    static const char *const from[] = {"registered", "dispatched", NULL};
    if (is_kind(c, "complaint") || !starts_from(c, from))
        return wrong_status(c, err);
    int rc;
    c->note = note_of(c, 0, err, &rc);
    c->m = (move){.status = "verifying", .handler_id = c->r->handler_id ? 0 : c->actor->user_id};
    c->step = "verifying";
    c->public_note = "正在核查";
    return rc;
}

static int do_extend(step_ctx *c, sh_err *err)
{
    static const char *const from[] = {"verifying", NULL};
    if (!starts_from(c, from))
        return wrong_status(c, err);
    if (c->r->verify_extended)
        return sh_fail(err, SH_EINVAL, "action", "核查期限只能延长一次（十五个工作日） (the verification can be extended once)");
    int rc;
    c->note = note_of(c, 1, err, &rc);
    if (rc || (rc = sh_workdays_add(c->db, c->r->due_on, CP_VERIFY_WD, c->due_buf, err)) != 0)
        return rc;
    c->m = (move){.set_due = 1, .due_on = c->due_buf, .due_step = "verify", .due_basis = CP_BASIS_CASE " 延长", .verify_extended = 1};
    c->step = "extended";
    c->log_due = c->r->due_on;
    return 0;
}

static int do_decide(step_ctx *c, sh_err *err)
{
    static const char *const from[] = {"verifying", NULL};
    if (!is_kind(c, "report") || !starts_from(c, from))
        return wrong_status(c, err);
    const char *outcome = json_string_value(json_object_get(c->body, "outcome"));
    if (!outcome || (strcmp(outcome, "case") && strcmp(outcome, "no_case")))
        return sh_fail(err, SH_EINVAL, "outcome", "决定：应为立案或不予立案 (outcome must be case or no_case)");
    int rc;
    c->note = note_of(c, 1, err, &rc);
    if (rc)
        return rc;
    c->step = outcome;
    c->log_due = c->r->due_on;
    if (c->r->has_person) { /* a real-name reporter is told within 5 working days */
        if ((rc = sh_workdays_add(c->db, c->today, CP_TELL_REPORTER_WD, c->due_buf, err)) != 0)
            return rc;
        c->m = (move){.status = "decided", .set_due = 1, .due_on = c->due_buf, .due_step = "tell", .due_basis = CP_BASIS " 第三十一条",
                      .outcome = outcome, .outcome_note = c->note};
    } else {
        c->m = (move){.status = "closed", .set_due = 1, .outcome = outcome, .outcome_note = c->note, .closed_on = c->today};
    }
    return 0;
}

static int do_conclude(step_ctx *c, sh_err *err)
{
    static const char *const from[] = {"verifying", NULL};
    if (!is_kind(c, "opinion") || !starts_from(c, from))
        return wrong_status(c, err);
    int rc;
    c->note = note_of(c, 1, err, &rc);
    if (rc)
        return rc;
    c->m = (move){.status = "closed", .set_due = 1, .outcome = "handled", .outcome_note = c->note, .closed_on = c->today};
    c->step = "concluded";
    c->log_due = c->r->due_on;
    return 0;
}

static int do_reward(step_ctx *c, sh_err *err)
{
    if (!is_kind(c, "report") || strcmp(c->r->outcome, "case"))
        return sh_fail(err, SH_EINVAL, "action", "只有经查实立案的举报可以记录奖励 (only a report that led to a case is rewarded)");
    json_t *v = json_object_get(c->body, "yuan");
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 1000000)
        return sh_fail(err, SH_EINVAL, "yuan", "奖励金额：应为1-1000000元的整数 (yuan must be 1-1000000)");
    int rc;
    c->note = note_of(c, 0, err, &rc);
    if (rc)
        return rc;
    static const char *const any[] = {"decided", "closed", NULL};
    if (!starts_from(c, any))
        return wrong_status(c, err);
    c->m = (move){.reward_yuan = json_integer_value(v), .reward_note = c->note ? c->note : ""};
    c->step = "reward";
    return 0;
}

static int do_assign(step_ctx *c, sh_err *err)
{
    if (!strcmp(c->r->status, "closed"))
        return wrong_status(c, err);
    int64_t handler = 0;
    int rc = check_handler(c, c->r->division_code, &handler, err);
    if (rc == 0 && !handler)
        rc = sh_fail(err, SH_EINVAL, "handler_id", "承办人：必填 (handler_id is required)");
    c->m = (move){.handler_id = handler};
    c->step = "assigned";
    return rc;
}

/* A clue of a violation found while mediating: a report of its own, verified within 15 working days. */
static int do_clue(step_ctx *c, sh_err *err)
{
    static const char *const from[] = {"accepted", "mediating", NULL};
    if (!is_kind(c, "complaint") || !starts_from(c, from))
        return wrong_status(c, err);
    const char *facts = NULL;
    int rc = sh_body_text(c->body, "facts", "线索", 10, 2000, &facts, err);
    if (rc || (rc = sh_workdays_add(c->db, c->today, CP_VERIFY_WD, c->due_buf, err)) != 0)
        return rc;
    char code[16];
    cp_tracking_code(code);
    int64_t now = sh_now_ms();
    sh_stmt *st = sh_db_prepare(c->db,
                                "INSERT INTO complaints(kind, channel, tracking_code, twin_id, entity_id, respondent_name,"
                                " respondent_address, division_code, category, facts, notify_by, status, received_on, due_on,"
                                " due_step, due_basis, handler_id, created_by, created_at, updated_at)"
                                " SELECT 'report', channel, ?, id, entity_id, respondent_name, respondent_address, division_code,"
                                " category, ?, 'none', 'verifying', ?, ?, 'verify', ?, ?, ?, ?, ? FROM complaints WHERE id = ?"
                                " RETURNING id",
                                err);
    if (st) {
        sh_bind_text(st, 1, code);
        sh_bind_text(st, 2, facts);
        sh_bind_text(st, 3, c->today);
        sh_bind_text(st, 4, c->due_buf);
        sh_bind_text(st, 5, CP_BASIS_CASE);
        sh_bind_int64(st, 6, c->actor->user_id ? c->actor->user_id : 0);
        sh_bind_int64_or_null(st, 7, c->actor->user_id);
        sh_bind_int64(st, 8, now);
        sh_bind_int64(st, 9, now);
        sh_bind_int64(st, 10, c->r->id);
    }
    if ((rc = sh_stmt_insert_id(st, &c->new_twin, err)) != 0)
        return rc;
    snprintf(c->note_buf, sizeof c->note_buf, "发现违法线索，转为举报核查（%s）", code);
    c->note = c->note_buf;
    c->step = "clue";
    rc = cp_log_step(c->db, c->actor, c->new_twin, "registered", facts, NULL, NULL, c->today, err);
    return rc;
}

typedef struct action {
    const char *name;
    int (*run)(step_ctx *c, sh_err *err);
} action;

static const action ACTIONS[] = {
    {"dispatch", do_dispatch}, {"dispute", do_dispute}, {"accept", do_accept},       {"reject", do_reject},
    {"mediate", do_mediate},   {"session", do_session}, {"agree", do_agree},         {"terminate", do_terminate},
    {"tell", do_tell},         {"clue", do_clue},       {"verify", do_verify},       {"extend", do_extend},
    {"decide", do_decide},     {"conclude", do_conclude}, {"reward", do_reward},     {"assign", do_assign},
};

static int has_changes(const move *m)
{
    return m->status || m->set_due || m->handler_id || m->reward_yuan || m->verify_extended;
}

int sh_complaint_step(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    cp_row r;
    int rc = cp_load(db, actor, id, &r, err);
    if (rc)
        return rc;
    const char *name = json_string_value(json_object_get(body, "action"));
    const action *a = NULL;
    for (size_t i = 0; name && i < sizeof ACTIONS / sizeof ACTIONS[0]; i++)
        if (!strcmp(ACTIONS[i].name, name))
            a = &ACTIONS[i];
    if (!a)
        return sh_fail(err, SH_EINVAL, "action", "操作：不是可选的操作 (action is not one of the steps)");
    step_ctx c = {.db = db, .actor = actor, .r = &r, .body = body};
    sh_today(c.today);
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    rc = a->run(&c, err);
    if (rc == 0 && has_changes(&c.m))
        rc = apply(&c, err);
    if (rc == 0)
        rc = cp_log_step(db, actor, id, c.step, c.note, c.public_note, c.log_due, c.today, err);
    if (rc == 0 && c.new_twin) {
        sh_stmt *st = sh_db_prepare(db, "UPDATE complaints SET twin_id = ? WHERE id = ? AND twin_id IS NULL", err);
        if (st) {
            sh_bind_int64(st, 1, c.new_twin);
            sh_bind_int64(st, 2, id);
        }
        rc = sh_stmt_run(st, err);
    }
    if (rc == 0 && c.public_note)
        rc = cp_notify(db, id, c.public_note, err);
    /* an accepted complaint or a report that became a case weighs on the business's grade */
    if (rc == 0 && r.entity_id && (!strcmp(c.step, "accepted") || !strcmp(c.step, "case")))
        rc = sh_risk_regrade(db, r.entity_id, "complaint", NULL, err);
    if (rc == 0) {
        json_t *before = json_pack("{s:s}", "status", r.status);
        json_t *after = json_pack("{s:s, s:s?}", "step", c.step, "status", c.m.status);
        rc = sh_audit(db, actor, name, "complaint", id, before, after, err);
        json_decref(before);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_complaint_get(db, actor, id, ret, err);
}
