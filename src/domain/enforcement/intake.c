/* A new case: a clue to verify, or a penalty decided on the spot (case.h sh_case_create). */
#include "domain/enforcement/case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/enforcement/case_int.h"
#include "domain/enforcement/events.h"
#include "domain/enforcement/penalty.h"
#include "domain/risk/risk.h"
#include "store/scope.h"

typedef struct party {
    int64_t entity_id;
    const char *kind, *name, *code, *address, *rep;
    char division[13];
    char buf_name[201], buf_code[40], buf_address[301], buf_rep[61];
} party;

/* The party: a business on the registry (its name, credit code, address, representative, township)
 * or one described. */
static int check_party(sh_db *db, const sh_principal *actor, json_t *body, party *p, sh_err *err)
{
    json_t *eid = json_object_get(body, "entity_id");
    if (eid && !json_is_null(eid)) {
        if (!json_is_integer(eid) || json_integer_value(eid) <= 0)
            return sh_fail(err, SH_EINVAL, "entity_id", "当事人：应为商户编号 (entity_id must be a business id)");
        p->entity_id = json_integer_value(eid);
        sh_stmt *st = sh_db_prepare(db,
                                    "SELECT name, coalesce(uscc, ''), coalesce(address, ''), coalesce(legal_rep, ''), division_code,"
                                    " kind FROM entities WHERE id = ?",
                                    err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, p->entity_id);
        int rc = sh_stmt_step(st, err);
        if (rc == SH_ROW) {
            snprintf(p->buf_name, sizeof p->buf_name, "%s", sh_col_text(st, 0));
            snprintf(p->buf_code, sizeof p->buf_code, "%s", sh_col_text(st, 1));
            snprintf(p->buf_address, sizeof p->buf_address, "%s", sh_col_text(st, 2));
            snprintf(p->buf_rep, sizeof p->buf_rep, "%s", sh_col_text(st, 3));
            snprintf(p->division, sizeof p->division, "%.9s000", sh_col_text(st, 4));
            /* stalls and small workshops are mostly people; the rest organisations */
            p->kind = !strcmp(sh_col_text(st, 5), "stall") ? "individual" : "organisation";
        }
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        if (rc != SH_ROW || !sh_scope_covers_division(&actor->scope, p->division))
            return sh_fail(err, SH_EINVAL, "entity_id", "当事人：商户不存在或不在您的管辖范围内 (no such business in your jurisdiction)");
        p->name = p->buf_name;
        p->code = p->buf_code[0] ? p->buf_code : NULL;
        p->address = p->buf_address[0] ? p->buf_address : NULL;
        p->rep = p->buf_rep[0] ? p->buf_rep : NULL;
        const char *kind = json_string_value(json_object_get(body, "party_kind"));
        if (kind)
            p->kind = kind;
    } else {
        p->kind = json_string_value(json_object_get(body, "party_kind"));
        int rc = sh_body_text(body, "party_name", "当事人", 2, 100, &p->name, err);
        if (rc == 0)
            rc = sh_body_text(body, "party_code", "统一社会信用代码或身份证号", 0, 30, &p->code, err);
        if (rc == 0)
            rc = sh_body_text(body, "party_address", "住所", 0, 200, &p->address, err);
        if (rc == 0)
            rc = sh_body_text(body, "party_rep", "法定代表人", 0, 30, &p->rep, err);
        if (rc)
            return rc;
        const char *division = json_string_value(json_object_get(body, "division_code"));
        if (!division || (strlen(division) != 12 && strlen(division) != 6) || !sh_scope_covers_division(&actor->scope, division))
            return sh_fail(err, SH_EINVAL, "division_code", "承办地区：应为您管辖的县或乡镇（街道） (division_code must be in your jurisdiction)");
        snprintf(p->division, sizeof p->division, "%s", division);
    }
    if (!p->kind || (strcmp(p->kind, "individual") && strcmp(p->kind, "organisation")))
        return sh_fail(err, SH_EINVAL, "party_kind", "当事人类型：应为个人或单位 (party_kind must be individual or organisation)");
    return 0;
}

static int check_source(json_t *body, const char **source, sh_err *err)
{
    static const char *const ok[] = {"inspection", "sample", "hazard", "complaint", "report", "referral", "other"};
    *source = json_string_value(json_object_get(body, "source"));
    for (size_t i = 0; *source && i < sizeof ok / sizeof ok[0]; i++)
        if (!strcmp(*source, ok[i]))
            return 0;
    return sh_fail(err, SH_EINVAL, "source", "案件来源：应为检查、抽检、视频隐患、投诉、举报、移送或其他 (source is not one of the list)");
}

/* The on-the-spot penalty: a warning, or a fine within the limits of Art 51. */
static int check_simple(json_t *body, const party *p, int64_t *fine, const char **penalty, sh_err *err)
{
    json_t *f = json_object_get(body, "fine_yuan");
    *fine = json_is_integer(f) ? json_integer_value(f) : 0;
    if (f && !json_is_null(f) && (!json_is_integer(f) || *fine < 0))
        return sh_fail(err, SH_EINVAL, "fine_yuan", "罚款金额：应为非负整数（元） (fine_yuan must be whole yuan)");
    int org = !strcmp(p->kind, "organisation");
    if (!sh_simple_fine_allowed(org, *fine))
        return sh_fail(err, SH_EINVAL, "fine_yuan", "罚款金额：当场处罚对%s不得超过%d元，请按普通程序办理 (above the on-the-spot limit)",
                       org ? "单位" : "个人", org ? SH_SIMPLE_MAX_ORGANISATION : SH_SIMPLE_MAX_INDIVIDUAL);
    *penalty = *fine > 0 ? "[\"fine\"]" : "[\"warning\"]";
    return 0;
}

