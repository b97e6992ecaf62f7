/* Sampling history of the demo county (demo_sampling.h).
 *
 * Two passes. The plan: every candidate business draws from its own stream (STREAM_SAMPLING, its id)
 * whether it is sampled, which food, on which day, by whom; the samples are then ordered by the time
 * their task was given, so that ids and 抽样单 codes (CY<year>-<county>-<sequence>, as
 * sh_sample_assign_in_tx numbers them) follow time. The writing: each sample draws the rest (the
 * product, the custody, the results, what followed a failure) from a second stream
 * (STREAM_SAMPLING_WRITE, the business id). Results are judged by sh_sampling_judge, and what follows
 * depends on its verdict, so the verdicts, bases and limits are the platform's own. Deadlines come
 * from the working-day calendar (sh_workdays_add, sh_deadline_due) on the dates chosen. Rows are
 * written directly, as the rest of the generator does; the audit trail records the main steps at
 * the times they happened. */
#include "demo/demo_sampling.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/civil.h"
#include "core/rng.h"
#include "core/timeutil.h"
#include "demo/demo_names.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/sampling/judge.h"
#include "domain/sampling/limits.h"
#include "domain/sampling/plan.h"
#include "domain/sampling/sample.h"

enum { STREAM_SAMPLING = 12, STREAM_SAMPLING_WRITE, STREAM_SAMPLER_TASKS }; /* after demo_duty.c's */
#define MIN_MS 60000LL
#define HOUR_MS 3600000LL
#define DAY_MS 86400000LL
#define HISTORY_DAYS 90   /* samples taken over the last 90 days */
#define AHEAD_DAYS 6      /* and tasks given for the coming days */
#define RESIDENTS_PER_BUSINESS 40
#define TODAY_TASKS 3     /* sampler01's tasks for today */
#define MAX_ANALYTES 8
#define MAX_TOWNS 128
#define MAX_SAMPLERS 64
#define WD_SPAN 800       /* days cached by the working-day helper */
#define WD_MAXN 32

#define N(a) ((long)(sizeof(a) / sizeof *(a)))
#define PICK(r, list) (list[sh_rng_below((r), (long)list##_n)])

/* ---- what is sampled ---- */

enum { F_OIL, F_RICE, F_FLOUR, F_SOY, F_MEAT, F_FRIED, F_PASTRY, F_LEAFY, F_EGG, F_PORK, F_FRUIT, F_CANDIED, F_DRIED, F_TEA, NFOOD };

/* How a food is sold: its spec, the unit its stock is counted in, price per unit, stock, the
 * quantities taken (sample and backup). */
typedef struct pack {
    const char *spec, *unit;
    double price_lo, price_hi;
    int stock_lo, stock_hi;
    const char *sample_qty, *backup_qty;
} pack;

typedef struct food {
    const char *category;
    const char *analytes[MAX_ANALYTES]; /* tested where a limit exists on the category's path */
    const char *fails[2];               /* what a failed batch of it typically fails on */
    const char *products[4];
    const char *standard;               /* 执行标准 of the prepackaged product */
    const char *maker;                  /* in a producer's name: 粮油, 米业 ... */
    int shelf_days;                     /* prepackaged */
    int on_site;                        /* sold loose where it is made, the same day */
    int produce;                        /* 食用农产品: from a supplier, no production date */
    int plan_weight;
    int rapid;                          /* the rapid-test station screens it too */
    pack packed, loose;                 /* .spec NULL: not sold so */
} food;

static const food foods[NFOOD] = {
    [F_OIL] = {"oil.vegetable.peanut", {"afb1", "pb", "as_total"}, {"afb1", "afb1"},
               {"压榨花生油", "浓香花生油", "土榨花生油", "一级压榨花生油"}, "GB/T 1534", "粮油", 540, 0, 0, 12, 0,
               {"5L/桶", "桶", 89, 139, 6, 60, "2桶", "1桶"}, {"散装", "kg", 18, 28, 20, 300, "2kg", "1kg"}},
    [F_RICE] = {"cereal.rice.milled", {"pb", "cd", "as_inorganic", "hg_total", "afb1"}, {"cd", "cd"},
                {"大米", "丝苗米", "晚籼米", "珍珠米"}, "GB/T 1354", "米业", 365, 0, 0, 12, 0,
                {"10kg/袋", "袋", 45, 79, 10, 120, "2袋", "1袋"}, {"散装", "kg", 3.8, 6.5, 50, 800, "3kg", "1.5kg"}},
    [F_FLOUR] = {"cereal.wheat.flour.wheat_flour", {"pb", "cd", "afb1", "don", "zen", "ota"}, {"don", "zen"},
                 {"小麦粉", "高筋小麦粉", "饺子用小麦粉", "富强粉"}, "GB/T 1355", "面业", 365, 0, 0, 8, 0,
                 {"5kg/袋", "袋", 22, 36, 10, 80, "2袋", "1袋"}, {"散装", "kg", 3.5, 5.5, 20, 300, "2kg", "1kg"}},
    [F_SOY] = {"condiment.soy_sauce", {"afb1", "benzoic_acid", "sorbic_acid", "pb", "as_total"}, {"benzoic_acid", "afb1"},
               {"酿造酱油", "特级生抽", "老抽王", "味极鲜酱油"}, "GB/T 18186", "酿造", 720, 0, 0, 8, 0,
               {"500mL/瓶", "瓶", 6.5, 18, 12, 120, "6瓶", "3瓶"}, {NULL, NULL, 0, 0, 0, 0, NULL, NULL}},
    [F_MEAT] = {"meat.product.cooked", {"pb", "sorbic_acid", "dehydroacetic_acid", "salmonella", "s_aureus"},
                {"s_aureus", "sorbic_acid"}, {"卤猪耳", "酱板鸭", "卤猪头肉", "白切鸡"}, "GB/T 23586", "食品", 90, 1, 0, 12, 0,
                {"200g/袋", "袋", 12, 26, 10, 80, "6袋", "3袋"}, {"散装", "kg", 36, 78, 3, 25, "1.5kg", "0.5kg"}},
    [F_FRIED] = {"cereal.product.fried_dough", {"al_residue", "pb"}, {"al_residue", "al_residue"},
                 {"油条", "油饼", "油条", "麻花"}, NULL, NULL, 1, 1, 0, 10, 0,
                 {NULL, NULL, 0, 0, 0, 0, NULL, NULL}, {"散装", "kg", 10, 14, 2, 10, "1kg", "0.5kg"}},
    [F_PASTRY] = {"bakery.pastry", {"dehydroacetic_acid"}, {"dehydroacetic_acid", "dehydroacetic_acid"},
                  {"蛋黄酥", "桃酥", "米果", "绿豆糕"}, "GB/T 20977", "食品", 120, 1, 0, 10, 0,
                  {"400g/盒", "盒", 18, 48, 5, 60, "6盒", "3盒"}, {"散装", "kg", 16, 40, 3, 30, "1.5kg", "0.5kg"}},
    [F_LEAFY] = {"veg.fresh.leafy", {"pb", "cd", "hg_total"}, {"cd", "pb"}, {"小白菜", "菠菜", "生菜", "空心菜"}, NULL, NULL,
                 3, 0, 1, 8, 0, {NULL, NULL, 0, 0, 0, 0, NULL, NULL}, {"散装", "kg", 3, 8, 10, 80, "2kg", "1kg"}},
    [F_EGG] = {"egg.fresh", {"pb", "cd", "hg_total"}, {"pb", "cd"}, {"鲜鸡蛋", "土鸡蛋", "鲜鸡蛋", "农家土鸡蛋"}, NULL, NULL, 30, 0, 1,
               6, 0, {"30枚/盒", "盒", 28, 42, 5, 40, "4盒", "2盒"}, {"散装", "kg", 9, 14, 20, 200, "2kg", "1kg"}},
    [F_PORK] = {"meat.fresh.livestock", {"pb", "cd", "as_total"}, {"pb", "cd"}, {"猪肉（前腿肉）", "猪肉（五花肉）", "猪里脊肉", "猪后腿肉"},
                NULL, NULL, 3, 0, 1, 6, 0, {NULL, NULL, 0, 0, 0, 0, NULL, NULL}, {"散装", "kg", 24, 32, 20, 150, "1.5kg", "0.5kg"}},
    [F_FRUIT] = {"fruit.fresh", {"pb", "cd"}, {"cd", "pb"}, {"赣南脐橙", "沙糖桔", "南丰蜜桔", "苹果"}, NULL, NULL, 15, 0, 1, 4, 0,
                 {NULL, NULL, 0, 0, 0, 0, NULL, NULL}, {"散装", "kg", 5, 12, 30, 400, "3kg", "1.5kg"}},
    [F_CANDIED] = {"fruit.product.candied", {"so2"}, {"so2", "so2"}, {"脐橙果脯", "话梅", "九制陈皮", "杨梅干"}, "GB/T 10782", "果业", 270,
                   0, 0, 4, 1, {"250g/袋", "袋", 12, 28, 10, 80, "8袋", "4袋"}, {"散装", "kg", 24, 60, 5, 40, "1.5kg", "0.5kg"}},
    [F_DRIED] = {"veg.product.dried", {"so2"}, {"so2", "so2"}, {"笋干", "梅干菜", "萝卜干", "黄花菜"}, "GB/T 23775", "农产品", 365, 0, 0, 6, 1,
                 {"250g/袋", "袋", 15, 38, 10, 60, "8袋", "4袋"}, {"散装", "kg", 40, 90, 5, 50, "1.5kg", "0.5kg"}},
    [F_TEA] = {"other.tea", {"pb"}, {"pb", "pb"}, {"绿茶", "红茶", "高山云雾茶", "白茶"}, "GB/T 14456.1", "茶业", 540, 0, 0, 4, 0,
               {"250g/罐", "罐", 80, 380, 5, 40, "4罐", "2罐"}, {"散装", "kg", 160, 600, 3, 30, "0.5kg", "0.25kg"}},
};

/* Which foods a business offers: by its kind, and a word of its licence categories or of its name
 * (its trade: 粮油店, 早餐店, 卤味摊 ...). A name rule marked `only` decides alone for that business (a
 * 鲜肉店 sells meat, not the 食用农产品 its categories would suggest; food -1: nothing sampled). */
typedef struct food_rule {
    const char *kind, *needle;
    int by_name, only, food, weight;
} food_rule;

