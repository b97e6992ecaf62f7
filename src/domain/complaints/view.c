/* A complaint as an official sees it, and the list (complaint.h). */
#include "domain/complaints/complaint.h"

#include <stdio.h>
#include <string.h>

#include "domain/base/calendar.h"
#include "domain/complaints/complaint_int.h"
#include "domain/loop/attachment.h"
#include "store/qb.h"
#include "store/rows.h"
#include "store/scope.h"

#define OPT_TEXT(st, c) (sh_col_is_null(st, c) ? json_null() : json_string(sh_col_text(st, c)))
#define OPT_INT(st, c) (sh_col_is_null(st, c) ? json_null() : json_integer(sh_col_int64(st, c)))

#define DETAIL_COLS                                                                                          \
    "c.id, c.kind, c.channel, c.tracking_code, c.twin_id, c.external_no, c.entity_id, c.respondent_name,"  \
    " c.respondent_address, c.division_code, coalesce(d.name, ''), c.category, c.facts, c.request,"         \
    " c.occurred_on, c.person_name, c.person_phone, c.person_address, c.notify_by, c.source_name,"          \
    " c.source_url, c.status, c.received_on, c.due_on, c.due_step, c.due_basis, c.accepted_on,"             \
    " c.mediation_due, c.verify_extended, c.outcome, c.outcome_note, c.reject_reason, c.handler_id,"        \
    " coalesce(u.display_name, ''), c.reward_yuan, c.reward_note, c.rating, c.rating_comment, c.closed_on," \
    " c.created_at, c.updated_at"
#define DETAIL_FROM                                                                 \
    " FROM complaints c LEFT JOIN divisions d ON d.code = c.division_code"          \
    " LEFT JOIN users u ON u.id = c.handler_id"

/* The deadline of the open step: {due_on, due_step, basis, workdays_left, overdue, provisional}. */
static json_t *deadline_json(sh_db *db, const char *received, const char *due, const char *step, const char *basis,
                             const char *status)
{
    if (!due || !*due || !strcmp(status, "closed"))
        return json_null();
    char today[11];
    sh_today(today);
    int left = 0, final = 1, first = 0;
    if (cp_workdays_left(db, today, due, &left, NULL) != 0)
        left = 0;
    sh_calendar_years_final(db, received, due, &final, &first, NULL);
    json_t *o = json_pack("{s:s, s:s, s:s?, s:i, s:b, s:b}", "due_on", due, "step", step, "basis", basis, "workdays_left",
                          left, "overdue", strcmp(today, due) > 0, "provisional", !final);
    if (!final)
        json_object_set_new(o, "provisional_year", json_integer(first));
    return o;
}

static json_t *steps_json(sh_db *db, int64_t id)
{
    json_t *arr = json_array();
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT step, note, public_note, due_on, done_on, late, actor_name, at FROM complaint_steps"
                                " WHERE complaint_id = ? ORDER BY id",
                                NULL);
    if (!st)
        return arr;
    sh_bind_int64(st, 1, id);
    while (sh_stmt_step(st, NULL) == SH_ROW)
        json_array_append_new(arr, json_pack("{s:s, s:o, s:o, s:o, s:s, s:b, s:s, s:I}", "step", sh_col_text(st, 0), "note",
                                             OPT_TEXT(st, 1), "public_note", OPT_TEXT(st, 2), "due_on", OPT_TEXT(st, 3),
                                             "done_on", sh_col_text(st, 4), "late", (int)sh_col_int64(st, 5), "actor",
                                             sh_col_text(st, 6), "at", (json_int_t)sh_col_int64(st, 7)));
    sh_stmt_done(st);
    return arr;
}

