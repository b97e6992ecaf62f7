#include "domain/identity/users.h"

#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/identity/auth.h"
#include "store/scope.h"

/* Where an account works: its own division, its grid's, its business's. */
#define USER_AREA "coalesce(u.division_code, g.division_code, e.division_code)"
#define USER_COLS                                                                                                     \
    "u.id, u.username, u.display_name, u.role, " USER_AREA ", d.name, u.grid_id, u.entity_id, e.name, u.phone, u.disabled," \
    " u.must_change_password, u.created_at"

typedef struct where_ctx {
    const sh_principal *actor;
    const sh_user_filter *f;
    int64_t id;
} where_ctx;

static int may_manage(const sh_principal *a)
{
    return !a->device && (a->role == SH_ROLE_ADMIN || (a->role == SH_ROLE_COUNTY && a->scope.kind == SH_SCOPE_DIVISION));
}

static int refuse(sh_err *err)
{
    return sh_fail(err, SH_EPERM, "", "仅系统管理员和县级监管人员可以管理账号 (only the administrator and county officials manage accounts)");
}

static void from_where(sh_qb *qb, const void *ctx)
{
    const where_ctx *w = ctx;
    sh_qb_sql(qb, " FROM users u LEFT JOIN grids g ON g.id = u.grid_id LEFT JOIN entities e ON e.id = u.entity_id"
                  " LEFT JOIN divisions d ON d.code = " USER_AREA " WHERE 1 = 1");
    if (w->actor->role != SH_ROLE_ADMIN) {
        sh_qb_sql(qb, " AND u.role <> 'admin'");
        sh_qb_division_prefix(qb, USER_AREA, w->actor->scope.prefix);
    }
    if (w->id) {
        sh_qb_sql(qb, " AND u.id = ");
        sh_qb_int64(qb, w->id);
    }
    if (w->f && w->f->role) {
        sh_qb_sql(qb, " AND u.role = ");
        sh_qb_text(qb, w->f->role);
    }
    if (w->f && w->f->q && *w->f->q) {
        char like[160];
        snprintf(like, sizeof like, "%%%s%%", w->f->q);
        sh_qb_sql(qb, " AND (u.username LIKE ");
        sh_qb_text(qb, like);
        sh_qb_sql(qb, " OR u.display_name LIKE ");
        sh_qb_text(qb, like);
        sh_qb_sql(qb, ")");
    }
}

static json_t *user_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    sh_role role = SH_ROLE_BUSINESS;
    sh_role_parse(sh_col_text(st, 3), &role);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:b, s:I}", "id", (json_int_t)sh_col_int64(st, 0),
                     "username", sh_col_text(st, 1), "display_name", sh_col_text(st, 2), "role", sh_col_text(st, 3), "role_label",
                     sh_role_label_zh(role), "division_code", sh_col_text_json(st, 4), "jurisdiction_name", sh_col_text_json(st, 5), "grid_id",
                     sh_col_int_json(st, 6), "entity_id", sh_col_int_json(st, 7), "entity_name", sh_col_text_json(st, 8), "phone", sh_col_text_json(st, 9), "disabled",
                     (int)sh_col_int64(st, 10), "must_change_password", (int)sh_col_int64(st, 11), "created_at",
                     (json_int_t)sh_col_int64(st, 12));
}

int sh_users_list(sh_db *db, const sh_principal *actor, const sh_user_filter *f, const sh_page *page, json_t **ret, sh_err *err)
{
    if (!may_manage(actor))
        return refuse(err);
    sh_role role;
    if (f->role && sh_role_parse(f->role, &role) != 0)
        return sh_fail(err, SH_EINVAL, "role", "角色无效 (unknown role)");
    where_ctx w = {actor, f, 0};
    sh_page_query q = {USER_COLS, from_where, &w, " ORDER BY u.id DESC", page->limit, page->offset, user_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}

int sh_user_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    if (!may_manage(actor))
        return refuse(err);
    where_ctx w = {actor, NULL, id};
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " USER_COLS);
    from_where(&qb, &w);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    json_t *rows = json_array();
    int rc = sh_rows_append(st, user_row, NULL, rows, err);
    if (rc == 0 && json_array_size(rows) == 0)
        rc = sh_fail(err, SH_ENOTFOUND, "id", "账号不存在 (no such account)");
    *ret = rc ? NULL : json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return rc;
}

