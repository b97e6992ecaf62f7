/* Inside the famous area: what steps.c and revoke.c share. */
#ifndef SH_FAMOUS_INT_H
#define SH_FAMOUS_INT_H

#include "domain/famous/famous.h"

/* Moves a recognition to revoked today with its reason and source, inside the caller's transaction. */
int famous_revoke_in_tx(sh_db *db, const sh_principal *actor, int64_t id, const char *source_kind, int64_t source_id, const char *reason,
                        sh_err *err);

#endif
