/* 名特优 workshops of the demo county (demo_famous.c), called by sh_demo_generate. */
#ifndef SH_DEMO_FAMOUS_H
#define SH_DEMO_FAMOUS_H

#include "core/err.h"
#include "store/store.h"

/* Up to four active workshops registered over a year ago (graded here, before the county is), with neither a failed sample
 * nor a penalty: their trade's product entered in the catalogue and, where the registry names none, an
 * officer appointed; the first two recognised today (the criteria evaluated and kept as the county's
 * decision keeps them), the third awaiting the county, the fourth the township. Inside the caller's
 * transaction; rows written directly, as the rest of the generator does. */
int sh_demo_famous(sh_db *db, sh_err *err);

#endif
