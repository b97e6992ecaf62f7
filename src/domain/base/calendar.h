/* Working days on the platform's holiday calendar (State Council notices, data/holidays-cn.csv):
 * statutory deadlines count working days, including adjusted working weekends. */
#ifndef SH_CALENDAR_H
#define SH_CALENDAR_H

#include "core/civil.h"
#include "core/err.h"
#include "store/store.h"

/* Adds the shipped calendar days the database does not have yet (a bureau's own edits stay). */
int sh_calendar_seed(sh_db *db, sh_err *err);
/* Whether date (YYYY-MM-DD) is a working day: Monday-Friday unless a holiday, or an adjusted workday. */
int sh_is_workday(sh_db *db, const char *date, int *ret, sh_err *err);
/* The date n working days after start (start itself not counted): a deadline of "n working days". */
int sh_workdays_add(sh_db *db, const char *start, int n, char out[11], sh_err *err);
/* Today in Beijing time, YYYY-MM-DD. */
void sh_today(char out[11]);

#endif