static const food_rule rules[] = {
    {"producer", "粮食加工品", 0, 0, F_RICE, 3},   {"producer", "粮食加工品", 0, 0, F_FLOUR, 1},
    {"producer", "食用油", 0, 0, F_OIL, 4},        {"producer", "调味品", 0, 0, F_SOY, 4},
    {"producer", "肉制品", 0, 0, F_MEAT, 4},       {"producer", "糕点", 0, 0, F_PASTRY, 4},
    {"producer", "蔬菜制品", 0, 0, F_DRIED, 4},    {"producer", "水果制品", 0, 0, F_CANDIED, 4},
    {"producer", "茶叶", 0, 0, F_TEA, 4},
    {"workshop", "食用油", 0, 0, F_OIL, 4},        {"workshop", "糕点", 0, 0, F_PASTRY, 4},
    {"workshop", "茶叶", 0, 0, F_TEA, 4},
    {"seller", "鲜肉", 1, 1, F_PORK, 6},           {"seller", "冻品", 1, 1, F_PORK, 3},
    {"seller", "茶叶", 1, 1, F_TEA, 6},            {"seller", "水果", 1, 1, F_FRUIT, 5},
    {"seller", "水果", 1, 1, F_CANDIED, 1},        {"seller", "特产", 1, 1, F_DRIED, 3},
    {"seller", "特产", 1, 1, F_CANDIED, 3},        {"seller", "特产", 1, 1, F_TEA, 1},
    {"seller", "粮油", 1, 1, F_RICE, 3},           {"seller", "粮油", 1, 1, F_OIL, 3},
    {"seller", "粮油", 1, 1, F_FLOUR, 2},          {"seller", "药房", 1, 1, -1, 0},
    {"seller", "母婴", 1, 1, -1, 0},               {"seller", "烟酒", 1, 1, -1, 0},
    {"seller", "饮料", 1, 1, -1, 0},
    {"seller", "预包装食品", 0, 0, F_OIL, 1},      {"seller", "预包装食品", 0, 0, F_SOY, 2},
    {"seller", "预包装食品", 0, 0, F_RICE, 1},     {"seller", "预包装食品", 0, 0, F_FLOUR, 1},
    {"seller", "预包装食品", 0, 0, F_PASTRY, 1},   {"seller", "预包装食品", 0, 0, F_CANDIED, 1},
    {"seller", "散装食品", 0, 0, F_RICE, 1},       {"seller", "散装食品", 0, 0, F_OIL, 1},
    {"seller", "散装食品", 0, 0, F_DRIED, 1},      {"seller", "散装食品", 0, 0, F_PASTRY, 1},
    {"seller", "食用农产品", 0, 0, F_LEAFY, 2},    {"seller", "食用农产品", 0, 0, F_EGG, 2},
    {"seller", "食用农产品", 0, 0, F_PORK, 1},     {"seller", "食用农产品", 0, 0, F_FRUIT, 1},
    {"caterer", "奶茶", 1, 1, -1, 0},
    {"caterer", "早餐", 1, 0, F_FRIED, 4},         {"caterer", "包子", 1, 0, F_FRIED, 3},
    {"caterer", "小吃", 1, 0, F_FRIED, 3},         {"caterer", "快餐", 1, 0, F_FRIED, 1},
    {"caterer", "卤味", 1, 0, F_MEAT, 5},          {"caterer", "蛋糕", 1, 0, F_PASTRY, 5},
    {"caterer", "烘焙", 1, 0, F_PASTRY, 5},        {"caterer", "面馆", 1, 0, F_FLOUR, 3},
    {"caterer", "饺子", 1, 0, F_FLOUR, 3},         {"caterer", "包子", 1, 0, F_FLOUR, 1},
    {"caterer", "热食类", 0, 0, F_OIL, 1},         {"caterer", "热食类", 0, 0, F_RICE, 1},
    {"caterer", "热食类", 0, 0, F_SOY, 1},
    {"caterer", "冷食类", 0, 0, F_MEAT, 2},        {"caterer", "糕点类", 0, 0, F_PASTRY, 1},
    {"stall", "油条", 1, 0, F_FRIED, 5},           {"stall", "早点", 1, 0, F_FRIED, 4},
    {"stall", "卤味", 1, 0, F_MEAT, 5},            {"stall", "蔬菜", 1, 0, F_LEAFY, 5},
    {"stall", "水果", 1, 0, F_FRUIT, 5},           {"stall", "米糕", 1, 0, F_PASTRY, 3},
    {"central_kitchen", "", 0, 0, F_MEAT, 3},      {"central_kitchen", "", 0, 0, F_OIL, 2},
    {"central_kitchen", "", 0, 0, F_RICE, 2},
};

static const char *const kinds[] = {"producer", "workshop", "seller", "caterer", "central_kitchen", "stall"};
enum { K_PRODUCER, K_WORKSHOP, K_SELLER, K_CATERER, K_CENTRAL, K_STALL, NKINDS };
/* How much likelier than a shop a business of the kind is to be sampled: makers most (a county samples
 * what is made in it), restaurants and stalls least. */
static const double kind_odds[NKINDS] = {4.0, 3.0, 1.2, 0.5, 2.0, 0.8};

/* Producers outside the county (GB/T 2260 codes), whose bureau is asked to assist (协查). */
static const struct {
    const char *place, *code;
} outside[] = {
    {"江西省赣州市章贡区", "360702"}, {"江西省赣州市南康区", "360703"}, {"江西省吉安市吉州区", "360802"},
    {"江西省南昌市南昌县", "360121"}, {"湖南省郴州市北湖区", "431002"}, {"广东省韶关市浈江区", "440204"},
    {"福建省龙岩市新罗区", "350802"},
};

/* The analytes a lab often finds absent (未检出) in a batch that passes. */
static const char *const often_absent[] = {"afb1", "afm1", "don", "zen", "ota", "patulin", "sorbic_acid", "benzoic_acid",
                                           "dehydroacetic_acid", "so2"};

static const char *const refusal_notes[] = {
    "经营者以负责人不在为由拒绝抽样，拒绝在抽样文书上签字，已告知拒绝抽检的法律后果并记录在案",
    "经营者称该批次产品已售完，拒绝提供库存产品，现场拍照取证",
};
static const char *const retest_reasons[] = {
    "对检验结论有异议，申请对备份样品复检",
    "认为样品在运输和保存过程中受到影响，申请复检",
    "本企业出厂检验合格，对检验结果有异议，申请复检",
};

/* ---- the county as the generator found it ---- */

typedef struct town {
    char code[13], name[40];
    int64_t official; /* its township official, 0 when none */
    char official_name[32];
} town;

typedef struct candidate {
    int64_t id;
    int16_t town;
    uint8_t kind;
    uint8_t loose_ok; /* a shop that sells loose food (散装食品, 食用农产品) */
    uint8_t w[NFOOD]; /* weights of the foods it offers */
} candidate;

/* One sample as the first pass plans it. */
typedef struct planned {
    int64_t created_at;   /* the task given */
    int64_t sampled_day;  /* the day it is taken; 0: still a task */
    long cand;
    int16_t food, creator; /* creator: -1 the county official, else a town index */
    int8_t loose, rapid, fail, stuck_delivery, stuck_report, s1, s2;
} planned;

typedef struct lab_file {
    int64_t id;
    int rapid;
} lab_file;

typedef struct ctx {
    sh_db *db;
    sh_err *err;
    uint64_t seed;
    int64_t today, cutoff; /* Beijing day; 00:00 of it: every event lies before */
    int year;
    char county_code[13], county_name[64];
    int64_t county_id;
    char county_user[32];
    town towns[MAX_TOWNS];
    int ntowns;
    int16_t town_of_part[1000]; /* the township by digits 7-9 of a division code */
    int64_t samplers[MAX_SAMPLERS];
    char sampler_names[MAX_SAMPLERS][32];
    int nsamplers;
    lab_file labs[3];
    int avail[NFOOD];                          /* the food's category exists and some analyte has a limit */
    const char *analytes[NFOOD][MAX_ANALYTES]; /* those with a limit */
    sh_limit limits[NFOOD][MAX_ANALYTES];
    int nanalytes[NFOOD];
    candidate *cands;
    long ncands;
    long *makers[NFOOD]; /* candidates that make the food in the county (producers, workshops) */
    long nmakers[NFOOD];
    int64_t plans[2];      /* this year's, last year's (0: none) */
    int64_t *items;        /* [plan][food][town] */
    long codes[2];         /* the last sequence used in this year, last year */
    int retest_days, rectify_days;
    int64_t wd_base;
    int32_t *wd;           /* [day - wd_base][n]: the day n working days after, 0 unknown */
    int rc;                /* the first failure of a helper that returns a value */
} ctx;

static int run(sh_stmt *st, sh_err *err)
{
    return !st ? SH_EINTERNAL : sh_stmt_run(st, err) < 0 ? SH_EINTERNAL : 0;
}

/* ---- days ---- */

static void day_text(int64_t day, char out[11])
{
    sh_date_of_days(day, out);
}

/* A time of day (minutes after midnight, Beijing) and a few seconds. */
static int64_t at(sh_rng *r, int64_t day, long minute)
{
    return sh_beijing_day_start_ms(day) + minute * MIN_MS + sh_rng_below(r, 60) * 1000;
}

/* The day n working days after day (n 1..WD_MAXN), from the calendar, remembered. */
static int64_t wd_add(ctx *x, int64_t day, int n)
{
    int64_t k = day - x->wd_base;
    int32_t *slot = k >= 0 && k < WD_SPAN && n >= 0 && n <= WD_MAXN ? &x->wd[k * (WD_MAXN + 1) + n] : NULL;
    if (slot && *slot)
        return x->wd_base + *slot;
    char from[11], due[11];
    day_text(day, from);
    int rc = sh_workdays_add(x->db, from, n, due, x->err);
    if (rc) {
        if (!x->rc)
            x->rc = rc;
        return day + n;
    }
    int64_t d = sh_date_days(due);
    if (slot)
        *slot = (int32_t)(d - x->wd_base);
    return d;
}

/* The day itself when it is a working day, else the next one. */
static int64_t workday_from(ctx *x, int64_t day)
{
    return wd_add(x, day - 1, 1);
}

/* The follow-up deadline: 90 calendar days, a last day off moving to the next working day. */
static int64_t followup_due(ctx *x, int64_t reported)
{
    char from[11];
    day_text(reported, from);
    sh_deadline_rule rule = {.basis = "SAMR Order 15", .days = SH_SAMPLE_FOLLOWUP_DAYS, .calendar_days = 1};
    sh_deadline d;
    int rc = sh_deadline_due(x->db, from, &rule, NULL, 0, &d, x->err);
    if (rc) {
        if (!x->rc)
            x->rc = rc;
        return reported + SH_SAMPLE_FOLLOWUP_DAYS;
    }
    return sh_date_days(d.due);
}

/* day (a day number) plus months, as sh_sample_report keeps the backup. */
static void add_months(int64_t day, int months, char out[11])
{
    char date[11];
    sh_date_of_days(day, date);
    sh_date_add_months(date, months, out);
}

static int year_of(int64_t day)
{
    int y, m, d;
    sh_civil_from_days(day, &y, &m, &d);
    return y;
}

/* ---- the county ---- */

