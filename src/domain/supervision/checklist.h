/* Standards as data: checklists of dimensions and items (key or general, legal basis, evidence),
 * per business kind, versioned so that an inspection keeps the version it was made with. */
#ifndef SH_CHECKLIST_H
#define SH_CHECKLIST_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"

/* Creates version 1 of each default checklist (data/checklists/) whose code is not there yet. */
int sh_checklists_seed(sh_db *db, sh_err *err);
/* Active checklists (latest versions): [{id, code, version, name, kinds, items_count, key_count, dimensions}]. */
int sh_checklists_list(sh_db *db, json_t **ret, sh_err *err);
/* One checklist with its items. */
int sh_checklist_get(sh_db *db, int64_t id, json_t **ret, sh_err *err);
/* A new checklist, or a new version of `code` (the previous version is retired, its inspections keep it).
 * body: {code, name, kinds:[...], items:[{dimension, content, key, basis, evidence}]}. Admin and county only. */
int sh_checklist_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err);
/* The checklist a business kind is inspected with by default: the shipped one for the kind (its
 * latest version), else the oldest of the bureau's own. Campaign standards are chosen by id. */
int sh_checklist_for_kind(sh_db *db, const char *kind, int64_t *ret_id, sh_err *err);
/* Whether kinds_json, a checklist's kinds as stored (a JSON array of strings), names kind. */
int sh_checklist_kinds_include(const char *kinds_json, const char *kind);

#endif
