#include "http/views.h"

#include "domain/registry/registry.h"

json_t *sh_view_user(sh_db *db, const sh_principal *p)
{
    char area[96] = "", kind[24] = "";
    sh_principal_area_name(db, p, area, sizeof area);
    sh_principal_entity_kind(db, p, kind, sizeof kind);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s*, s:s, s:o, s:o, s:s*, s:b}", "id", (json_int_t)p->user_id, "username",
                     p->username, "display_name", p->display_name, "role", sh_role_name(p->role), "role_label",
                     sh_role_label_zh(p->role), "division_code", p->division_code[0] ? p->division_code : NULL,
                     "jurisdiction_name", area, "grid_id", p->grid_id ? json_integer(p->grid_id) : json_null(),
                     "entity_id", p->entity_id ? json_integer(p->entity_id) : json_null(), "entity_kind", kind[0] ? kind : NULL,
                     "must_change_password", p->must_change_password);
}
