/* The demo county's cameras (demo_cameras.h).
 * Determinism: each business draws from its own xoshiro256** stream (STREAM_CAMERAS, seeded from the
 * demo seed and the business id, as demo.c seeds its streams), so the cameras do not depend on the
 * order of the rows. Speed: one SELECT over the businesses and one cached INSERT statement. */
#include "demo/demo_cameras.h"


#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/rng.h"
#include "core/timeutil.h"
#include "domain/identity/secret.h"
#include "domain/base/settings.h"
#include "store/rows.h"

#define DAY_MS 86400000LL
#define MAX_AREAS 8

/* ---- random numbers: the generator of demo.c, on a stream of its own ---- */

enum { STREAM_CAMERAS = 6 }; /* after demo.c's places, officials, grids, placement, businesses */

static const char *pick(sh_rng *r, const char *const *list, long n) { return list[sh_rng_below(r, n)]; }

/* ---- what a business's cameras look like ---- */

/* Names installers give the cameras of each area. */
static const struct { const char *area; const char *names[3]; } area_names[] = {
    {"raw_material", {"粗加工间", "原料间", "粗加工区"}}, {"processing", {"加工车间", "生产车间", "加工区"}},
    {"packaging", {"包装车间", "包装间", "内包间"}},      {"kitchen", {"后厨", "烹饪间", "灶台"}},
    {"cold_dish", {"冷菜间", "凉菜间", "冷食专间"}},      {"washing", {"洗消间", "清洗消毒间", "洗碗间"}},
    {"storage", {"仓库", "库房", "原料库"}},              {"dining", {"大厅", "就餐区", "餐厅"}},
    {"sales", {"卖场", "收银台", "销售区"}},              {"other", {"其他", "门口", "通道"}},
};

static void camera_name(sh_rng *r, const char *area, char out[64])
{
    for (size_t i = 0; i < sizeof area_names / sizeof area_names[0]; i++)
        if (!strcmp(area_names[i].area, area)) {
            snprintf(out, 64, "%s1号", area_names[i].names[sh_rng_below(r, 3)]);
            return;
        }
    snprintf(out, 64, "摄像头1号");
}

/* Working hours by kind: restaurants every day, canteens on weekdays, factories in shifts. */
static const char *schedule_of(sh_rng *r, const char *kind)
{
    static const char *const caterer[] = {"[{\"days\":[1,2,3,4,5,6,7],\"from\":\"09:00\",\"to\":\"22:00\"}]",
                                          "[{\"days\":[1,2,3,4,5,6,7],\"from\":\"10:00\",\"to\":\"02:00\"}]",
                                          "[{\"days\":[1,2,3,4,5,6,7],\"from\":\"05:30\",\"to\":\"14:00\"}]"};
    static const char *const canteen[] = {"[{\"days\":[1,2,3,4,5],\"from\":\"06:00\",\"to\":\"19:00\"}]",
                                          "[{\"days\":[1,2,3,4,5],\"from\":\"06:30\",\"to\":\"19:30\"},{\"days\":[6],\"from\":\"07:00\",\"to\":\"13:00\"}]"};
    static const char *const factory[] = {"[]", "[{\"days\":[1,2,3,4,5,6],\"from\":\"08:00\",\"to\":\"18:00\"}]",
                                          "[{\"days\":[1,2,3,4,5],\"from\":\"07:30\",\"to\":\"17:30\"}]"};
    if (!strcmp(kind, "caterer"))
        return pick(r, caterer, 3);
    if (strstr(kind, "canteen"))
        return pick(r, canteen, 2);
    if (!strcmp(kind, "central_kitchen"))
        return "[]"; /* central kitchens work around the clock */
    return pick(r, factory, 3);
}

/* Hikvision organisationally unique identifiers (the first half of the MAC of its devices). */
static const char *const ouis[] = {"44:19:B6", "4C:BD:8F", "BC:AD:28", "C0:56:E3", "28:57:BE", "54:C4:15"};

typedef struct nvr {
    char ip[16], mac[18], user[16], password[16];
    int dahua; /* the URL style of a Dahua recorder */
} nvr;

