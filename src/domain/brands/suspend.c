/* Suspension by the mark's rules (brands.h; db/068), as the system inside the transaction that made a
 * sample's failure final or decided a penalty:
 * - a sample: any final failure of the business (not risk monitoring) reported on or after the
 *   authorisation was granted suspends each active authorisation whose mark has suspend_on_sample,
 *   once per sample: after the county reinstates it, the same sample does not suspend it again;
 * - a case: a penalty decided against the business suspends each active authorisation whose mark has
 *   suspend_on_case, once per case.
 * Any product, not only the authorised one: a mark vouches for its user, and a sample's food category
 * seldom names the branded product (the county reinstates where the failure is unrelated). */
#include "domain/brands/brands.h"

#include <stdio.h>

#include "domain/base/principal.h"

typedef struct hit {
    int64_t auth_id, source_id;
    char label[64];
} hit;

#define MAX_HITS 64

static int collect(sh_stmt *st, hit *hits, int *n, sh_err *err)
{
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW && *n < MAX_HITS) {
        hits[*n].auth_id = sh_col_int64(st, 0);
        hits[*n].source_id = sh_col_int64(st, 1);
        snprintf(hits[*n].label, sizeof hits[*n].label, "%s", sh_col_text(st, 2));
        (*n)++;
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int apply(sh_db *db, const hit *hits, int n, const char *kind, sh_err *err)
{
    sh_principal sys;
    sh_principal_system(&sys);
    int rc = 0;
    int64_t done = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        if (hits[i].auth_id == done)
            continue; /* one suspension an authorisation, citing its first cause */
        char reason[160];
        if (kind[0] == 's')
            snprintf(reason, sizeof reason, "抽检不合格（样品 %lld，%s），自动暂停使用授权", (long long)hits[i].source_id, hits[i].label);
        else
            snprintf(reason, sizeof reason, "受到行政处罚（案件 %lld），自动暂停使用授权", (long long)hits[i].source_id);
        rc = sh_brand_auth_move(db, &sys, hits[i].auth_id, "active", "suspended", "suspended", kind, hits[i].source_id, reason, err);
        done = hits[i].auth_id;
    }
    return rc;
}

int sh_brand_suspend_by_samples(sh_db *db, int64_t entity_id, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT a.id, s.id, COALESCE(s.product_name, '') FROM brand_auths a"
                                " JOIN brand_marks m ON m.id = a.mark_id AND m.suspend_on_sample = 1"
                                " JOIN samples s ON s.entity_id = a.entity_id AND s.final_verdict = 'fail' AND s.kind <> 'monitoring'"
                                " AND s.reported_at >= a.created_at"
                                " WHERE a.entity_id = ? AND a.status = 'active'"
                                " AND NOT EXISTS (SELECT 1 FROM brand_auth_events v WHERE v.auth_id = a.id AND v.source_kind = 'sample'"
                                " AND v.source_id = s.id)"
                                " ORDER BY a.id, s.id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    hit hits[MAX_HITS];
    int n = 0, rc = collect(st, hits, &n, err);
    return rc ? rc : apply(db, hits, n, "sample", err);
}

int sh_brand_suspend_by_case(sh_db *db, int64_t case_id, int64_t entity_id, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT a.id, a.id, '' FROM brand_auths a JOIN brand_marks m ON m.id = a.mark_id AND m.suspend_on_case = 1"
                                " WHERE a.entity_id = ? AND a.status = 'active'"
                                " AND NOT EXISTS (SELECT 1 FROM brand_auth_events v WHERE v.auth_id = a.id AND v.source_kind = 'case'"
                                " AND v.source_id = ?) ORDER BY a.id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    sh_bind_int64(st, 2, case_id);
    hit hits[MAX_HITS];
    int n = 0, rc = collect(st, hits, &n, err);
    for (int i = 0; i < n; i++)
        hits[i].source_id = case_id;
    return rc ? rc : apply(db, hits, n, "case", err);
}
