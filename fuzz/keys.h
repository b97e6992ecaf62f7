/* The keys the ledger targets verify under (fuzz_note.c, fuzz_tlog_bundle.c): a log's Ed25519 key and a
 * witness's cosignature key from fixed seeds, so that the corpus can hold notes that really verify. */
#ifndef SH_FUZZ_KEYS_H
#define SH_FUZZ_KEYS_H

#include <sodium.h>
#include <stdlib.h>

#include "core/note.h"

/* keys[0]: "example.com/log" (seed 01 00…), keys[1]: "example.com/witness" (seed 02 00…); log_vkey the
 * first one's verifier key. */
static inline void fuzz_keys(sh_note_key keys[2], char log_vkey[SH_NOTE_VKEY_MAX])
{
    uint8_t seed[32] = {1};
    sh_note_signer s;
    char wkey[SH_NOTE_VKEY_MAX];
    if (sodium_init() < 0 || sh_note_signer_init(&s, "example.com/log", seed) != 0)
        abort();
    sh_note_verifier_key(&s, log_vkey);
    seed[0] = 2;
    if (sh_cosig_signer_init(&s, "example.com/witness", seed) != 0)
        abort();
    sh_cosig_verifier_key(&s, wkey);
    if (sh_note_key_parse(log_vkey, &keys[0]) != 0 || sh_note_key_parse(wkey, &keys[1]) != 0)
        abort();
}

#endif
