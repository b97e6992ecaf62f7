#include "core/tlog.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a decimal of 1..digits digits without leading zeroes ("0" alone allowed) */
static const char *decimal(const char *s, unsigned digits, uint64_t *out)
{
    size_t n = strspn(s, "0123456789");
    if (n == 0 || n > digits || (n > 1 && s[0] == '0'))
        return NULL;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (uint64_t)(s[i] - '0');
    *out = v;
    return s + n;
}

int sh_tlog_tile_parse(const char *path, sh_tlog_tile *t)
{
    memset(t, 0, sizeof *t);
    const char *p = path;
    uint64_t v;
    if (!strncmp(p, "entries/", 8)) {
        t->level = SH_TLOG_ENTRIES;
        p += 8;
    } else {
        if (!(p = decimal(p, 2, &v)) || v > 63 || *p != '/')
            return -1;
        t->level = (int)v;
        p++;
    }
    /* x-prefixed groups of three digits, then the last group: at most 7 (2^64 has 20 digits), the value
     * checked against overflow as it grows */
    uint64_t n = 0;
    for (int groups = 0;; groups++) {
        int more = *p == 'x';
        p += more;
        if (groups == 7 || strspn(p, "0123456789") < 3)
            return -1;
        uint64_t g = (uint64_t)((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0'));
        if (n > (UINT64_MAX - g) / 1000)
            return -1;
        n = n * 1000 + g;
        p += 3;
        if (!more)
            break;
        if (*p++ != '/')
            return -1;
    }
    t->n = n;
    t->width = SH_TLOG_TILE_WIDTH;
    if (!strncmp(p, ".p/", 3)) {
        if (!(p = decimal(p + 3, 3, &v)) || v < 1 || v > 255)
            return -1;
        t->width = (unsigned)v;
    }
    if (*p)
        return -1;
    /* one spelling only: "x000/001" is not 1 */
    char again[64];
    sh_tlog_tile_path(t, again, sizeof again);
    return strcmp(again, path) == 0 ? 0 : -1;
}

void sh_tlog_tile_path(const sh_tlog_tile *t, char *out, size_t size)
{
    char groups[8][8];
    int g = 0;
    uint64_t n = t->n;
    do {
        snprintf(groups[g++], sizeof groups[0], "%03u", (unsigned)(n % 1000));
        n /= 1000;
    } while (n);
    size_t used = 0;
    if (t->level == SH_TLOG_ENTRIES)
        used = (size_t)snprintf(out, size, "entries/");
    else
        used = (size_t)snprintf(out, size, "%d/", t->level);
    for (int i = g - 1; i >= 0 && used < size; i--)
        used += (size_t)snprintf(out + used, size - used, "%s%s%s", i ? "x" : "", groups[i], i ? "/" : "");
    if (t->width < SH_TLOG_TILE_WIDTH && used < size)
        snprintf(out + used, size - used, ".p/%u", t->width);
}

uint64_t sh_tlog_level_width(uint64_t size, int level)
{
    if (level < 0)
        level = 0;
    return level * SH_TLOG_TILE_HEIGHT >= 64 ? 0 : size >> (level * SH_TLOG_TILE_HEIGHT);
}

int sh_tlog_tile_within(const sh_tlog_tile *t, uint64_t size)
{
    uint64_t have = sh_tlog_level_width(size, t->level);
    if (t->width < 1 || t->width > SH_TLOG_TILE_WIDTH || have < t->width)
        return -1;
    return t->n <= (have - t->width) / SH_TLOG_TILE_WIDTH ? 0 : -1;
}

#define B64_LEN(n) sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL)

int sh_tlog_proof_format(uint64_t index, const uint8_t *extra, size_t extra_len, const sh_merkle_hash *proof, size_t n,
                         const char *checkpoint, char **ret)
{
    *ret = NULL;
    if (extra_len > SH_TLOG_EXTRA_MAX || n > SH_MERKLE_MAX_PROOF || !checkpoint || !*checkpoint)
        return -1;
    size_t size = 64 + B64_LEN(SH_TLOG_EXTRA_MAX) + n * B64_LEN(SH_MERKLE_HASH) + strlen(checkpoint) + 8;
    char *s = malloc(size);
    if (!s)
        return -1;
    size_t used = (size_t)snprintf(s, size, SH_TLOG_PROOF_HEADER "\n");
    if (extra_len) {
        char b64[B64_LEN(SH_TLOG_EXTRA_MAX)];
        sodium_bin2base64(b64, sizeof b64, extra, extra_len, sodium_base64_VARIANT_ORIGINAL);
        used += (size_t)snprintf(s + used, size - used, "extra %s\n", b64);
    }
    used += (size_t)snprintf(s + used, size - used, "index %llu\n", (unsigned long long)index);
    for (size_t i = 0; i < n; i++) {
        char b64[B64_LEN(SH_MERKLE_HASH)];
        sodium_bin2base64(b64, sizeof b64, proof[i], SH_MERKLE_HASH, sodium_base64_VARIANT_ORIGINAL);
        used += (size_t)snprintf(s + used, size - used, "%s\n", b64);
    }
    snprintf(s + used, size - used, "\n%s", checkpoint);
    *ret = s;
    return 0;
}

/* base64 of at most max bytes making up the whole of [b, e) */
static int b64_line(const char *b, const char *e, uint8_t *out, size_t max, size_t *got)
{
    const char *end = NULL;
    return e > b && sodium_base642bin(out, max, b, (size_t)(e - b), NULL, got, &end, sodium_base64_VARIANT_ORIGINAL) == 0 && end == e ? 0 : -1;
}

static int why_fail(char *why, size_t size, const char *msg)
{
    snprintf(why, size, "%s", msg);
    return -1;
}

int sh_tlog_proof_parse(const char *text, sh_tlog_proof *p, char *why, size_t why_size)
{
    memset(p, 0, sizeof *p);
    size_t hl = strlen(SH_TLOG_PROOF_HEADER);
    if (strncmp(text, SH_TLOG_PROOF_HEADER "\n", hl + 1) != 0)
        return why_fail(why, why_size, "the first line is not " SH_TLOG_PROOF_HEADER);
    const char *line = text + hl + 1, *eol = strchr(line, '\n');
    if (eol && !strncmp(line, "extra ", 6)) {
        if (b64_line(line + 6, eol, p->extra, sizeof p->extra, &p->extra_len) != 0 || p->extra_len == 0)
            return why_fail(why, why_size, "the extra line is not base64");
        p->has_extra = 1;
        line = eol + 1;
        eol = strchr(line, '\n');
    }
    uint64_t v;
    const char *d;
    if (!eol || strncmp(line, "index ", 6) || !(d = decimal(line + 6, 20, &v)) || d != eol || (eol - line - 6 == 20 && strncmp(line + 6, "18446744073709551615", 20) > 0))
        return why_fail(why, why_size, "no line 'index N' (a decimal without leading zeroes)");
    p->index = v;
    for (line = eol + 1; (eol = strchr(line, '\n')) && eol != line; line = eol + 1) {
        size_t got = 0;
        if (p->n == SH_MERKLE_MAX_PROOF)
            return why_fail(why, why_size, "the inclusion proof has too many hashes");
        if (b64_line(line, eol, p->proof[p->n], SH_MERKLE_HASH, &got) != 0 || got != SH_MERKLE_HASH)
            return why_fail(why, why_size, "a line of the inclusion proof is not a base64 SHA-256");
        p->n++;
    }
    if (!eol)
        return why_fail(why, why_size, "no blank line before the checkpoint");
    p->checkpoint = eol + 1;
    if (!*p->checkpoint)
        return why_fail(why, why_size, "no checkpoint after the blank line");
    return 0;
}
