/* Secrets at rest (camera stream passwords): sealed with libsodium crypto_secretbox under the
 * server's secret key, kept as base64 of nonce ‖ ciphertext. The key is 32 random bytes in a file
 * (setting secret_key_file), created with mode 0600 on first use; it is read once per process and
 * kept in memory. Thread-safe. */
#ifndef SH_SECRET_H
#define SH_SECRET_H

#include <stddef.h>

#include "core/err.h"

/* Names the key file for this process (at start-up, from the configuration); default var/secret.key.
 * A different path drops the cached key. */
void sh_secret_use_key_file(const char *path);

/* Seals plain text; *ret_b64 is malloc'ed (the caller frees it). */
int sh_secret_seal(const char *plain, char **ret_b64, sh_err *err);
/* Opens what sh_secret_seal produced; *ret_plain is malloc'ed (free it after sodium_memzero).
 * SH_EINTERNAL when the text is damaged or was sealed under another key. */
int sh_secret_open(const char *b64, char **ret_plain, sh_err *err);

/* A keyed hash (BLAKE2b, crypto_generichash) of data under a subkey of the server's secret for one
 * purpose (context, e.g. "sampling-proposal-vote"): the same input gives the same 64 hex digits on this
 * server, and nobody without the key can test a guess (who voted from which address). */
int sh_secret_keyed_hash(const char *context, const void *data, size_t len, char out_hex[65], sh_err *err);

#endif
