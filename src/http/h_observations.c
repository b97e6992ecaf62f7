/* A camera's observations as its AI sources reported them, and its pictures, for the officials who review them. */
#include <stdint.h>

#include "domain/video/observe.h"
#include "http/http.h"

typedef int (*camera_page_fn)(sh_db *db, const sh_principal *actor, int64_t camera_id, int64_t before_id, int limit,
                              json_t **ret_items, int64_t *ret_next, sh_err *err);

/* GET …/cameras/:id/… ?limit&cursor: a page newest first, {items, next}. */
static int reply_camera_page(sh_req *req, camera_page_fn page)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    long limit, cursor;
    if (!id || sh_query_long_or_reply(req, "limit", 50, 1, 500, &limit) ||
        sh_query_long_or_reply(req, "cursor", 0, 0, INT64_MAX, &cursor))
        return MHD_YES;
    json_t *items = NULL;
    int64_t next = 0;
    sh_err err = {0};
    int rc = page(req->db, &req->principal, id, cursor, (int)limit, &items, &next, &err);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o, s:I}", "items", items, "next", (json_int_t)next), &err);
}

static int list_observations(sh_req *req) { return reply_camera_page(req, sh_observations_list); }
static int list_pictures(sh_req *req) { return reply_camera_page(req, sh_camera_pictures); }

const sh_route sh_routes_observations[] = {
    {"GET", "/api/v1/cameras/:id/observations", list_observations, 0},
    {"GET", "/api/v1/cameras/:id/pictures", list_pictures, 0},
    {0},
};
