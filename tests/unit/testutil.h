/* Shared fixture for unit tests: an in-memory database with a small county. */
#ifndef SH_TESTUTIL_H
#define SH_TESTUTIL_H

#include <stdint.h>
#include <string.h>

#include "domain/base/settings.h"
#include "domain/domain.h"
#include "domain/identity/auth.h"
#include "domain/seed.h"
#include "store/store.h"

/* County 360799 with townships 101 (梅林镇) and 102 (青石镇), one village and one grid each:
 * grid 1 in 360799101201, grid 2 in 360799102201. */
static inline sh_db *fixture_db(void)
{
    sh_db *db = NULL;
    sh_err err = {0};
    if (sh_domain_init() != 0)
        return NULL;
    sh_settings_forget(); /* settings are cached per process: this is a new database */
    if (sh_db_open(":memory:", &db, &err) != 0 || sh_migrate(db, NULL, &err) != 0 || sh_seed_reference_data(db, &err) != 0)
        return NULL;
    const char *sql =
        "INSERT INTO divisions VALUES ('360799', '青禾县', 1, NULL);"
        "INSERT INTO divisions VALUES ('360799101000', '梅林镇', 2, '360799');"
        "INSERT INTO divisions VALUES ('360799102000', '青石镇', 2, '360799');"
        "INSERT INTO divisions VALUES ('360799101201', '东坑村', 3, '360799101000');"
        "INSERT INTO divisions VALUES ('360799102201', '西坑村', 3, '360799102000');"
        "INSERT INTO grids(id, code, name, division_code, created_at) VALUES (1, 'G101-01', '梅林镇第1网格', '360799101201', 0);"
        "INSERT INTO grids(id, code, name, division_code, created_at) VALUES (2, 'G102-01', '青石镇第1网格', '360799102201', 0);";
    if (sh_db_exec(db, sql, &err) != 0)
        return NULL;
    return db;
}

static inline void fixture_official(sh_principal *p, sh_role role, const char *division, const char *name)
{
    memset(p, 0, sizeof *p);
    p->user_id = 0;
    strcpy(p->username, name);
    p->role = role;
    strcpy(p->division_code, division);
    p->scope.kind = SH_SCOPE_DIVISION;
    sh_division_prefix(division, p->scope.prefix);
}

/* The ledger's signing seed in tests: the same key every run, so checkpoints are comparable. */
static inline int fixed_ledger_seed(const char *origin, uint8_t seed[32], sh_err *err)
{
    (void)origin;
    (void)err;
    memset(seed, 7, 32);
    return 0;
}

#endif
