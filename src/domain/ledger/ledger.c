#include "domain/ledger/ledger.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/ledger/checkpoint.h"

static int from_hex(const char *hex, sh_merkle_hash out)
{
    size_t n = 0;
    return hex && strlen(hex) == 64 && sodium_hex2bin(out, SH_MERKLE_HASH, hex, 64, NULL, &n, NULL) == 0 && n == SH_MERKLE_HASH ? 0 : -1;
}

static void to_hex(const sh_merkle_hash h, char out[65])
{
    sodium_bin2hex(out, 65, h, SH_MERKLE_HASH);
}

int sh_ledger_size(sh_db *db, uint64_t *ret, sh_err *err)
{
    int64_t n = 0;
    /* max of the primary key: one index probe, never a count of the leaves */
    int rc = sh_db_query_int64(db, "SELECT coalesce(max(idx) + 1, 0) FROM ledger_leaves", 0, &n, err);
    *ret = (uint64_t)n;
    return rc;
}

typedef struct node_ctx {
    sh_db *db;
    sh_err *err;
} node_ctx;

static int get_node(void *ctx, unsigned level, uint64_t index, sh_merkle_hash out)
{
    node_ctx *c = ctx;
    sh_stmt *st = sh_db_prepare(c->db, "SELECT hash FROM ledger_nodes WHERE level = ? AND idx = ?", c->err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, level);
    sh_bind_int64(st, 2, (int64_t)index);
    int rc = sh_stmt_step(st, c->err);
    if (rc == SH_ROW)
        rc = from_hex(sh_col_text(st, 0), out) == 0 ? 0 : sh_fail(c->err, SH_EINTERNAL, "ledger", "账本节点损坏 (a stored node is damaged)");
    else if (rc == SH_DONE)
        rc = sh_fail(c->err, SH_EINTERNAL, "ledger", "账本缺少节点 (node %u/%llu missing)", level, (unsigned long long)index);
    sh_stmt_done(st);
    return rc;
}

static int put_node(sh_db *db, unsigned level, uint64_t index, const sh_merkle_hash h, sh_err *err)
{
    char hex[65];
    to_hex(h, hex);
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO ledger_nodes(level, idx, hash) VALUES (?, ?, ?)", err);
    if (st) {
        sh_bind_int64(st, 1, level);
        sh_bind_int64(st, 2, (int64_t)index);
        sh_bind_text(st, 3, hex);
    }
    return sh_stmt_run(st, err);
}

int sh_ledger_append(sh_db *db, const char *kind, const char *ref, const sh_merkle_hash entry, int64_t *ret_index, sh_err *err)
{
    uint64_t n;
    int rc = sh_ledger_size(db, &n, err);
    if (rc)
        return rc;
    sh_merkle_hash leaf;
    sh_merkle_leaf_hash(entry, SH_MERKLE_HASH, leaf);
    char entry_hex[65], leaf_hex[65];
    to_hex(entry, entry_hex);
    to_hex(leaf, leaf_hex);
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO ledger_leaves(idx, kind, ref, entry_hash, leaf_hash, appended_at) VALUES (?, ?, ?, ?, ?, ?)", err);
    if (st) {
        sh_bind_int64(st, 1, (int64_t)n);
        sh_bind_text(st, 2, kind);
        sh_bind_text(st, 3, ref);
        sh_bind_text(st, 4, entry_hex);
        sh_bind_text(st, 5, leaf_hex);
        sh_bind_int64(st, 6, sh_now_ms());
    }
    if ((rc = sh_stmt_run(st, err)) != 0 || (rc = put_node(db, 0, n, leaf, err)) != 0)
        return rc;
    /* a right child completes its parent: as in a binary counter, one carry per trailing 1 bit */
    sh_merkle_hash h, left;
    memcpy(h, leaf, sizeof h);
    node_ctx c = {db, err};
    uint64_t i = n;
    for (unsigned level = 0; i & 1; level++, i >>= 1) {
        if ((rc = get_node(&c, level, i - 1, left)) != 0)
            return rc;
        sh_merkle_node_hash(left, h, h);
        if ((rc = put_node(db, level + 1, i >> 1, h, err)) != 0)
            return rc;
    }
    if (ret_index)
        *ret_index = (int64_t)n;
    return 0;
}

int sh_ledger_append_hex(sh_db *db, const char *kind, const char *ref, const char *entry_hex, int64_t *ret_index, sh_err *err)
{
    sh_merkle_hash e;
    if (from_hex(entry_hex, e) != 0)
        return sh_fail(err, SH_EINTERNAL, "ledger", "记入账本的哈希无效 (not a SHA-256 in hex)");
    return sh_ledger_append(db, kind, ref, e, ret_index, err);
}

static int check_size(sh_db *db, int64_t size, const char *field, sh_err *err)
{
    uint64_t n;
    int rc = sh_ledger_size(db, &n, err);
    if (rc == 0 && (size < 0 || (uint64_t)size > n))
        rc = sh_fail(err, SH_EINVAL, field, "账本只有%llu条记录 (the log has %llu leaves)", (unsigned long long)n, (unsigned long long)n);
    return rc;
}

