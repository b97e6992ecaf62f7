/* Food business licences under the commitment system (licence_app.h): filing with the signed
 * commitments, the county's decision and the registry entity, the on-site verification, the expiring
 * licences and the sweep. Each step moves an application only from the state it expects. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/licence/licence_app.h"
#include "domain/licence/licence_int.h"
#include "domain/loop/outbox.h"
#include "domain/registry/entity.h"
#include "store/scope.h"

#define BASIS "《食品经营许可和备案管理办法》（告知承诺制）"
#define OPT_TEXT(st, c) (sh_col_is_null(st, c) ? json_null() : json_string(sh_col_text(st, c)))


static const char *const kinds[][2] = {{"new", "新办"}, {"change", "变更"}, {"renew", "延续"}, {"cancel", "注销"}};
static const char *const statuses[][2] = {{"submitted", "待县局决定"}, {"refused", "不予许可"}, {"issued", "已办结"}};

static const char *label(const char *const (*pairs)[2], size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(pairs[i][0], code))
            return pairs[i][1];
    return NULL;
}
#define KIND_LABEL(k) label(kinds, 4, k)
#define STATUS_LABEL(s) label(statuses, 3, s)

static int is_official(const sh_principal *a)
{
    return a->role == SH_ROLE_COUNTY || a->role == SH_ROLE_TOWNSHIP || a->role == SH_ROLE_ADMIN || a->role == SH_ROLE_VILLAGE;
}

int lic_load(sh_db *db, const sh_principal *actor, int64_t id, lic_app *out, sh_err *err)
{
    memset(out, 0, sizeof *out);
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT id, kind, status, division_code, entity_id, verify_due, verify_result, licence_no, corrected_on,"
                                " correct_confirmed_on FROM licence_applications WHERE id = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err), visible = 0;
    if (rc == SH_ROW) {
        out->id = sh_col_int64(st, 0);
        snprintf(out->kind, sizeof out->kind, "%s", sh_col_text(st, 1));
        snprintf(out->status, sizeof out->status, "%s", sh_col_text(st, 2));
        snprintf(out->division, sizeof out->division, "%s", sh_col_text(st, 3));
        out->entity_id = sh_col_int64(st, 4);
        snprintf(out->verify_due, sizeof out->verify_due, "%s", sh_col_is_null(st, 5) ? "" : sh_col_text(st, 5));
        snprintf(out->verify_result, sizeof out->verify_result, "%s", sh_col_is_null(st, 6) ? "" : sh_col_text(st, 6));
        snprintf(out->licence_no, sizeof out->licence_no, "%s", sh_col_is_null(st, 7) ? "" : sh_col_text(st, 7));
        snprintf(out->corrected_on, sizeof out->corrected_on, "%s", sh_col_is_null(st, 8) ? "" : sh_col_text(st, 8));
        snprintf(out->confirmed_on, sizeof out->confirmed_on, "%s", sh_col_is_null(st, 9) ? "" : sh_col_text(st, 9));
        if (actor->role == SH_ROLE_BUSINESS)
            visible = actor->entity_id > 0 && actor->entity_id == out->entity_id;
        else
            visible = sh_scope_covers_division(&actor->scope, out->division);
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return visible ? 0 : sh_fail(err, SH_ENOTFOUND, "id", "许可申请不存在或不在您的管辖范围内 (no such application in your reach)");
}

int lic_move(sh_db *db, sh_stmt *st, sh_err *err)
{
    int rc = st ? sh_stmt_run(st, err) : SH_EINTERNAL;
    if (rc == 0 && sh_db_changes(db) != 1)
        rc = sh_fail(err, SH_EEXIST, "status", "申请状态已变化，请刷新 (the application moved on: reload)");
    return rc;
}

int sh_lic_commitments(sh_db *db, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT code, text FROM licence_commitment_items ORDER BY sort, code", err);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        json_array_append_new(items, json_pack("{s:s, s:s}", "code", sh_col_text(st, 0), "text", sh_col_text(st, 1)));
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o}", "items", items);
    return 0;
}

/* ---- the view ---- */

#define APP_COLS                                                                                                        \
    "a.id, a.kind, a.status, a.entity_id, a.division_code, d.name, a.business_type, a.name, a.address, a.commitments,"  \
    " a.signer, a.note, a.submitted_on, a.licence_no, a.issued_on, a.valid_until, a.decision_note, a.verify_due,"       \
    " a.verify_provisional, a.verify_result, a.verify_note, a.verified_on, a.correct_due, a.overdue_at, a.created_at,"                \
    " a.corrected_on, a.correct_note, a.correct_confirmed_on, a.correct_review_note"
