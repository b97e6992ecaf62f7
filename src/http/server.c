/* libmicrohttpd server: the front door (routing, authentication, body cap and CSRF decided from the
 * headers, before the body is read), the request lifecycle, per-thread database connections, the
 * per-address connection limit and read timeout, and the request log. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include "core/log.h"
#include "core/timeutil.h"
#include "domain/base/settings.h"
#include "domain/identity/auth.h"
#include "domain/loop/attachment.h"
#include "http/http.h"
#include "http/linger.h"
#include "http/metrics.h"

struct sh_server {
    struct MHD_Daemon *daemon;
    const sh_config *cfg;
    int port;
};

/* ---- per-thread database connection ---- */

static pthread_key_t db_key;
static pthread_once_t db_key_once = PTHREAD_ONCE_INIT;

static void db_close_thread(void *db)
{
    sh_db_close(db);
}

static void db_key_init(void)
{
    pthread_key_create(&db_key, db_close_thread);
}

static sh_db *thread_db(const sh_config *cfg, sh_err *err)
{
    pthread_once(&db_key_once, db_key_init);
    sh_db *db = pthread_getspecific(db_key);
    if (!db) {
        if (sh_db_open(cfg->db_path, &db, err) != 0)
            return NULL;
        pthread_setspecific(db_key, db);
    }
    return db;
}

/* ---- routing ---- */

/* The API's paths: /api/… and the EPCIS 2.0 standard's own (/epcis/capture, /epcis/events); the rest
 * is the console's static files. */
static int api_path(const char *path) { return !strncmp(path, "/api/", 5) || !strncmp(path, "/epcis/", 7); }

static const sh_route *const route_tables[] = {sh_routes_auth, sh_routes_tokens, sh_routes_registry, sh_routes_transfer, sh_routes_entities,
                                                sh_routes_stats, sh_routes_supervision, sh_routes_risk,
                                                sh_routes_duty, sh_routes_selfcheck,
                                                sh_routes_acceptance, sh_routes_cameras, sh_routes_ingest,
                                                sh_routes_alerts, sh_routes_patrols, sh_routes_video_rules,
                                                sh_routes_calendar, sh_routes_audit, sh_routes_observations,
                                                sh_routes_settings, sh_routes_sampling, sh_routes_sampling_plans, sh_routes_samples,
                                                sh_routes_complaints, sh_routes_portal_complaints, sh_routes_portal,
                                                sh_routes_cases, sh_routes_credit, sh_routes_ledger, sh_routes_trace,
                                                sh_routes_epcis, sh_routes_todo, sh_routes_brands, sh_routes_people, sh_routes_users,
                                                sh_routes_workshops, sh_routes_workshop_places, sh_routes_upgrade_plans, sh_routes_timeline,
                                                sh_routes_licences, sh_routes_famous, sh_routes_demonstration, sh_routes_dashboard,
                                                sh_routes_reports};

/* Matches path against pattern, collecting ":param" segments (and a last ":param*", the rest of the
 * path) into req. */
static int route_match(const char *pattern, const char *path, sh_req *req)
{
    size_t used = 0;
    int n = 0;
    while (*pattern && *path) {
        if (*pattern == ':') {
            while (*pattern && *pattern != '/')
                pattern++;
            /* ":name*" as the last segment takes the rest of the path, slashes and all */
            int rest = pattern[-1] == '*' && !*pattern;
            const char *end = rest ? NULL : strchr(path, '/');
            size_t len = end ? (size_t)(end - path) : strlen(path);
            if (len == 0 || n == SH_MAX_PATH_PARAMS || used + len + 1 > sizeof req->param_buf)
                return 0;
            memcpy(req->param_buf + used, path, len);
            req->param_buf[used + len] = '\0';
            req->params[n++] = req->param_buf + used;
            used += len + 1;
            path += len;
            continue;
        }
        if (*pattern != *path)
            return 0;
        pattern++;
        path++;
    }
    return *pattern == '\0' && *path == '\0';
}

static const sh_route *route_find(sh_req *req, int *method_mismatch)
{
    *method_mismatch = 0;
    for (size_t t = 0; t < sizeof route_tables / sizeof route_tables[0]; t++)
        for (const sh_route *r = route_tables[t]; r->method; r++)
            if (route_match(r->pattern, req->path, req)) {
                if (strcmp(r->method, req->method) == 0)
                    return r;
                *method_mismatch = 1;
            }
    return NULL;
}

/* ---- authentication ---- */

static int cookie_token(sh_req *req, char out[65])
{
    const char *c = MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, "shian_session");
    if (!c || strlen(c) != 64)
        return 0;
    memcpy(out, c, 65);
    return 1;
}

static int bearer_token(sh_req *req, char out[65])
{
    const char *h = sh_header(req, "Authorization");
    if (!h || strncmp(h, "Bearer ", 7) != 0 || strlen(h + 7) != 64)
        return 0;
    memcpy(out, h + 7, 65);
    return 1;
}

/* Cameras pushing to the Hikvision route often cannot set headers: there (only) an API token may
 * come as ?token=. */
