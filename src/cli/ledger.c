/* shian ledger: sign a checkpoint now, print the verifier key, and verify offline — a proof against a
 * signed checkpoint with nothing but the files and the key, a c2sp.org/tlog-proof file (--bundle), or
 * the whole log at rest (--db) recomputed from its entries and compared with the latest signed
 * checkpoint (a changed byte is found). The witness verbs: ledger_witness.c. */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/merkle.h"
#include "core/note.h"
#include "core/tlog.h"
#include "domain/ledger/checkpoint.h"
#include "domain/ledger/ledger.h"

static int usage(void)
{
    fprintf(stderr, "usage: shian ledger checkpoint            sign a checkpoint now, when the log grew\n"
                    "       shian ledger key                   print the verifier key\n"
                    "       shian ledger verify --key KEY|FILE --checkpoint FILE --proof FILE.json\n"
                    "                                          an inclusion proof {index, size, leaf_hash, proof}\n"
                    "       shian ledger verify --key KEY|FILE --old FILE --checkpoint FILE --proof FILE.json\n"
                    "                                          a consistency proof {first, second, proof}\n"
                    "       shian ledger verify --db [--key KEY|FILE]\n"
                    "                                          recompute the log at rest and check the latest checkpoint\n"
                    "       shian ledger verify --bundle FILE.tlog-proof [--entry HEX] [--key KEY|FILE] [--witness KEY|FILE]\n"
                    "                                          a c2sp.org/tlog-proof file: the checkpoint's signatures (every\n"
                    "                                          line: the log's, or a cosignature of --witness or the configured\n"
                    "                                          ledger_witness_keys) and the entry's inclusion\n"
                    "       shian ledger witness-init --out DIR [--name NAME]\n"
                    "                                          make a witness's Ed25519 key pair (DIR/witness.key, .vkey)\n"
                    "       shian ledger witness --url BASE --log-key KEY|FILE --key DIR/witness.key [--state DIR]\n"
                    "                                          check the log's new checkpoint extends the last one seen, cosign it\n");
    return 2;
}

static int fail(const char *what)
{
    fprintf(stderr, "shian ledger verify: FAILED: %s\n", what);
    return 1;
}

/* the key itself, or a file holding it on its first line */
int sh_ledger_load_key(const char *arg, char *out, size_t size)
{
    sh_buf b = SH_BUF_INIT;
    const char *k = arg;
    if (!strchr(arg, '+') && sh_cli_read_file(arg, &b) == 0) {
        sh_buf_addc(&b, '\0');
        b.data[strcspn(b.data, "\r\n")] = '\0';
        k = b.data;
    }
    int rc = strlen(k) < size ? 0 : -1;
    if (rc == 0)
        snprintf(out, size, "%s", k);
    sh_buf_release(&b);
    return rc;
}

static int load_key(const char *arg, char out[SH_NOTE_VKEY_MAX])
{
    return sh_ledger_load_key(arg, out, SH_NOTE_VKEY_MAX);
}

/* a signed checkpoint note that verifies under vkey: its size and root */
static int open_checkpoint(const char *note, const char *vkey, uint64_t *size, sh_merkle_hash root)
{
    size_t len = 0;
    char origin[SH_NOTE_NAME_MAX];
    if (sh_note_verify(vkey, note, &len) != 0)
        return fail("the checkpoint's signature does not verify under the key");
    if (sh_checkpoint_parse(note, len, origin, sizeof origin, size, root) != 0)
        return fail("the checkpoint is not origin, size and root");
    return 0;
}

static int read_checkpoint(const char *path, const char *vkey, uint64_t *size, sh_merkle_hash root)
{
    sh_buf b = SH_BUF_INIT;
    if (sh_cli_read_file(path, &b) != 0) {
        fprintf(stderr, "shian ledger verify: cannot read %s\n", path);
        return 2;
    }
    sh_buf_addc(&b, '\0');
    int rc = open_checkpoint(b.data, vkey, size, root);
    sh_buf_release(&b);
    return rc;
}

