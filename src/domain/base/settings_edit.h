/* The operator's view of the settings table: list and change (the domain reads them through
 * settings.h). */
#ifndef SH_SETTINGS_EDIT_H
#define SH_SETTINGS_EDIT_H

#include <jansson.h>

#include "domain/base/principal.h"

/* Every setting, in key order: [{key, value}]. */
int sh_settings_list(sh_db *db, json_t **ret, sh_err *err);
/* An operator's change of an existing setting, audited (each key and its default come with a
 * migration, so an unknown key is a mistake, not a new setting). Admin or the system only.
 * Written through sh_setting_set, so this process's cache stays true. */
int sh_setting_change(sh_db *db, const sh_principal *actor, const char *key, const char *value, sh_err *err);

#endif
