/* Query-string values the handlers parse themselves (libmicrohttpd splits and decodes the query):
 * EPCIS keyset page tokens (domain/trace/epcis_query.c), ISO 8601 times of from/to/GE_eventTime
 * (core/civil.c sh_parse_time) and dates (sh_date_valid). */
#include "core/civil.h"
#include "domain/trace/epcis.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size);
    int64_t t = 0, id = 0;
    sh_err err = {0};
    sh_epcis_page_token_parse(s, &t, &id, &err);
    if (sh_parse_time(s, &t) == 0) {
        char when[40];
        sh_epcis_time_utc(t, when, sizeof when);
    }
    int y, m, d;
    if (sh_date_valid(s, &y, &m, &d))
        sh_date_days(s);
    free(s);
    return 0;
}