#define APP_FROM " FROM licence_applications a LEFT JOIN divisions d ON d.code = a.division_code"

static json_t *app_row(sh_stmt *st, void *ctx)
{
    const char *today = ctx, *kind = sh_col_text(st, 1), *status = sh_col_text(st, 2);
    int pending = !strcmp(status, "issued") && !sh_col_is_null(st, 17) && sh_col_is_null(st, 19);
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:o, s:s, s:s, s:s, s:o, s:s, s:s, s:o}", "id", (json_int_t)sh_col_int64(st, 0),
                          "kind", kind, "kind_label", KIND_LABEL(kind) ? KIND_LABEL(kind) : kind, "status", status, "status_label",
                          STATUS_LABEL(status) ? STATUS_LABEL(status) : status, "entity_id", (json_int_t)sh_col_int64(st, 3),
                          "division_code", sh_col_text(st, 4), "division_name", OPT_TEXT(st, 5), "business_type", sh_col_text(st, 6),
                          "name", sh_col_text(st, 7), "address", sh_col_text(st, 8), "commitments", json_loads(sh_col_text(st, 9), 0, NULL),
                          "signer", sh_col_text(st, 10), "submitted_on", sh_col_text(st, 12), "note", OPT_TEXT(st, 11));
    json_object_set_new(o, "licence_no", OPT_TEXT(st, 13));
    json_object_set_new(o, "issued_on", OPT_TEXT(st, 14));
    json_object_set_new(o, "valid_until", OPT_TEXT(st, 15));
    json_object_set_new(o, "decision_note", OPT_TEXT(st, 16));
    json_object_set_new(o, "verify_due", OPT_TEXT(st, 17));
    json_object_set_new(o, "verify_provisional", json_boolean(sh_col_int64(st, 18)));
    json_object_set_new(o, "verify_result", OPT_TEXT(st, 19));
    json_object_set_new(o, "verify_note", OPT_TEXT(st, 20));
    json_object_set_new(o, "verified_on", OPT_TEXT(st, 21));
    json_object_set_new(o, "correct_due", OPT_TEXT(st, 22));
    json_object_set_new(o, "verify_pending", json_boolean(pending));
    json_object_set_new(o, "verify_overdue", json_boolean(pending && strcmp(sh_col_text(st, 17), today) < 0));
    json_object_set_new(o, "created_at", json_integer(sh_col_int64(st, 24)));
    json_object_set_new(o, "corrected_on", OPT_TEXT(st, 25));
    json_object_set_new(o, "correct_note", OPT_TEXT(st, 26));
    json_object_set_new(o, "correct_confirmed_on", OPT_TEXT(st, 27));
    json_object_set_new(o, "correct_review_note", OPT_TEXT(st, 28));
    /* the correction after an inconsistent verification: ordered, reported by the business, confirmed */
    const char *correction = sh_col_is_null(st, 19) || strcmp(sh_col_text(st, 19), "inconsistent") ? NULL
                             : !sh_col_is_null(st, 27)                                             ? "confirmed"
                             : !sh_col_is_null(st, 25)                                             ? "reported"
                                                                                                   : "ordered";
    json_object_set_new(o, "correction", correction ? json_string(correction) : json_null());
    return o;
}

int lic_view(sh_db *db, int64_t id, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_stmt *st = sh_db_prepare(db, "SELECT " APP_COLS APP_FROM " WHERE a.id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret = app_row(st, today);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "id", "许可申请不存在 (no such application)");
}

int sh_lic_app_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    lic_app a;
    int rc = lic_load(db, actor, id, &a, err);
    return rc ? rc : lic_view(db, id, ret, err);
}