static int query_token(sh_req *req, char out[65])
{
    const char *t = strcmp(req->path, "/api/v1/ingest/hikvision") == 0 ? sh_query(req, "token") : NULL;
    if (!t || strlen(t) != 64)
        return 0;
    memcpy(out, t, 65);
    return 1;
}

static int authenticate(sh_req *req, sh_err *err)
{
    if (bearer_token(req, req->token) || query_token(req, req->token))
        req->via_api_token = 1;
    else if (!cookie_token(req, req->token))
        return sh_fail(err, SH_EAUTH, "", "请先登录 (sign in first)");
    int rc = sh_token_resolve(req->db, req->token, &req->principal, err);
    if (rc == 0) {
        req->authed = 1;
        req->principal.device = req->via_api_token;
    }
    return rc;
}

/* Browsers send cookies on cross-site form posts; a custom header cannot be sent cross-site
 * without CORS, which this server never grants. API-token clients are not browsers. */
static int csrf_ok(sh_req *req)
{
    if (!strcmp(req->method, "GET") || !strcmp(req->method, "HEAD") || req->via_api_token)
        return 1;
    const char *x = sh_header(req, "X-Requested-With");
    return x && strcmp(x, "shian") == 0;
}

/* Observations carry one snapshot (at most the max_snapshot_bytes setting, 2 MiB, base64 in JSON). */
#define INGEST_MAX_BODY (8L * 1024 * 1024)

static long route_cap(const sh_config *cfg, const sh_route *r)
{
    if (r && (r->flags & SH_ROUTE_INGEST))
        return cfg->max_upload < INGEST_MAX_BODY ? cfg->max_upload : INGEST_MAX_BODY;
    return r && (r->flags & SH_ROUTE_UPLOAD) ? cfg->max_upload : cfg->max_body;
}

/* The declared Content-Length, or -1 (none: chunked or no body). */
static long long declared_length(sh_req *req)
{
    const char *cl = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    return cl ? strtoll(cl, NULL, 10) : -1;
}

static int declared_too_big(sh_req *req)
{
    return declared_length(req) > req->body_cap;
}

/* A declared body (within the cap) gets its whole buffer at once, so that a snapshot is not copied
 * again and again as the buffer doubles. */
static void body_reserve(sh_req *req)
{
    long long n = declared_length(req);
    if (n <= 0 || n > req->body_cap)
        return;
    req->body.data = sh_xmalloc((size_t)n + 1);
    req->body.cap = (size_t)n + 1;
    req->body.data[0] = '\0';
}

#define ADMITTED (-1)

/* The front door, at the first callback: everything that the request line and headers decide
 * (route, method, session or token, declared size, CSRF) is decided before any byte of the body
 * is read. A refusal queued here makes libmicrohttpd answer and close the connection without
 * reading the body. Returns ADMITTED, or the result of the refusal. */
static int front_door(sh_req *req)
{
    sh_err err = {0};
    if (strcmp(req->path, "/metrics") == 0) { /* its own access rule: addresses or a token (h_metrics.c) */
        req->route = &sh_route_metrics;
        req->body_cap = 0;
        if (strcmp(req->method, "GET"))
            return sh_reply_fail(req, SH_EINVAL, "method", "该地址不支持此请求方法 (method not allowed on this path)");
        if (!(req->db = thread_db(req->cfg, &err)))
            return sh_reply_error(req, &err);
        return declared_too_big(req) ? sh_reply_fail(req, SH_ETOOBIG, "body", "请求体过大 (request body too large)") : ADMITTED;
    }
    if (!api_path(req->path)) {
        if (strcmp(req->method, "GET") && strcmp(req->method, "HEAD"))
            return sh_reply_fail(req, SH_EINVAL, "method", "method not allowed");
        req->body_cap = req->cfg->max_body;
        return declared_too_big(req) ? sh_reply_fail(req, SH_ETOOBIG, "body", "请求体过大 (request body too large)")
                                     : ADMITTED;
    }
    req->db = thread_db(req->cfg, &err);
    if (!req->db)
        return sh_reply_error(req, &err);
    sh_settings_check(req->db); /* a change by another process (shian settings set) is seen at once */
    int mismatch;
    const sh_route *r = route_find(req, &mismatch);
    if (!r) {
        if (mismatch)
            return sh_reply_fail(req, SH_EINVAL, "method", "该地址不支持此请求方法 (method not allowed on this path)");
        return sh_reply_fail(req, SH_ENOTFOUND, "path", "没有这个接口 (no such API endpoint)");
    }
    req->route = r;
    req->body_cap = route_cap(req->cfg, r);
    if (!(r->flags & SH_ROUTE_PUBLIC) && authenticate(req, &err) != 0)
        return sh_reply_error(req, &err);
    /* an administrator set this password: nothing but replacing it (and who am I, sign out) until then */
    if (req->authed && req->principal.must_change_password && !req->principal.device && !(r->flags & SH_ROUTE_PASSWORD_PENDING))
        return sh_reply_fail(req, SH_EPERM, "password", "请先修改管理员设置的初始密码 (change the password an administrator set first)");
    if (declared_too_big(req))
        return sh_reply_fail(req, SH_ETOOBIG, "body", "请求体过大 (request body too large)");
    if (!csrf_ok(req))
        return sh_reply_fail(req, SH_EPERM, "X-Requested-With", "请求缺少X-Requested-With: shian头 (missing the X-Requested-With: shian header)");
    return ADMITTED;
}

