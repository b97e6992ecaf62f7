/* Whether a published penalty may be repaired (case_int.h cs_repair_check; 国市监信规〔2021〕3号). */
#include "domain/enforcement/case_int.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"

#define REPAIR_FOOD_MONTHS 12 /* food: one year from publication (other fields: six months) */

static int count(sh_db *db, const char *sql, int64_t id, const char *text, int64_t at, int64_t *n, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    if (text)
        sh_bind_text(st, 2, text);
    else
        sh_bind_int64(st, 2, at);
    int rc = sh_stmt_step(st, err);
    *n = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int cs_repair_check(sh_db *db, const cs_row *r, const char *today, int harm_removed, sh_err *err)
{
    if (!r->published_on[0] || r->withdrawn_on[0])
        return sh_fail(err, SH_EINVAL, "action", "只有公示中的行政处罚信息可以申请信用修复 (only a published penalty is repaired)");
    if (strstr(r->penalty, "suspension") || strstr(r->penalty, "revocation"))
        return sh_fail(err, SH_EINVAL, "action", "责令停产停业、吊销许可证件的行政处罚信息不予修复 (suspensions and revocations are not repaired)");
    char from[11];
    sh_date_add_months(r->published_on, REPAIR_FOOD_MONTHS, from);
    if (strcmp(today, from) < 0)
        return sh_fail(err, SH_EINVAL, "action", "食品领域的处罚信息公示满一年方可修复，%s起可以申请 (repairable from %s)", from, from);
    int performed = !strcmp(r->status, "paid") || !strcmp(r->status, "closed") || (!strcmp(r->status, "served") && r->fine_yuan <= 0);
    if (!performed)
        return sh_fail(err, SH_EINVAL, "action", "行政处罚决定尚未履行完毕 (the penalty has not been performed)");
    if (!harm_removed)
        return sh_fail(err, SH_EINVAL, "harm_removed", "须确认违法行为的危害后果已经消除 (the harm must be removed)");
    int64_t n = 0;
    int rc = 0;
    if (r->entity_id) {
        rc = count(db, "SELECT count(*) FROM cases WHERE entity_id = ? AND outcome = 'penalty' AND decided_on > ?", r->entity_id,
                   r->decided_on, 0, &n, err);
        if (rc == 0 && n > 0)
            return sh_fail(err, SH_EINVAL, "action", "当事人此后又受到行政处罚，不予修复 (penalised again since)");
        if (rc == 0)
            rc = count(db,
                       "SELECT count(*) FROM credit_listings WHERE entity_id = ? AND list_kind = 'serious_dishonesty'"
                       " AND removed_at IS NULL AND (ends_at IS NULL OR ends_at > ?)",
                       r->entity_id, NULL, sh_now_ms(), &n, err);
        if (rc == 0 && n > 0)
            return sh_fail(err, SH_EINVAL, "action", "当事人在严重违法失信名单期间，不予修复 (on the serious-dishonesty list)");
        if (rc == 0)
            rc = count(db, "SELECT count(*) FROM abnormal_listings WHERE entity_id = ? AND removed_on IS NULL AND listed_on <= ?", r->entity_id,
                       today, 0, &n, err);
        if (rc == 0 && n > 0)
            return sh_fail(err, SH_EINVAL, "action", "当事人在经营异常名录中，移出后方可修复 (on the abnormal-operations list)");
    }
    return rc;
}
