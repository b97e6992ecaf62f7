#include "domain/identity/login_guard.h"

#include <stdio.h>

#define MINUTE_MS (60 * 1000)
#define WINDOW_MS (60 * MINUTE_MS)

typedef struct guard_key {
    char key[200];
    int after;      /* failures before the first wait */
    int64_t cap_ms; /* longest wait */
} guard_key;

/* The three keys of an attempt; names and addresses are cut to a bounded length. */
static void keys_of(const char *username, const char *address, guard_key k[3])
{
    const char *u = username ? username : "", *a = address ? address : "";
    snprintf(k[0].key, sizeof k[0].key, "a:%.64s", a);
    k[0].after = SH_GUARD_ADDRESS_AFTER;
    k[0].cap_ms = 15 * MINUTE_MS;
    snprintf(k[1].key, sizeof k[1].key, "p:%.64s|%.64s", u, a);
    k[1].after = SH_GUARD_PAIR_AFTER;
    k[1].cap_ms = 15 * MINUTE_MS;
    snprintf(k[2].key, sizeof k[2].key, "u:%.64s", u);
    k[2].after = SH_GUARD_ACCOUNT_AFTER;
    k[2].cap_ms = 5 * MINUTE_MS;
}

int64_t sh_login_guard_wait(sh_db *db, const char *username, const char *address, int64_t now)
{
    guard_key k[3];
    keys_of(username, address, k);
    sh_stmt *st = sh_db_prepare(db, "SELECT coalesce(max(locked_until), 0) FROM login_failures WHERE key IN (?, ?, ?)", NULL);
    if (!st)
        return 0;
    for (int i = 0; i < 3; i++)
        sh_bind_text(st, i + 1, k[i].key);
    int64_t until = sh_stmt_step(st, NULL) == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    return until > now ? until - now : 0;
}

static void count_one(sh_db *db, const guard_key *k, int64_t now)
{
    int64_t failures = 0, last = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT failures, last_at FROM login_failures WHERE key = ?", NULL);
    if (!st)
        return;
    sh_bind_text(st, 1, k->key);
    if (sh_stmt_step(st, NULL) == SH_ROW) {
        failures = sh_col_int64(st, 0);
        last = sh_col_int64(st, 1);
    }
    sh_stmt_done(st);
    if (now - last > WINDOW_MS)
        failures = 0;
    failures++;
    int64_t until = 0;
    if (failures >= k->after) {
        int64_t steps = failures - k->after;
        int64_t wait = steps > 10 ? k->cap_ms : (int64_t)MINUTE_MS << steps;
        until = now + (wait < k->cap_ms ? wait : k->cap_ms);
    }
    st = sh_db_prepare(db,
                       "INSERT INTO login_failures(key, failures, last_at, locked_until) VALUES (?, ?, ?, ?)"
                       " ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at,"
                       " locked_until = excluded.locked_until",
                       NULL);
    if (!st)
        return;
    sh_bind_text(st, 1, k->key);
    sh_bind_int64(st, 2, failures);
    sh_bind_int64(st, 3, now);
    sh_bind_int64_or_null(st, 4, until);
    sh_stmt_step(st, NULL);
    sh_stmt_done(st);
}

void sh_login_guard_fail(sh_db *db, const char *username, const char *address, int64_t now)
{
    guard_key k[3];
    keys_of(username, address, k);
    for (int i = 0; i < 3; i++)
        count_one(db, &k[i], now);
}

void sh_login_guard_success(sh_db *db, const char *username, const char *address)
{
    guard_key k[3];
    keys_of(username, address, k);
    sh_stmt *st = sh_db_prepare(db, "DELETE FROM login_failures WHERE key IN (?, ?)", NULL);
    if (!st)
        return;
    sh_bind_text(st, 1, k[1].key);
    sh_bind_text(st, 2, k[2].key);
    sh_stmt_step(st, NULL);
    sh_stmt_done(st);
}
