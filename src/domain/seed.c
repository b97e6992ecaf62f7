#include "domain/seed.h"

#include "domain/base/calendar.h"
#include "domain/supervision/checklist.h"
#include "domain/enforcement/case.h"
#include "domain/sampling/limits.h"

int sh_seed_reference_data(sh_db *db, sh_err *err)
{
    int rc = sh_calendar_seed(db, err);
    if (rc == 0)
        rc = sh_checklists_seed(db, err);
    if (rc == 0)
        rc = sh_sampling_seed(db, err);
    return rc ? rc : sh_discretion_seed(db, err);
}
