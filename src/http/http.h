/* The HTTP layer: server, request context, routing and JSON replies.
 * A request is parsed and checked here; the rules live in domain/. Each worker thread of the
 * libmicrohttpd pool owns one database connection (store is not shared across threads). */
#ifndef SH_HTTP_H
#define SH_HTTP_H

#include <jansson.h>
#include <microhttpd.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/err.h"
#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

#define SH_MAX_PATH_PARAMS 4

typedef struct sh_req {
    struct MHD_Connection *conn;
    const char *method;
    const char *path;
    const sh_config *cfg;
    sh_db *db;                 /* this worker thread's connection */
    sh_buf body;               /* request body, at most body_cap bytes */
    long body_cap;             /* the route's cap (see SH_ROUTE_UPLOAD, SH_ROUTE_INGEST) */
    int body_too_big;          /* a body without Content-Length ran past body_cap: answered 413 */
    const struct sh_route *route; /* NULL for the web console's static files */
    int door_passed;           /* routed and authenticated (server.c front_door) */
    int refused_early;         /* answered before its body, which was still to come */
    const char *params[SH_MAX_PATH_PARAMS]; /* ":name" segments of the route, in order */
    char param_buf[256];
    int authed;                /* principal is set */
    int via_api_token;         /* authenticated by Authorization: Bearer */
    char token[65];            /* the session or API token presented */
    sh_principal principal;
    int64_t started_ns;
    int status;                /* status sent, for the request log */
} sh_req;

typedef int (*sh_handler)(sh_req *req);

/* Route flags: the authentication policy and the body cap of a route. The server routes,
 * authenticates and checks Content-Length against the cap at the first callback, before it reads
 * any of the body, so a refused request never costs its body's memory. */
enum {
    SH_ROUTE_PUBLIC = 1, /* no session or API token needed */
    SH_ROUTE_UPLOAD = 2, /* files and imports: body up to the max_upload setting (else max_body) */
    SH_ROUTE_PASSWORD_PENDING = 8, /* open to a user who must still replace an administrator's password */
    SH_ROUTE_INGEST = 4, /* observations: one snapshot, body up to max_upload but at most 8 MiB */
};

typedef struct sh_route {
    const char *method;
    const char *pattern;   /* "/api/v1/entities/:id/history"; a last ":rest*" takes the rest of the path */
    sh_handler handler;
    int flags;
} sh_route;

/* Replies (each returns MHD_YES/MHD_NO as the handler's result). */
/* Queues r (and releases it) with the headers every reply carries: every reply goes through here. */
int sh_reply_queue(sh_req *req, int status, struct MHD_Response *r);
/* Steals body; a NULL body is an empty reply (such as 204) that keeps the connection alive. */
int sh_reply_json(sh_req *req, int status, json_t *body);
/* The same with more headers: {name, value, name, value, …, NULL}. */
int sh_reply_json_headers(sh_req *req, int status, json_t *body, const char *const *headers);
/* The end of every handler: rc == 0 replies body (stolen, NULL for none) with status, else the
 * error err describes (body is freed). */
int sh_reply_result(sh_req *req, int rc, int status, json_t *body, const sh_err *err);
int sh_reply_error(sh_req *req, const sh_err *err);
int sh_reply_fail(sh_req *req, int code, const char *field, const char *message);
int sh_reply_bytes(sh_req *req, int status, const char *content_type, const void *data, size_t len,
                   const char *disposition_filename);
/* The QR code (PNG) of a public console page, <public_url>/<fragment> (sh_public_url), or the error
 * when rc is not 0 (what the page shows was not found). */
int sh_reply_page_qr(sh_req *req, int rc, sh_err *err, const char *fragment);
int sh_reply_empty(sh_req *req, int status, const char *set_cookie);
/* 200 with data and the Cache-Control given (public resources that caches may keep). */
int sh_reply_cacheable(sh_req *req, const char *content_type, const void *data, size_t len, const char *cache_control);

/* Request helpers. Those named *_or_reply answer the request themselves when the input is bad:
 * the handler then returns MHD_YES at once. */
const char *sh_query(sh_req *req, const char *name);   /* NULL when absent or empty */
const char *sh_header(sh_req *req, const char *name);
/* The client's address (text, "" when unknown): the peer's, or, when the peer is the configured
 * trusted_proxy, the last address of its X-Forwarded-For. The key of per-address limits. */
void sh_client_address(sh_req *req, char out[64]);
/* The public address of a console page: <public_url>/<fragment> ("#/shop/12"), or http://<Host>/...
 * when no public_url is set (a Host that is not a plain host[:port] gives the server's own address). */
void sh_public_url(sh_req *req, const char *fragment, char *out, size_t size);
/* A public write under the per-address limit of bucket (domain/identity/rate_limit.h): SH_ELIMIT
 * (429) when the client's address has used the hour's allowance, else fn(req, address, ctx, out, err);
 * an accepted request (fn returned 0) counts. Returns what fn returned. */
typedef int (*sh_limited_fn)(sh_req *req, const char *address, void *ctx, json_t **out, sh_err *err);
int sh_limited(sh_req *req, const char *bucket, sh_limited_fn fn, void *ctx, json_t **out, sh_err *err);
/* Parses the body as a JSON object; on failure replies 400 and returns NULL. */
json_t *sh_body_json_or_reply(sh_req *req);
/* Parses a positive integer path parameter; on failure replies 404 and returns 0. */
int64_t sh_param_id_or_reply(sh_req *req, int idx);
/* Parses an integer query parameter; replies 400 and returns -1 on a bad value. */
int sh_query_long_or_reply(sh_req *req, const char *name, long def, long min, long max, long *out);
/* The usual handler shapes: the path's first id and/or the JSON body handed to a domain function, whose
 * answer (or error) is replied — with status on success. */
