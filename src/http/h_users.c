/* Accounts in the console (domain/identity/users.c): the list, one, create, change, a password set by an
 * administrator; and the caller's own password (POST /me/password, allowed while a change is pending). */
#include "domain/identity/users.h"
#include "http/http.h"

static int list(sh_req *req)
{
    sh_page page;
    if (sh_query_page_or_reply(req, 50, 200, &page))
        return MHD_YES;
    sh_user_filter f = {sh_query(req, "q"), sh_query(req, "role")};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_users_list(req->db, &req->principal, &f, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int create(sh_req *req)
{
    return sh_handle_body(req, sh_user_create, 201);
}

static int get_one(sh_req *req)
{
    return sh_handle_id(req, sh_user_get);
}

static int update(sh_req *req)
{
    return sh_handle_id_body(req, sh_user_update);
}

static int reset_password(sh_req *req)
{
    return sh_handle_id_body(req, sh_user_reset_password);
}

static int change_own_password(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int rc = sh_password_change(req->db, &req->principal, req->token, body, &err);
    json_decref(body);
    if (rc)
        return sh_reply_error(req, &err);
    return sh_reply_empty(req, 204, NULL);
}

const sh_route sh_routes_users[] = {
    {"GET", "/api/v1/users", list, 0},
    {"POST", "/api/v1/users", create, 0},
    {"GET", "/api/v1/users/:id", get_one, 0},
    {"PATCH", "/api/v1/users/:id", update, 0},
    {"POST", "/api/v1/users/:id/password", reset_password, 0},
    {"POST", "/api/v1/me/password", change_own_password, SH_ROUTE_PASSWORD_PENDING},
    {0},
};
