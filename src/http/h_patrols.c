/* Online patrols: an official's tasks of the week (drawn on first call), recording one, completion. */
#include "domain/base/calendar.h"
#include "domain/video/patrol.h"
#include "http/http.h"

static int list_patrols(sh_req *req)
{
    char today[11];
    sh_today(today);
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_patrols_mine(req->db, &req->principal, sh_query(req, "week"), today, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int record_patrol(sh_req *req)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    if (!id)
        return MHD_YES;
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    char today[11];
    sh_today(today);
    json_t *task = NULL;
    sh_err err = {0};
    int rc = sh_patrol_record(req->db, &req->principal, id, body, today, &task, &err);
    json_decref(body);
    if (rc)
        return sh_reply_error(req, &err);
    return sh_reply_json(req, 200, json_pack("{s:o}", "task", task));
}

static int completion(sh_req *req)
{
    char today[11];
    sh_today(today);
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_patrol_completion(req->db, &req->principal, sh_query(req, "week"), today, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_patrols[] = {
    {"GET", "/api/v1/patrols", list_patrols, 0},
    {"GET", "/api/v1/patrols/completion", completion, 0},
    {"POST", "/api/v1/patrols/:id", record_patrol, 0},
    {0},
};
