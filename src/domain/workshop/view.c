/* An application as the console and the applicant see it, and the lists of the review queues. */
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "domain/base/calendar.h"
#include "domain/loop/attachment.h"
#include "domain/workshop/catalogue.h"
#include "domain/workshop/workshop.h"
#include "domain/workshop/ws_int.h"
#include "store/scope.h"

#define OPT_TEXT(st, c) (sh_col_is_null(st, c) ? json_null() : json_string(sh_col_text(st, c)))

#define APP_COLS                                                                                                           \
    "a.id, a.kind, a.status, a.entity_id, a.division_code, d.name, a.name, a.operator, a.phone, a.address, a.uscc,"       \
    " a.products, a.note, a.submitted_on, a.review_due, a.issue_due, a.due_provisional, a.overdue_at, a.review_note,"     \
    " a.cert_id, c.cert_no, c.valid_until, c.status, a.created_at"
#define APP_FROM                                                                                                          \
    " FROM workshop_applications a JOIN divisions d ON d.code = a.division_code LEFT JOIN workshop_certs c ON c.id = a.cert_id"

/* The deadline running now: the review while submitted, the issuance while accepted. */
static const char *running_due(const char *status, const char *review_due, const char *issue_due)
{
    if (!strcmp(status, "submitted"))
        return review_due;
    if (!strcmp(status, "accepted"))
        return issue_due;
    return NULL;
}

static json_t *app_row(sh_stmt *st, void *ctx)
{
    const char *today = ctx, *kind = sh_col_text(st, 1), *status = sh_col_text(st, 2);
    json_t *products = json_loads(sh_col_text(st, 11), 0, NULL);
    size_t i;
    json_t *p;
    json_array_foreach(products, i, p) {
        const char *cn = sh_ws_catalogue_name(json_string_value(json_object_get(p, "code")));
        json_object_set_new(p, "catalogue_name", cn ? json_string(cn) : json_null());
    }
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:I}", "id",
                          (json_int_t)sh_col_int64(st, 0), "kind", kind, "kind_label", ws_kind_label(kind), "status", status, "status_label",
                          ws_status_label(status), "entity_id", sh_col_is_null(st, 3) ? json_null() : json_integer(sh_col_int64(st, 3)),
                          "division_code", sh_col_text(st, 4), "division_name", sh_col_text(st, 5), "name", sh_col_text(st, 6), "operator",
                          sh_col_text(st, 7), "phone", sh_col_text(st, 8), "address", sh_col_text(st, 9), "uscc", OPT_TEXT(st, 10),
                          "products", products ? products : json_array(), "note", OPT_TEXT(st, 12), "review_due", OPT_TEXT(st, 14),
                          "issue_due", OPT_TEXT(st, 15), "due_provisional", (int)sh_col_int64(st, 16), "review_note", OPT_TEXT(st, 18),
                          "created_at", (json_int_t)sh_col_int64(st, 23));
    json_object_set_new(o, "submitted_on", json_string(sh_col_text(st, 13)));
    const char *due = running_due(status, sh_col_is_null(st, 14) ? "" : sh_col_text(st, 14), sh_col_is_null(st, 15) ? "" : sh_col_text(st, 15));
    if (due && *due) {
        json_object_set_new(o, "due", json_string(due));
        json_object_set_new(o, "days_left", json_integer(sh_date_days(due) - sh_date_days(today)));
        json_object_set_new(o, "overdue", json_boolean(strcmp(today, due) > 0));
    } else {
        json_object_set_new(o, "due", json_null());
        json_object_set_new(o, "overdue", json_false());
    }
    json_object_set_new(o, "marked_overdue", json_boolean(!sh_col_is_null(st, 17)));
    if (!sh_col_is_null(st, 19))
        json_object_set_new(o, "cert", json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)sh_col_int64(st, 19), "cert_no", sh_col_text(st, 20),
                                                 "valid_until", sh_col_text(st, 21), "status", sh_col_text(st, 22)));
    else
        json_object_set_new(o, "cert", json_null());
    return o;
}

