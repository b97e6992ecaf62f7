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

static void key_hash(const char *name, uint8_t alg, const uint8_t pk[32], uint8_t out[4])
{
    crypto_hash_sha256_state st;
    const uint8_t sep[2] = {'\n', alg};
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
    key_hash(name, ALG_ED25519, s->pk, s->key_hash);
    return 0;
}

int sh_cosig_signer_init(sh_note_signer *s, const char *name, const uint8_t seed[32])
{
    if (sh_note_signer_init(s, name, seed) != 0)
        return -1;
    key_hash(name, SH_NOTE_ALG_COSIG, s->pk, s->key_hash);
    return 0;
}

static void vkey_of(const sh_note_signer *s, uint8_t alg, char out[SH_NOTE_VKEY_MAX])
{
    uint8_t k[33] = {alg};
    memcpy(k + 1, s->pk, 32);
    char hex[9], b64[sodium_base64_ENCODED_LEN(33, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2hex(hex, sizeof hex, s->key_hash, 4);
    sodium_bin2base64(b64, sizeof b64, k, sizeof k, sodium_base64_VARIANT_ORIGINAL);
    snprintf(out, SH_NOTE_VKEY_MAX, "%s+%s+%s", s->name, hex, b64);
}

void sh_cosig_verifier_key(const sh_note_signer *s, char out[SH_NOTE_VKEY_MAX])
{
    vkey_of(s, SH_NOTE_ALG_COSIG, out);
}

void sh_note_verifier_key(const sh_note_signer *s, char out[SH_NOTE_VKEY_MAX])
{
    vkey_of(s, ALG_ED25519, out);
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
    key_hash(name, ALG_ED25519, k + 1, want);
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

int sh_note_key_parse(const char *vkey, sh_note_key *key)
{
    memset(key, 0, sizeof *key);
    const char *p1 = strchr(vkey, '+');
    const char *p2 = p1 ? strchr(p1 + 1, '+') : NULL;
    if (!p1 || !p2 || p2 - p1 != 9 || (size_t)(p1 - vkey) >= SH_NOTE_NAME_MAX || sodium_init() < 0)
        return -1;
    memcpy(key->name, vkey, (size_t)(p1 - vkey));
    uint8_t k[33], want[4];
    size_t n = 0;
    if (!name_ok(key->name) || sodium_hex2bin(key->key_hash, 4, p1 + 1, 8, NULL, &n, NULL) != 0 || n != 4 ||
        b64_exact(p2 + 1, strlen(p2 + 1), k, 33) != 0 || (k[0] != ALG_ED25519 && k[0] != SH_NOTE_ALG_COSIG))
        return -1;
    key->alg = k[0];
    memcpy(key->pk, k + 1, 32);
    key_hash(key->name, key->alg, key->pk, want);
    return memcmp(want, key->key_hash, 4) == 0 ? 0 : -1;
}

int sh_note_key_list(const char *csv, sh_note_key *keys, size_t max, size_t *ret_n)
{
    size_t n = 0;
    *ret_n = 0;
    for (const char *p = csv; *p;) {
        p += strspn(p, " ");
        size_t len = strcspn(p, ", ");
        char one[SH_NOTE_VKEY_MAX];
        if (len == 0 || len >= sizeof one || n == max)
            return -1;
        memcpy(one, p, len);
        one[len] = '\0';
        if (sh_note_key_parse(one, &keys[n++]) != 0)
            return -1;
        p += len;
        p += strspn(p, " ");
        if (*p == ',' && !*++p)
            return -1;
    }
    *ret_n = n;
    return 0;
}

/* "cosignature/v1\ntime <t>\n" ‖ text: the message a cosignature signs */
static uint8_t *cosig_message(const char *text, size_t len, uint64_t t, size_t *ret_len)
{
    char head[64];
    int hn = snprintf(head, sizeof head, "cosignature/v1\ntime %llu\n", (unsigned long long)t);
    uint8_t *m = malloc((size_t)hn + len + 1);
    if (m) {
        memcpy(m, head, (size_t)hn);
        memcpy(m + hn, text, len);
        *ret_len = (size_t)hn + len;
    }
    return m;
}

int sh_cosig_sign(const sh_note_signer *s, const char *text, uint64_t timestamp, char **ret)
{
    size_t n = strlen(text), mlen = 0;
    *ret = NULL;
    if (n == 0 || text[n - 1] != '\n' || strstr(text, "\n\n") || timestamp > INT64_MAX)
        return -1;
    uint8_t *m = cosig_message(text, n, timestamp, &mlen);
    if (!m)
        return -1;
    uint8_t sig[4 + 8 + crypto_sign_BYTES];
    memcpy(sig, s->key_hash, 4);
    for (int i = 0; i < 8; i++)
        sig[4 + i] = (uint8_t)(timestamp >> (56 - 8 * i));
    crypto_sign_detached(sig + 12, NULL, m, mlen, s->sk);
    free(m);
    char b64[sodium_base64_ENCODED_LEN(sizeof sig, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
    size_t size = strlen(s->name) + strlen(b64) + 16;
    if (!(*ret = malloc(size)))
        return -1;
    snprintf(*ret, size, EM_DASH " %s %s\n", s->name, b64);
    return 0;
}

int sh_note_check_line(const sh_note_key *k, const char *text, size_t len, const char *line, size_t line_len, uint64_t *ret_time)
{
    const size_t dl = strlen(EM_DASH " "), nl = strlen(k->name);
    if (line_len && line[line_len - 1] == '\n')
        line_len--;
    if (line_len < dl + nl + 1 || strncmp(line, EM_DASH " ", dl) || strncmp(line + dl, k->name, nl) || line[dl + nl] != ' ')
        return -1;
    const char *b64 = line + dl + nl + 1;
    size_t blen = line_len - dl - nl - 1;
    uint8_t sig[4 + 8 + crypto_sign_BYTES + 1];
    size_t want = k->alg == SH_NOTE_ALG_COSIG ? 4 + 8 + crypto_sign_BYTES : 4 + crypto_sign_BYTES, got = 0;
    const char *end = NULL;
    /* a damaged line under k's name is k's (1); the key hash leading the signature tells a line of
     * another key with the same name (-1) */
    if (sodium_base642bin(sig, sizeof sig, b64, blen, NULL, &got, &end, sodium_base64_VARIANT_ORIGINAL) != 0 || end != b64 + blen || got < 4)
        return 1;
    if (memcmp(sig, k->key_hash, 4) != 0)
        return -1;
    if (got != want)
        return 1;
    if (k->alg == SH_NOTE_ALG_ED25519)
        return crypto_sign_verify_detached(sig + 4, (const uint8_t *)text, len, k->pk) == 0 ? 0 : 1;
    uint64_t t = 0;
    for (int i = 0; i < 8; i++)
        t = t << 8 | sig[4 + i];
    size_t mlen = 0;
    uint8_t *m = t > INT64_MAX ? NULL : cosig_message(text, len, t, &mlen);
    int rc = m && crypto_sign_verify_detached(sig + 12, m, mlen, k->pk) == 0 ? 0 : 1;
    free(m);
    if (rc == 0 && ret_time)
        *ret_time = t;
    return rc;
}

int sh_note_verify_strict(const char *note, const sh_note_key *keys, size_t n, size_t *ret_text_len, uint64_t *ret_signed, char *why,
                          size_t why_size)
{
    const char *sep = NULL;
    for (const char *q = strstr(note, "\n\n"); q; q = strstr(q + 1, "\n\n"))
        sep = q;
    if (!sep || sep == note) {
        snprintf(why, why_size, "the note has no text and signature lines parted by a blank line");
        return -1;
    }
    size_t text_len = (size_t)(sep - note) + 1;
    uint64_t mask = 0;
    for (const char *line = sep + 2; *line;) {
        const char *eol = strchr(line, '\n');
        if (!eol) {
            snprintf(why, why_size, "the last signature line does not end in a newline");
            return -1;
        }
        size_t i = 0;
        int rc = -1;
        for (; i < n && i < 64; i++)
            if ((rc = sh_note_check_line(&keys[i], note, text_len, line, (size_t)(eol - line + 1), NULL)) >= 0)
                break;
        if (rc != 0) {
            snprintf(why, why_size, rc > 0 ? "the signature of %.*s does not verify" : "a signature line by a key not given (a witness's: give --witness KEY): %.*s",
                     (int)(eol - line > 120 ? 120 : eol - line), line);
            return -1;
        }
        mask |= 1ULL << i;
        line = eol + 1;
    }
    if (!(mask & 1)) {
        snprintf(why, why_size, "no signature by %s", n ? keys[0].name : "the log");
        return -1;
    }
    *ret_text_len = text_len;
    if (ret_signed)
        *ret_signed = mask;
    return 0;
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
