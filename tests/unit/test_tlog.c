/* The ledger's C2SP formats: tlog-tiles paths (the spec's own examples: index 1234067 is x001/x234/067;
 * a tree of 70,000 leaves has 273 full level-0 tiles, one of width 112, one full level-1 tile, one of
 * width 17 and one level-2 tile of width 1; a tree of 256, a full level-0 tile and a level-1 tile of
 * width 1), tiles and entry bundles read from the store against the tree recomputed from its leaves,
 * tlog-proof files (every changed byte refused), cosignature/v1 lines (a changed byte refused). */
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
#include "core/tlog.h"
#include "domain/ledger/checkpoint.h"
#include "domain/ledger/ledger.h"
#include "testutil.h"

static void roundtrip(const char *path, int level, uint64_t n, unsigned width)
{
    sh_tlog_tile t;
    assert_int_equal(sh_tlog_tile_parse(path, &t), 0);
    assert_int_equal(t.level, level);
    assert_true(t.n == n);
    assert_int_equal(t.width, width);
    char again[64];
    sh_tlog_tile_path(&t, again, sizeof again);
    assert_string_equal(again, path);
}

static void test_paths(void **state)
{
    (void)state;
    roundtrip("0/x001/x234/067", 0, 1234067, 256);
    roundtrip("0/000", 0, 0, 256);
    roundtrip("1/005.p/17", 1, 5, 17);
    roundtrip("63/x999/999.p/255", 63, 999999, 255);
    roundtrip("entries/x001/000", SH_TLOG_ENTRIES, 1000, 256);
    roundtrip("entries/272.p/112", SH_TLOG_ENTRIES, 272, 112);
    roundtrip("2/x018/x446/x744/x073/x709/x551/615", 2, UINT64_MAX, 256);
    const char *bad[] = {"", "0", "0/", "0/1", "0/01", "0/0001", "0/x000/001", "0/x001", "0/001/", "00/000", "64/000", "-1/000", "a/000",
                         "0/000.p/0", "0/000.p/256", "0/000.p/07", "0/000.p/", "0/000.p", "0/000.x/5", "entries/", "entries/x001",
                         "entries/1", "0/000/../001", "2/x018/x446/x744/x073/x709/x551/616", "0/x001/x002/x003/x004/x005/x006/x007/008"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sh_tlog_tile t;
        if (sh_tlog_tile_parse(bad[i], &t) == 0)
            fail_msg("accepted %s", bad[i]);
    }
}

static int within(uint64_t size, int level, uint64_t n, unsigned w)
{
    sh_tlog_tile t = {level, n, w};
    return sh_tlog_tile_within(&t, size) == 0;
}

static void test_tiles_of_a_tree(void **state)
{
    (void)state;
    /* c2sp.org/tlog-tiles: "a tree of size 70,000 will be represented by 273 full level 0 tiles, one
     * partial level 0 tile of width 112, one full level 1 tile, one partial level 1 tile of width 17,
     * and one partial level 2 tile of width 1" */
    assert_true(sh_tlog_level_width(70000, 0) == 70000);
    assert_true(within(70000, 0, 272, 256) && !within(70000, 0, 273, 256));
    assert_true(within(70000, 0, 273, 112) && !within(70000, 0, 273, 113));
    assert_true(within(70000, SH_TLOG_ENTRIES, 273, 112) && !within(70000, SH_TLOG_ENTRIES, 274, 1));
    assert_true(within(70000, 1, 0, 256) && !within(70000, 1, 1, 256) && within(70000, 1, 1, 17) && !within(70000, 1, 1, 18));
    assert_true(within(70000, 2, 0, 1) && !within(70000, 2, 0, 2) && !within(70000, 3, 0, 1));
    /* an older checkpoint's partial tile stays servable: a narrower width of the same tile */
    assert_true(within(70000, 0, 273, 5));
    /* "a tree of size 256 will be represented by a full level 0 tile and a partial level 1 tile of width 1" */
    assert_true(within(256, 0, 0, 256) && !within(256, 0, 1, 1) && within(256, 1, 0, 1) && !within(256, 1, 0, 2));
    assert_false(within(0, 0, 0, 1));
    assert_false(within(UINT64_MAX, 8, 0, 1)); /* level 8 starts at 2^64 leaves */
    assert_true(within(UINT64_MAX, 7, 0, 255));
}

