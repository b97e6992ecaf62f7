/* Filing a workshop's application (online, by the workshop's account or by an official), correcting a
 * returned one, attaching documents, and reading them. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/base/calendar.h"
#include "domain/identity/secret.h"
#include "domain/loop/attachment.h"
#include "domain/workshop/catalogue.h"
#include "domain/workshop/workshop.h"
#include "domain/registry/registry.h"
#include "domain/workshop/ws_int.h"
#include "store/scope.h"

static const struct {
    const char *field, *zh;
    size_t min, max;
} fields[] = {
    {"name", "作坊名称", 2, 60},     {"operator", "经营者姓名", 2, 30}, {"phone", "联系电话", 0, 0},
    {"address", "生产加工场所地址", 4, 120}, {"uscc", "统一社会信用代码", 0, 0}, {"note", "申请说明", 0, 500},
};
enum { F_NAME, F_OPERATOR, F_PHONE, F_ADDRESS, F_USCC, F_NOTE, NFIELDS };

/* The application's data: the registered workshop's own (change, renew, cancel), the body's fields over
 * it (new and change). Checked field by field; *ret a new object. */
static int gather(sh_db *db, const sh_principal *actor, const char *kind, json_t *body, int64_t entity_id, json_t **ret, sh_err *err)
{
    json_t *d = json_object();
    int rc = 0;
    if (entity_id) {
        sh_stmt *st = sh_db_prepare(db,
                                    "SELECT e.name, e.legal_rep, e.legal_rep_phone, e.address, e.uscc, e.division_code FROM entities e"
                                    " LEFT JOIN workshop_certs c ON c.entity_id = e.id AND c.status = 'valid' WHERE e.id = ? AND e.kind = 'workshop'"
                                    " AND e.status <> 'closed' AND (c.id IS NOT NULL OR (e.licence_kind = 'workshop_reg' AND e.licence_no IS NOT NULL"
                                    " AND NOT EXISTS (SELECT 1 FROM workshop_certs o WHERE o.entity_id = e.id)))",
                                    err);
        if (!st) {
            json_decref(d);
            return SH_EINTERNAL;
        }
        sh_bind_int64(st, 1, entity_id);
        rc = sh_stmt_step(st, err);
        int found = rc == SH_ROW;
        if (found) {
            const char *keys[] = {"name", "operator", "phone", "address", "uscc", "division_code"};
            for (int i = 0; i < 6; i++)
                if (!sh_col_is_null(st, i))
                    json_object_set_new(d, keys[i], json_string(sh_col_text(st, i)));
            /* a business files for itself only; an official within its jurisdiction */
            const char *div = json_string_value(json_object_get(d, "division_code"));
            found = actor->role == SH_ROLE_BUSINESS ? actor->entity_id == entity_id : sh_scope_covers_division(&actor->scope, div);
        }
        sh_stmt_done(st);
        if (rc < 0 || !found) {
            json_decref(d);
            return rc < 0 ? rc : sh_fail(err, SH_EINVAL, "entity_id", "未找到持有效登记证的小作坊 (no registered workshop with a valid certificate)");
        }
        rc = 0;
        json_t *products = json_array();
        if ((st = sh_db_prepare(db, "SELECT catalogue_code, name FROM workshop_products WHERE entity_id = ? AND active = 1 ORDER BY id", err))) {
            sh_bind_int64(st, 1, entity_id);
            while ((rc = sh_stmt_step(st, err)) == SH_ROW)
                json_array_append_new(products, json_pack("{s:s, s:s}", "code", sh_col_text(st, 0), "name", sh_col_text(st, 1)));
            sh_stmt_done(st);
        }
        json_object_set_new(d, "products", products);
        if (rc < 0) {
            json_decref(d);
            return rc;
        }
        rc = 0;
    }
    /* a renewal may restate the products (a workshop registered before the platform has none on file) */
    int overlay = strcmp(kind, "cancel") != 0;
    const char *over[] = {"name", "operator", "phone", "address", "uscc", "products", "division_code"};
    for (int i = 0; i < 7 && overlay; i++) {
        json_t *v = json_object_get(body, over[i]);
        if (v && !json_is_null(v))
            json_object_set(d, over[i], v);
    }
    json_t *note = json_object_get(body, "note");
    if (note && !json_is_null(note))
        json_object_set(d, "note", note);
    for (int i = 0; i < NFIELDS && rc == 0; i++) {
        json_t *v = json_object_get(d, fields[i].field);
        const char *s = json_string_value(v);
        if (v && !s)
            rc = sh_fail(err, SH_EINVAL, fields[i].field, "%s应为文本 (must be text)", fields[i].zh);
        else if (i == F_PHONE)
            rc = !s || !*s ? sh_fail(err, SH_EINVAL, "phone", "请填写联系电话 (required)") : sh_check_phone(s, "phone", err);
        else if (i == F_USCC)
            rc = s && *s ? sh_check_uscc(s, "uscc", err) : 0;
        else if ((!s || !*s) && fields[i].min)
            rc = sh_fail(err, SH_EINVAL, fields[i].field, "请填写%s (required)", fields[i].zh);
        else if (s && sh_check_text(s, fields[i].min, fields[i].max, fields[i].field, err))
            rc = sh_fail(err, SH_EINVAL, fields[i].field, "%s应为%zu-%zu字 (%zu to %zu characters)", fields[i].zh, fields[i].min, fields[i].max,
                         fields[i].min, fields[i].max);
    }
    if (rc == 0 && strcmp(kind, "cancel") != 0)
        rc = sh_ws_check_products(json_object_get(d, "products"), err);
    const char *div = json_string_value(json_object_get(d, "division_code"));
    if (rc == 0) {
        int level = 0;
        rc = sh_division_level(db, div, &level, err);
        if (rc == 0 && level != 2 && level != 3)
            rc = sh_fail(err, SH_EINVAL, "division_code", "请选择作坊所在的乡镇（街道） (choose the township)");
        else if (rc == 0 && !ws_is_public(actor) && actor->role != SH_ROLE_BUSINESS && !sh_scope_covers_division(&actor->scope, div))
            rc = sh_fail(err, SH_EINVAL, "division_code", "所选乡镇不在您的管辖范围内 (outside your jurisdiction)");
    }
    if (rc)
        json_decref(d);
    else
        *ret = d;
    return rc;
}

