#include "domain/risk/factor.h"

#include <string.h>

enum { MAX_FACTORS = 32 };
static const sh_risk_factor *factors[MAX_FACTORS];
static int nfactors;

int sh_risk_factor_register(const sh_risk_factor *f)
{
    for (int i = 0; i < nfactors; i++)
        if (!strcmp(factors[i]->factor, f->factor)) {
            memmove(&factors[i], &factors[i + 1], (size_t)(nfactors - i - 1) * sizeof factors[0]);
            nfactors--;
            break;
        }
    if (nfactors == MAX_FACTORS)
        return -1;
    /* kept in rank order (stable), so grading walks them as they are */
    int at = nfactors;
    while (at > 0 && factors[at - 1]->rank > f->rank) {
        factors[at] = factors[at - 1];
        at--;
    }
    factors[at] = f;
    nfactors++;
    return 0;
}

const sh_risk_factor *const *sh_risk_factors(int *ret_n)
{
    *ret_n = nfactors;
    return factors;
}

int sh_risk_count_sql(sh_db *db, const char *sql, int64_t entity_id, int64_t since_ms, int64_t *ret_n, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    sh_bind_int64(st, 2, since_ms);
    int rc = sh_stmt_step(st, err);
    *ret_n = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}