int sh_complaint_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    cp_row r;
    int rc = cp_load(db, actor, id, &r, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT " DETAIL_COLS DETAIL_FROM " WHERE c.id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    if ((rc = sh_stmt_step(st, err)) != SH_ROW) {
        sh_stmt_done(st);
        return rc < 0 ? rc : sh_fail(err, SH_ENOTFOUND, "id", "投诉举报不存在 (no such complaint)");
    }
    const char *kind = sh_col_text(st, 1), *status = sh_col_text(st, 21), *category = sh_col_text(st, 11);
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:s, s:s, s:s, s:s?, s:s, s:o, s:o}",
                          "id", (json_int_t)id, "kind", kind, "kind_label", cp_kind_zh(kind), "channel", sh_col_text(st, 2),
                          "tracking_code", sh_col_text(st, 3), "twin_id", OPT_INT(st, 4), "external_no", OPT_TEXT(st, 5),
                          "entity_id", OPT_INT(st, 6), "respondent_name", sh_col_text(st, 7), "respondent_address",
                          OPT_TEXT(st, 8), "division_code", sh_col_text(st, 9), "division_name", sh_col_text(st, 10),
                          "category", category, "category_label", cp_category_zh(category), "facts", sh_col_text(st, 12),
                          "request", OPT_TEXT(st, 13), "occurred_on", OPT_TEXT(st, 14));
    if (cp_sees_person(actor, &r)) {
        json_t *person = sh_col_is_null(st, 15) && sh_col_is_null(st, 16)
                             ? json_null()
                             : json_pack("{s:o, s:o, s:o}", "name", OPT_TEXT(st, 15), "phone", OPT_TEXT(st, 16), "address",
                                         OPT_TEXT(st, 17));
        json_object_set_new(o, "person", person);
    } else {
        json_object_set_new(o, "person_hidden", json_true()); /* a reporter's identity: the handler's alone */
    }
    json_object_set_new(o, "real_name", json_boolean(r.has_person));
    json_object_set_new(o, "notify_by", json_string(sh_col_text(st, 18)));
    json_object_set_new(o, "source_name", OPT_TEXT(st, 19));
    json_object_set_new(o, "source_url", OPT_TEXT(st, 20));
    json_object_set_new(o, "status", json_string(status));
    json_object_set_new(o, "status_label", json_string(cp_status_zh(status) ? cp_status_zh(status) : status));
    json_object_set_new(o, "received_on", json_string(sh_col_text(st, 22)));
    json_object_set_new(o, "deadline", deadline_json(db, sh_col_text(st, 22), sh_col_text(st, 23), sh_col_text(st, 24),
                                                     sh_col_is_null(st, 25) ? NULL : sh_col_text(st, 25), status));
    json_object_set_new(o, "accepted_on", OPT_TEXT(st, 26));
    json_object_set_new(o, "mediation_due", OPT_TEXT(st, 27));
    json_object_set_new(o, "verify_extended", json_boolean(sh_col_int64(st, 28)));
    json_object_set_new(o, "outcome", OPT_TEXT(st, 29));
    json_object_set_new(o, "outcome_note", OPT_TEXT(st, 30));
    json_object_set_new(o, "reject_reason", OPT_TEXT(st, 31));
    json_object_set_new(o, "handler_id", OPT_INT(st, 32));
    json_object_set_new(o, "handler_name", json_string(sh_col_text(st, 33)));
    json_object_set_new(o, "reward_yuan", OPT_INT(st, 34));
    json_object_set_new(o, "reward_note", OPT_TEXT(st, 35));
    json_object_set_new(o, "rating", OPT_INT(st, 36));
    json_object_set_new(o, "rating_comment", OPT_TEXT(st, 37));
    json_object_set_new(o, "closed_on", OPT_TEXT(st, 38));
    json_object_set_new(o, "created_at", json_integer(sh_col_int64(st, 39)));
    json_object_set_new(o, "updated_at", json_integer(sh_col_int64(st, 40)));
    sh_stmt_done(st);
    json_object_set_new(o, "steps", steps_json(db, id));
    json_object_set_new(o, "photos", sh_attachments_of(db, "complaint", id));
    *ret = o;
    return 0;
}

#define LIST_COLS                                                                                          \
    "c.id, c.kind, c.tracking_code, c.respondent_name, c.entity_id, c.division_code, coalesce(d.name, ''),"  \
    " c.category, c.status, c.received_on, c.due_on, c.due_step, c.channel, c.outcome, c.rating,"           \
    " coalesce(u.display_name, '')"