static int load_county(ctx *x)
{
    sh_stmt *st = sh_db_prepare(x->db, "SELECT code, name FROM divisions WHERE level = 1 ORDER BY code", x->err);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, x->err);
    if (rc == SH_ROW) {
        snprintf(x->county_code, sizeof x->county_code, "%s", sh_col_text(st, 0));
        snprintf(x->county_name, sizeof x->county_name, "%s", sh_col_text(st, 1));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    for (int i = 0; i < 1000; i++)
        x->town_of_part[i] = -1;
    st = sh_db_prepare(x->db, "SELECT code, name FROM divisions WHERE level = 2 ORDER BY code", x->err);
    if (!st)
        return SH_EINTERNAL;
    while ((rc = sh_stmt_step(st, x->err)) == SH_ROW && x->ntowns < MAX_TOWNS) {
        town *t = &x->towns[x->ntowns];
        snprintf(t->code, sizeof t->code, "%s", sh_col_text(st, 0));
        snprintf(t->name, sizeof t->name, "%s", sh_col_text(st, 1));
        if (strlen(t->code) == 12 && !strncmp(t->code, x->county_code, 6))
            x->town_of_part[atoi(t->code + 6) / 1000] = (int16_t)x->ntowns;
        x->ntowns++;
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    st = sh_db_prepare(x->db,
                       "SELECT id, username, role, coalesce(division_code, '') FROM users"
                       " WHERE role IN ('county', 'township', 'sampler') AND disabled = 0 ORDER BY id",
                       x->err);
    if (!st)
        return SH_EINTERNAL;
    while ((rc = sh_stmt_step(st, x->err)) == SH_ROW) {
        const char *role = sh_col_text(st, 2), *division = sh_col_text(st, 3);
        if (!strcmp(role, "county") && !x->county_id && !strcmp(division, x->county_code)) {
            x->county_id = sh_col_int64(st, 0);
            snprintf(x->county_user, sizeof x->county_user, "%s", sh_col_text(st, 1));
        } else if (!strcmp(role, "sampler") && x->nsamplers < MAX_SAMPLERS &&
                   (!*division || !strncmp(division, x->county_code, 6))) {
            x->samplers[x->nsamplers] = sh_col_int64(st, 0);
            snprintf(x->sampler_names[x->nsamplers], 32, "%s", sh_col_text(st, 1));
            x->nsamplers++;
        } else if (!strcmp(role, "township")) {
            for (int t = 0; t < x->ntowns; t++)
                if (!strcmp(x->towns[t].code, division) && !x->towns[t].official) {
                    x->towns[t].official = sh_col_int64(st, 0);
                    snprintf(x->towns[t].official_name, 32, "%s", sh_col_text(st, 1));
                }
        }
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* The foods whose category exists, and their analytes that have a limit on its path. */
static void load_foods(ctx *x)
{
    for (int f = 0; f < NFOOD; f++) {
        x->nanalytes[f] = 0;
        if (!sh_food_category_name(x->db, foods[f].category, NULL, 0))
            continue;
        for (int a = 0; a < MAX_ANALYTES && foods[f].analytes[a]; a++) {
            sh_err scratch = {0};
            if (sh_limit_find(x->db, foods[f].analytes[a], foods[f].category, "analyte", &x->limits[f][x->nanalytes[f]], &scratch) == 0)
                x->analytes[f][x->nanalytes[f]++] = foods[f].analytes[a];
        }
        x->avail[f] = x->nanalytes[f] > 0;
    }
}

static int kind_index(const char *kind)
{
    for (int k = 0; k < NKINDS; k++)
        if (!strcmp(kinds[k], kind))
            return k;
    return -1;
}

static void food_weights(const ctx *x, int kind, const char *name, const char *cats, uint8_t w[NFOOD])
{
    memset(w, 0, NFOOD);
    int only = 0;
    for (long i = 0; i < N(rules); i++)
        only |= rules[i].only && !strcmp(rules[i].kind, kinds[kind]) && strstr(name, rules[i].needle);
    for (long i = 0; i < N(rules); i++) {
        const food_rule *u = &rules[i];
        if (strcmp(u->kind, kinds[kind]) || (only && !u->only) || u->food < 0 || !x->avail[u->food])
            continue;
        if (strstr(u->by_name ? name : cats, u->needle))
            w[u->food] = (uint8_t)(w[u->food] + u->weight);
    }
}

static int load_candidates(ctx *x)
{
    sh_stmt *st = sh_db_prepare(x->db,
                                "SELECT id, kind, name, categories, division_code FROM entities WHERE status = 'active'"
                                " AND kind IN ('producer', 'workshop', 'seller', 'caterer', 'central_kitchen', 'stall') ORDER BY id",
                                x->err);
    if (!st)
        return SH_EINTERNAL;
    long cap = 1024;
    x->cands = sh_xcalloc((size_t)cap, sizeof *x->cands);
    int rc;
    while ((rc = sh_stmt_step(st, x->err)) == SH_ROW) {
        const char *division = sh_col_text(st, 4);
        int kind = kind_index(sh_col_text(st, 1));
        if (kind < 0 || strlen(division) < 9 || strncmp(division, x->county_code, 6))
            continue;
        int part = (division[6] - '0') * 100 + (division[7] - '0') * 10 + (division[8] - '0');
        if (part < 0 || part > 999 || x->town_of_part[part] < 0)
            continue;
        const char *cats = sh_col_text(st, 3);
        candidate c = {.id = sh_col_int64(st, 0), .town = x->town_of_part[part], .kind = (uint8_t)kind,
                       .loose_ok = strstr(cats, "散装食品") || strstr(cats, "食用农产品")};
        food_weights(x, kind, sh_col_text(st, 2), cats, c.w);
        int any = 0;
        for (int f = 0; f < NFOOD; f++)
            any |= c.w[f] > 0;
        if (!any)
            continue;
        if (x->ncands == cap) {
            cap *= 2;
            candidate *bigger = realloc(x->cands, (size_t)cap * sizeof *x->cands);
            if (!bigger) {
                sh_stmt_done(st);
                return sh_fail(x->err, SH_EINTERNAL, "", "out of memory");
            }
            x->cands = bigger;
        }
        x->cands[x->ncands++] = c;
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    for (int f = 0; f < NFOOD; f++) {
        for (long i = 0; i < x->ncands; i++)
            if ((x->cands[i].kind == K_PRODUCER || x->cands[i].kind == K_WORKSHOP) && x->cands[i].w[f])
                x->nmakers[f]++;
        x->makers[f] = sh_xcalloc((size_t)x->nmakers[f] + 1, sizeof **x->makers);
        long n = 0;
        for (long i = 0; i < x->ncands; i++)
            if ((x->cands[i].kind == K_PRODUCER || x->cands[i].kind == K_WORKSHOP) && x->cands[i].w[f])
                x->makers[f][n++] = i;
    }
    return 0;
}

/* ---- the audit trail, at the time of each step ---- */

static int audit(ctx *x, int64_t when, int64_t user, const char *username, const char *action, const char *type, int64_t id,
                 json_t *after)
{
    char *text = after ? json_dumps(after, JSON_COMPACT) : NULL;
    json_decref(after);
    sh_stmt *st = sh_db_prepare(x->db,
                                "INSERT INTO audit_log(at, user_id, actor, action, object_type, object_id, after_json)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                x->err);
    if (st) {
        sh_bind_int64(st, 1, when);
        sh_bind_int64_or_null(st, 2, user);
        sh_bind_text(st, 3, username);
        sh_bind_text(st, 4, action);
        sh_bind_text(st, 5, type);
        sh_bind_int64(st, 6, id);
        sh_bind_text(st, 7, text);
    }
    free(text);
    return run(st, x->err);
}

/* ---- labs and plans ---- */

static int write_labs(ctx *x)
{
    static const struct {
        const char *name_fmt, *cma, *scope, *contact, *phone, *address_fmt;
        int rapid;
    } file[] = {
        {"%s食品检验检测中心", "201936120518", "食品中真菌毒素、重金属、农药残留、食品添加剂、微生物", "刘建华", "0797-6321568",
         "%s工业园区检测路18号", 0},
        {"赣州市食品药品检验所", "171436000127",
         "食品、食用农产品、食品添加剂、食品相关产品全项目检验（GB 2760、GB 2761、GB 2762、GB 2763、GB 29921等食品安全国家标准规定的项目）",
         "陈晓东", "0797-8186302", "江西省赣州市章贡区红旗大道62号", 0},
        {"城关快检室", "KJ-%s-0001", "农药残留、兽药残留、二氧化硫、甲醛、吊白块、亚硝酸盐等快速检测（初筛）", "钟丽萍",
         "0797-6336120", "%s城关农贸市场内", 1},
    };
    int64_t when = sh_beijing_day_start_ms(sh_days_from_civil(x->year - 2, 3, 6)) + 10 * HOUR_MS;
    for (int i = 0; i < 3; i++) {
        char name[128], cma[48], address[160];
        snprintf(name, sizeof name, file[i].name_fmt, x->county_name);
        snprintf(cma, sizeof cma, file[i].cma, x->county_code);
        snprintf(address, sizeof address, file[i].address_fmt, x->county_name);
        sh_stmt *st = sh_db_prepare(x->db,
                                    "INSERT INTO labs(name, cma_no, scope, contact, phone, address, rapid, active, created_at, updated_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                                    x->err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_text(st, 1, name);
        sh_bind_text(st, 2, cma);
        sh_bind_text(st, 3, file[i].scope);
        sh_bind_text(st, 4, file[i].contact);
        sh_bind_text(st, 5, file[i].phone);
        sh_bind_text(st, 6, address);
        sh_bind_int64(st, 7, file[i].rapid);
        sh_bind_int64(st, 8, when + i * DAY_MS);
        sh_bind_int64(st, 9, when + i * DAY_MS);
        int rc = sh_stmt_insert_id(st, &x->labs[i].id, x->err);
        if (rc)
            return rc;
        x->labs[i].rapid = file[i].rapid;
        rc = audit(x, when + i * DAY_MS, x->county_id, x->county_user, "create", "lab", x->labs[i].id,
                   json_pack("{s:s, s:s, s:b}", "name", name, "cma_no", cma, "rapid", file[i].rapid));
        if (rc)
            return rc;
    }
    return 0;
}

static int64_t *item_slot(ctx *x, int plan, int f, int t)
{
    return &x->items[((size_t)plan * NFOOD + (size_t)f) * (size_t)x->ntowns + (size_t)t];
}

/* The plan of `year`, approved in late December before it, its target split by food and then by the
 * townships' businesses offering each food. */
static int write_plan(ctx *x, int slot, int year, int64_t population)
{
    char per[32] = "4", name[160];
    double per_thousand = sh_setting_text(x->db, "sampling_batches_per_1000", per, sizeof per) == 0 ? strtod(per, NULL) : 4.0;
    if (!(per_thousand > 0))
        per_thousand = 4.0;
    int64_t target = sh_plan_target(population, per_thousand);
    int64_t when = sh_beijing_day_start_ms(sh_days_from_civil(year - 1, 12, 22)) + 15 * HOUR_MS + 20 * MIN_MS;
    snprintf(name, sizeof name, "%d年%s食品安全监督抽检计划", year, x->county_name);
    sh_stmt *st = sh_db_prepare(x->db,
                                "INSERT INTO sampling_plans(year, kind, name, division_code, population, per_thousand, target,"
                                " created_by, created_at) VALUES (?, 'supervision', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                x->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, year);
    sh_bind_text(st, 2, name);
    sh_bind_text(st, 3, x->county_code);
    sh_bind_int64(st, 4, population);
    sh_bind_double(st, 5, per_thousand);
    sh_bind_int64(st, 6, target);
    sh_bind_int64_or_null(st, 7, x->county_id);
    sh_bind_int64(st, 8, when);
    int rc = sh_stmt_insert_id(st, &x->plans[slot], x->err);
    if (rc == 0)
        rc = audit(x, when, x->county_id, x->county_user, "create", "sampling_plan", x->plans[slot],
                   json_pack("{s:i, s:s, s:s, s:s, s:I, s:f, s:I}", "year", year, "kind", "supervision", "name", name,
                             "division_code", x->county_code, "population", (json_int_t)population, "per_thousand",
                             per_thousand, "target", (json_int_t)target));
    if (rc)
        return rc;
    int64_t fw[NFOOD], fshare[NFOOD];
    for (int f = 0; f < NFOOD; f++)
        fw[f] = x->avail[f] ? foods[f].plan_weight : 0;
    sh_split_largest_remainder(fw, NFOOD, target, fshare);
    int64_t *tw = sh_xcalloc((size_t)x->ntowns, sizeof *tw), *tshare = sh_xcalloc((size_t)x->ntowns, sizeof *tshare);
    for (int f = 0; rc == 0 && f < NFOOD; f++) {
        if (!fshare[f])
            continue;
        memset(tw, 0, (size_t)x->ntowns * sizeof *tw);
        int64_t any = 0;
        for (long i = 0; i < x->ncands; i++)
            if (x->cands[i].w[f]) {
                tw[x->cands[i].town]++;
                any++;
            }
        if (!any)
            continue;
        sh_split_largest_remainder(tw, (size_t)x->ntowns, fshare[f], tshare);
        json_t *arr = json_array();
        for (int a = 0; a < x->nanalytes[f]; a++)
            json_array_append_new(arr, json_string(x->analytes[f][a]));
        char *analytes = json_dumps(arr, JSON_COMPACT);
        json_decref(arr);
        for (int t = 0; rc == 0 && t < x->ntowns; t++) {
            if (!tshare[t])
                continue;
            st = sh_db_prepare(x->db,
                               "INSERT INTO sampling_plan_items(plan_id, food_category, township_code, month, target, analytes, mode,"
                               " created_at) VALUES (?, ?, ?, NULL, ?, ?, 'random', ?) RETURNING id",
                               x->err);
            if (!st) {
                rc = SH_EINTERNAL;
                break;
            }
            sh_bind_int64(st, 1, x->plans[slot]);
            sh_bind_text(st, 2, foods[f].category);
            sh_bind_text(st, 3, x->towns[t].code);
            sh_bind_int64(st, 4, tshare[t]);
            sh_bind_text(st, 5, analytes);
            sh_bind_int64(st, 6, when + 10 * MIN_MS);
            rc = sh_stmt_insert_id(st, item_slot(x, slot, f, t), x->err);
        }
        free(analytes);
    }
    free(tw);
    free(tshare);
    return rc;
}

/* ---- the first pass: who, what, when ---- */

/* A food the business offers, weighted as the plan weighs the foods. */
static int pick_food(sh_rng *r, const uint8_t w[NFOOD])
{
    long total = 0;
    for (int f = 0; f < NFOOD; f++)
        total += (long)w[f] * foods[f].plan_weight;
    long v = sh_rng_below(r, total);
    for (int f = 0; f < NFOOD; f++)
        if ((v -= (long)w[f] * foods[f].plan_weight) < 0)
            return f;
    return 0;
}

static int pick_loose(sh_rng *r, const candidate *c, int f)
{
    int kind = c->kind;
    const food *d = &foods[f];
    if (!d->packed.spec)
        return 1;
    if (!d->loose.spec)
        return 0;
    if (kind == K_PRODUCER)
        return 0;
    if (kind == K_SELLER)
        return c->loose_ok && sh_rng_permille(r, 300);
    return 1; /* workshops, caterers, kitchens and stalls sell and use food loose */
}

static void pick_samplers(ctx *x, sh_rng *r, planned *p, int first)
{
    int n = x->nsamplers;
    p->s1 = (int8_t)(first >= 0 ? first : sh_rng_below(r, n));
    p->s2 = (int8_t)((p->s1 + 1 + sh_rng_below(r, n - 1)) % n);
}

static int64_t office_time(sh_rng *r, int64_t day)
{
    return at(r, day, 510 + sh_rng_below(r, 540)); /* 8:30 - 17:30 */
}

static int plan_one(ctx *x, long i, double ppm, planned *p)
{
    const candidate *c = &x->cands[i];
    sh_rng r;
    sh_rng_init(&r, x->seed, STREAM_SAMPLING, (uint64_t)c->id);
    if (sh_rng_below(&r, 1000000) >= (long)(ppm * kind_odds[c->kind]))
        return 0;
    memset(p, 0, sizeof *p);
    p->cand = i;
    p->food = (int16_t)pick_food(&r, c->w);
    p->loose = (int8_t)pick_loose(&r, c, p->food);
    long ago = sh_rng_below(&r, HISTORY_DAYS + AHEAD_DAYS) - AHEAD_DAYS; /* -6 .. 89 */
    int64_t day = workday_from(x, x->today - ago);
    long lead = 1 + sh_rng_below(&r, 8); /* the task came so many days before */
    int64_t given = day - lead;
    if (given >= x->today)
        given = x->today - 1 - sh_rng_below(&r, 3);
    p->created_at = office_time(&r, given);
    p->sampled_day = day < x->today ? day : 0;
    p->rapid = (int8_t)(foods[p->food].rapid && (c->kind == K_SELLER || c->kind == K_STALL) && sh_rng_permille(&r, 500));
    p->fail = (int8_t)sh_rng_permille(&r, 50);
    long age = p->sampled_day ? x->today - p->sampled_day : -1;
    p->stuck_report = (int8_t)(!p->rapid && age >= 45 && sh_rng_permille(&r, 15));
    p->stuck_delivery = (int8_t)(!p->rapid && age >= 12 && age <= 40 && sh_rng_permille(&r, 15));
    p->creator = (int16_t)(sh_rng_permille(&r, 600) || !x->towns[c->town].official ? -1 : c->town);
    pick_samplers(x, &r, p, -1);
    return 1;
}

/* sampler01's tasks for today, given on the working day before, at businesses not sampled otherwise. */
static long plan_today(ctx *x, const char *taken, planned *out)
{
    sh_rng r;
    sh_rng_init(&r, x->seed, STREAM_SAMPLER_TASKS, 0);
    int64_t given = x->today - 1;
    while (workday_from(x, given) != given && given > x->today - 10)
        given--;
    long n = 0;
    for (int tries = 0; n < TODAY_TASKS && tries < 200 && x->ncands > 0; tries++) {
        long i = sh_rng_below(&r, x->ncands);
        int dup = taken[i];
        for (long k = 0; k < n; k++)
            dup |= out[k].cand == i;
        if (dup)
            continue;
        planned *p = &out[n++];
        memset(p, 0, sizeof *p);
        p->cand = i;
        p->food = (int16_t)pick_food(&r, x->cands[i].w);
        p->loose = (int8_t)pick_loose(&r, &x->cands[i], p->food);
        p->created_at = at(&r, given, 960 + sh_rng_below(&r, 60)); /* 16:00 - 17:00 */
        p->creator = -1;
        pick_samplers(x, &r, p, 0);
    }
    return n;
}

static int by_time(const void *a, const void *b)
{
    const planned *p = a, *q = b;
    if (p->created_at != q->created_at)
        return p->created_at < q->created_at ? -1 : 1;
    return p->cand < q->cand ? -1 : p->cand > q->cand;
}

/* ---- the second pass: one sample written ---- */

typedef struct entity_info {
    char name[256], address[256], division[13], signer[64];
} entity_info;

static int entity_of(ctx *x, int64_t id, sh_rng *r, entity_info *e)
{
    sh_stmt *st = sh_db_prepare(x->db, "SELECT name, address, division_code, legal_rep, coalesce(officer_name, '') FROM entities WHERE id = ?",
                                x->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, x->err);
    memset(e, 0, sizeof *e);
    if (rc == SH_ROW) {
        snprintf(e->name, sizeof e->name, "%s", sh_col_text(st, 0));
        snprintf(e->address, sizeof e->address, "%s", sh_col_text(st, 1));
        snprintf(e->division, sizeof e->division, "%s", sh_col_text(st, 2));
        /* the owner signs, or the food safety officer when there is one */
        const char *officer = sh_col_text(st, 4);
        snprintf(e->signer, sizeof e->signer, "%s", *officer && sh_rng_permille(r, 400) ? officer : sh_col_text(st, 3));
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static double round3(double v)
{
    if (v <= 0)
        return 0;
    double scale = pow(10.0, 2 - floor(log10(v)));
    return round(v * scale) / scale;
}

static double between(sh_rng *r, double lo, double hi)
{
    return lo + (hi - lo) * sh_rng_unit(r);
}

enum { R_PASS, R_FAIL, R_NEAR }; /* NEAR: a re-test that passes, close below the limit */

/* One result as a lab enters it ({analyte, value, unit} | {analyte, detected:false} | {analyte,
 * values, unit}), to pass or fail against the limit the judge will apply. */
static json_t *result_of(sh_rng *r, const char *analyte, const sh_limit *l, int mode)
{
    if (!strcmp(l->kind, "microbial")) {
        /* a fail: one unit above M, or (a two-class plan) more than c above m */
        int need = mode == R_FAIL ? (l->has_big_m ? 1 : l->c + 1) : 0;
        if (need > l->n)
            need = l->n;
        long start = sh_rng_below(r, l->n);
        json_t *values = json_array();
        for (int k = 0; k < l->n; k++) {
            double limit = l->has_big_m ? l->big_m : l->m;
            if ((k - start + l->n) % l->n < need)
                json_array_append_new(values, json_integer(limit <= 0 ? 1 + sh_rng_below(r, 3) : (json_int_t)ceil(between(r, 1.3, 4.0) * limit)));
            else if (l->m < 20 || sh_rng_permille(r, 500))
                json_array_append_new(values, json_integer(0));
            else
                json_array_append_new(values, json_integer(10 * (1 + sh_rng_below(r, (long)(l->m * 0.9 / 10)))));
        }
        return json_pack("{s:s, s:o, s:s}", "analyte", analyte, "values", values, "unit", l->unit);
    }
    int absent = 0;
    for (long i = 0; i < N(often_absent); i++)
        absent |= !strcmp(often_absent[i], analyte);
    if (mode == R_PASS && (!strcmp(l->kind, "not_detected") || (absent && sh_rng_permille(r, 550))))
        return json_pack("{s:s, s:b}", "analyte", analyte, "detected", 0);
    double v = mode == R_FAIL ? between(r, 1.25, !strcmp(l->kind, "not_detected") ? 6.0 : 3.5)
               : mode == R_NEAR ? between(r, 0.75, 0.95)
                                : between(r, 0.03, 0.6);
    return json_pack("{s:s, s:f, s:s}", "analyte", analyte, "value", round3(v * l->value), "unit", l->unit);
}

/* The results of one round and their judgement: the fail analyte fails (mode R_FAIL) or passes close
 * to the limit (R_NEAR), the rest pass. */
static int results_of(ctx *x, sh_rng *r, int f, const char *fail_analyte, int mode, json_t **ret_results, json_t **ret_judged)
{
    json_t *results = json_array();
    for (int a = 0; a < x->nanalytes[f]; a++) {
        int m = fail_analyte && !strcmp(fail_analyte, x->analytes[f][a]) ? mode : R_PASS;
        json_array_append_new(results, result_of(r, x->analytes[f][a], &x->limits[f][a], m));
    }
    json_t *req = json_pack("{s:s, s:O}", "food_category", foods[f].category, "results", results);
    int rc = sh_sampling_judge(x->db, req, ret_judged, x->err);
    json_decref(req);
    if (rc) {
        json_decref(results);
        return rc;
    }
    *ret_results = results;
    return 0;
}

static int store_results(ctx *x, int64_t id, int round, int64_t lab, json_t *results, json_t *judged, int64_t when)
{
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(judged, "items"), i, item) {
        char *result = json_dumps(json_array_get(results, i), JSON_COMPACT);
        char *lim = json_dumps(json_object_get(item, "limit"), JSON_COMPACT);
        sh_stmt *st = sh_db_prepare(x->db,
                                    "INSERT INTO sample_results(sample_id, round, analyte, result, verdict, basis, limit_json, lab_id,"
                                    " entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    x->err);
        if (st) {
            sh_bind_int64(st, 1, id);
            sh_bind_int64(st, 2, round);
            sh_bind_text(st, 3, json_string_value(json_object_get(item, "analyte")));
            sh_bind_text(st, 4, result);
            sh_bind_text(st, 5, json_string_value(json_object_get(item, "verdict")));
            sh_bind_text(st, 6, json_string_value(json_object_get(item, "basis")));
            sh_bind_text(st, 7, lim ? lim : "null");
            sh_bind_int64_or_null(st, 8, lab);
            sh_bind_int64_or_null(st, 9, x->county_id);
            sh_bind_int64(st, 10, when);
        }
        free(result);
        free(lim);
        int rc = run(st, x->err);
        if (rc)
            return rc;
    }
    return 0;
}

/* Everything written about one sample. Dates are YYYY-MM-DD, "" when not (yet) so. */
typedef struct sample_row {
    char code[32], status[12];
    const char *product, *brand, *spec, *standard, *sample_qty, *backup_qty, *refusal;
    char batch[24], production[11], quantity[32], producer[256], producer_address[256], producer_division[13], seal[32];
    char signer[64];
    int shelf;
    double price;
    int64_t sampled_at, reported_at, published_at, lab, updated_at;
    char sampled_on[11], delivery_due[11], delivered_on[11], received_on[11], report_due[11], reported_on[11];
    char verdict[8], notice_due[11], notice_sent_on[11], notice_received_on[11], retest_due[11], keep_until[11];
    char final_verdict[8], followup_due[11], followup_done_on[11];
} sample_row;

static void set_day(char out[11], int64_t day)
{
    if (day)
        day_text(day, out);
    else
        out[0] = '\0';
}

/* Who made or supplied the food: the business itself, a supplier of produce, a maker in the county,
 * or one outside it. *ret_outside: the place (index of outside[]) or -1. */
static int producer_of(ctx *x, sh_rng *r, const planned *p, const entity_info *e, sample_row *s, int *ret_outside)
{
    const candidate *c = &x->cands[p->cand];
    const food *d = &foods[p->food];
    *ret_outside = -1;
    if (c->kind == K_PRODUCER || c->kind == K_WORKSHOP || (d->on_site && p->loose && c->kind != K_SELLER)) {
        snprintf(s->producer, sizeof s->producer, "%s", e->name);
        snprintf(s->producer_address, sizeof s->producer_address, "%s", e->address);
        snprintf(s->producer_division, sizeof s->producer_division, "%s", e->division);
        return 0;
    }
    if (d->produce) {
        const town *t = &x->towns[c->town];
        snprintf(s->producer, sizeof s->producer, "%s%s", p->food == F_PORK ? x->county_name : t->name,
                 p->food == F_PORK ? "生猪定点屠宰场" : p->food == F_EGG ? "蛋鸡养殖专业合作社" : "果蔬种植专业合作社");
        snprintf(s->producer_address, sizeof s->producer_address, "%s%s", x->county_name, p->food == F_PORK ? "" : t->name);
        snprintf(s->producer_division, sizeof s->producer_division, "%s", p->food == F_PORK ? x->county_code : t->code);
        return 0;
    }
    if (x->nmakers[p->food] && sh_rng_permille(r, 350)) {
        long m = x->makers[p->food][sh_rng_below(r, x->nmakers[p->food])];
        entity_info maker;
        int rc = entity_of(x, x->cands[m].id, r, &maker);
        if (rc)
            return rc;
        snprintf(s->producer, sizeof s->producer, "%s", maker.name);
        snprintf(s->producer_address, sizeof s->producer_address, "%s", maker.address);
        snprintf(s->producer_division, sizeof s->producer_division, "%s", maker.division);
        return 0;
    }
    int o = (int)sh_rng_below(r, N(outside));
    const char *brand = PICK(r, demo_brands);
    snprintf(s->producer, sizeof s->producer, "%s%s%s有限公司", outside[o].place + 9 /* after 江西省 / 湖南省 …: the city */,
             brand, d->maker ? d->maker : "食品");
    snprintf(s->producer_address, sizeof s->producer_address, "%s工业园区%ld号", outside[o].place, 1 + sh_rng_below(r, 120));
    snprintf(s->producer_division, sizeof s->producer_division, "%s", outside[o].code);
    *ret_outside = o;
    return 0;
}

/* The 抽样单: the product as labelled and the quantities taken. */
static void product_of(sh_rng *r, const planned *p, int made_here, int64_t day, sample_row *s)
{
    const food *d = &foods[p->food];
    const pack *k = p->loose ? &d->loose : &d->packed;
    s->product = d->products[sh_rng_below(r, 4)];
    s->spec = k->spec;
    s->sample_qty = k->sample_qty;
    s->backup_qty = k->backup_qty;
    s->price = round(between(r, k->price_lo, k->price_hi) * 10) / 10;
    snprintf(s->quantity, sizeof s->quantity, "%ld%s", k->stock_lo + sh_rng_below(r, k->stock_hi - k->stock_lo + 1), k->unit);
    if (!p->loose) {
        s->brand = PICK(r, demo_brands);
        s->standard = d->standard;
        s->shelf = d->shelf_days;
        int64_t made = day - 3 - sh_rng_below(r, d->shelf_days / 3 > 3 ? d->shelf_days / 3 : 3);
        day_text(made, s->production);
        snprintf(s->batch, sizeof s->batch, "%.4s%.2s%.2s%c", s->production, s->production + 5, s->production + 8,
                 (char)('A' + sh_rng_below(r, 4)));
    } else if (d->on_site && made_here) {
        s->shelf = d->shelf_days < 3 ? d->shelf_days : p->food == F_MEAT ? 1 : 3;
        day_text(day, s->production); /* made that day, sold loose */
    }
}

static int64_t later(int64_t a, int64_t b)
{
    return a > b ? a : b;
}

/* The first round's failing analyte from the judgement, and whether every failing one is microbial. */
static const char *failing(const json_t *judged, int *all_microbial)
{
    size_t i;
    json_t *item;
    const char *first = NULL;
    *all_microbial = 1;
    json_array_foreach(json_object_get(judged, "items"), i, item) {
        if (strcmp(json_string_value(json_object_get(item, "verdict")), "fail"))
            continue;
        if (!first)
            first = json_string_value(json_object_get(item, "analyte"));
        *all_microbial &= !strcmp(json_string_value(json_object_get(json_object_get(item, "limit"), "kind")), "microbial");
    }
    return first;
}

typedef struct official {
    int64_t id;
    const char *name;
} official;

static official official_of(ctx *x, int town_index)
{
    if (town_index >= 0 && x->towns[town_index].official)
        return (official){x->towns[town_index].official, x->towns[town_index].official_name};
    return (official){x->county_id, x->county_user};
}

/* Recorded in office hours on day, not before not_before (the notice served that day). */
static int write_disposal(ctx *x, int64_t id, const char *action, double qty, const char *unit, const char *note, int64_t day,
                          int64_t not_before, official by, sh_rng *r)
{
    char on[11];
    day_text(day, on);
    int64_t when = later(office_time(r, day), not_before + (10 + sh_rng_below(r, 50)) * MIN_MS);
    sh_stmt *st = sh_db_prepare(x->db,
                                "INSERT INTO sample_disposals(sample_id, action, quantity, unit, note, done_on, recorded_by, recorded_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                x->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    sh_bind_text(st, 2, action);
    sh_bind_double(st, 3, qty);
    sh_bind_text(st, 4, unit);
    sh_bind_text(st, 5, note);
    sh_bind_text(st, 6, on);
    sh_bind_int64(st, 7, by.id);
    sh_bind_int64(st, 8, when);
    int64_t did = 0;
    int rc = sh_stmt_insert_id(st, &did, x->err);
    if (rc == 0)
        rc = audit(x, when, by.id, by.name, "disposal", "sample", id,
                   json_pack("{s:I, s:s, s:f, s:s, s:s}", "disposal_id", (json_int_t)did, "action", action, "quantity", qty, "unit",
                             unit, "done_on", on));
    return rc;
}

/* A rectification order through the shared loop, as sh_sample_followup_add opens it; done on time
 * once its deadline has passed (so never escalated), else open or awaiting review. */
static int write_order(ctx *x, sh_rng *r, int64_t sample, int64_t entity, int maker, const char *product, int64_t day,
                       official by, int64_t *ret_order, int64_t *ret_created)
{
    const char *evidence = maker ? "已召回并封存同批次产品，查明原因为原料把关不严，已更换原料供应商并加强出厂检验，整改报告已提交"
                                 : "已对同批次产品下架封存，查明原因为进货查验把关不严，已更换供货商并完善进货查验记录，整改报告已提交";
    char title[200], deadline[11];
    snprintf(title, sizeof title, "抽检不合格整改：%s", product);
    int64_t created = at(r, day, 600 + sh_rng_below(r, 360));
    *ret_created = created;
    int64_t due = wd_add(x, day, x->rectify_days);
    day_text(due, deadline);
    int64_t end = sh_beijing_day_start_ms(due) + DAY_MS, span = end - created;
    int64_t submitted = created + (int64_t)((double)span * between(r, 0.3, 0.85));
    int64_t verified = submitted + (int64_t)((double)(end - submitted) * between(r, 0.1, 0.8));
    if (submitted >= x->cutoff)
        submitted = verified = 0;
    if (verified >= x->cutoff)
        verified = 0;
    sh_stmt *st = sh_db_prepare(x->db,
                                "INSERT INTO rectifications(entity_id, source_type, source_id, key_item, title, requirement, deadline,"
                                " status, evidence_note, submitted_at, reviewed_by, review_note, verified_at, created_by, created_at)"
                                " VALUES (?, 'sample', ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                x->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity);
    sh_bind_int64(st, 2, sample);
    sh_bind_text(st, 3, title);
    sh_bind_text(st, 4, "查明不合格原因，采取下架、召回等措施，提交整改报告");
    sh_bind_text(st, 5, deadline);
    sh_bind_text(st, 6, verified ? "verified" : submitted ? "submitted" : "open");
    sh_bind_text(st, 7, submitted ? evidence : NULL);
    sh_bind_int64_or_null(st, 8, submitted);
    sh_bind_int64_or_null(st, 9, verified ? by.id : 0);
    sh_bind_text(st, 10, verified ? "复查合格，整改到位" : NULL);
    sh_bind_int64_or_null(st, 11, verified);
    sh_bind_int64(st, 12, by.id);
    sh_bind_int64(st, 13, created);
    int rc = sh_stmt_insert_id(st, ret_order, x->err);
    if (rc == 0)
        rc = audit(x, created, by.id, by.name, "create", "rectification", *ret_order,
                   json_pack("{s:s, s:s, s:I}", "title", title, "deadline", deadline, "entity_id", (json_int_t)entity));
    return rc;
}

/* At `when`, or in office hours on day when 0. */
static int write_followup(ctx *x, sh_rng *r, int64_t id, const char *action, int64_t ref, const char *target, const char *note,
                          int64_t day, int64_t when, official by)
{
    if (!when)
        when = office_time(r, day);
    sh_stmt *st = sh_db_prepare(x->db,
                                "INSERT INTO sample_followups(sample_id, action, ref_id, target, note, created_by, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                x->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    sh_bind_text(st, 2, action);
    sh_bind_int64_or_null(st, 3, ref);
    sh_bind_text(st, 4, target);
    sh_bind_text(st, 5, note);
    sh_bind_int64(st, 6, by.id);
    sh_bind_int64(st, 7, when);
    int64_t fid = 0;
    int rc = sh_stmt_insert_id(st, &fid, x->err);
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s?, s:s?}", "followup_id", (json_int_t)fid, "action", action, "target", target, "note", note);
        if (ref)
            json_object_set_new(after, "ref_id", json_integer(ref));
        rc = audit(x, when, by.id, by.name, "followup", "sample", id, after);
    }
    return rc;
}

static int insert_sample(ctx *x, const planned *p, const sample_row *s, const char *analytes, int64_t plan, int64_t item,
                         official creator, int64_t *ret_id)
{
    const candidate *c = &x->cands[p->cand];
    sh_stmt *st = sh_db_prepare(
        x->db,
        "INSERT INTO samples(code, plan_id, plan_item_id, entity_id, kind, method, food_category, analytes, status, product_name,"
        " brand, spec, batch_no, production_date, shelf_life_days, quantity, unit_price, declared_standard, producer_name,"
        " producer_address, producer_division, sample_qty, backup_qty, seal_no, business_signer, refusal_note, sampled_at,"
        " sampled_on, delivery_due, lab_id, delivered_on, received_on, report_due, reported_on, reported_at, verdict,"
        " notice_due, notice_sent_on, notice_received_on, retest_due, backup_keep_until, final_verdict, followup_due,"
        " followup_done_on, published_at, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, 'supervision', ?, ?, ?, ?, ?,"
        " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id",
        x->err);
    if (!st)
        return SH_EINTERNAL;
    int k = 1;
    int taken = s->sampled_at && strcmp(s->status, "refused");
    sh_bind_text(st, k++, s->code);
    sh_bind_int64_or_null(st, k++, plan);
    sh_bind_int64_or_null(st, k++, item);
    sh_bind_int64(st, k++, c->id);
    sh_bind_text(st, k++, p->rapid ? "rapid" : "lab");
    sh_bind_text(st, k++, foods[p->food].category);
    sh_bind_text(st, k++, analytes);
    sh_bind_text(st, k++, s->status);
    sh_bind_text(st, k++, taken ? s->product : NULL);
    sh_bind_text(st, k++, taken ? s->brand : NULL);
    sh_bind_text(st, k++, taken ? s->spec : NULL);
    sh_bind_text_or_null(st, k++, taken ? s->batch : NULL);
    sh_bind_text_or_null(st, k++, taken ? s->production : NULL);
    sh_bind_int64_or_null(st, k++, taken ? s->shelf : 0);
    sh_bind_text_or_null(st, k++, taken ? s->quantity : NULL);
    if (taken)
        sh_bind_double(st, k++, s->price);
    else
        sh_bind_null(st, k++);
    sh_bind_text(st, k++, taken ? s->standard : NULL);
    sh_bind_text_or_null(st, k++, taken ? s->producer : NULL);
    sh_bind_text_or_null(st, k++, taken ? s->producer_address : NULL);
    sh_bind_text_or_null(st, k++, taken ? s->producer_division : NULL);
    sh_bind_text(st, k++, taken ? s->sample_qty : NULL);
    sh_bind_text(st, k++, taken ? s->backup_qty : NULL);
    sh_bind_text_or_null(st, k++, taken ? s->seal : NULL);
    sh_bind_text_or_null(st, k++, taken ? s->signer : NULL);
    sh_bind_text(st, k++, s->refusal);
    sh_bind_int64_or_null(st, k++, s->sampled_at);
    sh_bind_text_or_null(st, k++, s->sampled_on);
    sh_bind_text_or_null(st, k++, s->delivery_due);
    sh_bind_int64_or_null(st, k++, s->lab);
    sh_bind_text_or_null(st, k++, s->delivered_on);
    sh_bind_text_or_null(st, k++, s->received_on);
    sh_bind_text_or_null(st, k++, s->report_due);
    sh_bind_text_or_null(st, k++, s->reported_on);
    sh_bind_int64_or_null(st, k++, s->reported_at);
    sh_bind_text_or_null(st, k++, s->verdict);
    sh_bind_text_or_null(st, k++, s->notice_due);
    sh_bind_text_or_null(st, k++, s->notice_sent_on);
    sh_bind_text_or_null(st, k++, s->notice_received_on);
    sh_bind_text_or_null(st, k++, s->retest_due);
    sh_bind_text_or_null(st, k++, s->keep_until);
    sh_bind_text_or_null(st, k++, s->final_verdict);
    sh_bind_text_or_null(st, k++, s->followup_due);
    sh_bind_text_or_null(st, k++, s->followup_done_on);
    sh_bind_int64_or_null(st, k++, s->published_at);
    sh_bind_int64(st, k++, creator.id);
    sh_bind_int64(st, k++, p->created_at);
    sh_bind_int64(st, k++, s->updated_at);
    return sh_stmt_insert_id(st, ret_id, x->err);
}

static int add_samplers(ctx *x, int64_t id, const planned *p)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < 2; i++) {
        sh_stmt *st = sh_db_prepare(x->db, "INSERT INTO sample_samplers(sample_id, user_id) VALUES (?, ?)", x->err);
        if (st) {
            sh_bind_int64(st, 1, id);
            sh_bind_int64(st, 2, x->samplers[i ? p->s2 : p->s1]);
        }
        rc = run(st, x->err);
    }
    return rc;
}

/* What followed a failure: the notice, a re-test, an objection, the food disposed of, the follow-up.
 * Each step only when its day has come (before today). */
typedef struct failure {
    int64_t reported, reported_at, sent, sent_at, noticed, requested, decided, retested, final_day, followed;
    int retest;      /* 0 none, else requested / accepted / refused / reported */
    int accept, overturned, all_microbial;
    int64_t retest_lab;
    uint64_t retest_seed;
    json_t *results2, *judged2;
} failure;

enum { RT_NONE, RT_REQUESTED, RT_ACCEPTED, RT_REFUSED, RT_REPORTED };

static void plan_failure(ctx *x, sh_rng *r, const planned *p, const char *fail_analyte, sample_row *s, failure *fl)
{
    int64_t R = fl->reported;
    set_day(s->notice_due, wd_add(x, R, SH_SAMPLE_NOTICE_WD));
    set_day(s->followup_due, followup_due(x, R));
    add_months(R, 6, s->keep_until);
    long u = sh_rng_below(r, 1000);
    int n = u < 200 ? 0 : u < 700 ? 1 : 2;
    int64_t sent = n ? wd_add(x, R, n) : R;
    int64_t sent_at = n ? office_time(r, sent) : fl->reported_at + (30 + sh_rng_below(r, 90)) * MIN_MS;
    if (sent_at >= x->cutoff)
        return;
    fl->sent = sent;
    fl->sent_at = sent_at;
    set_day(s->notice_sent_on, sent);
    int64_t noticed = sh_rng_permille(r, 600) ? sent : wd_add(x, sent, 1 + (int)sh_rng_below(r, 2));
    if (noticed >= x->today)
        return;
    fl->noticed = noticed;
    set_day(s->notice_received_on, noticed);
    int64_t retest_due = wd_add(x, noticed, SH_SAMPLE_RETEST_WD);
    set_day(s->retest_due, retest_due);
    if (p->rapid || !sh_rng_permille(r, 350)) { /* no re-test asked */
        return;
    }
    int64_t requested = wd_add(x, noticed, 1 + (int)sh_rng_below(r, 5));
    if (requested >= x->today)
        return;
    fl->requested = requested;
    fl->retest = RT_REQUESTED;
    int64_t decided = wd_add(x, requested, 2 + (int)sh_rng_below(r, 4));
    if (decided >= x->today)
        return;
    fl->decided = decided;
    /* microbial failures are not re-tested (SAMR Order 15 Art 35); most others are */
    fl->accept = !fl->all_microbial && sh_rng_permille(r, 850);
    if (!fl->accept) {
        fl->retest = RT_REFUSED;
        fl->final_day = decided;
        snprintf(s->final_verdict, sizeof s->final_verdict, "fail");
        return;
    }
    fl->retest = RT_ACCEPTED;
    /* the re-test lab: drawn among the active lab-test labs other than the first, as
     * sh_sample_retest_decide draws it from its recorded seed */
    fl->retest_seed = sh_rng_next(r) & 0x7fffffffffffffffULL;
    int64_t others[3];
    int nothers = 0;
    for (int i = 0; i < 3; i++)
        if (!x->labs[i].rapid && x->labs[i].id != s->lab)
            others[nothers++] = x->labs[i].id;
    uint64_t seed = fl->retest_seed;
    fl->retest_lab = nothers ? others[sh_splitmix64(&seed) % (uint64_t)nothers] : 0;
    int64_t retested = wd_add(x, decided, 5 + (int)sh_rng_below(r, 5));
    if (retested >= x->today)
        return;
    fl->retested = retested;
    fl->overturned = sh_rng_permille(r, 350);
    if (results_of(x, r, p->food, fail_analyte, fl->overturned ? R_NEAR : R_FAIL, &fl->results2, &fl->judged2) != 0) {
        if (!x->rc)
            x->rc = SH_EINTERNAL;
        return;
    }
    fl->retest = RT_REPORTED;
    fl->final_day = retested;
    snprintf(s->final_verdict, sizeof s->final_verdict, "%s", json_string_value(json_object_get(fl->judged2, "verdict")));
    if (!strcmp(s->final_verdict, "pass"))
        s->followup_due[0] = '\0';
}

static int write_retest(ctx *x, sh_rng *r, int64_t id, const sample_row *s, failure *fl, official by)
{
    char requested[11], decide_due[11], decided[11], report_due[11], reported[11];
    day_text(fl->requested, requested);
    day_text(wd_add(x, fl->requested, x->retest_days), decide_due);
    set_day(decided, fl->retest >= RT_ACCEPTED ? fl->decided : 0);
    set_day(report_due, fl->accept && fl->decided ? wd_add(x, fl->decided, SH_SAMPLE_RETEST_REPORT_WD) : 0);
    set_day(reported, fl->retest == RT_REPORTED ? fl->retested : 0);
    int refused = fl->retest == RT_REFUSED;
    const char *status = fl->retest == RT_REQUESTED ? "requested" : fl->retest == RT_ACCEPTED ? "accepted" : refused ? "refused" : "reported";
    const char *ground = refused ? (fl->all_microbial ? "microbial" : "no_purpose") : NULL;
    const char *note = refused ? (fl->all_microbial ? "不合格项目为微生物指标，依法不予复检" : "备份样品已超过保质期，复检无法实现目的") : NULL;
    sh_stmt *st = sh_db_prepare(x->db,
                                "INSERT INTO sample_retests(sample_id, requested_on, requested_at, requested_by, reason, late, status,"
                                " decide_due, decided_on, decided_by, refusal_ground, note, lab_id, seed, report_due, verdict, reported_on)"
                                " VALUES (?, ?, ?, NULL, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                x->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    sh_bind_text(st, 2, requested);
    sh_bind_int64(st, 3, office_time(r, fl->requested));
    sh_bind_text(st, 4, retest_reasons[sh_rng_below(r, N(retest_reasons))]);
    sh_bind_text(st, 5, status);
    sh_bind_text(st, 6, decide_due);
    sh_bind_text_or_null(st, 7, decided);
    sh_bind_int64_or_null(st, 8, fl->retest >= RT_ACCEPTED ? by.id : 0);
    sh_bind_text(st, 9, ground);
    sh_bind_text(st, 10, note);
    sh_bind_int64_or_null(st, 11, fl->retest_lab);
    sh_bind_int64_or_null(st, 12, fl->accept ? (int64_t)fl->retest_seed : 0);
    sh_bind_text_or_null(st, 13, report_due);
    sh_bind_text_or_null(st, 14, fl->retest == RT_REPORTED ? s->final_verdict : NULL);
    sh_bind_text_or_null(st, 15, reported);
    int rc = run(st, x->err);
    if (rc == 0 && fl->retest == RT_REPORTED)
        rc = store_results(x, id, 2, fl->retest_lab, fl->results2, fl->judged2, office_time(r, fl->retested));
    return rc;
}

static int write_objection(ctx *x, sh_rng *r, int64_t id, const failure *fl, official by)
{
    int64_t filed = wd_add(x, fl->noticed, 1 + (int)sh_rng_below(r, 4));
    if (filed >= x->today)
        return 0;
    int64_t decided = wd_add(x, filed, 3 + (int)sh_rng_below(r, 4));
    char filed_on[11], due[11], decided_on[11];
    day_text(filed, filed_on);
    day_text(wd_add(x, fl->noticed, SH_SAMPLE_OBJECTION_WD), due);
    set_day(decided_on, decided < x->today ? decided : 0);
    sh_stmt *st = sh_db_prepare(x->db,
                                "INSERT INTO sample_objections(sample_id, kind, filed_on, due, late, text, filed_by, status, answer,"
                                " decided_on, decided_by, created_at) VALUES (?, 'judgement', ?, ?, 0, ?, NULL, ?, ?, ?, ?, ?)",
                                x->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    sh_bind_text(st, 2, filed_on);
    sh_bind_text(st, 3, due);
    sh_bind_text(st, 4, "对检验结论有异议：样品在运输和保存过程中可能受到影响，检验结果不能代表该批次产品质量");
    sh_bind_text(st, 5, *decided_on ? "dismissed" : "open");
    sh_bind_text(st, 6, *decided_on ? "经核查，样品抽取、封存、运输和检验均符合规定，检验结论成立，异议不成立" : NULL);
    sh_bind_text_or_null(st, 7, decided_on);
    sh_bind_int64_or_null(st, 8, *decided_on ? by.id : 0);
    sh_bind_int64(st, 9, office_time(r, filed));
    return run(st, x->err);
}

/* Disposals and follow-ups, once the notice was served. */
static int write_aftermath(ctx *x, sh_rng *r, int64_t id, const planned *p, const sample_row *s, failure *fl, int outside_place,
                           official by)
{
    const candidate *c = &x->cands[p->cand];
    const pack *k = p->loose ? &foods[p->food].loose : &foods[p->food].packed;
    double stock = atof(s->quantity);
    double sealed = stock > 1 ? round(stock * between(r, 0.5, 1.0)) : 1;
    int maker = c->kind == K_PRODUCER || c->kind == K_WORKSHOP;
    int rc = write_disposal(x, id, "seal", sealed, k->unit, "对库存同批次产品就地封存", fl->sent, fl->sent_at, by, r);
    if (rc == 0 && !maker)
        rc = write_disposal(x, id, "stop_sale", sealed, k->unit, "已停止销售同批次产品", fl->sent, fl->sent_at, by, r);
    if (rc == 0 && maker) {
        int64_t day = wd_add(x, fl->sent, 1 + (int)sh_rng_below(r, 3));
        if (day < x->today)
            rc = write_disposal(x, id, "recall", (double)(20 + sh_rng_below(r, 180)), k->unit, "已通知下游经销商召回同批次产品", day, 0, by, r);
    }
    /* the fail stands: destroyed after the re-test confirmed it, or once the time to ask for one ran out */
    int64_t stands = fl->retest == RT_NONE && *s->retest_due ? sh_date_days(s->retest_due) : fl->final_day;
    if (rc == 0 && stands && !fl->overturned) {
        int64_t day = wd_add(x, stands, 2 + (int)sh_rng_below(r, 6));
        if (day < x->today)
            rc = write_disposal(x, id, "destroy", sealed, k->unit, "在执法人员监督下销毁", day, 0, by, r);
    }
    if (rc || fl->overturned || (fl->retest != RT_NONE && fl->retest != RT_REFUSED && fl->retest != RT_REPORTED))
        return rc; /* a re-test pending, or one that passed: no follow-up */
    int64_t start = fl->retest == RT_NONE ? wd_add(x, fl->sent, 1 + (int)sh_rng_below(r, 4)) : wd_add(x, fl->final_day, 1 + (int)sh_rng_below(r, 3));
    if (start >= x->today)
        return 0;
    fl->followed = start;
    int64_t order = 0, opened = 0;
    rc = write_order(x, r, id, c->id, maker, s->product, start, by, &order, &opened);
    if (rc == 0)
        rc = write_followup(x, r, id, "rectification", order, NULL, NULL, start, opened, by);
    if (rc == 0 && outside_place >= 0) {
        char target[96];
        snprintf(target, sizeof target, "%s市场监督管理局", outside[outside_place].place + 9);
        rc = write_followup(x, r, id, "cross_area", 0, target, "生产者在外地，已函请生产者所在地监管部门协查", start, opened + 20 * MIN_MS, by);
    }
    if (rc == 0 && sh_rng_permille(r, 250)) {
        int64_t day = wd_add(x, start, 2 + (int)sh_rng_below(r, 4));
        char target[96];
        snprintf(target, sizeof target, "%s市场监督管理局执法稽查大队", x->county_name);
        if (day < x->today)
            rc = write_followup(x, r, id, "case", 0, target, "涉嫌经营不符合食品安全标准的食品，移送立案调查", day, 0, by);
    }
    return rc;
}

static json_t *analytes_json(const ctx *x, int f)
{
    json_t *arr = json_array();
    for (int a = 0; a < x->nanalytes[f]; a++)
        json_array_append_new(arr, json_string(x->analytes[f][a]));
    return arr;
}

static int write_sample(ctx *x, const planned *p, int64_t *counts)
{
    const candidate *c = &x->cands[p->cand];
    sh_rng r;
    sh_rng_init(&r, x->seed, STREAM_SAMPLING_WRITE, (uint64_t)c->id);
    entity_info e;
    int rc = entity_of(x, c->id, &r, &e);
    if (rc)
        return rc;
    sample_row s;
    memset(&s, 0, sizeof s);
    snprintf(s.signer, sizeof s.signer, "%s", e.signer);
    int64_t given_day = sh_beijing_days(p->created_at);
    int year = year_of(given_day), slot = year == x->year ? 0 : year == x->year - 1 ? 1 : -1;
    long seq = slot >= 0 ? ++x->codes[slot] : 0;
    snprintf(s.code, sizeof s.code, "CY%04d-%.6s-%05ld", year, x->county_code, seq);
    snprintf(s.seal, sizeof s.seal, "FY%04d-%05ld", year, seq);
    int64_t plan = slot >= 0 && !p->rapid ? x->plans[slot] : 0;
    int64_t item = plan ? *item_slot(x, slot, p->food, c->town) : 0;
    official creator = official_of(x, p->creator);
    official county = official_of(x, -1);
    official local = official_of(x, sh_rng_permille(&r, 700) ? c->town : -1); /* who handles the failure */
    snprintf(s.status, sizeof s.status, "assigned");
    s.updated_at = p->created_at;
    int outside_place = -1;
    failure fl;
    memset(&fl, 0, sizeof fl);
    json_t *results = NULL, *judged = NULL;
    const char *fail_analyte = NULL;
    int64_t delivered_at = 0, received_at = 0;

    /* on site */
    if (p->sampled_day) {
        s.sampled_at = at(&r, p->sampled_day, 540 + sh_rng_below(&r, 450)); /* 9:00 - 16:30 */
        day_text(p->sampled_day, s.sampled_on);
        s.updated_at = s.sampled_at;
        if (!p->rapid && sh_rng_permille(&r, 15)) {
            snprintf(s.status, sizeof s.status, "refused");
            s.refusal = refusal_notes[sh_rng_below(&r, N(refusal_notes))];
        } else {
            snprintf(s.status, sizeof s.status, "sampled");
            if ((rc = producer_of(x, &r, p, &e, &s, &outside_place)) != 0)
                return rc;
            product_of(&r, p, c->kind != K_SELLER, p->sampled_day, &s);
            set_day(s.delivery_due, wd_add(x, p->sampled_day, SH_SAMPLE_DELIVERY_WD));
        }
    }
    /* custody: the rapid-test station tests within hours; a lab sample goes in a day or two */
    if (!strcmp(s.status, "sampled") && !p->stuck_delivery) {
        int64_t day;
        if (p->rapid) {
            s.lab = x->labs[2].id;
            day = p->sampled_day;
            delivered_at = s.sampled_at + (30 + sh_rng_below(&r, 60)) * MIN_MS;
        } else {
            s.lab = x->labs[sh_rng_permille(&r, 720) ? 0 : 1].id;
            long u = sh_rng_below(&r, 1000);
            int k = u < 550 ? 0 : u < 900 ? 1 : 2;
            day = k ? wd_add(x, p->sampled_day, k) : p->sampled_day;
            delivered_at = k ? at(&r, day, 540 + sh_rng_below(&r, 150)) : s.sampled_at + (60 + sh_rng_below(&r, 90)) * MIN_MS;
        }
        if (delivered_at < x->cutoff) {
            snprintf(s.status, sizeof s.status, "delivered");
            day_text(sh_beijing_days(delivered_at), s.delivered_on);
            s.updated_at = delivered_at;
        } else {
            s.lab = 0;
        }
    }
    if (!strcmp(s.status, "delivered")) {
        int next = !p->rapid && !sh_rng_permille(&r, 850);
        int64_t day = next ? wd_add(x, sh_date_days(s.delivered_on), 1) : sh_date_days(s.delivered_on);
        received_at = next ? at(&r, day, 570 + sh_rng_below(&r, 60)) : delivered_at + (5 + sh_rng_below(&r, 25)) * MIN_MS;
        if (received_at < x->cutoff) {
            snprintf(s.status, sizeof s.status, "received");
            day_text(sh_beijing_days(received_at), s.received_on);
            set_day(s.report_due, wd_add(x, sh_beijing_days(received_at), SH_SAMPLE_REPORT_WD));
            s.updated_at = received_at;
        }
    }
    /* the report: mostly within the 20 working days, a few late; a few still missing long after */
    if (!strcmp(s.status, "received") && !p->stuck_report) {
        int64_t rec = sh_date_days(s.received_on), when;
        if (p->rapid) {
            when = received_at + (40 + sh_rng_below(&r, 80)) * MIN_MS;
        } else {
            int n = sh_rng_permille(&r, 940) ? 5 + (int)sh_rng_below(&r, 11) : 21 + (int)sh_rng_below(&r, 5);
            when = at(&r, wd_add(x, rec, n), 600 + sh_rng_below(&r, 420));
        }
        if (when < x->cutoff) {
            const char *intended = NULL;
            if (p->fail) {
                const char *want = foods[p->food].fails[sh_rng_below(&r, 2)];
                for (int a = 0; a < x->nanalytes[p->food] && !intended; a++)
                    if (!strcmp(x->analytes[p->food][a], want))
                        intended = x->analytes[p->food][a];
                if (!intended)
                    intended = x->analytes[p->food][0];
            }
            if ((rc = results_of(x, &r, p->food, intended, R_FAIL, &results, &judged)) != 0)
                return rc;
            snprintf(s.status, sizeof s.status, "reported");
            s.reported_at = when;
            fl.reported = sh_beijing_days(when);
            fl.reported_at = when;
            day_text(fl.reported, s.reported_on);
            snprintf(s.verdict, sizeof s.verdict, "%s", json_string_value(json_object_get(judged, "verdict")));
            s.updated_at = when;
        }
    }
    int fail = !strcmp(s.verdict, "fail");
    if (*s.verdict && !fail) {
        snprintf(s.final_verdict, sizeof s.final_verdict, "pass");
        add_months(fl.reported, 3, s.keep_until);
        int64_t pub = at(&r, fl.reported + 5 + sh_rng_below(&r, 15), 600 + sh_rng_below(&r, 300));
        s.published_at = pub < x->cutoff ? pub : 0;
    }
    if (fail) {
        fail_analyte = failing(judged, &fl.all_microbial);
        plan_failure(x, &r, p, fail_analyte, &s, &fl);
        int64_t stands = fl.final_day ? fl.final_day : fl.retest == RT_NONE && *s.retest_due ? sh_date_days(s.retest_due) : 0;
        if (stands) {
            int64_t pub = at(&r, stands + 3 + sh_rng_below(&r, 8), 600 + sh_rng_below(&r, 300));
            s.published_at = pub < x->cutoff ? pub : 0;
        }
        int64_t last = later(later(fl.sent, fl.noticed), later(later(fl.requested, fl.decided), fl.retested));
        if (last)
            s.updated_at = later(s.updated_at, sh_beijing_day_start_ms(last) + 17 * HOUR_MS);
    }
    rc = x->rc;

    /* the rows */
    int64_t id = 0;
    if (rc == 0) {
        json_t *arr = analytes_json(x, p->food);
        char *analytes = json_dumps(arr, JSON_COMPACT);
        json_decref(arr);
        rc = insert_sample(x, p, &s, analytes, plan, item, creator, &id);
        free(analytes);
    }
    if (rc == 0)
        rc = add_samplers(x, id, p);
    if (rc == 0)
        rc = audit(x, p->created_at, creator.id, creator.name, "assign", "sample", id,
                   json_pack("{s:s, s:I, s:s, s:s}", "code", s.code, "entity_id", (json_int_t)c->id, "kind", "supervision",
                             "food_category", foods[p->food].category));
    if (rc == 0 && s.sampled_at) {
        int refused = !strcmp(s.status, "refused");
        json_t *after = refused ? json_pack("{s:s, s:s}", "status", "refused", "refusal_note", s.refusal)
                                : json_pack("{s:s, s:s?, s:s, s:s}", "status", "sampled", "product_name", s.product, "seal_no", s.seal,
                                            "delivery_due", s.delivery_due);
        rc = audit(x, s.sampled_at, x->samplers[p->s1], x->sampler_names[p->s1], refused ? "refused" : "sampled", "sample", id, after);
    }
    if (rc == 0 && *s.delivered_on)
        rc = audit(x, delivered_at, x->samplers[p->s1], x->sampler_names[p->s1], "delivered", "sample", id,
                   json_pack("{s:s, s:I, s:s}", "status", "delivered", "lab_id", (json_int_t)s.lab, "delivered_on", s.delivered_on));
    if (rc == 0 && *s.received_on)
        rc = audit(x, received_at, county.id, county.name, "received", "sample", id,
                   json_pack("{s:s, s:s, s:s}", "status", "received", "received_on", s.received_on, "report_due", s.report_due));
    if (rc == 0 && judged) {
        rc = store_results(x, id, 1, s.lab, results, judged, s.reported_at);
        if (rc == 0)
            rc = audit(x, s.reported_at, county.id, county.name, "reported", "sample", id,
                       json_pack("{s:s, s:s, s:O}", "status", "reported", "verdict", s.verdict, "items", json_object_get(judged, "items")));
    }
    if (rc == 0 && fl.sent)
        rc = audit(x, fl.sent_at, local.id, local.name, "notice_sent", "sample", id,
                   json_pack("{s:s, s:s?, s:s?}", "notice_sent_on", s.notice_sent_on, "notice_received_on",
                             *s.notice_received_on ? s.notice_received_on : NULL, "retest_due", *s.retest_due ? s.retest_due : NULL));
    if (rc == 0 && fl.retest)
        rc = write_retest(x, &r, id, &s, &fl, local);
    if (rc == 0 && fl.noticed && sh_rng_permille(&r, 120))
        rc = write_objection(x, &r, id, &fl, local);
    if (rc == 0 && fl.sent)
        rc = write_aftermath(x, &r, id, p, &s, &fl, outside_place, local);
    if (rc == 0 && fl.followed) { /* the first follow-up marks the day it was done */
        char on[11];
        day_text(fl.followed, on);
        int64_t when = sh_beijing_day_start_ms(fl.followed) + 17 * HOUR_MS;
        sh_stmt *st = sh_db_prepare(x->db,
                                    "UPDATE samples SET followup_done_on = ?,"
                                    " updated_at = CASE WHEN updated_at < ? THEN ? ELSE updated_at END WHERE id = ?",
                                    x->err);
        if (st) {
            sh_bind_text(st, 1, on);
            sh_bind_int64(st, 2, when);
            sh_bind_int64(st, 3, when);
            sh_bind_int64(st, 4, id);
        }
        rc = run(st, x->err);
    }
    if (rc == 0 && s.published_at)
        rc = audit(x, s.published_at, county.id, county.name, "published", "sample", id, NULL);
    if (rc == 0)
        counts[0]++;
    json_decref(results);
    json_decref(judged);
    json_decref(fl.results2);
    json_decref(fl.judged2);
    return rc ? rc : x->rc;
}

/* ---- the whole ---- */

/* At least `want` of the samples old enough get the flag (the first ones by business), so that every
 * county shows such a step overdue. */
static void at_least(ctx *x, planned *p, long n, int want, int report)
{
    int have = 0;
    for (long i = 0; i < n; i++)
        have += report ? p[i].stuck_report : p[i].stuck_delivery;
    for (long i = 0; i < n && have < want; i++) {
        long age = p[i].sampled_day ? x->today - p[i].sampled_day : -1;
        if (p[i].rapid || p[i].stuck_report || p[i].stuck_delivery)
            continue;
        if (report && age >= 45)
            p[i].stuck_report = 1, have++;
        else if (!report && age >= 12 && age <= 40)
            p[i].stuck_delivery = 1, have++;
    }
}

int sh_demo_sampling(sh_db *db, uint64_t seed, long *ret_samples, sh_err *err)
{
    ctx *x = sh_xcalloc(1, sizeof *x);
    x->db = db;
    x->err = err;
    x->seed = seed;
    x->today = sh_beijing_days(sh_now_ms());
    x->cutoff = sh_beijing_day_start_ms(x->today);
    x->year = year_of(x->today);
    x->wd_base = x->today - 500;
    x->wd = sh_xcalloc((size_t)WD_SPAN * (WD_MAXN + 1), sizeof *x->wd);
    x->retest_days = sh_setting_int(db, "sampling_retest_decide_days", 7);
    x->rectify_days = sh_setting_int(db, "rectify_days_key", 5);
    planned *plan = NULL;
    char *taken = NULL;
    long n = 0;
    double ppm = 0, odds = 0;
    int64_t written = 0, businesses = 0, population = 0;
    int rc = load_county(x);
    if (rc || !*x->county_code || !x->county_id)
        goto out;
    load_foods(x);
    if ((rc = write_labs(x)) != 0 || (rc = load_candidates(x)) != 0)
        goto out;
    if ((rc = sh_db_query_int64(db, "SELECT count(*) FROM entities", 0, &businesses, err)) != 0 || businesses == 0)
        goto out;
    x->items = sh_xcalloc((size_t)2 * NFOOD * (size_t)(x->ntowns ? x->ntowns : 1), sizeof *x->items);
    population = businesses * RESIDENTS_PER_BUSINESS;
    /* last year's plan too when the history reaches back into it */
    if (year_of(x->today - HISTORY_DAYS - 10) < x->year && (rc = write_plan(x, 1, x->year - 1, population)) != 0)
        goto out;
    if ((rc = write_plan(x, 0, x->year, population)) != 0)
        goto out;
    if (x->nsamplers < 2 || x->ncands == 0)
        goto out;

    /* about one business in 12, among those that offer a food sampled, by the odds of their kind */
    for (long i = 0; i < x->ncands; i++)
        odds += kind_odds[x->cands[i].kind];
    ppm = (double)businesses * 1e6 / 12.0 / odds;
    plan = sh_xcalloc((size_t)x->ncands + TODAY_TASKS, sizeof *plan);
    taken = sh_xcalloc((size_t)x->ncands, 1);
    for (long i = 0; i < x->ncands; i++)
        if (plan_one(x, i, ppm, &plan[n]))
            taken[i] = 1, n++;
    at_least(x, plan, n, 2, 1);
    at_least(x, plan, n, 1, 0);
    n += plan_today(x, taken, plan + n);
    if ((rc = x->rc) != 0)
        goto out;
    qsort(plan, (size_t)n, sizeof *plan, by_time);
    /* the codes of each year continue from those already given in it */
    for (int k = 0; k < 2; k++) {
        char like[40];
        snprintf(like, sizeof like, "CY%04d-%.6s-%%", x->year - k, x->county_code);
        sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM samples WHERE code LIKE ?", err);
        if (!st) {
            rc = SH_EINTERNAL;
            goto out;
        }
        sh_bind_text(st, 1, like);
        if ((rc = sh_stmt_step(st, err)) == SH_ROW)
            x->codes[k] = sh_col_int64(st, 0);
        sh_stmt_done(st);
        if (rc < 0)
            goto out;
        rc = 0;
    }
    for (long i = 0; rc == 0 && i < n; i++)
        rc = write_sample(x, &plan[i], &written);
out:
    if (rc == 0 && ret_samples)
        *ret_samples = (long)written;
    free(plan);
    free(taken);
    for (int f = 0; f < NFOOD; f++)
        free(x->makers[f]);
    free(x->cands);
    free(x->items);
    free(x->wd);
    free(x);
    return rc;
}
