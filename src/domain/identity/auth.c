#include "domain/identity/auth.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/identity/login_guard.h"

static unsigned long long pw_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t pw_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

void sh_password_params(int opslimit, long memlimit)
{
    pw_ops = (unsigned long long)opslimit;
    pw_mem = (size_t)memlimit;
}

int sh_password_hash(const char *password, char out[128], sh_err *err)
{
    if (sodium_init() < 0)
        return sh_fail(err, SH_EINTERNAL, "", "libsodium failed to initialise");
    if (crypto_pwhash_str(out, password, strlen(password), pw_ops, pw_mem) != 0)
        return sh_fail(err, SH_EINTERNAL, "password", "password hashing ran out of memory");
    return 0;
}

int sh_password_verify(const char *hash, const char *password)
{
    if (sodium_init() < 0)
        return 0;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int sh_password_check_strength(const char *pw, sh_err *err)
{
    size_t n = strlen(pw);
    int alpha = 0, digit = 0;
    for (const char *p = pw; *p; p++) {
        alpha |= isalpha((unsigned char)*p) != 0;
        digit |= isdigit((unsigned char)*p) != 0;
    }
    if (n < 8 || n > 128 || !alpha || !digit)
        return sh_fail(err, SH_EINVAL, "password", "密码至少8位且须包含字母和数字 (password needs 8-128 characters with letters and digits)");
    return 0;
}

static void scope_from_user(sh_principal *p)
{
    memset(&p->scope, 0, sizeof p->scope);
    switch (p->role) {
    case SH_ROLE_ADMIN:
        p->scope.kind = SH_SCOPE_ALL;
        break;
    case SH_ROLE_BUSINESS:
        p->scope.kind = p->entity_id ? SH_SCOPE_ENTITY : SH_SCOPE_NONE;
        p->scope.entity_id = p->entity_id;
        break;
    case SH_ROLE_VILLAGE:
        if (p->grid_id) {
            p->scope.kind = SH_SCOPE_GRID;
            p->scope.grid_id = p->grid_id;
            break;
        }
        /* a village member without a grid works on a division */
        __attribute__((fallthrough));
    default:
        if (p->division_code[0]) {
            p->scope.kind = SH_SCOPE_DIVISION;
            sh_division_prefix(p->division_code, p->scope.prefix);
        } else {
            p->scope.kind = SH_SCOPE_NONE;
        }
    }
}

static int check_division_exists(sh_db *db, const char *code, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT 1 FROM divisions WHERE code = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_EINVAL, "division_code", "行政区划“%s”不存在 (no such division)", code);
}

static int check_row_exists(sh_db *db, const char *sql, int64_t id, const char *field, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_EINVAL, field, "编号%lld不存在 (%s %lld does not exist)", (long long)id, field, (long long)id);
}

