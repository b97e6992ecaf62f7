/* Device tokens at rest: the database keeps the secret's SHA-256, never the secret, and the
 * secret resolves to its owner until the token is revoked. (The API side: tests/api/tokens.test.mjs.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "domain/identity/tokens.h"
#include "testutil.h"

static sh_db *db;
static sh_principal sys, owner;

static int setup(void **state)
{
    (void)state;
    db = fixture_db();
    if (!db || sodium_init() < 0)
        return -1;
    sh_principal_system(&sys);
    sh_password_params(1, 8192); /* the fastest argon2id: the test is about tokens */
    sh_user_input in = {.username = "t01", .display_name = "梅林镇", .password = "Secret123", .role = SH_ROLE_TOWNSHIP,
                        .division_code = "360799101000"};
    int64_t id = 0;
    sh_err err = {0};
    if (sh_user_add(db, &sys, &in, &id, &err) != 0 || sh_principal_load(db, id, &owner, &err) != 0) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sh_db_close(db);
    return 0;
}

/* Every text value of the two tables that hold token material, joined. */
static void stored_text(char *out, size_t cap)
{
    sh_err err = {0};
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT token_hash FROM sessions UNION ALL SELECT coalesce(first_hash, '') FROM api_tokens"
                                " UNION ALL SELECT name FROM api_tokens",
                                &err);
    assert_non_null(st);
    out[0] = '\0';
    while (sh_stmt_step(st, &err) == SH_ROW) {
        const char *t = sh_col_text(st, 0);
        strncat(out, t ? t : "", cap - strlen(out) - 2);
        strcat(out, "|");
    }
    sh_stmt_done(st);
}

static void only_the_hash_is_stored(void **state)
{
    (void)state;
    char secret[65];
    int64_t id = 0;
    sh_err err = {0};
    assert_int_equal(sh_api_token_create(db, &sys, &owner, "AI盒子", 30, secret, &id, &err), 0);
    assert_int_equal(strlen(secret), 64);

    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)secret, strlen(secret));
    char hex[2 * sizeof digest + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);

    char text[8192];
    stored_text(text, sizeof text);
    assert_null(strstr(text, secret));
    assert_non_null(strstr(text, hex));

    sh_principal who;
    assert_int_equal(sh_token_resolve(db, secret, &who, &err), 0);
    assert_string_equal(who.username, "t01");
    /* the hash itself is not a credential */
    assert_int_not_equal(sh_token_resolve(db, hex, &who, &err), 0);

    json_t *view = NULL;
    assert_int_equal(sh_api_token_revoke(db, &sys, id, &view, &err), 0);
    json_decref(view);
    assert_int_not_equal(sh_token_resolve(db, secret, &who, &err), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_the_hash_is_stored),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
