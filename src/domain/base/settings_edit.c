#include "domain/base/settings_edit.h"

#include <string.h>

#include "domain/base/audit.h"
#include "domain/base/settings.h"
#include "store/rows.h"

static json_t *setting_json(sh_stmt *st, void *unused)
{
    (void)unused;
    return json_pack("{s:s, s:s}", "key", sh_col_text(st, 0), "value", sh_col_text(st, 1));
}

int sh_settings_list(sh_db *db, json_t **ret, sh_err *err)
{
    json_t *items = json_array();
    int rc = sh_rows_append(sh_db_prepare(db, "SELECT key, value FROM settings ORDER BY key", err), setting_json, NULL, items, err);
    if (rc) {
        json_decref(items);
        return rc;
    }
    *ret = items;
    return 0;
}

int sh_setting_change(sh_db *db, const sh_principal *actor, const char *key, const char *value, sh_err *err)
{
    if (actor->role != SH_ROLE_ADMIN && actor->user_id != 0)
        return sh_fail(err, SH_EPERM, "", "仅系统管理员可修改设置 (administrators only)");
    if (!value || strlen(value) > 200)
        return sh_fail(err, SH_EINVAL, "value", "应为不超过200字节的文本 (text of at most 200 bytes)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    json_t *before = NULL;
    sh_stmt *st = sh_db_prepare(db, "SELECT value FROM settings WHERE key = ?", err);
    if (st) {
        sh_bind_text(st, 1, key);
        if ((rc = sh_stmt_step(st, err)) == SH_ROW)
            before = json_pack("{s:s, s:s}", "key", key, "value", sh_col_text(st, 0));
        sh_stmt_done(st);
    }
    if (!st)
        rc = SH_EINTERNAL;
    else if (rc >= 0 && !before)
        rc = sh_fail(err, SH_ENOTFOUND, "key", "没有这项设置 (no such setting): %s", key);
    if (rc >= 0)
        rc = sh_setting_set(db, key, value, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s}", "key", key, "value", value);
        rc = sh_audit(db, actor, "update", "setting", 0, before, after, err);
        json_decref(after);
    }
    json_decref(before);
    return sh_db_finish(db, rc, err);
}
