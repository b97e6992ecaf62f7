/* The ledger, public and read-only (issue 12): the latest signed checkpoint, the verifier key, inclusion
 * and consistency proofs, the leaves (kinds and hashes only). A county official or the administrator may
 * ask for a checkpoint now; the sweep makes one every minute the log grew. */
#include <sodium.h>
#include <stdint.h>
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

const sh_route sh_routes_ledger[] = {
    {"GET", "/api/v1/ledger/checkpoint", checkpoint_get, SH_ROUTE_PUBLIC},
    {"POST", "/api/v1/ledger/checkpoint", checkpoint_make, 0},
    {"GET", "/api/v1/ledger/key", key_get, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/ledger/proof/inclusion", inclusion_get, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/ledger/proof/consistency", consistency_get, SH_ROUTE_PUBLIC},
    {"GET", "/api/v1/ledger/leaves", leaves_get, SH_ROUTE_PUBLIC},
    {0},
};