int sh_user_add(sh_db *db, const sh_principal *actor, const sh_user_input *in, int64_t *ret_id, sh_err *err)
{
    int rc;
    const char *u = in->username ? in->username : "";
    size_t ulen = strlen(u);
    if (ulen < 2 || ulen > 32)
        return sh_fail(err, SH_EINVAL, "username", "用户名须为2-32个字符 (username needs 2-32 characters)");
    for (const char *p = u; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '.')
            return sh_fail(err, SH_EINVAL, "username", "用户名只能含字母、数字和_-. (letters, digits, _ - . only)");
    if ((rc = sh_check_text(in->display_name, 1, 40, "display_name", err)) != 0)
        return rc;
    if (in->role < 0 || in->role >= SH_ROLE__COUNT)
        return sh_fail(err, SH_EINVAL, "role", "角色无效 (unknown role)");
    if (in->phone && *in->phone && (rc = sh_check_phone(in->phone, "phone", err)) != 0)
        return rc;
    int needs_division = in->role == SH_ROLE_COUNTY || in->role == SH_ROLE_TOWNSHIP ||
                         in->role == SH_ROLE_INSPECTOR || in->role == SH_ROLE_SAMPLER;
    if (needs_division && !(in->division_code && *in->division_code))
        return sh_fail(err, SH_EINVAL, "division_code", "该角色须指定管辖区划 (this role needs a division)");
    if (in->division_code && *in->division_code) {
        if ((rc = sh_check_division_code(in->division_code, "division_code", err)) != 0 ||
            (rc = check_division_exists(db, in->division_code, err)) != 0)
            return rc;
    }
    if (in->role == SH_ROLE_VILLAGE && !in->grid_id && !(in->division_code && *in->division_code))
        return sh_fail(err, SH_EINVAL, "grid_id", "网格员须指定网格 (a village grid member needs a grid)");
    if (in->grid_id && (rc = check_row_exists(db, "SELECT 1 FROM grids WHERE id = ?", in->grid_id, "grid_id", err)) != 0)
        return rc;
    if (in->role == SH_ROLE_BUSINESS && !in->entity_id)
        return sh_fail(err, SH_EINVAL, "entity_id", "经营主体账号须指定主体 (a business user needs its business)");
    if (in->entity_id && (rc = check_row_exists(db, "SELECT 1 FROM entities WHERE id = ?", in->entity_id, "entity_id", err)) != 0)
        return rc;

    char hash[128];
    const char *h = in->password_hash;
    if (!h) {
        if ((rc = sh_password_check_strength(in->password ? in->password : "", err)) != 0)
            return rc;
        if ((rc = sh_password_hash(in->password, hash, err)) != 0)
            return rc;
        h = hash;
    }
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO users(username, display_name, role, division_code, grid_id, entity_id, phone,"
                                " password_hash, created_at, must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, u);
    sh_bind_text(st, 2, in->display_name);
    sh_bind_text(st, 3, sh_role_name(in->role));
    sh_bind_text_or_null(st, 4, in->division_code);
    sh_bind_int64_or_null(st, 5, in->grid_id);
    sh_bind_int64_or_null(st, 6, in->entity_id);
    sh_bind_text_or_null(st, 7, in->phone);
    sh_bind_text(st, 8, h);
    sh_bind_int64(st, 9, sh_now_ms());
    sh_bind_int64(st, 10, in->must_change_password ? 1 : 0);
    int64_t id;
    rc = sh_stmt_insert_id(st, &id, err);
    if (rc == SH_EEXIST)
        return sh_fail(err, SH_EEXIST, "username", "用户名“%s”已存在 (username taken)", u);
    if (rc < 0)
        return rc;
    if (ret_id)
        *ret_id = id;
    json_t *after = json_pack("{s:s, s:s, s:s*}", "username", u, "role", sh_role_name(in->role),
                              "division_code", in->division_code);
    rc = sh_audit(db, actor, "create", "user", id, NULL, after, err);
    json_decref(after);
    return rc;
}

static void token_hash_hex(const char *token, char out[65]);

int sh_user_store_password(sh_db *db, const sh_principal *actor, int64_t id, const char *password, int must_change,
                           const char *keep_token, sh_err *err)
{
    int rc;
    char hash[128];
    if ((rc = sh_password_check_strength(password, err)) != 0 || (rc = sh_password_hash(password, hash, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, hash);
    sh_bind_int64(st, 2, must_change ? 1 : 0);
    sh_bind_int64(st, 3, id);
    rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    /* a new password ends every open session of that user (but the one that changed it) */
    char keep[65] = "";
    if (keep_token && strlen(keep_token) == 64)
        token_hash_hex(keep_token, keep);
    st = sh_db_prepare(db, "DELETE FROM sessions WHERE user_id = ? AND kind = 'session' AND token_hash <> ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    sh_bind_text(st, 2, keep);
    rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return sh_audit(db, actor, must_change ? "reset_password" : "set_password", "user", id, NULL, NULL, err);
}

int sh_user_set_password(sh_db *db, const sh_principal *actor, const char *username, const char *password, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT id FROM users WHERE username = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, username);
    int rc = sh_stmt_step(st, err);
    int64_t id = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!id)
        return sh_fail(err, SH_ENOTFOUND, "username", "用户“%s”不存在 (no such user)", username);
    return sh_user_store_password(db, actor, id, password, 0, NULL, err);
}

static int load_where(sh_db *db, const char *sql, int64_t id, const char *name, sh_principal *out,
                      char hash_out[128], sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    if (name)
        sh_bind_text(st, 1, name);
    else
        sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        memset(out, 0, sizeof *out);
        out->user_id = sh_col_int64(st, 0);
        snprintf(out->username, sizeof out->username, "%s", sh_col_text(st, 1));
        snprintf(out->display_name, sizeof out->display_name, "%s", sh_col_text(st, 2));
        if (sh_role_parse(sh_col_text(st, 3), &out->role) != 0)
            rc = sh_fail(err, SH_EINTERNAL, "", "user has an unknown role");
        snprintf(out->division_code, sizeof out->division_code, "%s", sh_col_text(st, 4));
        out->grid_id = sh_col_int64(st, 5);
        out->entity_id = sh_col_int64(st, 6);
        if (hash_out)
            snprintf(hash_out, 128, "%s", sh_col_text(st, 7));
        if (sh_col_int64(st, 8))
            rc = sh_fail(err, SH_EAUTH, "", "账号已停用 (account disabled)");
        out->must_change_password = (int)sh_col_int64(st, 9);
        scope_from_user(out);
    } else if (rc == SH_DONE) {
        rc = sh_fail(err, SH_EAUTH, "", "用户不存在 (unknown user)");
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

#define USER_COLS                                                                                                  \
    "SELECT id, username, display_name, role, division_code, grid_id, entity_id, password_hash, disabled,"            \
    " must_change_password FROM users "

int sh_principal_load(sh_db *db, int64_t user_id, sh_principal *out, sh_err *err)
{
    return load_where(db, USER_COLS "WHERE id = ?", user_id, NULL, out, NULL, err);
}

static void token_hash_hex(const char *token, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, 65, h, sizeof h);
}

int sh_token_issue(sh_db *db, int64_t user_id, const char *kind, const char *name, int64_t api_token_id,
                   int64_t expires_at, char ret_token[65], sh_err *err)
{
    unsigned char raw[32];
    if (sodium_init() < 0)
        return sh_fail(err, SH_EINTERNAL, "", "libsodium failed to initialise");
    randombytes_buf(raw, sizeof raw);
    char token[65], th[65];
    sodium_bin2hex(token, sizeof token, raw, sizeof raw);
    token_hash_hex(token, th);
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO sessions(token_hash, user_id, kind, name, created_at, expires_at, api_token_id)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, th);
    sh_bind_int64(st, 2, user_id);
    sh_bind_text(st, 3, kind);
    sh_bind_text(st, 4, name);
    sh_bind_int64(st, 5, sh_now_ms());
    sh_bind_int64_or_null(st, 6, expires_at);
    sh_bind_int64_or_null(st, 7, api_token_id);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    memcpy(ret_token, token, 65);
    return 0;
}

/* A fixed hash to verify against when the user is unknown, so both cases cost the same time. */
static char dummy_hash[128];
static void make_dummy_hash(void)
{
    if (sh_password_hash("not-a-password-0", dummy_hash, NULL) != 0)
        dummy_hash[0] = '\0';
}

int sh_login(sh_db *db, const char *username, const char *address, const char *password, int session_hours,
             char ret_token[65], sh_principal *ret_principal, sh_err *err)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    char hash[128] = "";
    sh_principal p;
    int64_t now = sh_now_ms();
    const char *u = username ? username : "";
    /* the back-off answers alike whether the name exists or not (login_guard.c) */
    int64_t wait = sh_login_guard_wait(db, u, address, now);
    if (wait > 0)
        return sh_fail(err, SH_EPERM, "username", "连续登录失败次数过多，已暂时锁定，请%lld分钟后再试 (too many failed sign-ins: try again in %lld minutes)",
                       (long long)(wait / 60000 + 1), (long long)(wait / 60000 + 1));
    int rc = load_where(db, USER_COLS "WHERE username = ?", 0, u, &p, hash, NULL);
    if (rc != 0) {
        pthread_once(&once, make_dummy_hash);
        sh_password_verify(dummy_hash, password ? password : "");
        sh_login_guard_fail(db, u, address, now);
        return sh_fail(err, SH_EAUTH, "password", "用户名或密码错误 (wrong username or password)");
    }
    if (!sh_password_verify(hash, password ? password : "")) {
        sh_login_guard_fail(db, u, address, now);
        return sh_fail(err, SH_EAUTH, "password", "用户名或密码错误 (wrong username or password)");
    }
    sh_login_guard_success(db, u, address);
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "DELETE FROM sessions WHERE kind = 'session' AND expires_at < ?", err);
    if (!st) {
        sh_db_rollback(db);
        return SH_EINTERNAL;
    }
    sh_bind_int64(st, 1, now);
    rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc >= 0)
        rc = sh_token_issue(db, p.user_id, "session", NULL, 0, now + (int64_t)session_hours * 3600 * 1000, ret_token, err);
    if (rc >= 0)
        rc = sh_audit(db, &p, "login", "user", p.user_id, NULL, NULL, err);
    if (rc >= 0)
        rc = sh_db_commit(db, err);
    if (rc < 0) {
        sh_db_rollback(db);
        return rc;
    }
    if (ret_principal)
        *ret_principal = p;
    return 0;
}

