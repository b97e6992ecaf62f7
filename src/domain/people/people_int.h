/* What appoint.c, health.c and exam.c share (people.h): who keeps a business's people, the business a
 * record is for, one row by id within the caller's sight. */
#ifndef SH_PEOPLE_INT_H
#define SH_PEOPLE_INT_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/base/principal.h"
#include "store/rows.h"
#include "store/store.h"

/* The business itself or a county or township official (or the administrator); else SH_EPERM with what
 * ("任命", "健康证明") in the message. */
int pp_may_keep(const sh_principal *actor, const char *what, sh_err *err);
/* The business of body.entity_id (a business: its own when absent) in the caller's jurisdiction, and its
 * township's code ("%.9s000"); SH_EINVAL naming entity_id otherwise. */
int pp_entity_of(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_entity, char township[13], sh_err *err);
/* The one row of `select_where_id` (a SELECT … FROM … JOIN entities e … WHERE x.id = ) for id, within the
 * caller's scope on e, as row(ctx) makes it; SH_ENOTFOUND with `missing` when there is none. */
int pp_get(sh_db *db, const sh_principal *actor, const char *select_where_id, int64_t id, sh_row_json_fn row, void *ctx,
           const char *missing, json_t **ret, sh_err *err);

/* Sets a date column once, in a transaction of its own: `update` is "UPDATE t SET col = ? WHERE id = ? AND
 * col IS NULL RETURNING id", bound with on and id; SH_EINVAL naming field with `already` when it was set;
 * audited as action on object_type with {field: on}. */
int pp_close_once(sh_db *db, const sh_principal *actor, const char *update, const char *on, int64_t id, const char *field,
                  const char *already, const char *action, const char *object_type, sh_err *err);


/* seals.c: the batch whose use the caller may report (the business itself or an official, in sight). */
int pp_seal_batch_to_report(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);

typedef int (*pp_get_fn)(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);
/* Closes a record in the caller's sight on today: pp_may_keep(what), get(id) (SH_ENOTFOUND outside it),
 * pp_close_once with today, then *ret = get(id) again. */
int pp_close_today(sh_db *db, const sh_principal *actor, const char *what, pp_get_fn get, int64_t id, const char *update, const char *field,
                   const char *already, const char *action, const char *object_type, json_t **ret, sh_err *err);

#endif
