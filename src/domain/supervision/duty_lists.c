/* 包保 lists of a business: 问题清单 and 责任清单 as records (duty_items), 整改清单 as the business's
 * rectification orders read from the loop, with the officials in charge by level and their pledges. */
#include "domain/supervision/duty.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/loop/rectify.h"
#include "domain/registry/entity.h"
#include "store/qb.h"

static int is_official(const sh_principal *p)
{
    return p->role == SH_ROLE_ADMIN || p->role == SH_ROLE_COUNTY || p->role == SH_ROLE_TOWNSHIP || p->role == SH_ROLE_VILLAGE;
}

/* The county keeps the responsibilities (DOMAIN.md: the county assigns and sets the duties). */
static int keeps_responsibilities(const sh_principal *p)
{
    return p->role == SH_ROLE_ADMIN || p->role == SH_ROLE_COUNTY;
}

int sh_duty_items_from_template(sh_db *db, int64_t entity_id, int64_t assignment_id, const char *level, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO duty_items(entity_id, list, assignment_id, text, status, created_at, updated_at)"
                                " SELECT ?1, 'responsibility', ?2, text, 'active', ?3, ?3 FROM duty_responsibility_templates"
                                " WHERE level = ?4 ORDER BY position",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    sh_bind_int64(st, 2, assignment_id);
    sh_bind_int64(st, 3, sh_now_ms());
    sh_bind_text(st, 4, level);
    return sh_stmt_run(st, err) < 0 ? SH_EINTERNAL : 0;
}

int sh_duty_problem_insert(sh_db *db, const sh_principal *actor, int64_t entity_id, const char *text, int64_t visit_id,
                           int64_t order_id, int64_t *ret_id, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO duty_items(entity_id, list, text, status, visit_id, order_id, created_by, created_at, updated_at)"
                                " VALUES (?1, 'problem', ?2, 'open', ?3, ?4, ?5, ?6, ?6) RETURNING id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    int64_t id = 0;
    sh_bind_int64(st, 1, entity_id);
    sh_bind_text(st, 2, text);
    sh_bind_int64_or_null(st, 3, visit_id);
    sh_bind_int64_or_null(st, 4, order_id);
    sh_bind_int64_or_null(st, 5, actor->user_id);
    sh_bind_int64(st, 6, sh_now_ms());
    int rc = sh_stmt_insert_id(st, &id, err);
    if (rc < 0)
        return rc;
    json_t *after = json_pack("{s:I, s:s, s:s, s:s}", "item_id", (json_int_t)id, "list", "problem", "text", text, "status", "open");
    if (order_id)
        json_object_set_new(after, "order_id", json_integer(order_id));
    rc = sh_audit(db, actor, "add_duty_item", "entity", entity_id, NULL, after, err);
    json_decref(after);
    if (ret_id)
        *ret_id = id;
    return rc < 0 ? rc : 0;
}

#define ITEM_COLS                                                                                                               \
    "SELECT i.id, i.entity_id, i.list, i.assignment_id, i.text, i.status, i.visit_id, i.order_id, r.status, r.deadline,"       \
    " i.created_at, i.updated_at, a.level, u.display_name, cu.display_name, uu.display_name FROM duty_items i"                \
    " LEFT JOIN rectifications r ON r.id = i.order_id LEFT JOIN duty_officials a ON a.id = i.assignment_id"                  \
    " LEFT JOIN users u ON u.id = a.user_id LEFT JOIN users cu ON cu.id = i.created_by LEFT JOIN users uu ON uu.id = i.updated_by"

