/* The township's on-site review, the county's issuance (certificate, registry entity, products) or
 * closing, and the sweep of passed deadlines. Each step moves an application only from the status it
 * expects (UPDATE … WHERE status = …), so two hands cannot move it twice. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/loop/outbox.h"
#include "domain/registry/entity.h"
#include "domain/workshop/catalogue.h"
#include "domain/workshop/workshop.h"
#include "domain/workshop/ws_int.h"

/* Moves id from status `from` with the UPDATE's tail; SH_EEXIST when someone moved it first. */
static int move(sh_db *db, sh_stmt *st, sh_err *err)
{
    int rc = sh_stmt_run(st, err);
    if (rc == 0 && sh_db_changes(db) != 1)
        rc = sh_fail(err, SH_EEXIST, "status", "申请状态已变化，请刷新 (the application moved on: reload)");
    return rc;
}

/* A message to the applicant's phone through the outbox (no business: only the administrator's
 * gateway reads it): the application, its status and the note, the certificate's number when issued. */
static int tell_applicant(sh_db *db, int64_t id, const char *topic, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT a.phone, a.name, a.status, a.review_note, c.cert_no FROM workshop_applications a"
                                " LEFT JOIN workshop_certs c ON c.id = a.cert_id WHERE a.id = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    json_t *payload = NULL;
    if (rc == SH_ROW)
        payload = json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?}", "application_id", (json_int_t)id, "phone", sh_col_text(st, 0), "name",
                            sh_col_text(st, 1), "status", ws_status_label(sh_col_text(st, 2)), "note",
                            sh_col_is_null(st, 3) ? NULL : sh_col_text(st, 3), "cert_no", sh_col_is_null(st, 4) ? NULL : sh_col_text(st, 4));
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    rc = payload ? sh_outbox_add(db, 0, topic, payload, NULL, err) : 0;
    json_decref(payload);
    return rc;
}

int sh_ws_app_review(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    ws_app a;
    int own, rc = sh_db_join(db, &own, err);
    if (rc)
        return rc;
    const char *decision = NULL, *note = NULL;
    if ((rc = ws_load(db, actor, id, NULL, &a, err)) == 0 && actor->role != SH_ROLE_TOWNSHIP && actor->role != SH_ROLE_COUNTY &&
        actor->role != SH_ROLE_ADMIN)
        rc = sh_fail(err, SH_EPERM, "", "现场核查由乡镇（街道）或县局办理 (the township reviews)");
    if (rc == 0 && !json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    if (rc == 0) {
        decision = json_string_value(json_object_get(body, "decision"));
        if (!decision || (strcmp(decision, "accept") && strcmp(decision, "return") && strcmp(decision, "refuse")))
            rc = sh_fail(err, SH_EINVAL, "decision", "请选择核查结论：通过、退回补正或不予登记 (accept, return or refuse)");
    }
    if (rc == 0)
        rc = sh_body_text(body, "note", "核查意见", strcmp(decision, "accept") ? 2 : 0, 500, &note, err);
    if (rc == 0 && strcmp(a.status, "submitted") != 0)
        rc = sh_fail(err, SH_EEXIST, "status", "只有待审查的申请可以核查（当前：%s） (only a submitted application is reviewed)", ws_status_label(a.status));
    char issue_due[11] = "";
    int provisional = 0;
    if (rc == 0 && !strcmp(decision, "accept"))
        rc = ws_due(db, "workshop_issue_days", 5, issue_due, &provisional, err);
    if (rc == 0) {
        static const char *const to[][2] = {{"accept", "accepted"}, {"return", "returned"}, {"refuse", "refused"}};
        const char *status = "";
        for (int i = 0; i < 3; i++)
            if (!strcmp(to[i][0], decision))
                status = to[i][1];
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE workshop_applications SET status = ?, review_note = ?, reviewed_by = ?, reviewed_at = ?,"
                                    " issue_due = ?, due_provisional = CASE WHEN ? = 1 THEN 1 ELSE due_provisional END, overdue_at = NULL,"
                                    " updated_at = ? WHERE id = ? AND status = 'submitted'",
                                    err);
        if (st) {
            sh_bind_text(st, 1, status);
            sh_bind_text_or_null(st, 2, note);
            sh_bind_int64_or_null(st, 3, actor->user_id);
            sh_bind_int64(st, 4, sh_now_ms());
            sh_bind_text_or_null(st, 5, *issue_due ? issue_due : NULL);
            sh_bind_int64(st, 6, provisional);
            sh_bind_int64(st, 7, sh_now_ms());
            sh_bind_int64(st, 8, id);
        }
        rc = st ? move(db, st, err) : SH_EINTERNAL;
        if (rc == 0)
            rc = ws_step(db, actor, id, decision, note, a.review_due, err);
        if (rc == 0)
            rc = tell_applicant(db, id, "workshop.reviewed", err);
        if (rc == 0) {
            json_t *before = json_pack("{s:s}", "status", a.status), *after = json_pack("{s:s, s:s?}", "status", status, "note", note);
            rc = sh_audit(db, actor, "review", "workshop_application", id, before, after, err);
            json_decref(before);
            json_decref(after);
        }
    }
    if ((rc = sh_db_leave(db, own, rc, err)) != 0)
        return rc;
    return ws_view(db, id, ret, err);
}

