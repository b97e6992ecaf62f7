/* GS1 EPCIS 2.0 capture and query (issue 12; tables db/061). A capture document's events are checked
 * one by one (the field named as a JSON path, "epcisBody.eventList[2].eventTime"), then stored all
 * together or not at all, each with its CBV 2.0 event hash as eventID when none is sent, its
 * identifiers by role and its parties resolved to registry businesses, and its hash appended to the
 * ledger (kind "event", ref "epcis_event:<id>"). An event is never edited: an errorDeclaration is
 * stored beside it and marks it corrected. Who captures: a business only events at its own places or
 * with itself among the parties; officials and their devices for businesses of their jurisdiction. */
#ifndef SH_EPCIS_H
#define SH_EPCIS_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/store.h"

/* Events in one capture at most (the standard lets a server set it; it is shown by GET /epcis). */
#define SH_EPCIS_MAX_EVENTS 500

/* Captures document (an EPCISDocument). *ret {captureID, running:false, success:true, eventCount,
 * eventIDs:[…]}. SH_EINVAL names the first bad field; nothing is stored then. */
int sh_epcis_capture(sh_db *db, const sh_principal *actor, json_t *document, json_t **ret, sh_err *err);
/* The same inside the caller's transaction (the demo's). */
int sh_epcis_capture_in_tx(sh_db *db, const sh_principal *actor, json_t *document, json_t **ret, sh_err *err);

/* A capture job the actor may see: {captureID, createdAt, running, success, eventCount, errors}. */
int sh_epcis_capture_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);

/* The query parameters of GET /epcis/events (EPCIS 2.0 simple event query, the common subset). */
typedef struct sh_epcis_query {
    const char *event_type;   /* eventType */
    const char *biz_step;     /* EQ_bizStep: a CBV short name or URI */
    const char *disposition;  /* EQ_disposition */
    const char *biz_location; /* EQ_bizLocation */
    const char *match_epc;    /* MATCH_epc: events naming it in any role */
    const char *ge_time;      /* GE_eventTime: ISO 8601 */
    const char *lt_time;      /* LT_eventTime */
    const char *page_token;   /* nextPageToken from the previous page */
    int64_t per_page;         /* perPage, 1..SH_EPCIS_MAX_PER_PAGE */
    int newest_first;         /* orderDirection=DESC (the order is always by eventTime) */
} sh_epcis_query;

#define SH_EPCIS_MAX_PER_PAGE 200

/* An EPCISQueryDocument of the events the actor may see (its own for a business; its jurisdiction's
 * for officials), oldest first (newest first with newest_first); *ret_next (malloc'ed, NULL on the last page) the next page's token. */
int sh_epcis_events_query(sh_db *db, const sh_principal *actor, const sh_epcis_query *q, json_t **ret, char **ret_next,
                          sh_err *err);

/* nextPageToken: "<event_time_ms>.<id>" of the last event of the page before (NULL: the first page, 0
 * and 0). SH_EINVAL naming nextPageToken when it is not one this server gave. */
int sh_epcis_page_token_parse(const char *text, int64_t *time_ms, int64_t *id, sh_err *err);

/* ms as "2026-11-18T02:00:00.000Z": recordTime, creationDate, the demo's event times. */
void sh_epcis_time_utc(int64_t ms, char *out, size_t cap);

/* ---- identifiers and vocabularies (epcis_ids.c) ---- */

/* Whether text is an identifier an event may name, checked by its scheme: urn:epc:id|class:…, a GS1
 * Digital Link (https://id.gs1.org/…), ear tags urn:shian:eartag:<15 digits>, 承诺达标合格证
 * urn:shian:cert:<no>, 食安封签 urn:shian:seal:<no>, animal quarantine certificates
 * urn:shian:quarantine:<no>, product codes urn:shian:product:<code>. 0 with why in *why. */
int sh_epcis_id_valid(const char *text, const char **why);
/* The CBV 2.0 short name of a business step / disposition / source-destination type / error reason
 * written as a short name or any of its URIs; NULL when it is none of the vocabulary. */
const char *sh_cbv_short(const char *vocabulary, const char *text);
/* A registry business a party or location URI names: urn:shian:entity:<id> or urn:shian:uscc:<code>;
 * 0 when it names none (or an unknown one). */
int64_t sh_epcis_party_entity(sh_db *db, const char *uri);

#endif
