/* Sign-in back-off. Failed sign-ins are counted per address, per account from one address and per
 * account from everywhere, each with its own threshold; past it, each further failure doubles a
 * wait (1 minute up to a cap). An attacker's address is slowed without locking the account for its
 * owner signing in from elsewhere; the account-wide count (a high threshold) slows guessing spread
 * over many addresses. Keys are the typed user names, so an unknown user is counted and answered
 * exactly as a real one. */
#ifndef SH_LOGIN_GUARD_H
#define SH_LOGIN_GUARD_H

#include <stdint.h>
#include "store/store.h"

/* Thresholds (failures in a row, a failure more than an hour after the previous restarts the count). */
#define SH_GUARD_PAIR_AFTER 5     /* one account from one address */
#define SH_GUARD_ADDRESS_AFTER 20 /* every account from one address */
#define SH_GUARD_ACCOUNT_AFTER 50 /* one account from every address */

/* The milliseconds the caller must still wait before trying username from address (0: none). */
int64_t sh_login_guard_wait(sh_db *db, const char *username, const char *address, int64_t now);
/* Counts a failed sign-in. */
void sh_login_guard_fail(sh_db *db, const char *username, const char *address, int64_t now);
/* A successful sign-in clears the account's counts (the address's count stays). */
void sh_login_guard_success(sh_db *db, const char *username, const char *address);

#endif