int sh_case_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    if (!cs_may_see_cases(actor))
        return sh_fail(err, SH_EPERM, "", "只有执法人员可以登记案件 (only officials and inspectors open cases)");
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *procedure = json_string_value(json_object_get(body, "procedure"));
    if (!procedure)
        procedure = "general";
    if (strcmp(procedure, "general") && strcmp(procedure, "simple"))
        return sh_fail(err, SH_EINVAL, "procedure", "程序：应为普通程序或简易程序 (procedure must be general or simple)");
    int simple = !strcmp(procedure, "simple");
    party p;
    memset(&p, 0, sizeof p);
    const char *source = NULL, *facts = NULL, *violation = NULL, *penalty = NULL;
    int64_t fine = 0;
    int rc = check_source(body, &source, err);
    if (rc == 0)
        rc = check_party(db, actor, body, &p, err);
    if (rc == 0)
        rc = sh_body_text(body, "facts", "违法事实", 10, 4000, &facts, err);
    if (rc == 0)
        rc = sh_body_text(body, "violation_code", "违法行为", 0, 20, &violation, err);
    if (rc == 0 && simple)
        rc = check_simple(body, &p, &fine, &penalty, err);
    if (rc)
        return rc;
    char today[11], due[11] = "", number[64] = "";
    sh_today(today);
    if (!simple && (rc = sh_workdays_add(db, today, CS_VERIFY_WD, due, err)) != 0)
        return rc;
    char payment_due[11] = "", publish_due[11] = "";
    if (simple && (rc = sh_workdays_add(db, today, CS_PUBLISH_WD, publish_due, err)) != 0)
        return rc;
    if (simple) {
        sh_deadline_rule r = {.days = CS_PAY_DAYS, .calendar_days = 1};
        sh_deadline d;
        if ((rc = sh_deadline_due(db, today, &r, NULL, 0, &d, err)) != 0)
            return rc;
        memcpy(payment_due, d.due, 11);
    }
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    if (simple)
        rc = cs_number_next(db, "simple", "当罚", (int)strtol(today, NULL, 10), number, err);
    int64_t id = 0;
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO cases(case_no, procedure, source, source_id, entity_id, party_kind, party_name, party_code,"
                                    " party_address, party_rep, division_code, facts, violation_code, status, clue_on, verify_due,"
                                    " penalty, fine_yuan, decided_on, served_on, service_method, payment_due, outcome, handler_id,"
                                    " created_by, created_at, updated_at, publish_due)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                    err);
        if (st) {
            int64_t now = sh_now_ms();
            json_t *sid = json_object_get(body, "source_id");
            sh_bind_text_or_null(st, 1, number);
            sh_bind_text(st, 2, procedure);
            sh_bind_text(st, 3, source);
            sh_bind_int64_or_null(st, 4, json_is_integer(sid) ? json_integer_value(sid) : 0);
            sh_bind_int64_or_null(st, 5, p.entity_id);
            sh_bind_text(st, 6, p.kind);
            sh_bind_text(st, 7, p.name);
            sh_bind_text_or_null(st, 8, p.code);
            sh_bind_text_or_null(st, 9, p.address);
            sh_bind_text_or_null(st, 10, p.rep);
            sh_bind_text(st, 11, p.division);
            sh_bind_text(st, 12, facts);
            sh_bind_text_or_null(st, 13, violation);
            sh_bind_text(st, 14, simple ? "served" : "clue");
            sh_bind_text(st, 15, today);
            sh_bind_text_or_null(st, 16, due);
            sh_bind_text_or_null(st, 17, penalty);
            sh_bind_int64_or_null(st, 18, fine);
            sh_bind_text_or_null(st, 19, simple ? today : NULL);
            sh_bind_text_or_null(st, 20, simple ? today : NULL);
            sh_bind_text_or_null(st, 21, simple ? "direct" : NULL);
            sh_bind_text_or_null(st, 22, payment_due);
            sh_bind_text_or_null(st, 23, simple ? "penalty" : NULL);
            sh_bind_int64_or_null(st, 24, actor->user_id);
            sh_bind_int64_or_null(st, 25, actor->user_id);
            sh_bind_int64(st, 26, now);
            sh_bind_int64(st, 27, now);
            sh_bind_text_or_null(st, 28, publish_due);
        }
        rc = sh_stmt_insert_id(st, &id, err);
    }
    if (rc == 0)
        rc = cs_log_step(db, actor, id, simple ? "decided_on_spot" : "clue", NULL, NULL, today, err);
    if (rc == 0 && simple && p.entity_id) /* a penalty on the spot weighs on the grade as any other */
        rc = sh_risk_regrade(db, p.entity_id, "penalty", NULL, err);
    if (rc == 0 && simple && p.entity_id)
        rc = sh_case_decided_notify(db, id, p.entity_id, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s, s:s}", "procedure", procedure, "source", source, "party_name", p.name);
        rc = sh_audit(db, actor, "create", "case", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_case_get(db, actor, id, ret, err);
}
