#include "core/merkle.h"

#include <sodium.h>
#include <string.h>

void sh_merkle_leaf_hash(const void *entry, size_t len, sh_merkle_hash out)
{
    crypto_hash_sha256_state st;
    const uint8_t prefix = 0x00;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, &prefix, 1);
    crypto_hash_sha256_update(&st, entry, len);
    crypto_hash_sha256_final(&st, out);
}

void sh_merkle_node_hash(const sh_merkle_hash left, const sh_merkle_hash right, sh_merkle_hash out)
{
    uint8_t buf[1 + 2 * SH_MERKLE_HASH];
    buf[0] = 0x01;
    memcpy(buf + 1, left, SH_MERKLE_HASH);
    memcpy(buf + 1 + SH_MERKLE_HASH, right, SH_MERKLE_HASH);
    crypto_hash_sha256(out, buf, sizeof buf);
}

/* the largest power of two smaller than n (n >= 2) */
static uint64_t split_of(uint64_t n)
{
    uint64_t k = 1;
    while (k << 1 < n)
        k <<= 1;
    return k;
}

static unsigned log2_of(uint64_t pow2)
{
    unsigned l = 0;
    while ((UINT64_C(1) << l) < pow2)
        l++;
    return l;
}

/* MTH(D[lo:lo+n]), n >= 1; lo is a multiple of the largest power of two <= n in every call the RFC's
 * recursion makes, so a power-of-two range is one stored subtree. */
static int subtree(uint64_t lo, uint64_t n, sh_merkle_node_fn get, void *ctx, sh_merkle_hash out)
{
    if ((n & (n - 1)) == 0) {
        unsigned level = log2_of(n);
        return get(ctx, level, lo >> level, out);
    }
    uint64_t k = split_of(n);
    sh_merkle_hash l, r;
    int rc = subtree(lo, k, get, ctx, l);
    if (rc == 0)
        rc = subtree(lo + k, n - k, get, ctx, r);
    if (rc == 0)
        sh_merkle_node_hash(l, r, out);
    return rc;
}

int sh_merkle_root(uint64_t size, sh_merkle_node_fn get, void *ctx, sh_merkle_hash out)
{
    if (size == 0) {
        crypto_hash_sha256(out, NULL, 0);
        return 0;
    }
    return subtree(0, size, get, ctx, out);
}

typedef struct proof_out {
    sh_merkle_hash *h;
    size_t n;
} proof_out;

static int append(proof_out *p, uint64_t lo, uint64_t n, sh_merkle_node_fn get, void *ctx)
{
    if (p->n >= SH_MERKLE_MAX_PROOF)
        return -1;
    int rc = subtree(lo, n, get, ctx, p->h[p->n]);
    if (rc == 0)
        p->n++;
    return rc;
}

static int path(uint64_t m, uint64_t lo, uint64_t n, sh_merkle_node_fn get, void *ctx, proof_out *p)
{
    if (n <= 1)
        return 0;
    uint64_t k = split_of(n);
    int rc = m < k ? path(m, lo, k, get, ctx, p) : path(m - k, lo + k, n - k, get, ctx, p);
    if (rc == 0)
        rc = m < k ? append(p, lo + k, n - k, get, ctx) : append(p, lo, k, get, ctx);
    return rc;
}

int sh_merkle_inclusion(uint64_t index, uint64_t size, sh_merkle_node_fn get, void *ctx, sh_merkle_hash proof[SH_MERKLE_MAX_PROOF],
                        size_t *ret_n)
{
    *ret_n = 0;
    if (index >= size)
        return -1;
    proof_out p = {proof, 0};
    int rc = path(index, 0, size, get, ctx, &p);
    *ret_n = p.n;
    return rc;
}

/* SUBPROOF(m, D[lo:lo+n], b) */
static int subproof(uint64_t m, uint64_t lo, uint64_t n, int b, sh_merkle_node_fn get, void *ctx, proof_out *p)
{
    if (m == n)
        return b ? 0 : append(p, lo, n, get, ctx);
    uint64_t k = split_of(n);
    int rc = m <= k ? subproof(m, lo, k, b, get, ctx, p) : subproof(m - k, lo + k, n - k, 0, get, ctx, p);
    if (rc == 0)
        rc = m <= k ? append(p, lo + k, n - k, get, ctx) : append(p, lo, k, get, ctx);
    return rc;
}

