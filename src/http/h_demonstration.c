/* 示范创建 (domain/demonstration/demonstration.h): campaigns, their tasks and progress, dispatch meetings
 * whose decisions become tasks, 一票否决 items and model units. */
#include <stdint.h>

#include "domain/demonstration/demonstration.h"
#include "http/http.h"

static int campaigns_list(sh_req *req)
{
    sh_page page;
    if (sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_dm_campaigns_list(req->db, &req->principal, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int tasks_list(sh_req *req)
{
    long campaign, meeting, overdue;
    sh_page page;
    if (sh_query_long_or_reply(req, "campaign_id", 0, 0, INT64_MAX, &campaign) || sh_query_long_or_reply(req, "meeting_id", 0, 0, INT64_MAX, &meeting) ||
        sh_query_long_or_reply(req, "overdue", 0, 0, 1, &overdue) || sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    sh_dm_task_filter f = {.campaign_id = campaign, .meeting_id = meeting, .status = sh_query(req, "status"), .overdue = (int)overdue};
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_dm_tasks_list(req->db, &req->principal, &f, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

typedef int (*campaign_list_fn)(sh_db *db, const sh_principal *actor, int64_t campaign_id, const sh_page *page, json_t **ret, sh_err *err);

/* A list of one campaign (its id in the path), paged. */
static int campaign_list(sh_req *req, campaign_list_fn fn)
{
    int64_t id = sh_param_id_or_reply(req, 0);
    sh_page page;
    if (!id || sh_query_page_or_reply(req, 20, 100, &page))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = fn(req->db, &req->principal, id, &page, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int meetings_list(sh_req *req) { return campaign_list(req, sh_dm_meetings_list); }
static int units_list(sh_req *req) { return campaign_list(req, sh_dm_units_list); }
static int campaign_create(sh_req *req) { return sh_handle_body(req, sh_dm_campaign_create, 201); }
static int campaign_get(sh_req *req) { return sh_handle_id(req, sh_dm_campaign_get); }
static int veto_add(sh_req *req) { return sh_handle_id_body_status(req, sh_dm_veto_add, 201); }
static int task_create(sh_req *req) { return sh_handle_id_body_status(req, sh_dm_task_create, 201); }
static int meeting_create(sh_req *req) { return sh_handle_id_body_status(req, sh_dm_meeting_create, 201); }
static int unit_create(sh_req *req) { return sh_handle_id_body_status(req, sh_dm_unit_create, 201); }
static int task_get(sh_req *req) { return sh_handle_id(req, sh_dm_task_get); }
static int task_progress(sh_req *req) { return sh_handle_id_body(req, sh_dm_task_progress); }
static int unit_update(sh_req *req) { return sh_handle_id_body(req, sh_dm_unit_update); }

const sh_route sh_routes_demonstration[] = {
    {"GET", "/api/v1/demonstration/campaigns", campaigns_list, 0},
    {"POST", "/api/v1/demonstration/campaigns", campaign_create, 0},
    {"GET", "/api/v1/demonstration/campaigns/:id", campaign_get, 0},
    {"POST", "/api/v1/demonstration/campaigns/:id/vetoes", veto_add, 0},
    {"POST", "/api/v1/demonstration/campaigns/:id/tasks", task_create, 0},
    {"GET", "/api/v1/demonstration/campaigns/:id/meetings", meetings_list, 0},
    {"POST", "/api/v1/demonstration/campaigns/:id/meetings", meeting_create, 0},
    {"GET", "/api/v1/demonstration/campaigns/:id/units", units_list, 0},
    {"POST", "/api/v1/demonstration/campaigns/:id/units", unit_create, 0},
    {"GET", "/api/v1/demonstration/tasks", tasks_list, 0},
    {"GET", "/api/v1/demonstration/tasks/:id", task_get, 0},
    {"POST", "/api/v1/demonstration/tasks/:id/progress", task_progress, 0},
    {"PATCH", "/api/v1/demonstration/units/:id", unit_update, 0},
    {0},
};
