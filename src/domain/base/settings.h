/* Settings a bureau can change (the `settings` table: key → value text), read by the domain. */
#ifndef SH_SETTINGS_H
#define SH_SETTINGS_H

#include <stddef.h>
#include "store/store.h"

/* The integer value of key, or def when the key is absent or the store fails. */
int sh_setting_int(sh_db *db, const char *key, int def);
/* Copies the value of key into out (n bytes); -1 when absent. */
int sh_setting_text(sh_db *db, const char *key, char *out, size_t n);

#endif