int sh_merkle_consistency(uint64_t first, uint64_t second, sh_merkle_node_fn get, void *ctx,
                          sh_merkle_hash proof[SH_MERKLE_MAX_PROOF], size_t *ret_n)
{
    *ret_n = 0;
    if (first == 0 || first > second)
        return -1;
    proof_out p = {proof, 0};
    int rc = subproof(first, 0, second, 1, get, ctx, &p);
    *ret_n = p.n;
    return rc;
}

int sh_merkle_verify_inclusion(uint64_t index, uint64_t size, const sh_merkle_hash leaf, const sh_merkle_hash *proof, size_t n,
                               const sh_merkle_hash root)
{
    if (index >= size)
        return -1;
    uint64_t fn = index, sn = size - 1;
    sh_merkle_hash r;
    memcpy(r, leaf, SH_MERKLE_HASH);
    for (size_t i = 0; i < n; i++) {
        if (sn == 0)
            return -1;
        if ((fn & 1) || fn == sn) {
            sh_merkle_node_hash(proof[i], r, r);
            while (!(fn & 1) && fn != 0) {
                fn >>= 1;
                sn >>= 1;
            }
        } else {
            sh_merkle_node_hash(r, proof[i], r);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && memcmp(r, root, SH_MERKLE_HASH) == 0 ? 0 : -1;
}

int sh_merkle_verify_consistency(uint64_t first, uint64_t second, const sh_merkle_hash root1, const sh_merkle_hash root2,
                                 const sh_merkle_hash *proof, size_t n)
{
    if (second < first || first == 0) /* from an empty tree a proof says nothing */
        return -1;
    if (first == second)
        return n == 0 && memcmp(root1, root2, SH_MERKLE_HASH) == 0 ? 0 : -1;
    if (n == 0)
        return -1;
    /* a first tree of a power of two leaves is itself a node of the second: its root starts the path */
    size_t i = 0;
    sh_merkle_hash fr, sr;
    if ((first & (first - 1)) == 0) {
        memcpy(fr, root1, SH_MERKLE_HASH);
    } else {
        memcpy(fr, proof[0], SH_MERKLE_HASH);
        i = 1;
    }
    memcpy(sr, fr, SH_MERKLE_HASH);
    uint64_t fn = first - 1, sn = second - 1;
    while (fn & 1) {
        fn >>= 1;
        sn >>= 1;
    }
    for (; i < n; i++) {
        if (sn == 0)
            return -1;
        if ((fn & 1) || fn == sn) {
            sh_merkle_node_hash(proof[i], fr, fr);
            sh_merkle_node_hash(proof[i], sr, sr);
            while (!(fn & 1) && fn != 0) {
                fn >>= 1;
                sn >>= 1;
            }
        } else {
            sh_merkle_node_hash(sr, proof[i], sr);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && memcmp(fr, root1, SH_MERKLE_HASH) == 0 && memcmp(sr, root2, SH_MERKLE_HASH) == 0 ? 0 : -1;
}

void sh_merkle_stream_init(sh_merkle_stream *s)
{
    memset(s, 0, sizeof *s);
}

void sh_merkle_stream_push(sh_merkle_stream *s, const sh_merkle_hash leaf)
{
    memcpy(s->stack[s->depth], leaf, SH_MERKLE_HASH);
    s->level[s->depth++] = 0;
    /* two complete subtrees of one height merge, as the binary count of leaves carries */
    while (s->depth >= 2 && s->level[s->depth - 1] == s->level[s->depth - 2]) {
        sh_merkle_node_hash(s->stack[s->depth - 2], s->stack[s->depth - 1], s->stack[s->depth - 2]);
        s->level[s->depth - 2]++;
        s->depth--;
    }
    s->size++;
}

void sh_merkle_stream_root(const sh_merkle_stream *s, sh_merkle_hash out)
{
    if (s->depth == 0) {
        crypto_hash_sha256(out, NULL, 0);
        return;
    }
    /* the smaller subtrees on the right fold into the larger ones on the left */
    memcpy(out, s->stack[s->depth - 1], SH_MERKLE_HASH);
    for (unsigned i = s->depth - 1; i-- > 0;)
        sh_merkle_node_hash(s->stack[i], out, out);
}
