/* What licence_app.c and licence_correct.c share: an application as its steps check it, loading within
 * the caller's reach, a guarded move, the view, the outbox notice to the business. */
#ifndef SH_LICENCE_INT_H
#define SH_LICENCE_INT_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

typedef struct lic_app {
    int64_t id, entity_id;
    char kind[8], status[12], division[13], verify_due[11], verify_result[14], licence_no[20], corrected_on[11], confirmed_on[11];
} lic_app;

/* The application in the caller's reach (a business: its own; officials: their divisions), else SH_ENOTFOUND. */
int lic_load(sh_db *db, const sh_principal *actor, int64_t id, lic_app *out, sh_err *err);
/* Runs an UPDATE … WHERE <expected state>: SH_EEXIST naming status unless it changed exactly one row. */
int lic_move(sh_db *db, sh_stmt *st, sh_err *err);
int lic_view(sh_db *db, int64_t id, json_t **ret, sh_err *err);
int lic_tell_business(sh_db *db, int64_t id, int64_t entity_id, const char *topic, sh_err *err);

#endif