int sh_token_resolve(sh_db *db, const char *token, sh_principal *out, sh_err *err)
{
    if (!token || strlen(token) != 64)
        return sh_fail(err, SH_EAUTH, "", "请先登录 (not signed in)");
    char th[65];
    token_hash_hex(token, th);
    /* a device token's secret also needs its token unrevoked and unexpired (tokens.c) */
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT s.user_id, s.expires_at, t.id, t.expires_at, t.revoked_at, t.last_used_at FROM sessions s"
                                " LEFT JOIN api_tokens t ON t.id = s.api_token_id WHERE s.token_hash = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, th);
    int rc = sh_stmt_step(st, err);
    int64_t uid = 0, now = sh_now_ms();
    if (rc == SH_ROW && (sh_col_is_null(st, 1) || sh_col_int64(st, 1) > now) &&
        (sh_col_is_null(st, 2) ||
         (sh_col_is_null(st, 4) && (sh_col_is_null(st, 3) || sh_col_int64(st, 3) > now))))
        uid = sh_col_int64(st, 0);
    /* a device token's last use, written at most once a minute (best effort: a busy database skips it) */
    int64_t used_token = uid && !sh_col_is_null(st, 2) && (sh_col_is_null(st, 5) || now - sh_col_int64(st, 5) >= 60000)
                             ? sh_col_int64(st, 2) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!uid)
        return sh_fail(err, SH_EAUTH, "", "会话已过期，请重新登录 (session expired or unknown)");
    if (used_token && (st = sh_db_prepare(db, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", NULL)) != NULL) {
        sh_bind_int64(st, 1, now);
        sh_bind_int64(st, 2, used_token);
        (void)sh_stmt_step(st, NULL);
        sh_stmt_done(st);
    }
    return sh_principal_load(db, uid, out, err);
}

void sh_logout(sh_db *db, const char *token)
{
    if (!token || strlen(token) != 64)
        return;
    char th[65];
    token_hash_hex(token, th);
    sh_stmt *st = sh_db_prepare(db, "DELETE FROM sessions WHERE token_hash = ? AND kind = 'session'", NULL);
    if (!st)
        return;
    sh_bind_text(st, 1, th);
    sh_stmt_step(st, NULL);
    sh_stmt_done(st);
}