/* The body is in: run the handler. */
static int dispatch(sh_req *req)
{
    if (req->body_too_big)
        return sh_reply_fail(req, SH_ETOOBIG, "body", "请求体过大 (request body too large)");
    return req->route ? req->route->handler(req) : sh_serve_static(req);
}

/* ---- libmicrohttpd callbacks ---- */

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    sh_server *srv = cls;
    sh_req *req = *con_cls;
    if (!req) {
        req = sh_xcalloc(1, sizeof *req);
        req->conn = conn;
        req->method = method;
        req->path = url;
        req->cfg = srv->cfg;
        req->started_ns = sh_mono_ns();
        sh_buf_init(&req->body);
        *con_cls = req;
        /* Without a body there is nothing to save: the door is passed at the last call, since an
         * answer queued now would make libmicrohttpd close a connection that could be kept. */
        if (declared_length(req) <= 0 && !MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING))
            return MHD_YES;
        req->door_passed = 1;
        int ret = front_door(req);
        if (ret == ADMITTED) {
            body_reserve(req);
            return MHD_YES;
        }
        req->refused_early = 1;
        return ret == MHD_YES ? MHD_YES : MHD_NO;
    }
    if (req->refused_early) { /* whatever body still comes is dropped */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        /* without Content-Length (chunked) the size shows only now: the rest is discarded, 413 */
        if (!req->body_too_big && req->body.len + *upload_size <= (size_t)req->body_cap)
            sh_buf_add(&req->body, upload_data, *upload_size);
        else
            req->body_too_big = 1;
        *upload_size = 0;
        return MHD_YES;
    }
    if (!req->door_passed) {
        req->door_passed = 1;
        int ret = front_door(req);
        if (ret != ADMITTED)
            return ret == MHD_YES ? MHD_YES : MHD_NO;
    }
    return dispatch(req) == MHD_YES ? MHD_YES : MHD_NO;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    sh_req *req = *con_cls;
    if (!req)
        return;
    int64_t ns = sh_mono_ns() - req->started_ns;
    double ms = (double)ns / 1e6;
    /* by route pattern, never the raw URL: the series stay as many as the routes */
    const char *pattern = req->route ? req->route->pattern : !api_path(req->path) ? "static" : "unmatched";
    sh_metrics_request(pattern, req->method, req->status, ns);
    sh_info("%s %s %d %.1fms %s%s", req->method, req->path, req->status, ms,
            req->authed ? req->principal.username : "-", toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
    /* refused with its body still coming: libmicrohttpd closes now, the body is drained elsewhere */
    const union MHD_ConnectionInfo *ci = req->refused_early ? MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD) : NULL;
    int fd = ci ? dup(ci->connect_fd) : -1;
    if (fd >= 0)
        sh_linger_add(fd);
    sh_buf_release(&req->body);
    free(req);
    *con_cls = NULL;
}

int sh_server_start(const sh_config *cfg, sh_server **ret, sh_err *err)
{
    /* temporary files of uploads a crash interrupted (loop/attachment.c), aged by their mtime */
    sh_attachment_clean_temp(cfg->files_dir, sh_file_clock_ms());
    sh_metrics_started();
    sh_server *s = sh_xcalloc(1, sizeof *s);
    s->cfg = cfg;
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)cfg->port);
    if (inet_pton(AF_INET, cfg->listen, &addr.sin_addr) != 1) {
        free(s);
        return sh_fail(err, SH_EINVAL, "listen", "监听地址“%s”不是IPv4地址 ('%s' is not an IPv4 address)", cfg->listen, cfg->listen);
    }
    s->daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG,
                                 (uint16_t)cfg->port, NULL, NULL, on_request, s,
                                 MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
                                 MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)cfg->threads,
                                 MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
                                 /* a silent connection (slow headers or body, idle keep-alive) is
                                  * closed, and one address cannot take every connection */
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)cfg->read_timeout,
                                 MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)cfg->per_ip_connections,
                                 MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
                                 MHD_OPTION_END);
    if (!s->daemon) {
        free(s);
        return sh_fail(err, SH_EINTERNAL, "port", "cannot listen on %s:%d (in use?)", cfg->listen, cfg->port);
    }
    if (sh_linger_start() != 0)
        sh_warn("http: no lingering close (thread or epoll failed): refused uploads may see a reset");
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : cfg->port;
    *ret = s;
    return 0;
}

int sh_server_port(const sh_server *s)
{
    return s->port;
}

void sh_server_stop(sh_server *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->daemon);
    sh_linger_stop();
    free(s);
}
