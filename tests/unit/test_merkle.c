/* The ledger's math and formats against public vectors:
 * - RFC 6962 leaf inputs, subtree and root hashes: testonly/constants.go of github:transparency-dev/merkle
 *   at commit 417fb0c314750d94e53942e9f92e79b6d35915db;
 * - inclusion and consistency proofs with their expected verdicts: that commit's testdata/ (merkle_vectors.h);
 * - the C2SP signed-note Ed25519 example: sumdb/note/note_test.go (TestSign, TestNewVerifier) of
 *   github:golang/mod at commit fe2ec04f7c3c3aa6fad97631aafcff6e49e2d1db.
 * Then the store: appends, proofs from stored subtrees, a changed byte detected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/merkle.h"
#include "core/note.h"
#include "domain/ledger/checkpoint.h"
#include "domain/ledger/ledger.h"
#include "merkle_vectors.h"
#include "testutil.h"

static void hex32(const char *hex, sh_merkle_hash out)
{
    assert_int_equal(sodium_hex2bin(out, 32, hex, 64, NULL, NULL, NULL), 0);
}

/* the 8 leaf inputs of testonly.LeafInputs() and the roots of trees of 1..8 of them (RootHashes()) */
static const char *const leaf_inputs[] = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
static const char *const roots[] = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125", "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7", "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef", "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

/* an in-memory tree: every complete subtree's hash, computed from the leaves */
typedef struct mem_tree {
    sh_merkle_hash nodes[8][64];
    uint64_t size;
} mem_tree;

static int mem_get(void *ctx, unsigned level, uint64_t index, sh_merkle_hash out)
{
    mem_tree *t = ctx;
    if (level >= 8 || ((index + 1) << level) > t->size)
        return -99; /* a proof asked for a subtree that is not complete */
    memcpy(out, t->nodes[level][index], 32);
    return 0;
}

static void mem_build(mem_tree *t, const sh_merkle_hash *leaves, uint64_t n)
{
    memset(t, 0, sizeof *t);
    t->size = n;
    for (uint64_t i = 0; i < n; i++)
        memcpy(t->nodes[0][i], leaves[i], 32);
    for (unsigned l = 1; l < 8; l++)
        for (uint64_t i = 0; ((i + 1) << l) <= n; i++)
            sh_merkle_node_hash(t->nodes[l - 1][2 * i], t->nodes[l - 1][2 * i + 1], t->nodes[l][i]);
}

static void vector_tree(mem_tree *t)
{
    sh_merkle_hash leaves[8];
    for (int i = 0; i < 8; i++) {
        uint8_t in[16];
        size_t n = 0;
        assert_int_equal(sodium_hex2bin(in, sizeof in, leaf_inputs[i], strlen(leaf_inputs[i]), NULL, &n, NULL), 0);
        sh_merkle_leaf_hash(in, n, leaves[i]);
    }
    mem_build(t, leaves, 8);
}

static void test_roots(void **state)
{
    (void)state;
    mem_tree t;
    vector_tree(&t);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, t.nodes[0][1], 32);
    assert_string_equal(hex, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"); /* NodeHashes()[0][1] */
    sh_merkle_stream s;
    sh_merkle_stream_init(&s);
    for (uint64_t n = 0; n <= 8; n++) {
        sh_merkle_hash want, got, streamed;
        hex32(roots[n], want);
        assert_int_equal(sh_merkle_root(n, mem_get, &t, got), 0);
        assert_memory_equal(got, want, 32);
        sh_merkle_stream_root(&s, streamed);
        assert_memory_equal(streamed, want, 32);
        if (n < 8)
            sh_merkle_stream_push(&s, t.nodes[0][n]);
    }
}

