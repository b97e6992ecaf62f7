/* TEMPORARY until the CBV 2.0 event hash lands: SHA-256 of the compact JSON with sorted keys. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/trace/event_hash.h"

int sh_epcis_event_hash(const json_t *event, const json_t *context, char hex[65], char **ret_prehash, sh_err *err)
{
    (void)context; (void)err;
    char *s = json_dumps(event, JSON_COMPACT | JSON_SORT_KEYS);
    unsigned char h[32];
    crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
    sodium_bin2hex(hex, 65, h, 32);
    if (ret_prehash) *ret_prehash = s; else free(s);
    return 0;
}

void sh_epcis_event_id(const char hex[65], char *out, size_t cap) { snprintf(out, cap, "ni:///sha-256;%s?ver=CBV2.0", hex); }