int sh_ledger_root(sh_db *db, uint64_t size, sh_merkle_hash out, sh_err *err)
{
    node_ctx c = {db, err};
    return sh_merkle_root(size, get_node, &c, out);
}

static json_t *hex_array(const sh_merkle_hash *h, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        char hex[65];
        to_hex(h[i], hex);
        json_array_append_new(a, json_string(hex));
    }
    return a;
}

int sh_ledger_inclusion(sh_db *db, int64_t index, int64_t size, json_t **ret, sh_err *err)
{
    int rc = check_size(db, size, "size", err);
    if (rc)
        return rc;
    if (index < 0 || index >= size)
        return sh_fail(err, SH_EINVAL, "index", "序号应小于树的大小 (index must be below size)");
    sh_stmt *st = sh_db_prepare(db, "SELECT kind, entry_hash, leaf_hash FROM ledger_leaves WHERE idx = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, index);
    if ((rc = sh_stmt_step(st, err)) == SH_ROW)
        *ret = json_pack("{s:I, s:I, s:s, s:s, s:s}", "index", (json_int_t)index, "size", (json_int_t)size, "kind", sh_col_text(st, 0),
                         "entry_hash", sh_col_text(st, 1), "leaf_hash", sh_col_text(st, 2));
    sh_stmt_done(st);
    if (rc != SH_ROW)
        return rc < 0 ? rc : sh_fail(err, SH_ENOTFOUND, "index", "没有这条记录 (no such leaf)");
    sh_merkle_hash proof[SH_MERKLE_MAX_PROOF];
    size_t n = 0;
    node_ctx c = {db, err};
    if ((rc = sh_merkle_inclusion((uint64_t)index, (uint64_t)size, get_node, &c, proof, &n)) != 0) {
        json_decref(*ret);
        *ret = NULL;
        return rc;
    }
    json_object_set_new(*ret, "proof", hex_array(proof, n));
    return 0;
}

int sh_ledger_consistency(sh_db *db, int64_t first, int64_t second, json_t **ret, sh_err *err)
{
    int rc = check_size(db, second, "second", err);
    if (rc)
        return rc;
    if (first < 1 || first > second)
        return sh_fail(err, SH_EINVAL, "first", "应为1到second之间的整数 (must be from 1 to second)");
    sh_merkle_hash proof[SH_MERKLE_MAX_PROOF];
    size_t n = 0;
    node_ctx c = {db, err};
    if ((rc = sh_merkle_consistency((uint64_t)first, (uint64_t)second, get_node, &c, proof, &n)) != 0)
        return rc;
    *ret = json_pack("{s:I, s:I, s:o}", "first", (json_int_t)first, "second", (json_int_t)second, "proof", hex_array(proof, n));
    return 0;
}

int sh_ledger_leaves(sh_db *db, int64_t start, int limit, json_t **ret, sh_err *err)
{
    uint64_t size;
    int rc = sh_ledger_size(db, &size, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT idx, kind, entry_hash, leaf_hash, appended_at FROM ledger_leaves WHERE idx >= ? ORDER BY idx LIMIT ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, start);
    sh_bind_int64(st, 2, limit);
    json_t *items = json_array();
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:I}", "index", (json_int_t)sh_col_int64(st, 0), "kind",
                                               sh_col_text(st, 1), "entry_hash", sh_col_text(st, 2), "leaf_hash", sh_col_text(st, 3),
                                               "appended_at", (json_int_t)sh_col_int64(st, 4)));
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:I, s:I, s:o}", "size", (json_int_t)size, "start", (json_int_t)start, "items", items);
    return 0;
}

int sh_ledger_find(sh_db *db, const char *entry_hex, const char *ref, int64_t *ret_index, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, entry_hex ? "SELECT min(idx) FROM ledger_leaves WHERE entry_hash = ?" : "SELECT min(idx) FROM ledger_leaves WHERE ref = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, entry_hex ? entry_hex : ref);
    int rc = sh_stmt_step(st, err);
    int found = rc == SH_ROW && !sh_col_is_null(st, 0);
    if (found)
        *ret_index = sh_col_int64(st, 0);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return found ? 0 : sh_fail(err, SH_ENOTFOUND, entry_hex ? "hash" : "ref", "账本中没有这条记录 (not in the log)");
}

