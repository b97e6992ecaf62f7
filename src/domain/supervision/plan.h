/* The inspection plan: how often each business must be seen this year by its risk grade
 * (settings visits_a..visits_d), and the two-year full-checklist rule (SAMR Order 49 Art 22);
 * what is done, behind schedule and due, per township and per inspector. */
#ifndef SH_PLAN_H
#define SH_PLAN_H

#include <jansson.h>

#include "domain/base/principal.h"
#include "store/rows.h"

/* year: e.g. 2026. today: YYYY-MM-DD (the share of the year elapsed decides "behind").
 * {year, totals:{businesses, required, done, behind, full_due},
 *  townships:[{township_code, township_name, businesses, required, done, behind, full_due}],
 *  inspectors:[{id, name, open, overdue, completed}],
 *  behind:[{id, name, grade, required, done, behind, full_due}] (the page behind_page asks for, by township),
 *  behind_total: how many businesses are behind or due a full check} */
int sh_plan(sh_db *db, const sh_principal *actor, int year, const char *today, const sh_page *behind_page, json_t **ret, sh_err *err);

#endif
