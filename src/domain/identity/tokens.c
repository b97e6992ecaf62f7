#include "domain/identity/tokens.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "store/rows.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/identity/auth.h"

#define TOKEN_COLS                                                                                           \
    "SELECT t.id, t.name, t.user_id, u.username, u.display_name, t.created_at, t.expires_at, t.revoked_at," \
    " t.rotated_at, t.grace_until, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id"

/* The predicate of the tokens an actor manages (binds: see bind_scope). */
static const char *scope_sql(const sh_principal *a)
{
    if (a->scope.kind == SH_SCOPE_ALL)
        return " WHERE t.id > 0";
    if (a->role == SH_ROLE_COUNTY && a->scope.kind == SH_SCOPE_DIVISION)
        return " WHERE (t.user_id = ? OR (u.division_code >= ? AND u.division_code < ?)"
               " OR u.grid_id IN (SELECT g.id FROM grids g WHERE g.division_code >= ? AND g.division_code < ?))";
    return " WHERE t.user_id = ?";
}

static int bind_scope(sh_stmt *st, const sh_principal *a, int idx)
{
    if (a->scope.kind == SH_SCOPE_ALL)
        return idx;
    sh_bind_int64(st, idx++, a->user_id);
    if (a->role == SH_ROLE_COUNTY && a->scope.kind == SH_SCOPE_DIVISION) {
        char hi[16];
        snprintf(hi, sizeof hi, "%s:", a->scope.prefix);
        for (int i = 0; i < 2; i++) {
            sh_bind_text(st, idx++, a->scope.prefix);
            sh_bind_text(st, idx++, hi);
        }
    }
    return idx;
}

static json_t *row_view(sh_stmt *st, int64_t now)
{
#define OPT(c) (sh_col_is_null(st, c) ? json_null() : json_integer(sh_col_int64(st, c)))
    const char *status = !sh_col_is_null(st, 7) ? "revoked"
                         : (!sh_col_is_null(st, 6) && sh_col_int64(st, 6) <= now) ? "expired"
                                                                                   : "active";
    int64_t grace = sh_col_is_null(st, 9) ? 0 : sh_col_int64(st, 9);
    return json_pack("{s:I, s:s, s:I, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:s}", "id", (json_int_t)sh_col_int64(st, 0),
                     "name", sh_col_text(st, 1), "user_id", (json_int_t)sh_col_int64(st, 2), "username",
                     sh_col_text(st, 3), "user_display_name", sh_col_text(st, 4), "created_at",
                     (json_int_t)sh_col_int64(st, 5), "expires_at", OPT(6), "revoked_at", OPT(7), "rotated_at",
                     OPT(8), "grace_until", grace > now && sh_col_is_null(st, 7) ? json_integer(grace) : json_null(),
                     "last_used_at", OPT(10), "status", status);
#undef OPT
}

static json_t *token_row(sh_stmt *st, void *now)
{
    return row_view(st, *(const int64_t *)now);
}

/* The token `id` as the actor may see it; SH_ENOTFOUND otherwise (a foreign id reads as a missing one). */
static int load_token(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    char sql[1024];
    snprintf(sql, sizeof sql, "%s%s AND t.id = ?", TOKEN_COLS, scope_sql(actor));
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    int idx = bind_scope(st, actor, 1);
    sh_bind_int64(st, idx, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret = row_view(st, sh_now_ms());
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_ENOTFOUND, "id", "设备令牌不存在 (no such token)");
    return 0;
}

