/* Audit log: every change records who, when, what and the previous values. */
#ifndef SH_AUDIT_H
#define SH_AUDIT_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

/* Appends an entry inside the caller's transaction. before/after may be NULL; not stolen. */
int sh_audit(sh_db *db, const sh_principal *actor, const char *action, const char *object_type,
             int64_t object_id, json_t *before, json_t *after, sh_err *err);

typedef struct sh_audit_filter {
    const char *object_type; /* NULL: any */
    int64_t object_id;       /* 0: any */
    const char *action;      /* NULL: any */
    int64_t before_id;       /* the cursor: entries older than this id; 0 from the newest */
    int limit;               /* 1..500 */
} sh_audit_filter;

/* The log, newest first, for the system administrator (audit_list.c); *ret_next is the cursor of
 * the next page, 0 at the end. */
int sh_audit_list(sh_db *db, const sh_principal *actor, const sh_audit_filter *f, json_t **ret_items,
                  int64_t *ret_next, sh_err *err);

#endif
