/* Township boundaries as data (db/080): one GeoJSON geometry per township, for the console's map.
 * The demo county generates its own; a real county imports a FeatureCollection. */
#ifndef SH_BOUNDARIES_H
#define SH_BOUNDARIES_H

#include <jansson.h>

#include "domain/base/principal.h"

/* Positions one feature may carry (its rings together): a township's outline simplified for a map
 * needs a few thousand; more is a survey file that would slow every dashboard. */
#define SH_BOUNDARY_MAX_POINTS 20000
/* Features in one import: a county's townships, with room. */
#define SH_BOUNDARY_MAX_FEATURES 200

/* The townships of the caller's area that have a boundary, as a GeoJSON FeatureCollection whose
 * features carry properties {code, name, source}. County, township officials and the administrator
 * (SH_EPERM otherwise); a township official gets their own township only. */
int sh_boundaries_get(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err);

/* A county's FeatureCollection: each feature's properties[property] (default "code") names a township
 * of the caller's county (12 digits, level 2), its geometry a Polygon or MultiPolygon of [lng, lat]
 * positions in closed rings. Every feature is checked before anything is written; the first fault is
 * named as field "features[i]…" with the feature's code. The boundaries of the townships carried are
 * replaced in one transaction (audited); others stay. County and administrator only.
 * *ret {imported, codes:[…]}. */
int sh_boundaries_import(sh_db *db, const sh_principal *actor, json_t *body, const char *property, json_t **ret, sh_err *err);

/* Inside the caller's transaction, no checks: the demo's generated geometry for a township. */
int sh_boundary_store(sh_db *db, const char *division_code, const json_t *geometry, const char *source, int64_t user_id,
                      sh_err *err);

#endif