struct list_where {
    const sh_principal *actor;
    const sh_lic_filter *f;
    const char *today;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, APP_FROM " WHERE 1 = 1");
    if (w->actor->role == SH_ROLE_BUSINESS) {
        sh_qb_sql(qb, " AND a.entity_id = ");
        sh_qb_int64(qb, w->actor->entity_id > 0 ? w->actor->entity_id : -1);
    } else {
        sh_scope_division_column(qb, &w->actor->scope, "a.division_code");
    }
    if (w->f->status) {
        sh_qb_sql(qb, " AND a.status = ");
        sh_qb_text(qb, w->f->status);
    }
    if (w->f->correction && !strcmp(w->f->correction, "reported"))
        sh_qb_sql(qb, " AND a.verify_result = 'inconsistent' AND a.corrected_on IS NOT NULL AND a.correct_confirmed_on IS NULL");
    else if (w->f->correction && !strcmp(w->f->correction, "ordered"))
        sh_qb_sql(qb, " AND a.verify_result = 'inconsistent' AND a.corrected_on IS NULL AND a.correct_confirmed_on IS NULL");
    else if (w->f->correction)
        sh_qb_sql(qb, " AND a.correct_confirmed_on IS NOT NULL");
    if (w->f->verify && !strcmp(w->f->verify, "done")) {
        sh_qb_sql(qb, " AND a.verify_result IS NOT NULL");
    } else if (w->f->verify) {
        sh_qb_sql(qb, " AND a.status = 'issued' AND a.verify_due IS NOT NULL AND a.verify_result IS NULL");
        if (!strcmp(w->f->verify, "overdue")) {
            sh_qb_sql(qb, " AND a.verify_due < ");
            sh_qb_text(qb, w->today);
        }
    }
}

int sh_lic_apps_list(sh_db *db, const sh_principal *actor, const sh_lic_filter *f, const sh_page *page, json_t **ret, sh_err *err)
{
    if (f->status && !STATUS_LABEL(f->status))
        return sh_fail(err, SH_EINVAL, "status", "状态应为submitted、refused或issued (unknown status)");
    if (f->verify && strcmp(f->verify, "pending") && strcmp(f->verify, "overdue") && strcmp(f->verify, "done"))
        return sh_fail(err, SH_EINVAL, "verify", "核查筛选应为pending、overdue或done (unknown verification filter)");
    if (f->correction && strcmp(f->correction, "ordered") && strcmp(f->correction, "reported") && strcmp(f->correction, "confirmed"))
        return sh_fail(err, SH_EINVAL, "correction", "整改筛选应为ordered、reported或confirmed (unknown correction filter)");
    char today[11];
    sh_today(today);
    struct list_where w = {actor, f, today};
    sh_page_query q = {APP_COLS, list_from_where, &w,
                       " ORDER BY CASE WHEN a.status = 'submitted' THEN 0 WHEN a.verify_due IS NOT NULL AND a.verify_result IS NULL"
                       " AND a.status = 'issued' THEN 1 ELSE 2 END, COALESCE(a.verify_due, ''), a.id DESC",
                       page->limit, page->offset, app_row, today};
    return sh_rows_page(db, &q, ret, err);
}

/* ---- filing ---- */

/* The JY business-type digit of an entity kind: 1 sales, 2 catering, 3 canteen; NULL when a JY licence
 * is not the kind's. */
static const char *business_type_of(const char *kind)
{
    static const char *const map[][2] = {{"seller", "1"},       {"caterer", "2"},     {"central_kitchen", "2"}, {"group_meal", "2"},
                                         {"school_canteen", "3"}, {"unit_canteen", "3"}};
    for (size_t i = 0; kind && i < sizeof map / sizeof *map; i++)
        if (!strcmp(map[i][0], kind))
            return map[i][1];
    return NULL;
}

