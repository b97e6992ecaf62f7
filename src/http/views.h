/* JSON views shared by handlers. */
#ifndef SH_VIEWS_H
#define SH_VIEWS_H

#include <jansson.h>
#include "domain/base/principal.h"

/* The user as the console shows it: role label and the name of the jurisdiction. */
json_t *sh_view_user(sh_db *db, const sh_principal *p);

#endif