/* An optional integer of the body (0 when absent); SH_EINVAL when it is there and not a positive integer. */
static int body_id(json_t *body, const char *field, const char *label, int64_t *out, sh_err *err)
{
    json_t *v = json_object_get(body, field);
    *out = 0;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) <= 0)
        return sh_fail(err, SH_EINVAL, field, "%s应为正整数 (must be a positive integer)", label);
    *out = json_integer_value(v);
    return 0;
}

static int create_in_tx(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    sh_user_input in = {0};
    in.username = json_string_value(json_object_get(body, "username"));
    in.password = json_string_value(json_object_get(body, "password"));
    in.must_change_password = 1;
    const char *role = json_string_value(json_object_get(body, "role"));
    int rc;
    if (!role || sh_role_parse(role, &in.role) != 0)
        return sh_fail(err, SH_EINVAL, "role", "请选择角色 (choose a role)");
    if (in.role == SH_ROLE_ADMIN && actor->role != SH_ROLE_ADMIN)
        return sh_fail(err, SH_EPERM, "role", "只有系统管理员可以创建管理员账号 (only the administrator makes administrators)");
    if ((rc = sh_body_text(body, "display_name", "姓名", 1, 40, &in.display_name, err)) != 0 ||
        (rc = sh_body_text(body, "division_code", "管辖区划", 0, 12, &in.division_code, err)) != 0 ||
        (rc = sh_body_text(body, "phone", "手机号", 0, 20, &in.phone, err)) != 0 ||
        (rc = body_id(body, "grid_id", "网格", &in.grid_id, err)) != 0 ||
        (rc = body_id(body, "entity_id", "经营主体", &in.entity_id, err)) != 0)
        return rc;
    /* one jurisdiction, the one the role has */
    if (in.role == SH_ROLE_BUSINESS)
        in.division_code = NULL, in.grid_id = 0;
    else if (in.role == SH_ROLE_VILLAGE && in.grid_id)
        in.division_code = NULL, in.entity_id = 0;
    else
        in.grid_id = 0, in.entity_id = 0;
    if (in.role == SH_ROLE_ADMIN)
        in.division_code = NULL;
    int64_t id = 0;
    if ((rc = sh_user_add(db, actor, &in, &id, err)) != 0)
        return rc;
    /* made, it must lie where the actor manages: else nothing was made */
    if ((rc = sh_user_get(db, actor, id, ret, err)) == SH_ENOTFOUND) {
        const char *field = in.role == SH_ROLE_BUSINESS ? "entity_id" : in.grid_id ? "grid_id" : "division_code";
        return sh_fail(err, SH_EPERM, field, "该账号的管辖范围超出本账号的辖区 (outside your jurisdiction)");
    }
    return rc;
}

int sh_user_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    if (!may_manage(actor))
        return refuse(err);
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    *ret = NULL;
    rc = create_in_tx(db, actor, body, ret, err);
    if (rc) {
        json_decref(*ret);
        *ret = NULL;
    }
    return sh_db_finish(db, rc, err);
}

