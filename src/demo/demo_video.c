/* The demo county's history of AI video alerts and hazards (demo_video.h).
 * Determinism: each camera draws from its own xoshiro256** stream (STREAM_VIDEO, seeded from the demo
 * seed and the camera id), and times count back from 00:00 of today (Beijing), so the same seed gives
 * the same rows on the same day. The alerts are planned camera by camera, then written in the order
 * of their first observation, as a live server would have numbered them.
 * Speed: one SELECT over the cameras, statements from the connection's cache. */
#include "demo/demo_video.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/rng.h"
#include "core/timeutil.h"
#include "domain/video/alert.h"
#include "domain/video/hazard_push.h"
#include "domain/base/calendar.h"
#include "domain/loop/rectify.h"
#include "domain/video/rules.h"
#include "demo/demo_pictures.h"
#include "store/rows.h"

#define DAY_MS 86400000LL
#define HOUR_MS 3600000LL
#define MIN_MS 60000LL
#define HISTORY_DAYS 90
#define MAX_OBS 8
#define MAX_ALERTS_PER_CAMERA 14
#define BURST_MS (45 * MIN_MS) /* the longest burst a plan can make */
#define MAX_VIOLATIONS 16
#define MAX_TOWNS 128
#define NEVER INT64_MAX

enum { STREAM_VIDEO = 7, STREAM_VIDEO_WRITE = 8 }; /* after demo_cameras.c's cameras: plans, then their writing */

/* ---- reference data read once ---- */

typedef struct violation {
    char code[16], label[64], requirement[256], schedule[16];
    int min_duration_s, cooldown_s, deadline_wd, enabled;
    double min_score;
} violation;

typedef struct official {
    char code[13], username[32];
    int64_t id;
} official;

typedef struct ctx {
    sh_db *db;
    sh_err *err;
    uint64_t seed;
    int64_t cutoff; /* 00:00 today, Beijing */
    violation v[MAX_VIOLATIONS];
    int nv;
    official towns[MAX_TOWNS];
    int ntowns;
    int64_t county_id;
    long obs_seq;
    const sh_demo_photos *photos; /* the snapshots' pictures; none: no snapshots */
} ctx;

