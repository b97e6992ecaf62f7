/* What the workshop steps share: loading an application within the caller's reach, its step log, the
 * deadlines from the calendar engine, the labels. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/identity/secret.h"
#include "domain/workshop/ws_int.h"
#include "store/scope.h"

int ws_is_public(const sh_principal *actor) { return actor->user_id == 0 && actor->scope.kind == SH_SCOPE_NONE; }

static const char *const kinds[][2] = {{"new", "新办登记"}, {"change", "变更登记"}, {"renew", "延续登记"}, {"cancel", "注销登记"}};
static const char *const statuses[][2] = {
    {"submitted", "待乡镇审查"}, {"returned", "退回补正"}, {"accepted", "待县局发证"}, {"refused", "不予登记"}, {"issued", "已办结"}};

const char *ws_kind_label(const char *kind)
{
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (!strcmp(kinds[i][0], kind))
            return kinds[i][1];
    return kind;
}

const char *ws_status_label(const char *status)
{
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
        if (!strcmp(statuses[i][0], status))
            return statuses[i][1];
    return status;
}

static int not_found(sh_err *err)
{
    return sh_fail(err, SH_ENOTFOUND, "id", "登记申请不存在或不在您的管辖范围内 (no such application in your reach)");
}

int ws_load(sh_db *db, const sh_principal *actor, int64_t id, const char *key, ws_app *out, sh_err *err)
{
    memset(out, 0, sizeof *out);
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT id, kind, status, division_code, entity_id, cert_id, review_due, issue_due, key_hash"
                                " FROM workshop_applications WHERE id = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err), visible = 0;
    if (rc == SH_ROW) {
        out->id = sh_col_int64(st, 0);
        snprintf(out->kind, sizeof out->kind, "%s", sh_col_text(st, 1));
        snprintf(out->status, sizeof out->status, "%s", sh_col_text(st, 2));
        snprintf(out->division, sizeof out->division, "%s", sh_col_text(st, 3));
        out->entity_id = sh_col_int64(st, 4);
        out->cert_id = sh_col_int64(st, 5);
        snprintf(out->review_due, sizeof out->review_due, "%s", sh_col_is_null(st, 6) ? "" : sh_col_text(st, 6));
        snprintf(out->issue_due, sizeof out->issue_due, "%s", sh_col_is_null(st, 7) ? "" : sh_col_text(st, 7));
        if (key) {
            char hex[65];
            const char *stored = sh_col_is_null(st, 8) ? "" : sh_col_text(st, 8);
            visible = strlen(stored) == 64 && sh_secret_keyed_hash("workshop-application-key", key, strlen(key), hex, err) == 0 &&
                      sodium_memcmp(hex, stored, 64) == 0;
        } else if (actor->role == SH_ROLE_BUSINESS) {
            visible = !ws_is_public(actor) && actor->entity_id > 0 && actor->entity_id == out->entity_id;
        } else {
            visible = sh_scope_covers_division(&actor->scope, out->division);
        }
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return visible ? 0 : not_found(err);
}

int ws_step(sh_db *db, const sh_principal *actor, int64_t id, const char *action, const char *note, const char *due, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO workshop_app_steps(application_id, action, note, due, late, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    sh_bind_text(st, 2, action);
    sh_bind_text_or_null(st, 3, note && *note ? note : NULL);
    sh_bind_text_or_null(st, 4, due && *due ? due : NULL);
    sh_bind_int64(st, 5, due && *due && strcmp(today, due) > 0);
    sh_bind_int64_or_null(st, 6, actor->user_id);
    sh_bind_int64(st, 7, sh_now_ms());
    return sh_stmt_run(st, err);
}

int ws_due(sh_db *db, const char *setting, int def, char out[11], int *provisional, sh_err *err)
{
    return sh_setting_deadline(db, setting, def, "《食品小作坊登记管理办法》（省级）", out, provisional, err);
}