static json_t *item_json(sh_stmt *st)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "entity_id",
                          (json_int_t)sh_col_int64(st, 1), "list", sh_col_text(st, 2), "text", sh_col_text(st, 4), "status",
                          sh_col_text(st, 5), "created_at", (json_int_t)sh_col_int64(st, 10), "updated_at",
                          (json_int_t)sh_col_int64(st, 11));
    static const int ids[3] = {3, 6, 7};
    static const char *const names[3] = {"assignment_id", "visit_id", "order_id"};
    for (int k = 0; k < 3; k++)
        json_object_set_new(o, names[k], sh_col_is_null(st, ids[k]) ? json_null() : json_integer(sh_col_int64(st, ids[k])));
    json_object_set_new(o, "order_status", sh_col_is_null(st, 8) ? json_null() : json_string(sh_col_text(st, 8)));
    json_object_set_new(o, "order_deadline", sh_col_is_null(st, 9) ? json_null() : json_string(sh_col_text(st, 9)));
    json_object_set_new(o, "level", sh_col_is_null(st, 12) ? json_null() : json_string(sh_col_text(st, 12)));
    json_object_set_new(o, "official", sh_col_is_null(st, 13) ? json_null() : json_string(sh_col_text(st, 13)));
    /* who: the creator (null: made from the template or before creators were kept) and the last editor */
    json_object_set_new(o, "created_by_name", sh_col_is_null(st, 14) ? json_null() : json_string(sh_col_text(st, 14)));
    json_object_set_new(o, "updated_by_name", sh_col_is_null(st, 15) ? json_null() : json_string(sh_col_text(st, 15)));
    return o;
}

static int query_items(sh_db *db, sh_stmt *st, json_t *problems, json_t *responsibilities, sh_err *err)
{
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        json_array_append_new(!strcmp(sh_col_text(st, 2), "problem") ? problems : responsibilities, item_json(st));
    sh_stmt_done(st);
    (void)db;
    return rc < 0 ? rc : 0;
}

/* The officials in charge by level, each with the pledge of the current template (or null). */
static int officials_json(sh_db *db, int64_t entity_id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT a.id, a.user_id, u.display_name, a.level, a.assigned_at, p.id, p.version, p.text, p.signed_at"
                                " FROM duty_officials a JOIN users u ON u.id = a.user_id"
                                " LEFT JOIN duty_pledges p ON p.assignment_id = a.id AND p.version = (SELECT max(version) FROM duty_pledge_templates)"
                                " WHERE a.entity_id = ? AND a.ended_at IS NULL"
                                " ORDER BY CASE a.level WHEN 'county' THEN 1 WHEN 'township' THEN 2 ELSE 3 END",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, entity_id);
    json_t *out = json_array();
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        json_t *pledge = sh_col_is_null(st, 5) ? json_null()
                                               : json_pack("{s:I, s:I, s:s, s:I}", "id", (json_int_t)sh_col_int64(st, 5), "version",
                                                           (json_int_t)sh_col_int64(st, 6), "text", sh_col_text(st, 7), "signed_at",
                                                           (json_int_t)sh_col_int64(st, 8));
        json_array_append_new(out, json_pack("{s:I, s:I, s:s, s:s, s:I, s:o}", "assignment_id", (json_int_t)sh_col_int64(st, 0),
                                             "user_id", (json_int_t)sh_col_int64(st, 1), "official", sh_col_text(st, 2), "level",
                                             sh_col_text(st, 3), "assigned_at", (json_int_t)sh_col_int64(st, 4), "pledge", pledge));
    }
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(out);
        return rc;
    }
    *ret = out;
    return 0;
}

