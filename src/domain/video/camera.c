/* The camera registry: create, read, change and list the cameras of businesses. */
#include "domain/video/camera.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mac.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/video/camera_int.h"
#include "domain/registry/entity.h"
#include "domain/identity/secret.h"
#include "domain/base/settings.h"
#include "store/dialect.h"
#include "store/qb.h"

int64_t sh_camera_offline_after_ms(sh_db *db)
{
    int s = sh_setting_int(db, "camera_offline_after_s", 300);
    return (int64_t)(s > 0 ? s : 300) * 1000;
}

json_t *sh_camera_json_text(const char *text, json_t *fallback)
{
    json_t *j = text && text[0] ? json_loads(text, 0, NULL) : NULL;
    if (!j)
        return fallback;
    json_decref(fallback);
    return j;
}

json_t *sh_camera_row_json(sh_stmt *st, int64_t online_from)
{
#define OPT_INT(c) (sh_col_is_null(st, c) ? json_null() : json_integer(sh_col_int64(st, c)))
    int enabled = sh_col_int64(st, 12) != 0;
    int online = enabled && !sh_col_is_null(st, 13) && sh_col_int64(st, 13) >= online_from;
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s*, s:o, s:o, s:o, s:b, s:b, s:o, s:o, s:o, s:o,"
                     " s:o, s:I, s:I}",
                     "id", (json_int_t)sh_col_int64(st, 0), "entity_id", (json_int_t)sh_col_int64(st, 1), "entity_name",
                     sh_col_text(st, 2), "township_code", sh_col_text(st, 19), "township_name", sh_col_text(st, 20),
                     "name", sh_col_text(st, 3), "area", sh_col_text(st, 4), "area_label", sh_col_text(st, 5),
                     "has_credentials", (int)sh_col_int64(st, 7), "device_id",
                     sh_col_is_null(st, 8) ? NULL : sh_col_text(st, 8), "stream_url", json_string(sh_col_text(st, 6)),
                     "schedule", sh_camera_json_text(sh_col_text(st, 9), json_array()), "zones",
                     sh_camera_json_text(sh_col_text(st, 10), json_array()), "enabled", enabled, "online", online, "rules",
                     sh_camera_json_text(sh_col_text(st, 11), json_array()), "last_heartbeat_at", OPT_INT(13),
                     "offline_since", OPT_INT(14), "last_snapshot_id", OPT_INT(15), "health",
                     sh_col_is_null(st, 16) ? json_null() : sh_camera_json_text(sh_col_text(st, 16), json_null()),
                     "created_at", (json_int_t)sh_col_int64(st, 17), "updated_at", (json_int_t)sh_col_int64(st, 18));
#undef OPT_INT
}

static int can_write(const sh_principal *p)
{
    return sh_principal_can_edit_registry(p) || p->role == SH_ROLE_BUSINESS;
}

/* ---- the fields of a request ---- */

typedef struct cam_values {
    const char *name, *area, *device_id;
    char *url, *user, *password;          /* owned */
    json_t *schedule, *zones, *rules;     /* owned */
    int enabled;
    int has_name, has_area, has_url, has_user, has_password, has_device, has_enabled;
} cam_values;

static void values_release(cam_values *v)
{
    free(v->url);
    free(v->user);
    if (v->password) {
        sodium_memzero(v->password, strlen(v->password));
        free(v->password);
    }
    json_decref(v->schedule);
    json_decref(v->zones);
    json_decref(v->rules);
}

static int area_exists(sh_db *db, const char *code)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT 1 FROM camera_areas WHERE code = ?", NULL);
    if (!st)
        return 0;
    sh_bind_text(st, 1, code);
    int found = sh_stmt_step(st, NULL) == SH_ROW;
    sh_stmt_done(st);
    return found;
}

/* A string value or null (clears) for an optional text field. */
static int opt_string(json_t *j, const char *field, const char **out, sh_err *err)
{
    if (json_is_null(j)) {
        *out = NULL;
        return 0;
    }
    if (!json_is_string(j))
        return sh_fail(err, SH_EINVAL, field, "应为字符串或null (must be a string or null)");
    *out = json_string_value(j);
    return 0;
}

