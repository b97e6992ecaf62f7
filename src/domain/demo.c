/* Generates the demo county. Everything derives from the seed through one PRNG, so the same seed
 * gives the same rows; inserts run in one transaction with reused prepared statements. */
#include "domain/demo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/validate.h"
#include "domain/auth.h"
#include "domain/demo_names.h"

#define COUNTY_CODE "360799"
#define COUNTY_NAME "青禾县"
#define BASE_MS 1704038400000LL /* 2024-01-01 00:00 Beijing time */
#define DAY_MS 86400000LL

typedef struct rng { uint64_t s; } rng;

static uint64_t next(rng *r) /* splitmix64 */
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static long below(rng *r, long n) { return (long)(next(r) % (uint64_t)n); }
static double unit(rng *r) { return (double)(next(r) >> 11) / 9007199254740992.0; }
#define PICK(r, list) (list[below(r, (long)list##_n)])

void sh_demo_opts_default(sh_demo_opts *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 2026;
    o->entities = 9000;
    o->townships = 42;
    o->grids = 475;
    o->password = "Shian@2026";
    o->business_users = 9000;
}

typedef struct township {
    char code[13], name[32];
    int first_village, nvillages;
    int first_grid, ngrids;
} township;

typedef struct village { char code[13], name[32]; } village;
typedef struct grid { int64_t id; char division[13]; } grid;

typedef struct gen {
    sh_db *db;
    rng r;
    sh_err *err;
    township *towns;
    village *villages;
    grid *grids;
    int ntowns, nvillages, ngrids;
    long users;
    char hash[128];
    sh_stmt *ins_user;
} gen;