static void make_nvr(sh_rng *r, int64_t id, nvr *n)
{
    if (sh_rng_permille(r, 600))
        snprintf(n->ip, sizeof n->ip, "10.%ld.%ld.%ld", 1 + sh_rng_below(r, 254), sh_rng_below(r, 256), 2 + sh_rng_below(r, 252));
    else
        snprintf(n->ip, sizeof n->ip, "192.168.%ld.%ld", sh_rng_permille(r, 500) ? 1L : sh_rng_below(r, 256), 64 + sh_rng_below(r, 150));
    /* multiplying by an odd number is one-to-one modulo 2^24: a distinct MAC for every business */
    uint32_t nic = (uint32_t)(((uint64_t)id * 0x9E3779B1ULL) & 0xFFFFFF);
    snprintf(n->mac, sizeof n->mac, "%s:%02X:%02X:%02X", pick(r, ouis, 6), (nic >> 16) & 0xFF, (nic >> 8) & 0xFF, nic & 0xFF);
    snprintf(n->user, sizeof n->user, "%s", sh_rng_permille(r, 850) ? "admin" : sh_rng_permille(r, 500) ? "viewer" : "shipin");
    static const char alnum[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    size_t len = 8 + (size_t)sh_rng_below(r, 5);
    for (size_t i = 0; i < len; i++)
        n->password[i] = alnum[sh_rng_below(r, (long)sizeof alnum - 1)];
    n->password[len] = '\0';
    n->dahua = sh_rng_permille(r, 150);
}

typedef struct required {
    char kind[24];
    const char *areas[MAX_AREAS];
    char area_buf[MAX_AREAS][16];
    int n;
} required;

/* camera_required_areas, read once. */
static int load_required(sh_db *db, required *req, int max, int *ret_n, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT kind, area FROM camera_required_areas ORDER BY kind, area", err);
    if (!st)
        return SH_EINTERNAL;
    int n = 0, rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        const char *kind = sh_col_text(st, 0);
        if (n == 0 || strcmp(req[n - 1].kind, kind)) {
            if (n == max)
                break;
            memset(&req[n], 0, sizeof req[n]);
            snprintf(req[n].kind, sizeof req[n].kind, "%s", kind);
            n++;
        }
        required *q = &req[n - 1];
        if (q->n < MAX_AREAS) {
            snprintf(q->area_buf[q->n], sizeof q->area_buf[q->n], "%s", sh_col_text(st, 1));
            q->areas[q->n] = q->area_buf[q->n];
            q->n++;
        }
    }
    sh_stmt_done(st);
    *ret_n = n;
    return rc < 0 ? rc : 0;
}

typedef struct cam_row {
    int64_t entity_id, created;
    const char *area, *schedule, *zones, *rules;
    char name[64], url[160], device[32];
    int enabled;
    int64_t heard, offline_since; /* 0: NULL */
    char health[128];
} cam_row;

