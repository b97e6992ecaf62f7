/* EPCIS capture documents (domain/trace/epcis_check.c): each event of epcisBody.eventList checked field
 * by field as POST /epcis/capture checks it, for a county official, against the unit tests' in-memory
 * county (tests/unit/testutil.h), which the check only reads. */
#include <jansson.h>

#include "core/timeutil.h"
#include "domain/trace/epcis_int.h"
#include "fuzz.h"
#include "testutil.h"

static sh_db *db;
static sh_principal county;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!db) {
        sh_clock_pin(1795046400000LL); /* 2026-11-18, the tests' Wednesday */
        db = fixture_db();
        if (!db)
            abort();
        fixture_official(&county, SH_ROLE_COUNTY, "360799", "county");
    }
    json_t *doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    json_t *events = json_object_get(json_object_get(doc, "epcisBody"), "eventList");
    size_t i;
    json_t *ev;
    json_array_foreach(events, i, ev)
    {
        sh_epcis_event out;
        sh_err err = {0};
        sh_epcis_check_event(db, &county, ev, i, &out, &err);
    }
    json_decref(doc);
    return 0;
}
