/* Serious-dishonesty listing from a case (case_int.h; 市场监督管理严重违法失信名单管理办法, SAMR Order 44):
 * the listing is a row of credit_listings (db/024), which the risk grade reads (a listing in force
 * grades D). */
#include "domain/enforcement/case_int.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"

#define LIST_YEARS 3
#define LIST_MIN_DAYS 365 /* removal from a year listed on (Art 18) */

int cs_listing_check(sh_db *db, const cs_row *r, sh_err *err)
{
    if (strcmp(r->outcome, "penalty") || !r->entity_id)
        return sh_fail(err, SH_EINVAL, "action", "只有对在档经营者作出且未被撤销的处罚可以列入严重违法失信名单 (a standing penalty on a business)");
    sh_stmt *st = sh_db_prepare(db, "SELECT listable FROM discretion_rules WHERE code = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, r->violation_code);
    int rc = sh_stmt_step(st, err), listable = rc == SH_ROW && sh_col_int64(st, 0);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!listable)
        return sh_fail(err, SH_EINVAL, "action", "该违法行为不属于严重违法失信名单的列入情形 (the violation is not one that lists)");
    int heavier = !strcmp(r->circumstance, "heavy") || strstr(r->penalty, "suspension") || strstr(r->penalty, "revocation");
    if (!heavier)
        return sh_fail(err, SH_EINVAL, "action", "列入严重违法失信名单须为较重行政处罚（从重处罚、责令停产停业或吊销许可证件） (a heavier penalty only)");
    return 0;
}

int cs_listing_add(sh_db *db, const cs_row *r, const char *today, const char *reason, int64_t *ret_id, sh_err *err)
{
    char until[11];
    sh_date_add_months(today, LIST_YEARS * 12, until);
    int64_t now = sh_now_ms();
    char text[2100];
    snprintf(text, sizeof text, "%s", reason && *reason ? reason : "严重违法失信");
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO credit_listings(entity_id, list_kind, reason, decision_no, listed_at, ends_at, created_at)"
                                " SELECT entity_id, 'serious_dishonesty', ?, case_no, ?, ?, ? FROM cases WHERE id = ? RETURNING id",
                                err);
    if (st) {
        sh_bind_text(st, 1, text);
        sh_bind_int64(st, 2, now);
        sh_bind_int64(st, 3, sh_beijing_day_start_ms(sh_date_days(until)));
        sh_bind_int64(st, 4, now);
        sh_bind_int64(st, 5, r->id);
    }
    return sh_stmt_insert_id(st, ret_id, err);
}

int cs_listing_remove(sh_db *db, const cs_row *r, sh_err *err)
{
    int performed = !strcmp(r->status, "paid") || !strcmp(r->status, "closed") || (!strcmp(r->status, "served") && r->fine_yuan <= 0);
    if (!performed)
        return sh_fail(err, SH_EINVAL, "action", "行政处罚决定尚未履行完毕，不能提前移出 (the penalty has not been performed)");
    int64_t now = sh_now_ms();
    sh_stmt *st = sh_db_prepare(db,
                                "UPDATE credit_listings SET removed_at = ? WHERE id = ? AND removed_at IS NULL AND listed_at <= ?"
                                " RETURNING id",
                                err);
    if (st) {
        sh_bind_int64(st, 1, now);
        sh_bind_int64(st, 2, r->listing_id);
        sh_bind_int64(st, 3, now - (int64_t)LIST_MIN_DAYS * 86400000);
    }
    int64_t id = 0;
    int rc = sh_stmt_insert_id(st, &id, err);
    if (rc == 0 && !id)
        rc = sh_fail(err, SH_EINVAL, "action", "列入满一年方可申请提前移出，或已移出 (removable from a year listed on)");
    return rc;
}
