/* Audit log: every change records who, when, what and the previous values. */
#ifndef SH_AUDIT_H
#define SH_AUDIT_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"

/* Appends an entry inside the caller's transaction. before/after may be NULL; not stolen. */
int sh_audit(sh_db *db, const sh_principal *actor, const char *action, const char *object_type,
             int64_t object_id, json_t *before, json_t *after, sh_err *err);

#endif
