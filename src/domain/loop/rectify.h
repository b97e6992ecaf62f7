/* Rectification orders: the closed loop shared by inspections, duty visits, online patrols and
 * video alerts. finding → order with a deadline (working days) → the business submits evidence →
 * an official verifies (closed) or rejects (open again) → an order past its deadline is escalated. */
#ifndef SH_RECTIFY_H
#define SH_RECTIFY_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"

typedef struct sh_rectify_order {
    int64_t entity_id;
    const char *source_type; /* inspection, duty_visit, video_alert, patrol */
    int64_t source_id;
    int64_t item_id;         /* checklist item, 0 when none */
    int key_item;
    const char *title;
    const char *requirement;
    int workdays;            /* deadline: this many working days from today */
} sh_rectify_order;

/* Opens an order inside the caller's transaction (the caller has checked its right to do so). */
int sh_rectify_open(sh_db *db, const sh_principal *actor, const sh_rectify_order *o, int64_t *ret_id, sh_err *err);

/* Orders in the actor's jurisdiction (a business sees its own): status filter open|submitted|verified|overdue. */
int sh_rectify_list(sh_db *db, const sh_principal *actor, const char *status, int64_t entity_id, json_t **ret, sh_err *err);
int sh_rectify_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* The business submits what it did (open → submitted). */
int sh_rectify_submit(sh_db *db, const sh_principal *actor, int64_t id, const char *evidence, sh_err *err);
/* Checks that the actor (the business) may add evidence to this open order; fills its business. */
int sh_rectify_check_submitter(sh_db *db, const sh_principal *actor, int64_t id, int64_t *ret_entity, sh_err *err);
/* An official accepts (→ verified) or rejects (→ open, with the note) a submission. */
int sh_rectify_review(sh_db *db, const sh_principal *actor, int64_t id, int accept, const char *note, sh_err *err);
/* Marks orders past their deadline on `today` as escalated (once each, audited); *ret_count = how many. */
int sh_rectify_escalate(sh_db *db, const char *today, int *ret_count, sh_err *err);

#endif
