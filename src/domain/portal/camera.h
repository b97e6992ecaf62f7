/* The kitchen picture on the public shop page (issue 14): a business shows the latest snapshot of its
 * kitchen cameras to the public only when it allows it (entities.public_camera, db/048), set by the
 * business itself or an official (county, township, admin) of its jurisdiction, audited. Only the
 * cameras of the working areas count (kitchen, cold dish room, processing, raw material, washing,
 * packaging): never the dining or sales area, where customers are. */
#ifndef SH_PORTAL_CAMERA_H
#define SH_PORTAL_CAMERA_H

#include <jansson.h>
#include <stdint.h>

#include "core/buf.h"
#include "domain/base/principal.h"
#include "store/store.h"

/* body {allow: true|false}. SH_ENOTFOUND outside the actor's jurisdiction (or another business),
 * SH_EPERM for a role that may see but not decide. *ret {entity_id, allow}. */
int sh_shop_camera_set(sh_db *db, const sh_principal *actor, int64_t entity_id, json_t *body, json_t **ret, sh_err *err);

/* The attachment id of the newest picture of the business's working-area cameras when it allows
 * showing it (0 otherwise or when it has none). */
int sh_shop_camera_snapshot(sh_db *db, int64_t entity_id, int64_t *ret_id, sh_err *err);

/* The bytes of that picture: SH_ENOTFOUND when not allowed or none. */
int sh_shop_camera_picture(sh_db *db, const char *files_dir, int64_t entity_id, sh_buf *out, char mime[16], sh_err *err);

#endif
