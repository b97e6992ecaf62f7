/* The county's 责任清单 templates: the standard duty items per level that a new assignment starts from
 * (sh_duty_items_from_template copies the level's items when an official is put in charge). The
 * county and the administrator read and replace them; each change is audited with before and after.
 * Items already given to assignments keep their text: a template change applies to new assignments. */
#include "domain/supervision/duty.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"

static const char *const tlevels[3] = {"county", "township", "village"};

static int may_keep(const sh_principal *p)
{
    return p->role == SH_ROLE_ADMIN || p->role == SH_ROLE_COUNTY;
}

/* {county: [...], township: [...], village: [...]} of item texts, in order. */
static int read_levels(sh_db *db, json_t **ret, int64_t *ret_updated_at, char *updated_by, size_t n, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT t.level, t.text, t.updated_at, u.display_name FROM duty_responsibility_templates t"
                                " LEFT JOIN users u ON u.id = t.updated_by ORDER BY t.level, t.position, t.id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    json_t *out = json_pack("{s:[], s:[], s:[]}", "county", "township", "village");
    int rc;
    int64_t last = 0;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        json_t *arr = json_object_get(out, sh_col_text(st, 0));
        if (arr)
            json_array_append_new(arr, json_string(sh_col_text(st, 1)));
        if (!sh_col_is_null(st, 2) && sh_col_int64(st, 2) > last) {
            last = sh_col_int64(st, 2);
            if (updated_by)
                snprintf(updated_by, n, "%s", sh_col_is_null(st, 3) ? "" : sh_col_text(st, 3));
        }
    }
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(out);
        return rc;
    }
    *ret = out;
    if (ret_updated_at)
        *ret_updated_at = last;
    return 0;
}

int sh_duty_templates_get(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err)
{
    if (!may_keep(actor))
        return sh_fail(err, SH_EPERM, "", "责任清单模板由县局维护 (the county keeps the duty templates)");
    json_t *levels = NULL;
    int64_t at = 0;
    char by[96] = "";
    int rc = read_levels(db, &levels, &at, by, sizeof by, err);
    if (rc)
        return rc;
    *ret = json_pack("{s:o, s:o, s:o}", "levels", levels, "updated_at", at ? json_integer(at) : json_null(), "updated_by_name",
                     at && by[0] ? json_string(by) : json_null());
    return 0;
}

/* Checks one level's list of the body: 1..SH_DUTY_TEMPLATE_MAX texts of 2..500 characters. */
static int check_level(json_t *arr, const char *level, sh_err *err)
{
    char field[48];
    if (!json_is_array(arr) || json_array_size(arr) < 1 || json_array_size(arr) > SH_DUTY_TEMPLATE_MAX)
        return sh_fail(err, SH_EINVAL, level, "%s责任清单应有1-%d项 (%s: 1 to %d items)", sh_duty_level_zh(level), SH_DUTY_TEMPLATE_MAX,
                       level, SH_DUTY_TEMPLATE_MAX);
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        snprintf(field, sizeof field, "%s[%zu]", level, i);
        int rc = sh_check_text(json_string_value(v), 2, 500, field, err);
        if (rc)
            return rc;
    }
    return 0;
}

int sh_duty_templates_put(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    if (!may_keep(actor))
        return sh_fail(err, SH_EPERM, "", "责任清单模板由县局维护 (the county keeps the duty templates)");
    int any = 0, rc;
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "county", "请提交各级责任清单 (an object of levels)");
    const char *key;
    json_t *val;
    json_object_foreach(body, key, val)
    {
        if (!sh_duty_level_bit(key))
            return sh_fail(err, SH_EINVAL, key, "未知的包保层级，应为county、township或village (unknown level)");
        if ((rc = check_level(val, key, err)) != 0)
            return rc;
        any = 1;
    }
    if (!any)
        return sh_fail(err, SH_EINVAL, "county", "请至少提交一级的责任清单 (at least one level)");
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    json_t *before = NULL, *after = NULL;
    rc = read_levels(db, &before, NULL, NULL, 0, err);
    int64_t now = sh_now_ms();
    for (int l = 0; rc == 0 && l < 3; l++) {
        json_t *arr = json_object_get(body, tlevels[l]);
        if (!arr)
            continue;
        sh_stmt *st = sh_db_prepare(db, "DELETE FROM duty_responsibility_templates WHERE level = ?", err);
        if (!st) {
            rc = SH_EINTERNAL;
            break;
        }
        sh_bind_text(st, 1, tlevels[l]);
        rc = sh_stmt_run(st, err) < 0 ? SH_EINTERNAL : 0;
        size_t i;
        json_t *v;
        json_array_foreach(arr, i, v)
        {
            if (rc)
                break;
            st = sh_db_prepare(db,
                               "INSERT INTO duty_responsibility_templates(level, position, text, updated_by, updated_at)"
                               " VALUES (?, ?, ?, ?, ?)",
                               err);
            if (!st) {
                rc = SH_EINTERNAL;
                break;
            }
            sh_bind_text(st, 1, tlevels[l]);
            sh_bind_int64(st, 2, (int64_t)i + 1);
            sh_bind_text(st, 3, json_string_value(v));
            sh_bind_int64_or_null(st, 4, actor->user_id);
            sh_bind_int64(st, 5, now);
            rc = sh_stmt_run(st, err) < 0 ? SH_EINTERNAL : 0;
        }
    }
    if (rc == 0)
        rc = read_levels(db, &after, NULL, NULL, 0, err);
    if (rc == 0)
        rc = sh_audit(db, actor, "update", "duty_template", 0, before, after, err);
    json_decref(before);
    json_decref(after);
    rc = sh_db_finish(db, rc < 0 ? rc : 0, err);
    if (rc == 0)
        rc = sh_duty_templates_get(db, actor, ret, err);
    return rc;
}