static int hex_hash(json_t *v, sh_merkle_hash out)
{
    const char *s = json_string_value(v);
    size_t n = 0;
    return s && strlen(s) == 64 && sodium_hex2bin(out, 32, s, 64, NULL, &n, NULL) == 0 && n == 32 ? 0 : -1;
}

static int hex_proof(json_t *a, sh_merkle_hash *out, size_t *n)
{
    *n = json_array_size(a);
    if (!json_is_array(a) || *n > SH_MERKLE_MAX_PROOF)
        return -1;
    for (size_t i = 0; i < *n; i++)
        if (hex_hash(json_array_get(a, i), out[i]) != 0)
            return -1;
    return 0;
}

static int verify_inclusion(json_t *p, uint64_t size, const sh_merkle_hash root)
{
    sh_merkle_hash leaf, proof[SH_MERKLE_MAX_PROOF];
    size_t n = 0;
    json_t *idx = json_object_get(p, "index");
    if (!json_is_integer(idx) || json_integer_value(idx) < 0 || hex_hash(json_object_get(p, "leaf_hash"), leaf) != 0 ||
        hex_proof(json_object_get(p, "proof"), proof, &n) != 0)
        return fail("the proof needs index, leaf_hash and proof (hex SHA-256s)");
    json_t *entry = json_object_get(p, "entry_hash");
    if (entry) { /* the record's own hash, when given, must be the leaf's entry */
        sh_merkle_hash e, l;
        if (hex_hash(entry, e) != 0)
            return fail("entry_hash is not a hex SHA-256");
        sh_merkle_leaf_hash(e, 32, l);
        if (memcmp(l, leaf, 32) != 0)
            return fail("leaf_hash is not SHA-256(0x00 || entry_hash)");
    }
    json_t *psize = json_object_get(p, "size");
    if (psize && (uint64_t)json_integer_value(psize) != size)
        return fail("the proof is for another tree size than the checkpoint's");
    if (sh_merkle_verify_inclusion((uint64_t)json_integer_value(idx), size, leaf, proof, n, root) != 0)
        return fail("the inclusion proof does not lead to the checkpoint's root");
    printf("OK: leaf %lld is in the log of %llu leaves signed by the checkpoint\n", (long long)json_integer_value(idx), (unsigned long long)size);
    return 0;
}

static int verify_consistency(json_t *p, uint64_t first, const sh_merkle_hash r1, uint64_t second, const sh_merkle_hash r2)
{
    sh_merkle_hash proof[SH_MERKLE_MAX_PROOF];
    size_t n = 0;
    if (hex_proof(json_object_get(p, "proof"), proof, &n) != 0)
        return fail("the proof needs proof (hex SHA-256s)");
    if (sh_merkle_verify_consistency(first, second, r1, r2, proof, n) != 0)
        return fail("the log of the newer checkpoint does not extend the older one");
    printf("OK: the log of %llu leaves extends that of %llu\n", (unsigned long long)second, (unsigned long long)first);
    return 0;
}

/* the log at rest: every leaf recomputed from its entry, the tree from the leaves, compared with the
 * latest checkpoint, whose signature is checked with the key given or this server's own */
static int verify_db(const sh_config *cfg, const char *vkey_arg)
{
    sh_db *db;
    int rc = sh_cli_open_db(cfg, &db);
    if (rc)
        return rc;
    sh_err err = {0};
    char vkey[SH_NOTE_VKEY_MAX], *note = NULL;
    sh_note_signer s;
    if (vkey_arg ? load_key(vkey_arg, vkey) : sh_ledger_signer(&s, &err)) {
        sh_db_close(db);
        return vkey_arg ? usage() : sh_cli_fail("ledger", &err);
    }
    if (!vkey_arg)
        sh_note_verifier_key(&s, vkey);
    uint64_t size = 0;
    sh_merkle_hash signed_root, root;
    if ((rc = sh_ledger_latest(db, &note, NULL, &err)) != 0) {
        sh_db_close(db);
        return sh_cli_fail("ledger", &err);
    }
    rc = open_checkpoint(note, vkey, &size, signed_root);
    free(note);
    if (rc == 0 && sh_ledger_recompute(db, size, root, &err) != 0)
        rc = fail(err.message);
    if (rc == 0 && memcmp(root, signed_root, 32) != 0)
        rc = fail("the leaves at rest do not give the signed root: the log was changed");
    sh_db_close(db);
    if (rc == 0)
        printf("OK: %llu leaves recomputed give the signed root\n", (unsigned long long)size);
    return rc;
}

