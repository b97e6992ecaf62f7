/* The principal every request acts as: a user (or the system) with its role and jurisdiction. */
#ifndef SH_PRINCIPAL_H
#define SH_PRINCIPAL_H

#include <stdint.h>

#include "store/scope.h"

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
    int device;            /* authenticated by a device's API token (a gateway, a camera box), not a person's session */
    int must_change_password; /* an administrator set the password: its owner replaces it before anything else */
} sh_principal;

const char *sh_role_name(sh_role role);
int sh_role_parse(const char *name, sh_role *out);
const char *sh_role_label_zh(sh_role role);

/* The system principal: scope ALL, audit actor "system". */
void sh_principal_system(sh_principal *p);
/* The anonymous resident (public forms, votes, ratings): audit actor "public", scope NONE. */
void sh_principal_public(sh_principal *p);
/* Whether the role may create and change registry records (within its scope). */
int sh_principal_can_edit_registry(const sh_principal *p);

#endif
