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

/* "<origin>\n<size>\n<base64 root>\n" into out (at least 200 + strlen(origin) bytes). */
void sh_checkpoint_body(const char *origin, uint64_t size, const sh_merkle_hash root, char *out, size_t out_size);
/* Reads the first three lines of a checkpoint's text (len bytes; extension lines may follow). -1 when
 * they are not origin, a decimal size without leading zeros and a base64 SHA-256. */
int sh_checkpoint_parse(const char *text, size_t len, char *origin, size_t origin_size, uint64_t *size, sh_merkle_hash root);

#endif
