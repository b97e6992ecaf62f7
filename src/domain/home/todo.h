/* Each role's home: its to-do list (issue 15, "each role starts from its own work"). */
#ifndef SH_HOME_TODO_H
#define SH_HOME_TODO_H

#include <jansson.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/store.h"

/* How many items a section lists; its count says how many there are in all. */
#define SH_TODO_ITEMS 5
/* A licence expiring within this many days is on the list (as the public shop page warns). */
#define SH_TODO_LICENCE_DAYS 30

/* The caller's to-do list: {today, sections:[{key, title, action, route, count, items:[{id, title,
 * detail, due, days_left, overdue, route}]}]}, only the sections with something to do, on the
 * platform's Beijing today. A business: its own (this file); an official: their own tasks and what waits
 * on them in their jurisdiction (todo_official.c). */
int sh_todo_of(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err);

#endif
