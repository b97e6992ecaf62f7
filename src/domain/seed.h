/* Reference data every database carries: the holiday calendar, the default checklists and the
 * shipped limit tables. */
#ifndef SH_SEED_H
#define SH_SEED_H

#include "store/store.h"

/* Adds what is missing; never overwrites a bureau's own changes. Run after migrations. */
int sh_seed_reference_data(sh_db *db, sh_err *err);

#endif
