/* The shared mechanics of complaints: loading with the jurisdiction, the step log, deadlines, the
 * messages to the person (complaint_int.h). */
#include "domain/complaints/complaint_int.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/loop/outbox.h"
#include "store/qb.h"
#include "store/scope.h"

int cp_is_official(const sh_principal *actor)
{
    return actor && (actor->role == SH_ROLE_ADMIN || actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_TOWNSHIP);
}

#define ROW_COLS                                                                                                  \
    "c.id, coalesce(c.entity_id, 0), coalesce(c.handler_id, 0), coalesce(c.created_by, 0), coalesce(c.twin_id, 0)," \
    " c.kind, c.status, c.division_code, c.tracking_code, c.received_on, coalesce(c.due_on, ''),"                  \
    " coalesce(c.due_step, ''), coalesce(c.accepted_on, ''), coalesce(c.mediation_due, ''), c.verify_extended,"   \
    " c.person_phone IS NOT NULL, c.notify_by = 'sms', coalesce(c.outcome, '')"

static void row_read(sh_stmt *st, cp_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = sh_col_int64(st, 0);
    r->entity_id = sh_col_int64(st, 1);
    r->handler_id = sh_col_int64(st, 2);
    r->created_by = sh_col_int64(st, 3);
    r->twin_id = sh_col_int64(st, 4);
    snprintf(r->kind, sizeof r->kind, "%s", sh_col_text(st, 5));
    snprintf(r->status, sizeof r->status, "%s", sh_col_text(st, 6));
    snprintf(r->division_code, sizeof r->division_code, "%s", sh_col_text(st, 7));
    snprintf(r->tracking_code, sizeof r->tracking_code, "%s", sh_col_text(st, 8));
    snprintf(r->received_on, sizeof r->received_on, "%s", sh_col_text(st, 9));
    snprintf(r->due_on, sizeof r->due_on, "%s", sh_col_text(st, 10));
    snprintf(r->due_step, sizeof r->due_step, "%s", sh_col_text(st, 11));
    snprintf(r->accepted_on, sizeof r->accepted_on, "%s", sh_col_text(st, 12));
    snprintf(r->mediation_due, sizeof r->mediation_due, "%s", sh_col_text(st, 13));
    r->verify_extended = (int)sh_col_int64(st, 14);
    r->has_person = (int)sh_col_int64(st, 15);
    r->notify_sms = (int)sh_col_int64(st, 16);
    snprintf(r->outcome, sizeof r->outcome, "%s", sh_col_text(st, 17));
}

static int load(sh_db *db, const sh_principal *actor, int64_t id, cp_row *out, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " ROW_COLS " FROM complaints c WHERE c.id = ");
    sh_qb_int64(&qb, id);
    if (actor && actor->scope.kind != SH_SCOPE_ALL) {
        if (actor->scope.kind == SH_SCOPE_DIVISION)
            sh_qb_division_prefix(&qb, "c.division_code", actor->scope.prefix);
        else
            sh_qb_sql(&qb, " AND 1 = 0");
    }
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        row_read(st, out);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "id", "投诉举报不存在或不在您的管辖范围内 (no such complaint in your jurisdiction)");
}

int cp_load(sh_db *db, const sh_principal *actor, int64_t id, cp_row *out, sh_err *err)
{
    if (!cp_is_official(actor))
        return sh_fail(err, SH_ENOTFOUND, "id", "投诉举报不存在或不在您的管辖范围内 (no such complaint in your jurisdiction)");
    return load(db, actor, id, out, err);
}

int cp_load_any(sh_db *db, int64_t id, cp_row *out, sh_err *err)
{
    return load(db, NULL, id, out, err);
}

int cp_sees_person(const sh_principal *actor, const cp_row *r)
{
    if (strcmp(r->kind, "report") != 0)
        return 1;
    return actor && actor->user_id && (actor->user_id == r->handler_id || actor->user_id == r->created_by);
}

