/* Food business licence applications of the demo county (demo_licences.c), called by sh_demo_generate. */
#ifndef SH_DEMO_LICENCES_H
#define SH_DEMO_LICENCES_H

#include <stdint.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/store.h"

/* Files, inside the caller's transaction, seven applications of licensed sellers and caterers with an
 * account (in the townships after the first two, which the tests keep to themselves) through the licence
 * area's own steps, one in each state its pages show (renewals waiting or refused; changes of premises,
 * which keep the number and validity, issued): awaiting the county, refused, issued and awaiting the
 * on-site verification, verified consistent, inconsistent with the correction ordered, reported by the
 * business, confirmed by the township. The businesses file and report as themselves; the county decides
 * and the township verifies as their own officials. Their notices are delivered this morning.
 * *ret_n (may be NULL) how many were filed. */
int sh_demo_licences(sh_db *db, int *ret_n, sh_err *err);

/* The demo's helpers shared with demo_people.c: the first township the demo keeps for itself (the third
 * in code order; "" when there are fewer) and the principal of the first user of role in the division
 * (prefix of division), or of the business entity_id when role is "business". */
int sh_demo_own_township(sh_db *db, char out[13], sh_err *err);
int sh_demo_user_of(sh_db *db, const char *role, const char *division, int64_t entity_id, sh_principal *ret, sh_err *err);

#endif
