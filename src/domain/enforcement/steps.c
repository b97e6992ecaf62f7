/* The steps of a case (case.h sh_case_step). Each moves the case only from the status it expects
 * (UPDATE … WHERE status = … RETURNING), inside its transaction. */
#include "domain/enforcement/case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/enforcement/events.h"
#include "domain/enforcement/penalty.h"
#include "domain/enforcement/steps_int.h"
#include "domain/risk/risk.h"
#include "store/scope.h"

/* ---- the helpers every step uses (steps_int.h) ---- */

void cs_set_text(step_ctx *c, const char *col, const char *v)
{
    sh_qb_sql(&c->set, ", ");
    sh_qb_sql(&c->set, col);
    sh_qb_sql(&c->set, " = ");
    if (v)
        sh_qb_text(&c->set, v);
    else
        sh_qb_sql(&c->set, "NULL");
}

void cs_set_int(step_ctx *c, const char *col, int64_t v)
{
    sh_qb_sql(&c->set, ", ");
    sh_qb_sql(&c->set, col);
    sh_qb_sql(&c->set, " = ");
    sh_qb_int64(&c->set, v);
}

int cs_wrong_status(const step_ctx *c, sh_err *err)
{
    return sh_fail(err, SH_EINVAL, "action", "案件当前状态（%s）下不能进行此操作 (not possible while %s)", c->r->status, c->r->status);
}

int cs_is(const step_ctx *c, const char *status) { return !strcmp(c->r->status, status); }

int cs_county_only(const step_ctx *c, const char *what, sh_err *err)
{
    if (c->actor->role == SH_ROLE_COUNTY || c->actor->role == SH_ROLE_ADMIN)
        return 0;
    return sh_fail(err, SH_EPERM, "", "%s须经县局负责人批准 (the county decides this)", what);
}

int cs_note(step_ctx *c, int required, sh_err *err)
{
    return sh_body_text(c->body, "note", "说明", required ? 2 : 0, 2000, &c->note, err);
}

/* A date of the body (default today), not in the future, not before `after`. */
int cs_date_of(step_ctx *c, const char *field, const char *label, const char *after, char out[11], sh_err *err)
{
    const char *v = json_string_value(json_object_get(c->body, field));
    snprintf(out, 11, "%s", v && *v ? v : c->today);
    if (!sh_date_valid(out, NULL, NULL, NULL) || strcmp(out, c->today) > 0 || (after && *after && strcmp(out, after) < 0))
        return sh_fail(err, SH_EINVAL, field, "%s：应为%s至今天之间的日期 (%s must lie between %s and today)", label, after && *after ? after : "",
                       field, after && *after ? after : "");
    return 0;
}

static int do_extend_verify(step_ctx *c, sh_err *err)
{
    if (!cs_is(c, "clue"))
        return cs_wrong_status(c, err);
    if (c->r->verify_extended)
        return sh_fail(err, SH_EINVAL, "action", "核查期限只能延长一次（十五个工作日） (extended once only)");
    int rc = cs_county_only(c, "延长核查期限", err);
    if (rc || (rc = cs_note(c, 1, err)) != 0 || (rc = sh_workdays_add(c->db, c->r->verify_due, CS_VERIFY_WD, c->buf, err)) != 0)
        return rc;
    cs_set_text(c, "verify_due", c->buf);
    cs_set_int(c, "verify_extended", 1);
    c->step = "verify_extended";
    c->log_due = c->r->verify_due;
    return 0;
}

static int do_file(step_ctx *c, sh_err *err)
{
    if (!cs_is(c, "clue"))
        return cs_wrong_status(c, err);
    int rc = cs_county_only(c, "立案", err);
    if (rc || (rc = cs_note(c, 0, err)) != 0)
        return rc;
    if ((rc = cs_number_next(c->db, "filing", "立", (int)strtol(c->today, NULL, 10), c->number, err)) != 0 ||
        (rc = cs_decision_due(c->db, c->r->id, c->today, 0, c->buf, err)) != 0)
        return rc;
    c->to = "filed";
    cs_set_text(c, "case_no", c->number);
    cs_set_text(c, "filed_on", c->today);
    cs_set_text(c, "decision_due", c->buf);
    c->step = "filed";
    c->log_due = c->r->verify_due;
    return 0;
}