int cp_log_step(sh_db *db, const sh_principal *actor, int64_t id, const char *step, const char *note,
                const char *public_note, const char *due, const char *done_on, sh_err *err)
{
    int late = due && *due && strcmp(done_on, due) > 0;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO complaint_steps(complaint_id, step, note, public_note, due_on, done_on, late,"
                                " actor_id, actor_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                err);
    if (st) {
        sh_bind_int64(st, 1, id);
        sh_bind_text(st, 2, step);
        sh_bind_text_or_null(st, 3, note);
        sh_bind_text_or_null(st, 4, public_note);
        sh_bind_text_or_null(st, 5, due);
        sh_bind_text(st, 6, done_on);
        sh_bind_int64(st, 7, late);
        sh_bind_int64_or_null(st, 8, actor ? actor->user_id : 0);
        sh_bind_text(st, 9, actor && actor->user_id ? actor->display_name : (actor ? "系统" : "公众"));
        sh_bind_int64(st, 10, sh_now_ms());
    }
    return sh_stmt_run(st, err);
}

int cp_notify(sh_db *db, int64_t id, const char *text, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT person_phone, tracking_code, kind FROM complaints WHERE id = ? AND notify_by = 'sms'"
                                " AND person_phone IS NOT NULL",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    json_t *payload = NULL;
    if (rc == SH_ROW)
        payload = json_pack("{s:I, s:s, s:s, s:s, s:s}", "complaint_id", (json_int_t)id, "phone", sh_col_text(st, 0),
                            "tracking_code", sh_col_text(st, 1), "kind", sh_col_text(st, 2), "text", text);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!payload)
        return 0;
    rc = sh_outbox_add(db, 0, "complaint.notify", payload, NULL, err);
    json_decref(payload);
    return rc;
}

int cp_workdays_left(sh_db *db, const char *today, const char *due, int *ret, sh_err *err)
{
    if (!sh_date_valid(today, NULL, NULL, NULL) || !sh_date_valid(due, NULL, NULL, NULL))
        return sh_fail(err, SH_EINTERNAL, "due_on", "bad date");
    int64_t t = sh_date_days(today), d = sh_date_days(due);
    if (d < t) {
        *ret = (int)(d - t);
        return 0;
    }
    int n = 0;
    for (int64_t day = t + 1; day <= d; day++) {
        char s[11];
        sh_date_of_days(day, s);
        int work = 0;
        int rc = sh_is_workday(db, s, &work, err);
        if (rc)
            return rc;
        n += work;
    }
    *ret = n;
    return 0;
}

static const char *const KINDS[][2] = {{"complaint", "投诉"}, {"report", "举报"}, {"opinion", "舆情"}};
static const char *const CATEGORIES[][2] = {
    {"food_quality", "食品质量"},   {"expired", "过期变质"},     {"foreign_matter", "异物"},
    {"hygiene", "卫生环境"},        {"illness", "食用后身体不适"}, {"labelling", "标签标识"},
    {"additive", "违规添加"},       {"no_licence", "无证经营"},   {"false_claim", "虚假宣传"},
    {"other", "其他"},
};
static const char *const STATUSES[][2] = {
    {"registered", "已登记"}, {"dispatched", "已分派"}, {"disputed", "管辖争议"}, {"accepted", "已受理"},
    {"mediating", "调解中"},  {"terminated", "终止调解"}, {"verifying", "核查中"},  {"decided", "已作出决定"},
    {"closed", "已办结"},
};

#define LOOKUP(table, key)                                                 \
    for (size_t i = 0; key && i < sizeof table / sizeof table[0]; i++)     \
        if (!strcmp(table[i][0], key))                                      \
            return table[i][1];                                             \
    return NULL

const char *cp_kind_zh(const char *kind) { LOOKUP(KINDS, kind); }
const char *cp_category_zh(const char *category) { LOOKUP(CATEGORIES, category); }
const char *cp_status_zh(const char *status) { LOOKUP(STATUSES, status); }

void cp_tracking_code(char out[16])
{
    /* TS and 8 characters without look-alikes (0/O, 1/I): read out over the phone, typed on a phone */
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    memcpy(out, "TS", 2);
    for (int i = 0; i < 8; i++)
        out[2 + i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[10] = '\0';
}

const char *sh_complaint_category_of(const char *text)
{
    for (size_t i = 0; text && i < sizeof CATEGORIES / sizeof CATEGORIES[0]; i++)
        if (!strcmp(text, CATEGORIES[i][0]) || !strcmp(text, CATEGORIES[i][1]))
            return CATEGORIES[i][0];
    return "other";
}
