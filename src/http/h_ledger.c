/* The ledger, public and read-only (issue 12): the latest signed checkpoint, the verifier key, inclusion
 * and consistency proofs, the leaves (kinds and hashes only), the C2SP tlog-tiles view of the same tree
 * (tlog/checkpoint, tlog/tile/...) and c2sp.org/tlog-proof files. A county official or the administrator
 * may ask for a checkpoint now; the sweep makes one every minute the log grew. Witnesses post their
 * cosignatures here: the signature is their credential. */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/ledger/checkpoint.h"
#include "domain/ledger/ledger.h"
#include "http/http.h"

static int checkpoint_get(sh_req *req)
{
    char *note = NULL;
    sh_err err = {0};
    int rc = sh_ledger_latest(req->db, &note, NULL, &err);
    if (rc)
        return sh_reply_error(req, &err);
    int r = sh_reply_bytes(req, 200, "text/plain; charset=utf-8", note, strlen(note), NULL);
    free(note);
    return r;
}

static int checkpoint_make(sh_req *req)
{
    sh_err err = {0};
    if (req->principal.role != SH_ROLE_ADMIN && req->principal.role != SH_ROLE_COUNTY)
        return sh_reply_fail(req, SH_EPERM, "", "只有县局和管理员可以签署检查点 (county officials and the administrator only)");
    uint64_t size = 0;
    int made = 0;
    int rc = sh_ledger_checkpoint(req->db, &size, &made, &err);
    return sh_reply_result(req, rc, made ? 201 : 200, rc ? NULL : json_pack("{s:I, s:b}", "size", (json_int_t)size, "made", made), &err);
}

static int key_get(sh_req *req)
{
    sh_note_signer s;
    sh_err err = {0};
    if (sh_ledger_signer(&s, &err) != 0)
        return sh_reply_error(req, &err);
    char vkey[SH_NOTE_VKEY_MAX + 1];
    sh_note_verifier_key(&s, vkey);
    sodium_memzero(&s, sizeof s);
    strcat(vkey, "\n");
    return sh_reply_bytes(req, 200, "text/plain; charset=utf-8", vkey, strlen(vkey), NULL);
}

/* size: the query's, else the latest checkpoint's (a proof is useful against a signed root) */
static int size_or_reply(sh_req *req, const char *name, long *out)
{
    if (sh_query_long_or_reply(req, name, -1, 0, INT64_MAX, out))
        return -1;
    if (*out >= 0)
        return 0;
    uint64_t latest = 0;
    sh_err err = {0};
    if (sh_ledger_latest(req->db, NULL, &latest, &err) != 0) {
        sh_reply_error(req, &err);
        return -1;
    }
    *out = (long)latest;
    return 0;
}

