/* Enterprise self-management records and who is missing which. */
#include "domain/base/calendar.h"
#include "domain/supervision/selfcheck.h"
#include "http/http.h"

static int record(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    sh_err err = {0};
    int64_t id = 0;
    int rc = sh_self_record(req->db, &req->principal, body, &id, &err);
    json_decref(body);
    if (rc)
        return sh_reply_error(req, &err);
    return sh_reply_json(req, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static int list(sh_req *req)
{
    long entity;
    sh_page page;
    if (sh_query_long_or_reply(req, "entity", 0, 0, INT64_MAX, &entity) || sh_query_page_or_reply(req, 50, 200, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_self_list(req->db, &req->principal, entity, sh_query(req, "kind"), &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int missing(sh_req *req)
{
    char today[11];
    sh_today(today);
    const char *date = sh_query(req, "date");
    const char *kind = sh_query(req, "kind");
    sh_page page;
    if (sh_query_page_or_reply(req, 50, 200, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_self_missing(req->db, &req->principal, kind ? kind : "daily", date ? date : today, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_selfcheck[] = {
    {"GET", "/api/v1/self-records", list, 0},
    {"POST", "/api/v1/self-records", record, 0},
    {"GET", "/api/v1/self-records/missing", missing, 0},
    {0},
};
