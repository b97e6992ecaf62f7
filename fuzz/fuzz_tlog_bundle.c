/* c2sp.org/tlog-proof files as `shian ledger verify --bundle` reads them (cli/ledger.c verify_bundle:
 * core/tlog.c, note.c, merkle.c), every step run even when the one before refuses (a fuzzer forges no
 * signature); and tile paths (GET /ledger/tlog/tile/…) from the input's first line. */
#include "core/note.h"
#include "core/tlog.h"
#include "fuzz.h"
#include "keys.h"

static sh_note_key keys[2];
static char log_vkey[SH_NOTE_VKEY_MAX];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!log_vkey[0])
        fuzz_keys(keys, log_vkey);
    char *text = fuzz_str(data, size);
    char first[128];
    snprintf(first, sizeof first, "%.*s", (int)strcspn(text, "\n"), text);
    sh_tlog_tile tile;
    if (sh_tlog_tile_parse(first, &tile) == 0) {
        char path[64];
        sh_tlog_tile_path(&tile, path, sizeof path);
        sh_tlog_tile_within(&tile, tile.n * 256 + tile.width);
    }
    sh_tlog_proof *p = malloc(sizeof *p);
    char why[200], origin[SH_NOTE_NAME_MAX];
    size_t text_len = 0;
    uint64_t tree = 0, signed_by = 0;
    sh_merkle_hash root, leaf;
    if (p && sh_tlog_proof_parse(text, p, why, sizeof why) == 0) {
        if (sh_note_verify_strict(p->checkpoint, keys, 2, &text_len, &signed_by, why, sizeof why) != 0)
            text_len = strlen(p->checkpoint);
        if (sh_checkpoint_parse(p->checkpoint, text_len, origin, sizeof origin, &tree, root) == 0) {
            sh_merkle_leaf_hash(p->extra, p->extra_len, leaf);
            sh_merkle_verify_inclusion(p->index, tree, leaf, (const sh_merkle_hash *)p->proof, p->n, root);
        }
    }
    free(p);
    free(text);
    return 0;
}
