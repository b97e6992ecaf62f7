/* Divisions and supervision grids. */
#include "domain/registry/registry.h"
#include "http/http.h"

#include <string.h>

static int list_divisions(sh_req *req)
{
    json_t *items = NULL;
    sh_err err = {0};
    int rc = sh_divisions_list(req->db, &req->principal, sh_query(req, "parent"), &items, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "items", items), &err);
}

static int list_grids(sh_req *req)
{
    json_t *items = NULL;
    sh_err err = {0};
    int rc = sh_grids_list(req->db, &req->principal, sh_query(req, "township"), &items, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "items", items), &err);
}

static int create_grid(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *leader = json_object_get(body, "leader_user_id");
    if (leader && !json_is_null(leader) && !json_is_integer(leader)) {
        json_decref(body);
        return sh_reply_fail(req, SH_EINVAL, "leader_user_id", "应为用户编号 (must be a user id)");
    }
    sh_grid_input in = {
        .code = json_string_value(json_object_get(body, "code")),
        .name = json_string_value(json_object_get(body, "name")),
        .division_code = json_string_value(json_object_get(body, "division_code")),
        .leader_user_id = leader ? json_integer_value(leader) : 0,
    };
    sh_err err = {0};
    int64_t id;
    int rc = sh_grid_create(req->db, &req->principal, &in, &id, &err);
    json_decref(body);
    if (rc != 0)
        return sh_reply_error(req, &err);
    return sh_reply_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static int list_officials(sh_req *req)
{
    json_t *items = NULL;
    sh_err err = {0};
    if (req->principal.role == SH_ROLE_BUSINESS)
        return sh_reply_fail(req, SH_EPERM, "", "经营主体不能查看监管人员名单 (business users cannot list officials)");
    const char *for_what = sh_query(req, "for");
    int rc = sh_officials_list(req->db, &req->principal, for_what && !strcmp(for_what, "sampling"), &items, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "items", items), &err);
}

const sh_route sh_routes_registry[] = {
    {"GET", "/api/v1/officials", list_officials, 0},
    {"GET", "/api/v1/divisions", list_divisions, 0},
    {"GET", "/api/v1/grids", list_grids, 0},
    {"POST", "/api/v1/grids", create_grid, 0},
    {0},
};
