/* Revocation by the records (famous.h), as the system inside the transaction that made a sample's
 * failure final or decided a penalty (the listeners of sampling/events.h and enforcement/events.h, as
 * brands/suspend.c): a recognition still running is revoked by a final failed sample of the workshop
 * (not risk monitoring) reported after it was recognised, or by any penalty decided against it. The
 * status moves only from recognised, so one event revokes it once. */
#include <stdio.h>

#include "domain/base/calendar.h"
#include "domain/famous/famous_int.h"

enum { MAX_HITS = 16 };

static int revoke_rows(sh_db *db, sh_stmt *st, const char *kind, int64_t case_id, sh_err *err)
{
    int64_t ids[MAX_HITS], sources[MAX_HITS];
    char labels[MAX_HITS][96];
    int n = 0, rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW && n < MAX_HITS) {
        if (n && ids[n - 1] == sh_col_int64(st, 0))
            continue; /* one revocation a record, citing its first cause */
        ids[n] = sh_col_int64(st, 0);
        sources[n] = case_id ? case_id : sh_col_int64(st, 1);
        snprintf(labels[n], sizeof labels[n], "%s", sh_col_text(st, 2));
        n++;
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    sh_principal sys;
    sh_principal_system(&sys);
    for (int i = 0; rc == 0 && i < n; i++) {
        char reason[200];
        if (case_id)
            snprintf(reason, sizeof reason, "受到行政处罚（案件 %lld），名特优认定自动撤销", (long long)case_id);
        else
            snprintf(reason, sizeof reason, "抽检不合格（样品 %s），名特优认定自动撤销", labels[i]);
        rc = famous_revoke_in_tx(db, &sys, ids[i], kind, sources[i], reason, err);
    }
    return rc;
}

int sh_famous_revoke_by_samples(sh_db *db, int64_t entity_id, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT f.id, s.id, s.code FROM famous_workshops f JOIN samples s ON s.entity_id = f.entity_id"
                                " AND s.final_verdict = 'fail' AND s.kind <> 'monitoring' AND s.reported_at >= f.decided_at"
                                " WHERE f.entity_id = ? AND f.status = 'recognised' AND f.valid_until >= ? ORDER BY f.id, s.id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    sh_bind_text(st, 2, today);
    return revoke_rows(db, st, "sample", 0, err);
}

int sh_famous_revoke_by_case(sh_db *db, int64_t case_id, int64_t entity_id, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT f.id, f.id, '' FROM famous_workshops f WHERE f.entity_id = ? AND f.status = 'recognised'"
                                " AND f.valid_until >= ? ORDER BY f.id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    sh_bind_text(st, 2, today);
    return revoke_rows(db, st, "case", case_id, err);
}