static json_t *step_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:o, s:o, s:b, s:o, s:I}", "action", sh_col_text(st, 0), "note", OPT_TEXT(st, 1), "due", OPT_TEXT(st, 2), "late",
                     (int)sh_col_int64(st, 3), "by", OPT_TEXT(st, 4), "at", (json_int_t)sh_col_int64(st, 5));
}

int ws_view(sh_db *db, int64_t id, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_stmt *st = sh_db_prepare(db, "SELECT " APP_COLS APP_FROM " WHERE a.id = ?", err);
    if (st)
        sh_bind_int64(st, 1, id);
    json_t *rows = json_array();
    int rc = sh_rows_append(st, app_row, today, rows, err);
    json_t *o = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    if (rc == 0 && !o)
        rc = sh_fail(err, SH_ENOTFOUND, "id", "登记申请不存在 (no such application)");
    if (rc == 0) {
        json_t *steps = json_array();
        st = sh_db_prepare(db,
                           "SELECT s.action, s.note, s.due, s.late, u.display_name, s.at FROM workshop_app_steps s"
                           " LEFT JOIN users u ON u.id = s.user_id WHERE s.application_id = ? ORDER BY s.id",
                           err);
        if (st)
            sh_bind_int64(st, 1, id);
        rc = sh_rows_append(st, step_row, NULL, steps, err);
        json_object_set_new(o, "steps", steps);
        json_object_set_new(o, "attachments", sh_attachments_of(db, "workshop_app", id));
    }
    if (rc)
        json_decref(o);
    else
        *ret = o;
    return rc;
}

struct list_where {
    const sh_principal *actor;
    const sh_ws_filter *f;
    const char *today;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    const sh_principal *actor = w->actor;
    sh_qb_sql(qb, APP_FROM " WHERE 1 = 1");
    if (actor->role == SH_ROLE_BUSINESS) {
        sh_qb_sql(qb, " AND a.entity_id = ");
        sh_qb_int64(qb, actor->entity_id > 0 ? actor->entity_id : -1);
    } else {
        sh_scope_division_column(qb, &actor->scope, "a.division_code");
    }
    if (w->f->status) {
        sh_qb_sql(qb, " AND a.status = ");
        sh_qb_text(qb, w->f->status);
    }
    if (w->f->kind) {
        sh_qb_sql(qb, " AND a.kind = ");
        sh_qb_text(qb, w->f->kind);
    }
    if (w->f->overdue) {
        sh_qb_sql(qb, " AND ((a.status = 'submitted' AND a.review_due < ");
        sh_qb_text(qb, w->today);
        sh_qb_sql(qb, ") OR (a.status = 'accepted' AND a.issue_due < ");
        sh_qb_text(qb, w->today);
        sh_qb_sql(qb, "))");
    }
}

int sh_ws_apps_list(sh_db *db, const sh_principal *actor, const sh_ws_filter *f, const sh_page *page, json_t **ret, sh_err *err)
{
    static const char *const statuses[] = {"submitted", "returned", "accepted", "refused", "issued"};
    static const char *const kinds[] = {"new", "change", "renew", "cancel"};
    int ok = !f->status;
    for (int i = 0; !ok && i < 5; i++)
        ok = !strcmp(f->status, statuses[i]);
    if (!ok)
        return sh_fail(err, SH_EINVAL, "status", "状态应为submitted、returned、accepted、refused或issued (unknown status)");
    ok = !f->kind;
    for (int i = 0; !ok && i < 4; i++)
        ok = !strcmp(f->kind, kinds[i]);
    if (!ok)
        return sh_fail(err, SH_EINVAL, "kind", "申请类型应为new、change、renew或cancel (unknown kind)");
    char today[11];
    sh_today(today);
    struct list_where w = {actor, f, today};
    sh_page_query q = {APP_COLS, list_from_where, &w,
                       " ORDER BY CASE WHEN a.status IN ('submitted', 'accepted') THEN 0 WHEN a.status = 'returned' THEN 1 ELSE 2 END,"
                       " CASE WHEN a.status = 'submitted' THEN a.review_due WHEN a.status = 'accepted' THEN a.issue_due ELSE '' END, a.id DESC",
                       page->limit, page->offset, app_row, today};
    return sh_rows_page(db, &q, ret, err);
}
