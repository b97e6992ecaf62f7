/* Accounts managed in the console (issue 15): the administrator manages every account; a county
 * official the accounts of the county (not the administrator's). An account made or given a password
 * by them must replace it at its first sign-in; everyone changes their own. */
#ifndef SH_USERS_H
#define SH_USERS_H

#include <jansson.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

typedef struct sh_user_filter {
    const char *q;    /* a part of the username or the name */
    const char *role; /* NULL: every role */
} sh_user_filter;

/* A page of the accounts the actor manages: {items:[user], total}, newest first. SH_EPERM for anyone
 * but the administrator and county officials. */
int sh_users_list(sh_db *db, const sh_principal *actor, const sh_user_filter *f, const sh_page *page, json_t **ret, sh_err *err);
/* One account ({id, username, display_name, role, role_label, division_code, jurisdiction_name, grid_id,
 * entity_id, entity_name, phone, disabled, must_change_password, created_at}); SH_ENOTFOUND outside. */
int sh_user_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* {username, display_name, role, division_code | grid_id | entity_id, phone?, password}: a new account
 * within the actor's jurisdiction, its password to be replaced at the first sign-in. */
int sh_user_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
/* {display_name?, phone?, disabled?}: nobody stops their own account; a stopped account's sessions end. */
int sh_user_update(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* {password}: a new password its owner must replace at the next sign-in; the account's sessions end. */
int sh_user_reset_password(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* {old_password, new_password}: the caller's own, checked against the old one; the caller's other
 * sessions end (keep_token, the session it came with, stays). Not with a device's token. */
int sh_password_change(sh_db *db, const sh_principal *actor, const char *keep_token, json_t *body, sh_err *err);

#endif
