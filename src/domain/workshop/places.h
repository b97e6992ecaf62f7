/* Parks, clusters and model units (园区, 集中加工区, 示范单元): places of small workshops that a county or
 * township keeps, each with the registered workshops in it. Officials see the places of their
 * jurisdiction (an id outside it is missing); the county and the township keep them. */
#ifndef SH_WORKSHOP_PLACES_H
#define SH_WORKSHOP_PLACES_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

/* body {kind: park|cluster|model_unit, name, division_code (a township), address?, note?}; *ret the place. */
int sh_ws_place_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
/* name, address, note: those given change. */
int sh_ws_place_update(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* {id, kind, kind_label, name, division_code, division_name, address, note, workshops: [{id, name,
 * licence_no, licence_valid_until, status, joined_on}]}. */
int sh_ws_place_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* {items: [place with workshop_count], total}; kind NULL for every kind. */
int sh_ws_places_list(sh_db *db, const sh_principal *actor, const char *kind, const sh_page *page, json_t **ret, sh_err *err);
/* body {entity_ids: [...]}: the place's workshops become these (registered workshops of the place's
 * township, at most 500); those staying keep the day they joined. */
int sh_ws_place_set_workshops(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);

#endif