/* Every commitment item signed, none unknown, none twice: SH_EINVAL naming commitments or its element. */
static int check_commitments(sh_db *db, const json_t *list, sh_err *err)
{
    if (!json_is_array(list) || json_array_size(list) == 0)
        return sh_fail(err, SH_EINVAL, "commitments", "请逐项签署承诺事项 (sign the commitment items)");
    size_t i, j;
    json_t *c, *d;
    json_array_foreach(list, i, c) {
        char field[32];
        snprintf(field, sizeof field, "commitments[%zu]", i);
        const char *code = json_string_value(c);
        if (!code)
            return sh_fail(err, SH_EINVAL, field, "承诺事项应为编号 (must be an item code)");
        json_array_foreach(list, j, d) {
            if (j < i && json_string_value(d) && !strcmp(json_string_value(d), code))
                return sh_fail(err, SH_EINVAL, field, "承诺事项%s重复 (item %s twice)", code, code);
        }
        sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM licence_commitment_items WHERE code = ?", err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_text(st, 1, code);
        int rc = sh_stmt_step(st, err);
        int64_t n = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        if (!n)
            return sh_fail(err, SH_EINVAL, field, "没有承诺事项“%s” (no commitment item %s)", code, code);
    }
    /* the first item not signed */
    sh_stmt *st = sh_db_prepare(db, "SELECT code, text FROM licence_commitment_items ORDER BY sort, code", err);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        int signed_ = 0;
        json_array_foreach(list, i, c) signed_ |= !strcmp(json_string_value(c), sh_col_text(st, 0));
        if (!signed_) {
            rc = sh_fail(err, SH_EINVAL, "commitments", "未签署承诺事项%s“%s” (item %s not signed)", sh_col_text(st, 0), sh_col_text(st, 1),
                         sh_col_text(st, 0));
            break;
        }
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int open_application(sh_db *db, int64_t entity_id, int *ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM licence_applications WHERE entity_id = ? AND status = 'submitted'", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    int rc = sh_stmt_step(st, err);
    *ret = rc == SH_ROW && sh_col_int64(st, 0) > 0;
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_lic_app_submit(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    if (actor->role != SH_ROLE_BUSINESS && !is_official(actor))
        return sh_fail(err, SH_EPERM, "", "只有经营者或监管人员可以申请 (a business or an official files)");
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *kind = json_string_value(json_object_get(body, "kind"));
    if (!kind || !KIND_LABEL(kind))
        return sh_fail(err, SH_EINVAL, "kind", "请选择申请类型：新办、变更、延续或注销 (kind must be new, change, renew or cancel)");
    int64_t entity_id = actor->role == SH_ROLE_BUSINESS ? actor->entity_id : 0;
    if (actor->role != SH_ROLE_BUSINESS) {
        json_t *e = json_object_get(body, "entity_id");
        if (!json_is_integer(e) || json_integer_value(e) <= 0)
            return sh_fail(err, SH_EINVAL, "entity_id", "请选择申请的经营主体 (entity_id required)");
        entity_id = json_integer_value(e);
    }
    if (entity_id <= 0)
        return sh_fail(err, SH_EPERM, "entity_id", "账号未关联经营主体 (the account has no business)");
    sh_entity e;
    sh_entity_init(&e);
    int rc = sh_entity_get(db, actor, entity_id, &e, err);
    if (rc) {
        sh_entity_release(&e);
        return rc == SH_ENOTFOUND ? sh_fail(err, SH_ENOTFOUND, "entity_id", "经营主体不存在或不在您的管辖范围内 (no such business in your reach)") : rc;
    }
    const char *btype = business_type_of(e.f[EF_KIND]);
    int has_jy = e.f[EF_LICENCE_KIND] && !strcmp(e.f[EF_LICENCE_KIND], "jy") && e.f[EF_LICENCE_NO] && *e.f[EF_LICENCE_NO];
    const char *name = NULL, *address = NULL, *signer = NULL, *note = NULL;
    if (!strcmp(e.status, "closed"))
        rc = sh_fail(err, SH_EINVAL, "entity_id", "该经营主体已注销 (the business is closed)");
    else if (!btype)
        rc = sh_fail(err, SH_EINVAL, "entity_id", "该主体类型（%s）不办理食品经营许可 (a %s holds no food business licence)",
                     sh_entity_kind_label_zh(e.f[EF_KIND]), e.f[EF_KIND] ? e.f[EF_KIND] : "");
    else if (!strcmp(kind, "new") && has_jy)
        rc = sh_fail(err, SH_EINVAL, "kind", "该主体已持有食品经营许可证%s，请申请变更、延续或注销 (already licensed: change, renew or cancel)", e.f[EF_LICENCE_NO]);
    else if (strcmp(kind, "new") && !has_jy)
        rc = sh_fail(err, SH_EINVAL, "kind", "该主体尚无食品经营许可证，请申请新办 (no licence yet: apply for a new one)");
    if (rc == 0)
        rc = sh_body_text(body, "name", "经营者名称", 0, 100, &name, err);
    if (rc == 0)
        rc = sh_body_text(body, "address", "经营场所", 0, 200, &address, err);
    if (rc == 0 && name && sh_check_text(name, 2, 100, "name", err))
        rc = SH_EINVAL;
    if (rc == 0 && address && sh_check_text(address, 4, 200, "address", err))
        rc = SH_EINVAL;
    if (rc == 0 && !strcmp(kind, "change") && !name && !address)
        rc = sh_fail(err, SH_EINVAL, "name", "变更申请请填写变更后的名称或经营场所 (a change needs a new name or address)");
    if (rc == 0)
        rc = sh_body_text(body, "signer", "承诺人", 2, 30, &signer, err);
    if (rc == 0)
        rc = sh_body_text(body, "note", "备注", 0, 500, &note, err);
    if (rc == 0)
        rc = check_commitments(db, json_object_get(body, "commitments"), err);
    int open = 0;
    if (rc == 0 && (rc = open_application(db, entity_id, &open, err)) == 0 && open)
        rc = sh_fail(err, SH_EEXIST, "entity_id", "该主体已有待决定的许可申请 (an application of this business is open)");
    int64_t id = 0;
    if (rc == 0) {
        char today[11];
        sh_today(today);
        char *commitments = json_dumps(json_object_get(body, "commitments"), JSON_COMPACT);
        int own = !sh_db_in_transaction(db);
        rc = own ? sh_db_begin(db, err) : 0;
        sh_stmt *st = rc ? NULL
                         : sh_db_prepare(db,
                                         "INSERT INTO licence_applications(kind, status, entity_id, division_code, business_type, name, address,"
                                         " commitments, signer, note, submitted_on, licence_no, valid_until, created_by, created_at, updated_at)"
                                         " VALUES (?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                         err);
        if (st) {
            sh_bind_text(st, 1, kind);
            sh_bind_int64(st, 2, entity_id);
            sh_bind_text(st, 3, e.f[EF_DIVISION_CODE]);
            sh_bind_text(st, 4, btype);
            sh_bind_text(st, 5, name ? name : e.f[EF_NAME]);
            sh_bind_text(st, 6, address ? address : e.f[EF_ADDRESS] ? e.f[EF_ADDRESS] : "");
            sh_bind_text(st, 7, commitments);
            sh_bind_text(st, 8, signer);
            sh_bind_text_or_null(st, 9, note);
            sh_bind_text(st, 10, today);
            sh_bind_text_or_null(st, 11, has_jy ? e.f[EF_LICENCE_NO] : NULL);
            sh_bind_text_or_null(st, 12, has_jy ? e.f[EF_LICENCE_VALID_UNTIL] : NULL);
            sh_bind_int64_or_null(st, 13, actor->user_id);
            sh_bind_int64(st, 14, sh_now_ms());
            sh_bind_int64(st, 15, sh_now_ms());
            rc = sh_stmt_insert_id(st, &id, err);
        } else if (rc == 0) {
            rc = SH_EINTERNAL;
        }
        free(commitments);
        if (rc == 0) {
            json_t *after = json_pack("{s:s, s:I}", "kind", kind, "entity_id", (json_int_t)entity_id);
            rc = sh_audit(db, actor, "submit", "licence_application", id, NULL, after, err);
            json_decref(after);
        }
        rc = own ? sh_db_finish(db, rc, err) : rc;
    }
    sh_entity_release(&e);
    return rc ? rc : lic_view(db, id, ret, err);
}

/* ---- the county's decision ---- */

/* The next JY number of the business type in the county: JY, type, county (6), serial (6), check digit.
 * The national check-digit algorithm is not public (docs: DOMAIN.md): the platform's is Σ digits mod 10. */
static int next_licence_no(sh_db *db, const char *btype, const char *division, char out[20], sh_err *err)
{
    char prefix[16];
    snprintf(prefix, sizeof prefix, "JY%s%.6s", btype, division);
    for (int tries = 0; tries < 1000; tries++) {
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO licence_serials(prefix, last) VALUES (?, 1)"
                                    " ON CONFLICT (prefix) DO UPDATE SET last = licence_serials.last + 1 RETURNING last",
                                    err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_text(st, 1, prefix);
        int rc = sh_stmt_step(st, err);
        long seq = rc == SH_ROW ? (long)sh_col_int64(st, 0) : 0;
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        if (seq > 999999)
            break;
        char body[20];
        snprintf(body, sizeof body, "%s%06ld", prefix, seq);
        int sum = 0;
        for (const char *p = body + 2; *p; p++)
            sum += *p - '0';
        snprintf(out, 20, "%s%d", body, sum % 10);
        if ((rc = sh_check_jy_licence(out, "licence_no", err)) != 0)
            return rc;
        st = sh_db_prepare(db, "SELECT count(*) FROM entities WHERE licence_no = ?", err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_text(st, 1, out);
        rc = sh_stmt_step(st, err);
        int64_t used = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        if (!used)
            return 0;
    }
    return sh_fail(err, SH_EINTERNAL, "licence_no", "许可证编号已用尽 (no free number)");
}

/* The registry follows an issued application: *ret_no and *ret_until the licence as it now stands. */
static int follow_registry(sh_db *db, const sh_principal *actor, const lic_app *a, char no[20], char until[11], sh_err *err)
{
    char today[11], btype[2] = "", name[404] = "", address[804] = "", old_until[11] = "";
    sh_today(today);
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT a.business_type, a.name, a.address, e.licence_valid_until FROM licence_applications a"
                                " JOIN entities e ON e.id = a.entity_id WHERE a.id = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, a->id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        snprintf(btype, sizeof btype, "%s", sh_col_text(st, 0));
        snprintf(name, sizeof name, "%s", sh_col_text(st, 1));
        snprintf(address, sizeof address, "%s", sh_col_text(st, 2));
        snprintf(old_until, sizeof old_until, "%s", sh_col_is_null(st, 3) ? "" : sh_col_text(st, 3));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!strcmp(a->kind, "cancel")) {
        snprintf(no, 20, "%s", a->licence_no);
        snprintf(until, 11, "%s", today);
        return sh_entity_set_status(db, actor, a->entity_id, "closed", "食品经营许可注销", err);
    }
    int years = sh_setting_int(db, "licence_valid_years", 5);
    if (years < 1 || years > 10)
        years = 5;
    snprintf(no, 20, "%s", a->licence_no);
    snprintf(until, 11, "%s", old_until);
    if (!strcmp(a->kind, "new")) {
        if ((rc = next_licence_no(db, btype, a->division, no, err)) != 0)
            return rc;
        sh_date_validity_end(today, years, until);
    } else if (!strcmp(a->kind, "renew")) {
        /* the new period follows the old one, or starts today when it has run out */
        char from[11];
        if (*old_until && strcmp(old_until, today) >= 0)
            sh_date_add_days(old_until, 1, from);
        else
            snprintf(from, sizeof from, "%s", today);
        sh_date_validity_end(from, years, until);
    }
    sh_entity patch;
    sh_entity_init(&patch);
    int present[EF__COUNT] = {0};
    const struct {
        sh_entity_field_id f;
        const char *v;
    } set[] = {{EF_NAME, name}, {EF_ADDRESS, address}, {EF_LICENCE_KIND, "jy"}, {EF_LICENCE_NO, no}, {EF_LICENCE_VALID_UNTIL, until}};
    for (size_t i = 0; i < sizeof set / sizeof *set; i++) {
        sh_entity_set(&patch, set[i].f, set[i].v);
        present[set[i].f] = 1;
    }
    rc = sh_entity_update(db, actor, a->entity_id, &patch, present, 0, err);
    sh_entity_release(&patch);
    return rc;
}

int lic_tell_business(sh_db *db, int64_t id, int64_t entity_id, const char *topic, sh_err *err)
{
    json_t *v = NULL;
    int rc = lic_view(db, id, &v, err);
    if (rc == 0) {
        json_t *payload = json_pack("{s:I, s:O, s:O, s:O, s:O, s:O, s:O}", "application_id", (json_int_t)id, "kind", json_object_get(v, "kind"),
                                    "status", json_object_get(v, "status_label"), "licence_no", json_object_get(v, "licence_no"), "valid_until",
                                    json_object_get(v, "valid_until"), "verify_due", json_object_get(v, "verify_due"), "correct_due",
                                    json_object_get(v, "correct_due"));
        rc = sh_outbox_add(db, entity_id, topic, payload, NULL, err);
        json_decref(payload);
    }
    json_decref(v);
    return rc;
}

int sh_lic_app_decide(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    lic_app a;
    int own = !sh_db_in_transaction(db);
    int rc = own ? sh_db_begin(db, err) : 0;
    const char *decision = NULL, *note = NULL;
    if (rc == 0 && (rc = lic_load(db, actor, id, &a, err)) == 0 && actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_ADMIN)
        rc = sh_fail(err, SH_EPERM, "", "食品经营许可由县局作出决定 (the county decides)");
    if (rc == 0 && !json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    if (rc == 0) {
        decision = json_string_value(json_object_get(body, "decision"));
        if (!decision || (strcmp(decision, "issue") && strcmp(decision, "refuse")))
            rc = sh_fail(err, SH_EINVAL, "decision", "请选择决定：准予许可或不予许可 (decision must be issue or refuse)");
    }
    if (rc == 0)
        rc = sh_body_text(body, "note", "决定意见", strcmp(decision, "refuse") ? 0 : 2, 500, &note, err);
    if (rc == 0 && strcmp(a.status, "submitted"))
        rc = sh_fail(err, SH_EEXIST, "status", "只有待决定的申请可以决定（当前：%s） (only a submitted application is decided)", STATUS_LABEL(a.status));
    char no[20] = "", until[11] = "", verify_due[11] = "", today[11];
    int provisional = 0;
    sh_today(today);
    int issue = rc == 0 && !strcmp(decision, "issue");
    if (issue)
        rc = follow_registry(db, actor, &a, no, until, err);
    if (issue && rc == 0 && strcmp(a.kind, "cancel"))
        rc = sh_setting_deadline(db, "licence_verify_days", 20, BASIS, verify_due, &provisional, err);
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE licence_applications SET status = ?, decision_note = ?, decided_by = ?, decided_at = ?, licence_no = ?,"
                                    " issued_on = ?, valid_until = ?, verify_due = ?, verify_provisional = ?, updated_at = ?"
                                    " WHERE id = ? AND status = 'submitted'",
                                    err);
        if (st) {
            sh_bind_text(st, 1, issue ? "issued" : "refused");
            sh_bind_text_or_null(st, 2, note);
            sh_bind_int64_or_null(st, 3, actor->user_id);
            sh_bind_int64(st, 4, sh_now_ms());
            sh_bind_text_or_null(st, 5, issue && *no ? no : a.licence_no[0] ? a.licence_no : NULL);
            sh_bind_text_or_null(st, 6, issue ? today : NULL);
            sh_bind_text_or_null(st, 7, issue && *until ? until : NULL);
            sh_bind_text_or_null(st, 8, *verify_due ? verify_due : NULL);
            sh_bind_int64(st, 9, provisional);
            sh_bind_int64(st, 10, sh_now_ms());
            sh_bind_int64(st, 11, id);
        }
        rc = lic_move(db, st, err);
    }
    if (rc == 0)
        rc = lic_tell_business(db, id, a.entity_id, issue ? "licence.issued" : "licence.refused", err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s?, s:s?}", "status", issue ? "issued" : "refused", "licence_no", *no ? no : NULL, "note", note);
        json_t *before = json_pack("{s:s}", "status", a.status);
        rc = sh_audit(db, actor, issue ? "issue" : "refuse", "licence_application", id, before, after, err);
        json_decref(before);
        json_decref(after);
    }
    rc = own ? sh_db_finish(db, rc, err) : rc;
    return rc ? rc : lic_view(db, id, ret, err);
}

/* ---- the on-site verification ---- */

int sh_lic_app_verify(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    lic_app a;
    int own = !sh_db_in_transaction(db);
    int rc = own ? sh_db_begin(db, err) : 0;
    const char *result = NULL, *note = NULL;
    if (rc == 0 && (rc = lic_load(db, actor, id, &a, err)) == 0 && actor->role != SH_ROLE_TOWNSHIP && actor->role != SH_ROLE_COUNTY &&
        actor->role != SH_ROLE_ADMIN)
        rc = sh_fail(err, SH_EPERM, "", "现场核查由乡镇（街道）或县局办理 (the township verifies on site)");
    if (rc == 0 && !json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    if (rc == 0) {
        result = json_string_value(json_object_get(body, "result"));
        if (!result || (strcmp(result, "consistent") && strcmp(result, "inconsistent")))
            rc = sh_fail(err, SH_EINVAL, "result", "请选择核查结论：相符或不相符 (result must be consistent or inconsistent)");
    }
    if (rc == 0)
        rc = sh_body_text(body, "note", "核查情况", strcmp(result, "inconsistent") ? 0 : 2, 500, &note, err);
    if (rc == 0 && (strcmp(a.status, "issued") || !*a.verify_due || *a.verify_result))
        rc = sh_fail(err, SH_EEXIST, "status", "该申请没有待办的现场核查 (no on-site verification is pending)");
    char today[11], correct_due[11] = "";
    int provisional = 0, inconsistent = rc == 0 && !strcmp(result, "inconsistent");
    sh_today(today);
    if (inconsistent)
        rc = sh_setting_deadline(db, "licence_correct_days", 10, BASIS, correct_due, &provisional, err);
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE licence_applications SET verify_result = ?, verify_note = ?, verified_by = ?, verified_on = ?,"
                                    " correct_due = ?, updated_at = ? WHERE id = ? AND verify_result IS NULL",
                                    err);
        if (st) {
            sh_bind_text(st, 1, result);
            sh_bind_text_or_null(st, 2, note);
            sh_bind_int64_or_null(st, 3, actor->user_id);
            sh_bind_text(st, 4, today);
            sh_bind_text_or_null(st, 5, *correct_due ? correct_due : NULL);
            sh_bind_int64(st, 6, sh_now_ms());
            sh_bind_int64(st, 7, id);
        }
        rc = lic_move(db, st, err);
    }
    if (rc == 0 && inconsistent)
        rc = lic_tell_business(db, id, a.entity_id, "licence.correct", err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s?, s:b}", "result", result, "note", note, "late", strcmp(today, a.verify_due) > 0);
        rc = sh_audit(db, actor, "verify", "licence_application", id, NULL, after, err);
        json_decref(after);
    }
    rc = own ? sh_db_finish(db, rc, err) : rc;
    return rc ? rc : lic_view(db, id, ret, err);
}