/* base64 into a hash: -1 unless exactly 32 bytes (our API refuses other lengths, as the CLI does) */
static int b64_hash(json_t *v, sh_merkle_hash out)
{
    const char *s = json_string_value(v);
    size_t n = 0;
    uint8_t buf[64];
    if (!s || sodium_base642bin(buf, sizeof buf, s, strlen(s), NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 || n != 32)
        return -1;
    memcpy(out, buf, 32);
    return 0;
}

/* numbers are read as doubles: the vectors hold 2^64 - 1 (leafIdx-sub-@1), which no json_int_t holds and a
 * double rounds up to 2^64; every other number is small and exact */
static uint64_t num(json_t *v, const char *key)
{
    double d = json_number_value(json_object_get(v, key));
    return d >= 18446744073709551615.0 ? UINT64_MAX : (uint64_t)d;
}

static int b64_proof(json_t *a, sh_merkle_hash *out, size_t *n)
{
    *n = json_array_size(a);
    for (size_t i = 0; i < *n; i++)
        if (b64_hash(json_array_get(a, i), out[i]) != 0)
            return -1;
    return 0;
}

static void test_inclusion_vectors(void **state)
{
    (void)state;
    int checked = 0;
    for (size_t i = 0; i < sizeof inclusion_vectors / sizeof *inclusion_vectors; i++) {
        json_t *v = json_loads(inclusion_vectors[i], JSON_DECODE_INT_AS_REAL, NULL);
        assert_non_null(v);
        sh_merkle_hash leaf, root, proof[SH_MERKLE_MAX_PROOF];
        size_t n = 0;
        int want_err = json_is_true(json_object_get(v, "wantErr"));
        int decoded = b64_hash(json_object_get(v, "leafHash"), leaf) == 0 && b64_hash(json_object_get(v, "root"), root) == 0 &&
                      b64_proof(json_object_get(v, "proof"), proof, &n) == 0;
        int ok = decoded && sh_merkle_verify_inclusion(num(v, "leafIdx"), num(v, "treeSize"), leaf, proof, n, root) == 0;
        if (ok == want_err)
            fail_msg("inclusion vector %zu: %s", i, inclusion_vectors[i]);
        json_decref(v);
        checked++;
    }
    assert_true(checked > 60);
}

static void test_consistency_vectors(void **state)
{
    (void)state;
    int checked = 0;
    for (size_t i = 0; i < sizeof consistency_vectors / sizeof *consistency_vectors; i++) {
        json_t *v = json_loads(consistency_vectors[i], JSON_DECODE_INT_AS_REAL, NULL);
        assert_non_null(v);
        sh_merkle_hash r1, r2, proof[SH_MERKLE_MAX_PROOF];
        size_t n = 0;
        int want_err = json_is_true(json_object_get(v, "wantErr"));
        int decoded = b64_hash(json_object_get(v, "root1"), r1) == 0 && b64_hash(json_object_get(v, "root2"), r2) == 0 &&
                      b64_proof(json_object_get(v, "proof"), proof, &n) == 0;
        if (!decoded && !want_err) { /* sizes-are-equal-one-and-proof-is-empty: equal 12-byte "roots"; not a hash we take */
            json_decref(v);
            continue;
        }
        int ok = decoded && sh_merkle_verify_consistency(num(v, "size1"), num(v, "size2"), r1, r2, proof, n) == 0;
        if (ok == want_err)
            fail_msg("consistency vector %zu: %s", i, consistency_vectors[i]);
        json_decref(v);
        checked++;
    }
    assert_true(checked > 80);
}

/* Every proof we build for trees of 1..64 leaves verifies, and fails with any one bit changed. */
static void test_generated_proofs(void **state)
{
    (void)state;
    static mem_tree t;
    sh_merkle_hash leaves[64];
    for (int i = 0; i < 64; i++) {
        uint8_t b = (uint8_t)i;
        sh_merkle_leaf_hash(&b, 1, leaves[i]);
    }
    mem_build(&t, leaves, 64);
    sh_merkle_hash proof[SH_MERKLE_MAX_PROOF], r1, r2;
    size_t n;
    for (uint64_t size = 1; size <= 64; size++) {
        t.size = size;
        assert_int_equal(sh_merkle_root(size, mem_get, &t, r2), 0);
        for (uint64_t i = 0; i < size; i++) {
            assert_int_equal(sh_merkle_inclusion(i, size, mem_get, &t, proof, &n), 0);
            assert_int_equal(sh_merkle_verify_inclusion(i, size, leaves[i], proof, n, r2), 0);
            if (n > 0) {
                proof[n - 1][31] ^= 1;
                assert_int_not_equal(sh_merkle_verify_inclusion(i, size, leaves[i], proof, n, r2), 0);
            }
            assert_int_not_equal(sh_merkle_verify_inclusion(i, size, leaves[(i + 1) % 64], proof, n, r2), 0);
        }
        for (uint64_t first = 1; first <= size; first++) {
            t.size = size;
            assert_int_equal(sh_merkle_root(first, mem_get, &t, r1), 0);
            assert_int_equal(sh_merkle_consistency(first, size, mem_get, &t, proof, &n), 0);
            assert_int_equal(sh_merkle_verify_consistency(first, size, r1, r2, proof, n), 0);
            if (n > 0) {
                proof[0][0] ^= 0x80;
                assert_int_not_equal(sh_merkle_verify_consistency(first, size, r1, r2, proof, n), 0);
            }
        }
    }
    assert_int_not_equal(sh_merkle_inclusion(3, 3, mem_get, &t, proof, &n), 0);
    assert_int_not_equal(sh_merkle_consistency(0, 3, mem_get, &t, proof, &n), 0);
}

/* golang.org/x/mod/sumdb/note: skey "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz" holds
 * 0x01 ‖ the Ed25519 seed; Ed25519 is deterministic, so the signed note must match theirs byte for byte. */
static void test_signed_note(void **state)
{
    (void)state;
    const char *b64 = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    uint8_t k[33];
    size_t n = 0;
    assert_int_equal(sodium_base642bin(k, sizeof k, b64, strlen(b64), NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
    assert_int_equal(n, 33);
    sh_note_signer s;
    assert_int_equal(sh_note_signer_init(&s, "PeterNeumann", k + 1), 0);
    char vkey[SH_NOTE_VKEY_MAX];
    sh_note_verifier_key(&s, vkey);
    assert_string_equal(vkey, "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    const char *text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    char *note = NULL;
    assert_int_equal(sh_note_sign(&s, text, &note), 0);
    assert_string_equal(note, "If you think cryptography is the answer to your problem,\n"
                              "then you don't know what your problem is.\n"
                              "\n"
                              "\xe2\x80\x94 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n");
    size_t len = 0;
    assert_int_equal(sh_note_verify(vkey, note, &len), 0);
    assert_int_equal(len, strlen(text));
    note[3] ^= 1; /* a changed byte of the text */
    assert_int_not_equal(sh_note_verify(vkey, note, &len), 0);
    note[3] ^= 1;
    vkey[14] = vkey[14] == '0' ? '1' : '0'; /* a wrong key hash */
    assert_int_not_equal(sh_note_verify(vkey, note, &len), 0);
    free(note);
    assert_int_not_equal(sh_note_sign(&s, "no final newline", &note), 0);
    assert_int_not_equal(sh_note_sign(&s, "a blank line\n\ninside\n", &note), 0);
    assert_null(note);
    assert_int_not_equal(sh_note_signer_init(&s, "a+b", k + 1), 0);
    assert_int_not_equal(sh_note_signer_init(&s, "two words", k + 1), 0);
}

static void test_checkpoint_body(void **state)
{
    (void)state;
    sh_merkle_hash root, back;
    hex32(roots[8], root);
    char body[300], origin[64];
    sh_checkpoint_body("example.com/log", 8, root, body, sizeof body);
    assert_string_equal(body, "example.com/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n");
    uint64_t size = 0;
    assert_int_equal(sh_checkpoint_parse(body, strlen(body), origin, sizeof origin, &size, back), 0);
    assert_string_equal(origin, "example.com/log");
    assert_int_equal(size, 8);
    assert_memory_equal(back, root, 32);
    const char *bad[] = {"o\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n", "o\n8\nXcnaeacGWamtVZy3Ad7Zo\n", "o\n-1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
                         "o\n8\n"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_not_equal(sh_checkpoint_parse(bad[i], strlen(bad[i]), origin, sizeof origin, &size, back), 0);
}

/* The store: 37 appends, the stored root equals the recomputed one and the in-memory one, proofs verify,
 * a checkpoint's note verifies, and one changed byte of a stored entry is found. */
static void test_store(void **state)
{
    (void)state;
    sh_db *db = fixture_db();
    assert_non_null(db);
    sh_err err = {0};
    sh_ledger_use_seed(fixed_ledger_seed);
    sh_ledger_use_origin("test.example/ledger");
    static mem_tree t;
    sh_merkle_hash leaves[64];
    assert_int_equal(sh_db_begin(db, &err), 0);
    uint64_t before = 0;
    assert_int_equal(sh_ledger_size(db, &before, &err), 0);
    /* the fixture's seeding is audited, so its entries come first: those are leaves 0..base-1 */
    uint64_t base = before;
    assert_true(base <= 27);
    json_t *page = NULL;
    assert_int_equal(sh_ledger_leaves(db, 0, 64, &page, &err), 0);
    for (uint64_t i = 0; i < base; i++)
        hex32(json_string_value(json_object_get(json_array_get(json_object_get(page, "items"), i), "leaf_hash")), leaves[i]);
    json_decref(page);
    for (int i = 0; i < 37; i++) {
        sh_merkle_hash e;
        uint8_t b = (uint8_t)i;
        crypto_hash_sha256(e, &b, 1);
        int64_t idx = -1;
        assert_int_equal(sh_ledger_append(db, "evidence", "attachment:1", e, &idx, &err), 0);
        assert_int_equal(idx, (int64_t)base + i);
        sh_merkle_leaf_hash(e, 32, leaves[base + i]);
    }
    assert_int_equal(sh_db_commit(db, &err), 0);
    const uint64_t total = base + 37;
    mem_build(&t, leaves, total);
    sh_merkle_hash stored, mem, recomputed;
    for (uint64_t size = 1; size <= total; size += 6) {
        assert_int_equal(sh_ledger_root(db, size, stored, &err), 0);
        assert_int_equal(sh_merkle_root(size, mem_get, &t, mem), 0);
        assert_memory_equal(stored, mem, 32);
        assert_int_equal(sh_ledger_recompute(db, size, recomputed, &err), 0);
        assert_memory_equal(recomputed, mem, 32);
    }
    assert_int_equal(sh_merkle_root(total, mem_get, &t, mem), 0);
    for (int64_t i = 0; i < (int64_t)total; i += 5) { /* the stored proofs verify against the in-memory root */
        json_t *q = NULL;
        assert_int_equal(sh_ledger_inclusion(db, i, (int64_t)total, &q, &err), 0);
        json_t *a = json_object_get(q, "proof");
        sh_merkle_hash proof[SH_MERKLE_MAX_PROOF];
        for (size_t k = 0; k < json_array_size(a); k++)
            hex32(json_string_value(json_array_get(a, k)), proof[k]);
        assert_int_equal(sh_merkle_verify_inclusion((uint64_t)i, total, leaves[i], proof, json_array_size(a), mem), 0);
        json_decref(q);
    }
    json_t *p = NULL;
    assert_int_equal(sh_ledger_inclusion(db, (int64_t)total, (int64_t)total, &p, &err), SH_EINVAL);
    assert_int_equal(sh_ledger_inclusion(db, 1, (int64_t)total + 1, &p, &err), SH_EINVAL);
    assert_string_equal(err.field, "size");

    uint64_t size = 0;
    int made = 0;
    assert_int_equal(sh_ledger_checkpoint(db, &size, &made, &err), 0);
    assert_int_equal(size, total);
    assert_int_equal(made, 1);
    assert_int_equal(sh_ledger_checkpoint(db, &size, &made, &err), 0);
    assert_int_equal(made, 0); /* the tree did not grow */
    char *note = NULL, vkey[SH_NOTE_VKEY_MAX];
    assert_int_equal(sh_ledger_latest(db, &note, &size, &err), 0);
    sh_note_signer s;
    assert_int_equal(sh_ledger_signer(&s, &err), 0);
    sh_note_verifier_key(&s, vkey);
    size_t len = 0;
    assert_int_equal(sh_note_verify(vkey, note, &len), 0);
    char origin[64];
    sh_merkle_hash root;
    assert_int_equal(sh_checkpoint_parse(note, len, origin, sizeof origin, &size, root), 0);
    assert_string_equal(origin, "test.example/ledger");
    assert_memory_equal(root, mem, 32);
    free(note);

    /* a changed byte of an entry at rest: its leaf hash no longer matches */
    assert_int_equal(sh_db_exec(db, "UPDATE ledger_leaves SET entry_hash = '0' || substr(entry_hash, 2) WHERE idx = 30", &err), 0);
    assert_int_equal(sh_ledger_recompute(db, total, recomputed, &err), SH_EINVAL);
    assert_non_null(strstr(err.message, "30"));
    sh_db_close(db);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roots),           cmocka_unit_test(test_inclusion_vectors), cmocka_unit_test(test_consistency_vectors),
        cmocka_unit_test(test_generated_proofs), cmocka_unit_test(test_signed_note),       cmocka_unit_test(test_checkpoint_body),
        cmocka_unit_test(test_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