static json_t *list_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    const char *kind = sh_col_text(st, 1), *status = sh_col_text(st, 8), *category = sh_col_text(st, 7);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:o, s:o, s:s}", "id",
                     (json_int_t)sh_col_int64(st, 0), "kind", kind, "kind_label", cp_kind_zh(kind), "tracking_code",
                     sh_col_text(st, 2), "respondent_name", sh_col_text(st, 3), "entity_id", OPT_INT(st, 4), "division_code",
                     sh_col_text(st, 5), "division_name", sh_col_text(st, 6), "category", category, "category_label",
                     cp_category_zh(category), "status", status, "status_label", cp_status_zh(status) ? cp_status_zh(status) : status,
                     "received_on", sh_col_text(st, 9), "due_on", strcmp(status, "closed") ? OPT_TEXT(st, 10) : json_null(),
                     "due_step", OPT_TEXT(st, 11), "channel", sh_col_text(st, 12), "outcome", OPT_TEXT(st, 13), "rating",
                     OPT_INT(st, 14), "handler_name", sh_col_text(st, 15));
}

struct list_where {
    const sh_principal *actor;
    const sh_complaint_filter *f;
    const char *today;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    const sh_principal *actor = w->actor;
    const sh_complaint_filter *f = w->f;
    const char *today = w->today;
    sh_qb_sql(qb, DETAIL_FROM);
    sh_qb_sql(qb, " WHERE 1 = 1");
    sh_scope_division_column(qb, &actor->scope, "c.division_code");
    if (f->kind) {
        sh_qb_sql(qb, " AND c.kind = ");
        sh_qb_text(qb, f->kind);
    }
    if (f->status) {
        sh_qb_sql(qb, " AND c.status = ");
        sh_qb_text(qb, f->status);
    }
    if (f->open)
        sh_qb_sql(qb, " AND c.status <> 'closed'");
    if (f->division_code) {
        char prefix[13];
        sh_division_prefix(f->division_code, prefix);
        sh_qb_division_prefix(qb, "c.division_code", prefix);
    }
    if (f->entity_id) {
        sh_qb_sql(qb, " AND c.entity_id = ");
        sh_qb_int64(qb, f->entity_id);
    }
    if (f->overdue) {
        sh_qb_sql(qb, " AND c.status <> 'closed' AND c.due_on < ");
        sh_qb_text(qb, today);
    }
    if (f->q) {
        /* the words as typed: % and _ are no wildcards here */
        char like[420];
        size_t n = 0;
        like[n++] = '%';
        for (const char *p = f->q; *p && n < sizeof like - 3; p++) {
            if (*p == '%' || *p == '_' || *p == '\\')
                like[n++] = '\\';
            like[n++] = *p;
        }
        like[n++] = '%';
        like[n] = '\0';
        sh_qb_sql(qb, " AND (c.tracking_code = ");
        sh_qb_text(qb, f->q);
        sh_qb_sql(qb, " OR c.respondent_name LIKE ");
        sh_qb_text(qb, like);
        sh_qb_sql(qb, " ESCAPE '\\' OR c.facts LIKE ");
        sh_qb_text(qb, like);
        sh_qb_sql(qb, " ESCAPE '\\')");
    }
}

int sh_complaints_list(sh_db *db, const sh_principal *actor, const sh_complaint_filter *f, json_t **ret, sh_err *err)
{
    if (!cp_is_official(actor))
        return sh_fail(err, SH_EPERM, "", "投诉举报由县局、乡镇（街道）监管人员办理 (complaints are handled by county and township officials)");
    if (f->limit < 1 || f->limit > 100)
        return sh_fail(err, SH_EINVAL, "limit", "应为1-100 (limit must be 1-100)");
    if (f->kind && !cp_kind_zh(f->kind))
        return sh_fail(err, SH_EINVAL, "kind", "类型：应为投诉、举报或舆情 (kind must be complaint, report or opinion)");
    if (f->status && !cp_status_zh(f->status))
        return sh_fail(err, SH_EINVAL, "status", "状态：不是可选的状态 (status is not one of the states)");
    if (f->q && strlen(f->q) > 100)
        return sh_fail(err, SH_EINVAL, "q", "关键词：最多100个字节 (q is too long)");
    char today[11];
    sh_today(today);
    struct list_where w = {actor, f, today};
    /* open ones first, the nearest deadline first; then the newest */
    sh_page_query q = {LIST_COLS, list_from_where, &w,
                       " ORDER BY CASE WHEN c.status = 'closed' THEN 1 ELSE 0 END, CASE WHEN c.status = 'closed' THEN '' ELSE c.due_on END,"
                       " c.id DESC",
                       f->limit, f->offset, list_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}