static int parse_values(sh_db *db, json_t *body, int creating, cam_values *v, sh_err *err)
{
    static const char *const keys[] = {"entity_id", "name", "area", "stream_url", "username", "password",
                                       "device_id", "schedule", "zones", "rules", "enabled", NULL};
    memset(v, 0, sizeof *v);
    const char *k;
    json_t *j;
    json_object_foreach(body, k, j) {
        int ok = 0;
        for (int i = 0; keys[i]; i++)
            ok |= !strcmp(k, keys[i]);
        if (!ok)
            return sh_fail(err, SH_EINVAL, k, "未知字段 (unknown field)");
    }
    int rc;
    if ((j = json_object_get(body, "name")) || creating) {
        v->has_name = 1;
        v->name = json_string_value(j);
        if ((rc = sh_check_text(v->name, 1, 60, "name", err)) != 0)
            return rc == SH_EINVAL && !v->name ? sh_fail(err, SH_EINVAL, "name", "必填，1到60个字 (required, 1 to 60 characters)") : rc;
    }
    if ((j = json_object_get(body, "area")) || creating) {
        v->has_area = 1;
        v->area = json_string_value(j);
        if (!v->area || !area_exists(db, v->area))
            return sh_fail(err, SH_EINVAL, "area", "应为摄像区域代码，如kitchen、processing、storage (must be a camera area code such as kitchen)");
    }
    const char *user = NULL, *password = NULL;
    int given_user = 0, given_password = 0;
    if ((j = json_object_get(body, "username"))) {
        given_user = 1;
        if ((rc = opt_string(j, "username", &user, err)) != 0 || (user && (rc = sh_check_text(user, 1, 64, "username", err)) != 0))
            return rc;
    }
    if ((j = json_object_get(body, "password"))) {
        given_password = 1;
        if ((rc = opt_string(j, "password", &password, err)) != 0 ||
            (password && (rc = sh_check_text(password, 1, 128, "password", err)) != 0))
            return rc;
    }
    if ((j = json_object_get(body, "stream_url")) || creating) {
        v->has_url = 1;
        if (j && !json_is_string(j))
            return sh_fail(err, SH_EINVAL, "stream_url", "应为字符串 (must be a string)");
        if ((rc = sh_camera_check_url(json_string_value(j), &v->url, &v->user, &v->password, err)) != 0)
            return rc;
        if (v->user && (given_user || given_password))
            return sh_fail(err, SH_EINVAL, "stream_url",
                           "地址中已含用户名和密码，请勿再单独填写 (the URL carries credentials; do not also send username or password)");
        if (v->user && (sh_check_text(v->user, 1, 64, "stream_url", NULL) || (v->password && sh_check_text(v->password, 1, 128, "stream_url", NULL))))
            return sh_fail(err, SH_EINVAL, "stream_url", "地址中的用户名或密码过长 (the user name or password in the URL is too long)");
        if (v->user)
            v->has_user = v->has_password = 1;
    }
    if (given_user) {
        v->has_user = 1;
        v->user = user ? sh_xstrdup(user) : NULL;
    }
    if (given_password) {
        v->has_password = 1;
        v->password = password ? sh_xstrdup(password) : NULL;
    }
    if ((j = json_object_get(body, "device_id"))) {
        v->has_device = 1;
        if ((rc = opt_string(j, "device_id", &v->device_id, err)) != 0 ||
            (v->device_id && (rc = sh_camera_check_device_id(v->device_id, "device_id", err)) != 0))
            return rc;
        if (v->device_id) /* a MAC and channel as ISAPI names it: aa:bb:cc:dd:ee:ff:1 (core/mac.h) */
            v->device_id = sh_camera_device_id_canonical(j);
    }
    if ((j = json_object_get(body, "schedule")) && !(v->schedule = sh_camera_check_schedule(j, err)))
        return SH_EINVAL;
    if ((j = json_object_get(body, "zones")) && !(v->zones = sh_camera_check_zones(j, err)))
        return SH_EINVAL;
    if ((j = json_object_get(body, "rules")) && !(v->rules = sh_camera_check_rules(db, j, err)))
        return err && err->code ? err->code : SH_EINVAL;
    if ((j = json_object_get(body, "enabled"))) {
        if (!json_is_boolean(j))
            return sh_fail(err, SH_EINVAL, "enabled", "应为true或false (must be true or false)");
        v->has_enabled = 1;
        v->enabled = json_is_true(j);
    }
    return 0;
}

static char *dump(json_t *j)
{
    return json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(6));
}

static int device_conflict(int rc, sh_err *err)
{
    return rc == SH_EEXIST ? sh_fail(err, SH_EEXIST, "device_id", "设备编号已被其他摄像头使用 (device_id is used by another camera)") : rc;
}