/* a hash tile's hashes, and the tree's root from the tiles alone, as a client of the tiles computes it */
static void test_store_tiles(void **state)
{
    (void)state;
    sh_db *db = fixture_db();
    assert_non_null(db);
    sh_err err = {0};
    sh_ledger_use_seed(fixed_ledger_seed);
    sh_ledger_use_origin("test.example/ledger");
    uint64_t base = 0;
    assert_int_equal(sh_ledger_size(db, &base, &err), 0);
    const uint64_t total = 600;
    assert_int_equal(sh_db_begin(db, &err), 0);
    for (uint64_t i = base; i < total; i++) {
        sh_merkle_hash e;
        uint8_t b[8];
        for (int k = 0; k < 8; k++)
            b[k] = (uint8_t)(i >> (8 * k));
        crypto_hash_sha256(e, b, sizeof b);
        assert_int_equal(sh_ledger_append(db, "evidence", "attachment:1", e, NULL, &err), 0);
    }
    assert_int_equal(sh_db_commit(db, &err), 0);
    uint64_t size = 0;
    assert_int_equal(sh_ledger_checkpoint(db, &size, NULL, &err), 0);
    assert_true(size == total);

    /* level 0: tiles 0 and 1 full, tile 2 of width 600 - 512 = 88; the entries hash to them */
    sh_merkle_stream s;
    sh_merkle_stream_init(&s);
    sh_merkle_hash l1[2];
    for (uint64_t n = 0; n < 3; n++) {
        sh_tlog_tile t = {0, n, n < 2 ? 256 : 88}, e = {SH_TLOG_ENTRIES, n, t.width};
        uint8_t *tile = NULL, *bundle = NULL;
        size_t len = 0, blen = 0;
        assert_int_equal(sh_ledger_tile(db, &t, size, &tile, &len, &err), 0);
        assert_int_equal(len, 32 * t.width);
        assert_int_equal(sh_ledger_tile(db, &e, size, &bundle, &blen, &err), 0);
        assert_int_equal(blen, 34 * t.width);
        sh_merkle_stream sub;
        sh_merkle_stream_init(&sub);
        for (unsigned i = 0; i < t.width; i++) {
            sh_merkle_hash leaf;
            assert_int_equal(bundle[34 * i], 0);
            assert_int_equal(bundle[34 * i + 1], 32);
            sh_merkle_leaf_hash(bundle + 34 * i + 2, 32, leaf);
            assert_memory_equal(leaf, tile + 32 * i, 32);
            sh_merkle_stream_push(&s, tile + 32 * i);
            sh_merkle_stream_push(&sub, tile + 32 * i);
        }
        if (n < 2)
            sh_merkle_stream_root(&sub, l1[n]);
        free(tile);
        free(bundle);
    }
    /* level 1: width 2, each the root of a full level-0 tile */
    sh_tlog_tile t1 = {1, 0, 2};
    uint8_t *tile = NULL;
    size_t len = 0;
    assert_int_equal(sh_ledger_tile(db, &t1, size, &tile, &len, &err), 0);
    assert_int_equal(len, 64);
    assert_memory_equal(tile, l1[0], 32);
    assert_memory_equal(tile + 32, l1[1], 32);
    free(tile);
    sh_merkle_hash from_tiles, stored;
    sh_merkle_stream_root(&s, from_tiles);
    assert_int_equal(sh_ledger_root(db, size, stored, &err), 0);
    assert_memory_equal(from_tiles, stored, 32);

    /* beyond the checkpoint: not served */
    sh_tlog_tile past[] = {{0, 2, 89}, {0, 2, 256}, {0, 3, 1}, {1, 0, 3}, {2, 0, 1}, {SH_TLOG_ENTRIES, 2, 89}};
    for (size_t i = 0; i < sizeof past / sizeof past[0]; i++) {
        assert_int_equal(sh_ledger_tile(db, &past[i], size, &tile, &len, &err), SH_ENOTFOUND);
        assert_null(tile);
    }
    sh_db_close(db);
}

/* the checks of `shian ledger verify --bundle`, as the CLI runs them */
static int check_bundle(const char *text, const sh_note_key *keys, size_t nkeys)
{
    sh_tlog_proof *p = malloc(sizeof *p);
    char why[200], origin[SH_NOTE_NAME_MAX];
    size_t len = 0;
    uint64_t size = 0;
    sh_merkle_hash root, leaf;
    int ok = p && sh_tlog_proof_parse(text, p, why, sizeof why) == 0 && sh_note_verify_strict(p->checkpoint, keys, nkeys, &len, NULL, why, sizeof why) == 0 &&
             sh_checkpoint_parse(p->checkpoint, len, origin, sizeof origin, &size, root) == 0 && p->has_extra && p->extra_len == 32;
    if (ok) {
        sh_merkle_leaf_hash(p->extra, 32, leaf);
        ok = sh_merkle_verify_inclusion(p->index, size, leaf, (const sh_merkle_hash *)p->proof, p->n, root) == 0;
    }
    free(p);
    return ok ? 0 : -1;
}

