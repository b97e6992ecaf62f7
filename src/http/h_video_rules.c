/* The video rules a bureau tunes from the console: alert_rules and label_map (domain/video_rules.c). */
#include "domain/video/video_rules.h"
#include "http/http.h"

static int get_rules(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_video_rules_get(req->db, &req->principal, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int patch_rule(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *rule = NULL;
    sh_err err = {0};
    int rc = sh_video_rule_update(req->db, &req->principal, req->params[0], body, &rule, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "rule", rule), &err);
}

static int put_label(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *row = NULL;
    sh_err err = {0};
    int rc = sh_label_map_put(req->db, &req->principal, body, &row, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 200, rc ? NULL : json_pack("{s:o}", "mapping", row), &err);
}

const sh_route sh_routes_video_rules[] = {
    {"GET", "/api/v1/video/rules", get_rules, 0},
    {"PATCH", "/api/v1/video/rules/:violation", patch_rule, 0},
    {"PUT", "/api/v1/video/label-map", put_label, 0},
    {0},
};
