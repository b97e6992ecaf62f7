/* What the business's and the officials' to-do lists share: an item and a section as JSON. */
#ifndef SH_HOME_TODO_INT_H
#define SH_HOME_TODO_INT_H

#include <jansson.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/store.h"

/* One item from a row whose columns 0-3 are id, title, detail (or NULL), due (YYYY-MM-DD or NULL), with
 * its countdown from today; route is the page to act on it. */
json_t *sh_todo_item(sh_stmt *st, const char *today, const char *route);
/* A section: {key, title, action, route, count, items}; steals items. */
json_t *sh_todo_section(const char *key, const char *title, const char *action, const char *route, int64_t count, json_t *items);

/* An official's sections (scoped to their jurisdiction, or their own tasks), appended to sections. */
int sh_todo_official(sh_db *db, const sh_principal *actor, const char *today, json_t *sections, sh_err *err);

#endif
