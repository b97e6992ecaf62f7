/* Inside the workshop area: an application as loaded for a step, and the helpers the steps share. */
#ifndef SH_WORKSHOP_INT_H
#define SH_WORKSHOP_INT_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

typedef struct ws_app {
    int64_t id, entity_id, cert_id;
    char kind[8], status[12], division[13];
    char review_due[11], issue_due[11];
} ws_app;

/* Whether actor is the anonymous public (sh_principal_public). */
int ws_is_public(const sh_principal *actor);
/* Loads application id as the actor may see it (a public caller by its key): SH_ENOTFOUND otherwise,
 * exactly as for an id that does not exist. */
int ws_load(sh_db *db, const sh_principal *actor, int64_t id, const char *key, ws_app *out, sh_err *err);
/* The view of application id (no access check: call ws_load first). */
int ws_view(sh_db *db, int64_t id, json_t **ret, sh_err *err);
/* Appends a step to the application's log; due: the deadline the step answered (NULL none). */
int ws_step(sh_db *db, const sh_principal *actor, int64_t id, const char *action, const char *note, const char *due, sh_err *err);
/* The due date n (setting key, default def) working days after today; *provisional when a year counted
 * through has no holiday notice. */
int ws_due(sh_db *db, const char *setting, int def, char out[11], int *provisional, sh_err *err);
/* An upgrade plan as loaded for a step (upgrade.c): view is its row as the list shows it (yours). */
typedef struct ws_plan {
    int64_t id, place_id, checklist_id, campaign_id;
    char name[256], starts_on[11];
    json_t *view;
} ws_plan;
/* Loads plan id as the actor may see it: SH_ENOTFOUND otherwise, exactly as for a missing id. */
int ws_plan_load(sh_db *db, const sh_principal *actor, int64_t id, ws_plan *out, sh_err *err);

/* The labels of kinds and statuses. */
const char *ws_kind_label(const char *kind);
const char *ws_status_label(const char *status);

/* The next certificate number by the workshop_cert_pattern setting ({year}: the year of today, {seqN}:
 * an N-digit serial per filled-in prefix), never one a certificate or an open business already holds. */
int ws_next_cert_no(sh_db *db, char out[128], sh_err *err);

#endif
