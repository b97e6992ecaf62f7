/* The business registry: list and search, create, read, update, status and history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/base/settings.h"
#include "domain/registry/entity.h"
#include "http/entity_filter.h"
#include "http/http.h"

struct page {
    json_t *items;
    int64_t last_id;
};

static int add_item(const sh_entity *e, void *ctx)
{
    struct page *pg = ctx;
    json_array_append_new(pg->items, sh_entity_to_json(e));
    pg->last_id = e->id;
    return 0;
}

static int list_entities(sh_req *req)
{
    sh_entity_filter f;
    if (sh_entity_filter_from_query(req, &f, 50) != 0)
        return MHD_YES;
    /* the total is counted for the first page only: later pages keep it and skip the count */
    f.want_total = f.after_id == 0;
    f.total_cap = sh_setting_list_total_cap(req->db);
    struct page pg = {json_array(), 0};
    int64_t total = 0;
    sh_err err = {0};
    if (sh_entity_search(req->db, &req->principal, &f, add_item, &pg, &total, &err) != 0) {
        json_decref(pg.items);
        return sh_reply_error(req, &err);
    }
    char cursor[32];
    snprintf(cursor, sizeof cursor, "%lld", (long long)pg.last_id);
    int more = (int)json_array_size(pg.items) == f.limit;
    int total_more = f.total_cap > 0 && total > f.total_cap; /* "10 000+" */
    return sh_reply_json(req, 200, json_pack("{s:o, s:s*, s:o, s:b}", "items", pg.items, "next_cursor", more ? cursor : NULL,
                                             "total", f.want_total ? json_integer(total_more ? f.total_cap : total) : json_null(),
                                             "total_more", total_more));
}

static int reply_entity(sh_req *req, int status, int64_t id)
{
    sh_entity e;
    sh_err err = {0};
    if (sh_entity_get(req->db, &req->principal, id, &e, &err) != 0)
        return sh_reply_error(req, &err);
    json_t *j = sh_entity_to_json(&e);
    json_t *warnings = sh_entity_warnings(req->db, &e);
    sh_entity_release(&e);
    return sh_reply_json(req, status, json_pack("{s:o, s:o}", "entity", j, "warnings", warnings));
}

static int create_entity(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_entity e;
    sh_entity_init(&e);
    sh_err err = {0};
    int64_t id = 0;
    int rc = sh_entity_from_json(&e, body, NULL, &err);
    if (rc == 0)
        rc = sh_entity_create(req->db, &req->principal, &e, &id, &err);
    sh_entity_release(&e);
    json_decref(body);
    if (rc != 0)
        return sh_reply_error(req, &err);
    return reply_entity(req, 201, id);
}

static int get_entity(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    return id ? reply_entity(req, 200, id) : MHD_YES;
}

static int update_entity(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *ver = json_object_get(body, "version");
    if (ver && !json_is_integer(ver)) {
        json_decref(body);
        return sh_reply_fail(req, SH_EINVAL, "version", "应为整数 (must be an integer)");
    }
    int64_t version = ver ? json_integer_value(ver) : 0;
    json_object_del(body, "version");
    sh_entity patch;
    sh_entity_init(&patch);
    int present[EF__COUNT] = {0};
    sh_err err = {0};
    int rc = sh_entity_from_json(&patch, body, present, &err);
    if (rc == 0)
        rc = sh_entity_update(req->db, &req->principal, id, &patch, present, version, &err);
    sh_entity_release(&patch);
    json_decref(body);
    if (rc != 0)
        return sh_reply_error(req, &err);
    return reply_entity(req, 200, id);
}

static int set_status(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int rc = sh_entity_set_status(req->db, &req->principal, id, json_string_value(json_object_get(body, "status")),
                                  json_string_value(json_object_get(body, "reason")), &err);
    json_decref(body);
    if (rc != 0)
        return sh_reply_error(req, &err);
    return reply_entity(req, 200, id);
}

static int history(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    sh_page page;
    if (sh_query_page_or_reply(req, 50, 500, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_entity_history(req->db, &req->principal, id, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_entities[] = {
    {"GET", "/api/v1/entities", list_entities, 0},
    {"POST", "/api/v1/entities", create_entity, 0},
    {"GET", "/api/v1/entities/:id", get_entity, 0},
    {"PATCH", "/api/v1/entities/:id", update_entity, 0},
    {"POST", "/api/v1/entities/:id/status", set_status, 0},
    {"GET", "/api/v1/entities/:id/history", history, 0},
    {0},
};
