#include "domain/base/audit.h"

#include <stdlib.h>

#include "core/timeutil.h"

int sh_audit(sh_db *db, const sh_principal *actor, const char *action, const char *object_type,
             int64_t object_id, json_t *before, json_t *after, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO audit_log(at, user_id, actor, action, object_type, object_id, before_json, after_json)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                err);
    if (!st)
        return SH_EINTERNAL;
    char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    sh_bind_int64(st, 1, sh_now_ms());
    sh_bind_int64_or_null(st, 2, actor->user_id);
    sh_bind_text(st, 3, actor->username[0] ? actor->username : "system");
    sh_bind_text(st, 4, action);
    sh_bind_text(st, 5, object_type);
    sh_bind_int64_or_null(st, 6, object_id);
    sh_bind_text(st, 7, b);
    sh_bind_text(st, 8, a);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    free(b);
    free(a);
    return rc < 0 ? rc : 0;
}