int sh_duty_entity(sh_db *db, const sh_principal *actor, int64_t entity_id, json_t **ret, sh_err *err)
{
    sh_entity e;
    int rc = sh_entity_get(db, actor, entity_id, &e, err);
    if (rc)
        return rc;
    json_t *out = json_pack("{s:{s:I, s:s, s:s}}", "entity", "id", (json_int_t)e.id, "name", e.f[EF_NAME] ? e.f[EF_NAME] : "",
                            "township_name", e.township_name);
    sh_entity_release(&e);
    char grade[2] = "";
    unsigned mask = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT grade FROM entity_grades WHERE entity_id = ?", err);
    if (st) {
        sh_bind_int64(st, 1, entity_id);
        if (sh_stmt_step(st, NULL) == SH_ROW)
            snprintf(grade, sizeof grade, "%s", sh_col_text(st, 0));
        sh_stmt_done(st);
    }
    json_object_set_new(json_object_get(out, "entity"), "grade", json_string(grade));
    json_t *officials = NULL, *problems = json_array(), *resp = json_array(), *orders = NULL;
    rc = officials_json(db, entity_id, &officials, err);
    if (rc == 0) {
        size_t i;
        json_t *o;
        json_array_foreach(officials, i, o) mask |= sh_duty_level_bit(json_string_value(json_object_get(o, "level")));
        json_object_set_new(out, "officials", officials);
        const char *missing = sh_duty_missing_level(grade, mask);
        json_object_set_new(out, "missing", missing ? json_string(missing) : json_null());
        /* responsibilities of the officials in charge; problems whoever found them */
        st = sh_db_prepare(db, ITEM_COLS " WHERE i.entity_id = ? AND (i.list = 'problem' OR a.ended_at IS NULL) ORDER BY i.id LIMIT 1000", err);
        if (!st)
            rc = SH_EINTERNAL;
        else {
            sh_bind_int64(st, 1, entity_id);
            rc = query_items(db, st, problems, resp, err);
        }
    }
    if (rc == 0) {
        st = sh_db_prepare(db, "SELECT version, text FROM duty_pledge_templates ORDER BY version DESC LIMIT 1", err);
        if (!st)
            rc = SH_EINTERNAL;
        else {
            if (sh_stmt_step(st, err) == SH_ROW)
                json_object_set_new(out, "pledge_template", json_pack("{s:I, s:s}", "version", (json_int_t)sh_col_int64(st, 0), "text",
                                                                      sh_col_text(st, 1)));
            sh_stmt_done(st);
        }
    }
    if (rc == 0) { /* one business's orders: a few a year, all of them */
        json_t *page = NULL;
        rc = sh_rectify_list(db, actor, NULL, entity_id, &(sh_page){1000, 0}, &page, err);
        orders = rc ? NULL : json_incref(json_object_get(page, "items"));
        json_decref(page);
    }
    if (rc) {
        json_decref(out);
        json_decref(problems);
        json_decref(resp);
        return rc;
    }
    json_object_set_new(out, "problems", problems);
    json_object_set_new(out, "responsibilities", resp);
    json_object_set_new(out, "rectifications", orders); /* 整改清单: the loop's orders, not a copy */
    *ret = out;
    return 0;
}

static int get_item(sh_db *db, int64_t id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, ITEM_COLS " WHERE i.id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret = item_json(st);
    sh_stmt_done(st);
    return rc == SH_ROW ? 0 : rc < 0 ? rc : sh_fail(err, SH_ENOTFOUND, "", "记录不存在 (not found)");
}

static const char *const statuses_problem[] = {"open", "resolved", NULL};
static const char *const statuses_resp[] = {"active", "retired", NULL};

static int status_ok(const char *list, const char *status)
{
    const char *const *s = !strcmp(list, "problem") ? statuses_problem : statuses_resp;
    for (; *s; s++)
        if (!strcmp(*s, status))
            return 1;
    return 0;
}

