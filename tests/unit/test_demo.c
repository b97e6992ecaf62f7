/* The demo county: valid codes everywhere, consistent places, and the same rows from the same seed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <string.h>

#include "core/validate.h"
#include "domain/demo.h"
#include "domain/entity.h"

static sh_db *make(uint64_t seed, long entities)
{
    sh_db *db;
    sh_err err = {0};
    assert_int_equal(sh_db_open(":memory:", &db, &err), 0);
    assert_int_equal(sh_migrate(db, NULL, &err), 0);
    sh_demo_opts o;
    sh_demo_opts_default(&o);
    o.seed = seed;
    o.entities = entities;
    o.business_users = 50;
    sh_demo_summary sum;
    assert_int_equal(sh_demo_generate(db, &o, &sum, &err), 0);
    assert_int_equal(sum.entities, entities);
    assert_int_equal(sum.townships, 42);
    assert_int_equal(sum.grids, 475);
    return db;
}

/* SHA-256 over every row of a query, as text. */
static void digest(sh_db *db, const char *sql, unsigned char out[32])
{
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    sh_stmt *st = sh_db_prepare(db, sql, NULL);
    assert_non_null(st);
    while (sh_stmt_step(st, NULL) == SH_ROW)
        for (int c = 0; c < 30; c++) {
            const char *t = sh_col_text(st, c);
            crypto_hash_sha256_update(&h, (const unsigned char *)t, strlen(t) + 1);
        }
    sh_stmt_done(st);
    crypto_hash_sha256_final(&h, out);
}

static int64_t scalar(sh_db *db, const char *sql)
{
    int64_t v = -1;
    assert_int_equal(sh_db_query_int64(db, sql, -1, &v, NULL), 0);
    return v;
}

static void codes_are_valid_and_places_consistent(void **state)
{
    (void)state;
    sh_db *db = make(7, 800);
    sh_stmt *st = sh_db_prepare(db, "SELECT uscc, licence_kind, licence_no, kind FROM entities", NULL);
    int n = 0;
    while (sh_stmt_step(st, NULL) == SH_ROW) {
        sh_err err = {0};
        if (!sh_col_is_null(st, 0) && sh_check_uscc(sh_col_text(st, 0), "uscc", &err) != 0)
            fail_msg("%s: %s", sh_col_text(st, 0), err.message);
        const char *lk = sh_col_text(st, 1), *no = sh_col_text(st, 2);
        if (!strcmp(lk, "sc") && sh_check_sc_licence(no, "licence_no", &err) != 0)
            fail_msg("%s: %s", no, err.message);
        if (!strcmp(lk, "jy") && sh_check_jy_licence(no, "licence_no", &err) != 0)
            fail_msg("%s: %s", no, err.message);
        assert_true(strcmp(sh_col_text(st, 3), "stall") == 0 || !sh_col_is_null(st, 0));
        n++;
    }
    sh_stmt_done(st);
    assert_int_equal(n, 800);
    /* every business lies in a village of the township of its grid */
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities e JOIN divisions v ON v.code = e.division_code"
                                " WHERE v.level <> 3"), 0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities e JOIN grids g ON g.id = e.grid_id"
                                " WHERE substr(g.division_code, 1, 9) <> substr(e.division_code, 1, 9)"), 0);
    /* every grid has a leader who is a village grid member of that grid */
    assert_int_equal(scalar(db, "SELECT count(*) FROM grids g LEFT JOIN users u ON u.id = g.leader_user_id"
                                " WHERE u.role IS NOT 'village' OR u.grid_id <> g.id"), 0);
    /* a few archives are incomplete, most are complete */
    int64_t incomplete = scalar(db, "SELECT count(*) FROM entities WHERE lat IS NULL OR grid_id IS NULL"
                                    " OR (kind <> 'stall' AND officer_name IS NULL)");
    assert_true(incomplete > 0 && incomplete < 60);
    assert_int_equal(scalar(db, "SELECT count(*) FROM users WHERE role = 'business'"), 50);
    /* business user bN belongs to business N, and every archive's history starts with its creation */
    assert_int_equal(scalar(db, "SELECT count(*) FROM users WHERE role = 'business' AND username <> 'b' || entity_id"), 0);
    assert_int_equal(scalar(db, "SELECT count(DISTINCT object_id) FROM audit_log WHERE object_type = 'entity'"
                                " AND action = 'create'"), 800);
    assert_int_equal(scalar(db, "SELECT count(*) FROM users WHERE role = 'township'"), 42);
    sh_db_close(db);
}

static void same_seed_same_county(void **state)
{
    (void)state;
    const char *ent = "SELECT * FROM entities ORDER BY id";
    const char *div = "SELECT * FROM divisions ORDER BY code";
    unsigned char a[32], b[32], c[32], da[32], db_[32];
    sh_db *x = make(3, 300), *y = make(3, 300), *z = make(4, 300);
    digest(x, ent, a);
    digest(y, ent, b);
    digest(z, ent, c);
    digest(x, div, da);
    digest(y, div, db_);
    assert_memory_equal(a, b, 32);
    assert_memory_equal(da, db_, 32);
    assert_memory_not_equal(a, c, 32);
    /* a second run into the same database is refused and adds nothing */
    sh_demo_opts o;
    sh_demo_opts_default(&o);
    o.entities = 10;
    sh_err err = {0};
    assert_int_equal(sh_demo_generate(x, &o, NULL, &err), SH_EEXIST);
    assert_int_equal(scalar(x, "SELECT count(*) FROM entities"), 300);
    sh_db_close(x);
    sh_db_close(y);
    sh_db_close(z);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes_are_valid_and_places_consistent),
        cmocka_unit_test(same_seed_same_county),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
