/* Per-address limits on public requests (no sign-in: complaint forms, proposals, votes, ratings,
 * verification codes). Each bucket allows so many accepted requests an hour from one address, the
 * number a setting (public_limit_<bucket>_per_hour). The address is stored only as a keyed hash
 * (identity/secret.h), in the database, so the limit holds across threads, restarts and servers.
 * Only accepted requests count: a form sent back for a bad field costs nothing. */
#ifndef SH_RATE_LIMIT_H
#define SH_RATE_LIMIT_H

#include "core/err.h"
#include "store/store.h"

/* SH_ELIMIT (429) when address has made the bucket's number of requests in the last hour; SH_EINVAL
 * for an empty address. Reads only. */
int sh_rate_limit_check(sh_db *db, const char *bucket, const char *address, sh_err *err);
/* Counts one accepted request of bucket from address (its own transaction; rows older than a day
 * pruned). */
int sh_rate_limit_record(sh_db *db, const char *bucket, const char *address, sh_err *err);

#endif
