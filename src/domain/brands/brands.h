/* Brands and authorisations (issue 17; db/068): marks on file (区域公用品牌, 地理标志, 有机产品, 绿色食品),
 * which business may use which mark for which products from/until, suspension by a final failed sample
 * or a decided penalty (the mark's rules, suspend.c), reinstatement by the county with a reason. Marks are
 * the county's; an authorisation is scoped by its business's division (officials) or is the business's
 * own. Every change is a brand_auth_events row and an audit entry. */
#ifndef SH_BRANDS_H
#define SH_BRANDS_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

const char *sh_brand_kind_zh(const char *kind);

/* marks.c: county keeps them; every signed-in role reads them. */
int sh_brand_mark_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
int sh_brand_mark_update(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
int sh_brand_marks_list(sh_db *db, const sh_principal *actor, const char *kind, const sh_page *page, json_t **ret, sh_err *err);

/* auths.c */
typedef struct sh_brand_auth_filter {
    const char *status; /* NULL: any */
    int64_t entity_id, mark_id;
} sh_brand_auth_filter;
int sh_brand_auth_grant(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err);
/* The authorisation with its events; SH_ENOTFOUND outside the caller's sight. */
int sh_brand_auth_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
int sh_brand_auths_list(sh_db *db, const sh_principal *actor, const sh_brand_auth_filter *f, const sh_page *page, json_t **ret,
                        sh_err *err);
/* County: body {reason} (4-500 characters). suspend: from active; reinstate: from suspended, and only
 * while the period runs; revoke: from active or suspended, for good. */
int sh_brand_auth_suspend(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
int sh_brand_auth_reinstate(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
int sh_brand_auth_revoke(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);
/* The marks a business may show today (active, within their period) for the public shop page:
 * [{kind, kind_label, mark, products, valid_until}]. */
int sh_brand_auths_public_of(sh_db *db, int64_t entity_id, json_t **ret, sh_err *err);

/* suspend.c: inside the caller's transaction, as the system. */
int sh_brand_suspend_by_samples(sh_db *db, int64_t entity_id, sh_err *err);
int sh_brand_suspend_by_case(sh_db *db, int64_t case_id, int64_t entity_id, sh_err *err);
/* One state change of an authorisation from the status `from` (a comma list: 'active','suspended'),
 * its event row and audit entry, inside the caller's transaction. SH_EINVAL naming "status" when the
 * authorisation is not in `from`. */
int sh_brand_auth_move(sh_db *db, const sh_principal *actor, int64_t id, const char *from, const char *to, const char *action,
                       const char *source_kind, int64_t source_id, const char *reason, sh_err *err);

/* hooks.c: once from sh_domain_init. */
int sh_brands_register_hooks(void);

#endif
