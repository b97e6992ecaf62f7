#include "domain/ledger/checkpoint.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
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

/* the note of size with its cosignature lines appended (one per witness, in name order) */
static int with_cosignatures(sh_db *db, int64_t size, char **note, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT line FROM ledger_cosignatures WHERE size = ? ORDER BY witness", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, size);
    sh_buf b = SH_BUF_INIT;
    sh_buf_adds(&b, *note);
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        sh_buf_adds(&b, sh_col_text(st, 0));
    sh_stmt_done(st);
    if (rc < 0) {
        sh_buf_release(&b);
        return rc;
    }
    sh_buf_addc(&b, '\0');
    free(*note);
    *note = b.data;
    return 0;
}

int sh_ledger_latest(sh_db *db, char **ret_note, uint64_t *ret_size, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT size, note FROM ledger_checkpoints ORDER BY size DESC LIMIT 1", err);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    int64_t size = 0;
    char *note = NULL;
    if (rc == SH_ROW) {
        size = sh_col_int64(st, 0);
        note = strdup(sh_col_text(st, 1));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_ENOTFOUND, "checkpoint", "账本尚无检查点 (no checkpoint yet)");
    if (!note)
        return sh_fail(err, SH_EINTERNAL, "ledger", "内存不足 (out of memory)");
    if (ret_note && (rc = with_cosignatures(db, size, &note, err)) != 0) {
        free(note);
        return rc;
    }
    if (ret_size)
        *ret_size = (uint64_t)size;
    if (ret_note)
        *ret_note = note;
    else
        free(note);
    return 0;
}

#define WITNESSES_MAX 8
#define FUTURE_SKEW_S 300

int sh_ledger_cosign(sh_db *db, const char *witness_keys, int64_t size, const char *line, json_t **ret, sh_err *err)
{
    sh_note_key keys[WITNESSES_MAX];
    size_t nkeys = 0;
    if (sh_note_key_list(witness_keys ? witness_keys : "", keys, WITNESSES_MAX, &nkeys) != 0 || nkeys == 0)
        return sh_fail(err, SH_EPERM, "cosignature", "本账本未配置见证者 (this ledger has no witnesses configured: ledger_witness_keys)");
    if (size < 0)
        return sh_fail(err, SH_EINVAL, "size", "应为已签检查点的树大小 (must be the size of a signed checkpoint)");
    size_t len = line ? strlen(line) : 0;
    if (len == 0 || len > 512 || strchr(line, '\n') != line + len - 1)
        return sh_fail(err, SH_EINVAL, "cosignature", "应为一行以换行结尾的签名 (must be one signature line ending in a newline)");
    sh_stmt *st = sh_db_prepare(db, "SELECT note FROM ledger_checkpoints WHERE size = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, size);
    int rc = sh_stmt_step(st, err);
    char *note = rc == SH_ROW ? strdup(sh_col_text(st, 0)) : NULL;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_ENOTFOUND, "size", "没有这个大小的检查点 (no checkpoint of that size)");
    const char *blank = note ? strstr(note, "\n\n") : NULL;
    if (!blank) {
        free(note);
        return sh_fail(err, SH_EINTERNAL, "ledger", "检查点损坏 (a stored checkpoint is damaged)");
    }
    size_t text_len = (size_t)(blank - note) + 1;
    uint64_t t = 0;
    const sh_note_key *by = NULL;
    int seen = 0;
    for (size_t i = 0; i < nkeys && !by; i++) {
        if (keys[i].alg != SH_NOTE_ALG_COSIG)
            continue;
        int v = sh_note_check_line(&keys[i], note, text_len, line, len, &t);
        seen |= v > 0;
        if (v == 0)
            by = &keys[i];
    }
    free(note);
    if (!by)
        return sh_fail(err, SH_EPERM, "cosignature",
                       seen ? "见证签名无效 (the cosignature does not verify over that checkpoint)" : "不是已配置见证者的签名 (not by a configured witness)");
    if ((int64_t)t > sh_now_ms() / 1000 + FUTURE_SKEW_S)
        return sh_fail(err, SH_EINVAL, "cosignature", "见证签名的时间在未来 (the cosignature's time is in the future)");
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    /* the latest cosignature of a witness for a size replaces its earlier one; an older one is refused */
    int64_t had = -1;
    st = sh_db_prepare(db, "SELECT cosigned_at FROM ledger_cosignatures WHERE size = ? AND witness = ?", err);
    if (!st)
        rc = SH_EINTERNAL;
    else {
        sh_bind_int64(st, 1, size);
        sh_bind_text(st, 2, by->name);
        int r = sh_stmt_step(st, err);
        if (r == SH_ROW)
            had = sh_col_int64(st, 0);
        else if (r < 0)
            rc = r;
        sh_stmt_done(st);
    }
    if (rc == 0 && had > (int64_t)t)
        rc = sh_fail(err, SH_EEXIST, "cosignature", "已有该见证者更新的签名 (the witness has cosigned this checkpoint later already)");
    if (rc == 0 && had >= 0 && (st = sh_db_prepare(db, "DELETE FROM ledger_cosignatures WHERE size = ? AND witness = ?", err)) != NULL) {
        sh_bind_int64(st, 1, size);
        sh_bind_text(st, 2, by->name);
        rc = sh_stmt_run(st, err);
    }
    if (rc == 0) {
        st = sh_db_prepare(db, "INSERT INTO ledger_cosignatures(size, witness, cosigned_at, line, created_at) VALUES (?, ?, ?, ?, ?)", err);
        if (st) {
            sh_bind_int64(st, 1, size);
            sh_bind_text(st, 2, by->name);
            sh_bind_int64(st, 3, (int64_t)t);
            sh_bind_text(st, 4, line);
            sh_bind_int64(st, 5, sh_now_ms());
        }
        rc = sh_stmt_run(st, err);
    }
    rc = sh_db_finish(db, rc, err);
    if (rc == 0)
        *ret = json_pack("{s:I, s:s, s:I}", "size", (json_int_t)size, "witness", by->name, "time", (json_int_t)t);
    return rc;
}
