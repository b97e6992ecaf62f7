#include "domain/registry/registry.h"
#include "store/rows.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "store/qb.h"
#include "store/scope.h"

static int text_of(sh_db *db, const char *sql, int64_t id, char *out, size_t n, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        snprintf(out, n, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    return rc < 0 ? rc : rc == SH_ROW ? 0 : SH_ENOTFOUND;
}

int sh_principal_area_prefix(sh_db *db, const sh_principal *p, char out[13], sh_err *err)
{
    char div[16] = "";
    int rc = 0;
    out[0] = '\0';
    switch (p->scope.kind) {
    case SH_SCOPE_ALL:
        return 0;
    case SH_SCOPE_DIVISION:
        snprintf(out, 13, "%s", p->scope.prefix);
        return 0;
    case SH_SCOPE_GRID:
        rc = text_of(db, "SELECT division_code FROM grids WHERE id = ?", p->scope.grid_id, div, sizeof div, err);
        break;
    case SH_SCOPE_ENTITY:
        rc = text_of(db, "SELECT division_code FROM entities WHERE id = ?", p->scope.entity_id, div, sizeof div, err);
        break;
    default:
        rc = SH_ENOTFOUND;
    }
    if (rc == 0 && strlen(div) >= 9)
        snprintf(out, 13, "%.9s", div);
    else
        snprintf(out, 13, "X"); /* matches no code */
    return rc == SH_ENOTFOUND ? 0 : rc;
}

void sh_principal_entity_kind(sh_db *db, const sh_principal *p, char *out, size_t n)
{
    snprintf(out, n, "%s", "");
    if (p->scope.kind == SH_SCOPE_ENTITY)
        text_of(db, "SELECT kind FROM entities WHERE id = ?", p->scope.entity_id, out, n, NULL);
}

void sh_principal_area_name(sh_db *db, const sh_principal *p, char *out, size_t n)
{
    snprintf(out, n, "%s", "");
    switch (p->scope.kind) {
    case SH_SCOPE_ALL:
        snprintf(out, n, "全部辖区");
        break;
    case SH_SCOPE_DIVISION: {
        sh_stmt *st = sh_db_prepare(db, "SELECT name FROM divisions WHERE code = ?", NULL);
        if (!st)
            return;
        sh_bind_text(st, 1, p->division_code);
        if (sh_stmt_step(st, NULL) == SH_ROW)
            snprintf(out, n, "%s", sh_col_text(st, 0));
        sh_stmt_done(st);
        break;
    }
    case SH_SCOPE_GRID:
        text_of(db, "SELECT name FROM grids WHERE id = ?", p->scope.grid_id, out, n, NULL);
        break;
    case SH_SCOPE_ENTITY:
        text_of(db, "SELECT name FROM entities WHERE id = ?", p->scope.entity_id, out, n, NULL);
        break;
    default:
        break;
    }
}

static json_t *division_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s, s:I, s:s*}", "code", sh_col_text(st, 0), "name", sh_col_text(st, 1), "level",
                     (json_int_t)sh_col_int64(st, 2), "parent_code", sh_col_is_null(st, 3) ? NULL : sh_col_text(st, 3));
}

int sh_divisions_list(sh_db *db, const sh_principal *actor, const char *parent, json_t **ret_items, sh_err *err)
{
    char area[13];
    int rc;
    if (parent && (rc = sh_check_division_code(parent, "parent", err)) != 0)
        return rc;
    if ((rc = sh_principal_area_prefix(db, actor, area, err)) != 0)
        return rc;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT code, name, level, parent_code FROM divisions WHERE ");
    if (parent) {
        sh_qb_sql(&qb, "parent_code = ");
        sh_qb_text(&qb, parent);
    } else {
        sh_qb_sql(&qb, "level = 2");
    }
    sh_qb_division_prefix(&qb, "code", area);
    sh_qb_sql(&qb, " ORDER BY code LIMIT 2000");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    rc = sh_rows_append(st, division_row, NULL, items, err);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret_items = items;
    return 0;
}

