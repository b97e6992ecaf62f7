/* Divisions (county → township → village) and supervision grids, seen through the caller's
 * jurisdiction. */
#ifndef SH_REGISTRY_H
#define SH_REGISTRY_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/base/principal.h"

/* Division-code prefix of the area the principal may see ("" for everything). Grid members and
 * businesses see their township's divisions. */
int sh_principal_area_prefix(sh_db *db, const sh_principal *p, char out[13], sh_err *err);
/* Name of the principal's jurisdiction: "全县", a township, grid or business name. */
void sh_principal_area_name(sh_db *db, const sh_principal *p, char *out, size_t n);
/* A business user's kind of business (workshop, caterer …), "" for anyone else: the console shows
 * what belongs to the kind (a workshop's 登记证). */
void sh_principal_entity_kind(sh_db *db, const sh_principal *p, char *out, size_t n);

/* The level of division code (1 county, 2 township, 3 village; 0 when there is none, or code NULL) in *ret. */
int sh_division_level(sh_db *db, const char *code, int *ret, sh_err *err);

/* Townships (parent NULL) or the children of `parent`, inside the caller's area. */
int sh_divisions_list(sh_db *db, const sh_principal *actor, const char *parent, json_t **ret_items, sh_err *err);

/* Grids of a township (or all in the area when township is NULL). */
int sh_grids_list(sh_db *db, const sh_principal *actor, const char *township, json_t **ret_items, sh_err *err);

typedef struct sh_grid_input {
    const char *code, *name, *division_code;
    int64_t leader_user_id;
} sh_grid_input;
int sh_grid_create(sh_db *db, const sh_principal *actor, const sh_grid_input *in, int64_t *ret_id, sh_err *err);
/* Grid id by its code, inside the caller's area; SH_EINVAL naming `field` when unknown. */
int sh_grid_find_by_code(sh_db *db, const sh_principal *actor, const char *code, const char *field,
                         int64_t *ret_id, sh_err *err);

/* Officials who can answer for businesses in the actor's area (county, township and village roles):
 * [{id, display_name, role, division_code, grid_id}]. field_staff: instead, the samplers and
 * inspectors working in the area or above it (those a sampling task can name, samplers first). */
int sh_officials_list(sh_db *db, const sh_principal *actor, int field_staff, json_t **ret_items, sh_err *err);

#endif