int sh_api_token_create(sh_db *db, const sh_principal *actor, const sh_principal *owner, const char *name,
                        int days, char ret_token[65], int64_t *ret_id, sh_err *err)
{
    int rc;
    if ((rc = sh_check_text(name, 1, 60, "name", err)) != 0)
        return rc;
    if (!owner->user_id)
        return sh_fail(err, SH_EINVAL, "user", "设备令牌须属于一个用户 (API tokens belong to a user)");
    if (owner->role == SH_ROLE_BUSINESS)
        return sh_fail(err, SH_EPERM, "", "经营主体账号不能创建设备令牌 (business users cannot create device tokens)");
    if (days < 1 || days > SH_TOKEN_MAX_DAYS)
        return sh_fail(err, SH_EINVAL, "expires_in_days", "有效期须为1-%d天 (expires_in_days must be 1-%d)",
                       SH_TOKEN_MAX_DAYS, SH_TOKEN_MAX_DAYS);
    int64_t now = sh_now_ms(), expires = now + (int64_t)days * 86400 * 1000, id = 0;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO api_tokens(user_id, name, created_at, created_by, expires_at)"
                                " VALUES (?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (!st)
        rc = SH_EINTERNAL;
    else {
        sh_bind_int64(st, 1, owner->user_id);
        sh_bind_text(st, 2, name);
        sh_bind_int64(st, 3, now);
        sh_bind_int64_or_null(st, 4, actor->user_id);
        sh_bind_int64(st, 5, expires);
        rc = sh_stmt_insert_id(st, &id, err);
    }
    if (rc >= 0)
        rc = sh_token_issue(db, owner->user_id, "api", name, id, 0, ret_token, err);
    if (rc >= 0) {
        json_t *after = json_pack("{s:s, s:I, s:I}", "name", name, "user_id", (json_int_t)owner->user_id,
                                  "expires_at", (json_int_t)expires);
        rc = sh_audit(db, actor, "create", "api_token", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc < 0 ? rc : 0, err);
    if (rc == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int sh_api_token_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret_token, sh_err *err)
{
    return load_token(db, actor, id, ret_token, err);
}

int sh_api_token_list(sh_db *db, const sh_principal *actor, int limit, int offset, json_t **ret_items, int64_t *ret_total,
                      sh_err *err)
{
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM api_tokens t JOIN users u ON u.id = t.user_id%s", scope_sql(actor));
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    bind_scope(st, actor, 1);
    int rc = sh_stmt_step(st, err);
    int64_t total = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    snprintf(sql, sizeof sql, "%s%s ORDER BY t.id DESC LIMIT ? OFFSET ?", TOKEN_COLS, scope_sql(actor));
    if (!(st = sh_db_prepare(db, sql, err)))
        return SH_EINTERNAL;
    int idx = bind_scope(st, actor, 1);
    sh_bind_int64(st, idx, limit);
    sh_bind_int64(st, idx + 1, offset);
    json_t *items = json_array();
    int64_t now = sh_now_ms();
    rc = sh_rows_append(st, token_row, &now, items, err);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret_items = items;
    if (ret_total)
        *ret_total = total;
    return 0;
}

static int run_id(sh_db *db, const char *sql, int64_t a, int64_t b, int64_t id, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, a);
    sh_bind_int64(st, 2, b);
    sh_bind_int64(st, 3, id);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_api_token_revoke(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret_token, sh_err *err)
{
    json_t *before = NULL, *after = NULL;
    int rc = sh_db_begin(db, err);
    if (rc != 0)
        return rc;
    if ((rc = load_token(db, actor, id, &before, err)) == 0 &&
        strcmp(json_string_value(json_object_get(before, "status")), "revoked") == 0)
        rc = sh_fail(err, SH_EEXIST, "id", "该令牌已吊销 (the token is already revoked)");
    int64_t now = sh_now_ms();
    if (rc == 0)
        rc = run_id(db, "UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ?", now, actor->user_id, id, err);
    if (rc == 0) {
        /* every secret of the token stops at once */
        sh_stmt *st = sh_db_prepare(db, "DELETE FROM sessions WHERE api_token_id = ?", err);
        if (!st)
            rc = SH_EINTERNAL;
        else {
            sh_bind_int64(st, 1, id);
            rc = sh_stmt_step(st, err);
            sh_stmt_done(st);
            rc = rc < 0 ? rc : 0;
        }
    }
    if (rc == 0)
        rc = load_token(db, actor, id, &after, err);
    if (rc == 0)
        rc = sh_audit(db, actor, "revoke", "api_token", id, before, after, err);
    json_decref(before);
    rc = sh_db_finish(db, rc, err);
    if (rc == 0)
        *ret_token = after;
    else
        json_decref(after);
    return rc;
}

int sh_api_token_rotate(sh_db *db, const sh_principal *actor, int64_t id, int grace_hours, char ret_token[65],
                        json_t **ret_view, sh_err *err)
{
    if (grace_hours < 0 || grace_hours > SH_TOKEN_MAX_GRACE_HOURS)
        return sh_fail(err, SH_EINVAL, "grace_hours", "旧令牌宽限期须为0-%d小时 (grace_hours must be 0-%d)",
                       SH_TOKEN_MAX_GRACE_HOURS, SH_TOKEN_MAX_GRACE_HOURS);
    json_t *before = NULL, *after = NULL;
    int rc = sh_db_begin(db, err);
    if (rc != 0)
        return rc;
    if ((rc = load_token(db, actor, id, &before, err)) == 0 &&
        strcmp(json_string_value(json_object_get(before, "status")), "active") != 0)
        rc = sh_fail(err, SH_EEXIST, "id", "该令牌已吊销或过期，请新建 (the token is revoked or expired: create a new one)");
    int64_t now = sh_now_ms(), grace = now + (int64_t)grace_hours * 3600 * 1000;
    /* the secrets in use end at the grace end (an earlier end of theirs stays) */
    if (rc == 0)
        rc = run_id(db,
                    "UPDATE sessions SET expires_at = CASE WHEN expires_at IS NULL OR expires_at > ? THEN ?"
                    " ELSE expires_at END WHERE api_token_id = ?",
                    grace, grace, id, err);
    if (rc == 0)
        rc = run_id(db, "UPDATE api_tokens SET rotated_at = ?, grace_until = ? WHERE id = ?", now, grace, id, err);
    if (rc == 0) {
        int64_t uid = json_integer_value(json_object_get(before, "user_id"));
        rc = sh_token_issue(db, uid, "api", json_string_value(json_object_get(before, "name")), id, 0, ret_token, err);
        rc = rc < 0 ? rc : 0;
    }
    if (rc == 0)
        rc = load_token(db, actor, id, &after, err);
    if (rc == 0) {
        json_t *note = json_pack("{s:I}", "grace_until", (json_int_t)grace);
        rc = sh_audit(db, actor, "rotate", "api_token", id, before, note, err);
        json_decref(note);
    }
    json_decref(before);
    rc = sh_db_finish(db, rc, err);
    if (rc == 0)
        *ret_view = after;
    else
        json_decref(after);
    return rc;
}
