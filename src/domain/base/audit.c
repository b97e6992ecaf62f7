#include "domain/base/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/ledger/ledger.h"

/* The entry's hash goes into the ledger, never the entry: the canonical record (sorted, compact JSON of
 * the row as stored) can be re-hashed by whoever may read the audit log. */
static int log_entry(sh_db *db, int64_t id, int64_t at, const char *actor, const char *action, const char *object_type,
                     int64_t object_id, const char *b, const char *a, sh_err *err)
{
    json_t *rec = json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:s?, s:s?}", "id", (json_int_t)id, "at", (json_int_t)at, "actor", actor,
                            "action", action, "object_type", object_type, "object_id",
                            object_id ? json_integer(object_id) : json_null(), "before", b, "after", a);
    char *text = rec ? json_dumps(rec, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(rec);
    if (!text)
        return sh_fail(err, SH_EINTERNAL, "audit", "out of memory");
    sh_merkle_hash h;
    crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
    free(text);
    char ref[40];
    snprintf(ref, sizeof ref, "audit_log:%lld", (long long)id);
    return sh_ledger_append(db, "audit", ref, h, NULL, err);
}

int sh_audit(sh_db *db, const sh_principal *actor, const char *action, const char *object_type,
             int64_t object_id, json_t *before, json_t *after, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO audit_log(at, user_id, actor, action, object_type, object_id, before_json, after_json)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    int64_t at = sh_now_ms(), id = 0;
    const char *who = actor->username[0] ? actor->username : "system";
    sh_bind_int64(st, 1, at);
    sh_bind_int64_or_null(st, 2, actor->user_id);
    sh_bind_text(st, 3, who);
    sh_bind_text(st, 4, action);
    sh_bind_text(st, 5, object_type);
    sh_bind_int64_or_null(st, 6, object_id);
    sh_bind_text(st, 7, b);
    sh_bind_text(st, 8, a);
    int rc = sh_stmt_insert_id(st, &id, err);
    if (rc == 0)
        rc = log_entry(db, id, at, who, action, object_type, object_id, b, a, err);
    free(b);
    free(a);
    return rc < 0 ? rc : 0;
}
