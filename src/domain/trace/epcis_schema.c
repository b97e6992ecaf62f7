/* A capture document against the standard's own JSON Schema (data/epcis/EPCIS-JSON-Schema.json), loaded
 * once per process; the field checks of epcis_check.c come first, with their plainer messages, and this
 * catches what they do not look at. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/data.h"
#include "core/json_schema.h"
#include "domain/trace/epcis_int.h"

#define SCHEMA_FILE "data/epcis/EPCIS-JSON-Schema.json"

static sh_json_schema *schema;
static pthread_once_t schema_once = PTHREAD_ONCE_INIT;

static void load_schema(void)
{
    const char *text = sh_data_file(SCHEMA_FILE);
    if (text && sh_json_schema_load(text, &schema, NULL))
        schema = NULL;
}

int sh_epcis_schema_check(const json_t *doc, sh_err *err)
{
    pthread_once(&schema_once, load_schema);
    if (!schema)
        return sh_fail(err, SH_EINTERNAL, "", SCHEMA_FILE " is not built in or does not load");
    sh_err found;
    if (!sh_json_schema_validate(schema, doc, &found))
        return 0;
    size_t event;
    char which[48] = "文档";
    if (sscanf(found.field, "epcisBody.eventList[%zu]", &event) == 1)
        snprintf(which, sizeof which, "第%zu个事件", event + 1);
    return sh_fail(err, SH_EINVAL, found.field, "%s：不符合EPCIS 2.0标准的JSON Schema，%s", which, found.message);
}
