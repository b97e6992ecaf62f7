/* Shared by the people/ files (people_int.h). */
#include "domain/people/people_int.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "domain/base/calendar.h"

#include "domain/base/audit.h"
#include "domain/registry/entity.h"
#include "store/qb.h"
#include "store/scope.h"

int pp_may_keep(const sh_principal *actor, const char *what, sh_err *err)
{
    if (actor->role == SH_ROLE_BUSINESS || actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_TOWNSHIP || actor->role == SH_ROLE_ADMIN)
        return 0;
    return sh_fail(err, SH_EPERM, "", "%s由企业本身或县、乡镇（街道）监管人员登记 (the business or an official records them)", what);
}

int pp_entity_of(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_entity, char township[13], sh_err *err)
{
    json_t *eid = json_object_get(body, "entity_id");
    int64_t entity = actor->role == SH_ROLE_BUSINESS && !eid ? actor->entity_id : json_integer_value(eid);
    if (entity <= 0)
        return sh_fail(err, SH_EINVAL, "entity_id", "经营者：请选择在档经营者 (entity_id is required)");
    sh_entity e;
    sh_entity_init(&e);
    int rc = sh_entity_get(db, actor, entity, &e, NULL);
    if (rc == 0)
        snprintf(township, 13, "%.9s000", e.f[EF_DIVISION_CODE] ? e.f[EF_DIVISION_CODE] : "");
    sh_entity_release(&e);
    if (rc)
        return sh_fail(err, SH_EINVAL, "entity_id", "经营者：不存在或不在您的管辖范围内 (no such business in your jurisdiction)");
    *ret_entity = entity;
    return 0;
}

int pp_get(sh_db *db, const sh_principal *actor, const char *select_where_id, int64_t id, sh_row_json_fn row, void *ctx,
           const char *missing, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, select_where_id);
    sh_qb_int64(&qb, id);
    sh_scope_entities(&qb, &actor->scope, "e");
    json_t *items = json_array();
    int rc = sh_rows_append(sh_qb_prepare(db, &qb, err), row, ctx, items, err);
    sh_qb_release(&qb);
    if (rc == 0 && !json_array_size(items))
        rc = sh_fail(err, SH_ENOTFOUND, "id", "%s", missing);
    if (rc == 0)
        *ret = json_incref(json_array_get(items, 0));
    json_decref(items);
    return rc;
}

int pp_close_once(sh_db *db, const sh_principal *actor, const char *update, const char *on, int64_t id, const char *field,
                  const char *already, const char *action, const char *object_type, sh_err *err)
{
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db, update, err);
    if (st) {
        sh_bind_text(st, 1, on);
        sh_bind_int64(st, 2, id);
    }
    rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    sh_stmt_done(st);
    rc = rc == SH_ROW ? 0 : rc < 0 ? rc : sh_fail(err, SH_EINVAL, field, "%s", already);
    if (rc == 0) {
        json_t *after = json_pack("{s:s}", field, on);
        rc = sh_audit(db, actor, action, object_type, id, NULL, after, err);
        json_decref(after);
    }
    return sh_db_finish(db, rc, err);
}

int pp_close_today(sh_db *db, const sh_principal *actor, const char *what, pp_get_fn get, int64_t id, const char *update, const char *field,
                   const char *already, const char *action, const char *object_type, json_t **ret, sh_err *err)
{
    int rc = pp_may_keep(actor, what, err);
    json_t *cur = NULL;
    if (rc == 0)
        rc = get(db, actor, id, &cur, err);
    json_decref(cur);
    char today[11];
    sh_today(today);
    if (rc == 0)
        rc = pp_close_once(db, actor, update, today, id, field, already, action, object_type, err);
    return rc ? rc : get(db, actor, id, ret, err);
}