static int load_reference(ctx *x)
{
    sh_stmt *st = sh_db_prepare(x->db,
                                "SELECT v.code, v.label, v.requirement, coalesce(r.min_duration_s, 0), coalesce(r.cooldown_s, 300),"
                                " coalesce(r.schedule, 'always'), coalesce(r.deadline_wd, 3), coalesce(r.min_score, 0.5),"
                                " coalesce(r.enabled, 0) FROM violation_types v LEFT JOIN alert_rules r ON r.violation = v.code"
                                " ORDER BY v.code",
                                x->err);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, x->err)) == SH_ROW && x->nv < MAX_VIOLATIONS) {
        violation *v = &x->v[x->nv++];
        snprintf(v->code, sizeof v->code, "%s", sh_col_text(st, 0));
        snprintf(v->label, sizeof v->label, "%s", sh_col_text(st, 1));
        snprintf(v->requirement, sizeof v->requirement, "%s", sh_col_text(st, 2));
        v->min_duration_s = (int)sh_col_int64(st, 3);
        v->cooldown_s = (int)sh_col_int64(st, 4);
        snprintf(v->schedule, sizeof v->schedule, "%s", sh_col_text(st, 5));
        v->deadline_wd = (int)sh_col_int64(st, 6);
        v->min_score = sh_col_double(st, 7);
        v->enabled = (int)sh_col_int64(st, 8);
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    st = sh_db_prepare(x->db, "SELECT id, username, division_code, role FROM users WHERE role IN ('township', 'county')"
                              " AND division_code IS NOT NULL ORDER BY id", x->err);
    if (!st)
        return SH_EINTERNAL;
    while ((rc = sh_stmt_step(st, x->err)) == SH_ROW) {
        if (!strcmp(sh_col_text(st, 3), "county")) {
            if (!strcmp(sh_col_text(st, 1), "county") || !x->county_id)
                x->county_id = sh_col_int64(st, 0);
            continue;
        }
        const char *code = sh_col_text(st, 2);
        int known = 0;
        for (int i = 0; i < x->ntowns && !known; i++)
            known = !strcmp(x->towns[i].code, code);
        if (known || x->ntowns == MAX_TOWNS)
            continue;
        official *o = &x->towns[x->ntowns++];
        snprintf(o->code, sizeof o->code, "%s", code);
        snprintf(o->username, sizeof o->username, "%s", sh_col_text(st, 1));
        o->id = sh_col_int64(st, 0);
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* ---- what the boxes see ---- */

/* How often each violation is seen by a camera of an area (per mille weights by violation code). */
static int weight(const char *area, const char *code)
{
    static const struct { const char *code; int food, front, back; } w[] = {
        {"no_mask", 30, 4, 0}, {"no_hat", 24, 0, 0},  {"no_uniform", 8, 0, 0}, {"smoking", 9, 12, 10},
        {"phone", 12, 10, 4},  {"animal", 8, 10, 30}, {"stranger", 6, 8, 14},  {"open_bin", 3, 6, 6},
    };
    int front = !strcmp(area, "dining") || !strcmp(area, "sales");
    int back = !strcmp(area, "storage") || !strcmp(area, "other");
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (!strcmp(w[i].code, code))
            return front ? w[i].front : back ? w[i].back : w[i].food;
    return 0;
}

static const char *label_of(sh_rng *r, const char *code)
{
    static const char *const animals[] = {"rat", "rat", "mouse", "cat", "cockroach"};
    if (!strcmp(code, "animal"))
        return animals[sh_rng_below(r, 5)];
    if (!strcmp(code, "stranger"))
        return "person_after_hours";
    return code; /* no_mask, no_hat, no_uniform, smoking, phone, open_bin: what the boxes call them */
}

static const char *false_note(sh_rng *r, const char *code)
{
    static const struct { const char *code, *notes[2]; } n[] = {
        {"no_mask", {"误报：工作人员佩戴浅色口罩", "误报：工作人员侧身，口罩被遮挡"}},
        {"no_hat", {"误报：工作人员已佩戴工作帽，画面角度遮挡", "误报：白色头巾被识别为未戴帽"}},
        {"no_uniform", {"误报：工作服颜色较深，识别有误", "误报：送货人员未进入加工区"}},
        {"smoking", {"误报：灶台蒸汽被识别为烟雾", "误报：工作人员手持筷子，非香烟"}},
        {"phone", {"误报：工作人员手持温度计", "误报：工作人员在查看电子菜单"}},
        {"animal", {"误报：地面抹布阴影被识别为老鼠", "误报：画面中为玩具，非动物"}},
        {"stranger", {"误报：夜班保洁人员正常作业", "误报：店主夜间盘点"}},
        {"open_bin", {"误报：垃圾桶已加盖，反光导致误识别", "误报：为清洗中的空桶"}},
    };
    for (size_t i = 0; i < sizeof n / sizeof n[0]; i++)
        if (!strcmp(n[i].code, code))
            return n[i].notes[sh_rng_below(r, 2)];
    return "误报";
}

static const char *evidence_of(const char *code)
{
    static const struct { const char *code, *note; } n[] = {
        {"no_mask", "已对当班从业人员进行教育，加工时全程规范佩戴口罩，附规范着装照片"},
        {"no_hat", "已组织从业人员学习着装规范，统一配发工作帽，附整改后照片"},
        {"no_uniform", "已为全部从业人员配发工作服并建立更衣制度，附照片"},
        {"smoking", "已对吸烟人员批评教育，后厨张贴禁烟标识，附培训签到表"},
        {"phone", "已制定加工期间手机统一存放制度，附培训记录"},
        {"animal", "已加装挡鼠板、封堵排水口并请专业机构消杀，附整改照片和消杀记录"},
        {"stranger", "已核实为员工家属误入，已完善门禁及出入登记，附说明"},
        {"open_bin", "已更换带盖垃圾桶并安排专人定时清理，附照片"},
    };
    for (size_t i = 0; i < sizeof n / sizeof n[0]; i++)
        if (!strcmp(n[i].code, code))
            return n[i].note;
    return "已按要求完成整改，附整改照片";
}

static double round4(double v) { return (double)(long long)(v * 10000 + 0.5) / 10000; }

/* A box where such a thing appears, admitted by the camera's zones (as the rule requires). */
static void base_box(sh_rng *r, const char *code, const json_t *zones, double b[4])
{
    for (int tries = 0; tries < 30; tries++) {
        double w, h, ylo = 0.0;
        if (!strcmp(code, "animal")) {
            w = 0.04 + 0.08 * sh_rng_unit(r);
            h = 0.03 + 0.06 * sh_rng_unit(r);
            ylo = 0.55;
        } else if (!strcmp(code, "open_bin")) {
            w = 0.08 + 0.1 * sh_rng_unit(r);
            h = 0.12 + 0.12 * sh_rng_unit(r);
            ylo = 0.45;
        } else if (!strcmp(code, "stranger") || !strcmp(code, "no_uniform")) {
            w = 0.12 + 0.16 * sh_rng_unit(r);
            h = 0.35 + 0.3 * sh_rng_unit(r);
            ylo = 0.1;
        } else {
            w = 0.08 + 0.12 * sh_rng_unit(r);
            h = 0.15 + 0.2 * sh_rng_unit(r);
        }
        double x = sh_rng_unit(r) * (1 - w);
        double y = ylo + sh_rng_unit(r) * (1 - h - ylo);
        b[0] = round4(x), b[1] = round4(y), b[2] = round4(w), b[3] = round4(h);
        if (b[0] + b[2] > 1) b[0] = round4(1 - b[2]);
        if (b[1] + b[3] > 1) b[1] = round4(1 - b[3]);
        if (sh_zones_admit(zones, b))
            return;
    }
}

/* ---- the plan of one camera's alerts ---- */

typedef struct plan {
    int64_t camera_id, entity_id, first_at;
    int k, vio, town, nobs, county_review;
    char status;      /* c confirmed, f false_positive, o open, p pending */
    const char *label;
    const sh_demo_sight *sight; /* the photo and box the snapshots show; NULL: no snapshot */
    char camera_name[64];
    int32_t offset_ms[MAX_OBS];
    float score[MAX_OBS];
    float box[MAX_OBS][4];
    sh_rng r;          /* what is drawn when it is written */
} plan;

typedef struct plans {
    plan *p;
    size_t n, cap;
} plans;

static int working_over(const json_t *schedule, int64_t from, int64_t to, int want)
{
    for (int64_t t = from; t <= to; t += 15 * MIN_MS)
        if (sh_schedule_working(schedule, t) != want)
            return 0;
    return sh_schedule_working(schedule, to) == want;
}

/* A time on day `day0` (epoch ms of its 00:00) when this violation would be seen on the camera. */
static int64_t when(sh_rng *r, const violation *v, const json_t *schedule, int64_t day0)
{
    for (int tries = 0; tries < 40; tries++) {
        long minute;
        if (!strcmp(v->code, "stranger"))
            minute = sh_rng_permille(r, 800) ? sh_rng_below(r, 330) : 1350 + sh_rng_below(r, 45); /* 0:00-5:30, 22:30- */
        else if (!strcmp(v->code, "animal"))
            minute = sh_rng_permille(r, 700) ? (1200 + sh_rng_below(r, 540)) % 1440 : sh_rng_below(r, 1440);
        else
            minute = 420 + sh_rng_below(r, 840); /* 7:00-21:00 */
        if (minute > 1440 - 50) /* a burst stays within its day */
            minute = 1440 - 50;
        int64_t t = day0 + minute * MIN_MS + sh_rng_below(r, 60000);
        if (!strcmp(v->schedule, "working") && !working_over(schedule, t, t + BURST_MS, 1))
            continue;
        if (!strcmp(v->schedule, "after_hours") && !working_over(schedule, t, t + BURST_MS, 0))
            continue;
        return t;
    }
    return 0;
}

static int rule_on(const json_t *rules, const char *code)
{
    if (!json_is_array(rules) || json_array_size(rules) == 0)
        return 1;
    size_t i;
    json_t *it;
    json_array_foreach(rules, i, it)
        if (json_is_string(it) && !strcmp(json_string_value(it), code))
            return 1;
    return 0;
}

static void plan_camera(ctx *x, plans *ps, int64_t camera_id, int64_t entity_id, const char *name, const char *area,
                        const char *schedule_text, const char *zones_text, const char *rules_text, int offline,
                        int64_t installed, const char *town_code)
{
    sh_rng r;
    sh_rng_init(&r, x->seed, STREAM_VIDEO, (uint64_t)camera_id);
    if (!sh_rng_permille(&r, 80))
        return;
    json_t *schedule = json_loads(schedule_text, 0, NULL), *zones = json_loads(zones_text, 0, NULL),
           *rules = json_loads(rules_text, 0, NULL);
    int town = -1;
    for (int i = 0; i < x->ntowns && town < 0; i++)
        if (!strcmp(x->towns[i].code, town_code))
            town = i;
    /* what this camera can raise, by weight */
    int w[MAX_VIOLATIONS], total = 0;
    for (int i = 0; i < x->nv; i++) {
        const violation *v = &x->v[i];
        w[i] = v->enabled && rule_on(rules, v->code) ? weight(area, v->code) : 0;
        if (!strcmp(v->schedule, "after_hours") && json_array_size(schedule) == 0)
            w[i] = 0; /* a camera that is always at work sees no stranger after hours */
        total += w[i];
    }
    /* a few cameras raise many alerts, most a handful */
    int want = sh_rng_permille(&r, 150) ? 8 + (int)sh_rng_below(&r, MAX_ALERTS_PER_CAMERA - 7) : 1 + (int)sh_rng_below(&r, 6);
    size_t start = ps->n;
    for (int k = 0; total > 0 && town >= 0 && k < want; k++) {
        long pickw = sh_rng_below(&r, total);
        int vi = 0;
        while ((pickw -= w[vi]) >= 0)
            vi++;
        const violation *v = &x->v[vi];
        long s = sh_rng_below(&r, 1000);
        char status = s < 700 ? 'c' : s < 850 ? 'f' : s < 950 ? 'o' : 'p';
        if (status == 'p' && v->min_duration_s == 0)
            status = 'c'; /* present at once: such an alert is never pending */
        int days_ago = status == 'o' ? 1 + (int)sh_rng_below(&r, 4) : 2 + (int)sh_rng_below(&r, HISTORY_DAYS - 1);
        if (offline && days_ago < 6)
            continue; /* the camera has been silent lately */
        int64_t day0 = x->cutoff - (int64_t)days_ago * DAY_MS;
        if (day0 < installed)
            continue;
        int64_t first = when(&r, v, schedule, day0);
        if (!first)
            continue;
        /* alerts of a violation on a camera are apart by more than the cooldown, or they would be one */
        int clash = 0;
        for (size_t j = start; j < ps->n && !clash; j++)
            clash = ps->p[j].vio == vi && llabs(ps->p[j].first_at - first) < BURST_MS + (int64_t)v->cooldown_s * 1000 + HOUR_MS;
        if (clash)
            continue;
        if (ps->n == ps->cap) {
            ps->cap = ps->cap ? ps->cap * 2 : 1024;
            ps->p = realloc(ps->p, ps->cap * sizeof *ps->p);
            if (!ps->p)
                abort();
        }
        plan *p = &ps->p[ps->n++];
        memset(p, 0, sizeof *p);
        p->camera_id = camera_id;
        p->entity_id = entity_id;
        p->first_at = first;
        p->k = k;
        p->vio = vi;
        p->town = town;
        p->status = status;
        p->county_review = status == 'c' && sh_rng_permille(&r, 150);
        p->label = label_of(&r, v->code);
        snprintf(p->camera_name, sizeof p->camera_name, "%s", name);
        /* the burst: a pending alert was seen once and not long enough; the others at least as long as
         * the rule asks, each observation within the cooldown of the one before */
        int n = status == 'p' ? 1 : v->min_duration_s > 0 ? 2 + (int)sh_rng_below(&r, 5) : 1 + (int)sh_rng_below(&r, 6);
        if (n > MAX_OBS)
            n = MAX_OBS;
        p->nobs = n;
        double b[4];
        base_box(&r, v->code, zones, b);
        /* a photo showing the violation, where the detector found it, when the zones admit that box */
        const sh_demo_sight *sight = sh_demo_sight_for(x->photos, v->code, (uint64_t)camera_id * 16 + (uint64_t)k);
        if (sight && sh_zones_admit(zones, sight->box)) {
            p->sight = sight;
            if (!strcmp(v->code, "animal"))
                p->label = sight->label; /* the detector's own word, which the label map turns into animal */
        }
        double lo = v->min_score > 0.6 ? v->min_score : 0.6;
        int64_t off = 0;
        for (int i = 0; i < n; i++) {
            if (i == 1 && v->min_duration_s > 0)
                off += (int64_t)(v->min_duration_s + sh_rng_below(&r, 50)) * 1000 + sh_rng_below(&r, 1000);
            else if (i > 0)
                off += (5 + sh_rng_below(&r, 240)) * 1000 + sh_rng_below(&r, 1000);
            p->offset_ms[i] = (int32_t)off;
            p->score[i] = (float)((double)(long)((lo + sh_rng_unit(&r) * (0.98 - lo)) * 1000) / 1000);
            double jb[4] = {b[0], b[1], b[2], b[3]};
            if (i > 0) {
                jb[0] = round4(jb[0] + (sh_rng_unit(&r) - 0.5) * 0.03);
                jb[1] = round4(jb[1] + (sh_rng_unit(&r) - 0.5) * 0.03);
                if (jb[0] < 0 || jb[1] < 0 || jb[0] + jb[2] > 1 || jb[1] + jb[3] > 1 || !sh_zones_admit(zones, jb))
                    memcpy(jb, b, sizeof jb);
            }
            for (int c = 0; c < 4; c++)
                p->box[i][c] = (float)(p->sight ? p->sight->box[c] : jb[c]);
        }
        sh_rng_init(&p->r, x->seed, STREAM_VIDEO_WRITE, (uint64_t)camera_id * 16 + (uint64_t)k);
    }
    json_decref(schedule);
    json_decref(zones);
    json_decref(rules);
}

static int by_time(const void *a, const void *b)
{
    const plan *x = a, *y = b;
    if (x->first_at != y->first_at)
        return x->first_at < y->first_at ? -1 : 1;
    if (x->camera_id != y->camera_id)
        return x->camera_id < y->camera_id ? -1 : 1;
    return x->k - y->k;
}

/* ---- writing ---- */

static void box_text(const float f[4], char out[96])
{
    /* as observe.c writes a box; the float holds the 4-decimal value closely enough to round back */
    double d[4];
    for (int i = 0; i < 4; i++)
        d[i] = round4((double)f[i]);
    snprintf(out, 96, "[%.6g,%.6g,%.6g,%.6g]", d[0], d[1], d[2], d[3]);
}

static double score_of(float f) { return (double)(long)((double)f * 1000 + 0.5) / 1000; }

static void beijing_date(int64_t ms, char out[11])
{
    long days = (long)((ms + 8 * HOUR_MS) / DAY_MS);
    sh_date_add_days("1970-01-01", (int)days, out);
}

static int step(ctx *x, sh_stmt *st)
{
    int rc = sh_stmt_step(st, x->err);
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static void bind_time(sh_stmt *st, int i, int64_t t)
{
    if (t != NEVER)
        sh_bind_int64(st, i, t);
    else
        sh_bind_null(st, i);
}

static json_t *order_created(sh_stmt *st, void *unused)
{
    (void)unused;
    json_t *after = json_pack("{s:s, s:I, s:s}", "deadline", sh_col_text(st, 4), "entity_id", (json_int_t)sh_col_int64(st, 5),
                              "title", sh_col_text(st, 6));
    char *text = json_dumps(after, JSON_COMPACT);
    json_decref(after);
    json_t *row = json_pack("{s:I, s:I, s:s, s:I, s:s}", "at", (json_int_t)sh_col_int64(st, 0), "user_id",
                            (json_int_t)sh_col_int64(st, 1), "actor", sh_col_text(st, 2), "id", (json_int_t)sh_col_int64(st, 3),
                            "after", text);
    free(text);
    return row;
}

/* Each order's history starts with its creation by the official who confirmed the alert. */
static int audit_orders(ctx *x)
{
    json_t *orders = json_array(), *o;
    int rc = sh_rows_append(sh_db_prepare(x->db,
                                          "SELECT r.created_at, coalesce(r.created_by, 0), coalesce(u.username, 'system'), r.id,"
                                          " r.deadline, r.entity_id, r.title"
                                          " FROM rectifications r LEFT JOIN users u ON u.id = r.created_by"
                                          " WHERE r.source_type = 'video_alert' ORDER BY r.id",
                                          x->err),
                            order_created, NULL, orders, x->err);
    size_t i;
    json_array_foreach(orders, i, o) {
        if (rc)
            break;
        sh_stmt *st = sh_db_prepare(x->db,
                                    "INSERT INTO audit_log(at, user_id, actor, action, object_type, object_id, after_json)"
                                    " VALUES (?, ?, ?, 'create', 'rectification', ?, ?)",
                                    x->err);
        if (st) {
            sh_bind_int64(st, 1, json_integer_value(json_object_get(o, "at")));
            sh_bind_int64_or_null(st, 2, json_integer_value(json_object_get(o, "user_id")));
            sh_bind_text(st, 3, json_string_value(json_object_get(o, "actor")));
            sh_bind_int64(st, 4, json_integer_value(json_object_get(o, "id")));
            sh_bind_text(st, 5, json_string_value(json_object_get(o, "after")));
        }
        rc = sh_stmt_run(st, x->err);
    }
    json_decref(orders);
    return rc;
}

/* The push the review sent, taken by the gateway a few seconds later. */
static int push(ctx *x, const char *topic, int64_t order, int64_t at, sh_rng *r)
{
    int rc = sh_hazard_push(x->db, topic, order, x->err);
    if (rc)
        return rc;
    int64_t id; /* the message just queued: the generator is the only writer */
    if ((rc = sh_db_query_int64(x->db, "SELECT max(id) FROM outbox", 0, &id, x->err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(x->db, "UPDATE outbox SET created_at = ?, delivered_at = ?, attempts = 1 WHERE id = ?", x->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, at);
    sh_bind_int64(st, 2, at + 2000 + sh_rng_below(r, 20000));
    sh_bind_int64(st, 3, id);
    return step(x, st);
}

/* box: the alert's, which the order shows */
static int write_order(ctx *x, plan *p, int64_t alert_id, const char *box, int64_t snapshot, int64_t reviewed_at, int64_t reviewer,
                       sh_rng *r)
{
    const violation *v = &x->v[p->vio];
    char day[11], deadline[11], title[256];
    beijing_date(reviewed_at, day); /* the deadline counts working days from the day of the review */
    int rc = sh_workdays_add(x->db, day, v->deadline_wd, deadline, x->err);
    int64_t deadline_end = 0;
    if (rc == 0)
        rc = sh_local_day_ms(deadline, "deadline", &deadline_end, x->err);
    if (rc)
        return rc;
    deadline_end += DAY_MS;
    int64_t created = reviewed_at, span = deadline_end - created;
    int64_t submitted = NEVER, verified = NEVER, escalated = NEVER;
    long y = sh_rng_below(r, 1000);
    if (y >= 930 && created < x->cutoff - 10 * DAY_MS)
        y = 0; /* long ago: reviewed by now */
    if (y < 720) { /* on time */
        submitted = created + (int64_t)(span * (0.15 + 0.55 * sh_rng_unit(r)));
        verified = submitted + (int64_t)((deadline_end - submitted) * (0.1 + 0.8 * sh_rng_unit(r)));
    } else if (y < 820) { /* late */
        submitted = deadline_end + 2 * HOUR_MS + sh_rng_below(r, 4 * DAY_MS);
        verified = submitted + 2 * HOUR_MS + sh_rng_below(r, 2 * DAY_MS);
    } else if (y >= 930) { /* awaiting the official's review */
        submitted = created + (int64_t)(span * (0.3 + 0.6 * sh_rng_unit(r)));
    } /* else: never done, past its deadline */
    if (submitted >= x->cutoff)
        submitted = verified = NEVER;
    if (verified >= x->cutoff)
        verified = NEVER;
    /* the sweep runs just after midnight at the end of the deadline and escalates the order when the
     * rule of overdue says so, as the order stood then (sh_rectify_is_overdue: evidence submitted in
     * time and awaiting review is not overdue) */
    if (deadline_end <= x->cutoff && (verified == NEVER || verified >= deadline_end)) {
        int64_t sweep = deadline_end + MIN_MS + sh_rng_below(r, 9 * MIN_MS);
        if (sweep > x->cutoff) /* a deadline that ran out yesterday: today's first sweep */
            sweep = x->cutoff;
        char sweep_day[11];
        beijing_date(sweep, sweep_day);
        int sent = submitted != NEVER && submitted < sweep;
        const char *then = verified != NEVER && verified < sweep ? "verified" : sent ? "submitted" : "open";
        if (sh_rectify_is_overdue(then, deadline, sweep_day, sent, sent ? submitted : 0, 0))
            escalated = sweep;
    }
    const char *status = verified != NEVER ? "verified" : submitted != NEVER ? "submitted" : "open";
    snprintf(title, sizeof title, "视频监控发现%s（%s）", v->label, p->camera_name);
    sh_stmt *st = sh_db_prepare(x->db,
                                "INSERT INTO rectifications(entity_id, source_type, source_id, key_item, title, requirement, deadline,"
                                " status, evidence_note, submitted_at, reviewed_by, review_note, verified_at, escalated_at,"
                                " created_by, created_at, box, snapshot_id) VALUES (?, 'video_alert', ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                " RETURNING id",
                                x->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, p->entity_id);
    sh_bind_int64(st, 2, alert_id);
    sh_bind_text(st, 3, title);
    sh_bind_text(st, 4, v->requirement);
    sh_bind_text(st, 5, deadline);
    sh_bind_text(st, 6, status);
    sh_bind_text(st, 7, submitted != NEVER ? evidence_of(v->code) : NULL);
    bind_time(st, 8, submitted);
    if (verified != NEVER) sh_bind_int64(st, 9, x->towns[p->town].id); else sh_bind_null(st, 9);
    sh_bind_text(st, 10, verified == NEVER ? NULL : verified > deadline_end ? "逾期完成整改，复查合格" : "复查合格，整改到位");
    bind_time(st, 11, verified);
    bind_time(st, 12, escalated);
    sh_bind_int64(st, 13, reviewer);
    sh_bind_int64(st, 14, created);
    sh_bind_text(st, 15, box);
    sh_bind_int64_or_null(st, 16, snapshot);
    int64_t order;
    int rc2 = sh_stmt_insert_id(st, &order, x->err);
    if (rc2)
        return rc2;
    st = sh_db_prepare(x->db, "UPDATE alerts SET rectification_id = ? WHERE id = ?", x->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, order);
    sh_bind_int64(st, 2, alert_id);
    if ((rc = step(x, st)) == 0)
        rc = push(x, "hazard.created", order, created, r);
    if (rc == 0 && escalated != NEVER)
        rc = push(x, "hazard.overdue", order, escalated, r);
    return rc;
}

/* Officials review in office hours: a time outside 8:30-17:30 (Beijing) moves to the next morning.
 * An alert reviewed is at least two days old, so the review stays before today. */
static int64_t office_hours(int64_t t, sh_rng *r)
{
    int weekday, minute;
    sh_beijing_day_minute(t, &weekday, &minute);
    int64_t day0 = t - (int64_t)minute * MIN_MS - t % MIN_MS;
    if (minute < 510)
        return day0 + 510 * MIN_MS + sh_rng_below(r, 3 * HOUR_MS);
    if (minute > 1050)
        return day0 + DAY_MS + 510 * MIN_MS + sh_rng_below(r, 3 * HOUR_MS);
    return t;
}

/* The observation's snapshot, as a multipart post stores it: an attachment of the observation. */
static int write_snapshot(ctx *x, const plan *p, int64_t obs, int64_t at, int64_t *ret_id)
{
    int64_t id;
    int rc = sh_demo_picture_store(x->db, x->photos, p->sight->photo, p->entity_id, "observation", obs, at, &id, x->err);
    sh_stmt *st = rc ? NULL : sh_db_prepare(x->db, "UPDATE observations SET snapshot_id = ? WHERE id = ?", x->err);
    if (rc)
        return rc;
    if (st) {
        sh_bind_int64(st, 1, id);
        sh_bind_int64(st, 2, obs);
    }
    if ((rc = sh_stmt_run(st, x->err)) == 0 && ret_id)
        *ret_id = id;
    return rc;
}

static int write_alert(ctx *x, plan *p, sh_demo_video_summary *sum)
{
    const violation *v = &x->v[p->vio];
    sh_rng *r = &p->r;
    int64_t last = p->first_at + p->offset_ms[p->nobs - 1];
    int best = 0;
    for (int i = 1; i < p->nobs; i++)
        if (p->score[i] > p->score[best])
            best = i;
    int64_t latency[MAX_OBS];
    for (int i = 0; i < p->nobs; i++)
        latency[i] = 300 + sh_rng_below(r, 2700);
    const char *status = p->status == 'c' ? "confirmed" : p->status == 'f' ? "false_positive" : p->status == 'o' ? "open" : "pending";
    int reviewed = p->status == 'c' || p->status == 'f';
    int64_t reviewed_at = reviewed ? office_hours(last + 20 * MIN_MS + sh_rng_below(r, 20 * HOUR_MS), r) : 0;
    int64_t reviewer = p->county_review ? x->county_id : x->towns[p->town].id;
    char box[96];
    box_text(p->box[best], box);
    sh_stmt *st = sh_db_prepare(x->db,
                                "INSERT INTO alerts(camera_id, entity_id, violation, first_at, last_at, observations, max_score, box,"
                                " snapshot_id, status, reviewed_by, reviewed_at, review_note, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?) RETURNING id",
                                x->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, p->camera_id);
    sh_bind_int64(st, 2, p->entity_id);
    sh_bind_text(st, 3, v->code);
    sh_bind_int64(st, 4, p->first_at);
    sh_bind_int64(st, 5, last);
    sh_bind_int64(st, 6, p->nobs);
    sh_bind_double(st, 7, score_of(p->score[best]));
    sh_bind_text(st, 8, box);
    sh_bind_text(st, 9, status);
    if (reviewed) {
        sh_bind_int64(st, 10, reviewer);
        sh_bind_int64(st, 11, reviewed_at);
    } else {
        sh_bind_null(st, 10);
        sh_bind_null(st, 11);
    }
    sh_bind_text(st, 12, p->status == 'f' ? false_note(r, v->code) : p->status == 'c' && sh_rng_permille(r, 300) ? "情况属实" : NULL);
    sh_bind_int64(st, 13, p->first_at + latency[0]);
    int64_t alert_id;
    int rc = sh_stmt_insert_id(st, &alert_id, x->err);
    if (rc)
        return rc;
    int64_t snapshot = 0; /* the best observation's, which the alert and its order show */
    for (int i = 0; rc == 0 && i < p->nobs; i++) {
        char key[32];
        snprintf(key, sizeof key, "demo-%ld", ++x->obs_seq);
        box_text(p->box[i], box);
        st = sh_db_prepare(x->db,
                           "INSERT INTO observations(camera_id, entity_id, source, idempotency_key, observed_at, label, violation,"
                           " score, box, snapshot_id, alert_id, outcome, created_by, created_at)"
                           " VALUES (?, ?, 'ai_box', ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?) RETURNING id",
                           x->err);
        if (!st)
            return SH_EINTERNAL;
        int64_t at = p->first_at + p->offset_ms[i];
        sh_bind_int64(st, 1, p->camera_id);
        sh_bind_int64(st, 2, p->entity_id);
        sh_bind_text(st, 3, key);
        sh_bind_int64(st, 4, at);
        sh_bind_text(st, 5, p->label);
        sh_bind_text(st, 6, v->code);
        sh_bind_double(st, 7, score_of(p->score[i]));
        sh_bind_text(st, 8, box);
        sh_bind_int64(st, 9, alert_id);
        sh_bind_text(st, 10, i == 0 ? "alert" : "merged");
        sh_bind_int64_or_null(st, 11, x->county_id);
        sh_bind_int64(st, 12, at + latency[i]);
        int64_t obs;
        if ((rc = sh_stmt_insert_id(st, &obs, x->err)) == 0 && p->sight)
            rc = write_snapshot(x, p, obs, at + latency[i], i == best ? &snapshot : NULL);
    }
    if (rc == 0 && snapshot) {
        st = sh_db_prepare(x->db, "UPDATE alerts SET snapshot_id = ? WHERE id = ?", x->err);
        if (st) {
            sh_bind_int64(st, 1, snapshot);
            sh_bind_int64(st, 2, alert_id);
        }
        rc = sh_stmt_run(st, x->err);
    }
    sum->observations += p->nobs;
    sum->snapshots += p->sight ? p->nobs : 0;
    sum->alerts++;
    if (p->status == 'c') {
        sum->confirmed++;
        sum->orders++;
        box_text(p->box[best], box);
        if (rc == 0)
            rc = write_order(x, p, alert_id, box, snapshot, reviewed_at, reviewer, r);
    } else if (p->status == 'f') {
        sum->false_positive++;
    } else if (p->status == 'o') {
        sum->open++;
    } else {
        sum->pending++;
    }
    return rc;
}

int sh_demo_video(sh_db *db, uint64_t seed, const sh_demo_photos *photos, sh_demo_video_summary *out, sh_err *err)
{
    ctx *x = calloc(1, sizeof *x);
    if (!x)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    x->photos = photos && photos->nphotos ? photos : NULL;
    x->db = db;
    x->err = err;
    x->seed = seed;
    char today[11];
    sh_today(today);
    int rc = sh_local_day_ms(today, "today", &x->cutoff, err);
    if (rc == 0)
        rc = load_reference(x);
    sh_demo_video_summary sum = {0};
    plans ps = {0};
    if (rc == 0) {
        /* enabled cameras that have been heard from; those silent now stopped some days ago */
        sh_stmt *st = sh_db_prepare(db,
                                    "SELECT c.id, c.entity_id, c.name, c.area, c.schedule, c.zones, c.rules, c.offline_since IS NOT NULL,"
                                    " c.created_at, substr(e.division_code, 1, 9) || '000' FROM cameras c"
                                    " JOIN entities e ON e.id = c.entity_id"
                                    " WHERE c.enabled = 1 AND c.last_heartbeat_at IS NOT NULL ORDER BY c.id",
                                    err);
        if (!st)
            rc = SH_EINTERNAL;
        long before;
        while (st && (rc = sh_stmt_step(st, err)) == SH_ROW) {
            before = (long)ps.n;
            plan_camera(x, &ps, sh_col_int64(st, 0), sh_col_int64(st, 1), sh_col_text(st, 2), sh_col_text(st, 3),
                        sh_col_text(st, 4), sh_col_text(st, 5), sh_col_text(st, 6), (int)sh_col_int64(st, 7),
                        sh_col_int64(st, 8), sh_col_text(st, 9));
            if ((long)ps.n > before)
                sum.cameras++;
        }
        if (st)
            sh_stmt_done(st);
        if (rc > 0 || rc == SH_DONE)
            rc = 0;
    }
    if (rc == 0 && ps.n)
        qsort(ps.p, ps.n, sizeof *ps.p, by_time);
    for (size_t i = 0; rc == 0 && i < ps.n; i++)
        rc = write_alert(x, &ps.p[i], &sum);
    if (rc == 0)
        rc = audit_orders(x);
    free(ps.p);
    free(x);
    if (rc == 0 && out)
        *out = sum;
    return rc;
}