static int step_done(gen *g, sh_stmt *st)
{
    int rc = sh_stmt_step(st, g->err);
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int unique_name(char names[][32], int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return 0;
    return 1;
}

static void place_name(gen *g, char names[][32], int n, const char *suffix, char out[32])
{
    for (int tries = 0;; tries++) {
        snprintf(out, 32, "%s%s%s", PICK(&g->r, demo_place_first), PICK(&g->r, demo_place_second), suffix);
        if (unique_name(names, n, out) || tries > 50)
            return;
    }
}

static void person(gen *g, char out[32])
{
    snprintf(out, 32, "%s%s", PICK(&g->r, demo_surnames), PICK(&g->r, demo_given));
}

static void mobile(gen *g, char out[12])
{
    static const char second[] = "35789";
    snprintf(out, 12, "1%c%09ld", second[below(&g->r, 5)], below(&g->r, 1000000000L));
}

static int add_division(gen *g, const char *code, const char *name, int level, const char *parent)
{
    sh_stmt *st = sh_db_prepare(g->db, "INSERT INTO divisions(code, name, level, parent_code) VALUES (?, ?, ?, ?)", g->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    sh_bind_text(st, 2, name);
    sh_bind_int64(st, 3, level);
    sh_bind_text(st, 4, parent);
    return step_done(g, st);
}

static int add_user(gen *g, const char *username, const char *display, const char *role, const char *division,
                    int64_t grid_id, int64_t entity_id, int64_t *ret_id)
{
    sh_stmt *st = sh_db_prepare(g->db,
                                "INSERT INTO users(username, display_name, role, division_code, grid_id, entity_id, phone,"
                                " password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                g->err);
    if (!st)
        return SH_EINTERNAL;
    char phone[12];
    mobile(g, phone);
    sh_bind_text(st, 1, username);
    sh_bind_text(st, 2, display);
    sh_bind_text(st, 3, role);
    sh_bind_text(st, 4, division);
    if (grid_id) sh_bind_int64(st, 5, grid_id); else sh_bind_null(st, 5);
    if (entity_id) sh_bind_int64(st, 6, entity_id); else sh_bind_null(st, 6);
    sh_bind_text(st, 7, phone);
    sh_bind_text(st, 8, g->hash);
    sh_bind_int64(st, 9, BASE_MS);
    int rc = step_done(g, st);
    if (rc == 0 && ret_id)
        *ret_id = sh_db_last_id(g->db);
    g->users += rc == 0;
    return rc;
}

static int build_divisions(gen *g, const sh_demo_opts *o)
{
    int rc = add_division(g, COUNTY_CODE, COUNTY_NAME, 1, NULL);
    g->ntowns = o->townships;
    g->towns = sh_xcalloc((size_t)g->ntowns, sizeof *g->towns);
    g->villages = sh_xcalloc((size_t)g->ntowns * 16, sizeof *g->villages);
    char (*tnames)[32] = sh_xcalloc((size_t)g->ntowns, 32);
    char (*vnames)[32] = sh_xcalloc((size_t)g->ntowns * 16, 32);
    int streets = g->ntowns >= 6 ? 3 : 1, towns = (g->ntowns - streets) * 2 / 3;
    for (int t = 0; rc == 0 && t < g->ntowns; t++) {
        township *tw = &g->towns[t];
        int part = t < streets ? 1 + t : t < streets + towns ? 101 + (t - streets) : 201 + (t - streets - towns);
        const char *suffix = t < streets ? "街道" : t < streets + towns ? "镇" : "乡";
        if (t == 0)
            snprintf(tw->name, sizeof tw->name, "城关街道");
        else
            place_name(g, tnames, t, suffix, tw->name);
        memcpy(tnames[t], tw->name, 32);
        snprintf(tw->code, sizeof tw->code, COUNTY_CODE "%03d000", part);
        rc = add_division(g, tw->code, tw->name, 2, COUNTY_CODE);
        tw->first_village = g->nvillages;
        tw->nvillages = 8 + (int)below(&g->r, 8);
        int communities = t < streets ? 4 : 1;
        for (int v = 0; rc == 0 && v < tw->nvillages; v++) {
            village *vi = &g->villages[g->nvillages];
            int comm = v < communities;
            place_name(g, vnames, g->nvillages, comm ? "社区" : "村", vi->name);
            memcpy(vnames[g->nvillages], vi->name, 32);
            snprintf(vi->code, sizeof vi->code, "%.9s%03d", tw->code, comm ? 1 + v : 200 + v);
            rc = add_division(g, vi->code, vi->name, 3, tw->code);
            g->nvillages++;
        }
    }
    free(tnames);
    free(vnames);
    return rc;
}

static int build_grids(gen *g, const sh_demo_opts *o)
{
    g->ngrids = o->grids < g->ntowns ? g->ntowns : o->grids;
    g->grids = sh_xcalloc((size_t)g->ngrids, sizeof *g->grids);
    int n = 0, rc = 0;
    for (int t = 0; rc == 0 && t < g->ntowns; t++) {
        township *tw = &g->towns[t];
        tw->first_grid = n;
        tw->ngrids = g->ngrids / g->ntowns + (t < g->ngrids % g->ntowns);
        for (int k = 0; rc == 0 && k < tw->ngrids; k++, n++) {
            grid *gr = &g->grids[n];
            const village *vi = &g->villages[tw->first_village + k % tw->nvillages];
            memcpy(gr->division, vi->code, 13);
            char code[32], name[64], leader[32], uname[16];
            snprintf(code, sizeof code, "G%.9s%02d", tw->code, k + 1);
            snprintf(name, sizeof name, "%s第%d网格", tw->name, k + 1);
            sh_stmt *st = sh_db_prepare(g->db, "INSERT INTO grids(code, name, division_code, created_at) VALUES (?, ?, ?, ?)", g->err);
            if (!st)
                return SH_EINTERNAL;
            sh_bind_text(st, 1, code);
            sh_bind_text(st, 2, name);
            sh_bind_text(st, 3, gr->division);
            sh_bind_int64(st, 4, BASE_MS);
            if ((rc = step_done(g, st)) != 0)
                break;
            gr->id = sh_db_last_id(g->db);
            person(g, leader);
            char display[96];
            snprintf(display, sizeof display, "%s网格员-%s", vi->name, leader);
            snprintf(uname, sizeof uname, "g%04d", n + 1);
            int64_t uid;
            if ((rc = add_user(g, uname, display, "village", NULL, gr->id, 0, &uid)) != 0)
                break;
            st = sh_db_prepare(g->db, "UPDATE grids SET leader_user_id = ? WHERE id = ?", g->err);
            if (!st)
                return SH_EINTERNAL;
            sh_bind_int64(st, 1, uid);
            sh_bind_int64(st, 2, gr->id);
            rc = step_done(g, st);
        }
    }
    return rc;
}

static int build_officials(gen *g)
{
    char name[32], display[96], uname[16];
    int rc = add_user(g, "admin", "系统管理员", "admin", NULL, 0, 0, NULL);
    person(g, name);
    snprintf(display, sizeof display, "县局-%s", name);
    if (rc == 0)
        rc = add_user(g, "county", display, "county", COUNTY_CODE, 0, 0, NULL);
    for (int i = 1; rc == 0 && i <= 12; i++) {
        person(g, name);
        snprintf(uname, sizeof uname, "inspector%02d", i);
        snprintf(display, sizeof display, "执法员-%s", name);
        rc = add_user(g, uname, display, "inspector", COUNTY_CODE, 0, 0, NULL);
    }
    for (int i = 1; rc == 0 && i <= 4; i++) {
        person(g, name);
        snprintf(uname, sizeof uname, "sampler%02d", i);
        snprintf(display, sizeof display, "抽样员-%s", name);
        rc = add_user(g, uname, display, "sampler", COUNTY_CODE, 0, 0, NULL);
    }
    for (int t = 0; rc == 0 && t < g->ntowns; t++) {
        person(g, name);
        snprintf(uname, sizeof uname, "t%02d", t + 1);
        snprintf(display, sizeof display, "%s监管所-%s", g->towns[t].name, name);
        rc = add_user(g, uname, display, "township", g->towns[t].code, 0, 0, NULL);
    }
    return rc;
}

/* ---- businesses ---- */

enum { K_PRODUCER, K_WORKSHOP, K_SELLER, K_CATERER, K_SCHOOL, K_UNIT, K_CENTRAL, K_STALL };
static const char *const kind_codes[] = {"producer", "workshop", "seller", "caterer", "school_canteen",
                                         "unit_canteen", "central_kitchen", "stall"};
static const int kind_weights[] = {5, 6, 33, 40, 4, 3, 1, 8}; /* per cent */
static const int sc_categories[] = {101, 102, 103, 104, 105, 106, 107, 111, 113, 114, 115, 116, 118, 119, 121, 124, 125, 126, 127, 129};

static int pick_kind(gen *g)
{
    long x = below(&g->r, 100), acc = 0;
    for (int k = 0; k < 8; k++)
        if (x < (acc += kind_weights[k]))
            return k;
    return K_CATERER;
}

static void base31(long v, char *out, int width)
{
    static const char A[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (int i = width - 1; i >= 0; i--) {
        out[i] = A[v % 31];
        v /= 31;
    }
    out[width] = '\0';
}

static const char *categories_for(gen *g, int kind)
{
    static const char *const catering[] = {"[\"热食类\"]", "[\"热食类\",\"冷食类\"]", "[\"热食类\",\"生食类\"]",
                                           "[\"热食类\",\"糕点类\"]", "[\"热食类\",\"自制饮品\"]"};
    static const char *const selling[] = {"[\"预包装食品\"]", "[\"预包装食品\",\"散装食品\"]",
                                          "[\"预包装食品\",\"散装食品\",\"冷藏冷冻食品\"]", "[\"食用农产品\"]",
                                          "[\"预包装食品\",\"特殊食品\"]"};
    static const char *const producing[] = {"[\"粮食加工品\"]", "[\"食用油、油脂及其制品\"]", "[\"调味品\"]", "[\"肉制品\"]",
                                            "[\"乳制品\"]", "[\"饮料\"]", "[\"糕点\"]", "[\"豆制品\"]", "[\"酒类\"]"};
    static const char *const stall[] = {"[\"食用农产品\"]", "[\"小吃\"]", "[\"散装食品\"]"};
    switch (kind) {
    case K_SELLER: return selling[below(&g->r, 5)];
    case K_PRODUCER:
    case K_WORKSHOP: return producing[below(&g->r, 9)];
    case K_STALL: return stall[below(&g->r, 3)];
    default: return catering[below(&g->r, 5)];
    }
}

static const char *scale_for(gen *g, int kind)
{
    long x = below(&g->r, 100);
    switch (kind) {
    case K_STALL: return "micro";
    case K_WORKSHOP: return x < 70 ? "micro" : "small";
    case K_CENTRAL: return x < 50 ? "large" : "medium";
    case K_PRODUCER: return x < 10 ? "large" : x < 35 ? "medium" : "small";
    case K_SCHOOL:
    case K_UNIT: return x < 20 ? "medium" : "small";
    default: return x < 3 ? "large" : x < 12 ? "medium" : x < 60 ? "small" : "micro";
    }
}

static void business_name(gen *g, int kind, const township *tw, const village *vi, char *out, size_t n)
{
    char who[32];
    switch (kind) {
    case K_PRODUCER:
        snprintf(out, n, COUNTY_NAME "%s%s有限公司", PICK(&g->r, demo_brands), PICK(&g->r, demo_products));
        break;
    case K_WORKSHOP:
        snprintf(out, n, "%s%s小作坊", vi->name, PICK(&g->r, demo_workshop_items));
        break;
    case K_SELLER:
        snprintf(out, n, "%s%s%s", tw->name, PICK(&g->r, demo_brands), PICK(&g->r, demo_shops));
        break;
    case K_CATERER:
        snprintf(out, n, "%s%s%s%s", tw->name, PICK(&g->r, demo_dish_owner), PICK(&g->r, demo_dishes),
                 PICK(&g->r, demo_dish_suffix));
        break;
    case K_SCHOOL:
        snprintf(out, n, "%s%s%s食堂", COUNTY_NAME, tw->name, PICK(&g->r, demo_schools));
        break;
    case K_UNIT:
        snprintf(out, n, "%s%s食堂", tw->name, PICK(&g->r, demo_units));
        break;
    case K_CENTRAL:
        snprintf(out, n, COUNTY_NAME "%s中央厨房有限公司", PICK(&g->r, demo_brands));
        break;
    default:
        person(g, who);
        snprintf(out, n, "%.3s记%s摊", who, PICK(&g->r, demo_stall_items));
        break;
    }
}

/* Licence number unique by construction from `serial`. */
static void licence_for(gen *g, int kind, long serial, const char **lkind, char *out, size_t n)
{
    switch (kind) {
    case K_PRODUCER: {
        int ncat = (int)(sizeof sc_categories / sizeof sc_categories[0]);
        *lkind = "sc";
        long k = serial / ncat; /* 4-digit sequence, then a check digit we cannot compute (not public) */
        snprintf(out, n, "SC%03d" COUNTY_CODE "%04ld%ld", sc_categories[serial % ncat], k % 10000 + (k < 10000), (k / 10000) % 10);
        return;
    }
    case K_WORKSHOP:
        *lkind = "workshop_reg";
        snprintf(out, n, "赣食坊登字〔%ld〕第%06ld号", 2019 + below(&g->r, 6), serial);
        return;
    case K_STALL:
        *lkind = "stall_record";
        snprintf(out, n, "赣食摊登〔%ld〕%06ld号", 2020 + below(&g->r, 5), serial);
        return;
    case K_SELLER:
        if (below(&g->r, 100) < 15) {
            *lkind = "filing";
            snprintf(out, n, "YB" COUNTY_CODE "%07ld", serial);
            return;
        }
        *lkind = "jy";
        snprintf(out, n, "JY1" COUNTY_CODE "%07ld", serial);
        return;
    case K_SCHOOL:
    case K_UNIT:
        *lkind = "jy";
        snprintf(out, n, "JY3" COUNTY_CODE "%07ld", serial);
        return;
    default:
        *lkind = "jy";
        snprintf(out, n, "JY2" COUNTY_CODE "%07ld", serial);
        return;
    }
}

static void random_date(gen *g, int from_year, int years, char out[11])
{
    snprintf(out, 11, "%04ld-%02ld-%02ld", from_year + below(&g->r, years), 1 + below(&g->r, 12), 1 + below(&g->r, 28));
}

static int build_entities(gen *g, const sh_demo_opts *o)
{
    static const char *const SQL =
        "INSERT INTO entities(kind, name, uscc, licence_kind, licence_no, licence_valid_until, address, division_code,"
        " grid_id, lat, lng, scale, categories, legal_rep, legal_rep_phone, director_name, director_phone, officer_name,"
        " officer_phone, status, status_reason, created_at, updated_at, version)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)";
    long producers = 0;
    long step = o->entities / 100 ? o->entities / 100 : 1;
    int rc = 0;
    for (long i = 0; rc == 0 && i < o->entities; i++) {
        int kind = pick_kind(g);
        const township *tw = &g->towns[below(&g->r, g->ntowns)];
        const village *vi = &g->villages[tw->first_village + below(&g->r, tw->nvillages)];
        const grid *gr = &g->grids[tw->first_grid + below(&g->r, tw->ngrids)];
        char name[160], uscc[19] = "", licence[64], valid[11], address[200], rep[32], rep_phone[12];
        char officer[32], officer_phone[12], director[32], director_phone[12];
        business_name(g, kind, tw, vi, name, sizeof name);
        if (kind != K_STALL) {
            char org[8];
            base31(i, org, 7);
            snprintf(uscc, sizeof uscc, "9%c" COUNTY_CODE "MA%s", kind == K_CATERER || kind == K_SELLER || kind == K_WORKSHOP ? '2' : '1', org);
            uscc[17] = sh_uscc_check_char(uscc);
            uscc[18] = '\0';
        }
        const char *lkind;
        /* SC numbers count producers (4+1 digits per category); the others count all businesses */
        licence_for(g, kind, kind == K_PRODUCER ? ++producers : i + 1, &lkind, licence, sizeof licence);
        random_date(g, 2025, 6, valid);
        snprintf(address, sizeof address, "%s%s%s%ld号", tw->name, vi->name, PICK(&g->r, demo_roads), 1 + below(&g->r, 300));
        person(g, rep);
        mobile(g, rep_phone);
        person(g, officer);
        mobile(g, officer_phone);
        person(g, director);
        mobile(g, director_phone);
        const char *scale = scale_for(g, kind);
        int needs_director = kind == K_CENTRAL || kind == K_SCHOOL || !strcmp(scale, "large") || !strcmp(scale, "medium");
        long st_roll = below(&g->r, 100);
        const char *status = st_roll < 95 ? "active" : st_roll < 97 ? "suspended" : st_roll < 98 ? "revoked" : "closed";
        const char *reason = st_roll < 95 ? NULL : st_roll < 97 ? "停业整顿" : st_roll < 98 ? "违法经营被吊销许可证" : "经营者申请注销";
        int gap = below(&g->r, 100) < 2 ? 1 + (int)below(&g->r, 3) : 0; /* 2 %: one part of the archive missing */
        int64_t created = BASE_MS + below(&g->r, 600) * DAY_MS + below(&g->r, DAY_MS);

        sh_stmt *st = sh_db_prepare(g->db, SQL, g->err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_text(st, 1, kind_codes[kind]);
        sh_bind_text(st, 2, name);
        sh_bind_text(st, 3, uscc[0] ? uscc : NULL);
        sh_bind_text(st, 4, lkind);
        sh_bind_text(st, 5, licence);
        sh_bind_text(st, 6, !strcmp(lkind, "sc") || !strcmp(lkind, "jy") ? valid : NULL);
        sh_bind_text(st, 7, address);
        sh_bind_text(st, 8, vi->code);
        if (gap == 3) sh_bind_null(st, 9); else sh_bind_int64(st, 9, gr->id);
        if (gap == 1) {
            sh_bind_null(st, 10);
            sh_bind_null(st, 11);
        } else {
            /* six decimals (about 0.1 m), as the registry stores coordinates */
            sh_bind_double(st, 10, round((25.10 + unit(&g->r) * 0.8) * 1e6) / 1e6);
            sh_bind_double(st, 11, round((114.90 + unit(&g->r) * 0.8) * 1e6) / 1e6);
        }
        sh_bind_text(st, 12, kind == K_STALL ? NULL : scale);
        sh_bind_text(st, 13, categories_for(g, kind));
        sh_bind_text(st, 14, rep);
        sh_bind_text(st, 15, rep_phone);
        sh_bind_text(st, 16, needs_director ? director : NULL);
        sh_bind_text(st, 17, needs_director ? director_phone : NULL);
        int officer_gap = gap == 2 && kind != K_STALL;
        sh_bind_text(st, 18, kind == K_STALL || officer_gap ? NULL : officer);
        sh_bind_text(st, 19, kind == K_STALL || officer_gap ? NULL : officer_phone);
        sh_bind_text(st, 20, status);
        sh_bind_text(st, 21, reason);
        sh_bind_int64(st, 22, created);
        sh_bind_int64(st, 23, created);
        if ((rc = step_done(g, st)) != 0)
            break;
        int64_t eid = sh_db_last_id(g->db);
        /* the archive's history starts with its registration */
        st = sh_db_prepare(g->db,
                           "INSERT INTO audit_log(at, user_id, actor, action, object_type, object_id)"
                           " VALUES (?, NULL, 'system', 'create', 'entity', ?)",
                           g->err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, created);
        sh_bind_int64(st, 2, eid);
        if ((rc = step_done(g, st)) != 0)
            break;
        if (i < o->business_users) {
            char uname[24];
            snprintf(uname, sizeof uname, "b%lld", (long long)eid);
            rc = add_user(g, uname, name, "business", NULL, 0, eid, NULL);
        }
        if (o->progress && ((i + 1) % step == 0 || i + 1 == o->entities))
            o->progress(i + 1, o->entities, o->progress_ctx);
    }
    return rc;
}

int sh_demo_generate(sh_db *db, const sh_demo_opts *o, sh_demo_summary *out, sh_err *err)
{
    if (o->entities < 0 || o->townships < 1 || o->townships > 99 || o->grids < 1)
        return sh_fail(err, SH_EINVAL, "demo", "entities >= 0, townships 1-99 and grids >= 1");
    int64_t n = 0;
    int rc = sh_db_query_int64(db, "SELECT count(*) FROM divisions", 0, &n, err);
    if (rc != 0)
        return rc;
    if (n > 0)
        return sh_fail(err, SH_EEXIST, "db_path", "数据库已有数据，示范县只能生成在空库中 (the database is not empty)");
    gen g = {.db = db, .r = {o->seed}, .err = err};
    if ((rc = sh_password_hash(o->password ? o->password : "Shian@2026", g.hash, err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    if ((rc = build_divisions(&g, o)) == 0 && (rc = build_officials(&g)) == 0 && (rc = build_grids(&g, o)) == 0)
        rc = build_entities(&g, o);
    if (rc == 0)
        rc = sh_db_commit(db, err);
    if (rc != 0)
        sh_db_rollback(db);
    if (rc == 0 && out) {
        memset(out, 0, sizeof *out);
        snprintf(out->county_code, sizeof out->county_code, COUNTY_CODE);
        snprintf(out->county_name, sizeof out->county_name, COUNTY_NAME);
        out->townships = g.ntowns;
        out->villages = g.nvillages;
        out->grids = g.ngrids;
        out->entities = o->entities;
        out->users = g.users;
    }
    free(g.towns);
    free(g.villages);
    free(g.grids);
    return rc;
}