/* a c2sp.org/tlog-proof file: every signature line of its checkpoint verified under the log's key or a
 * witness's (so no byte of it goes unchecked), the entry (--entry, else the file's extra line) included */
static int verify_bundle(const sh_config *cfg, const char *path, const char *entry_hex, const char *key_arg, const char *witness_arg)
{
    sh_note_key keys[10];
    size_t nkeys = 1, nconf = 0;
    char vkey[SH_NOTE_VKEY_MAX];
    sh_err err = {0};
    if (key_arg) {
        if (load_key(key_arg, vkey) != 0)
            return usage();
    } else {
        sh_note_signer s;
        if (sh_ledger_signer(&s, &err) != 0)
            return sh_cli_fail("ledger", &err);
        sh_note_verifier_key(&s, vkey);
        sodium_memzero(&s, sizeof s);
    }
    if (sh_note_key_parse(vkey, &keys[0]) != 0 || keys[0].alg != SH_NOTE_ALG_ED25519)
        return fail("the log's key is not a verifier key <name>+<hex>+<base64>");
    if (witness_arg) {
        char wkey[SH_NOTE_VKEY_MAX];
        if (load_key(witness_arg, wkey) != 0 || sh_note_key_parse(wkey, &keys[1]) != 0 || keys[1].alg != SH_NOTE_ALG_COSIG)
            return fail("--witness is not a cosignature verifier key (<name>+<hex>+<base64>, type 0x04)");
        nkeys = 2;
    }
    if (sh_note_key_list(cfg->ledger_witness_keys, keys + nkeys, 8, &nconf) == 0)
        nkeys += nconf;
    sh_merkle_hash entry;
    size_t got = 0;
    if (entry_hex && (strlen(entry_hex) != 64 || sodium_hex2bin(entry, 32, entry_hex, 64, NULL, &got, NULL) != 0 || got != 32))
        return fail("--entry is not a SHA-256 in 64 hex digits");
    sh_buf b = SH_BUF_INIT;
    if (sh_cli_read_file(path, &b) != 0) {
        fprintf(stderr, "shian ledger verify: cannot read %s\n", path);
        return 2;
    }
    sh_buf_addc(&b, '\0');
    sh_tlog_proof *p = malloc(sizeof *p);
    char why[200], origin[SH_NOTE_NAME_MAX];
    size_t text_len = 0;
    uint64_t size = 0, signed_by = 0;
    sh_merkle_hash root, leaf;
    int rc = 0;
    if (!p || strlen(b.data) != b.len - 1 || sh_tlog_proof_parse(b.data, p, why, sizeof why) != 0)
        rc = fail(p && strlen(b.data) == b.len - 1 ? why : "the file is not text");
    else if (sh_note_verify_strict(p->checkpoint, keys, nkeys, &text_len, &signed_by, why, sizeof why) != 0)
        rc = fail(why);
    else if (witness_arg && !(signed_by & 2))
        rc = fail("the witness given did not cosign the checkpoint");
    else if (sh_checkpoint_parse(p->checkpoint, text_len, origin, sizeof origin, &size, root) != 0)
        rc = fail("the checkpoint is not origin, size and root");
    else if (p->has_extra && p->extra_len != 32)
        rc = fail("the extra line is not an entry's SHA-256");
    else if (!entry_hex && !p->has_extra)
        rc = fail("the file names no entry: give --entry HEX");
    else if (entry_hex && p->has_extra && memcmp(entry, p->extra, 32) != 0)
        rc = fail("the file is for another entry than --entry");
    if (rc == 0) {
        if (!entry_hex)
            memcpy(entry, p->extra, 32);
        sh_merkle_leaf_hash(entry, 32, leaf);
        if (sh_merkle_verify_inclusion(p->index, size, leaf, (const sh_merkle_hash *)p->proof, p->n, root) != 0)
            rc = fail("the inclusion proof does not lead from the entry to the checkpoint's root");
    }
    if (rc == 0) {
        char hex[65];
        unsigned cosigned = 0;
        for (size_t i = 1; i < nkeys; i++)
            cosigned += (signed_by >> i) & 1;
        sodium_bin2hex(hex, sizeof hex, entry, 32);
        printf("OK: entry %s is leaf %llu of the log of %llu leaves signed by %s (%u witness cosignature%s)\n", hex,
               (unsigned long long)p->index, (unsigned long long)size, origin, cosigned, cosigned == 1 ? "" : "s");
    }
    free(p);
    sh_buf_release(&b);
    return rc;
}

