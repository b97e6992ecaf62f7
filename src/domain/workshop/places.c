#include "domain/workshop/places.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/registry/registry.h"
#include "domain/workshop/ws_int.h"
#include "store/scope.h"

static const char *const kinds[][2] = {{"park", "园区"}, {"cluster", "集中加工区"}, {"model_unit", "示范单元"}};

static const char *kind_label(const char *kind)
{
    for (int i = 0; i < 3; i++)
        if (!strcmp(kinds[i][0], kind))
            return kinds[i][1];
    return NULL;
}

static int may_edit(const sh_principal *actor, sh_err *err)
{
    if (actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_TOWNSHIP)
        return sh_fail(err, SH_EPERM, "", "园区、集中加工区和示范单元由县局或乡镇维护 (the county or township keeps them)");
    return 0;
}

static int not_found(sh_err *err) { return sh_fail(err, SH_ENOTFOUND, "id", "园区不存在或不在您的管辖范围内 (no such place in your reach)"); }

/* The place's township when the actor may see it (officials of its jurisdiction). */
static int load(sh_db *db, const sh_principal *actor, int64_t id, char division[13], sh_err *err)
{
    if (actor->role == SH_ROLE_BUSINESS)
        return not_found(err);
    sh_stmt *st = sh_db_prepare(db, "SELECT division_code FROM workshop_places WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err), seen = 0;
    if (rc == SH_ROW) {
        snprintf(division, 13, "%s", sh_col_text(st, 0));
        seen = sh_scope_covers_division(&actor->scope, division);
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : seen ? 0 : not_found(err);
}

#define OPT_TEXT(st, c) (sh_col_is_null(st, c) ? json_null() : json_string(sh_col_text(st, c)))
#define PLACE_COLS                                                                                                          \
    "p.id, p.kind, p.name, p.division_code, d.name, p.address, p.note,"                                                     \
    " (SELECT count(*) FROM workshop_place_members m WHERE m.place_id = p.id)"

static json_t *place_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    const char *kind = sh_col_text(st, 1);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "kind", kind, "kind_label",
                     kind_label(kind), "name", sh_col_text(st, 2), "division_code", sh_col_text(st, 3), "division_name", sh_col_text(st, 4),
                     "address", OPT_TEXT(st, 5), "note", OPT_TEXT(st, 6), "workshop_count", (json_int_t)sh_col_int64(st, 7));
}

static json_t *member_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:o, s:o, s:s, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "name", sh_col_text(st, 1), "licence_no",
                     OPT_TEXT(st, 2), "licence_valid_until", OPT_TEXT(st, 3), "status", sh_col_text(st, 4), "joined_on", sh_col_text(st, 5));
}

int sh_ws_place_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    char division[13];
    int rc = load(db, actor, id, division, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT " PLACE_COLS " FROM workshop_places p JOIN divisions d ON d.code = p.division_code WHERE p.id = ?", err);
    if (st)
        sh_bind_int64(st, 1, id);
    json_t *rows = json_array();
    rc = sh_rows_append(st, place_row, NULL, rows, err);
    json_t *o = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    if (rc == 0 && !o)
        rc = not_found(err);
    json_t *members = json_array();
    if (rc == 0 && (st = sh_db_prepare(db,
                                       "SELECT e.id, e.name, e.licence_no, e.licence_valid_until, e.status, m.joined_on FROM workshop_place_members m"
                                       " JOIN entities e ON e.id = m.entity_id WHERE m.place_id = ? ORDER BY e.name, e.id",
                                       err)) != NULL)
        sh_bind_int64(st, 1, id);
    if (rc == 0)
        rc = sh_rows_append(st, member_row, NULL, members, err);
    if (rc) {
        json_decref(o);
        json_decref(members);
        return rc;
    }
    json_object_set_new(o, "workshops", members);
    *ret = o;
    return 0;
}

static int check_kind(json_t *body, const char **kind, sh_err *err)
{
    *kind = json_string_value(json_object_get(body, "kind"));
    if (!*kind || !kind_label(*kind))
        return sh_fail(err, SH_EINVAL, "kind", "类型应为园区、集中加工区或示范单元 (park, cluster or model_unit)");
    return 0;
}

