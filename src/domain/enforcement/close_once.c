/* One "closed once" update with its audit entry, for the credit records (credit_int.h). */
#include "domain/enforcement/credit_int.h"

#include <jansson.h>

#include "domain/base/audit.h"
#include "domain/base/calendar.h"

int cr_close_once(sh_db *db, const sh_principal *actor, const char *update_sql, int with_note, int64_t id, const char *note,
                  const char *already, const char *action, const char *kind, sh_err *err)
{
    char today[11];
    sh_today(today);
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db, update_sql, err);
    if (st) {
        int i = 1;
        sh_bind_text(st, i++, today);
        if (with_note)
            sh_bind_text(st, i++, note);
        sh_bind_int64(st, i, id);
    }
    int64_t done = 0;
    rc = sh_stmt_insert_id(st, &done, err);
    if (rc == 0 && !done)
        rc = sh_fail(err, SH_EINVAL, "id", "%s", already);
    if (rc == 0) {
        json_t *after = json_pack("{s:s}", "note", note);
        rc = sh_audit(db, actor, action, kind, id, NULL, after, err);
        json_decref(after);
    }
    return sh_db_finish(db, rc, err);
}
