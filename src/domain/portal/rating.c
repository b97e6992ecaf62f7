/* Residents' ratings of a shop (rating.h). */
#include "domain/portal/rating.h"

#include <math.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/calendar.h"
#include "domain/identity/secret.h"
#include "domain/portal/shop.h"

int sh_shop_rating(sh_db *db, int64_t entity_id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*), coalesce(sum(score), 0) FROM shop_ratings WHERE entity_id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    int rc = sh_stmt_step(st, err);
    int64_t count = rc == SH_ROW ? sh_col_int64(st, 0) : 0, sum = rc == SH_ROW ? sh_col_int64(st, 1) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    *ret = json_pack("{s:o, s:I}", "average", count ? json_real(round(10.0 * (double)sum / (double)count) / 10.0) : json_null(), "count",
                     (json_int_t)count);
    return 0;
}

int sh_shop_rate(sh_db *db, int64_t entity_id, const char *address, json_t *body, json_t **ret, sh_err *err)
{
    json_t *score = json_object_get(body, "score");
    if (!json_is_integer(score) || json_integer_value(score) < 1 || json_integer_value(score) > 5)
        return sh_fail(err, SH_EINVAL, "score", "评分：应为1到5的整数 (score must be an integer from 1 to 5)");
    char rater[65], day[11];
    int rc = sh_secret_keyed_hash("shop-rating", address ? address : "", address ? strlen(address) : 0, rater, err);
    if (rc || (rc = sh_db_begin(db, err)) != 0)
        return rc;
    rc = sh_shop_exists(db, entity_id, err);
    sh_today(day);
    int64_t inserted = 0;
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO shop_ratings(entity_id, rater, day, score, created_at) VALUES (?, ?, ?, ?, ?)"
                                    " ON CONFLICT (entity_id, rater, day) DO NOTHING RETURNING entity_id",
                                    err);
        if (st) {
            sh_bind_int64(st, 1, entity_id);
            sh_bind_text(st, 2, rater);
            sh_bind_text(st, 3, day);
            sh_bind_int64(st, 4, json_integer_value(score));
            sh_bind_int64(st, 5, sh_now_ms());
        }
        rc = sh_stmt_insert_id(st, &inserted, err);
        if (rc == 0 && !inserted)
            rc = sh_fail(err, SH_EEXIST, "score", "您今天已评价过该商户，每天只能评价一次 (you have rated this shop today: once a day)");
    }
    if (rc == 0) {
        sh_principal pub;
        sh_principal_public(&pub);
        json_t *after = json_pack("{s:I}", "score", (json_int_t)json_integer_value(score));
        rc = sh_audit(db, &pub, "rate", "shop_rating", entity_id, NULL, after, err); /* not the registry's history */
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_shop_rating(db, entity_id, ret, err);
}