static int verify(const sh_config *cfg, int argc, char **argv)
{
    const char *bundle = sh_cli_opt(argc, argv, "bundle");
    if (bundle)
        return verify_bundle(cfg, bundle, sh_cli_opt(argc, argv, "entry"), sh_cli_opt(argc, argv, "key"), sh_cli_opt(argc, argv, "witness"));
    const char *key = sh_cli_opt(argc, argv, "key"), *cp = sh_cli_opt(argc, argv, "checkpoint");
    const char *old = sh_cli_opt(argc, argv, "old"), *proof_path = sh_cli_opt(argc, argv, "proof");
    if (sh_cli_flag(argc, argv, "db"))
        return verify_db(cfg, key);
    char vkey[SH_NOTE_VKEY_MAX];
    if (!key || !cp || !proof_path || load_key(key, vkey) != 0)
        return usage();
    uint64_t size = 0, first = 0;
    sh_merkle_hash root, r1;
    int rc = read_checkpoint(cp, vkey, &size, root);
    if (rc == 0 && old)
        rc = read_checkpoint(old, vkey, &first, r1);
    if (rc)
        return rc;
    sh_buf b = SH_BUF_INIT;
    json_t *p = NULL;
    if (sh_cli_read_file(proof_path, &b) == 0)
        p = json_loadb(b.data, b.len, 0, NULL);
    sh_buf_release(&b);
    if (!json_is_object(p)) {
        json_decref(p);
        return fail("the proof is not a JSON object");
    }
    rc = old ? verify_consistency(p, first, r1, size, root) : verify_inclusion(p, size, root);
    json_decref(p);
    return rc;
}

int sh_cmd_ledger(const sh_config *cfg, int argc, char **argv)
{
    if (argc < 1)
        return usage();
    if (!strcmp(argv[0], "verify"))
        return verify(cfg, argc - 1, argv + 1);
    if (!strcmp(argv[0], "witness-init"))
        return sh_ledger_witness_init(argc - 1, argv + 1);
    if (!strcmp(argv[0], "witness"))
        return sh_ledger_witness(argc - 1, argv + 1);
    sh_err err = {0};
    if (!strcmp(argv[0], "key") && argc == 1) {
        sh_note_signer s;
        char vkey[SH_NOTE_VKEY_MAX];
        if (sh_ledger_signer(&s, &err) != 0)
            return sh_cli_fail("ledger", &err);
        sh_note_verifier_key(&s, vkey);
        sodium_memzero(&s, sizeof s);
        printf("%s\n", vkey);
        return 0;
    }
    if (!strcmp(argv[0], "checkpoint") && argc == 1) {
        sh_db *db;
        int rc = sh_cli_open_db(cfg, &db);
        if (rc)
            return rc;
        uint64_t size = 0;
        int made = 0;
        rc = sh_ledger_checkpoint(db, &size, &made, &err);
        sh_db_close(db);
        if (rc)
            return sh_cli_fail("ledger", &err);
        printf("%s checkpoint at %llu leaves\n", made ? "signed a" : "the latest", (unsigned long long)size);
        return 0;
    }
    return usage();
}
