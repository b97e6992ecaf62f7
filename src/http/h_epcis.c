/* GS1 EPCIS 2.0 REST bindings (domain/trace/epcis.h): POST /epcis/capture (202 and the job's Location),
 * GET /epcis/capture/:id, GET /epcis/events with the standard's query parameters and Link paging. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/trace/epcis.h"
#include "http/http.h"

static const char *const VERSION_HEADERS[] = {"GS1-EPCIS-Version", "2.0.0", "GS1-CBV-Version", "2.0.0"};

static int capture(sh_req *req)
{
    json_t *doc = sh_body_json_or_reply(req);
    if (!doc)
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_epcis_capture(req->db, &req->principal, doc, &out, &err);
    json_decref(doc);
    if (rc)
        return sh_reply_error(req, &err);
    char location[48];
    snprintf(location, sizeof location, "/epcis/capture/%lld", (long long)json_integer_value(json_object_get(out, "captureID")));
    const char *headers[] = {"Location", location, VERSION_HEADERS[0], VERSION_HEADERS[1], VERSION_HEADERS[2], VERSION_HEADERS[3], NULL};
    return sh_reply_json_headers(req, 202, out, headers);
}

static int capture_get(sh_req *req) { return sh_handle_id(req, sh_epcis_capture_get); }

/* Percent-encodes all but RFC 3986's unreserved characters. */
static void url_encode(const char *s, char *out, size_t cap)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = 0;
    for (; *s && n + 4 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("-._~", c)) {
            out[n++] = (char)c;
        } else {
            out[n++] = '%';
            out[n++] = hex[c >> 4];
            out[n++] = hex[c & 15];
        }
    }
    out[n] = '\0';
}

/* The same query with the next page's token: the Link header's target. */
static void next_link(sh_req *req, const char *token, char *out, size_t cap)
{
    static const char *const NAMES[] = {"eventType", "EQ_bizStep", "EQ_disposition", "EQ_bizLocation", "MATCH_epc", "GE_eventTime",
                                        "LT_eventTime", "perPage", "orderBy", "orderDirection"};
    size_t used = (size_t)snprintf(out, cap, "<%s?", req->path);
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES && used < cap; i++) {
        const char *v = sh_query(req, NAMES[i]);
        if (!v)
            continue;
        char enc[700];
        url_encode(v, enc, sizeof enc);
        used += (size_t)snprintf(out + used, cap - used, "%s=%s&", NAMES[i], enc);
    }
    if (used < cap)
        snprintf(out + used, cap - used, "nextPageToken=%s>; rel=\"next\"", token);
}

static int events(sh_req *req)
{
    long per_page;
    if (sh_query_long_or_reply(req, "perPage", 30, 1, SH_EPCIS_MAX_PER_PAGE, &per_page))
        return MHD_YES;
    const char *dir = sh_query(req, "orderDirection"), *by = sh_query(req, "orderBy");
    if (dir && strcmp(dir, "ASC") && strcmp(dir, "DESC"))
        return sh_reply_fail(req, SH_EINVAL, "orderDirection", "排序方向应为 ASC 或 DESC (orderDirection must be ASC or DESC)");
    if (by && strcmp(by, "eventTime"))
        return sh_reply_fail(req, SH_EINVAL, "orderBy", "仅支持按 eventTime 排序 (orderBy: eventTime only)");
    sh_epcis_query q = {.newest_first = dir && !strcmp(dir, "DESC"), .event_type = sh_query(req, "eventType"), .biz_step = sh_query(req, "EQ_bizStep"),
                        .disposition = sh_query(req, "EQ_disposition"), .biz_location = sh_query(req, "EQ_bizLocation"),
                        .match_epc = sh_query(req, "MATCH_epc"), .ge_time = sh_query(req, "GE_eventTime"),
                        .lt_time = sh_query(req, "LT_eventTime"), .page_token = sh_query(req, "nextPageToken"), .per_page = per_page};
    json_t *out = NULL;
    char *next = NULL;
    sh_err err = {0};
    int rc = sh_epcis_events_query(req->db, &req->principal, &q, &out, &next, &err);
    if (rc)
        return sh_reply_error(req, &err);
    char link[2048];
    if (next)
        next_link(req, next, link, sizeof link);
    const char *headers[] = {VERSION_HEADERS[0], VERSION_HEADERS[1], VERSION_HEADERS[2], VERSION_HEADERS[3], next ? "Link" : NULL, link, NULL};
    int ret = sh_reply_json_headers(req, 200, out, headers);
    free(next);
    return ret;
}

const sh_route sh_routes_epcis[] = {
    {"POST", "/epcis/capture", capture, SH_ROUTE_UPLOAD},
    {"GET", "/epcis/capture/:id", capture_get, 0},
    {"GET", "/epcis/events", events, 0},
    {0},
};