static int conflict(int rc, sh_err *err)
{
    return rc == SH_EEXIST ? sh_fail(err, SH_EEXIST, "name", "本乡镇已有同名的园区或加工区 (the township has a place of this name)") : rc;
}

int sh_ws_place_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    const char *kind = NULL, *name = NULL, *division = NULL, *address = NULL, *note = NULL;
    int rc = may_edit(actor, err);
    if (rc == 0 && !json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    if (rc == 0 && (rc = check_kind(body, &kind, err)) == 0 && (rc = sh_body_text(body, "name", "名称", 2, 60, &name, err)) == 0 &&
        (rc = sh_body_text(body, "division_code", "所在乡镇", 12, 12, &division, err)) == 0 &&
        (rc = sh_body_text(body, "address", "地址", 0, 120, &address, err)) == 0)
        rc = sh_body_text(body, "note", "说明", 0, 500, &note, err);
    if (rc)
        return rc;
    int level = 0;
    if ((rc = sh_division_level(db, division, &level, err)) != 0)
        return rc;
    if (level != 2 || !sh_scope_covers_division(&actor->scope, division))
        return sh_fail(err, SH_EINVAL, "division_code", "请选择您管辖范围内的乡镇（街道） (a township of your jurisdiction)");
    int own;
    if ((rc = sh_db_join(db, &own, err)) != 0)
        return rc;
    int64_t id = 0, now = sh_now_ms();
    sh_stmt *st = sh_db_prepare(db,
                       "INSERT INTO workshop_places(kind, name, division_code, address, note, created_by, created_at, updated_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       err);
    if (st) {
        sh_bind_text(st, 1, kind);
        sh_bind_text(st, 2, name);
        sh_bind_text(st, 3, division);
        sh_bind_text_or_null(st, 4, address);
        sh_bind_text_or_null(st, 5, note);
        sh_bind_int64_or_null(st, 6, actor->user_id);
        sh_bind_int64(st, 7, now);
        sh_bind_int64(st, 8, now);
    }
    rc = conflict(sh_stmt_insert_id(st, &id, err), err);
    if (rc == 0)
        rc = sh_audit(db, actor, "create", "workshop_place", id, NULL, body, err);
    if ((rc = sh_db_leave(db, own, rc, err)) != 0)
        return rc;
    return sh_ws_place_get(db, actor, id, ret, err);
}

int sh_ws_place_update(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    char division[13];
    const char *name = NULL, *address = NULL, *note = NULL;
    int rc = load(db, actor, id, division, err);
    if (rc == 0)
        rc = may_edit(actor, err);
    if (rc == 0 && !json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    if (rc == 0)
        rc = sh_body_text(body, "name", "名称", json_object_get(body, "name") ? 2 : 0, 60, &name, err);
    if (rc == 0 && (rc = sh_body_text(body, "address", "地址", 0, 120, &address, err)) == 0)
        rc = sh_body_text(body, "note", "说明", 0, 500, &note, err);
    if (rc)
        return rc;
    int own;
    if ((rc = sh_db_join(db, &own, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db,
                                "UPDATE workshop_places SET name = COALESCE(?, name), address = COALESCE(?, address), note = COALESCE(?, note),"
                                " updated_at = ? WHERE id = ?",
                                err);
    if (st) {
        sh_bind_text_or_null(st, 1, name);
        sh_bind_text_or_null(st, 2, address);
        sh_bind_text_or_null(st, 3, note);
        sh_bind_int64(st, 4, sh_now_ms());
        sh_bind_int64(st, 5, id);
    }
    rc = conflict(sh_stmt_run(st, err), err);
    if (rc == 0)
        rc = sh_audit(db, actor, "update", "workshop_place", id, NULL, body, err);
    if ((rc = sh_db_leave(db, own, rc, err)) != 0)
        return rc;
    return sh_ws_place_get(db, actor, id, ret, err);
}

/* Whether entity_id is a registered workshop (open, kind workshop) of the township prefix. */
static int is_workshop_of(sh_db *db, int64_t entity_id, const char *prefix, int *ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT count(*) FROM entities e WHERE e.kind = 'workshop' AND e.status <> 'closed' AND e.id = ");
    sh_qb_int64(&qb, entity_id);
    sh_qb_division_prefix(&qb, "e.division_code", prefix);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    int rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    *ret = rc == SH_ROW && sh_col_int64(st, 0) > 0;
    sh_stmt_done(st);
    sh_qb_release(&qb);
    return rc < 0 ? rc : 0;
}

int sh_ws_place_set_workshops(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    char division[13], prefix[13], today[11];
    int rc = load(db, actor, id, division, err);
    if (rc == 0)
        rc = may_edit(actor, err);
    json_t *ids = json_object_get(body, "entity_ids");
    if (rc == 0 && (!json_is_array(ids) || json_array_size(ids) > 500))
        rc = sh_fail(err, SH_EINVAL, "entity_ids", "请给出小作坊编号列表（最多500个） (a list of at most 500 workshops)");
    if (rc)
        return rc;
    sh_division_prefix(division, prefix);
    sh_today(today);
    int own;
    if ((rc = sh_db_join(db, &own, err)) != 0)
        return rc;
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) {
        int ok = 0;
        if (!json_is_integer(v) || (rc = is_workshop_of(db, json_integer_value(v), prefix, &ok, err)) != 0 || !ok) {
            rc = rc ? rc : sh_fail(err, SH_EINVAL, "entity_ids", "第%zu个不是本乡镇已登记的小作坊 (not a registered workshop of the township)", i + 1);
            break;
        }
    }
    /* those leaving go; those joining get today; those staying keep their day */
    sh_stmt *st = rc ? NULL : sh_db_prepare(db, "DELETE FROM workshop_place_members WHERE place_id = ?", err);
    json_t *kept = json_object();
    if (st) {
        sh_stmt *q = sh_db_prepare(db, "SELECT entity_id, joined_on FROM workshop_place_members WHERE place_id = ?", err);
        if (q) {
            sh_bind_int64(q, 1, id);
            while ((rc = sh_stmt_step(q, err)) == SH_ROW) {
                char key[24];
                snprintf(key, sizeof key, "%lld", (long long)sh_col_int64(q, 0));
                json_object_set_new(kept, key, json_string(sh_col_text(q, 1)));
            }
            sh_stmt_done(q);
            rc = rc < 0 ? rc : 0;
        }
        sh_bind_int64(st, 1, id);
        if (rc == 0)
            rc = sh_stmt_run(st, err);
        else
            sh_stmt_done(st);
    }
    json_array_foreach(ids, i, v) {
        if (rc)
            break;
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)json_integer_value(v));
        const char *since = json_string_value(json_object_get(kept, key));
        st = sh_db_prepare(db, "INSERT INTO workshop_place_members(place_id, entity_id, joined_on) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", err);
        if (st) {
            sh_bind_int64(st, 1, id);
            sh_bind_int64(st, 2, json_integer_value(v));
            sh_bind_text(st, 3, since ? since : today);
        }
        rc = sh_stmt_run(st, err);
    }
    json_decref(kept);
    if (rc == 0)
        rc = sh_audit(db, actor, "set_workshops", "workshop_place", id, NULL, body, err);
    if ((rc = sh_db_leave(db, own, rc, err)) != 0)
        return rc;
    return sh_ws_place_get(db, actor, id, ret, err);
}

struct list_where {
    const sh_principal *actor;
    const char *kind;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, " FROM workshop_places p JOIN divisions d ON d.code = p.division_code WHERE 1 = 1");
    if (w->actor->role == SH_ROLE_BUSINESS)
        sh_qb_sql(qb, " AND 1 = 0");
    else
        sh_scope_division_column(qb, &w->actor->scope, "p.division_code");
    if (w->kind) {
        sh_qb_sql(qb, " AND p.kind = ");
        sh_qb_text(qb, w->kind);
    }
}

int sh_ws_places_list(sh_db *db, const sh_principal *actor, const char *kind, const sh_page *page, json_t **ret, sh_err *err)
{
    if (kind && !kind_label(kind))
        return sh_fail(err, SH_EINVAL, "kind", "类型应为park、cluster或model_unit (unknown kind)");
    struct list_where w = {actor, kind};
    sh_page_query q = {PLACE_COLS, list_from_where, &w, " ORDER BY p.division_code, p.kind, p.name", page->limit, page->offset, place_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}
