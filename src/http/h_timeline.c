/* A business's whole record as one timeline: GET /api/v1/entities/{id}/timeline (domain/home/timeline.c). */
#include "domain/home/timeline.h"
#include "http/http.h"

static int timeline(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    sh_page page;
    if (sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_entity_timeline(req->db, &req->principal, id, sh_query(req, "kind"), &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_timeline[] = {
    {"GET", "/api/v1/entities/:id/timeline", timeline, 0},
    {0},
};
