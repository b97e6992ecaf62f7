/* Identity: users, roles, passwords (argon2id), sessions and API tokens, and the principal that
 * every request acts as. */
#ifndef SH_AUTH_H
#define SH_AUTH_H

#include <stdint.h>
#include "core/err.h"
#include "store/scope.h"
#include "store/store.h"

typedef enum sh_role {
    SH_ROLE_ADMIN, SH_ROLE_COUNTY, SH_ROLE_TOWNSHIP, SH_ROLE_VILLAGE,
    SH_ROLE_INSPECTOR, SH_ROLE_SAMPLER, SH_ROLE_BUSINESS, SH_ROLE__COUNT
} sh_role;

/* The caller: a user (or the system when user_id is 0) with the jurisdiction it acts in. */
typedef struct sh_principal {
    int64_t user_id;
    char username[64];
    char display_name[96];
    sh_role role;
    char division_code[13];
    int64_t grid_id;
    int64_t entity_id;
    sh_scope scope;
} sh_principal;

const char *sh_role_name(sh_role role);
int sh_role_parse(const char *name, sh_role *out);
const char *sh_role_label_zh(sh_role role);

/* The system principal: scope ALL, audit actor "system". */
void sh_principal_system(sh_principal *p);
/* Whether the role may create and change registry records (within its scope). */
int sh_principal_can_edit_registry(const sh_principal *p);

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
} sh_user_input;

/* Validates and inserts a user; the jurisdiction fields must match the role. */
int sh_user_add(sh_db *db, const sh_principal *actor, const sh_user_input *in, int64_t *ret_id, sh_err *err);
int sh_user_set_password(sh_db *db, const sh_principal *actor, const char *username, const char *password, sh_err *err);
/* Loads a principal by user id (fails for disabled users). */
int sh_principal_load(sh_db *db, int64_t user_id, sh_principal *out, sh_err *err);

/* Checks credentials; on success creates a session and returns its token (64 hex chars). */
int sh_login(sh_db *db, const char *username, const char *password, int session_hours,
             char ret_token[65], sh_principal *ret_principal, sh_err *err);
/* Resolves a session or API token to its principal; SH_EAUTH when unknown or expired. */
int sh_token_resolve(sh_db *db, const char *token, sh_principal *out, sh_err *err);
void sh_logout(sh_db *db, const char *token);
/* Creates a non-expiring API token for a device, acting as `owner`. */
int sh_api_token_create(sh_db *db, const sh_principal *owner, const char *name, char ret_token[65], sh_err *err);

#endif