/* ---- expiring licences and the sweep ---- */

struct expiring_where {
    const sh_principal *actor;
    const char *today, *until;
};

static void expiring_from_where(sh_qb *qb, const void *ctx)
{
    const struct expiring_where *w = ctx;
    sh_qb_sql(qb, " FROM entities e LEFT JOIN divisions d ON d.code = e.division_code WHERE e.licence_kind = 'jy' AND e.status <> 'closed'"
                  " AND e.licence_valid_until >= ");
    sh_qb_text(qb, w->today);
    sh_qb_sql(qb, " AND e.licence_valid_until <= ");
    sh_qb_text(qb, w->until);
    sh_scope_entities(qb, &w->actor->scope, "e");
}

static json_t *expiring_row(sh_stmt *st, void *ctx)
{
    const char *today = ctx, *until = sh_col_text(st, 3);
    return json_pack("{s:I, s:s, s:s, s:s, s:I, s:o}", "entity_id", (json_int_t)sh_col_int64(st, 0), "name", sh_col_text(st, 1), "licence_no",
                     sh_col_text(st, 2), "valid_until", until, "days_left", (json_int_t)(sh_date_days(until) - sh_date_days(today)),
                     "division_name", OPT_TEXT(st, 4));
}

int sh_lic_expiring(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err)
{
    if (!is_official(actor) && actor->role != SH_ROLE_BUSINESS)
        return sh_fail(err, SH_EPERM, "", "无权查看 (not allowed)");
    char today[11], until[11];
    sh_today(today);
    int days = sh_setting_int(db, "licence_expiry_days", 30);
    sh_date_add_days(today, days < 1 || days > 365 ? 30 : days, until);
    struct expiring_where w = {actor, today, until};
    sh_page_query q = {"e.id, e.name, e.licence_no, e.licence_valid_until, d.name", expiring_from_where, &w,
                       " ORDER BY e.licence_valid_until, e.id", page->limit, page->offset, expiring_row, today};
    return sh_rows_page(db, &q, ret, err);
}