static const char *text(json_t *d, const char *k)
{
    const char *s = json_string_value(json_object_get(d, k));
    return s && *s ? s : NULL;
}

/* Binds the application's data from index i on: division_code, name, operator, phone, address, uscc,
 * products (JSON text), note. */
static void bind_data(sh_stmt *st, int i, json_t *d, const char *products)
{
    static const char *const keys[] = {"division_code", "name", "operator", "phone", "address", "uscc"};
    for (int k = 0; k < 6; k++)
        sh_bind_text_or_null(st, i + k, text(d, keys[k]));
    sh_bind_text(st, i + 6, products);
    sh_bind_text_or_null(st, i + 7, text(d, "note"));
}

/* An application of this workshop still running: one at a time. */
static int none_running(sh_db *db, int64_t entity_id, sh_err *err)
{
    if (!entity_id)
        return 0;
    int64_t n = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM workshop_applications WHERE entity_id = ? AND status IN ('submitted', 'returned', 'accepted')", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        n = sh_col_int64(st, 0);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return n ? sh_fail(err, SH_EEXIST, "entity_id", "该作坊已有办理中的申请，请待其办结 (an application is already running)") : 0;
}

int sh_ws_app_submit(sh_db *db, const sh_principal *actor, json_t *body, char *ret_key, json_t **ret, sh_err *err)
{
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *kind = json_string_value(json_object_get(body, "kind"));
    if (!kind)
        kind = "new";
    if (strcmp(kind, "new") && strcmp(kind, "change") && strcmp(kind, "renew") && strcmp(kind, "cancel"))
        return sh_fail(err, SH_EINVAL, "kind", "申请类型应为新办、变更、延续或注销 (new, change, renew or cancel)");
    int pub = ws_is_public(actor);
    if (pub && strcmp(kind, "new") != 0)
        return sh_fail(err, SH_EINVAL, "kind", "变更、延续、注销请登录作坊账号办理 (sign in to change, renew or cancel)");
    if (!pub && actor->role != SH_ROLE_BUSINESS && actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY &&
        actor->role != SH_ROLE_TOWNSHIP)
        return sh_fail(err, SH_EPERM, "", "代为申请由乡镇或县局办理 (township or county officials file for a workshop)");
    if (!pub && actor->role == SH_ROLE_BUSINESS && !strcmp(kind, "new"))
        return sh_fail(err, SH_EINVAL, "kind", "已登记的作坊请办理变更或延续 (a registered workshop changes or renews)");
    json_t *eid = json_object_get(body, "entity_id");
    int64_t entity_id = 0;
    if (strcmp(kind, "new") != 0) {
        if (!json_is_integer(eid) || json_integer_value(eid) <= 0)
            return sh_fail(err, SH_EINVAL, "entity_id", "请选择已登记的小作坊 (choose the registered workshop)");
        entity_id = json_integer_value(eid);
    }
    int own, rc = sh_db_join(db, &own, err);
    if (rc)
        return rc;
    json_t *d = NULL;
    char due[11] = "", today[11], key[17] = "", key_hash[65] = "";
    int provisional = 0;
    int64_t id = 0, now = sh_now_ms();
    sh_today(today);
    if ((rc = gather(db, actor, kind, body, entity_id, &d, err)) == 0 && (rc = none_running(db, entity_id, err)) == 0)
        rc = ws_due(db, "workshop_review_days", 10, due, &provisional, err);
    if (rc == 0 && pub) {
        static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        for (int i = 0; i < 16; i++)
            key[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
        rc = sh_secret_keyed_hash("workshop-application-key", key, 16, key_hash, err);
    }
    if (rc == 0) {
        char *products = json_dumps(json_object_get(d, "products") ? json_object_get(d, "products") : json_array(), JSON_COMPACT);
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO workshop_applications(kind, status, entity_id, division_code, name, operator, phone, address, uscc,"
                                    " products, note, key_hash, submitted_on, review_due, due_provisional, created_by, created_at, updated_at)"
                                    " VALUES (?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                    err);
        if (st) {
            sh_bind_text(st, 1, kind);
            sh_bind_int64_or_null(st, 2, entity_id);
            bind_data(st, 3, d, products);
            sh_bind_text_or_null(st, 11, pub ? key_hash : NULL);
            sh_bind_text(st, 12, today);
            sh_bind_text(st, 13, due);
            sh_bind_int64(st, 14, provisional);
            sh_bind_int64_or_null(st, 15, actor->user_id);
            sh_bind_int64(st, 16, now);
            sh_bind_int64(st, 17, now);
        }
        free(products);
        rc = sh_stmt_insert_id(st, &id, err);
    }
    if (rc == 0)
        rc = ws_step(db, actor, id, "submit", text(d, "note"), NULL, err);
    if (rc == 0)
        rc = sh_audit(db, actor, "create", "workshop_application", id, NULL, d, err);
    json_decref(d);
    if ((rc = sh_db_leave(db, own, rc, err)) != 0)
        return rc;
    if (ret_key)
        snprintf(ret_key, 17, "%s", key);
    return ws_view(db, id, ret, err);
}

int sh_ws_app_resubmit(sh_db *db, const sh_principal *actor, int64_t id, const char *key, json_t *body, json_t **ret, sh_err *err)
{
    ws_app a;
    int own, rc = sh_db_join(db, &own, err);
    if (rc)
        return rc;
    json_t *d = NULL;
    char due[11] = "";
    int provisional = 0;
    if ((rc = ws_load(db, actor, id, key, &a, err)) == 0 && !json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    if (rc == 0 && strcmp(a.status, "returned") != 0)
        rc = sh_fail(err, SH_EEXIST, "status", "只有退回补正的申请可以重新提交（当前：%s） (only a returned application is filed again)",
                     ws_status_label(a.status));
    if (rc == 0 && !key && actor->role != SH_ROLE_BUSINESS && !sh_principal_can_edit_registry(actor))
        rc = sh_fail(err, SH_EPERM, "", "无权代为补正 (may not correct it)");
    if (rc == 0)
        rc = gather(db, actor, a.kind, body, a.entity_id, &d, err);
    if (rc == 0)
        rc = ws_due(db, "workshop_review_days", 10, due, &provisional, err);
    if (rc == 0) {
        char today[11];
        sh_today(today);
        char *products = json_dumps(json_object_get(d, "products") ? json_object_get(d, "products") : json_array(), JSON_COMPACT);
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE workshop_applications SET status = 'submitted', division_code = ?, name = ?, operator = ?, phone = ?,"
                                    " address = ?, uscc = ?, products = ?, note = ?, submitted_on = ?, review_due = ?, due_provisional = ?,"
                                    " overdue_at = NULL, updated_at = ? WHERE id = ? AND status = 'returned'",
                                    err);
        if (st) {
            bind_data(st, 1, d, products);
            sh_bind_text(st, 9, today);
            sh_bind_text(st, 10, due);
            sh_bind_int64(st, 11, provisional);
            sh_bind_int64(st, 12, sh_now_ms());
            sh_bind_int64(st, 13, id);
        }
        free(products);
        rc = sh_stmt_run(st, err);
    }
    if (rc == 0)
        rc = ws_step(db, actor, id, "resubmit", text(d, "note"), NULL, err);
    if (rc == 0)
        rc = sh_audit(db, actor, "resubmit", "workshop_application", id, NULL, d, err);
    json_decref(d);
    if ((rc = sh_db_leave(db, own, rc, err)) != 0)
        return rc;
    return ws_view(db, id, ret, err);
}

int sh_ws_app_attach(sh_db *db, const sh_principal *actor, const char *files_dir, int64_t id, const char *key, const void *data,
                     size_t len, json_t **ret, sh_err *err)
{
    ws_app a;
    int rc = ws_load(db, actor, id, key, &a, err);
    if (rc)
        return rc;
    if (!key && actor->role != SH_ROLE_BUSINESS && !sh_principal_can_edit_registry(actor))
        return sh_fail(err, SH_EPERM, "", "材料由申请人或乡镇、县局添加 (the applicant or the township adds files)");
    if (strcmp(a.status, "submitted") && strcmp(a.status, "returned"))
        return sh_fail(err, SH_EEXIST, "status", "申请已审查，不能再添加材料 (reviewed: no more files)");
    sh_attachment_file f;
    int own = 0;
    if ((rc = sh_attachment_write(files_dir, data, len, &f, err)) != 0 || (rc = sh_db_join(db, &own, err)) != 0)
        return rc;
    int64_t n = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM attachments WHERE owner_type = 'workshop_app' AND owner_id = ?", err);
    if (st) {
        sh_bind_int64(st, 1, id);
        if ((rc = sh_stmt_step(st, err)) == SH_ROW)
            n = sh_col_int64(st, 0);
        sh_stmt_done(st);
        rc = rc < 0 ? rc : 0;
    } else {
        rc = SH_EINTERNAL;
    }
    if (rc == 0 && n >= 20)
        rc = sh_fail(err, SH_EINVAL, "file", "每份申请最多20份材料 (at most 20 files)");
    sh_attachment_blob b = {.entity_id = a.entity_id, .owner_type = "workshop_app", .owner_id = id, .item_id = 0};
    if (rc == 0)
        rc = sh_attachment_store(db, actor, &b, &f, NULL, ret, err);
    return sh_db_leave(db, own, rc, err);
}

int sh_ws_app_get(sh_db *db, const sh_principal *actor, int64_t id, const char *key, json_t **ret, sh_err *err)
{
    ws_app a;
    int rc = ws_load(db, actor, id, key, &a, err);
    return rc ? rc : ws_view(db, id, ret, err);
}