int sh_camera_create_in_tx(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err)
{
    json_t *eid = json_object_get(body, "entity_id");
    if (!json_is_integer(eid) || json_integer_value(eid) <= 0)
        return sh_fail(err, SH_EINVAL, "entity_id", "必填，应为主体编号 (required: the business id)");
    cam_values v;
    int rc = parse_values(db, body, 1, &v, err);
    if (rc == 0 && v.password && !v.user)
        rc = sh_fail(err, SH_EINVAL, "username", "填写密码时须同时填写用户名 (a password needs a user name)");
    char *sealed = NULL;
    if (rc == 0 && v.password)
        rc = sh_secret_seal(v.password, &sealed, err);
    if (rc) {
        values_release(&v);
        free(sealed);
        return rc;
    }
    sh_entity e;
    rc = sh_entity_get(db, actor, json_integer_value(eid), &e, err);
    if (rc == SH_ENOTFOUND)
        rc = sh_fail(err, SH_EINVAL, "entity_id", "主体不存在或不在您的管辖范围内 (no such business in your jurisdiction)");
    else if (rc == 0) {
        if (!strcmp(e.status, "closed") || !strcmp(e.status, "revoked"))
            rc = sh_fail(err, SH_EINVAL, "entity_id", "主体已注销或吊销，不能登记摄像头 (the business is closed or revoked)");
        sh_entity_release(&e);
    }
    sh_stmt *st = rc ? NULL
                     : sh_db_prepare(db,
                                     "INSERT INTO cameras(entity_id, name, area, stream_url, stream_user, stream_secret, device_id,"
                                     " schedule, zones, rules, enabled, created_at, updated_at)"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                     err);
    if (!rc && !st)
        rc = SH_EINTERNAL;
    int64_t id = 0;
    if (st) {
        char *sched = v.schedule ? dump(v.schedule) : NULL, *zones = v.zones ? dump(v.zones) : NULL,
             *rules = v.rules ? dump(v.rules) : NULL;
        int64_t now = sh_now_ms();
        sh_bind_int64(st, 1, json_integer_value(eid));
        sh_bind_text(st, 2, v.name);
        sh_bind_text(st, 3, v.area);
        sh_bind_text(st, 4, v.url);
        sh_bind_text(st, 5, v.user);
        sh_bind_text(st, 6, sealed);
        sh_bind_text(st, 7, v.device_id);
        sh_bind_text(st, 8, sched ? sched : "[]");
        sh_bind_text(st, 9, zones ? zones : "[]");
        sh_bind_text(st, 10, rules ? rules : "[]");
        sh_bind_int64(st, 11, v.has_enabled ? v.enabled : 1);
        sh_bind_int64(st, 12, now);
        sh_bind_int64(st, 13, now);
        rc = device_conflict(sh_stmt_insert_id(st, &id, err), err);
        free(sched);
        free(zones);
        free(rules);
    }
    values_release(&v);
    free(sealed);
    json_t *after = NULL;
    if (rc >= 0 && (rc = sh_camera_get(db, actor, id, &after, err)) == 0) {
        rc = sh_audit(db, actor, "create", "camera", id, NULL, after, err);
        json_decref(after);
    }
    if (rc >= 0 && ret_id)
        *ret_id = id;
    return rc < 0 ? rc : 0;
}

int sh_camera_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err)
{
    if (!can_write(actor))
        return sh_fail(err, SH_EPERM, "", "您的角色无权登记摄像头 (your role may not register cameras)");
    if (actor->role == SH_ROLE_BUSINESS)
        return sh_fail(err, SH_EPERM, "", "经营者登记摄像头须提交申请，由监管人员审批 (a business files a request an official approves)");
    int rc = sh_db_begin(db, err);
    if (rc == 0)
        rc = sh_db_finish(db, sh_camera_create_in_tx(db, actor, body, ret_id, err), err);
    return rc;
}

