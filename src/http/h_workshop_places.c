/* Parks, clusters and model units of small workshops (domain/workshop/places.h). */
#include "domain/workshop/places.h"
#include "http/http.h"

static int create(sh_req *req) { return sh_handle_body(req, sh_ws_place_create, 201); }
static int get(sh_req *req) { return sh_handle_id(req, sh_ws_place_get); }
static int update(sh_req *req) { return sh_handle_id_body(req, sh_ws_place_update); }
static int set_workshops(sh_req *req) { return sh_handle_id_body(req, sh_ws_place_set_workshops); }

static int list(sh_req *req)
{
    sh_page page;
    if (sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_ws_places_list(req->db, &req->principal, sh_query(req, "kind"), &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_workshop_places[] = {
    {"POST", "/api/v1/workshop-places", create, 0},
    {"GET", "/api/v1/workshop-places", list, 0},
    {"GET", "/api/v1/workshop-places/:id", get, 0},
    {"PATCH", "/api/v1/workshop-places/:id", update, 0},
    {"PUT", "/api/v1/workshop-places/:id/workshops", set_workshops, 0},
    {0},
};
