#include "demo/demo_reports.h"

#include <stdio.h>

#include "domain/base/calendar.h"
#include "domain/home/report_period.h"
#include "domain/identity/auth.h"
#include "transfer/report.h"

int sh_demo_reports(sh_db *db, sh_err *err)
{
    char today[11], key[64];
    sh_today(today);
    sh_report_period last;
    sh_report_period_last("month", today, &last);
    sh_principal system, county;
    sh_principal_system(&system);
    int64_t id = 0, county_id = 0, township_id = 0;
    int rc = sh_db_query_int64(db, "SELECT id FROM users WHERE username = 'county'", 0, &county_id, err);
    if (rc == 0)
        rc = sh_db_query_int64(db, "SELECT id FROM users WHERE username = 't01'", 0, &township_id, err);
    if (rc || !county_id || !township_id)
        return rc;
    sh_principal t01;
    if ((rc = sh_principal_load(db, county_id, &county, err)) == 0 && (rc = sh_principal_load(db, township_id, &t01, err)) == 0) {
        snprintf(key, sizeof key, "schedule:%s:%s", county.division_code, last.text);
        rc = sh_report_generate(db, &system, last.text, county.division_code, key, &id, err);
    }
    char month[8];
    snprintf(month, sizeof month, "%.7s", today);
    if (rc == 0)
        rc = sh_report_generate(db, &county, month, t01.division_code, NULL, &id, err);
    return rc;
}
