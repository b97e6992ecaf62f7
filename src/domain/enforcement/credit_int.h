/* Shared by the credit files (honour.c, summons.c, abnormal.c); not for other areas. */
#ifndef SH_ENFORCEMENT_CREDIT_INT_H
#define SH_ENFORCEMENT_CREDIT_INT_H

#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

/* Closes a record once, today: update_sql is "UPDATE … SET <day> = ?[, <note column> = ?] WHERE id = ? AND
 * <day> IS NULL RETURNING id" (with_note says whether the note is bound second), run in a transaction
 * with its audit entry (action, kind, {note}). A record closed already is refused with the message
 * already (field id). */
int cr_close_once(sh_db *db, const sh_principal *actor, const char *update_sql, int with_note, int64_t id, const char *note,
                  const char *already, const char *action, const char *kind, sh_err *err);

#endif
