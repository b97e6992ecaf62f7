/* Generates the demo county (demo.h).
 *
 * Determinism: every random choice comes from xoshiro256** streams seeded from opts->seed: one each
 * for the places, the officials, the grids and the businesses' villages, and one per business
 * (seeded from its number), so the same seed and options give the same rows. The
 * identifiers that must be unique (credit codes, licence numbers) come from counters that only
 * grow, so they are unique by construction and never retried. Times derive from 1 January two years
 * before the clock's year (the video history of demo_video.c counts back from today).
 *
 * Speed: one write transaction, statements from the connection's cache, one password hash. */
#include "demo/demo.h"


#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/rng.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/identity/auth.h"
#include "domain/base/settings.h"
#include "demo/demo_cameras.h"
#include "demo/demo_complaints.h"
#include "demo/demo_names.h"
#include "demo/demo_pictures.h"
#include "demo/demo_video.h"
#include "demo/demo_boundaries.h"
#include "demo/demo_brands.h"
#include "demo/demo_duty.h"
#include "demo/demo_sampling.h"
#include "demo/demo_trace.h"
#include "demo/demo_upgrade.h"
#include "demo/demo_campaigns.h"
#include "demo/demo_licences.h"
#include "demo/demo_people.h"
#include "demo/demo_workshops.h"
#include "demo/demo_demonstration.h"
#include "demo/demo_famous.h"
#include "demo/demo_reports.h"

#define COUNTY_CODE "360799" /* 36 Jiangxi, 07 Ganzhou, 99: no real county has it */
#define COUNTY_NAME "青禾县"
#define DAY_MS 86400000LL
#define MAX_ENTITIES 1500000L /* JY numbers have a 6-digit sequence per business type */
#define MAX_GRIDS 100000
#define DEFAULT_BUSINESS_USERS 20000L

/* Bounding box of the county (lat 25.1-25.9, lng 114.9-115.7) and its seat. */
#define LAT_MIN 25.10
#define LAT_MAX 25.90
#define LNG_MIN 114.90
#define LNG_MAX 115.70
#define SEAT_LAT 25.50
#define SEAT_LNG 115.30

/* ---- random numbers (core/rng.h): one stream per part of the county ---- */

enum { STREAM_PLACES = 1, STREAM_OFFICIALS, STREAM_GRIDS, STREAM_PLACEMENT, STREAM_BUSINESS };

#define PICK(r, list) (list[sh_rng_below((r), (long)list##_n)])

static size_t pick_trade(sh_rng *r, const demo_trade *t, size_t n)
{
    long total = 0;
    for (size_t i = 0; i < n; i++)
        total += t[i].weight;
    long x = sh_rng_below(r, total);
    for (size_t i = 0; i < n; i++)
        if ((x -= t[i].weight) < 0)
            return i;
    return 0;
}

/* ---- dates (proleptic Gregorian, days since 1970-01-01; H. Hinnant's algorithms) ---- */

static long days_from_civil(int y, int m, int d)
{
    return (long)sh_days_from_civil(y, m, d);
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    sh_civil_from_days(z, y, m, d);
}

/* The demo's history was written for a clock in 2026: every year in it moves with the clock's year, so
 * a county made on a pinned clock (or in 2030) has licences and registrations as fresh as in 2026. */
static int year_shift;
#define Y(year) ((year) + year_shift)

static int64_t base_ms(void) /* 1 January two years before the clock's year, 00:00 Beijing time */
{
    return sh_beijing_day_start_ms(sh_days_from_civil(Y(2024), 1, 1));
}