static int inclusion_get(sh_req *req)
{
    long index, size;
    sh_err err = {0};
    const char *hash = sh_query(req, "hash");
    if (sh_query_long_or_reply(req, "index", -1, 0, INT64_MAX, &index) || size_or_reply(req, "size", &size))
        return MHD_YES;
    if (hash) {
        if (strlen(hash) != 64 || strspn(hash, "0123456789abcdef") != 64)
            return sh_reply_fail(req, SH_EINVAL, "hash", "应为64位小写十六进制的SHA-256 (must be a SHA-256 in 64 lowercase hex digits)");
        int64_t found = 0;
        int rc = sh_ledger_find(req->db, hash, NULL, &found, &err);
        if (rc)
            return sh_reply_error(req, &err);
        index = (long)found;
    } else if (index < 0) {
        return sh_reply_fail(req, SH_EINVAL, "index", "请给出序号index或哈希hash (give index or hash)");
    }
    json_t *out = NULL;
    int rc = sh_ledger_inclusion(req->db, index, size, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int consistency_get(sh_req *req)
{
    long first, second;
    if (sh_query_long_or_reply(req, "first", -1, 1, INT64_MAX, &first) || size_or_reply(req, "second", &second))
        return MHD_YES;
    if (first < 0)
        return sh_reply_fail(req, SH_EINVAL, "first", "请给出较早的树大小first (give first, the earlier size)");
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_ledger_consistency(req->db, first, second, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

static int leaves_get(sh_req *req)
{
    long start, limit;
    if (sh_query_long_or_reply(req, "start", 0, 0, INT64_MAX, &start) || sh_query_long_or_reply(req, "limit", 100, 1, 1000, &limit))
        return MHD_YES;
    json_t *out = NULL;
    sh_err err = {0};
    int rc = sh_ledger_leaves(req->db, start, (int)limit, &out, &err);
    return sh_reply_result(req, rc, 200, out, &err);
}

/* c2sp.org/tlog-tiles: the checkpoint is mutable (a few seconds' caching), tiles are not */
static int tlog_checkpoint_get(sh_req *req)
{
    char *note = NULL;
    sh_err err = {0};
    if (sh_ledger_latest(req->db, &note, NULL, &err) != 0)
        return sh_reply_error(req, &err);
    int r = sh_reply_cacheable(req, "text/plain; charset=utf-8", note, strlen(note), "public, max-age=5");
    free(note);
    return r;
}

static int tlog_tile_get(sh_req *req)
{
    sh_tlog_tile t;
    if (sh_tlog_tile_parse(req->params[0], &t) != 0)
        return sh_reply_fail(req, SH_EINVAL, "path",
                             "应为 tile/<L>/<N>[.p/<W>] 或 tile/entries/<N>[.p/<W>]，N如 x001/x234/067 (must be tile/<L>/<N>[.p/<W>] or "
                             "tile/entries/<N>[.p/<W>] as c2sp.org/tlog-tiles spells them, N like x001/x234/067, W 1-255)");
    uint64_t size = 0;
    sh_err err = {0};
    uint8_t *data = NULL;
    size_t len = 0;
    if (sh_ledger_latest(req->db, NULL, &size, &err) != 0 || sh_ledger_tile(req->db, &t, size, &data, &len, &err) != 0)
        return sh_reply_error(req, &err);
    /* a full tile never changes; a partial one is replaced by a wider one as the log grows */
    int r = sh_reply_cacheable(req, "application/octet-stream", data, len,
                               t.width == SH_TLOG_TILE_WIDTH ? "public, max-age=31536000, immutable" : "public, max-age=60");
    free(data);
    return r;
}

/* the leaf named by ?entry=<hex> (or hash=), ?ref= or ?index= */
static int leaf_index_or_reply(sh_req *req, int64_t *out)
{
    const char *entry = sh_query(req, "entry") ? sh_query(req, "entry") : sh_query(req, "hash");
    const char *ref = sh_query(req, "ref");
    long index;
    if (sh_query_long_or_reply(req, "index", -1, 0, INT64_MAX, &index))
        return -1;
    sh_err err = {0};
    if (entry) {
        if (strlen(entry) != 64 || strspn(entry, "0123456789abcdef") != 64) {
            sh_reply_fail(req, SH_EINVAL, "entry", "应为64位小写十六进制的SHA-256 (must be a SHA-256 in 64 lowercase hex digits)");
            return -1;
        }
    } else if (ref) {
        if (strlen(ref) > 200) {
            sh_reply_fail(req, SH_EINVAL, "ref", "过长 (too long)");
            return -1;
        }
    } else if (index >= 0) {
        *out = index;
        return 0;
    } else {
        sh_reply_fail(req, SH_EINVAL, "entry", "请给出记录哈希entry、引用ref或序号index (give entry, ref or index)");
        return -1;
    }
    if (sh_ledger_find(req->db, entry, entry ? NULL : ref, out, &err) != 0) {
        sh_reply_error(req, &err);
        return -1;
    }
    return 0;
}

static int proof_bundle_get(sh_req *req)
{
    int64_t index = 0;
    if (leaf_index_or_reply(req, &index))
        return MHD_YES;
    char *text = NULL, name[48];
    sh_err err = {0};
    if (sh_ledger_proof_file(req->db, index, &text, &err) != 0)
        return sh_reply_error(req, &err);
    snprintf(name, sizeof name, "%lld.tlog-proof", (long long)index);
    int r = sh_reply_bytes(req, 200, "text/plain; charset=utf-8", text, strlen(text), name);
    free(text);
    return r;
}

static int cosignature_post(sh_req *req)
{
    json_t *body = sh_body_json_or_reply(req);
    if (!body)
        return MHD_YES;
    json_t *size = json_object_get(body, "size");
    const char *line = json_string_value(json_object_get(body, "cosignature"));
    json_t *out = NULL;
    sh_err err = {0};
    int rc;
    if (!json_is_integer(size) || json_integer_value(size) < 0)
        rc = sh_fail(&err, SH_EINVAL, "size", "应为所签检查点的树大小 (must be the cosigned checkpoint's size)");
    else if (!line)
        rc = sh_fail(&err, SH_EINVAL, "cosignature", "请给出签名行 (give the signature line)");
    else
        rc = sh_ledger_cosign(req->db, req->cfg->ledger_witness_keys, json_integer_value(size), line, &out, &err);
    json_decref(body);
    return sh_reply_result(req, rc, 201, out, &err);
}

const sh_route sh_routes_ledger[] = {
    {"GET", "/api/v1/ledger/checkpoint", checkpoint_get, SH_ROUTE_PUBLIC},
    {"POST", "/api/v1/ledger/checkpoint", checkpoint_make, 0},
    {"GET", "/api/v1/ledger/key", key_get, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/ledger/proof/inclusion", inclusion_get, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/ledger/proof/consistency", consistency_get, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/ledger/leaves", leaves_get, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/ledger/proof/bundle", proof_bundle_get, SH_ROUTE_PUBLIC},
    {"POST", "/api/v1/ledger/cosignatures", cosignature_post, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/ledger/tlog/checkpoint", tlog_checkpoint_get, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/ledger/tlog/tile/:path*", tlog_tile_get, SH_ROUTE_PUBLIC},
    {0},
};
