/* C2SP signed notes with Ed25519 (c2sp.org/signed-note) and the tlog-checkpoint body they carry
 * (c2sp.org/tlog-checkpoint): pure text and libsodium, no storage, so the CLI verifies offline with the
 * same code the server signs with. */
#ifndef SH_NOTE_H
#define SH_NOTE_H

#include <stddef.h>
#include <stdint.h>

#include "core/merkle.h"

#define SH_NOTE_NAME_MAX 128
#define SH_NOTE_VKEY_MAX (SH_NOTE_NAME_MAX + 64)

typedef struct sh_note_signer {
    char name[SH_NOTE_NAME_MAX];
    uint8_t pk[32];
    uint8_t sk[64];
    uint8_t key_hash[4]; /* first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ pk) */
} sh_note_signer;

/* The key of `name` (non-empty, no space, no '+') from a 32-byte Ed25519 seed. -1 for a bad name. */
int sh_note_signer_init(sh_note_signer *s, const char *name, const uint8_t seed[32]);
/* "<name>+<hex key hash>+<base64(0x01 ‖ pk)>": what a verifier is given. */
void sh_note_verifier_key(const sh_note_signer *s, char out[SH_NOTE_VKEY_MAX]);
/* text (ending in "\n", no blank line) followed by a blank line and "— <name> <base64(key hash ‖ sig)>\n";
 * *ret is malloc'ed. -1 when text is malformed. */
int sh_note_sign(const sh_note_signer *s, const char *text, char **ret);
/* 0 when a signature line of note verifies under the verifier key vkey; *ret_text_len is then the length
 * of the signed text (up to and including its last "\n"). -1 for a malformed key or note or no valid
 * signature. */
int sh_note_verify(const char *vkey, const char *note, size_t *ret_text_len);

/* C2SP tlog-cosignature (cosignature/v1, Ed25519): a witness's note signature over
 * "cosignature/v1\ntime <t>\n" ‖ the checkpoint's text, whose key hash commits to 0x04 instead of 0x01. */
#define SH_NOTE_ALG_ED25519 0x01
#define SH_NOTE_ALG_COSIG 0x04

/* A verifier key, parsed. */
typedef struct sh_note_key {
    char name[SH_NOTE_NAME_MAX];
    uint8_t alg; /* SH_NOTE_ALG_ED25519 or SH_NOTE_ALG_COSIG */
    uint8_t pk[32];
    uint8_t key_hash[4];
} sh_note_key;

/* Parses "<name>+<hex key hash>+<base64(alg ‖ pk)>" whose alg is one of the two: -1 when malformed or
 * the key hash does not match. */
int sh_note_key_parse(const char *vkey, sh_note_key *k);
/* A comma-separated list of verifier keys (spaces around commas allowed) into keys[0..max): *ret_n of
 * them. -1 when one is malformed or there are more than max. */
int sh_note_key_list(const char *csv, sh_note_key *keys, size_t max, size_t *ret_n);
/* A witness's key of `name` from a seed (key hash over 0x04). */
int sh_cosig_signer_init(sh_note_signer *s, const char *name, const uint8_t seed[32]);
/* Its verifier key (alg 0x04). */
void sh_cosig_verifier_key(const sh_note_signer *s, char out[SH_NOTE_VKEY_MAX]);
/* The signature line "— <name> base64(key hash ‖ u64be timestamp ‖ sig)\n" over text (a checkpoint's
 * text: its lines up to the blank line); *ret malloc'ed. -1 when text is malformed. */
int sh_cosig_sign(const sh_note_signer *s, const char *text, uint64_t timestamp, char **ret);
/* 0 when `line` (one signature line, with or without its "\n") is k's valid signature over text[0..len):
 * a note signature for alg 0x01, a cosignature for 0x04 (*ret_time its timestamp; may be NULL). -1 when
 * it is not k's line, 1 when it is k's line (name and key hash) but does not verify. */
int sh_note_check_line(const sh_note_key *k, const char *text, size_t len, const char *line, size_t line_len, uint64_t *ret_time);
/* Strict: every signature line of note must be a valid signature of one of keys[0..n) (no unknown or
 * damaged line), and keys[0] must have signed. *ret_signed gets a bit per key that signed; *ret_text_len
 * the text's length. -1 with why (a sentence) otherwise. */
int sh_note_verify_strict(const char *note, const sh_note_key *keys, size_t n, size_t *ret_text_len, uint64_t *ret_signed, char *why,
                          size_t why_size);

/* "<origin>\n<size>\n<base64 root>\n" into out (at least 200 + strlen(origin) bytes). */
void sh_checkpoint_body(const char *origin, uint64_t size, const sh_merkle_hash root, char *out, size_t out_size);
/* Reads the first three lines of a checkpoint's text (len bytes; extension lines may follow). -1 when
 * they are not origin, a decimal size without leading zeros and a base64 SHA-256. */
int sh_checkpoint_parse(const char *text, size_t len, char *origin, size_t origin_size, uint64_t *size, sh_merkle_hash root);

#endif
