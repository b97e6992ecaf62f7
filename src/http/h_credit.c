/* 红黑榜, a business's joint-punishment flags, summons and the 经营异常名录 (domain/enforcement/credit.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/enforcement/credit.h"
#include "domain/registry/entity.h"
#include "http/http.h"

static int honour_list(sh_req *req)
{
    const char *current = sh_query(req, "current");
    sh_page page;
    if (sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_honour_list(req->db, &req->principal, sh_query(req, "list_kind"), current && !strcmp(current, "1"), &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int honour_add(sh_req *req) { return sh_handle_body(req, sh_honour_add, 201); }
static int honour_remove(sh_req *req) { return sh_handle_id_body(req, sh_honour_remove); }

static int honour_public(sh_req *req)
{
    sh_page page;
    if (sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_honour_public(req->db, sh_query(req, "list_kind"), &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* The flags of a business the caller sees (its jurisdiction, or itself). */
static int entity_credit(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    sh_entity e;
    sh_err err = {0};
    int rc = sh_entity_get(req->db, &req->principal, id, &e, &err);
    if (rc)
        return sh_reply_error(req, &err);
    sh_entity_release(&e);
    json_t *out = NULL;
    rc = sh_credit_flags(req->db, id, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* The flagged among a page of businesses (ids=1,2,3, at most 50) the caller sees: what a list marks. */
static int flags_of_page(sh_req *req)
{
    const char *ids = sh_query(req, "ids");
    json_t *items = json_array();
    sh_err err = {0};
    int n = 0, rc = 0;
    for (const char *p = ids; p && *p && rc == 0; n++) {
        char *end = NULL;
        long long id = strtoll(p, &end, 10);
        if (end == p || id <= 0 || n >= 50 || (*end && *end != ',')) {
            rc = sh_fail(&err, SH_EINVAL, "ids", "ids：应为最多50个以逗号分隔的档案编号 (ids: up to 50 comma-separated ids)");
            break;
        }
        p = *end ? end + 1 : end;
        sh_entity e;
        if (sh_entity_get(req->db, &req->principal, id, &e, NULL) != 0)
            continue; /* outside the caller's sight: says nothing */
        sh_entity_release(&e);
        json_t *flags = NULL;
        if ((rc = sh_credit_flags(req->db, id, &flags, &err)) == 0 && json_array_size(json_object_get(flags, "flags")))
            json_array_append_new(items, json_pack("{s:I, s:O}", "entity_id", (json_int_t)id, "flags", json_object_get(flags, "flags")));
        json_decref(flags);
    }
    if (rc) {
        json_decref(items);
        return sh_reply_error(req, &err);
    }
    return sh_reply_json(req, 200, json_pack("{s:o}", "items", items));
}

static int summons_list(sh_req *req)
{
    long entity;
    sh_page page;
    if (sh_query_long_or_reply(req, "entity_id", 0, 0, INT64_MAX, &entity) || sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_summons_list(req->db, &req->principal, entity, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int summons_add(sh_req *req) { return sh_handle_body(req, sh_summons_add, 201); }
static int summons_follow_up(sh_req *req) { return sh_handle_id_body(req, sh_summons_follow_up); }

static int abnormal_list(sh_req *req)
{
    const char *current = sh_query(req, "current");
    long entity;
    sh_page page;
    if (sh_query_long_or_reply(req, "entity_id", 0, 0, INT64_MAX, &entity) || sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_abnormal_list(req->db, &req->principal, current && !strcmp(current, "1"), entity, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int abnormal_add(sh_req *req) { return sh_handle_body(req, sh_abnormal_add, 201); }
static int abnormal_remove(sh_req *req) { return sh_handle_id_body(req, sh_abnormal_remove); }

const sh_route sh_routes_credit[] = {
    {"GET", "/api/v1/honour-lists", honour_list, 0},
    {"POST", "/api/v1/honour-lists", honour_add, 0},
    {"POST", "/api/v1/honour-lists/:id/remove", honour_remove, 0},
    {"GET", "/api/v1/public/honour-lists", honour_public, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/entities/:id/credit", entity_credit, 0},
    {"GET", "/api/v1/credit/flags", flags_of_page, 0},
    {"GET", "/api/v1/summons", summons_list, 0},
    {"POST", "/api/v1/summons", summons_add, 0},
    {"POST", "/api/v1/summons/:id/follow-up", summons_follow_up, 0},
    {"GET", "/api/v1/abnormal-listings", abnormal_list, 0},
    {"POST", "/api/v1/abnormal-listings", abnormal_add, 0},
    {"POST", "/api/v1/abnormal-listings/:id/remove", abnormal_remove, 0},
    {0},
};
