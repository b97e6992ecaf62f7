/* CSV imports: a business list in UTF-8 or GBK (transfer/import.c, libcsv) as a dry run by a township
 * official, against the unit tests' in-memory county (tests/unit/testutil.h), and a holiday notice as
 * CSV (base/calendar.c, `shian calendar import`). */
#include "core/buf.h"
#include "domain/base/calendar.h"
#include "fuzz.h"
#include "testutil.h"
#include "transfer/transfer.h"

static sh_db *db;
static sh_principal township;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!db) {
        db = fixture_db();
        if (!db)
            abort();
        fixture_official(&township, SH_ROLE_TOWNSHIP, "360799101000", "township");
    }
    json_t *report = NULL;
    sh_err err = {0};
    if (sh_import_csv(db, &township, (const char *)data, size, 1, &report, &err) == 0)
        json_decref(report);
    sh_buf text = SH_BUF_INIT;
    if (sh_text_to_utf8((const char *)data, size, &text, &err) == 0) {
        sh_calendar_day *days = NULL;
        int n = 0;
        if (sh_calendar_days_from_csv(sh_buf_str(&text), &days, &n, &err) == 0)
            free(days);
    }
    sh_buf_release(&text);
    return 0;
}
