/* The dynamic risk factors, contributed by the areas that know them (supervision: inspection
 * findings; loop: overdue rectification; video: confirmed hazards; later sampling, complaints,
 * credit ...) through one interface, so that a new factor needs no edit here. Each counts what
 * happened to a business in the last two years; risk/ turns the count into points (count × the
 * factor's setting, the sum capped at 60) and a reason {factor, points, detail}. */
#ifndef SH_RISK_FACTOR_H
#define SH_RISK_FACTOR_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

typedef struct sh_risk_factor {
    const char *factor;   /* the reason's key, e.g. "key_item_failed" */
    const char *label_zh; /* what is counted, for the reason's detail: 近两年<label><n>次 */
    const char *setting;  /* points per occurrence (table settings) ... */
    int default_points;   /* ... when that setting is absent */
    int rank;             /* the order of the reasons and of the 60-point cap, lowest first */
    /* When not NULL: a count above 0 grades the business D whatever its score, unless this setting
     * (default 1) is 0 (e.g. a serious-dishonesty listing, DOMAIN.md "Risk grading"). */
    const char *grade_d_setting;
    /* How many times it happened to the business at or after since_ms (epoch ms). */
    int (*count)(sh_db *db, int64_t entity_id, int64_t since_ms, int64_t *ret_n, sh_err *err);
} sh_risk_factor;

/* Registers (or replaces, by factor) a factor; `f` must outlive the process (static). Called from
 * sh_domain_init before threads start; -1 when the table is full. */
int sh_risk_factor_register(const sh_risk_factor *f);

/* The registered factors in rank order; *ret_n how many. */
const sh_risk_factor *const *sh_risk_factors(int *ret_n);

/* For the usual count function: runs sql (a count binding ?1 the business, ?2 since_ms). */
int sh_risk_count_sql(sh_db *db, const char *sql, int64_t entity_id, int64_t since_ms, int64_t *ret_n, sh_err *err);

#endif
