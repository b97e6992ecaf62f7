#include "domain/base/principal.h"

#include <stdio.h>
#include <string.h>

#include "core/err.h"

static const char *const role_names[SH_ROLE__COUNT] = {"admin", "county", "township", "village",
                                                       "inspector", "sampler", "business"};
static const char *const role_labels[SH_ROLE__COUNT] = {"系统管理员", "县局", "乡镇监管所", "村(社区)网格员",
                                                        "执法检查员", "抽样员", "经营主体"};

const char *sh_role_name(sh_role role)
{
    return role >= 0 && role < SH_ROLE__COUNT ? role_names[role] : "unknown";
}

const char *sh_role_label_zh(sh_role role)
{
    return role >= 0 && role < SH_ROLE__COUNT ? role_labels[role] : "未知";
}

int sh_role_parse(const char *name, sh_role *out)
{
    for (int i = 0; i < SH_ROLE__COUNT; i++)
        if (name && strcmp(name, role_names[i]) == 0) {
            *out = (sh_role)i;
            return 0;
        }
    return SH_EINVAL;
}

void sh_principal_system(sh_principal *p)
{
    memset(p, 0, sizeof *p);
    snprintf(p->username, sizeof p->username, "system");
    snprintf(p->display_name, sizeof p->display_name, "系统");
    p->role = SH_ROLE_ADMIN;
    p->scope.kind = SH_SCOPE_ALL;
}

void sh_principal_public(sh_principal *p)
{
    memset(p, 0, sizeof *p);
    snprintf(p->username, sizeof p->username, "public");
    snprintf(p->display_name, sizeof p->display_name, "公众");
    p->role = SH_ROLE_BUSINESS; /* the least of roles; never used for a decision */
    p->scope.kind = SH_SCOPE_NONE;
}

int sh_principal_can_edit_registry(const sh_principal *p)
{
    return p->role == SH_ROLE_ADMIN || p->role == SH_ROLE_COUNTY || p->role == SH_ROLE_TOWNSHIP;
}