static int insert(sh_db *db, const cam_row *c, const nvr *n, sh_err *err)
{
    char *sealed = NULL;
    int rc = sh_secret_seal(n->password, &sealed, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO cameras(entity_id, name, area, stream_url, stream_user, stream_secret, device_id,"
                                " schedule, zones, rules, enabled, last_heartbeat_at, offline_since, health, created_at, updated_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                err);
    if (!st) {
        free(sealed);
        return SH_EINTERNAL;
    }
    sh_bind_int64(st, 1, c->entity_id);
    sh_bind_text(st, 2, c->name);
    sh_bind_text(st, 3, c->area);
    sh_bind_text(st, 4, c->url);
    sh_bind_text(st, 5, n->user);
    sh_bind_text(st, 6, sealed);
    sh_bind_text(st, 7, c->device);
    sh_bind_text(st, 8, c->schedule);
    sh_bind_text(st, 9, c->zones);
    sh_bind_text(st, 10, c->rules);
    sh_bind_int64(st, 11, c->enabled);
    sh_bind_int64_or_null(st, 12, c->heard);
    sh_bind_int64_or_null(st, 13, c->offline_since);
    sh_bind_text(st, 14, c->health[0] ? c->health : NULL);
    sh_bind_int64(st, 15, c->created);
    sh_bind_int64(st, 16, c->created);
    rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    free(sealed);
    return rc < 0 ? rc : 0;
}

/* The cameras of one business (when it has any): its required areas, sometimes one more. */
static int business_cameras(sh_db *db, uint64_t seed, int64_t now, int64_t id, const char *kind, int64_t created,
                            const required *req, long *count, sh_err *err)
{
    sh_rng r;
    sh_rng_init(&r, seed, STREAM_CAMERAS, (uint64_t)id);
    if (!sh_rng_permille(&r, 600))
        return 0;
    nvr n;
    make_nvr(&r, id, &n);
    const char *areas[MAX_AREAS + 1];
    int na = 0;
    for (int i = 0; i < req->n; i++)
        areas[na++] = req->areas[i];
    int eats = !strcmp(kind, "caterer") || strstr(kind, "canteen");
    if (eats && sh_rng_permille(&r, 250))
        areas[na++] = "dining";
    else if (sh_rng_permille(&r, 200))
        areas[na++] = "storage";
    const char *schedule = schedule_of(&r, kind);
    /* installed some weeks after the business was registered */
    int64_t installed = created + (1 + sh_rng_below(&r, 180)) * DAY_MS;
    /* about 90 % of the recorders report; the others went silent hours or days ago, or never did */
    long state = sh_rng_below(&r, 1000);
    int64_t heard = state < 900 ? now - sh_rng_below(&r, 60000) : state < 960 ? now - (1 + sh_rng_below(&r, 96)) * 3600000LL : 0;
    int rc = 0;
    for (int i = 0; rc == 0 && i < na; i++) {
        cam_row c = {.entity_id = id, .area = areas[i], .schedule = schedule, .created = installed, .enabled = sh_rng_permille(&r, 985)};
        camera_name(&r, areas[i], c.name);
        int ch = i + 1;
        if (n.dahua)
            snprintf(c.url, sizeof c.url, "rtsp://%s:554/cam/realmonitor?channel=%d&subtype=0", n.ip, ch);
        else
            snprintf(c.url, sizeof c.url, "rtsp://%s:554/Streaming/Channels/%d01", n.ip, ch);
        snprintf(c.device, sizeof c.device, "%s:%d", n.mac, ch);
        c.zones = !strcmp(areas[i], "kitchen") && sh_rng_permille(&r, 200)
                      ? "[{\"name\":\"窗户\",\"type\":\"mask\",\"points\":[[0.75,0.0],[1.0,0.0],[1.0,0.3],[0.75,0.3]]}]"
                      : "[]";
        c.rules = eats && sh_rng_permille(&r, 100) ? "[\"no_mask\",\"no_hat\",\"smoking\",\"animal\"]" : "[]";
        c.heard = heard;
        if (c.enabled && !heard)
            c.offline_since = installed;
        else if (c.enabled && state >= 900)
            c.offline_since = heard;
        if (heard && state < 900)
            snprintf(c.health, sizeof c.health,
                     "{\"decode_fps\":25,\"detect_fps\":%ld,\"inference_ms\":%ld,\"skipped_frames\":%ld,\"simulated\":1}",
                     4 + sh_rng_below(&r, 3), 28 + sh_rng_below(&r, 40), sh_rng_below(&r, 30));
        rc = insert(db, &c, &n, err);
    }
    sodium_memzero(n.password, sizeof n.password);
    *count += na;
    return rc;
}

int sh_demo_cameras(sh_db *db, uint64_t seed, long *ret_count, sh_err *err)
{
    required req[16];
    int nreq = 0;
    int rc = load_required(db, req, 16, &nreq, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT id, kind, created_at FROM entities WHERE status = 'active'"
                                " AND kind IN (SELECT kind FROM camera_required_areas) ORDER BY id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    int64_t now = sh_now_ms();
    long count = 0;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        const char *kind = sh_col_text(st, 1);
        const required *q = NULL;
        for (int i = 0; i < nreq && !q; i++)
            if (!strcmp(req[i].kind, kind))
                q = &req[i];
        if (q && (rc = business_cameras(db, seed, now, sh_col_int64(st, 0), kind, sh_col_int64(st, 2), q, &count, err)) != 0)
            break;
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    /* every camera's history starts with its registration */
    st = sh_db_prepare(db,
                       "INSERT INTO audit_log(at, user_id, actor, action, object_type, object_id)"
                       " SELECT created_at, NULL, 'system', 'create', 'camera', id FROM cameras ORDER BY id",
                       err);
    if (!st)
        return SH_EINTERNAL;
    rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (ret_count)
        *ret_count = count;
    return 0;
}

/* The id of a camera whose health says a simulated device reports it; NULL for any other. */
static json_t *simulated_camera(sh_stmt *st, void *ctx)
{
    (void)ctx;
    json_t *health = json_loads(sh_col_text(st, 1), 0, NULL);
    int simulated = json_integer_value(json_object_get(health, "simulated")) == 1;
    json_decref(health);
    return simulated ? json_integer(sh_col_int64(st, 0)) : NULL;
}

int sh_demo_devices_beat(sh_db *db, int64_t now_ms, int *ret_count, sh_err *err)
{
    if (ret_count)
        *ret_count = 0;
    if (sh_setting_int(db, "demo_devices", 0) != 1)
        return 0;
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    /* the health is JSON text: read here, where every database's driver gives the same text */
    json_t *ids = json_array(), *id;
    rc = sh_rows_append(sh_db_prepare(db, "SELECT id, health FROM cameras WHERE enabled = 1 AND health IS NOT NULL", err),
                        simulated_camera, NULL, ids, err);
    size_t i;
    json_array_foreach(ids, i, id) {
        if (rc)
            break;
        sh_stmt *st = sh_db_prepare(db, "UPDATE cameras SET last_heartbeat_at = ?, offline_since = NULL WHERE id = ?", err);
        if (st) {
            sh_bind_int64(st, 1, now_ms);
            sh_bind_int64(st, 2, json_integer_value(id));
        }
        rc = sh_stmt_run(st, err);
    }
    int n = (int)json_array_size(ids);
    json_decref(ids);
    if ((rc = sh_db_finish(db, rc, err)) != 0)
        return rc;
    if (ret_count)
        *ret_count = n;
    return 0;
}