typedef int (*sh_id_fn)(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
typedef int (*sh_body_fn)(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
typedef int (*sh_id_body_fn)(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
int sh_handle_id(sh_req *req, sh_id_fn fn);
int sh_handle_body(sh_req *req, sh_body_fn fn, int status);
int sh_handle_id_body(sh_req *req, sh_id_body_fn fn);
/* The same, answering status on success (201 for what the call creates under the id). */
int sh_handle_id_body_status(sh_req *req, sh_id_body_fn fn, int status);
/* Parses limit (def_limit, 1 to max_limit) and offset (0 or more); replies 400 and returns -1 on a bad value. */
int sh_query_page_or_reply(sh_req *req, long def_limit, long max_limit, sh_page *out);

/* Route tables of each handler file. */
extern const sh_route sh_routes_auth[];
extern const sh_route sh_routes_tokens[];   /* h_tokens.c: device tokens */
extern const sh_route sh_routes_calendar[]; /* h_calendar.c: holiday notices, deadlines */
extern const sh_route sh_routes_audit[];    /* h_audit.c: the audit log */
extern const sh_route sh_routes_observations[]; /* h_observations.c: a camera's observations */
extern const sh_route sh_routes_settings[]; /* h_settings.c: the county's risk settings */
extern const sh_route sh_routes_sampling[]; /* h_sampling.c: limit tables, judging results */
extern const sh_route sh_routes_sampling_plans[]; /* h_sampling_plans.c: plans, draws, progress, figures, public proposals */
extern const sh_route sh_routes_samples[];
extern const sh_route sh_routes_credit[];     /* h_credit.c: 红黑榜, joint-punishment flags, summons */
extern const sh_route sh_routes_cases[];      /* h_cases.c: enforcement cases, discretion benchmarks */
extern const sh_route sh_routes_complaints[]; /* h_complaints.c: complaints, reports, 舆情 for officials */
extern const sh_route sh_routes_portal_complaints[]; /* h_portal_complaints.c: the public's form, tracking, rating */  /* h_samples.c: samples, re-tests, follow-up, labs */
extern const sh_route sh_routes_registry[];
extern const sh_route sh_routes_entities[];
extern const sh_route sh_routes_stats[];
extern const sh_route sh_routes_transfer[];
extern const sh_route sh_routes_supervision[];
extern const sh_route sh_routes_risk[];
extern const sh_route sh_routes_duty[];
extern const sh_route sh_routes_selfcheck[];
extern const sh_route sh_routes_acceptance[];
extern const sh_route sh_routes_cameras[];  /* h_cameras.c: camera registry, heartbeats, coverage */
extern const sh_route sh_routes_ingest[];   /* h_ingest.c: observations from AI sources */
extern const sh_route sh_routes_alerts[];   /* h_alerts.c: review, hazards, figures, outbox */
extern const sh_route sh_routes_patrols[];  /* h_patrols.c: online patrols */
extern const sh_route sh_routes_video_rules[]; /* h_video_rules.c: alert rules and label map */
extern const sh_route sh_routes_ledger[];   /* h_ledger.c: the public ledger: checkpoints, key, proofs, leaves */
extern const sh_route sh_routes_epcis[];    /* h_epcis.c: EPCIS 2.0 capture and event query */
extern const sh_route sh_routes_trace[];    /* h_trace.c: trace codes, tracing, recalls */
extern const sh_route sh_routes_users[];    /* h_users.c: accounts, one's own password */
extern const sh_route sh_routes_demonstration[]; /* h_demonstration.c: 示范创建 */
extern const sh_route sh_routes_famous[];   /* h_famous.c: 名特优 workshops */
extern const sh_route sh_routes_brands[];   /* h_brands.c: brand marks and authorisations */
extern const sh_route sh_routes_people[];   /* h_people.c: food-safety directors and officers, spot exams */
extern const sh_route sh_routes_timeline[]; /* h_timeline.c: a business's whole record */
extern const sh_route sh_routes_dashboard[]; /* h_dashboard.c: the command room's dashboard, township boundaries */
extern const sh_route sh_routes_reports[];   /* h_reports.c: monthly and quarterly reports sent upward */
extern const sh_route sh_routes_todo[];     /* h_todo.c: a business's to-do list */
extern const sh_route sh_routes_licences[];  /* h_licences.c: food business licences under the commitment system */
extern const sh_route sh_routes_workshops[]; /* h_workshops.c: small workshops' registration and certificates */
extern const sh_route sh_routes_workshop_places[]; /* h_workshop_places.c: parks, clusters, model units */
extern const sh_route sh_routes_upgrade_plans[]; /* h_upgrade_plans.c: upgrade plans (提升改造) of those places */
extern const sh_route sh_routes_portal[];   /* h_portal.c: the public shop pages, QR codes, ratings */

/* GET /metrics (h_metrics.c): served at the root, not from a route table of /api/v1. */
extern const sh_route sh_route_metrics;
/* Notes the server's start for /metrics. */
void sh_metrics_started(void);

/* Static files of the web console. */
int sh_serve_static(sh_req *req);

typedef struct sh_server sh_server;
int sh_server_start(const sh_config *cfg, sh_server **ret, sh_err *err);
int sh_server_port(const sh_server *s);
void sh_server_stop(sh_server *s);

#endif