int sh_lic_sweep_overdue(sh_db *db, const char *today, int *ret_n, sh_err *err)
{
    int own = !sh_db_in_transaction(db);
    int rc = own ? sh_db_begin(db, err) : 0, n = 0;
    json_t *late = json_array();
    sh_stmt *st = rc ? NULL
                     : sh_db_prepare(db,
                                     "SELECT id, entity_id, division_code, verify_due, name FROM licence_applications WHERE status = 'issued'"
                                     " AND verify_result IS NULL AND verify_due < ? AND overdue_at IS NULL ORDER BY id",
                                     err);
    if (st) {
        sh_bind_text(st, 1, today);
        while ((rc = sh_stmt_step(st, err)) == SH_ROW)
            json_array_append_new(late, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "application_id", (json_int_t)sh_col_int64(st, 0), "entity_id",
                                                  (json_int_t)sh_col_int64(st, 1), "division_code", sh_col_text(st, 2), "step", "verify", "due",
                                                  sh_col_text(st, 3), "name", sh_col_text(st, 4)));
        sh_stmt_done(st);
        rc = rc < 0 ? rc : 0;
    } else if (rc == 0) {
        rc = SH_EINTERNAL;
    }
    if (rc == 0)
        rc = sh_outbox_mark_each(db, late, "UPDATE licence_applications SET overdue_at = ? WHERE id = ? AND overdue_at IS NULL",
                                 "licence.verify_overdue", &n, err);
    json_decref(late);
    rc = own ? sh_db_finish(db, rc, err) : rc;
    if (rc == 0 && ret_n)
        *ret_n = n;
    return rc;
}