int sh_camera_update_in_tx(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    json_t *eid = json_object_get(body, "entity_id");
    cam_values v;
    int rc = parse_values(db, body, 0, &v, err);
    if (rc) {
        values_release(&v);
        return rc;
    }
    json_t *before = NULL;
    if ((rc = sh_camera_get(db, actor, id, &before, err)) != 0) {
        values_release(&v);
        return rc;
    }
    if (eid && (!json_is_integer(eid) || json_integer_value(eid) != json_integer_value(json_object_get(before, "entity_id"))))
        rc = sh_fail(err, SH_EINVAL, "entity_id", "摄像头不能改属其他主体，请另行登记 (a camera cannot move to another business; register a new one)");
    /* credentials: the stored user name */
    char *cur_user = NULL;
    sh_stmt *st = rc ? NULL : sh_db_prepare(db, "SELECT stream_user FROM cameras WHERE id = ?", err);
    if (st) {
        sh_bind_int64(st, 1, id);
        if (sh_stmt_step(st, err) == SH_ROW) {
            cur_user = sh_col_is_null(st, 0) ? NULL : sh_xstrdup(sh_col_text(st, 0));
        }
        sh_stmt_done(st);
    }
    const char *new_user = v.has_user ? v.user : cur_user;
    /* clearing the user name clears the password; a new password needs a user name */
    int clear_secret = (v.has_password && !v.password) || (v.has_user && !v.user);
    if (rc == 0 && v.password && !new_user)
        rc = sh_fail(err, SH_EINVAL, "username", "填写密码时须同时填写用户名 (a password needs a user name)");
    char *sealed = NULL;
    if (rc == 0 && v.password)
        rc = sh_secret_seal(v.password, &sealed, err);
    if (rc == 0) {
        st = sh_db_prepare(db,
                           "UPDATE cameras SET name = coalesce(?1, name), area = coalesce(?2, area), stream_url = coalesce(?3, stream_url),"
                           " stream_user = CASE WHEN ?4 = 1 THEN ?5 ELSE stream_user END,"
                           " stream_secret = CASE WHEN ?6 = 1 THEN ?7 WHEN ?8 = 1 THEN NULL ELSE stream_secret END,"
                           " device_id = CASE WHEN ?9 = 1 THEN ?10 ELSE device_id END, schedule = coalesce(?11, schedule),"
                           " zones = coalesce(?12, zones), rules = coalesce(?13, rules), enabled = coalesce(?14, enabled),"
                           " offline_since = CASE WHEN coalesce(?14, enabled) = 0 THEN NULL ELSE offline_since END,"
                           " updated_at = ?15 WHERE id = ?16",
                           err);
        if (!st)
            rc = SH_EINTERNAL;
    }
    if (rc == 0) {
        char *sched = v.schedule ? dump(v.schedule) : NULL, *zones = v.zones ? dump(v.zones) : NULL,
             *rules = v.rules ? dump(v.rules) : NULL;
        sh_bind_text(st, 1, v.has_name ? v.name : NULL);
        sh_bind_text(st, 2, v.has_area ? v.area : NULL);
        sh_bind_text(st, 3, v.has_url ? v.url : NULL);
        sh_bind_int64(st, 4, v.has_user);
        sh_bind_text(st, 5, v.user);
        sh_bind_int64(st, 6, sealed != NULL);
        sh_bind_text(st, 7, sealed);
        sh_bind_int64(st, 8, clear_secret);
        sh_bind_int64(st, 9, v.has_device);
        sh_bind_text(st, 10, v.device_id);
        sh_bind_text(st, 11, sched);
        sh_bind_text(st, 12, zones);
        sh_bind_text(st, 13, rules);
        if (v.has_enabled) sh_bind_int64(st, 14, v.enabled); else sh_bind_null(st, 14);
        sh_bind_int64(st, 15, sh_now_ms());
        sh_bind_int64(st, 16, id);
        rc = device_conflict(sh_stmt_step(st, err), err);
        sh_stmt_done(st);
        free(sched);
        free(zones);
        free(rules);
    }
    int cred_changed = v.has_user || v.has_password;
    free(cur_user);
    free(sealed);
    values_release(&v);
    json_t *after = NULL;
    if (rc >= 0 && (rc = sh_camera_get(db, actor, id, &after, err)) == 0) {
        if (cred_changed)
            json_object_set_new(after, "credentials_changed", json_true());
        rc = sh_audit(db, actor, "update", "camera", id, before, after, err);
        json_decref(after);
    }
    json_decref(before);
    return rc < 0 ? rc : 0;
}

int sh_camera_update(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    if (!can_write(actor))
        return sh_fail(err, SH_EPERM, "", "您的角色无权修改摄像头 (your role may not change cameras)");
    if (actor->role == SH_ROLE_BUSINESS) {
        /* as if it did not exist when it is not the business's own, else a request to file */
        json_t *c = NULL;
        int rc = sh_camera_get(db, actor, id, &c, err);
        json_decref(c);
        return rc ? rc : sh_fail(err, SH_EPERM, "", "经营者修改摄像头须提交申请，由监管人员审批 (a business files a request an official approves)");
    }
    int rc = sh_db_begin(db, err);
    if (rc == 0)
        rc = sh_db_finish(db, sh_camera_update_in_tx(db, actor, id, body, err), err);
    return rc;
}

int sh_camera_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " CAM_COLS CAM_FROM " WHERE c.id = ");
    sh_qb_int64(&qb, id);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret = sh_camera_row_json(st, sh_now_ms() - sh_camera_offline_after_ms(db));
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_ENOTFOUND, "id", "摄像头不存在或不在您的管辖范围内 (no such camera in your jurisdiction)");
    return 0;
}

