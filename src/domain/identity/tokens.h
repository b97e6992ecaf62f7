/* Device (API) tokens: created with an expiry and shown once (only the secret's SHA-256 is stored),
 * listed, revoked, and rotated without downtime: a rotation issues a new secret while the old one
 * keeps working until a grace end. An official manages their own tokens; a county official and the
 * administrator also those of the users of their jurisdiction. Any other id answers "not found". */
#ifndef SH_TOKENS_H
#define SH_TOKENS_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/store.h"

#define SH_TOKEN_DEFAULT_DAYS 365
#define SH_TOKEN_MAX_DAYS 3650
#define SH_TOKEN_DEFAULT_GRACE_HOURS 24
#define SH_TOKEN_MAX_GRACE_HOURS 720

/* A new token of `owner` valid for `days` (1..SH_TOKEN_MAX_DAYS); actor audits it (the owner, or the
 * system on the command line). Returns the secret once and the token's id. */
int sh_api_token_create(sh_db *db, const sh_principal *actor, const sh_principal *owner, const char *name,
                        int days, char ret_token[65], int64_t *ret_id, sh_err *err);
/* A page of the tokens the actor manages, newest first, without secrets; *ret_total (may be NULL) gets
 * how many there are in all. */
int sh_api_token_list(sh_db *db, const sh_principal *actor, int limit, int offset, json_t **ret_items, int64_t *ret_total,
                      sh_err *err);
/* One token the actor manages, without its secret; SH_ENOTFOUND otherwise. */
int sh_api_token_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret_token, sh_err *err);
/* Revokes a token (every secret of it at once). */
int sh_api_token_revoke(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret_token, sh_err *err);
/* A new secret for the token; the previous ones work until now + grace_hours (0..SH_TOKEN_MAX_GRACE_HOURS). */
int sh_api_token_rotate(sh_db *db, const sh_principal *actor, int64_t id, int grace_hours, char ret_token[65],
                        json_t **ret_view, sh_err *err);

#endif