int sh_duty_item_add(sh_db *db, const sh_principal *actor, int64_t entity_id, json_t *body, json_t **ret, sh_err *err)
{
    /* the role first, so that a refusal says nothing about the id; a business reads its lists only */
    if (!is_official(actor))
        return sh_fail(err, SH_EPERM, "", "只有包保干部可以修改包保清单 (only officials change the duty lists)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    sh_entity e;
    if ((rc = sh_entity_get(db, actor, entity_id, &e, err)) != 0)
        return sh_db_finish(db, rc, err);
    sh_entity_release(&e);
    const char *list = json_string_value(json_object_get(body, "list"));
    const char *text = json_string_value(json_object_get(body, "text"));
    json_t *aid = json_object_get(body, "assignment_id"), *oid = json_object_get(body, "order_id");
    if (!list || (strcmp(list, "problem") && strcmp(list, "responsibility")))
        return sh_db_finish(db, sh_fail(err, SH_EINVAL, "list", "应为problem（问题清单）或responsibility（责任清单） (problem or responsibility)"), err);
    if ((rc = sh_check_text(text, 2, 500, "text", err)) != 0)
        return sh_db_finish(db, rc, err);
    int64_t id = 0;
    sh_stmt *st;
    if (!strcmp(list, "responsibility")) {
        if (!keeps_responsibilities(actor))
            return sh_db_finish(db, sh_fail(err, SH_EPERM, "list", "责任清单由县局制定 (the county keeps the responsibilities)"), err);
        if (!json_is_integer(aid))
            return sh_db_finish(db, sh_fail(err, SH_EINVAL, "assignment_id", "请选择包保责任人 (required: whose responsibility)"), err);
        int64_t n = 0;
        st = sh_db_prepare(db, "SELECT count(*) FROM duty_officials WHERE id = ? AND entity_id = ? AND ended_at IS NULL", err);
        if (!st)
            return sh_db_finish(db, SH_EINTERNAL, err);
        sh_bind_int64(st, 1, json_integer_value(aid));
        sh_bind_int64(st, 2, entity_id);
        if (sh_stmt_step(st, err) == SH_ROW)
            n = sh_col_int64(st, 0);
        sh_stmt_done(st);
        if (!n)
            return sh_db_finish(db, sh_fail(err, SH_EINVAL, "assignment_id", "不是该主体现任的包保安排 (not an assignment in force for this business)"), err);
        st = sh_db_prepare(db, "INSERT INTO duty_items(entity_id, list, assignment_id, text, status, created_by, created_at, updated_at)"
                               " VALUES (?1, 'responsibility', ?2, ?3, 'active', ?4, ?5, ?5) RETURNING id", err);
        if (!st)
            return sh_db_finish(db, SH_EINTERNAL, err);
        sh_bind_int64(st, 1, entity_id);
        sh_bind_int64(st, 2, json_integer_value(aid));
        sh_bind_text(st, 3, text);
        sh_bind_int64_or_null(st, 4, actor->user_id);
        sh_bind_int64(st, 5, sh_now_ms());
        rc = sh_stmt_insert_id(st, &id, err);
        if (rc >= 0) {
            json_t *after = json_pack("{s:I, s:s, s:s, s:s, s:I}", "item_id", (json_int_t)id, "list", list, "text", text, "status",
                                      "active", "assignment_id", (json_int_t)json_integer_value(aid));
            rc = sh_audit(db, actor, "add_duty_item", "entity", entity_id, NULL, after, err);
            json_decref(after);
        }
    } else {
        if (oid && !json_is_null(oid)) {
            int64_t n = 0;
            st = json_is_integer(oid) ? sh_db_prepare(db, "SELECT count(*) FROM rectifications WHERE id = ? AND entity_id = ?", err) : NULL;
            if (st) {
                sh_bind_int64(st, 1, json_integer_value(oid));
                sh_bind_int64(st, 2, entity_id);
                if (sh_stmt_step(st, err) == SH_ROW)
                    n = sh_col_int64(st, 0);
                sh_stmt_done(st);
            }
            if (!n)
                return sh_db_finish(db, sh_fail(err, SH_EINVAL, "order_id", "不是该主体的整改单 (not a rectification order of this business)"), err);
        }
        /* open_order: the problem enters the 整改清单 too, as a rectification order of the loop */
        json_t *open = json_object_get(body, "open_order");
        int64_t order = json_integer_value(oid);
        if (open && !json_is_boolean(open))
            return sh_db_finish(db, sh_fail(err, SH_EINVAL, "open_order", "应为true或false (a boolean)"), err);
        if (json_is_true(open) && order)
            return sh_db_finish(db, sh_fail(err, SH_EINVAL, "open_order", "已关联整改单，不能再新开 (already linked to an order)"), err);
        if (json_is_true(open)) {
            sh_rectify_order o = {.entity_id = entity_id, .source_type = "duty_visit", .source_id = 0, .title = text,
                                  .requirement = text, .workdays = 10};
            if ((rc = sh_rectify_open(db, actor, &o, &order, err)) != 0)
                return sh_db_finish(db, rc, err);
        }
        rc = sh_duty_problem_insert(db, actor, entity_id, text, 0, order, &id, err);
    }
    if (rc >= 0)
        rc = get_item(db, id, ret, err);
    return sh_db_finish(db, rc < 0 ? rc : 0, err);
}

int sh_duty_item_update(sh_db *db, const sh_principal *actor, int64_t item_id, json_t *body, json_t **ret, sh_err *err)
{
    if (!is_official(actor))
        return sh_fail(err, SH_EPERM, "", "只有包保干部可以修改包保清单 (only officials change the duty lists)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    /* an item of a business outside the caller's jurisdiction reads as a missing one */
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT i.list, i.text, i.status FROM duty_items i JOIN entities e ON e.id = i.entity_id WHERE i.id = ");
    sh_qb_int64(&qb, item_id);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return sh_db_finish(db, SH_EINTERNAL, err);
    char list[16] = "", status[16] = "";
    json_t *before = NULL;
    if (sh_stmt_step(st, err) == SH_ROW) {
        snprintf(list, sizeof list, "%s", sh_col_text(st, 0));
        snprintf(status, sizeof status, "%s", sh_col_text(st, 2));
        before = json_pack("{s:I, s:s, s:s}", "item_id", (json_int_t)item_id, "text", sh_col_text(st, 1), "status", status);
    }
    sh_stmt_done(st);
    if (!before)
        return sh_db_finish(db, sh_fail(err, SH_ENOTFOUND, "", "清单项不存在 (no such item)"), err);
    json_t *jt = json_object_get(body, "text"), *js = json_object_get(body, "status");
    const char *text = json_string_value(jt), *st_new = json_string_value(js);
    if (!strcmp(list, "responsibility") && !keeps_responsibilities(actor))
        rc = sh_fail(err, SH_EPERM, "", "责任清单由县局制定 (the county keeps the responsibilities)");
    else if (!jt && !js)
        rc = sh_fail(err, SH_EINVAL, "status", "请填写要修改的内容或状态 (text or status required)");
    else if (jt && (rc = sh_check_text(text, 2, 500, "text", err)) != 0)
        ;
    else if (js && (!st_new || !status_ok(list, st_new)))
        rc = sh_fail(err, SH_EINVAL, "status", "%s", !strcmp(list, "problem") ? "问题状态应为open（待整改）或resolved（已解决） (open or resolved)"
                                                                             : "责任状态应为active（有效）或retired（停用） (active or retired)");
    if (rc) {
        json_decref(before);
        return sh_db_finish(db, rc, err);
    }
    st = sh_db_prepare(db, "UPDATE duty_items SET text = coalesce(?, text), status = coalesce(?, status), updated_at = ?, updated_by = ?"
                           " WHERE id = ?", err);
    if (!st) {
        json_decref(before);
        return sh_db_finish(db, SH_EINTERNAL, err);
    }
    sh_bind_text_or_null(st, 1, text);
    sh_bind_text_or_null(st, 2, st_new);
    sh_bind_int64(st, 3, sh_now_ms());
    sh_bind_int64_or_null(st, 4, actor->user_id);
    sh_bind_int64(st, 5, item_id);
    rc = sh_stmt_run(st, err);
    if (rc >= 0)
        rc = get_item(db, item_id, ret, err);
    if (rc >= 0) {
        json_t *after = json_pack("{s:I, s:O, s:O}", "item_id", (json_int_t)item_id, "text", json_object_get(*ret, "text"), "status",
                                  json_object_get(*ret, "status"));
        rc = sh_audit(db, actor, "update_duty_item", "entity", json_integer_value(json_object_get(*ret, "entity_id")), before, after, err);
        json_decref(after);
        if (rc < 0) {
            json_decref(*ret);
            *ret = NULL;
        }
    }
    json_decref(before);
    return sh_db_finish(db, rc < 0 ? rc : 0, err);
}