static json_t *grid_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:s, s:s, s:s*, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "code",
                     sh_col_text(st, 1), "name", sh_col_text(st, 2), "division_code", sh_col_text(st, 3), "leader_name",
                     sh_col_is_null(st, 4) ? NULL : sh_col_text(st, 4), "entity_count",
                     (json_int_t)sh_col_int64(st, 5));
}

int sh_grids_list(sh_db *db, const sh_principal *actor, const char *township, json_t **ret_items, sh_err *err)
{
    char area[13];
    int rc;
    if (township && (strlen(township) != 12 || sh_check_division_code(township, "township", NULL) != 0))
        return sh_fail(err, SH_EINVAL, "township", "乡镇代码应为12位数字 (township must be a 12-digit code)");
    if ((rc = sh_principal_area_prefix(db, actor, area, err)) != 0)
        return rc;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb,
              "SELECT g.id, g.code, g.name, g.division_code, u.display_name,"
              " (SELECT count(*) FROM entities e WHERE e.grid_id = g.id AND e.status <> 'closed')"
              " FROM grids g LEFT JOIN users u ON u.id = g.leader_user_id WHERE 1 = 1");
    sh_qb_division_prefix(&qb, "g.division_code", area);
    if (actor->scope.kind == SH_SCOPE_GRID) {
        sh_qb_sql(&qb, " AND g.id = ");
        sh_qb_int64(&qb, actor->scope.grid_id);
    }
    if (township) {
        char p[13];
        sh_division_prefix(township, p);
        sh_qb_division_prefix(&qb, "g.division_code", p);
    }
    sh_qb_sql(&qb, " ORDER BY g.code LIMIT 5000");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    rc = sh_rows_append(st, grid_row, NULL, items, err);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret_items = items;
    return 0;
}

int sh_grid_create(sh_db *db, const sh_principal *actor, const sh_grid_input *in, int64_t *ret_id, sh_err *err)
{
    int rc;
    if (!sh_principal_can_edit_registry(actor))
        return sh_fail(err, SH_EPERM, "", "您的角色无权设置网格 (your role may not change grids)");
    size_t n = in->code ? strlen(in->code) : 0;
    if (n < 2 || n > 32)
        return sh_fail(err, SH_EINVAL, "code", "网格编码须为2-32个字符 (code needs 2-32 characters)");
    for (const char *p = in->code; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-')
            return sh_fail(err, SH_EINVAL, "code", "网格编码只能含字母、数字和- (letters, digits and - only)");
    if ((rc = sh_check_text(in->name, 2, 40, "name", err)) != 0)
        return rc;
    if (!in->division_code || strlen(in->division_code) != 12)
        return sh_fail(err, SH_EINVAL, "division_code", "应为12位乡镇或村(社区)代码 (a 12-digit township or village code)");
    if (!sh_scope_covers_division(&actor->scope, in->division_code))
        return sh_fail(err, SH_EPERM, "division_code", "区划不在您的管辖范围内 (outside your jurisdiction)");
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT level FROM divisions WHERE code = ?", err);
    if (!st) {
        sh_db_rollback(db);
        return SH_EINTERNAL;
    }
    sh_bind_text(st, 1, in->division_code);
    rc = sh_stmt_step(st, err);
    int level = rc == SH_ROW ? (int)sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc >= 0 && level != 2 && level != 3)
        rc = sh_fail(err, SH_EINVAL, "division_code", "区划不存在 (no such township or village)");
    if (rc >= 0 && in->leader_user_id) {
        /* an official of the grid's own area or of a level above that covers it; anyone else is
         * refused as an unknown id is */
        char role[16] = "", div[16] = "", lp[13] = "", gp[13];
        int found = text_of(db, "SELECT role FROM users WHERE id = ? AND disabled = 0", in->leader_user_id, role, sizeof role, NULL) == 0;
        if (found && text_of(db, "SELECT coalesce(division_code, '') FROM users WHERE id = ?", in->leader_user_id, div, sizeof div, NULL) == 0 && div[0])
            sh_division_prefix(div, lp);
        sh_division_prefix(in->division_code, gp);
        if (!found || strcmp(role, "business") == 0 || !sh_division_prefixes_nested(lp, gp))
            rc = sh_fail(err, SH_EINVAL, "leader_user_id", "网格长须为本辖区已有的监管人员 (the leader must be an official of this jurisdiction)");
    }
    int64_t id = 0;
    if (rc >= 0) {
        st = sh_db_prepare(db,
                           "INSERT INTO grids(code, name, division_code, leader_user_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                           err);
        if (st) {
            sh_bind_text(st, 1, in->code);
            sh_bind_text(st, 2, in->name);
            sh_bind_text(st, 3, in->division_code);
            sh_bind_int64_or_null(st, 4, in->leader_user_id);
            sh_bind_int64(st, 5, sh_now_ms());
        }
        rc = sh_stmt_insert_id(st, &id, err);
        if (rc == SH_EEXIST)
            rc = sh_fail(err, SH_EEXIST, "code", "网格编码已存在 (grid code already used)");
    }
    if (rc >= 0) {
        json_t *after = json_pack("{s:s, s:s, s:s}", "code", in->code, "name", in->name, "division_code", in->division_code);
        rc = sh_audit(db, actor, "create", "grid", id, NULL, after, err);
        json_decref(after);
        if (rc == 0 && ret_id)
            *ret_id = id;
    }
    return sh_db_finish(db, rc, err);
}

int sh_grid_find_by_code(sh_db *db, const sh_principal *actor, const char *code, const char *field,
                         int64_t *ret_id, sh_err *err)
{
    char area[13];
    int rc = sh_principal_area_prefix(db, actor, area, err);
    if (rc != 0)
        return rc;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT id FROM grids WHERE code = ");
    sh_qb_text(&qb, code);
    sh_qb_division_prefix(&qb, "division_code", area);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret_id = sh_col_int64(st, 0);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_EINVAL, field, "网格编码“%s”不存在或不在您的管辖范围内 (no such grid in your jurisdiction)", code);
}

