/* Word lists and tables of the demo county (demo.c): place names, people, and per kind of business
 * the trades, product lines and licence categories that go together. Data only. */
#ifndef SH_DEMO_NAMES_H
#define SH_DEMO_NAMES_H

#include <stddef.h>

#define DEMO_LIST(name) extern const char *const name[]; extern const size_t name##_n

/* places */
DEMO_LIST(demo_place_first);     /* first syllable of a township or village name: 青, 梅 ... */
DEMO_LIST(demo_place_second);    /* second syllable: 林, 坑, 田 ... */
DEMO_LIST(demo_street_names);    /* 街道 of the county seat: 城关, 城东 ... */
DEMO_LIST(demo_community_names); /* 社区 names: 新民, 建设 ... */
DEMO_LIST(demo_roads);           /* roads of a market town or street */
DEMO_LIST(demo_village_groups);  /* 村民小组 of a village: 上屋, 下屋 ... */

/* people */
DEMO_LIST(demo_surnames);        /* weighted by repetition, common in southern Jiangxi */
DEMO_LIST(demo_given);           /* given names */
DEMO_LIST(demo_mobile_prefixes); /* 3-digit mobile prefixes */

/* businesses */
DEMO_LIST(demo_brands);          /* trade names (字号): 鑫源, 恒丰 ... */
DEMO_LIST(demo_brand_syllables); /* more trade names are made of two of these */
DEMO_LIST(demo_owners);          /* diner names: 老李, 王记 ... */
DEMO_LIST(demo_kinder_brands);   /* private kindergartens: 小太阳 ... */
DEMO_LIST(demo_county_schools);  /* schools of the county seat, after the county name */
DEMO_LIST(demo_county_units);    /* county institutions with a canteen */
DEMO_LIST(demo_town_units);      /* township institutions with a canteen, after the township name */
DEMO_LIST(demo_company_trades);  /* companies with a staff canteen: 电子, 纺织 ... */
DEMO_LIST(demo_kitchen_trades);  /* central kitchens: 中央厨房, 团餐配送 ... */
DEMO_LIST(demo_reason_suspended);
DEMO_LIST(demo_reason_revoked);
DEMO_LIST(demo_reason_closed);

/* A trade with the categories (JSON array text) its licence covers. */
typedef struct demo_trade {
    const char *name;
    const char *categories;
    int weight;
    int flag; /* caterers: 1 a large restaurant; sellers: 1 prepackaged only, may file instead of a licence */
} demo_trade;

extern const demo_trade demo_caterer_trades[];
extern const size_t demo_caterer_trades_n;
extern const demo_trade demo_seller_trades[];
extern const size_t demo_seller_trades_n;
extern const demo_trade demo_workshop_trades[];
extern const size_t demo_workshop_trades_n;
extern const demo_trade demo_stall_trades[];
extern const size_t demo_stall_trades_n;

/* A food production licence category (SC 101-132) with the words a producer of it is named by. */
typedef struct demo_sc_category {
    int code;
    const char *categories; /* JSON array text */
    const char *words[3];   /* company name words: 米业, 粮油 ... (NULL-padded) */
    int weight;
} demo_sc_category;

extern const demo_sc_category demo_sc_categories[];
extern const size_t demo_sc_categories_n;

#endif
