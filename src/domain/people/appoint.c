/* Appointments of food-safety directors and officers (people.h): the business records its own, or an
 * official in whose jurisdiction it lies; ended when the person leaves the post. Read through the
 * business's scope. */
#include "domain/people/people.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/people/people_int.h"
#include "store/qb.h"
#include "store/scope.h"

#define COLS                                                                                                                 \
    "p.id, p.entity_id, e.name, p.role, p.name, p.phone, p.appointed_on, p.ended_on, p.division_code,"                       \
    " (SELECT x.score FROM fs_exams x WHERE x.appointment_id = p.id AND x.status = 'submitted' ORDER BY x.id DESC LIMIT 1)," \
    " (SELECT x.passed FROM fs_exams x WHERE x.appointment_id = p.id AND x.status = 'submitted' ORDER BY x.id DESC LIMIT 1)"
#define FROM " FROM fs_appointments p JOIN entities e ON e.id = p.entity_id"

static json_t *row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    const char *role = sh_col_text(st, 3);
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "entity_id",
                          (json_int_t)sh_col_int64(st, 1), "entity_name", sh_col_text(st, 2), "role", role, "role_label",
                          !strcmp(role, "director") ? "食品安全总监" : "食品安全员", "name", sh_col_text(st, 4), "phone",
                          sh_col_is_null(st, 5) ? json_null() : json_string(sh_col_text(st, 5)), "appointed_on", sh_col_text(st, 6),
                          "ended_on", sh_col_is_null(st, 7) ? json_null() : json_string(sh_col_text(st, 7)), "division_code",
                          sh_col_text(st, 8));
    json_object_set_new(o, "last_score", sh_col_is_null(st, 9) ? json_null() : json_integer(sh_col_int64(st, 9)));
    json_object_set_new(o, "last_passed", sh_col_is_null(st, 10) ? json_null() : json_boolean(sh_col_int64(st, 10)));
    return o;
}

int sh_appointment_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    return pp_get(db, actor, "SELECT " COLS FROM " WHERE p.id = ", id, row, NULL, "任命记录不存在 (no such appointment)", ret, err);
}

static int date_or_today(json_t *body, const char *field, const char *label, char out[11], sh_err *err)
{
    char today[11];
    sh_today(today);
    json_t *v = json_object_get(body, field);
    const char *s = json_string_value(v);
    if (!v || json_is_null(v) || (s && !*s)) {
        snprintf(out, 11, "%s", today);
        return 0;
    }
    if (!s || strlen(s) != 10 || !sh_date_valid(s, NULL, NULL, NULL) || strcmp(s, today) > 0)
        return sh_fail(err, SH_EINVAL, field, "%s：应为不晚于今天的日期 YYYY-MM-DD (%s must be a date not after today)", label, field);
    snprintf(out, 11, "%s", s);
    return 0;
}

int sh_appointment_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    int rc = pp_may_keep(actor, "任命", err);
    if (rc)
        return rc;
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *role = json_string_value(json_object_get(body, "role"));
    if (!role || (strcmp(role, "director") && strcmp(role, "officer")))
        return sh_fail(err, SH_EINVAL, "role", "岗位：应为食品安全总监或食品安全员 (role must be director or officer)");
    const char *name = NULL, *phone = NULL;
    char on[11];
    if ((rc = sh_body_text(body, "name", "姓名", 2, 30, &name, err)) || (rc = sh_body_text(body, "phone", "联系电话", 0, 20, &phone, err)) ||
        (phone && (rc = sh_check_phone(phone, "phone", err)) && (rc = sh_body_labelled(err, "联系电话"))) ||
        (rc = date_or_today(body, "appointed_on", "任命日期", on, err)))
        return rc;
    int64_t entity = 0;
    char division[13];
    if ((rc = pp_entity_of(db, actor, body, &entity, division, err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    int64_t id = 0;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO fs_appointments(entity_id, division_code, role, name, phone, appointed_on, created_by, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (st) {
        sh_bind_int64(st, 1, entity);
        sh_bind_text(st, 2, division);
        sh_bind_text(st, 3, role);
        sh_bind_text(st, 4, name);
        sh_bind_text_or_null(st, 5, phone);
        sh_bind_text(st, 6, on);
        sh_bind_int64_or_null(st, 7, actor->user_id);
        sh_bind_int64(st, 8, sh_now_ms());
    }
    rc = sh_stmt_insert_id(st, &id, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s, s:s}", "entity_id", (json_int_t)entity, "role", role, "name", name, "appointed_on", on);
        rc = sh_audit(db, actor, "create", "fs_appointment", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_appointment_get(db, actor, id, ret, err);
}

int sh_appointment_end(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    int rc = pp_may_keep(actor, "任命", err);
    json_t *cur = NULL;
    if (rc == 0)
        rc = sh_appointment_get(db, actor, id, &cur, err);
    char on[11] = "";
    if (rc == 0 && !json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    if (rc == 0)
        rc = date_or_today(body, "ended_on", "离任日期", on, err);
    if (rc == 0 && strcmp(on, json_string_value(json_object_get(cur, "appointed_on"))) < 0)
        rc = sh_fail(err, SH_EINVAL, "ended_on", "离任日期：不得早于任命日期 (not before the appointment)");
    json_decref(cur);
    if (rc == 0)
        rc = pp_close_once(db, actor, "UPDATE fs_appointments SET ended_on = ? WHERE id = ? AND ended_on IS NULL RETURNING id", on, id,
                           "ended_on", "该任命已结束 (ended already)", "end", "fs_appointment", err);
    return rc ? rc : sh_appointment_get(db, actor, id, ret, err);
}

struct list_where {
    const sh_principal *actor;
    int64_t entity_id;
    int current;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, FROM " WHERE 1 = 1");
    sh_scope_entities(qb, &w->actor->scope, "e");
    if (w->entity_id) {
        sh_qb_sql(qb, " AND p.entity_id = ");
        sh_qb_int64(qb, w->entity_id);
    }
    if (w->current)
        sh_qb_sql(qb, " AND p.ended_on IS NULL");
}

int sh_appointments_list(sh_db *db, const sh_principal *actor, int64_t entity_id, int current, const sh_page *page, json_t **ret, sh_err *err)
{
    struct list_where w = {actor, entity_id, current};
    sh_page_query q = {COLS, list_from_where, &w, " ORDER BY CASE WHEN p.ended_on IS NULL THEN 0 ELSE 1 END, e.name, p.role, p.id", page->limit, page->offset, row, NULL};
    return sh_rows_page(db, &q, ret, err);
}
