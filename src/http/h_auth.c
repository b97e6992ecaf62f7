/* Sign-in, sign-out, the caller's identity, health (device tokens: h_tokens.c). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/identity/auth.h"
#include "http/http.h"
#include "http/views.h"

static int health(sh_req *req)
{
    /* now: the platform's clock, so that clients (and tests of a pinned clock) share its dates */
    return sh_reply_json(req, 200, json_pack("{s:s, s:I}", "status", "ok", "now", (json_int_t)sh_now_ms()));
}

static int login(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    const char *u = json_string_value(json_object_get(body, "username"));
    const char *p = json_string_value(json_object_get(body, "password"));
    sh_err err = {0};
    if (!u || !*u) {
        json_decref(body);
        return sh_reply_fail(req, SH_EINVAL, "username", "请输入用户名 (username is required)");
    }
    if (!p || !*p) {
        json_decref(body);
        return sh_reply_fail(req, SH_EINVAL, "password", "请输入密码 (password is required)");
    }
    char token[65], address[64];
    sh_principal who;
    sh_client_address(req, address);
    int rc = sh_login(req->db, u, address, p, req->cfg->session_hours, token, &who, &err);
    json_decref(body);
    if (rc != 0)
        return sh_reply_error(req, &err);
    char cookie[256];
    snprintf(cookie, sizeof cookie, "shian_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", token,
             req->cfg->session_hours * 3600, req->cfg->cookie_secure ? "; Secure" : "");
    json_t *reply = json_pack("{s:o}", "user", sh_view_user(req->db, &who));
    char *text = json_dumps(reply, JSON_COMPACT);
    json_decref(reply);
    /* the cookie rides on a JSON reply: build it by hand */
    struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json; charset=utf-8");
    MHD_add_response_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    req->authed = 1;
    req->principal = who;
    return sh_reply_queue(req, MHD_HTTP_OK, r);
}

static int logout(sh_req *req)
{
    sh_logout(req->db, req->token);
    return sh_reply_empty(req, 204, "shian_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}

static int me(sh_req *req)
{
    return sh_reply_json(req, 200, json_pack("{s:o}", "user", sh_view_user(req->db, &req->principal)));
}

const sh_route sh_routes_auth[] = {
    {"GET", "/api/v1/health", health, SH_ROUTE_PUBLIC},
    {"POST", "/api/v1/auth/login", login, SH_ROUTE_PUBLIC},
    {"POST", "/api/v1/auth/logout", logout, SH_ROUTE_PASSWORD_PENDING},
    {"GET", "/api/v1/me", me, SH_ROUTE_PASSWORD_PENDING},
    {0},
};
