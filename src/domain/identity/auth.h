/* Identity: users, passwords (argon2id), sessions and API tokens. */
#ifndef SH_AUTH_H
#define SH_AUTH_H

#include <stdint.h>
#include "core/err.h"
#include "domain/base/principal.h"
#include "store/store.h"

/* Password hashing parameters (argon2id); set once at start-up from the configuration. */
void sh_password_params(int opslimit, long memlimit);
int sh_password_hash(const char *password, char out[128], sh_err *err);
int sh_password_verify(const char *hash, const char *password);
/* Minimum rules for a new password: 8+ characters, letters and digits. */
int sh_password_check_strength(const char *password, sh_err *err);

typedef struct sh_user_input {
    const char *username;
    const char *display_name;
    const char *password;       /* plain; hashed here. Or: */
    const char *password_hash;  /* an existing hash (demo reuses one) */
    sh_role role;
    const char *division_code;  /* officials */
    int64_t grid_id;            /* village grid members */
    int64_t entity_id;          /* business users */
    const char *phone;
    int must_change_password;   /* set by an administrator: replaced at the first sign-in */
} sh_user_input;

/* Validates and inserts a user; the jurisdiction fields must match the role. */
int sh_user_add(sh_db *db, const sh_principal *actor, const sh_user_input *in, int64_t *ret_id, sh_err *err);
int sh_user_set_password(sh_db *db, const sh_principal *actor, const char *username, const char *password, sh_err *err);
/* Checks and stores user id's new password; must_change: its owner replaces it at the next sign-in (an
 * administrator set it). Ends the user's sessions but keep_token's (NULL: all). Audited. */
int sh_user_store_password(sh_db *db, const sh_principal *actor, int64_t id, const char *password, int must_change,
                           const char *keep_token, sh_err *err);
/* Loads a principal by user id (fails for disabled users). */
int sh_principal_load(sh_db *db, int64_t user_id, sh_principal *out, sh_err *err);

/* Checks credentials; on success creates a session and returns its token (64 hex chars). address:
 * the caller's network address, for the back-off (login_guard.h); NULL when unknown. */
int sh_login(sh_db *db, const char *username, const char *address, const char *password, int session_hours,
             char ret_token[65], sh_principal *ret_principal, sh_err *err);
/* Resolves a session or API token to its principal; SH_EAUTH when unknown or expired. */
int sh_token_resolve(sh_db *db, const char *token, sh_principal *out, sh_err *err);
void sh_logout(sh_db *db, const char *token);
/* Stores the hash of a new random secret as a sessions row of `kind` ("session" or "api";
 * api_token_id: its api_tokens row, 0 for none; expires_at 0: none) and returns the secret. */
int sh_token_issue(sh_db *db, int64_t user_id, const char *kind, const char *name, int64_t api_token_id,
                   int64_t expires_at, char ret_token[65], sh_err *err);

#endif