static int end_sessions(sh_db *db, int64_t id, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "DELETE FROM sessions WHERE user_id = ? AND kind = 'session'", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int update_in_tx(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    json_t *before = NULL;
    int rc = sh_user_get(db, actor, id, &before, err);
    if (rc)
        return rc;
    const char *name = NULL, *phone = NULL;
    json_t *disabled = json_object_get(body, "disabled");
    if ((rc = sh_body_text(body, "display_name", "姓名", 0, 40, &name, err)) == 0 &&
        (rc = sh_body_text(body, "phone", "手机号", 0, 20, &phone, err)) == 0 && phone)
        rc = sh_check_phone(phone, "phone", err);
    if (rc == 0 && disabled && !json_is_boolean(disabled))
        rc = sh_fail(err, SH_EINVAL, "disabled", "停用应为true或false (must be true or false)");
    if (rc == 0 && json_is_true(disabled) && id == actor->user_id)
        rc = sh_fail(err, SH_EINVAL, "disabled", "不能停用本人的账号 (you cannot stop your own account)");
    sh_stmt *st = rc ? NULL
                     : sh_db_prepare(db,
                                     "UPDATE users SET display_name = coalesce(?, display_name),"
                                     " phone = CASE WHEN ? = 1 THEN ? ELSE phone END,"
                                     " disabled = coalesce(?, disabled) WHERE id = ?",
                                     err);
    if (rc == 0 && !st)
        rc = SH_EINTERNAL;
    if (st) {
        sh_bind_text_or_null(st, 1, name);
        sh_bind_int64(st, 2, json_object_get(body, "phone") ? 1 : 0);
        sh_bind_text_or_null(st, 3, phone);
        if (disabled)
            sh_bind_int64(st, 4, json_is_true(disabled) ? 1 : 0);
        else
            sh_bind_null(st, 4);
        sh_bind_int64(st, 5, id);
        rc = sh_stmt_step(st, err);
        sh_stmt_done(st);
        rc = rc < 0 ? rc : 0;
    }
    if (rc == 0 && json_is_true(disabled))
        rc = end_sessions(db, id, err);
    if (rc == 0)
        rc = sh_user_get(db, actor, id, ret, err);
    if (rc == 0)
        rc = sh_audit(db, actor, "update", "user", id, before, *ret, err);
    json_decref(before);
    return rc;
}

int sh_user_update(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    if (!may_manage(actor))
        return refuse(err);
    *ret = NULL;
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    rc = update_in_tx(db, actor, id, body, ret, err);
    if (rc) {
        json_decref(*ret);
        *ret = NULL;
    }
    return sh_db_finish(db, rc, err);
}

int sh_user_reset_password(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    if (!may_manage(actor))
        return refuse(err);
    *ret = NULL;
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    const char *password = json_string_value(json_object_get(body, "password"));
    json_t *user = NULL;
    if ((rc = sh_user_get(db, actor, id, &user, err)) == 0)
        rc = sh_user_store_password(db, actor, id, password ? password : "", 1, NULL, err);
    if (rc == 0)
        json_object_set_new(user, "must_change_password", json_true());
    if (rc == 0)
        *ret = user;
    else
        json_decref(user);
    return sh_db_finish(db, rc, err);
}

static int change_in_tx(sh_db *db, const sh_principal *actor, const char *keep_token, json_t *body, sh_err *err)
{
    const char *old = json_string_value(json_object_get(body, "old_password"));
    const char *new_password = json_string_value(json_object_get(body, "new_password"));
    if (!old || !*old)
        return sh_fail(err, SH_EINVAL, "old_password", "请输入原密码 (the current password is required)");
    if (!new_password || !*new_password)
        return sh_fail(err, SH_EINVAL, "new_password", "请输入新密码 (the new password is required)");
    sh_stmt *st = sh_db_prepare(db, "SELECT password_hash FROM users WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, actor->user_id);
    int rc = sh_stmt_step(st, err);
    char hash[128] = "";
    if (rc == SH_ROW)
        snprintf(hash, sizeof hash, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!hash[0] || !sh_password_verify(hash, old))
        return sh_fail(err, SH_EINVAL, "old_password", "原密码不正确 (the current password is wrong)");
    if (sh_password_verify(hash, new_password))
        return sh_fail(err, SH_EINVAL, "new_password", "新密码不能与原密码相同 (the new password must differ)");
    if ((rc = sh_password_check_strength(new_password, err)) != 0) {
        snprintf(err->field, sizeof err->field, "new_password");
        return rc;
    }
    return sh_user_store_password(db, actor, actor->user_id, new_password, 0, keep_token, err);
}

int sh_password_change(sh_db *db, const sh_principal *actor, const char *keep_token, json_t *body, sh_err *err)
{
    if (actor->device || actor->user_id <= 0)
        return sh_fail(err, SH_EPERM, "", "设备令牌不能修改密码 (a device token cannot change a password)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    return sh_db_finish(db, change_in_tx(db, actor, keep_token, body, err), err);
}
