#include "core/note.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EM_DASH "\xe2\x80\x94" /* U+2014, which starts a signature line */
#define ALG_ED25519 0x01

static int name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n >= SH_NOTE_NAME_MAX)
        return 0;
    for (const char *p = name; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '+')
            return 0;
    return 1;
}

static void key_hash(const char *name, const uint8_t pk[32], uint8_t out[4])
{
    crypto_hash_sha256_state st;
    const uint8_t sep[2] = {'\n', ALG_ED25519};
    uint8_t h[32];
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const uint8_t *)name, strlen(name));
    crypto_hash_sha256_update(&st, sep, 2);
    crypto_hash_sha256_update(&st, pk, 32);
    crypto_hash_sha256_final(&st, h);
    memcpy(out, h, 4);
}

int sh_note_signer_init(sh_note_signer *s, const char *name, const uint8_t seed[32])
{
    memset(s, 0, sizeof *s);
    if (!name_ok(name) || sodium_init() < 0)
        return -1;
    snprintf(s->name, sizeof s->name, "%s", name);
    crypto_sign_seed_keypair(s->pk, s->sk, seed);
    key_hash(name, s->pk, s->key_hash);
    return 0;
}

void sh_note_verifier_key(const sh_note_signer *s, char out[SH_NOTE_VKEY_MAX])
{
    uint8_t k[33] = {ALG_ED25519};
    memcpy(k + 1, s->pk, 32);
    char hex[9], b64[sodium_base64_ENCODED_LEN(33, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2hex(hex, sizeof hex, s->key_hash, 4);
    sodium_bin2base64(b64, sizeof b64, k, sizeof k, sodium_base64_VARIANT_ORIGINAL);
    snprintf(out, SH_NOTE_VKEY_MAX, "%s+%s+%s", s->name, hex, b64);
}

int sh_note_sign(const sh_note_signer *s, const char *text, char **ret)
{
    size_t n = strlen(text);
    *ret = NULL;
    if (n == 0 || text[n - 1] != '\n' || strstr(text, "\n\n"))
        return -1;
    uint8_t sig[4 + crypto_sign_BYTES];
    memcpy(sig, s->key_hash, 4);
    crypto_sign_detached(sig + 4, NULL, (const uint8_t *)text, n, s->sk);
    char b64[sodium_base64_ENCODED_LEN(sizeof sig, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
    size_t size = n + strlen(s->name) + strlen(b64) + 16;
    if (!(*ret = malloc(size)))
        return -1;
    snprintf(*ret, size, "%s\n" EM_DASH " %s %s\n", text, s->name, b64);
    return 0;
}

/* base64 of exactly `want` bytes, nothing else */
static int b64_exact(const char *b64, size_t len, uint8_t *out, size_t want)
{
    size_t got = 0;
    const char *end = NULL;
    if (sodium_base642bin(out, want, b64, len, NULL, &got, &end, sodium_base64_VARIANT_ORIGINAL) != 0)
        return -1;
    return got == want && end == b64 + len ? 0 : -1;
}

int sh_note_verify(const char *vkey, const char *note, size_t *ret_text_len)
{
    /* the verifier key: name + hex key hash + base64(0x01 ‖ pk) */
    const char *p1 = strchr(vkey, '+');
    const char *p2 = p1 ? strchr(p1 + 1, '+') : NULL;
    if (!p1 || !p2 || p2 - p1 != 9 || (size_t)(p1 - vkey) >= SH_NOTE_NAME_MAX || sodium_init() < 0)
        return -1;
    char name[SH_NOTE_NAME_MAX];
    memcpy(name, vkey, (size_t)(p1 - vkey));
    name[p1 - vkey] = '\0';
    uint8_t hash[4], k[33], want[4];
    if (!name_ok(name) || sodium_hex2bin(hash, 4, p1 + 1, 8, NULL, NULL, NULL) != 0 ||
        b64_exact(p2 + 1, strlen(p2 + 1), k, 33) != 0 || k[0] != ALG_ED25519)
        return -1;
    key_hash(name, k + 1, want);
    if (memcmp(want, hash, 4) != 0)
        return -1;
    /* the text ends at the last blank line; the signature lines follow it */
    const char *sep = NULL;
    for (const char *q = strstr(note, "\n\n"); q; q = strstr(q + 1, "\n\n"))
        sep = q;
    if (!sep)
        return -1;
    size_t text_len = (size_t)(sep - note) + 1;
    const char *line = sep + 2;
    while (*line) {
        const char *eol = strchr(line, '\n');
        if (!eol)
            return -1; /* every signature line ends in a newline */
        size_t nl = strlen(name);
        const char *sp = line + strlen(EM_DASH " ") + nl;
        if (!strncmp(line, EM_DASH " ", strlen(EM_DASH " ")) && !strncmp(line + strlen(EM_DASH " "), name, nl) && sp < eol && *sp == ' ') {
            uint8_t sig[4 + crypto_sign_BYTES];
            if (b64_exact(sp + 1, (size_t)(eol - sp - 1), sig, sizeof sig) == 0 && !memcmp(sig, hash, 4) &&
                crypto_sign_verify_detached(sig + 4, (const uint8_t *)note, text_len, k + 1) == 0) {
                *ret_text_len = text_len;
                return 0;
            }
        }
        line = eol + 1;
    }
    return -1;
}

void sh_checkpoint_body(const char *origin, uint64_t size, const sh_merkle_hash root, char *out, size_t out_size)
{
    char b64[sodium_base64_ENCODED_LEN(SH_MERKLE_HASH, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, root, SH_MERKLE_HASH, sodium_base64_VARIANT_ORIGINAL);
    snprintf(out, out_size, "%s\n%llu\n%s\n", origin, (unsigned long long)size, b64);
}

int sh_checkpoint_parse(const char *text, size_t len, char *origin, size_t origin_size, uint64_t *size, sh_merkle_hash root)
{
    const char *end = text + len;
    const char *l1 = memchr(text, '\n', len);
    const char *l2 = l1 ? memchr(l1 + 1, '\n', (size_t)(end - l1 - 1)) : NULL;
    const char *l3 = l2 ? memchr(l2 + 1, '\n', (size_t)(end - l2 - 1)) : NULL;
    if (!l3 || l1 == text || (size_t)(l1 - text) >= origin_size)
        return -1;
    memcpy(origin, text, (size_t)(l1 - text));
    origin[l1 - text] = '\0';
    const char *d = l1 + 1;
    size_t nd = (size_t)(l2 - d);
    if (nd == 0 || nd > 20 || strspn(d, "0123456789") < nd || (nd > 1 && d[0] == '0'))
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < nd; i++) {
        if (v > (UINT64_MAX - (uint64_t)(d[i] - '0')) / 10)
            return -1;
        v = v * 10 + (uint64_t)(d[i] - '0');
    }
    *size = v;
    return b64_exact(l2 + 1, (size_t)(l3 - l2 - 1), root, SH_MERKLE_HASH);
}
