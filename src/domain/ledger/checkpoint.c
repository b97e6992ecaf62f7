#include "domain/ledger/checkpoint.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/ledger/ledger.h"

static char origin[SH_NOTE_NAME_MAX] = "localhost/shian-ledger";
static sh_ledger_seed_fn seed_of;

void sh_ledger_use_origin(const char *o)
{
    snprintf(origin, sizeof origin, "%s", o);
}

void sh_ledger_use_seed(sh_ledger_seed_fn fn)
{
    seed_of = fn;
}

const char *sh_ledger_origin(void)
{
    return origin;
}

int sh_ledger_signer(sh_note_signer *s, sh_err *err)
{
    uint8_t seed[32];
    if (!seed_of)
        return sh_fail(err, SH_EINTERNAL, "ledger", "账本签名密钥未配置 (no signing key)");
    int rc = seed_of(origin, seed, err);
    if (rc == 0 && sh_note_signer_init(s, origin, seed) != 0)
        rc = sh_fail(err, SH_EINTERNAL, "ledger_origin", "账本名称无效 (the origin is not a key name)");
    sodium_memzero(seed, sizeof seed);
    return rc;
}

static int latest_size(sh_db *db, int64_t *ret, sh_err *err)
{
    return sh_db_query_int64(db, "SELECT coalesce(max(size), -1) FROM ledger_checkpoints", -1, ret, err);
}

int sh_ledger_checkpoint(sh_db *db, uint64_t *ret_size, int *ret_made, sh_err *err)
{
    if (ret_made)
        *ret_made = 0;
    uint64_t size = 0;
    int64_t last = -1;
    /* most sweeps find nothing new: they read, and take no write lock */
    int rc = sh_ledger_size(db, &size, err);
    if (rc == 0)
        rc = latest_size(db, &last, err);
    if (rc || (int64_t)size <= last) {
        if (rc == 0 && ret_size)
            *ret_size = (uint64_t)last;
        return rc;
    }
    sh_note_signer s;
    if ((rc = sh_ledger_signer(&s, err)) != 0 || (rc = sh_db_begin(db, err)) != 0) {
        sodium_memzero(&s, sizeof s);
        return rc;
    }
    rc = sh_ledger_size(db, &size, err);
    if (rc == 0)
        rc = latest_size(db, &last, err);
    if (rc == 0 && (int64_t)size > last) {
        sh_merkle_hash root;
        char body[SH_NOTE_NAME_MAX + 200], *note = NULL, hex[65];
        if ((rc = sh_ledger_root(db, size, root, err)) == 0) {
            sh_checkpoint_body(origin, size, root, body, sizeof body);
            if (sh_note_sign(&s, body, &note) != 0)
                rc = sh_fail(err, SH_EINTERNAL, "ledger", "签名失败 (signing failed)");
        }
        sodium_bin2hex(hex, sizeof hex, root, sizeof root);
        sh_stmt *st = rc ? NULL : sh_db_prepare(db, "INSERT INTO ledger_checkpoints(size, root, note, created_at) VALUES (?, ?, ?, ?)", err);
        if (st) {
            sh_bind_int64(st, 1, (int64_t)size);
            sh_bind_text(st, 2, hex);
            sh_bind_text(st, 3, note);
            sh_bind_int64(st, 4, sh_now_ms());
        }
        if (rc == 0 && (rc = sh_stmt_run(st, err)) == 0) {
            last = (int64_t)size;
            if (ret_made)
                *ret_made = 1;
        }
        free(note);
    }
    sodium_memzero(&s, sizeof s);
    rc = sh_db_finish(db, rc, err);
    if (rc == 0 && ret_size)
        *ret_size = (uint64_t)last;
    return rc;
}

int sh_ledger_latest(sh_db *db, char **ret_note, uint64_t *ret_size, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT size, note FROM ledger_checkpoints ORDER BY size DESC LIMIT 1", err);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        if (ret_size)
            *ret_size = (uint64_t)sh_col_int64(st, 0);
        if (ret_note)
            *ret_note = strdup(sh_col_text(st, 1));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "checkpoint", "账本尚无检查点 (no checkpoint yet)");
}