static void test_bundle_and_cosignature(void **state)
{
    (void)state;
    sh_db *db = fixture_db();
    assert_non_null(db);
    sh_err err = {0};
    sh_ledger_use_seed(fixed_ledger_seed);
    sh_ledger_use_origin("test.example/ledger");
    assert_int_equal(sh_db_begin(db, &err), 0);
    for (int i = 0; i < 21; i++) {
        sh_merkle_hash e;
        uint8_t b = (uint8_t)i;
        crypto_hash_sha256(e, &b, 1);
        assert_int_equal(sh_ledger_append(db, "document", "case_document:1", e, NULL, &err), 0);
    }
    assert_int_equal(sh_db_commit(db, &err), 0);
    uint64_t size = 0;
    assert_int_equal(sh_ledger_checkpoint(db, &size, NULL, &err), 0);

    sh_note_signer log, w;
    char lk[SH_NOTE_VKEY_MAX], wk[SH_NOTE_VKEY_MAX];
    assert_int_equal(sh_ledger_signer(&log, &err), 0);
    sh_note_verifier_key(&log, lk);
    uint8_t seed[32];
    memset(seed, 9, sizeof seed);
    assert_int_equal(sh_cosig_signer_init(&w, "city.example/witness", seed), 0);
    sh_cosig_verifier_key(&w, wk);
    sh_note_key keys[2];
    assert_int_equal(sh_note_key_parse(lk, &keys[0]), 0);
    assert_int_equal(sh_note_key_parse(wk, &keys[1]), 0);
    assert_int_equal(keys[0].alg, SH_NOTE_ALG_ED25519);
    assert_int_equal(keys[1].alg, SH_NOTE_ALG_COSIG);
    /* the key hash commits to the type: the witness's key under type 0x01 is another key hash */
    assert_memory_not_equal(keys[1].key_hash, log.key_hash, 4);

    /* a cosignature of the checkpoint: refused with no witness configured, with a changed byte, by an
     * unknown key, for another size; taken from the configured witness */
    char *note = NULL, *line = NULL;
    assert_int_equal(sh_ledger_latest(db, &note, NULL, &err), 0);
    size_t text_len = (size_t)(strstr(note, "\n\n") - note) + 1;
    char text[256];
    memcpy(text, note, text_len);
    text[text_len] = '\0';
    free(note);
    assert_int_equal(sh_cosig_sign(&w, text, 1764979200, &line), 0);
    uint64_t t = 0;
    assert_int_equal(sh_note_check_line(&keys[1], text, text_len, line, strlen(line), &t), 0);
    assert_true(t == 1764979200);
    text[5] ^= 1;
    assert_int_equal(sh_note_check_line(&keys[1], text, text_len, line, strlen(line), &t), 1);
    text[5] ^= 1;
    for (size_t i = 0; i + 1 < strlen(line); i++) { /* every byte of the line but its newline */
        line[i] ^= 1;
        if (sh_note_check_line(&keys[1], text, text_len, line, strlen(line), &t) == 0)
            fail_msg("a changed byte %zu of the cosignature verified", i);
        line[i] ^= 1;
    }
    json_t *out = NULL;
    assert_int_equal(sh_ledger_cosign(db, "", (int64_t)size, line, &out, &err), SH_EPERM);
    char wrong_key[SH_NOTE_VKEY_MAX];
    sh_note_signer other;
    memset(seed, 10, sizeof seed);
    assert_int_equal(sh_cosig_signer_init(&other, "city.example/witness", seed), 0);
    sh_cosig_verifier_key(&other, wrong_key);
    assert_int_equal(sh_ledger_cosign(db, wrong_key, (int64_t)size, line, &out, &err), SH_EPERM);
    assert_int_equal(sh_ledger_cosign(db, wk, (int64_t)size - 1, line, &out, &err), SH_ENOTFOUND);
    line[20] ^= 1;
    assert_int_equal(sh_ledger_cosign(db, wk, (int64_t)size, line, &out, &err), SH_EPERM);
    line[20] ^= 1;
    assert_int_equal(sh_ledger_cosign(db, wk, (int64_t)size, line, &out, &err), 0);
    assert_string_equal(json_string_value(json_object_get(out, "witness")), "city.example/witness");
    json_decref(out);
    free(line);

    /* the proof file: the latest checkpoint with the cosignature; verifies; a changed byte anywhere fails */
    char *file = NULL;
    assert_int_equal(sh_ledger_proof_file(db, 13, &file, &err), 0);
    assert_non_null(strstr(file, "c2sp.org/tlog-proof@v1\nextra "));
    assert_non_null(strstr(file, "\nindex 13\n"));
    assert_non_null(strstr(file, "\xe2\x80\x94 city.example/witness "));
    assert_int_equal(check_bundle(file, keys, 2), 0);
    assert_int_not_equal(check_bundle(file, keys, 1), 0); /* the witness's line, with no key for it */
    for (size_t i = 0; file[i]; i++) {
        file[i] ^= 1;
        if (check_bundle(file, keys, 2) == 0)
            fail_msg("a changed byte %zu of the proof file verified: %s", i, file);
        file[i] ^= 1;
    }
    sh_tlog_proof p;
    char why[200];
    assert_int_equal(sh_tlog_proof_parse(file, &p, why, sizeof why), 0);
    char *again = NULL;
    assert_int_equal(sh_tlog_proof_format(p.index, p.extra, p.extra_len, (const sh_merkle_hash *)p.proof, p.n, p.checkpoint, &again), 0);
    assert_string_equal(again, file);
    free(again);
    free(file);
    assert_int_equal(sh_ledger_proof_file(db, (int64_t)size, &file, &err), SH_ENOTFOUND);
    sodium_memzero(&log, sizeof log);
    sh_db_close(db);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_tiles_of_a_tree),
        cmocka_unit_test(test_store_tiles),
        cmocka_unit_test(test_bundle_and_cosignature),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
