#include "domain/risk/credit.h"

#include "core/timeutil.h"
#include "domain/risk/factor.h"

/* Listings in force now: listed, not ended, not removed (SAMR Order 44 (2021), 《市场监督管理严重违法
 * 失信名单管理办法》: listed for 3 years, early removal possible). Not limited to the two-year window. */
static int count_listings(sh_db *db, int64_t entity_id, int64_t since_ms, int64_t *ret_n, sh_err *err)
{
    (void)since_ms;
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT count(*) FROM credit_listings WHERE entity_id = ?1 AND list_kind = 'serious_dishonesty'"
                                " AND listed_at <= ?2 AND (ends_at IS NULL OR ends_at > ?2) AND removed_at IS NULL",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    sh_bind_int64(st, 2, sh_now_ms());
    int rc = sh_stmt_step(st, err);
    *ret_n = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* DOMAIN.md "Risk grading": "A serious-dishonesty listing moves a business straight to D (configurable)". */
static const sh_risk_factor credit_listing = {
    .factor = "credit_listing", .label_zh = "列入严重违法失信名单", .setting = "risk_credit_listing", .default_points = 0,
    .rank = 90, .count = count_listings, .grade_d_setting = "risk_dishonesty_grade_d"};

int sh_risk_credit_register(void)
{
    return sh_risk_factor_register(&credit_listing);
}