int sh_ledger_recompute(sh_db *db, uint64_t size, sh_merkle_hash out, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT idx, entry_hash, leaf_hash FROM ledger_leaves WHERE idx < ? ORDER BY idx", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, (int64_t)size);
    sh_merkle_stream s;
    sh_merkle_stream_init(&s);
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        sh_merkle_hash e, leaf, stored;
        int64_t idx = sh_col_int64(st, 0);
        if (idx != (int64_t)s.size || from_hex(sh_col_text(st, 1), e) != 0 || from_hex(sh_col_text(st, 2), stored) != 0) {
            rc = sh_fail(err, SH_EINVAL, "ledger", "第%lld条记录缺失或损坏 (leaf %lld missing or damaged)", (long long)s.size, (long long)s.size);
            break;
        }
        sh_merkle_leaf_hash(e, SH_MERKLE_HASH, leaf);
        if (memcmp(leaf, stored, SH_MERKLE_HASH) != 0) {
            rc = sh_fail(err, SH_EINVAL, "ledger", "第%lld条记录的哈希与内容不符 (leaf %lld does not match its entry)", (long long)idx, (long long)idx);
            break;
        }
        sh_merkle_stream_push(&s, leaf);
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (s.size != size)
        return sh_fail(err, SH_EINVAL, "ledger", "账本只有%llu条记录 (the log has %llu leaves)", (unsigned long long)s.size, (unsigned long long)s.size);
    sh_merkle_stream_root(&s, out);
    return 0;
}

int sh_ledger_tile(sh_db *db, const sh_tlog_tile *t, uint64_t size, uint8_t **ret, size_t *ret_len, sh_err *err)
{
    *ret = NULL;
    *ret_len = 0;
    if (sh_tlog_tile_within(t, size) != 0)
        return sh_fail(err, SH_ENOTFOUND, "tile", "最新检查点(%llu条)中没有这一块 (not within the latest checkpoint's %llu leaves)",
                       (unsigned long long)size, (unsigned long long)size);
    int entries = t->level == SH_TLOG_ENTRIES;
    size_t one = entries ? 2 + SH_MERKLE_HASH : SH_MERKLE_HASH;
    int64_t first = (int64_t)(t->n * SH_TLOG_TILE_WIDTH);
    /* a hash tile is a range of stored subtrees of level 8·L; a bundle, a range of the leaves' entries */
    sh_stmt *st = sh_db_prepare(db, entries ? "SELECT idx, entry_hash FROM ledger_leaves WHERE idx >= ? AND idx < ? ORDER BY idx"
                                            : "SELECT idx, hash FROM ledger_nodes WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx",
                                err);
    if (!st)
        return SH_EINTERNAL;
    int p = 1;
    if (!entries)
        sh_bind_int64(st, p++, t->level * SH_TLOG_TILE_HEIGHT);
    sh_bind_int64(st, p++, first);
    sh_bind_int64(st, p, first + t->width);
    uint8_t *out = malloc(one * t->width);
    size_t n = 0;
    int rc = SH_DONE;
    while (out && (rc = sh_stmt_step(st, err)) == SH_ROW) {
        uint8_t *at = out + n * one;
        if (entries) {
            at[0] = 0;
            at[1] = SH_MERKLE_HASH;
            at += 2;
        }
        if (sh_col_int64(st, 0) != first + (int64_t)n || n == t->width || from_hex(sh_col_text(st, 1), at) != 0) {
            rc = sh_fail(err, SH_EINTERNAL, "ledger", "账本节点缺失或损坏 (a stored node is missing or damaged)");
            break;
        }
        n++;
    }
    sh_stmt_done(st);
    if (!out)
        return sh_fail(err, SH_EINTERNAL, "ledger", "内存不足 (out of memory)");
    if (rc == SH_DONE && n != t->width)
        rc = sh_fail(err, SH_EINTERNAL, "ledger", "账本缺少节点 (nodes missing)");
    if (rc != SH_DONE) {
        free(out);
        return rc < 0 ? rc : SH_EINTERNAL;
    }
    *ret = out;
    *ret_len = n * one;
    return 0;
}

int sh_ledger_proof_file(sh_db *db, int64_t index, char **ret, sh_err *err)
{
    *ret = NULL;
    char *note = NULL;
    uint64_t size = 0;
    int rc = sh_ledger_latest(db, &note, &size, err);
    if (rc)
        return rc;
    if (index < 0 || (uint64_t)index >= size) {
        free(note);
        return sh_fail(err, SH_ENOTFOUND, "index", "这条记录尚未签入检查点，请稍后再试 (not yet in a signed checkpoint: try again in a minute)");
    }
    sh_merkle_hash entry, proof[SH_MERKLE_MAX_PROOF];
    size_t n = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT entry_hash FROM ledger_leaves WHERE idx = ?", err);
    if (!st) {
        free(note);
        return SH_EINTERNAL;
    }
    sh_bind_int64(st, 1, index);
    rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        rc = from_hex(sh_col_text(st, 0), entry) == 0 ? 0 : sh_fail(err, SH_EINTERNAL, "ledger", "账本记录损坏 (a stored leaf is damaged)");
    else if (rc == SH_DONE)
        rc = sh_fail(err, SH_ENOTFOUND, "index", "没有这条记录 (no such leaf)");
    sh_stmt_done(st);
    node_ctx c = {db, err};
    if (rc == 0)
        rc = sh_merkle_inclusion((uint64_t)index, size, get_node, &c, proof, &n);
    if (rc == 0 && sh_tlog_proof_format((uint64_t)index, entry, SH_MERKLE_HASH, proof, n, note, ret) != 0)
        rc = sh_fail(err, SH_EINTERNAL, "ledger", "证明生成失败 (could not write the proof)");
    free(note);
    return rc;
}
