/* The public portal's shop record (issue 14): what a resident sees of a business after scanning the
 * code at its door or searching, without signing in. Only what the law has made public or the
 * business chose to show: name, kind, address, licence and its validity, the face of the latest
 * inspection (食品安全监督检查结果: 符合 笑脸, 基本符合 平脸, 不符合 哭脸, as 《食品生产经营监督检查管理办法》
 * (2021, 国家市场监督管理总局令第49号) has businesses post the result record at their door; the faces are
 * how the 阳光餐饮 boards show it), the latest inspections,
 * rectification orders closed and open, published sampling results, whether a kitchen picture is
 * shown, and residents' ratings. Never a person: the legal representative, the food safety
 * director and officer, their phones, the credit code's holder, inspectors or users are not read.
 * The risk grade A–D is not shown: it is the bureau's tool for how often to inspect (《食品生产经营
 * 风险分级管理办法（试行）》, 食药监食监一〔2016〕115号: grades set inspection frequency), mostly the static tier of what a business does
 * (a school canteen or an infant-formula seller ranks high for being one), so it would read as a
 * verdict it is not. */
#ifndef SH_PORTAL_SHOP_H
#define SH_PORTAL_SHOP_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

typedef struct sh_shop_query {
    const char *q;        /* part of the name or the address (NULL or "": every shop), at most 50 characters */
    const char *division; /* a county (6 digits) or township (12) code the platform holds, or NULL */
    int limit;            /* 1-50 */
    int64_t offset;
} sh_shop_query;

/* Businesses in operation (status active) matching q, by name: {items: [{id, name, kind, kind_label,
 * address, township, face}], total}. SH_EINVAL naming q, division, limit or offset. */
int sh_shops_search(sh_db *db, const sh_shop_query *f, json_t **ret, sh_err *err);

/* The county and its townships (the places a resident searches or proposes in): {items: [{code, name,
 * level}]}, the county first. */
int sh_shop_divisions(sh_db *db, json_t **ret, sh_err *err);

/* Whether a shop page exists for id: a business of the registry that is not closed (注销). 0 or
 * SH_ENOTFOUND. */
int sh_shop_exists(sh_db *db, int64_t id, sh_err *err);

/* The shop page of id (not closed), page_url the address its code opens (may be NULL):
 * {id, name, kind, kind_label, status, status_label, address, township, licence {kind, kind_label,
 * number, valid_until, state: valid|expiring|expired|none}, face {face: good|fair|poor, result, date}
 * or null, inspections [{date, kind, result}] (5), rectifications {closed, open}, samples [...] (5,
 * as the public announcement shows them), camera_allowed, camera, rating {average, count},
 * page_url}. */
int sh_shop_page(sh_db *db, int64_t id, const char *page_url, json_t **ret, sh_err *err);

/* Days before a licence's end at which the page warns that it is about to expire. */
#define SH_SHOP_LICENCE_WARN_DAYS 30

#endif
