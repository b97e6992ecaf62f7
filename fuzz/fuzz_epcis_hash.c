/* EPCIS 2.0 documents (domain/trace/event_hash.c, epcis_ids.c): the CBV 2.0 event hash of any JSON
 * value as an event, with the document's @context, and the identifier and vocabulary checks on every
 * string found in it. */
#include <jansson.h>

#include "domain/trace/epcis.h"
#include "domain/trace/event_hash.h"
#include "fuzz.h"

static void check_strings(const json_t *v, int depth)
{
    const char *key;
    json_t *item;
    size_t i;
    if (depth > 8)
        return;
    if (json_is_string(v)) {
        const char *why = NULL;
        sh_epcis_id_valid(json_string_value(v), &why);
        sh_cbv_short("bizStep", json_string_value(v));
        sh_cbv_short("disposition", json_string_value(v));
    } else if (json_is_object(v)) {
        json_object_foreach((json_t *)v, key, item)
            check_strings(item, depth + 1);
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, item)
            check_strings(item, depth + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (!doc)
        return 0;
    const json_t *context = json_object_get(doc, "@context");
    const json_t *events = json_object_get(json_object_get(doc, "epcisBody"), "eventList");
    char hex[65];
    char *prehash = NULL;
    sh_err err = {0};
    if (json_is_array(events)) {
        size_t i;
        json_t *ev;
        json_array_foreach(events, i, ev)
        {
            if (sh_epcis_event_hash(ev, context, hex, &prehash, &err) == 0) {
                char id[96];
                sh_epcis_event_id(hex, id, sizeof id);
            }
            free(prehash);
            prehash = NULL;
        }
    } else {
        sh_epcis_event_hash(doc, context, hex, &prehash, &err);
        free(prehash);
    }
    check_strings(doc, 0);
    json_decref(doc);
    return 0;
}
