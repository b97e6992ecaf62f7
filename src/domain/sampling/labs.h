/* Testing laboratories kept on file (检验机构; Chaotian's 实验室档案): name, CMA accreditation number
 * and scope, contact; a rapid-test station is marked so (it never takes a lab test or a re-test).
 * County officials keep the file; every official reads it to choose where a sample goes. */
#ifndef SH_SAMPLING_LABS_H
#define SH_SAMPLING_LABS_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

/* body {name, cma_no, scope, contact?, phone?, address?, rapid?}. */
int sh_lab_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err);
/* The same fields, and active; only those given change. */
int sh_lab_update(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err);
int sh_lab_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* {items, total}; active_only. */
int sh_labs_list(sh_db *db, const sh_principal *actor, int active_only, int limit, int64_t offset, json_t **ret, sh_err *err);

#endif
