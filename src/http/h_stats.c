/* Registry figures for the home page and reports, and the figures by month its charts draw. */
#include "domain/home/trends.h"
#include "domain/registry/entity.h"
#include "domain/supervision/stats.h"
#include "http/http.h"

static int overview(sh_req *req)
{
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_stats_overview(req->db, &req->principal, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int check_kind(sh_req *req, const char *kind)
{
    if (kind && !sh_entity_kind_parse(kind)) {
        sh_reply_fail(req, SH_EINVAL, "kind", "类型无效 (unknown kind)");
        return -1;
    }
    return 0;
}

static int completeness(sh_req *req)
{
    const char *kind = sh_query(req, "kind");
    if (check_kind(req, kind) != 0)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_stats_completeness(req->db, &req->principal, kind, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int missing(sh_req *req)
{
    const char *kind = sh_query(req, "kind");
    long limit, cursor;
    if (check_kind(req, kind) != 0 || sh_query_long_or_reply(req, "limit", 50, 1, 500, &limit) != 0 ||
        sh_query_long_or_reply(req, "cursor", 0, 0, INT64_MAX, &cursor) != 0)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_stats_missing(req->db, &req->principal, sh_query(req, "township"), kind, cursor, (int)limit, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* ?metric=a,b (default all) &months=12: the figures by month (domain/home/trends.c). */
static int trends(sh_req *req)
{
    long months;
    if (sh_query_long_or_reply(req, "months", 12, 1, SH_TRENDS_MAX_MONTHS, &months) != 0)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_trends(req->db, &req->principal, sh_query(req, "metric"), (int)months, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

const sh_route sh_routes_stats[] = {
    {"GET", "/api/v1/stats/overview", overview, 0},
    {"GET", "/api/v1/stats/completeness", completeness, 0},
    {"GET", "/api/v1/stats/completeness/missing", missing, 0},
    {"GET", "/api/v1/stats/trends", trends, 0},
    {0},
};
