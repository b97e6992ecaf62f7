/* Shared by recall.c, recall_view.c and recall_steps.c; not for other areas. */
#ifndef SH_TRACE_RECALL_INT_H
#define SH_TRACE_RECALL_INT_H

#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

/* How the actor stands to a recall: an official of its jurisdiction, its producer, a business on its list. */
typedef enum { RC_NONE, RC_OFFICIAL, RC_PRODUCER, RC_TARGET } rc_stance;

typedef struct rc_row {
    int64_t id, entity_id;
    char division[13], status[8];
} rc_row;

/* Loads the recall and the actor's stance; SH_ENOTFOUND (field id) when it may not see it. */
int rc_load(sh_db *db, const sh_principal *actor, int64_t id, rc_row *out, rc_stance *stance, sh_err *err);

#endif