/* The day before the same date `years` later: the last day of a licence issued on `day`. */
static void valid_until(long day, int years, char out[11])
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    civil_from_days(days_from_civil(y + years, m, d) - 1, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static long random_day(sh_rng *r, int y1, int m1, int d1, int y2, int m2, int d2)
{
    long a = days_from_civil(y1, m1, d1), b = days_from_civil(y2, m2, d2);
    return a + sh_rng_below(r, b - a + 1);
}

/* ---- the county ---- */

enum { T_STREET, T_TOWN, T_XIANG };

typedef struct township {
    char code[13], name[40], base[24]; /* base: the name without 街道/镇/乡 */
    int type;
    double lat, lng;
    int vfirst, vcount, gfirst, gcount;
    int schools, units; /* canteens named after it so far */
} township;

typedef struct village {
    char code[13], name[40], base[24];
    int town, community;
    double lat, lng;
    int gfirst, gcount; /* the grids that cover it */
    int schools;
} village;

typedef struct gen {
    sh_db *db;
    sh_err *err;
    const sh_demo_opts *o;
    uint64_t seed;
    long entities, business_users;
    township *towns;
    village *villages;
    double *vcum; /* cumulative weights for placing a business in a village */
    int ntowns, nvillages, ngrids;
    long users;
    char hash[128];
    int county_schools, county_units;
    /* counters behind the unique identifiers */
    long gap;            /* licence numbers skipped between two issued ones: 1 .. gap */
    long org_serial, legacy_serial, mj_serial;
    long jy_seq[4];      /* by business-type digit 1-3 */
    long *sc_seq;        /* by demo_sc_categories index */
    long filing_seq;
    long workshop_seq[16], stall_seq[16]; /* by year since 2015 */
    uint64_t *names;     /* hashes of the names taken (open addressing, 0 = free) */
    size_t names_mask;
} gen;

static void round6(double *v) { *v = (double)(long long)(*v * 1e6 + 0.5) / 1e6; }

static double clampd(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

/* A point around (lat, lng), at most `r` degrees away on each axis, peaked at the centre. */
static void scatter(sh_rng *g, double lat, double lng, double r, double *ret_lat, double *ret_lng)
{
    double a = sh_rng_unit(g), b = sh_rng_unit(g), c = sh_rng_unit(g), d = sh_rng_unit(g);
    *ret_lat = clampd(lat + (a + b - 1.0) * r, LAT_MIN, LAT_MAX);
    *ret_lng = clampd(lng + (c + d - 1.0) * r, LNG_MIN, LNG_MAX);
    round6(ret_lat);
    round6(ret_lng);
}

/* Note: several draws are never made inside one call's arguments, whose order C leaves open;
 * each goes to a variable first, so that every compiler makes the same county. */
static void person(sh_rng *r, char out[32])
{
    const char *surname = PICK(r, demo_surnames);
    snprintf(out, 32, "%s%s", surname, PICK(r, demo_given));
}

/* A surname of one character (for 张记-style names). */
static const char *short_surname(sh_rng *r)
{
    for (;;) {
        const char *s = PICK(r, demo_surnames);
        if (strlen(s) == 3) /* one CJK character in UTF-8 */
            return s;
    }
}

static void mobile(sh_rng *r, char out[12])
{
    const char *prefix = PICK(r, demo_mobile_prefixes);
    snprintf(out, 12, "%s%08ld", prefix, sh_rng_below(r, 100000000L));
}

/* Chinese numeral for 1..99: 二, 十二, 二十三. */
static void zh_number(int n, char out[16])
{
    static const char *const d[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 10)
        snprintf(out, 16, "%s", d[n]);
    else
        snprintf(out, 16, "%s十%s", n >= 20 ? d[n / 10] : "", d[n % 10]);
}

static int step_done(gen *g, sh_stmt *st)
{
    int rc = sh_stmt_step(st, g->err);
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
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

typedef struct user_row {
    const char *username, *display, *role, *division, *phone;
    int64_t grid_id, entity_id;
} user_row;

static int add_user(gen *g, const user_row *u, int64_t *ret_id)
{
    sh_stmt *st = sh_db_prepare(g->db,
                                "INSERT INTO users(username, display_name, role, division_code, grid_id, entity_id, phone,"
                                " password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                g->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, u->username);
    sh_bind_text(st, 2, u->display);
    sh_bind_text(st, 3, u->role);
    sh_bind_text(st, 4, u->division);
    sh_bind_int64_or_null(st, 5, u->grid_id);
    sh_bind_int64_or_null(st, 6, u->entity_id);
    sh_bind_text_or_null(st, 7, u->phone);
    sh_bind_text(st, 8, g->hash);
    sh_bind_int64(st, 9, base_ms());
    int64_t id;
    int rc = sh_stmt_insert_id(st, &id, g->err);
    if (rc == 0) {
        g->users++;
        if (ret_id)
            *ret_id = id;
    }
    return rc;
}

/* A two-syllable place name + suffix that none of names[0..n) has. */
static void place_name(sh_rng *r, char names[][40], int n, const char *suffix, char base[24], char out[40])
{
    for (int tries = 0;; tries++) {
        const char *first = PICK(r, demo_place_first);
        snprintf(base, 24, "%s%s", first, PICK(r, demo_place_second));
        snprintf(out, 40, "%s%s", base, suffix);
        int clash = 0;
        for (int i = 0; i < n && !clash; i++)
            clash = strcmp(names[i], out) == 0;
        if (!clash || tries > 200)
            return;
    }
}

static int build_villages(gen *g, sh_rng *r, township *tw, int t)
{
    char names[16][40];
    int nv = 8 + (int)sh_rng_below(r, 8); /* 8-15 */
    int comm = tw->type == T_STREET ? nv - (int)sh_rng_below(r, 3) : tw->type == T_TOWN ? 1 + (int)sh_rng_below(r, 3) : (int)sh_rng_below(r, 2);
    tw->vfirst = g->nvillages;
    tw->vcount = nv;
    int rc = 0, used_comm = 0;
    for (int v = 0; rc == 0 && v < nv; v++) {
        village *vi = &g->villages[g->nvillages];
        vi->town = t;
        vi->community = v < comm;
        if (vi->community) {
            /* the seat of a town is a community named after it; streets are all communities */
            if (v == 0 && tw->type != T_STREET)
                snprintf(vi->base, sizeof vi->base, "%s", tw->base);
            else
                snprintf(vi->base, sizeof vi->base, "%s",
                         demo_community_names[(t * 7 + used_comm++) % demo_community_names_n]);
            snprintf(vi->name, sizeof vi->name, "%s社区", vi->base);
            for (int i = 0; i < v; i++)
                if (!strcmp(names[i], vi->name))
                    place_name(r, names, v, "社区", vi->base, vi->name);
            snprintf(vi->code, sizeof vi->code, "%.9s%03d", tw->code, 1 + v);
            scatter(r, tw->lat, tw->lng, 0.012, &vi->lat, &vi->lng);
        } else {
            place_name(r, names, v, "村", vi->base, vi->name);
            snprintf(vi->code, sizeof vi->code, "%.9s%03d", tw->code, 200 + (v - comm));
            scatter(r, tw->lat, tw->lng, 0.07, &vi->lat, &vi->lng);
        }
        memcpy(names[v], vi->name, 40);
        rc = add_division(g, vi->code, vi->name, 3, tw->code);
        g->nvillages++;
    }
    return rc;
}

static int build_divisions(gen *g)
{
    sh_rng r;
    sh_rng_init(&r, g->seed, STREAM_PLACES, 0);
    int rc = add_division(g, COUNTY_CODE, COUNTY_NAME, 1, NULL);
    int n = g->ntowns;
    int streets = n >= 12 ? 3 : n >= 4 ? 1 : 0;
    int towns = (n - streets) * 11 / 20 + ((n - streets) > 0 && (n - streets) * 11 / 20 == 0);
    char (*names)[40] = sh_xcalloc((size_t)n, 40);
    for (int t = 0; rc == 0 && t < n; t++) {
        township *tw = &g->towns[t];
        int part;
        if (t < streets) {
            tw->type = T_STREET;
            part = 1 + t;
            snprintf(tw->base, sizeof tw->base, "%s", demo_street_names[t]);
            snprintf(tw->name, sizeof tw->name, "%s街道", tw->base);
            scatter(&r, SEAT_LAT, SEAT_LNG, 0.03, &tw->lat, &tw->lng);
        } else {
            tw->type = t < streets + towns ? T_TOWN : T_XIANG;
            part = tw->type == T_TOWN ? 100 + (t - streets) : 200 + (t - streets - towns);
            place_name(&r, names, t, tw->type == T_TOWN ? "镇" : "乡", tw->base, tw->name);
            tw->lat = LAT_MIN + 0.08 + sh_rng_unit(&r) * (LAT_MAX - LAT_MIN - 0.16);
            tw->lng = LNG_MIN + 0.08 + sh_rng_unit(&r) * (LNG_MAX - LNG_MIN - 0.16);
        }
        memcpy(names[t], tw->name, 40);
        snprintf(tw->code, sizeof tw->code, COUNTY_CODE "%03d000", part);
        if ((rc = add_division(g, tw->code, tw->name, 2, COUNTY_CODE)) == 0)
            rc = build_villages(g, &r, tw, t);
    }
    free(names);
    if (rc != 0)
        return rc;

    /* where businesses are: the town seats and the streets far more than the villages */
    g->vcum = sh_xcalloc((size_t)g->nvillages, sizeof *g->vcum);
    double acc = 0;
    for (int v = 0; v < g->nvillages; v++) {
        const village *vi = &g->villages[v];
        int type = g->towns[vi->town].type;
        acc += vi->community ? (type == T_STREET ? 8.0 : type == T_TOWN ? 5.0 : 3.0) : (type == T_XIANG ? 1.0 : 1.3);
        g->vcum[v] = acc;
    }
    return 0;
}

static int build_officials(gen *g)
{
    sh_rng r;
    sh_rng_init(&r, g->seed, STREAM_OFFICIALS, 0);
    char name[32], display[96], uname[16], phone[12];
    user_row u = {.username = "admin", .display = "系统管理员", .role = "admin"};
    int rc = add_user(g, &u, NULL);
    person(&r, name);
    mobile(&r, phone);
    snprintf(display, sizeof display, "县局-%s", name);
    u = (user_row){.username = "county", .display = display, .role = "county", .division = COUNTY_CODE, .phone = phone};
    if (rc == 0)
        rc = add_user(g, &u, NULL);
    static const struct { const char *prefix, *role, *title; int count; } staff[] = {
        {"inspector", "inspector", "执法员", 12},
        {"sampler", "sampler", "抽样员", 4},
    };
    for (size_t s = 0; s < 2; s++)
        for (int i = 1; rc == 0 && i <= staff[s].count; i++) {
            person(&r, name);
            mobile(&r, phone);
            snprintf(uname, sizeof uname, "%s%02d", staff[s].prefix, i);
            snprintf(display, sizeof display, "%s-%s", staff[s].title, name);
            u = (user_row){.username = uname, .display = display, .role = staff[s].role, .division = COUNTY_CODE, .phone = phone};
            rc = add_user(g, &u, NULL);
        }
    for (int t = 0; rc == 0 && t < g->ntowns; t++) {
        person(&r, name);
        mobile(&r, phone);
        snprintf(uname, sizeof uname, "t%02d", t + 1);
        snprintf(display, sizeof display, "%s市场监管所-%s", g->towns[t].name, name);
        u = (user_row){.username = uname, .display = display, .role = "township", .division = g->towns[t].code, .phone = phone};
        rc = add_user(g, &u, NULL);
    }
    return rc;
}

static long ceil_div(long a, long b) { return (a + b - 1) / b; }

/* Grids per township in proportion to its villages (at least one each); a grid lies in one village
 * when there are at least as many grids as villages, else it covers several and lies in the township.
 * Grid ids are 1..n and the leader of grid N logs in as gNNNN. */
static int build_grids(gen *g)
{
    sh_rng r;
    sh_rng_init(&r, g->seed, STREAM_GRIDS, 0);
    long spare = g->ngrids - g->ntowns;
    int n = 0, rc = 0, cum = 0;
    for (int t = 0; rc == 0 && t < g->ntowns; t++) {
        township *tw = &g->towns[t];
        long before = spare * cum / g->nvillages;
        cum += tw->vcount;
        tw->gfirst = n;
        tw->gcount = 1 + (int)(spare * cum / g->nvillages - before);
        int V = tw->vcount, G = tw->gcount;
        for (int j = 0; j < V; j++) {
            village *vi = &g->villages[tw->vfirst + j];
            if (G >= V) {
                vi->gfirst = (int)ceil_div((long)j * G, V); /* the k with floor(k*V/G) == j */
                vi->gcount = (int)ceil_div((long)(j + 1) * G, V) - vi->gfirst;
            } else {
                vi->gfirst = (int)((long)j * G / V);
                vi->gcount = 1;
            }
            vi->gfirst += n;
        }
        for (int k = 0; rc == 0 && k < G; k++, n++) {
            const village *only = NULL;
            if (G >= V)
                only = &g->villages[tw->vfirst + (int)((long)k * V / G)];
            else if (ceil_div((long)(k + 1) * V, G) - ceil_div((long)k * V, G) == 1) /* covers one village */
                only = &g->villages[tw->vfirst + (int)ceil_div((long)k * V, G)];
            char code[32], name[64], leader[32], uname[24], display[96], phone[12];
            snprintf(code, sizeof code, "G%.9s%02d", tw->code, k + 1);
            snprintf(name, sizeof name, "%s第%d网格", tw->name, k + 1);
            sh_stmt *st = sh_db_prepare(g->db, "INSERT INTO grids(id, code, name, division_code, created_at) VALUES (?, ?, ?, ?, ?)",
                                        g->err);
            if (!st)
                return SH_EINTERNAL;
            sh_bind_int64(st, 1, n + 1);
            sh_bind_text(st, 2, code);
            sh_bind_text(st, 3, name);
            sh_bind_text(st, 4, only ? only->code : tw->code);
            sh_bind_int64(st, 5, base_ms());
            if ((rc = step_done(g, st)) != 0)
                break;
            person(&r, leader);
            mobile(&r, phone);
            if (only)
                snprintf(display, sizeof display, "%s%s网格员-%s", tw->name, only->name, leader);
            else
                snprintf(display, sizeof display, "%s-%s", name, leader);
            snprintf(uname, sizeof uname, "g%04d", n + 1);
            int64_t uid = 0;
            user_row u = {.username = uname, .display = display, .role = "village", .grid_id = n + 1, .phone = phone};
            if ((rc = add_user(g, &u, &uid)) != 0)
                break;
            if (!(st = sh_db_prepare(g->db, "UPDATE grids SET leader_user_id = ? WHERE id = ?", g->err)))
                return SH_EINTERNAL;
            sh_bind_int64(st, 1, uid);
            sh_bind_int64(st, 2, n + 1);
            rc = step_done(g, st);
        }
    }
    return rc;
}

/* ---- identifiers ---- */

enum { U_COMPANY, U_INDIVIDUAL, U_ORGAN, U_INSTITUTION, U_NONPROFIT };

static void base31(long v, char *out, int width)
{
    static const char A[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (int i = width - 1; i >= 0; i--, v /= 31)
        out[i] = A[v % 31];
}

/* GB 11714 check character of an organisation code body (core/validate.h), appended at body[8]. */
static void org_check(char org[10])
{
    org[8] = sh_org_code_check_char(org);
    org[9] = '\0';
}

/* Credit code (GB 32100): authority and type, county, organisation code, check character.
 * Companies and individual businesses get market-regulation codes (91/92 ... MA3xxxxx + check);
 * organs and public institutions (11/12) an old numeric organisation code; private schools (52, civil
 * affairs) an MJ code. Every organisation code ends in its GB 11714 check digit, so no demo code draws
 * a warning. The serials only grow, so codes are unique and rise with the id. */
static void make_uscc(gen *g, sh_rng *r, int type, char out[19])
{
    static const char *const head[] = {"91", "92", "11", "12", "52"};
    char org[10];
    if (type == U_COMPANY || type == U_INDIVIDUAL) {
        g->org_serial += 1 + sh_rng_below(r, 300); /* 3 * 31^5 + 250M + 300 * MAX_ENTITIES < 31^6 */
        memcpy(org, "MA", 2);
        base31(3L * 28629151L + g->org_serial, org + 2, 6); /* 6 characters from MA3...: the 2020s codes */
    } else if (type == U_NONPROFIT) {
        g->mj_serial += 1 + sh_rng_below(r, 5);
        memcpy(org, "MJ", 2);
        base31(28629151L + g->mj_serial, org + 2, 6);
    } else {
        g->legacy_serial += 1 + sh_rng_below(r, 7);
        snprintf(org, sizeof org, "%08ld", (type == U_ORGAN ? 1400000L : 49100000L) + g->legacy_serial);
    }
    org_check(org);
    memcpy(out, head[type], 2);
    memcpy(out + 2, COUNTY_CODE, 6);
    memcpy(out + 8, org, 9);
    out[17] = '\0';
    out[17] = sh_uscc_check_char(out);
    out[18] = '\0';
}

/* The official check digit of SC/JY numbers is not public: demo numbers end in an EAN-style digit. */
static char check_digit(const char *digits)
{
    int sum = 0;
    for (int i = 0; digits[i]; i++)
        sum += (digits[i] - '0') * (i % 2 ? 1 : 3);
    return (char)('0' + (10 - sum % 10) % 10);
}

/* JY + business type (1 sales, 2 catering, 3 canteen) + county + 6-digit sequence + check digit. */
static int make_jy(gen *g, sh_rng *r, int type, char out[64])
{
    g->jy_seq[type] += 1 + sh_rng_below(r, g->gap);
    if (g->jy_seq[type] > 999999)
        return sh_fail(g->err, SH_EINVAL, "entities", "too many businesses for 6-digit licence sequences");
    char body[16];
    snprintf(body, sizeof body, "%d" COUNTY_CODE "%06ld", type, g->jy_seq[type]);
    snprintf(out, 64, "JY%s%c", body, check_digit(body));
    return 0;
}

/* SC + category + county + 4-digit sequence + check digit; a full category passes to the next. */
static int make_sc(gen *g, sh_rng *r, size_t *cat, char out[64])
{
    for (size_t tries = 0; tries < demo_sc_categories_n; tries++, *cat = (*cat + 1) % demo_sc_categories_n) {
        long seq = g->sc_seq[*cat] + 1 + sh_rng_below(r, g->gap);
        if (seq > 9999)
            continue;
        g->sc_seq[*cat] = seq;
        char body[16];
        snprintf(body, sizeof body, "%03d" COUNTY_CODE "%04ld", demo_sc_categories[*cat].code, seq);
        snprintf(out, 64, "SC%s%c", body, check_digit(body));
        return 0;
    }
    return sh_fail(g->err, SH_EINVAL, "entities", "too many producers for 4-digit licence sequences");
}

/* ---- businesses ---- */

enum { K_PRODUCER, K_WORKSHOP, K_SELLER, K_CATERER, K_SCHOOL, K_UNIT, K_CENTRAL, K_STALL, K_GROUP_MEAL, K__COUNT };
static const char *const kind_codes[K__COUNT] = {"producer", "workshop", "seller", "caterer", "school_canteen",
                                                 "unit_canteen", "central_kitchen", "stall", "group_meal"};
/* group-meal distributors (集体用餐配送单位) last, so that the other businesses stay as they were */
static const int kind_permille[K__COUNT] = {50, 60, 330, 400, 40, 30, 10, 75, 5};

typedef struct ent {
    int kind;
    const township *t;
    const village *v;
    int64_t grid_id;
    char name[192], uscc[19], licence[64], valid[11], address[224];
    const char *licence_kind, *scale, *categories, *status, *reason;
    const char *canteen_of, *special_foods; /* whom a canteen feeds; special foods made or sold as such */
    int has_pos;
    double lat, lng;
    char rep[32], rep_phone[12], director[32], director_phone[12], officer[32], officer_phone[12];
    int64_t created;
} ent;

static const char *pick_scale(sh_rng *r, int large, int medium, int small)
{
    long x = sh_rng_below(r, 100);
    return x < large ? "large" : x < large + medium ? "medium" : x < large + medium + small ? "small" : "micro";
}

/* Name prefix of an individual business: the county and township, the township, or nothing. */
static const char *prefix_of(sh_rng *r, const township *t, char out[64])
{
    long x = sh_rng_below(r, 100);
    if (x < 45)
        snprintf(out, 64, COUNTY_NAME "%s", t->name);
    else if (x < 85)
        snprintf(out, 64, "%s", t->name);
    else
        out[0] = '\0';
    return out;
}

/* Issues a licence valid `years` on a day between the middle of first_year and mid-2025; fills its
 * last valid day and returns the day of issue. */
static long issue_licence(sh_rng *r, ent *e, int years, int first_year)
{
    long issued = random_day(r, first_year, 7, 1, Y(2025), 6, 30);
    valid_until(issued, years, e->valid);
    return issued;
}

/* A county registers a company's or shop's name once: name_take says whether a name is still free
 * (and takes it). The generators loop
 *     for (attempt = 0; attempt == 0 || (!name_take(g, e->name) && attempt < NAME_TRIES); attempt++)
 * drawing a name until it is free, and accept a repeat after NAME_TRIES (only in huge counties).
 * Stalls are not registered by name: "张记水果摊" may well appear twice. */
#define NAME_TRIES 12

static int name_take(gen *g, const char *name)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    h += !h;
    for (size_t i = (size_t)h & g->names_mask;; i = (i + 1) & g->names_mask) {
        if (g->names[i] == h)
            return 0;
        if (!g->names[i]) {
            g->names[i] = h;
            return 1;
        }
    }
}

/* A trade name (字号): a well-known one at first, then two syllables. */
static void brand(sh_rng *r, int attempt, char out[32])
{
    if (attempt < 2) {
        snprintf(out, 32, "%s", PICK(r, demo_brands));
        return;
    }
    const char *a = PICK(r, demo_brand_syllables), *b;
    while ((b = PICK(r, demo_brand_syllables)) == a)
        ;
    snprintf(out, 32, "%s%s", a, b);
}

static int make_producer(gen *g, sh_rng *r, ent *e, long *issued)
{
    long total = 0;
    for (size_t i = 0; i < demo_sc_categories_n; i++)
        total += demo_sc_categories[i].weight;
    long x = sh_rng_below(r, total);
    size_t c = 0;
    while ((x -= demo_sc_categories[c].weight) >= 0)
        c++;
    int rc = make_sc(g, r, &c, e->licence);
    if (rc != 0)
        return rc;
    const demo_sc_category *cat = &demo_sc_categories[c];
    int nw = cat->words[2] ? 3 : cat->words[1] ? 2 : 1;
    int company = sh_rng_permille(r, 850);
    for (int attempt = 0; attempt == 0 || (!name_take(g, e->name) && attempt < NAME_TRIES); attempt++) {
        char b[32];
        const char *word = cat->words[sh_rng_below(r, nw)];
        brand(r, attempt, b);
        if (company)
            snprintf(e->name, sizeof e->name, COUNTY_NAME "%s%s有限公司", b, word);
        else
            snprintf(e->name, sizeof e->name, "%s%s%s厂", e->t->name, b, word);
    }
    make_uscc(g, r, company ? U_COMPANY : U_INDIVIDUAL, e->uscc);
    e->licence_kind = "sc";
    e->categories = cat->categories;
    e->scale = pick_scale(r, company ? 9 : 0, company ? 27 : 10, 50);
    *issued = issue_licence(r, e, 5, Y(2020));
    return 0;
}

static int make_workshop(gen *g, sh_rng *r, ent *e, long *issued)
{
    const demo_trade *tr = &demo_workshop_trades[pick_trade(r, demo_workshop_trades, demo_workshop_trades_n)];
    for (int attempt = 0; attempt == 0 || (!name_take(g, e->name) && attempt < NAME_TRIES); attempt++) {
        if (attempt == 0 && sh_rng_permille(r, 500))
            snprintf(e->name, sizeof e->name, "%s%s小作坊", e->v->name, tr->name);
        else if (attempt < 4)
            snprintf(e->name, sizeof e->name, "%s%s记%s坊", e->t->name, short_surname(r), tr->name); /* one draw */
        else
            snprintf(e->name, sizeof e->name, "%s%s%s记%s坊", e->t->name, e->v->base, short_surname(r), tr->name);
    }
    make_uscc(g, r, U_INDIVIDUAL, e->uscc);
    *issued = issue_licence(r, e, 3, Y(2022));
    int y, m, d;
    civil_from_days(*issued, &y, &m, &d);
    long seq = ++g->workshop_seq[(y - 2015) & 15];
    snprintf(e->licence, sizeof e->licence, "赣食坊登字〔%d〕第%04ld号", y, seq);
    e->licence_kind = "workshop_reg";
    e->categories = tr->categories;
    e->scale = pick_scale(r, 0, 0, 30);
    return 0;
}

static int make_seller(gen *g, sh_rng *r, ent *e, long *issued)
{
    const demo_trade *tr = &demo_seller_trades[pick_trade(r, demo_seller_trades, demo_seller_trades_n)];
    int filing = tr->flag && sh_rng_permille(r, 750);
    int market = !strcmp(tr->name, "超市") || !strcmp(tr->name, "生鲜超市");
    int company = market ? sh_rng_permille(r, 350) : sh_rng_permille(r, 30);
    for (int attempt = 0; attempt == 0 || (!name_take(g, e->name) && attempt < NAME_TRIES); attempt++) {
        char pre[64], b[32];
        brand(r, attempt, b);
        if (company) {
            const char *what = market ? tr->name : sh_rng_permille(r, 500) ? "商贸" : "食品贸易";
            snprintf(e->name, sizeof e->name, COUNTY_NAME "%s%s有限公司", b, what);
        } else {
            prefix_of(r, e->t, pre);
            if (sh_rng_permille(r, 250))
                snprintf(e->name, sizeof e->name, "%s%s记%s", pre, short_surname(r), tr->name);
            else
                snprintf(e->name, sizeof e->name, "%s%s%s", pre, b, tr->name);
        }
    }
    make_uscc(g, r, company ? U_COMPANY : U_INDIVIDUAL, e->uscc);
    e->categories = filing ? "[\"预包装食品\"]" : tr->categories;
    e->scale = market ? pick_scale(r, company ? 10 : 2, company ? 30 : 12, 50) : pick_scale(r, 0, company ? 20 : 3, 42);
    if (filing) {
        /* a record (备案), not a licence: no expiry */
        *issued = random_day(r, Y(2020), 7, 1, Y(2025), 6, 30);
        e->licence_kind = "filing";
        char body[16]; /* YB + 1 sales + county + 6-digit sequence + check digit (data/licence-patterns.csv) */
        snprintf(body, sizeof body, "1" COUNTY_CODE "%06ld", ++g->filing_seq);
        snprintf(e->licence, sizeof e->licence, "YB%s%c", body, check_digit(body));
        return 0;
    }
    e->licence_kind = "jy";
    *issued = issue_licence(r, e, 5, Y(2020));
    return make_jy(g, r, 1, e->licence);
}

static int make_caterer(gen *g, sh_rng *r, ent *e, long *issued)
{
    const demo_trade *tr = &demo_caterer_trades[pick_trade(r, demo_caterer_trades, demo_caterer_trades_n)];
    int big = tr->flag;
    int company = big || sh_rng_permille(r, 40);
    for (int attempt = 0; attempt == 0 || (!name_take(g, e->name) && attempt < NAME_TRIES); attempt++) {
        char pre[64], owner[32];
        if (big || attempt >= 2)
            brand(r, attempt, owner);
        else
            snprintf(owner, sizeof owner, "%s", PICK(r, demo_owners));
        if (company)
            snprintf(e->name, sizeof e->name, COUNTY_NAME "%s%s有限公司", owner, big ? tr->name : "餐饮");
        else
            snprintf(e->name, sizeof e->name, "%s%s%s", prefix_of(r, e->t, pre), owner, tr->name); /* one draw */
    }
    make_uscc(g, r, company ? U_COMPANY : U_INDIVIDUAL, e->uscc);
    e->licence_kind = "jy";
    e->categories = tr->categories;
    e->scale = big ? pick_scale(r, 40, 60, 0) : pick_scale(r, 0, company ? 25 : 6, 52);
    *issued = issue_licence(r, e, 5, Y(2020));
    return make_jy(g, r, 2, e->licence);
}

/* A town-level institution sits in the township's seat (its first community) when it has one. */
static void to_seat(gen *g, ent *e)
{
    const village *seat = &g->villages[e->t->vfirst];
    if (seat->community && !e->v->community)
        e->v = seat;
}

/* School names run through a list per township (the county's schools in the streets), then the
 * village schools, then private kindergartens, so that a name is used once, as in a real county. */
static int make_school(gen *g, sh_rng *r, ent *e, long *issued)
{
    village *v = &g->villages[e->v - g->villages];
    township *t = &g->towns[e->t - g->towns];
    int type = U_INSTITUTION;
    const char *scale;
    char num[16];
    if (!v->community && v->schools < 2) {
        int kinder = v->schools++ > 0;
        snprintf(e->name, sizeof e->name, "%s%s%s食堂", t->name, v->base, kinder ? "幼儿园" : "小学");
        scale = kinder ? pick_scale(r, 0, 0, 60) : pick_scale(r, 0, 15, 65);
    } else if (t->type == T_STREET && g->county_schools < (int)demo_county_schools_n) {
        const char *s = demo_county_schools[g->county_schools++];
        snprintf(e->name, sizeof e->name, COUNTY_NAME "%s食堂", s);
        scale = strstr(s, "幼儿园") ? pick_scale(r, 0, 40, 60) : pick_scale(r, 45, 55, 0);
    } else {
        static const char *const town_list[] = {"中心小学", "中学", "中心幼儿园", "第二小学"};
        int k = t->type == T_STREET ? 4 + t->schools++ : t->schools++;
        int nk = (int)demo_kinder_brands_n;
        if (k < 4) {
            snprintf(e->name, sizeof e->name, "%s%s食堂", t->name, town_list[k]);
            scale = k == 2 ? pick_scale(r, 0, 20, 80) : pick_scale(r, 15, 50, 35);
            to_seat(g, e);
        } else if (k - 4 < nk) {
            snprintf(e->name, sizeof e->name, "%s%s幼儿园食堂", t->name, demo_kinder_brands[k - 4]);
            type = U_NONPROFIT;
            scale = pick_scale(r, 0, 5, 60);
        } else {
            zh_number(3 + (k - 4 - nk) % 97, num);
            snprintf(e->name, sizeof e->name, "%s第%s小学食堂", t->name, num);
            scale = pick_scale(r, 5, 35, 60);
        }
    }
    make_uscc(g, r, type, e->uscc);
    e->licence_kind = "jy";
    e->categories = sh_rng_permille(r, 800) ? "[\"热食类\"]" : "[\"热食类\",\"糕点类\"]";
    e->scale = scale;
    *issued = issue_licence(r, e, 5, Y(2020));
    return make_jy(g, r, 3, e->licence);
}

static int unit_type(const char *unit)
{
    if (strstr(unit, "公司") || strstr(unit, "供电"))
        return U_COMPANY;
    if (strstr(unit, "法院"))
        return U_ORGAN;
    size_t n = strlen(unit);
    if ((n >= 3 && !strcmp(unit + n - 3, "院")) || (n >= 6 && !strcmp(unit + n - 6, "中心")))
        return U_INSTITUTION;
    return U_ORGAN;
}

static int make_unit(gen *g, sh_rng *r, ent *e, long *issued)
{
    township *t = &g->towns[e->t - g->towns];
    int type;
    if (t->type == T_STREET && g->county_units < (int)demo_county_units_n) {
        const char *u = demo_county_units[g->county_units++];
        snprintf(e->name, sizeof e->name, COUNTY_NAME "%s食堂", u);
        type = unit_type(u);
        e->scale = pick_scale(r, 10, 50, 40);
    } else if (t->type != T_STREET && t->units < (int)demo_town_units_n) {
        const char *u = demo_town_units[t->units++];
        snprintf(e->name, sizeof e->name, "%s%s食堂", t->name, u);
        type = unit_type(u);
        e->scale = pick_scale(r, 0, 10, 60);
        to_seat(g, e);
    } else {
        for (int attempt = 0; attempt == 0 || (!name_take(g, e->name) && attempt < NAME_TRIES); attempt++) {
            char b[32];
            brand(r, attempt, b);
            snprintf(e->name, sizeof e->name, COUNTY_NAME "%s%s有限公司职工食堂", b, PICK(r, demo_company_trades));
        }
        type = U_COMPANY;
        e->scale = pick_scale(r, 3, 25, 57);
    }
    make_uscc(g, r, type, e->uscc);
    e->licence_kind = "jy";
    e->categories = sh_rng_permille(r, 700) ? "[\"热食类\"]" : "[\"热食类\",\"冷食类\"]";
    *issued = issue_licence(r, e, 5, Y(2020));
    return make_jy(g, r, 3, e->licence);
}

static int make_central(gen *g, sh_rng *r, ent *e, long *issued)
{
    for (int attempt = 0; attempt == 0 || (!name_take(g, e->name) && attempt < NAME_TRIES); attempt++) {
        char b[32];
        brand(r, attempt, b);
        snprintf(e->name, sizeof e->name, COUNTY_NAME "%s%s有限公司", b, PICK(r, demo_kitchen_trades));
    }
    make_uscc(g, r, U_COMPANY, e->uscc);
    e->licence_kind = "jy";
    e->categories = sh_rng_permille(r, 600) ? "[\"热食类\",\"冷食类\"]" : "[\"热食类\",\"冷食类\",\"糕点类\"]";
    e->scale = pick_scale(r, 50, 50, 0);
    *issued = issue_licence(r, e, 5, Y(2020));
    return make_jy(g, r, 2, e->licence);
}

/* A group-meal distributor (集体用餐配送单位): cooks for schools, firms and sites and delivers. */
static int make_group_meal(gen *g, sh_rng *r, ent *e, long *issued)
{
    for (int attempt = 0; attempt == 0 || (!name_take(g, e->name) && attempt < NAME_TRIES); attempt++) {
        char b[32];
        brand(r, attempt, b);
        snprintf(e->name, sizeof e->name, COUNTY_NAME "%s集体用餐配送有限公司", b);
    }
    make_uscc(g, r, U_COMPANY, e->uscc);
    e->licence_kind = "jy";
    e->categories = "[\"热食类\"]";
    e->scale = pick_scale(r, 30, 60, 10);
    *issued = issue_licence(r, e, 5, Y(2020));
    return make_jy(g, r, 2, e->licence);
}

/* Whom a canteen feeds, read from its name (db/031: hospitals and care homes in the highest tier);
 * the special foods a seller or producer sells or makes as such, read from its categories. */
static void static_tier_fields(ent *e)
{
    if (e->kind == K_SCHOOL)
        e->canteen_of = strstr(e->name, "幼儿园") ? "childcare" : "school";
    else if (e->kind == K_UNIT)
        e->canteen_of = strstr(e->name, "医院") || strstr(e->name, "卫生院") || strstr(e->name, "保健院") ? "hospital"
                        : strstr(e->name, "福利院") || strstr(e->name, "敬老院") || strstr(e->name, "养老") ? "care_home"
                        : strstr(e->name, "公司") || strstr(e->name, "供电") ? "enterprise"
                        : "other";
    else if (e->kind == K_PRODUCER && strstr(e->categories, "保健食品"))
        e->special_foods = "[\"health_food\"]";
    else if (e->kind == K_SELLER && strstr(e->categories, "特殊食品"))
        e->special_foods = strstr(e->name, "母婴") ? "[\"infant_formula\"]" : "[\"health_food\",\"fsmp\"]";
}

static int make_stall(gen *g, sh_rng *r, ent *e, long *issued)
{
    const demo_trade *tr = &demo_stall_trades[pick_trade(r, demo_stall_trades, demo_stall_trades_n)];
    if (sh_rng_permille(r, 700)) {
        snprintf(e->name, sizeof e->name, "%s记%s摊", short_surname(r), tr->name);
    } else {
        char who[32];
        person(r, who);
        snprintf(e->name, sizeof e->name, "%s%s摊", who, tr->name);
    }
    *issued = random_day(r, Y(2021), 1, 1, Y(2025), 6, 30);
    int y, m, d;
    civil_from_days(*issued, &y, &m, &d);
    long seq = ++g->stall_seq[(y - 2015) & 15];
    snprintf(e->licence, sizeof e->licence, "赣食摊登字〔%d〕第%05ld号", y, seq);
    e->licence_kind = "stall_record";
    e->categories = tr->categories;
    e->scale = "micro";
    return 0;
}

static void make_address(sh_rng *r, ent *e)
{
    const village *v = e->v;
    if (v->community || sh_rng_permille(r, 150)) {
        const char *road = PICK(r, demo_roads);
        snprintf(e->address, sizeof e->address, "%s%s%s%ld号", e->t->name, v->name, road, 1 + sh_rng_below(r, 300));
    } else if (sh_rng_permille(r, 120)) {
        const char *highway = sh_rng_permille(r, 500) ? "323" : "105";
        snprintf(e->address, sizeof e->address, "%s%s%s国道旁%ld号", e->t->name, v->name, highway, 1 + sh_rng_below(r, 200));
    } else {
        const char *group = PICK(r, demo_village_groups);
        snprintf(e->address, sizeof e->address, "%s%s%s组%ld号", e->t->name, v->name, group, 1 + sh_rng_below(r, 80));
    }
}

static int needs_director(const ent *e)
{
    return e->kind == K_CENTRAL || e->kind == K_GROUP_MEAL || e->kind == K_SCHOOL || !strcmp(e->scale, "large") ||
           !strcmp(e->scale, "medium");
}

/* A village drawn by the weights of build_divisions (binary search of the cumulative weights). */
static int pick_village(gen *g, sh_rng *r)
{
    double w = sh_rng_unit(r) * g->vcum[g->nvillages - 1];
    int lo = 0, hi = g->nvillages - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (g->vcum[mid] > w) hi = mid; else lo = mid + 1;
    }
    return lo;
}

/* Business number i (0-based) in village v. */
static int make_entity(gen *g, long i, int v, ent *e)
{
    sh_rng r;
    sh_rng_init(&r, g->seed, STREAM_BUSINESS, (uint64_t)i);
    memset(e, 0, sizeof *e);
    long x = sh_rng_below(&r, 1000);
    e->kind = 0;
    while ((x -= kind_permille[e->kind]) >= 0)
        e->kind++;
    e->v = &g->villages[v];
    e->t = &g->towns[e->v->town];

    long issued = 0;
    int rc;
    switch (e->kind) {
    case K_PRODUCER: rc = make_producer(g, &r, e, &issued); break;
    case K_WORKSHOP: rc = make_workshop(g, &r, e, &issued); break;
    case K_SELLER: rc = make_seller(g, &r, e, &issued); break;
    case K_CATERER: rc = make_caterer(g, &r, e, &issued); break;
    case K_SCHOOL: rc = make_school(g, &r, e, &issued); break;
    case K_UNIT: rc = make_unit(g, &r, e, &issued); break;
    case K_CENTRAL: rc = make_central(g, &r, e, &issued); break;
    case K_GROUP_MEAL: rc = make_group_meal(g, &r, e, &issued); break;
    default: rc = make_stall(g, &r, e, &issued); break;
    }
    if (rc != 0)
        return rc;
    static_tier_fields(e);

    e->grid_id = e->v->gfirst + sh_rng_below(&r, e->v->gcount) + 1;
    make_address(&r, e);
    e->has_pos = 1;
    scatter(&r, e->v->lat, e->v->lng, e->v->community ? 0.008 : 0.02, &e->lat, &e->lng);
    person(&r, e->rep);
    mobile(&r, e->rep_phone);
    if (e->kind != K_STALL) {
        if ((!strcmp(e->scale, "micro") || !strcmp(e->scale, "small")) && e->kind <= K_CATERER && sh_rng_permille(&r, 400)) {
            memcpy(e->officer, e->rep, sizeof e->officer); /* the owner keeps the records himself */
            memcpy(e->officer_phone, e->rep_phone, sizeof e->officer_phone);
        } else {
            person(&r, e->officer);
            mobile(&r, e->officer_phone);
        }
    }
    if (needs_director(e)) {
        person(&r, e->director);
        mobile(&r, e->director_phone);
    }

    x = sh_rng_below(&r, 1000);
    if (x < 950) {
        e->status = "active";
    } else if (x < 970) {
        e->status = "suspended";
        e->reason = PICK(&r, demo_reason_suspended);
    } else if (x < 980) {
        e->status = "revoked";
        e->reason = PICK(&r, demo_reason_revoked);
    } else {
        e->status = "closed";
        e->reason = PICK(&r, demo_reason_closed);
    }

    /* about 2 %: one part of the archive was never filled in */
    if (sh_rng_permille(&r, 20)) {
        x = sh_rng_below(&r, 100);
        if (x >= 90 && needs_director(e))
            e->director[0] = e->director_phone[0] = '\0';
        else if (x >= 75)
            e->rep_phone[0] = '\0';
        else if (x >= 55)
            e->grid_id = 0;
        else if (x >= 30 && e->kind != K_STALL)
            e->officer[0] = e->officer_phone[0] = '\0';
        else
            e->has_pos = 0;
    }

    /* registered in the platform in 2024 or the first half of 2025, in office hours, after the licence */
    long day = days_from_civil(Y(2024), 1, 1) + sh_rng_below(&r, 540);
    if (day < issued)
        day = issued + sh_rng_below(&r, 20);
    e->created = base_ms() + (day - days_from_civil(Y(2024), 1, 1)) * DAY_MS + (30600L + sh_rng_below(&r, 32400L)) * 1000L;
    return 0;
}

static void bind_opt(sh_stmt *st, int idx, const char *s)
{
    sh_bind_text(st, idx, s && *s ? s : NULL);
}

/* Businesses go in several rows per INSERT: the name index (FTS5, kept by a trigger) writes its
 * pending terms at every statement, so one row per statement would cost a segment per business. */
#define ENTITY_COLS 26
#define BATCH_MAX 1024 /* 26 624 parameters: under SQLite's 32 766 and PostgreSQL's 65 535 */

static void entity_sql(sh_buf *b, int rows)
{
    sh_buf_adds(b, "INSERT INTO entities(id, kind, name, uscc, licence_kind, licence_no, licence_valid_until, address,"
                   " division_code, grid_id, lat, lng, scale, categories, legal_rep, legal_rep_phone,"
                   " director_name, director_phone, officer_name, officer_phone, status, status_reason,"
                   " created_at, updated_at, canteen_of, special_foods, version) VALUES ");
    for (int r = 0; r < rows; r++)
        sh_buf_adds(b, r ? ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)"
                         : "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)");
}

static void bind_entity(sh_stmt *st, int row, int64_t id, const ent *e)
{
    int c = row * ENTITY_COLS;
    sh_bind_int64(st, c + 1, id);
    sh_bind_text(st, c + 2, kind_codes[e->kind]);
    sh_bind_text(st, c + 3, e->name);
    bind_opt(st, c + 4, e->uscc);
    sh_bind_text(st, c + 5, e->licence_kind);
    sh_bind_text(st, c + 6, e->licence);
    bind_opt(st, c + 7, e->valid);
    sh_bind_text(st, c + 8, e->address);
    sh_bind_text(st, c + 9, e->v->code);
    sh_bind_int64_or_null(st, c + 10, e->grid_id);
    if (e->has_pos) {
        sh_bind_double(st, c + 11, e->lat);
        sh_bind_double(st, c + 12, e->lng);
    } else {
        sh_bind_null(st, c + 11);
        sh_bind_null(st, c + 12);
    }
    sh_bind_text(st, c + 13, e->scale);
    sh_bind_text(st, c + 14, e->categories);
    sh_bind_text(st, c + 15, e->rep);
    bind_opt(st, c + 16, e->rep_phone);
    bind_opt(st, c + 17, e->director);
    bind_opt(st, c + 18, e->director_phone);
    bind_opt(st, c + 19, e->officer);
    bind_opt(st, c + 20, e->officer_phone);
    sh_bind_text(st, c + 21, e->status);
    sh_bind_text(st, c + 22, e->reason);
    sh_bind_int64(st, c + 23, e->created);
    sh_bind_int64(st, c + 24, e->created);
    sh_bind_text(st, c + 25, e->canteen_of);
    sh_bind_text(st, c + 26, e->special_foods);
}

/* The display name of a business login: the business name, cut to 40 characters. */
static void cut_utf8(const char *s, int max_chars, char *out, size_t outlen)
{
    size_t i = 0;
    int chars = 0;
    while (s[i] && chars < max_chars) {
        size_t n = 1;
        while ((s[i + n] & 0xC0) == 0x80)
            n++;
        if (i + n >= outlen)
            break;
        i += n;
        chars++;
    }
    memcpy(out, s, i);
    out[i] = '\0';
}

/* Writes businesses first_id .. first_id + n - 1 (ids are given: the table is empty) and their logins. */
static int write_batch(gen *g, const char *sql, const ent *batch, int n, int64_t first_id)
{
    sh_stmt *st = sh_db_prepare(g->db, sql, g->err);
    if (!st)
        return SH_EINTERNAL;
    for (int k = 0; k < n; k++)
        bind_entity(st, k, first_id + k, &batch[k]);
    int rc = step_done(g, st);
    for (int k = 0; rc == 0 && k < n && first_id + k <= g->business_users; k++) {
        char uname[24], display[128];
        snprintf(uname, sizeof uname, "b%lld", (long long)(first_id + k));
        cut_utf8(batch[k].name, 40, display, sizeof display);
        user_row u = {.username = uname, .display = display, .role = "business", .entity_id = first_id + k,
                      .phone = batch[k].rep_phone};
        rc = add_user(g, &u, NULL);
    }
    return rc;
}

/* Every archive's history starts with its registration, as one written through the API does. */
static int record_creations(gen *g)
{
    sh_stmt *st = sh_db_prepare(g->db,
                                "INSERT INTO audit_log(at, user_id, actor, action, object_type, object_id)"
                                " SELECT created_at, NULL, 'system', 'create', 'entity', id FROM entities ORDER BY id",
                                g->err);
    return st ? step_done(g, st) : SH_EINTERNAL;
}

/* Businesses are numbered village by village, as a registry compiled from the townships' lists
 * is; it also keeps the inserts into the indexes by division close together, which is what makes
 * a million businesses take seconds rather than minutes. How many each village gets is drawn first. */
static int build_entities(gen *g)
{
    long n = g->entities;
    long *per_village = sh_xcalloc((size_t)g->nvillages, sizeof *per_village);
    sh_rng r;
    sh_rng_init(&r, g->seed, STREAM_PLACEMENT, 0);
    for (long i = 0; i < n; i++)
        per_village[pick_village(g, &r)]++;
    int v = 0;
    /* a batch never spans more than 1 % of the county, so progress comes every 1 % */
    int size = n / 100 > BATCH_MAX ? BATCH_MAX : n / 100 > 1 ? (int)(n / 100) : 1;
    sh_buf full = SH_BUF_INIT, one = SH_BUF_INIT;
    entity_sql(&full, size);
    entity_sql(&one, 1);
    ent *batch = sh_xcalloc((size_t)size, sizeof *batch);
    int rc = 0;
    for (long i = 0; rc == 0 && i < n;) {
        int k = 0;
        for (; rc == 0 && k < size && i + k < n; k++) {
            while (per_village[v] == 0)
                v++;
            per_village[v]--;
            rc = make_entity(g, i + k, v, &batch[k]);
        }
        if (rc != 0)
            break;
        if (k == size) {
            rc = write_batch(g, sh_buf_str(&full), batch, k, i + 1);
        } else {
            for (int j = 0; rc == 0 && j < k; j++)
                rc = write_batch(g, sh_buf_str(&one), &batch[j], 1, i + 1 + j);
        }
        long done = i + k;
        if (rc == 0 && g->o->progress && done * 100 / n != i * 100 / n)
            g->o->progress(done, n, g->o->progress_ctx);
        i = done;
    }
    free(batch);
    free(per_village);
    sh_buf_release(&full);
    sh_buf_release(&one);
    if (rc == 0)
        rc = record_creations(g);
    return rc;
}

void sh_demo_opts_default(sh_demo_opts *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 2026;
    o->entities = 9000;
    o->townships = 42;
    o->grids = 475;
    o->password = "Shian@2026";
    o->business_users = -1;
    o->reports = 1;
}

static int is_empty(sh_db *db, sh_err *err)
{
    static const char *const tables[][2] = {
        {"SELECT count(*) FROM divisions", "divisions"},
        {"SELECT count(*) FROM users", "users"},
        {"SELECT count(*) FROM entities", "businesses"},
    };
    for (size_t i = 0; i < 3; i++) {
        int64_t n = 0;
        int rc = sh_db_query_int64(db, tables[i][0], 0, &n, err);
        if (rc != 0)
            return rc;
        if (n > 0)
            return sh_fail(err, SH_EEXIST, "db_path", "数据库已有%s数据，示范县只能生成在空库中 (the database already has %s)",
                           i == 0 ? "区划" : i == 1 ? "用户" : "主体", tables[i][1]);
    }
    return 0;
}

int sh_demo_generate(sh_db *db, const sh_demo_opts *o, sh_demo_summary *out, sh_err *err)
{
    if (o->entities < 0 || o->entities > MAX_ENTITIES)
        return sh_fail(err, SH_EINVAL, "entities", "示范县主体数应为0-%ld (businesses must be 0 to %ld)", MAX_ENTITIES, MAX_ENTITIES);
    if (o->townships < 1 || o->townships > 99)
        return sh_fail(err, SH_EINVAL, "townships", "乡镇数应为1-99 (townships must be 1 to 99)");
    if (o->grids < 1 || o->grids > MAX_GRIDS)
        return sh_fail(err, SH_EINVAL, "grids", "网格数应为1-%d (grids must be 1 to %d)", MAX_GRIDS, MAX_GRIDS);

    int clock_year, clock_month, clock_day;
    sh_civil_from_days(sh_beijing_days(sh_now_ms()), &clock_year, &clock_month, &clock_day);
    year_shift = clock_year - 2026;
    gen g = {.db = db, .err = err, .o = o, .seed = o->seed, .entities = o->entities, .ntowns = o->townships};
    g.ngrids = o->grids < o->townships ? o->townships : o->grids;
    g.business_users = o->business_users < 0 ? (o->entities < DEFAULT_BUSINESS_USERS ? o->entities : DEFAULT_BUSINESS_USERS)
                                             : (o->business_users > o->entities ? o->entities : o->business_users);
    g.gap = 2;
    uint64_t x = o->seed;
    g.org_serial = (long)(sh_splitmix64(&x) % 250000000u);
    int rc = sh_password_hash(o->password ? o->password : "Shian@2026", g.hash, err);
    if (rc != 0)
        return rc;
    /* the photos are written before the transaction, as an upload's file is (attachment.h) */
    sh_demo_photos *photos = sh_xcalloc(1, sizeof *photos);
    if ((rc = sh_demo_photos_load(o->photos_dir, o->files_dir, photos, err)) != 0 || (rc = sh_db_begin(db, err)) != 0) {
        free(photos);
        return rc;
    }
    long pictures = 0;
    sh_demo_video_summary video = {0};
    g.towns = sh_xcalloc((size_t)g.ntowns, sizeof *g.towns);
    g.villages = sh_xcalloc((size_t)g.ntowns * 16, sizeof *g.villages);
    g.sc_seq = sh_xcalloc(demo_sc_categories_n, sizeof *g.sc_seq);
    size_t slots = 64;
    while (slots < 2 * (size_t)g.entities)
        slots *= 2;
    g.names = sh_xcalloc(slots, sizeof *g.names);
    g.names_mask = slots - 1;
    g.jy_seq[1] = g.jy_seq[2] = g.jy_seq[3] = 10000; /* the registry's earlier licences came before */
    if ((rc = is_empty(db, err)) == 0 && (rc = build_divisions(&g)) == 0 && (rc = build_officials(&g)) == 0 &&
        (rc = build_grids(&g)) == 0 && (rc = build_entities(&g)) == 0 && (rc = sh_db_sync_ids(db, err)) == 0 &&
        (rc = sh_demo_cameras(db, o->seed, NULL, err)) == 0 &&
        (rc = sh_demo_camera_pictures(db, photos, &pictures, err)) == 0 &&
        (rc = sh_demo_video(db, o->seed, photos, &video, err)) == 0 && (rc = sh_demo_duty(db, o->seed, NULL, err)) == 0 &&
        (rc = sh_demo_sampling(db, o->seed, NULL, err)) == 0 && (rc = sh_demo_complaints(db, o->seed, NULL, err)) == 0 &&
        (rc = sh_demo_trace(db, o->seed, NULL, err)) == 0 && (rc = sh_demo_brands(db, o->seed, NULL, err)) == 0 &&
        (rc = sh_demo_workshops(db, o->seed, NULL, err)) == 0 && (rc = sh_demo_upgrade(db, err)) == 0 &&
        (rc = sh_demo_campaigns(db, err)) == 0 &&
        (rc = sh_demo_famous(db, err)) == 0 && (rc = sh_demo_demonstration(db, err)) == 0 &&
        (rc = sh_demo_licences(db, NULL, err)) == 0 && (rc = sh_demo_people(db, err)) == 0 &&
        (rc = sh_demo_boundaries(db, NULL, err)) == 0 &&
        (rc = sh_setting_set(db, "demo_devices", "1", err)) == 0)
        rc = sh_db_commit(db, err);
    if (rc != 0)
        sh_db_rollback(db);
    else if (o->reports)
        rc = sh_demo_reports(db, err); /* the county's figures, read once it is all written */
    if (rc == 0 && out) {
        memset(out, 0, sizeof *out);
        snprintf(out->county_code, sizeof out->county_code, "%s", COUNTY_CODE);
        snprintf(out->county_name, sizeof out->county_name, "%s", COUNTY_NAME);
        out->townships = g.ntowns;
        out->villages = g.nvillages;
        out->grids = g.ngrids;
        out->entities = g.entities;
        out->users = g.users;
        out->photos = photos->nphotos;
        out->pictures = pictures;
        out->snapshots = video.snapshots;
    }
    free(photos);
    free(g.towns);
    free(g.villages);
    free(g.vcum);
    free(g.sc_seq);
    free(g.names);
    return rc;
}
