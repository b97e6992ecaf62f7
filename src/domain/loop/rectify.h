/* Rectification orders: the closed loop shared by inspections, duty visits, online patrols and
 * video alerts. finding → order with a deadline (working days) → the business submits evidence →
 * an official verifies (closed) or rejects (open again) → an order past its deadline is escalated.
 * The loop knows none of its users: the area that opens an order passes what it shows (picture,
 * box), and registers what else happens when its orders run late (sh_rectify_on_escalated). */
#ifndef SH_RECTIFY_H
#define SH_RECTIFY_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/rows.h"

typedef struct sh_rectify_order {
    int64_t entity_id;
    const char *source_type; /* inspection, duty_visit, video_alert, patrol */
    int64_t source_id;
    int64_t item_id;         /* checklist item, 0 when none */
    int key_item;
    const char *title;
    const char *requirement;
    int workdays;            /* deadline: this many working days from today */
    int64_t snapshot_id;     /* the picture the finding came from (an attachment), 0: none */
    const char *box;         /* where in that picture: JSON [x, y, w, h], NULL: none */
} sh_rectify_order;

/* What an area does, inside the sweep's transaction, when one of its orders (by source_type) is
 * escalated, e.g. push the business again. Registered (or replaced) at start-up from
 * sh_domain_init, before threads start; -1 when the table is full. */
typedef int (*sh_rectify_escalated_fn)(sh_db *db, int64_t order_id, sh_err *err);
int sh_rectify_on_escalated(const char *source_type, sh_rectify_escalated_fn fn);

/* Opens an order inside the caller's transaction (the caller has checked its right to do so). */
int sh_rectify_open(sh_db *db, const sh_principal *actor, const sh_rectify_order *o, int64_t *ret_id, sh_err *err);

/* A page of the orders in the actor's jurisdiction (a business sees its own), by deadline: status filter
 * open|submitted|verified|overdue, entity_id 0 for all; *ret = {items, total}. */
int sh_rectify_list(sh_db *db, const sh_principal *actor, const char *status, int64_t entity_id, const sh_page *page, json_t **ret,
                    sh_err *err);
int sh_rectify_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* The business submits what it did (open → submitted). */
int sh_rectify_submit(sh_db *db, const sh_principal *actor, int64_t id, const char *evidence, sh_err *err);
/* Checks that the actor (the business) may add evidence to this open order; fills its business. */
int sh_rectify_check_submitter(sh_db *db, const sh_principal *actor, int64_t id, int64_t *ret_entity, sh_err *err);
/* An official accepts (→ verified) or rejects (→ open, with the note) a submission. */
int sh_rectify_review(sh_db *db, const sh_principal *actor, int64_t id, int accept, const char *note, sh_err *err);
/* The rule of overdue (逾期未整改) for an order in `status` (open|submitted|verified) on `today`: past
 * its deadline with no evidence by then, or evidence only after it, or escalated and not verified;
 * evidence submitted (submitted != 0, at submitted_ms) by the deadline and awaiting review is not
 * overdue. The sweep, the lists and the demo generator all ask this one function. */
int sh_rectify_is_overdue(const char *status, const char *deadline, const char *today, int submitted, int64_t submitted_ms,
                          int escalated);
/* Marks orders past their deadline on `today` as escalated (once each, audited); *ret_count = how many. */
int sh_rectify_escalate(sh_db *db, const char *today, int *ret_count, sh_err *err);

#endif