static json_t *assignee_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)sh_col_int64(st, 0), "display_name",
                     sh_col_text(st, 1), "role", sh_col_text(st, 2), "division_code", sh_col_text(st, 3), "grid_id",
                     sh_col_is_null(st, 4) ? json_null() : json_integer(sh_col_int64(st, 4)));
}

int sh_officials_list(sh_db *db, const sh_principal *actor, int field_staff, json_t **ret_items, sh_err *err)
{
    char area[13];
    int rc = sh_principal_area_prefix(db, actor, area, err);
    if (rc)
        return rc;
    /* officials working inside the area, and those above it (the county) */
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb,
              "SELECT u.id, u.display_name, u.role, coalesce(u.division_code, g.division_code, ''), u.grid_id FROM users u"
              " LEFT JOIN grids g ON g.id = u.grid_id WHERE u.disabled = 0 AND u.role IN ");
    sh_qb_sql(&qb, field_staff ? "('sampler', 'inspector')" : "('county', 'township', 'village')");
    sh_qb_sql(&qb, " AND (substr(");
    sh_qb_text(&qb, area);
    sh_qb_sql(&qb, ", 1, length(coalesce(u.division_code, '-'))) = u.division_code OR coalesce(u.division_code, g.division_code, '') >= ");
    sh_qb_text(&qb, area);
    char upper[16];
    snprintf(upper, sizeof upper, "%s:", area);
    sh_qb_sql(&qb, " AND coalesce(u.division_code, g.division_code, '') < ");
    sh_qb_text(&qb, upper);
    sh_qb_sql(&qb, field_staff ? ") ORDER BY u.role DESC, u.id LIMIT 2000" : ") ORDER BY u.role, u.id LIMIT 2000");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    rc = sh_rows_append(st, assignee_row, NULL, items, err);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret_items = items;
    return 0;
}

int sh_division_level(sh_db *db, const char *code, int *ret, sh_err *err)
{
    *ret = 0;
    if (!code)
        return 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT level FROM divisions WHERE code = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret = (int)sh_col_int64(st, 0);
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}