static void list_where(sh_qb *qb, const sh_principal *actor, const sh_camera_filter *f, int64_t online_from)
{
    sh_qb_sql(qb, CAM_FROM " WHERE c.id > ");
    sh_qb_int64(qb, f->after_id);
    if (f->entity_id) {
        sh_qb_sql(qb, " AND c.entity_id = ");
        sh_qb_int64(qb, f->entity_id);
    }
    if (f->status && !strcmp(f->status, "online")) {
        sh_qb_sql(qb, " AND c.enabled = 1 AND c.last_heartbeat_at >= ");
        sh_qb_int64(qb, online_from);
    } else if (f->status && !strcmp(f->status, "offline")) {
        sh_qb_sql(qb, " AND c.enabled = 1 AND coalesce(c.last_heartbeat_at, 0) < ");
        sh_qb_int64(qb, online_from);
    } else if (f->status) {
        sh_qb_sql(qb, " AND c.enabled = 0");
    }
    if (f->township) {
        char prefix[13];
        sh_division_prefix(f->township, prefix);
        sh_qb_division_prefix(qb, sh_sql_no_index("e.division_code").sql, prefix);
    }
    sh_scope_entities_by_id(qb, &actor->scope, "e");
}

int sh_camera_list(sh_db *db, const sh_principal *actor, const sh_camera_filter *f, json_t **ret_items,
                   int64_t *ret_next, int64_t *ret_total, sh_err *err)
{
    if (f->status && strcmp(f->status, "online") && strcmp(f->status, "offline") && strcmp(f->status, "disabled"))
        return sh_fail(err, SH_EINVAL, "status", "状态应为online、offline或disabled (status must be online, offline or disabled)");
    if (f->township && (strlen(f->township) != 12 || strcmp(f->township + 9, "000") ||
                        sh_check_division_code(f->township, "township", NULL) != 0))
        return sh_fail(err, SH_EINVAL, "township", "乡镇代码应为12位数字 (township must be a 12-digit code)");
    if (f->limit < 1 || f->limit > 500)
        return sh_fail(err, SH_EINVAL, "limit", "每页条数应为1-500 (limit must be 1-500)");
    int64_t online_from = sh_now_ms() - sh_camera_offline_after_ms(db);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " CAM_COLS);
    list_where(&qb, actor, f, online_from);
    sh_qb_sql(&qb, " ORDER BY c.id LIMIT ");
    sh_qb_int64(&qb, f->limit + 1);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    int rc, n = 0;
    int64_t last = 0, next = 0;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        if (n++ == f->limit) {
            next = last;
            break;
        }
        last = sh_col_int64(st, 0);
        json_array_append_new(items, sh_camera_row_json(st, online_from));
    }
    sh_stmt_done(st);
    if (rc >= 0 && ret_total) {
        sh_qb_init(&qb);
        sh_qb_sql(&qb, "SELECT count(*)");
        sh_camera_filter all = *f;
        all.after_id = 0;
        list_where(&qb, actor, &all, online_from);
        st = sh_qb_prepare(db, &qb, err);
        sh_qb_release(&qb);
        rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
        if (rc == SH_ROW)
            *ret_total = sh_col_int64(st, 0);
        if (st)
            sh_stmt_done(st);
    }
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret_items = items;
    *ret_next = next;
    return 0;
}

int sh_camera_find(sh_db *db, const sh_principal *actor, int64_t id, const char *device_id, sh_camera_ref *ret,
                   sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT c.id, c.entity_id, c.enabled FROM cameras c JOIN entities e ON e.id = c.entity_id WHERE ");
    if (id > 0) {
        sh_qb_sql(&qb, "c.id = ");
        sh_qb_int64(&qb, id);
    } else {
        /* registered in canonical form (core/mac.h); rows from before that keep their own spelling */
        char canon[96];
        sh_device_id_normalize(device_id ? device_id : "", canon, sizeof canon);
        sh_qb_sql(&qb, "c.device_id IN (");
        sh_qb_text(&qb, canon);
        sh_qb_sql(&qb, ", ");
        sh_qb_text(&qb, device_id ? device_id : "");
        sh_qb_sql(&qb, ")");
    }
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        ret->id = sh_col_int64(st, 0);
        ret->entity_id = sh_col_int64(st, 1);
        ret->enabled = (int)sh_col_int64(st, 2);
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_ENOTFOUND, id > 0 ? "camera_id" : "device_id",
                       "摄像头不存在或不在您的管辖范围内 (no such camera in your jurisdiction)");
    return 0;
}
