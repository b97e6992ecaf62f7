/* Training sessions and 食安封签 of the demo county (demo_people.c), called by sh_demo_generate. */
#ifndef SH_DEMO_PEOPLE_H
#define SH_DEMO_PEOPLE_H

#include "core/err.h"
#include "store/store.h"

/* Inside the caller's transaction, in the demo's own township (sh_demo_own_township), through the people
 * area's own steps as its township official: a session held a week ago with two people by name, one held
 * today with its material's link, three businesses invited and two of them come with a walk-in, one in ten
 * days with three businesses invited; three caterers each issued a batch of 500 seals, one reporting its
 * first 30 numbers used, one a running total of 120. Nothing when the county has fewer than three townships
 * or the township too few businesses with an account. */
int sh_demo_people(sh_db *db, sh_err *err);

#endif