static int do_not_file(step_ctx *c, sh_err *err)
{
    if (!cs_is(c, "clue"))
        return cs_wrong_status(c, err);
    int rc = cs_county_only(c, "不予立案", err);
    if (rc || (rc = cs_note(c, 1, err)) != 0)
        return rc;
    c->to = "closed";
    cs_set_text(c, "outcome", "not_filed");
    cs_set_text(c, "closed_on", c->today);
    c->step = "not_filed";
    c->log_due = c->r->verify_due;
    return 0;
}

/* A period not counted (testing, hearing, public notice): the decision deadline moves by its days. */
static int do_pause(step_ctx *c, sh_err *err)
{
    if (!cs_is(c, "filed") && !cs_is(c, "notified"))
        return cs_wrong_status(c, err);
    const char *kind = json_string_value(json_object_get(c->body, "kind"));
    static const char *const kinds[] = {"testing", "hearing", "public_notice", "other"};
    int ok = 0;
    for (size_t i = 0; kind && i < 4; i++)
        ok |= !strcmp(kind, kinds[i]);
    if (!ok)
        return sh_fail(err, SH_EINVAL, "kind", "中止事由：应为检测检验、听证、公告或其他 (kind must be testing, hearing, public_notice or other)");
    const char *from = json_string_value(json_object_get(c->body, "from")), *to = json_string_value(json_object_get(c->body, "to"));
    if (!from || !sh_date_valid(from, NULL, NULL, NULL) || strcmp(from, c->r->filed_on) < 0)
        return sh_fail(err, SH_EINVAL, "from", "起始日期：应为立案之后的日期 (from must be a date from the filing on)");
    if (!to || !sh_date_valid(to, NULL, NULL, NULL) || strcmp(to, from) < 0 || sh_date_days(to) - sh_date_days(from) > 365)
        return sh_fail(err, SH_EINVAL, "to", "结束日期：应不早于起始日期，且不超过一年 (to must be from `from` to a year after)");
    int rc = cs_note(c, 0, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(c->db, "INSERT INTO case_pauses(case_id, kind, from_on, to_on, note) VALUES (?, ?, ?, ?, ?)", err);
    if (st) {
        sh_bind_int64(st, 1, c->r->id);
        sh_bind_text(st, 2, kind);
        sh_bind_text(st, 3, from);
        sh_bind_text(st, 4, to);
        sh_bind_text_or_null(st, 5, c->note);
    }
    if ((rc = sh_stmt_run(st, err)) != 0)
        return rc;
    if (strcmp(c->r->extension, "collective")) { /* a collective decision's date stands as decided */
        if ((rc = cs_decision_due(c->db, c->r->id, c->r->filed_on, c->r->extension[0] != '\0', c->buf, err)) != 0)
            return rc;
        cs_set_text(c, "decision_due", c->buf);
    }
    c->step = "paused";
    return 0;
}

static int do_extend(step_ctx *c, sh_err *err)
{
    if (!cs_is(c, "filed") && !cs_is(c, "notified"))
        return cs_wrong_status(c, err);
    if (c->r->extension[0])
        return sh_fail(err, SH_EINVAL, "action", "已经延长过；再延长须集体讨论决定 (extended already: a collective decision extends further)");
    int rc = cs_county_only(c, "延长办案期限", err);
    if (rc || (rc = cs_note(c, 1, err)) != 0 || (rc = cs_decision_due(c->db, c->r->id, c->r->filed_on, 1, c->buf, err)) != 0)
        return rc;
    cs_set_text(c, "decision_due", c->buf);
    cs_set_text(c, "decision_extension", "approved");
    c->step = "extended";
    c->log_due = c->r->decision_due;
    return 0;
}

static int do_collective(step_ctx *c, sh_err *err)
{
    if (!cs_is(c, "filed") && !cs_is(c, "notified"))
        return cs_wrong_status(c, err);
    if (strcmp(c->r->extension, "approved"))
        return sh_fail(err, SH_EINVAL, "action", "先经负责人批准延长三十日，仍不能作出决定的方可集体讨论延长 (first the 30-day extension)");
    const char *due = json_string_value(json_object_get(c->body, "due"));
    if (!due || !sh_date_valid(due, NULL, NULL, NULL) || strcmp(due, c->r->decision_due) <= 0)
        return sh_fail(err, SH_EINVAL, "due", "延长至：应为现期限之后的日期 (due must be after the current deadline)");
    int rc = cs_county_only(c, "集体讨论延长", err);
    if (rc || (rc = cs_note(c, 1, err)) != 0)
        return rc;
    snprintf(c->buf, sizeof c->buf, "%s", due);
    cs_set_text(c, "decision_due", c->buf);
    cs_set_text(c, "decision_extension", "collective");
    c->step = "collective";
    c->log_due = c->r->decision_due;
    return 0;
}

static int do_review(step_ctx *c, sh_err *err)
{
    if (!cs_is(c, "filed"))
        return cs_wrong_status(c, err);
    int rc = cs_note(c, 1, err);
    cs_set_text(c, "legal_review_on", c->today);
    c->step = "legal_review";
    return rc;
}

static int has_kind(json_t *penalty, const char *kind)
{
    size_t i;
    json_t *v;
    json_array_foreach(penalty, i, v) if (json_is_string(v) && !strcmp(json_string_value(v), kind)) return 1;
    return 0;
}

/* 行政处罚告知: the penalty proposed, its basis; the party has 5 working days. */
static int do_notify(step_ctx *c, sh_err *err)
{
    if (!cs_is(c, "filed"))
        return cs_wrong_status(c, err);
    json_t *penalty = json_object_get(c->body, "penalty");
    static const char *const kinds[] = {"warning", "fine", "confiscation", "suspension", "revocation"};
    size_t i;
    json_t *v;
    if (!json_is_array(penalty) || json_array_size(penalty) == 0)
        return sh_fail(err, SH_EINVAL, "penalty", "处罚种类：至少选择一项 (penalty must list warning, fine, confiscation, suspension or revocation)");
    json_array_foreach(penalty, i, v) {
        int ok = 0;
        for (size_t k = 0; k < 5; k++)
            ok |= json_is_string(v) && !strcmp(json_string_value(v), kinds[k]);
        if (!ok)
            return sh_fail(err, SH_EINVAL, "penalty", "处罚种类：不是可选的种类 (penalty[%zu] is not a kind of penalty)", i);
    }
    json_t *fine = json_object_get(c->body, "fine_yuan"), *goods = json_object_get(c->body, "goods_value_yuan");
    int64_t f = json_is_integer(fine) ? json_integer_value(fine) : 0;
    if (has_kind(penalty, "fine") && (!json_is_integer(fine) || f <= 0 || f > 100000000))
        return sh_fail(err, SH_EINVAL, "fine_yuan", "罚款金额：应为正整数（元） (fine_yuan must be whole yuan above 0)");
    if (!has_kind(penalty, "fine") && fine && !json_is_null(fine))
        return sh_fail(err, SH_EINVAL, "fine_yuan", "罚款金额：处罚种类中没有罚款 (no fine among the penalties)");
    if (goods && !json_is_null(goods) && (!json_is_integer(goods) || json_integer_value(goods) < 0))
        return sh_fail(err, SH_EINVAL, "goods_value_yuan", "货值金额：应为非负整数（元） (goods_value_yuan must be whole yuan)");
    const char *code = json_string_value(json_object_get(c->body, "violation_code"));
    const char *circumstance = json_string_value(json_object_get(c->body, "circumstance"));
    if (code || circumstance) {
        json_t *s = NULL;
        int64_t g = json_is_integer(goods) ? json_integer_value(goods) : 0;
        int rc = sh_discretion_suggest(c->db, code, g, circumstance, &s, err);
        if (rc)
            return rc;
        /* the fine within the clause's range: above it never, below it only as a mitigated penalty */
        json_t *rule = json_object_get(s, "rule");
        sh_fine_range r = {json_integer_value(json_object_get(rule, "fine_min")), json_integer_value(json_object_get(rule, "fine_max")),
                           json_integer_value(json_object_get(rule, "threshold")), json_integer_value(json_object_get(rule, "times_min")),
                           json_integer_value(json_object_get(rule, "times_max"))};
        int64_t min, max;
        sh_fine_legal(&r, g, &min, &max);
        int warning_first = json_is_true(json_object_get(rule, "warning_first"));
        json_decref(s);
        if (f > max)
            return sh_fail(err, SH_EINVAL, "fine_yuan", "罚款金额：超过法定上限 %lld 元 (above the clause's maximum of %lld)", (long long)max, (long long)max);
        if (f > 0 && f < min && !warning_first && !json_is_true(json_object_get(c->body, "mitigated")))
            return sh_fail(err, SH_EINVAL, "fine_yuan", "罚款金额：低于法定下限 %lld 元；依法减轻处罚的，请勾选减轻处罚并说明理由 (below the minimum of %lld: mark it mitigated)",
                           (long long)min, (long long)min);
    }
    int heavy = f >= sh_setting_int(c->db, "case_legal_review_fine", 10000) || has_kind(penalty, "suspension") ||
                has_kind(penalty, "revocation");
    if (heavy && !c->r->legal_review_on[0])
        return sh_fail(err, SH_EINVAL, "action", "较大数额罚款或停产停业、吊销许可证须先经法制审核 (a legal review comes first)");
    int rc = cs_note(c, 0, err);
    if (rc || (rc = sh_workdays_add(c->db, c->today, CS_REPRESENT_WD, c->buf, err)) != 0)
        return rc;
    char *text = json_dumps(penalty, JSON_COMPACT);
    c->to = "notified";
    cs_set_text(c, "notified_on", c->today);
    cs_set_text(c, "representation_due", c->buf);
    cs_set_text(c, "penalty", text);
    free(text);
    if (f)
        cs_set_int(c, "fine_yuan", f);
    if (code)
        cs_set_text(c, "violation_code", code);
    if (circumstance)
        cs_set_text(c, "circumstance", circumstance);
    if (json_is_integer(goods))
        cs_set_int(c, "goods_value_yuan", json_integer_value(goods));
    json_t *conf = json_object_get(c->body, "confiscated_yuan");
    if (json_is_integer(conf) && json_integer_value(conf) >= 0)
        cs_set_int(c, "confiscated_yuan", json_integer_value(conf));
    c->step = "notified";
    return 0;
}

static int do_decide(step_ctx *c, sh_err *err)
{
    if (!cs_is(c, "notified"))
        return cs_wrong_status(c, err);
    int rc = cs_county_only(c, "作出行政处罚决定", err);
    if (rc)
        return rc;
    if (c->r->hearing_requested_on[0] && !c->r->hearing_held_on[0])
        return sh_fail(err, SH_EINVAL, "action", "当事人已要求听证，听证举行后方可作出决定 (a hearing was asked: it comes first)");
    /* representations are heard first: the 5 working days pass, or the party waives them */
    if (strcmp(c->today, c->r->representation_due) <= 0 && !c->r->hearing_held_on[0] && !json_is_true(json_object_get(c->body, "waived")))
        return sh_fail(err, SH_EINVAL, "action", "陈述、申辩期限（%s）未满；当事人明确放弃的请勾选放弃陈述申辩 (the party has until %s)",
                       c->r->representation_due, c->r->representation_due);
    json_t *fine = json_object_get(c->body, "fine_yuan");
    if (fine && !json_is_null(fine)) {
        if (!json_is_integer(fine) || json_integer_value(fine) < 0 || json_integer_value(fine) > c->r->fine_yuan)
            return sh_fail(err, SH_EINVAL, "fine_yuan", "罚款金额：不得高于告知的 %lld 元（加重须重新告知） (not above the notice's fine)",
                           (long long)c->r->fine_yuan);
        cs_set_int(c, "fine_yuan", json_integer_value(fine));
    }
    if ((rc = cs_note(c, 0, err)) != 0)
        return rc;
    if ((rc = sh_workdays_add(c->db, c->today, CS_PUBLISH_WD, c->buf2, err)) != 0)
        return rc;
    c->to = "decided";
    cs_set_text(c, "decided_on", c->today);
    cs_set_text(c, "outcome", "penalty");
    cs_set_text(c, "publish_due", c->buf2);
    c->step = "decided";
    c->log_due = c->r->decision_due;
    return 0;
}

/* 送达: the seven methods of 处罚程序规定 Art 82-88; payment is due 15 days after. */
static int do_serve(step_ctx *c, sh_err *err)
{
    if (!cs_is(c, "decided"))
        return cs_wrong_status(c, err);
    static const char *const methods[] = {"direct", "left", "electronic", "entrusted", "mail", "transfer", "public_notice"};
    const char *method = json_string_value(json_object_get(c->body, "method"));
    int ok = 0;
    for (size_t i = 0; method && i < 7; i++)
        ok |= !strcmp(method, methods[i]);
    if (!ok)
        return sh_fail(err, SH_EINVAL, "method", "送达方式：应为直接、留置、电子、委托、邮寄、转交或公告送达 (method is not one of the seven)");
    int rc = cs_date_of(c, "served_on", "送达日期", c->r->decided_on, c->buf, err);
    if (rc)
        return rc;
    c->to = "served";
    cs_set_text(c, "served_on", c->buf);
    cs_set_text(c, "service_method", method);
    if (c->r->fine_yuan > 0) {
        sh_deadline_rule r = {.days = CS_PAY_DAYS, .calendar_days = 1};
        sh_deadline d;
        if ((rc = sh_deadline_due(c->db, c->buf, &r, NULL, 0, &d, err)) != 0)
            return rc;
        memcpy(c->buf2, d.due, 11);
        cs_set_text(c, "payment_due", c->buf2);
    }
    c->step = "served";
    return 0;
}

static int do_pay(step_ctx *c, sh_err *err)
{
    if (!cs_is(c, "served") || c->r->fine_yuan <= 0)
        return cs_wrong_status(c, err);
    int rc = cs_date_of(c, "paid_on", "缴款日期", c->r->served_on, c->buf, err);
    if (rc)
        return rc;
    int64_t late = sh_date_days(c->buf) - sh_date_days(c->r->payment_due);
    int64_t fee = sh_late_fee(c->r->fine_yuan, late);
    json_t *amount = json_object_get(c->body, "amount_yuan");
    if (!json_is_integer(amount) || json_integer_value(amount) != c->r->fine_yuan + fee)
        return sh_fail(err, SH_EINVAL, "amount_yuan", "缴款金额：应为罚款 %lld 元%s%lld 元，共 %lld 元 (the fine%s: %lld yuan)", (long long)c->r->fine_yuan,
                       fee ? "加逾期加处罚款 " : "，加处罚款 ", (long long)fee, (long long)(c->r->fine_yuan + fee),
                       fee ? " and the late fee" : "", (long long)(c->r->fine_yuan + fee));
    c->to = "paid";
    cs_set_text(c, "paid_on", c->buf);
    cs_set_int(c, "late_fee_yuan", fee);
    c->step = "paid";
    c->log_due = c->r->payment_due;
    return 0;
}

/* 申请人民法院强制执行 (行政强制法 Art 53): from six months after service (the time to sue), within three
 * months, the fine unpaid. */
static int do_enforce(step_ctx *c, sh_err *err)
{
    if (!cs_is(c, "served") || c->r->fine_yuan <= 0 || c->r->enforcement_applied_on[0])
        return cs_wrong_status(c, err);
    char from[11];
    sh_date_add_months(c->r->served_on, 6, from);
    if (strcmp(c->today, from) <= 0)
        return sh_fail(err, SH_EINVAL, "action", "当事人提起行政诉讼的期限（六个月）届满后方可申请强制执行，%s之后 (from %s on)", from, from);
    int rc = cs_county_only(c, "申请人民法院强制执行", err);
    if (rc || (rc = cs_note(c, 1, err)) != 0)
        return rc;
    cs_set_text(c, "enforcement_applied_on", c->today);
    c->step = "enforcement_applied";
    return 0;
}

static int do_close(step_ctx *c, sh_err *err)
{
    /* paid; a warning served; or a fine executed by the court on the bureau's application */
    int ok = cs_is(c, "paid") || (cs_is(c, "served") && (c->r->fine_yuan <= 0 || c->r->enforcement_applied_on[0]));
    if (!ok)
        return cs_wrong_status(c, err);
    int rc = cs_county_only(c, "结案", err);
    if (rc || (rc = cs_note(c, 0, err)) != 0)
        return rc;
    c->to = "closed";
    cs_set_text(c, "closed_on", c->today);
    c->step = "closed";
    return 0;
}

static int do_assign(step_ctx *c, sh_err *err)
{
    if (cs_is(c, "closed"))
        return cs_wrong_status(c, err);
    json_t *v = json_object_get(c->body, "handler_id");
    if (!json_is_integer(v))
        return sh_fail(err, SH_EINVAL, "handler_id", "承办人：必填 (handler_id is required)");
    sh_stmt *st = sh_db_prepare(c->db, "SELECT role, coalesce(division_code, '') FROM users WHERE id = ? AND disabled = 0", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, json_integer_value(v));
    int rc = sh_stmt_step(st, err), ok = 0;
    if (rc == SH_ROW) {
        char prefix[13];
        sh_division_prefix(sh_col_text(st, 1), prefix);
        const char *role = sh_col_text(st, 0);
        ok = (!strcmp(role, "inspector") || !strcmp(role, "county") || !strcmp(role, "township")) &&
             !strncmp(c->r->division_code, prefix, strlen(prefix));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!ok)
        return sh_fail(err, SH_EINVAL, "handler_id", "承办人：应为该地区的执法人员 (handler_id must be an enforcement official there)");
    cs_set_int(c, "handler_id", json_integer_value(v));
    c->step = "assigned";
    return 0;
}

typedef struct action {
    const char *name;
    int (*run)(step_ctx *c, sh_err *err);
} action;

static const action ACTIONS[] = {
    {"extend_verify", do_extend_verify}, {"file", do_file},     {"not_file", do_not_file}, {"pause", do_pause},
    {"extend", do_extend},               {"collective", do_collective}, {"review", do_review}, {"notify", do_notify},
    {"decide", do_decide},               {"serve", do_serve},   {"pay", do_pay},           {"close", do_close},
    {"assign", do_assign},               {"publish", cs_do_publish}, {"overturn", cs_do_overturn}, {"withdraw", cs_do_withdraw},
    {"repair_apply", cs_do_repair_apply}, {"repair_decide", cs_do_repair_decide}, {"list_notify", cs_do_list_notify},
    {"list_decide", cs_do_list_decide}, {"list_remove", cs_do_list_remove}, {"preserve", cs_do_preserve},
    {"preserve_decide", cs_do_preserve_decide}, {"seize", cs_do_seize}, {"seize_extend", cs_do_seize_extend},
    {"seize_end", cs_do_seize_end},       {"enforce", do_enforce},       {"hearing_request", cs_do_hearing_request},
    {"hearing_schedule", cs_do_hearing_schedule}, {"hearing_held", cs_do_hearing_held},
};

/* Finishes the UPDATE the step wrote into c->set, from the status the case was loaded in. */
static int apply(step_ctx *c, sh_err *err)
{
    if (c->to)
        cs_set_text(c, "status", c->to);
    sh_qb_sql(&c->set, " WHERE id = ");
    sh_qb_int64(&c->set, c->r->id);
    sh_qb_sql(&c->set, " AND status = ");
    sh_qb_text(&c->set, c->r->status);
    sh_qb_sql(&c->set, " RETURNING id");
    sh_stmt *st = sh_qb_prepare(c->db, &c->set, err);
    int64_t id = 0;
    int rc = sh_stmt_insert_id(st, &id, err);
    return rc ? rc : id ? 0 : sh_fail(err, SH_EEXIST, "status", "案件状态已变化，请刷新后再试 (the case has moved on; reload it)");
}

int sh_case_step(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    cs_row r;
    int rc = cs_load(db, actor, id, &r, err);
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
    sh_qb_init(&c.set);
    sh_qb_sql(&c.set, "UPDATE cases SET updated_at = ");
    sh_qb_int64(&c.set, sh_now_ms());
    if ((rc = sh_db_begin(db, err)) != 0) {
        sh_qb_release(&c.set);
        return rc;
    }
    rc = a->run(&c, err);
    if (rc == 0)
        rc = apply(&c, err);
    sh_qb_release(&c.set);
    if (rc == 0)
        rc = cs_log_step(db, actor, id, c.step, c.note, c.log_due, c.today, err);
    /* a decided penalty weighs on the business's grade */
    if (rc == 0 && r.entity_id && (!strcmp(c.step, "decided") || !strcmp(c.step, "listed") || !strcmp(c.step, "unlisted")))
        rc = sh_risk_regrade(db, r.entity_id, "penalty", NULL, err);
    if (rc == 0 && r.entity_id && !strcmp(c.step, "decided")) /* brands/ suspends what the business may use */
        rc = sh_case_decided_notify(db, id, r.entity_id, err);
    if (rc == 0) {
        json_t *before = json_pack("{s:s}", "status", r.status);
        json_t *after = json_pack("{s:s, s:s?}", "step", c.step, "status", c.to);
        rc = sh_audit(db, actor, name, "case", id, before, after, err);
        json_decref(before);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_case_get(db, actor, id, ret, err);
}
