/* Penalties made public (issue 13 "Credit"; 市场监督管理行政处罚信息公示规定): how long one is shown, and
 * the public list (case.h sh_penalties_public). */
#include "domain/enforcement/case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/enforcement/case_int.h"
#include "store/qb.h"
#include "store/rows.h"

int cs_publish_until(sh_db *db, const char *penalty_json, int64_t fine, const char *from, char out[11])
{
    /* a warning alone, or a fine below the provincial threshold with nothing heavier: 3 months */
    int small = penalty_json && !strstr(penalty_json, "confiscation") && !strstr(penalty_json, "suspension") &&
                !strstr(penalty_json, "revocation") && fine < sh_setting_int(db, "credit_small_fine", 10000);
    sh_date_add_months(from, small ? 3 : 36, out);
    return small;
}

static json_t *public_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    const char *kind = sh_col_text(st, 2), *name = sh_col_text(st, 1);
    char shown[160];
    /* a person's name is not published in full: the first character (the surname, mostly) and ** */
    if (!strcmp(kind, "individual") && *name) {
        int first = 1;
        while (name[first] && ((unsigned char)name[first] & 0xC0) == 0x80)
            first++;
        snprintf(shown, sizeof shown, "%.*s**", first, name);
    } else
        snprintf(shown, sizeof shown, "%s", name);
    json_t *penalty = json_loads(sh_col_text(st, 4), 0, NULL);
    return json_pack("{s:s, s:s, s:s?, s:o, s:o, s:s, s:s, s:s}", "case_no", sh_col_text(st, 0), "party_name", shown, "party_code",
                     !strcmp(kind, "organisation") && !sh_col_is_null(st, 3) ? sh_col_text(st, 3) : NULL, "penalty",
                     penalty ? penalty : json_array(), "fine_yuan", sh_col_is_null(st, 5) ? json_null() : json_integer(sh_col_int64(st, 5)),
                     "decided_on", sh_col_text(st, 6), "published_on", sh_col_text(st, 7), "publish_until", sh_col_text(st, 8));
}

int sh_penalties_public(sh_db *db, const char *q, int limit, int64_t offset, json_t **ret, sh_err *err)
{
    if (limit < 1 || limit > 100)
        return sh_fail(err, SH_EINVAL, "limit", "应为1-100 (limit must be 1-100)");
    if (q && strlen(q) > 100)
        return sh_fail(err, SH_EINVAL, "q", "关键词：最多100个字节 (q is too long)");
    char today[11];
    sh_today(today);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT coalesce(case_no, ''), party_name, party_kind, party_code, coalesce(penalty, '[]'), fine_yuan, decided_on,"
                   " published_on, publish_until FROM cases WHERE published_on IS NOT NULL AND withdrawn_on IS NULL AND repaired_on IS NULL"
                   " AND publish_until >= ");
    sh_qb_text(&qb, today);
    if (q) {
        sh_qb_sql(&qb, " AND party_name = ");
        sh_qb_text(&qb, q);
    }
    sh_qb_sql(&qb, " ORDER BY published_on DESC, id DESC LIMIT ");
    sh_qb_int64(&qb, limit);
    sh_qb_sql(&qb, " OFFSET ");
    sh_qb_int64(&qb, offset);
    json_t *items = json_array();
    int rc = sh_rows_append(sh_qb_prepare(db, &qb, err), public_row, NULL, items, err);
    sh_qb_release(&qb);
    if (rc) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o}", "items", items);
    return 0;
}
