/* Device tokens: list, create (the secret shown once), revoke, rotate (domain/identity/tokens.c). */
#include <string.h>

#include "domain/identity/tokens.h"
#include "http/http.h"

static int list(sh_req *req)
{
    long limit, offset;
    if (sh_query_long_or_reply(req, "limit", 50, 1, 500, &limit) || sh_query_long_or_reply(req, "offset", 0, 0, INT32_MAX, &offset))
        return MHD_YES;
    json_t *items = NULL;
    int64_t total = 0;
    sh_err err = {0};
    int rc = sh_api_token_list(req->db, &req->principal, (int)limit, (int)offset, &items, &total, &err);
    return sh_reply_result(req, rc, 200, rc == 0 ? json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total) : NULL,
                           &err);
}

/* An optional integer field of the body: def when absent, -1 (an invalid value) when not an integer. */
static long int_field(json_t *body, const char *name, long def)
{
    json_t *v = json_object_get(body, name);
    if (!v || json_is_null(v))
        return def;
    return json_is_integer(v) ? (long)json_integer_value(v) : -1;
}

static int create(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    char token[65];
    int64_t id = 0;
    sh_err err = {0};
    const char *name = json_string_value(json_object_get(body, "name"));
    long days = int_field(body, "expires_in_days", SH_TOKEN_DEFAULT_DAYS);
    int rc = days < 1 || days > SH_TOKEN_MAX_DAYS
                 ? sh_fail(&err, SH_EINVAL, "expires_in_days", "有效期须为1-%d天 (expires_in_days must be 1-%d)",
                           SH_TOKEN_MAX_DAYS, SH_TOKEN_MAX_DAYS)
                 : sh_api_token_create(req->db, &req->principal, &req->principal, name ? name : "", (int)days, token,
                                       &id, &err);
    json_decref(body);
    if (rc != 0)
        return sh_reply_error(req, &err);
    /* the secret is in this answer only: the list shows the token without it */
    json_t *view = NULL;
    if (sh_api_token_get(req->db, &req->principal, id, &view, &err) != 0)
        view = NULL;
    return sh_reply_json(req, 201, json_pack("{s:s, s:I, s:o}", "token", token, "id", (json_int_t)id, "api_token",
                                             view ? view : json_null()));
}

static int revoke_token(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *view = NULL;
    sh_err err = {0};
    int rc = sh_api_token_revoke(req->db, &req->principal, id, &view, &err);
    return sh_reply_result(req, rc, 200, rc == 0 ? json_pack("{s:o}", "api_token", view) : NULL, &err);
}

static int rotate_token(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    long grace = SH_TOKEN_DEFAULT_GRACE_HOURS;
    if (req->body.len) {
        json_t *body = sh_body_json_or_reply(req);
        if (!body)
            return MHD_YES;
        grace = int_field(body, "grace_hours", SH_TOKEN_DEFAULT_GRACE_HOURS);
        json_decref(body);
    }
    char token[65];
    json_t *view = NULL;
    sh_err err = {0};
    int rc = sh_api_token_rotate(req->db, &req->principal, id, grace < 0 || grace > SH_TOKEN_MAX_GRACE_HOURS ? -1 : (int)grace,
                                 token, &view, &err);
    return sh_reply_result(req, rc, 200,
                           rc == 0 ? json_pack("{s:s, s:o}", "token", token, "api_token", view) : NULL, &err);
}

const sh_route sh_routes_tokens[] = {
    {"GET", "/api/v1/tokens", list, 0},
    {"POST", "/api/v1/tokens", create, 0},
    {"POST", "/api/v1/tokens/:id/revoke", revoke_token, 0},
    {"POST", "/api/v1/tokens/:id/rotate", rotate_token, 0},
    {0},
};
