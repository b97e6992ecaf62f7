/* The demo's gateway (demo_outbox.c): what the demo's steps told businesses and applicants counts as sent. */
#ifndef SH_DEMO_OUTBOX_H
#define SH_DEMO_OUTBOX_H

#include "core/err.h"
#include "store/store.h"

/* Marks the undelivered outbox items whose topic is LIKE topic_like as created and delivered this morning
 * at 9 (Beijing), once tried, so a gateway started on the demo county pulls only what happens next. */
int sh_demo_delivered_this_morning(sh_db *db, const char *topic_like, sh_err *err);

#endif
