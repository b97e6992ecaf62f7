/* Between the EPCIS files: one event as checked (epcis_check.c) for the capture to store (epcis_capture.c). */
#ifndef SH_EPCIS_INT_H
#define SH_EPCIS_INT_H

#include "domain/trace/epcis.h"

typedef struct sh_epcis_event {
    json_t *json;             /* the event as sent (borrowed) */
    const char *type, *action, *time, *tz, *event_id;
    int64_t time_ms;
    const char *biz_step, *disposition, *read_point, *biz_location; /* steps and dispositions as CBV short names when they are */
    const char *error_reason; /* an errorDeclaration: its reason (short name or URI); NULL otherwise */
    int64_t entity_id;        /* the business it is captured for (0: none) */
    char division[13];        /* who sees it */
} sh_epcis_event;

/* Checks the event at index i of the capture document for actor; fills *out. SH_EINVAL names the field
 * as "epcisBody.eventList[i].…". */
int sh_epcis_check_event(sh_db *db, const sh_principal *actor, json_t *event, size_t i, sh_epcis_event *out, sh_err *err);

/* The whole capture document against the EPCIS 2.0 JSON Schema shipped as data. SH_EINVAL names the
 * field by its path, as the checks above do. */
int sh_epcis_schema_check(const json_t *doc, sh_err *err);

/* The identifier lists of an event and the role each gives ({"epcList", "epc", 0}, {"quantityList",
 * "epc", 1} …; quantity lists hold {epcClass, quantity, uom}). */
typedef struct {
    const char *field, *role;
    int quantities;
} sh_epcis_list;
extern const sh_epcis_list SH_EPCIS_LISTS[];
extern const size_t SH_EPCIS_NLISTS;

#endif
