/* The county's risk settings, read and changed by officials through the API (not SQL): the grade
 * bands, the inspections a year per grade, the points per dynamic factor and the working days given
 * to rectify. Each key is described (its meaning in Chinese) and validated on its own and together
 * (the bands increase); every change is audited with before and after. Values live in the settings
 * table (domain/base/settings.h). */
#ifndef SH_RISK_SETTINGS_H
#define SH_RISK_SETTINGS_H

#include <jansson.h>

#include "domain/base/principal.h"

/* [{key, value, group, label, meaning, min, max}] in display order. Officials (not businesses). */
int sh_risk_settings_get(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err);
/* Changes the keys of changes ({key: integer}) in one transaction, audited one row per changed key
 * (county and admin only). Errors name the key. *ret_regrade: 1 when a band or a point value changed,
 * so grades must be computed again (the caller runs sh_risk_regrade_all after this returns). */
int sh_risk_settings_patch(sh_db *db, const sh_principal *actor, const json_t *changes, int *ret_regrade, sh_err *err);

#endif
