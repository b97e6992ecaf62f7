/* Settings a bureau can change (the `settings` table: key → value text), read by the domain.
 * Reads come from a per-process cache of the whole table (a few dozen rows), shared by all threads
 * and connections, loaded again when older than SH_SETTINGS_MAX_AGE_MS. The write path
 * (sh_setting_set) also raises settings_version. So a change made with sh_setting_set is seen:
 *   - by this process at once (inside a transaction: by that connection at once, by the rest of
 *     the process at the latest SH_SETTINGS_MAX_AGE_MS after the commit);
 *   - by another process (a CLI verb, another server on the same database) at its next
 *     sh_settings_check (the server runs one per request), else within SH_SETTINGS_MAX_AGE_MS.
 * A change by SQL behind the write path's back is seen within SH_SETTINGS_MAX_AGE_MS. */
#ifndef SH_SETTINGS_H
#define SH_SETTINGS_H

#include <stddef.h>
#include "store/store.h"

#define SH_SETTINGS_MAX_AGE_MS 1000

/* The integer value of key, or def when the key is absent or the store fails. */
int sh_setting_int(sh_db *db, const char *key, int def);
/* The setting list_total_cap (db/084): how far past a page lists count their total (0: every row). */
int64_t sh_setting_list_total_cap(sh_db *db);
/* Copies the value of key into out (n bytes); -1 when absent. */
int sh_setting_text(sh_db *db, const char *key, char *out, size_t n);
/* Sets key to value (a new key is added); the write path that keeps this process's cache true. */
int sh_setting_set(sh_db *db, const char *key, const char *value, sh_err *err);
/* One single-row read: drops the cache when another process changed settings through
 * sh_setting_set since it was loaded. Call it at the start of a unit of work (a request, a sweep). */
void sh_settings_check(sh_db *db);
/* Drops the cache: the next read loads the table. For a process that moves to another database
 * (tests, which open one per case), or that changed settings by SQL and must see it at once. */
void sh_settings_forget(void);

#endif
