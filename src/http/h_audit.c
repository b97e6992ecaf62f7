/* The audit log, for the system administrator. */
#include <stdint.h>

#include "domain/base/audit.h"
#include "http/http.h"

static int list_audit(sh_req *req)
{
    long limit, cursor, object_id;
    if (sh_query_long_or_reply(req, "limit", 50, 1, 500, &limit) ||
        sh_query_long_or_reply(req, "cursor", 0, 0, INT64_MAX, &cursor) ||
        sh_query_long_or_reply(req, "object_id", 0, 0, INT64_MAX, &object_id))
        return MHD_YES;
    sh_audit_filter f = {.object_type = sh_query(req, "object_type"), .object_id = object_id,
                         .action = sh_query(req, "action"), .before_id = cursor, .limit = (int)limit};
    json_t *items = NULL;
    int64_t next = 0;
    sh_err err = {0};
    int rc = sh_audit_list(req->db, &req->principal, &f, &items, &next, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o, s:I}", "items", items, "next", (json_int_t)next), &err);
}

const sh_route sh_routes_audit[] = {
    {"GET", "/api/v1/audit", list_audit, 0},
    {0},
};