/* The application's data as filed: fields and products. */
struct filed {
    char *name, *operator, *phone, *address, *uscc, *division;
    json_t *products;
};

static void filed_release(struct filed *f)
{
    free(f->name), free(f->operator), free(f->phone), free(f->address), free(f->uscc), free(f->division);
    json_decref(f->products);
}

static char *dup_col(sh_stmt *st, int c) { return sh_col_is_null(st, c) ? NULL : strdup(sh_col_text(st, c)); }

static int read_filed(sh_db *db, int64_t id, struct filed *f, sh_err *err)
{
    memset(f, 0, sizeof *f);
    sh_stmt *st = sh_db_prepare(db, "SELECT name, operator, phone, address, uscc, division_code, products FROM workshop_applications WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        f->name = dup_col(st, 0), f->operator = dup_col(st, 1), f->phone = dup_col(st, 2), f->address = dup_col(st, 3);
        f->uscc = dup_col(st, 4), f->division = dup_col(st, 5);
        f->products = json_loads(sh_col_text(st, 6), 0, NULL);
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* The categories of the registry: the catalogue names of the products, once each. */
static char *categories_of(const json_t *products)
{
    json_t *cats = json_array();
    size_t i, j;
    json_t *p, *c;
    json_array_foreach(products, i, p) {
        const char *cn = sh_ws_catalogue_name(json_string_value(json_object_get(p, "code")));
        int seen = !cn;
        json_array_foreach(cats, j, c) seen |= cn && !strcmp(json_string_value(c), cn);
        if (!seen)
            json_array_append_new(cats, json_string(cn));
    }
    char *s = json_dumps(cats, JSON_COMPACT);
    json_decref(cats);
    return s;
}

static int replace_products(sh_db *db, int64_t entity_id, const json_t *products, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "UPDATE workshop_products SET active = 0 WHERE entity_id = ? AND active = 1", err);
    if (st)
        sh_bind_int64(st, 1, entity_id);
    int rc = sh_stmt_run(st, err);
    size_t i;
    json_t *p;
    json_array_foreach(products, i, p) {
        if (rc)
            break;
        st = sh_db_prepare(db, "INSERT INTO workshop_products(entity_id, catalogue_code, name, active, created_at) VALUES (?, ?, ?, 1, ?)", err);
        if (st) {
            sh_bind_int64(st, 1, entity_id);
            sh_bind_text(st, 2, json_string_value(json_object_get(p, "code")));
            sh_bind_text(st, 3, json_string_value(json_object_get(p, "name")));
            sh_bind_int64(st, 4, sh_now_ms());
        }
        rc = sh_stmt_run(st, err);
    }
    return rc;
}

/* The code under the certificate's QR: 12 characters without look-alikes. */
static void mint_code(char code[13])
{
    for (int i = 0; i < 12; i++)
        code[i] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"[randombytes_uniform(32)];
    code[12] = '\0';
}

/* A workshop registered before the platform (a workshop_reg number on the registry, no certificate on
 * file) gets its certificate row at its first change, renewal or cancellation: the number and validity
 * the registry holds, issued_on the day the platform took it over. */
static int adopt(sh_db *db, const ws_app *a, int64_t *ret_cert, char until[11], sh_err *err)
{
    char today[11], code[13];
    sh_today(today);
    mint_code(code);
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO workshop_certs(cert_no, entity_id, division_code, application_id, issued_on, valid_until, status,"
                                " verify_code, created_at) SELECT licence_no, id, division_code, ?, ?, COALESCE(licence_valid_until, ?), 'valid', ?, ?"
                                " FROM entities WHERE id = ? AND kind = 'workshop' AND licence_kind = 'workshop_reg' AND licence_no IS NOT NULL"
                                " AND status <> 'closed' RETURNING id, valid_until",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, a->id);
    sh_bind_text(st, 2, today);
    sh_bind_text(st, 3, today);
    sh_bind_text(st, 4, code);
    sh_bind_int64(st, 5, sh_now_ms());
    sh_bind_int64(st, 6, a->entity_id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        *ret_cert = sh_col_int64(st, 0);
        snprintf(until, 11, "%s", sh_col_text(st, 1));
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* new: the registry entity, the certificate and the products. */
static int issue_new(sh_db *db, const sh_principal *actor, int64_t id, const struct filed *f, int64_t *ret_cert, int64_t *ret_entity,
                     sh_err *err)
{
    char no[128], today[11], until[11], code[13];
    sh_today(today);
    sh_date_validity_end(today, sh_setting_int(db, "workshop_valid_years", 3), until);
    int rc = ws_next_cert_no(db, no, err);
    if (rc)
        return rc;
    char *cats = categories_of(f->products);
    sh_entity e;
    sh_entity_init(&e);
    sh_entity_set(&e, EF_KIND, "workshop");
    sh_entity_set(&e, EF_NAME, f->name);
    sh_entity_set(&e, EF_USCC, f->uscc);
    sh_entity_set(&e, EF_LICENCE_KIND, "workshop_reg");
    sh_entity_set(&e, EF_LICENCE_NO, no);
    sh_entity_set(&e, EF_LICENCE_VALID_UNTIL, until);
    sh_entity_set(&e, EF_ADDRESS, f->address);
    sh_entity_set(&e, EF_DIVISION_CODE, f->division);
    sh_entity_set(&e, EF_SCALE, "micro");
    sh_entity_set(&e, EF_CATEGORIES, cats);
    sh_entity_set(&e, EF_LEGAL_REP, f->operator);
    sh_entity_set(&e, EF_LEGAL_REP_PHONE, f->phone);
    free(cats);
    rc = sh_entity_create(db, actor, &e, ret_entity, err);
    sh_entity_release(&e);
    mint_code(code);
    sh_stmt *st = NULL;
    if (rc == 0 &&
        (st = sh_db_prepare(db,
                            "INSERT INTO workshop_certs(cert_no, entity_id, division_code, application_id, issued_on, valid_until, status,"
                            " verify_code, created_at) VALUES (?, ?, ?, ?, ?, ?, 'valid', ?, ?) RETURNING id",
                            err)) != NULL) {
        sh_bind_text(st, 1, no);
        sh_bind_int64(st, 2, *ret_entity);
        sh_bind_text(st, 3, f->division);
        sh_bind_int64(st, 4, id);
        sh_bind_text(st, 5, today);
        sh_bind_text(st, 6, until);
        sh_bind_text(st, 7, code);
        sh_bind_int64(st, 8, sh_now_ms());
        rc = sh_stmt_insert_id(st, ret_cert, err);
    } else if (rc == 0) {
        rc = SH_EINTERNAL;
    }
    if (rc == 0)
        rc = replace_products(db, *ret_entity, f->products, err);
    return rc;
}

/* change, renew, cancel: the registered workshop's entity, certificate and products follow. */
static int issue_follow(sh_db *db, const sh_principal *actor, const ws_app *a, const struct filed *f, int64_t *ret_cert, const char *note,
                        sh_err *err)
{
    char today[11], until[11] = "";
    sh_today(today);
    int64_t cert = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT id, valid_until FROM workshop_certs WHERE entity_id = ? AND status = 'valid'", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, a->entity_id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        cert = sh_col_int64(st, 0);
        snprintf(until, sizeof until, "%s", sh_col_text(st, 1));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!cert && (rc = adopt(db, a, &cert, until, err)) != 0)
        return rc;
    if (!cert)
        return sh_fail(err, SH_EEXIST, "entity_id", "该作坊已无有效登记证 (no valid certificate any more)");
    *ret_cert = cert;
    if (!strcmp(a->kind, "cancel")) {
        if ((st = sh_db_prepare(db,
                                "UPDATE workshop_certs SET status = 'cancelled', cancelled_on = ?, cancel_reason = ? WHERE id = ? AND status = 'valid'",
                                err)) != NULL) {
            sh_bind_text(st, 1, today);
            sh_bind_text(st, 2, note && *note ? note : "经营者申请注销");
            sh_bind_int64(st, 3, cert);
        }
        rc = move(db, st, err);
        if (rc == 0)
            rc = replace_products(db, a->entity_id, NULL, err);
        return rc ? rc : sh_entity_set_status(db, actor, a->entity_id, "closed", "小作坊登记证注销", err);
    }
    if (!strcmp(a->kind, "renew")) {
        /* the new period follows the old one, or starts today when it has run out */
        char from[11];
        int y, m, d;
        sh_civil_from_days(strcmp(until, today) >= 0 ? sh_date_days(until) + 1 : sh_date_days(today), &y, &m, &d);
        snprintf(from, sizeof from, "%04d-%02d-%02d", y, m, d);
        sh_date_validity_end(from, sh_setting_int(db, "workshop_valid_years", 3), until);
    }
    if ((st = sh_db_prepare(db, "UPDATE workshop_certs SET valid_until = ?, application_id = ? WHERE id = ?", err)) != NULL) {
        sh_bind_text(st, 1, until);
        sh_bind_int64(st, 2, a->id);
        sh_bind_int64(st, 3, cert);
    }
    if ((rc = sh_stmt_run(st, err)) != 0)
        return rc;
    char *cats = categories_of(f->products);
    sh_entity patch;
    sh_entity_init(&patch);
    int present[EF__COUNT] = {0};
    const struct {
        sh_entity_field_id f;
        const char *v;
    } set[] = {{EF_NAME, f->name},         {EF_ADDRESS, f->address},       {EF_LEGAL_REP, f->operator}, {EF_LEGAL_REP_PHONE, f->phone},
               {EF_CATEGORIES, cats},      {EF_LICENCE_VALID_UNTIL, until}, {EF_DIVISION_CODE, f->division}};
    for (size_t i = 0; i < sizeof set / sizeof *set; i++) {
        sh_entity_set(&patch, set[i].f, set[i].v);
        present[set[i].f] = 1;
    }
    free(cats);
    rc = sh_entity_update(db, actor, a->entity_id, &patch, present, 0, err);
    sh_entity_release(&patch);
    return rc ? rc : replace_products(db, a->entity_id, f->products, err);
}

int sh_ws_app_issue(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    ws_app a;
    int own, rc = sh_db_join(db, &own, err);
    if (rc)
        return rc;
    const char *note = NULL;
    struct filed f = {0};
    int64_t cert = 0, entity = 0;
    if ((rc = ws_load(db, actor, id, NULL, &a, err)) == 0 && actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_ADMIN)
        rc = sh_fail(err, SH_EPERM, "", "登记证由县局核发 (the county issues the certificate)");
    if (rc == 0 && body && !json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    if (rc == 0)
        rc = sh_body_text(body, "note", "发证意见", 0, 500, &note, err);
    if (rc == 0 && strcmp(a.status, "accepted") != 0)
        rc = sh_fail(err, SH_EEXIST, "status", "只有核查通过的申请可以发证（当前：%s） (only an accepted application is issued)", ws_status_label(a.status));
    if (rc == 0)
        rc = read_filed(db, id, &f, err);
    if (rc == 0) {
        if (!strcmp(a.kind, "new")) {
            rc = issue_new(db, actor, id, &f, &cert, &entity, err);
        } else {
            entity = a.entity_id;
            rc = issue_follow(db, actor, &a, &f, &cert, note, err);
        }
    }
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE workshop_applications SET status = 'issued', entity_id = ?, cert_id = ?, overdue_at = NULL, updated_at = ?"
                                    " WHERE id = ? AND status = 'accepted'",
                                    err);
        if (st) {
            sh_bind_int64(st, 1, entity);
            sh_bind_int64(st, 2, cert);
            sh_bind_int64(st, 3, sh_now_ms());
            sh_bind_int64(st, 4, id);
        }
        rc = st ? move(db, st, err) : SH_EINTERNAL;
    }
    if (rc == 0)
        rc = ws_step(db, actor, id, "issue", note, a.issue_due, err);
    if (rc == 0)
        rc = tell_applicant(db, id, "workshop.issued", err);
    if (rc == 0) {
        json_t *before = json_pack("{s:s}", "status", a.status),
               *after = json_pack("{s:s, s:I, s:I}", "status", "issued", "cert_id", (json_int_t)cert, "entity_id", (json_int_t)entity);
        rc = sh_audit(db, actor, "issue", "workshop_application", id, before, after, err);
        json_decref(before);
        json_decref(after);
    }
    filed_release(&f);
    if ((rc = sh_db_leave(db, own, rc, err)) != 0)
        return rc;
    return ws_view(db, id, ret, err);
}

int sh_ws_sweep_overdue(sh_db *db, const char *today, int *ret_n, sh_err *err)
{
    int own, rc = sh_db_join(db, &own, err), n = 0;
    if (rc)
        return rc;
    /* those whose running deadline passed, not yet marked: each marked once and told to the gateways */
    json_t *late = json_array();
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT id, division_code, status, CASE WHEN status = 'submitted' THEN review_due ELSE issue_due END, name"
                                " FROM workshop_applications WHERE overdue_at IS NULL AND"
                                " ((status = 'submitted' AND review_due < ?) OR (status = 'accepted' AND issue_due < ?)) ORDER BY id",
                                err);
    if (st) {
        sh_bind_text(st, 1, today);
        sh_bind_text(st, 2, today);
        while ((rc = sh_stmt_step(st, err)) == SH_ROW)
            json_array_append_new(late, json_pack("{s:I, s:s, s:s, s:s, s:s}", "application_id", (json_int_t)sh_col_int64(st, 0), "division_code",
                                                  sh_col_text(st, 1), "step", !strcmp(sh_col_text(st, 2), "submitted") ? "review" : "issue",
                                                  "due", sh_col_text(st, 3), "name", sh_col_text(st, 4)));
        sh_stmt_done(st);
        rc = rc < 0 ? rc : 0;
    } else {
        rc = SH_EINTERNAL;
    }
    if (rc == 0)
        rc = sh_outbox_mark_each(db, late, "UPDATE workshop_applications SET overdue_at = ? WHERE id = ? AND overdue_at IS NULL",
                                 "workshop.overdue", &n, err);
    json_decref(late);
    rc = sh_db_leave(db, own, rc, err);
    if (rc == 0 && ret_n)
        *ret_n = n;
    return rc;
}
