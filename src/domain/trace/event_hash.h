/* The GS1 CBV 2.0 event hash (CBV 2.0 §8.9): a canonical pre-hash string of an EPCIS 2.0 event and its
 * SHA-256, the eventID "ni:///sha-256;<hex>?ver=CBV2.0". Pure functions, no database. */
#ifndef SH_EVENT_HASH_H
#define SH_EVENT_HASH_H

#include <stddef.h>
#include <jansson.h>

#include "core/err.h"

/* The CBV 2.0 canonical pre-hash string of one EPCIS 2.0 event in JSON-LD (as sent) and its SHA-256 as
 * 64 lowercase hex digits. context: the capture document's "@context" (may be NULL), for the namespace
 * prefixes of user extensions. *ret_prehash (when not NULL) receives the malloc'ed pre-hash string.
 * Returns 0, or SH_EINVAL with err naming the field that cannot be canonicalised. */
int sh_epcis_event_hash(const json_t *event, const json_t *context, char hex[65], char **ret_prehash, sh_err *err);

/* "ni:///sha-256;<hex>?ver=CBV2.0" into out (at least 96 bytes). */
void sh_epcis_event_id(const char hex[65], char *out, size_t cap);

#endif
