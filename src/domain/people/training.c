/* Food-safety training sessions (培训, people.h; db/075): a county or township official plans a session in
 * a division of their jurisdiction and records who attended — people of the businesses inside that
 * division, by appointment (an officer or director, people/appoint.c) or by name, once a person a session,
 * once it has been held. Read by the officials whose jurisdiction covers the session's division. Figures
 * by township: sessions held there, attendances and businesses of its businesses (each attendance counts
 * in the township of the business, so the townships add up to the total). */
#include "domain/people/people.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/loop/outbox.h"
#include "domain/people/people_int.h"
#include "store/qb.h"
#include "store/scope.h"

static const char *const AUDIENCES[][2] = {
    {"managers", "食品安全总监、食品安全员"}, {"staff", "从业人员"}, {"workshops", "小作坊经营者"}, {"all", "各类经营者"}};

static const char *audience_label(const char *code)
{
    for (size_t i = 0; i < sizeof AUDIENCES / sizeof AUDIENCES[0]; i++)
        if (code && !strcmp(AUDIENCES[i][0], code))
            return AUDIENCES[i][1];
    return NULL;
}

static int may_train(const sh_principal *actor, sh_err *err)
{
    if (actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_TOWNSHIP || actor->role == SH_ROLE_ADMIN)
        return 0;
    return sh_fail(err, SH_EPERM, "", "培训由县、乡镇（街道）监管人员组织和登记 (county and township officials keep training)");
}

/* Reading: officials, and a business for the sessions it was invited to or attended. */
static int may_read(const sh_principal *actor, sh_err *err)
{
    return actor->role == SH_ROLE_BUSINESS ? 0 : may_train(actor, err);
}

/* The sessions the caller sees: its jurisdiction covers the session's division; a business, those it was
 * invited to or attended. */
static void scope_sessions(sh_qb *qb, const sh_principal *actor)
{
    if (actor->role == SH_ROLE_BUSINESS) {
        int64_t e = actor->entity_id > 0 ? actor->entity_id : -1;
        sh_qb_sql(qb, " AND (EXISTS (SELECT 1 FROM training_invitations i WHERE i.session_id = s.id AND i.entity_id = ");
        sh_qb_int64(qb, e);
        sh_qb_sql(qb, ") OR EXISTS (SELECT 1 FROM training_attendees a WHERE a.session_id = s.id AND a.entity_id = ");
        sh_qb_int64(qb, e);
        sh_qb_sql(qb, "))");
    } else
        sh_scope_division_column(qb, &actor->scope, "s.division_code");
}

#define COLS                                                                                                                             \
    "s.id, s.division_code, COALESCE(d.name, s.division_code), s.title, s.held_on, s.place, s.audience, s.material,"                     \
    " (SELECT count(*) FROM training_attendees a WHERE a.session_id = s.id), s.material_url,"                                          \
    " (SELECT count(*) FROM training_invitations i WHERE i.session_id = s.id),"                                                          \
    " (SELECT count(DISTINCT i.entity_id) FROM training_invitations i JOIN training_attendees a ON a.session_id = i.session_id"           \
    " AND a.entity_id = i.entity_id WHERE i.session_id = s.id)"
#define FROM " FROM training_sessions s LEFT JOIN divisions d ON d.code = s.division_code"

static json_t *row(sh_stmt *st, void *ctx)
{
    const char *today = ctx, *held = sh_col_text(st, 4), *aud = sh_col_text(st, 6);
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:I, s:b}", "id", (json_int_t)sh_col_int64(st, 0), "division_code",
                     sh_col_text(st, 1), "division_name", sh_col_text(st, 2), "title", sh_col_text(st, 3), "held_on", held, "place",
                     sh_col_text(st, 5), "audience", aud, "audience_label", audience_label(aud) ? audience_label(aud) : "", "material",
                     sh_col_is_null(st, 7) ? json_null() : json_string(sh_col_text(st, 7)), "attendees", (json_int_t)sh_col_int64(st, 8),
                     "held", strcmp(held, today) <= 0);
    json_object_set_new(o, "material_url", sh_col_text_json(st, 9));
    json_object_set_new(o, "invited", json_integer(sh_col_int64(st, 10)));
    json_object_set_new(o, "invited_attended", json_integer(sh_col_int64(st, 11)));
    return o;
}

/* What a business reads of a session: whether it was invited and how many of its people attended; the
 * others' counts are not its business. */
static int mine(sh_db *db, int64_t entity, json_t *o, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT (SELECT count(*) FROM training_invitations WHERE session_id = ? AND entity_id = ?),"
                                " (SELECT count(*) FROM training_attendees WHERE session_id = ? AND entity_id = ?)",
                                err);
    if (!st)
        return SH_EINTERNAL;
    int64_t id = json_integer_value(json_object_get(o, "id"));
    sh_bind_int64(st, 1, id);
    sh_bind_int64(st, 2, entity);
    sh_bind_int64(st, 3, id);
    sh_bind_int64(st, 4, entity);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        json_object_set_new(o, "invited_me", json_boolean(sh_col_int64(st, 0) > 0));
        json_object_set_new(o, "attended_mine", json_integer(sh_col_int64(st, 1)));
        json_object_set_new(o, "attendees", json_integer(sh_col_int64(st, 1)));
        json_object_del(o, "invited");
        json_object_del(o, "invited_attended");
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static json_t *attendee_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:I, s:s, s:o, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "entity_id", (json_int_t)sh_col_int64(st, 1),
                     "entity_name", sh_col_text(st, 2), "appointment_id", sh_col_is_null(st, 3) ? json_null() : json_integer(sh_col_int64(st, 3)),
                     "person_name", sh_col_text(st, 4));
}

static json_t *invitation_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:b}", "entity_id", (json_int_t)sh_col_int64(st, 0), "entity_name", sh_col_text(st, 1), "attended",
                     sh_col_int64(st, 2) > 0);
}

int sh_training_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    int rc = may_read(actor, err);
    if (rc)
        return rc;
    char today[11];
    sh_today(today);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " COLS FROM " WHERE s.id = ");
    sh_qb_int64(&qb, id);
    scope_sessions(&qb, actor);
    json_t *items = json_array();
    rc = sh_rows_append(sh_qb_prepare(db, &qb, err), row, today, items, err);
    sh_qb_release(&qb);
    if (rc == 0 && !json_array_size(items))
        rc = sh_fail(err, SH_ENOTFOUND, "id", "培训不存在 (no such training session)");
    /* a business reads its own people only, and no one else's invitation */
    int business = actor->role == SH_ROLE_BUSINESS;
    json_t *people = json_array(), *invited = json_array();
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "SELECT a.id, a.entity_id, e.name, a.appointment_id, a.person_name FROM training_attendees a"
                                    " JOIN entities e ON e.id = a.entity_id WHERE a.session_id = ? AND (a.entity_id = ? OR ? = 0) ORDER BY a.id",
                                    err);
        if (st) {
            sh_bind_int64(st, 1, id);
            sh_bind_int64(st, 2, actor->entity_id);
            sh_bind_int64(st, 3, business);
        }
        rc = sh_rows_append(st, attendee_row, NULL, people, err);
    }
    if (rc == 0 && !business) {
        sh_stmt *st = sh_db_prepare(db,
                                    "SELECT i.entity_id, e.name, (SELECT count(*) FROM training_attendees a WHERE a.session_id = i.session_id"
                                    " AND a.entity_id = i.entity_id) FROM training_invitations i JOIN entities e ON e.id = i.entity_id"
                                    " WHERE i.session_id = ? ORDER BY i.id",
                                    err);
        if (st)
            sh_bind_int64(st, 1, id);
        rc = sh_rows_append(st, invitation_row, NULL, invited, err);
    }
    if (rc == 0 && business)
        rc = mine(db, actor->entity_id, json_array_get(items, 0), err);
    if (rc == 0) {
        *ret = json_incref(json_array_get(items, 0));
        json_object_set(*ret, "people", people);
        if (!business)
            json_object_set(*ret, "invitations", invited);
    }
    json_decref(people);
    json_decref(invited);
    json_decref(items);
    return rc;
}

int sh_training_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    int rc = may_train(actor, err);
    if (rc)
        return rc;
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *title = NULL, *place = NULL, *material = NULL, *division = NULL, *url = NULL;
    char today[11], held[11], from[11], to[11];
    sh_today(today);
    if ((rc = sh_body_text(body, "title", "培训主题", 4, 100, &title, err)) || (rc = sh_body_date(body, "held_on", "培训日期", NULL, held, err)) ||
        (rc = sh_body_text(body, "place", "培训地点", 2, 100, &place, err)) || (rc = sh_body_text(body, "material", "培训材料", 0, 4000, &material, err)) ||
        (rc = sh_body_text(body, "division_code", "组织区域", 0, 12, &division, err)) ||
        (rc = sh_body_text(body, "material_url", "培训材料链接", 0, 500, &url, err)))
        return rc;
    if (url && ((strncmp(url, "https://", 8) && strncmp(url, "http://", 7)) || strpbrk(url, " \"<>")))
        return sh_fail(err, SH_EINVAL, "material_url", "培训材料链接：应为以 http:// 或 https:// 开头的网址 (material_url must be an http(s) address)");
    sh_date_add_months(today, -12, from);
    sh_date_add_months(today, 12, to);
    if (strcmp(held, from) < 0 || strcmp(held, to) > 0)
        return sh_fail(err, SH_EINVAL, "held_on", "培训日期：应在前后一年以内 (held_on within a year of today)");
    const char *aud = json_string_value(json_object_get(body, "audience"));
    if (!audience_label(aud))
        return sh_fail(err, SH_EINVAL, "audience",
                       "培训对象：应为 managers（食品安全总监、食品安全员）、staff（从业人员）、workshops（小作坊经营者）或 all (audience: managers, staff, workshops or all)");
    if (!division)
        division = actor->division_code;
    if (!*division || !sh_scope_covers_division(&actor->scope, division))
        return sh_fail(err, SH_EINVAL, "division_code", "组织区域：应为您管辖范围内的区划 (division_code must lie in your jurisdiction)");
    sh_stmt *st = sh_db_prepare(db, "SELECT 1 FROM divisions WHERE code = ?", err);
    if (st)
        sh_bind_text(st, 1, division);
    rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    sh_stmt_done(st);
    if (rc != SH_ROW)
        return rc < 0 ? rc : sh_fail(err, SH_EINVAL, "division_code", "组织区域：区划不存在 (no such division)");
    int own = 0;
    if ((rc = sh_db_join(db, &own, err)) != 0)
        return rc;
    int64_t id = 0;
    st = sh_db_prepare(db,
                       "INSERT INTO training_sessions(division_code, title, held_on, place, audience, material, material_url, created_by, created_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       err);
    if (st) {
        sh_bind_text(st, 1, division);
        sh_bind_text(st, 2, title);
        sh_bind_text(st, 3, held);
        sh_bind_text(st, 4, place);
        sh_bind_text(st, 5, aud);
        sh_bind_text_or_null(st, 6, material);
        sh_bind_text_or_null(st, 7, url);
        sh_bind_int64_or_null(st, 8, actor->user_id);
        sh_bind_int64(st, 9, sh_now_ms());
    }
    rc = sh_stmt_insert_id(st, &id, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s, s:s, s:s}", "division_code", division, "title", title, "held_on", held, "audience", aud);
        rc = sh_audit(db, actor, "create", "training_session", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_leave(db, own, rc, err);
    return rc ? rc : sh_training_get(db, actor, id, ret, err);
}

/* The session an official keeps (invitations, attendance), in sight, and its division's prefix. */
static int session_to_keep(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, char prefix[13], sh_err *err)
{
    int rc = may_train(actor, err);
    if (rc == 0)
        rc = sh_training_get(db, actor, id, ret, err);
    if (rc == 0)
        sh_division_prefix(json_string_value(json_object_get(*ret, "division_code")), prefix);
    return rc;
}

int sh_training_attend(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    json_t *session = NULL;
    char session_prefix[13], township[13];
    int rc = session_to_keep(db, actor, id, &session, session_prefix, err);
    if (rc)
        return rc;
    int held = json_is_true(json_object_get(session, "held"));
    json_decref(session);
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    if (!held)
        return sh_fail(err, SH_EINVAL, "held_on", "培训日期：培训尚未举行，举行后登记参训人员 (record attendance once it is held)");
    json_t *appt_v = json_object_get(body, "appointment_id");
    int64_t appointment = json_integer_value(appt_v);
    const char *name = NULL;
    json_t *appt = NULL;
    if (appt_v && !json_is_null(appt_v)) {
        if (appointment <= 0 || sh_appointment_get(db, actor, appointment, &appt, err)) {
            json_decref(appt);
            return sh_fail(err, SH_EINVAL, "appointment_id", "任命：不存在或不在您的管辖范围内 (no such appointment in your jurisdiction)");
        }
        json_object_set(body, "entity_id", json_object_get(appt, "entity_id"));
        name = json_string_value(json_object_get(appt, "name"));
    } else if ((rc = sh_body_text(body, "person_name", "姓名", 2, 30, &name, err)) != 0)
        return rc;
    else if (!name)
        return sh_fail(err, SH_EINVAL, "person_name", "姓名：请选择任命人员或填写姓名 (appointment_id or person_name is required)");
    int64_t entity = 0;
    if ((rc = pp_entity_of(db, actor, body, &entity, township, err)) == 0 && strncmp(township, session_prefix, strlen(session_prefix)))
        rc = sh_fail(err, SH_EINVAL, "entity_id", "经营者：不在本次培训的组织区域内 (the business lies outside the session's division)");
    int own = 0;
    if (rc == 0 && (rc = sh_db_join(db, &own, err)) == 0) {
        sh_stmt *st = sh_db_prepare(db, "SELECT 1 FROM training_attendees WHERE session_id = ? AND entity_id = ? AND person_name = ?", err);
        if (st) {
            sh_bind_int64(st, 1, id);
            sh_bind_int64(st, 2, entity);
            sh_bind_text(st, 3, name);
        }
        rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
        sh_stmt_done(st);
        rc = rc == SH_ROW ? sh_fail(err, SH_EINVAL, appointment ? "appointment_id" : "person_name", "姓名：%s已登记参训 (recorded already)", name)
             : rc < 0     ? rc
                          : 0;
        int64_t aid = 0;
        if (rc == 0) {
            st = sh_db_prepare(db,
                               "INSERT INTO training_attendees(session_id, entity_id, division_code, appointment_id, person_name, created_by, created_at)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                               err);
            if (st) {
                sh_bind_int64(st, 1, id);
                sh_bind_int64(st, 2, entity);
                sh_bind_text(st, 3, township);
                sh_bind_int64_or_null(st, 4, appointment);
                sh_bind_text(st, 5, name);
                sh_bind_int64_or_null(st, 6, actor->user_id);
                sh_bind_int64(st, 7, sh_now_ms());
            }
            rc = sh_stmt_insert_id(st, &aid, err);
        }
        if (rc == 0) {
            json_t *after = json_pack("{s:I, s:I, s:s}", "attendee_id", (json_int_t)aid, "entity_id", (json_int_t)entity, "person_name", name);
            rc = sh_audit(db, actor, "attend", "training_session", id, NULL, after, err);
            json_decref(after);
        }
        rc = sh_db_leave(db, own, rc, err);
    }
    json_decref(appt);
    return rc ? rc : sh_training_get(db, actor, id, ret, err);
}

/* The entity_ids of body: 1-200 distinct businesses in sight, inside the session's division (prefix). */
static int invitees_of(sh_db *db, const sh_principal *actor, json_t *body, const char *prefix, sh_err *err)
{
    json_t *list = json_object_get(body, "entity_ids");
    if (!json_is_array(list) || json_array_size(list) == 0 || json_array_size(list) > 200)
        return sh_fail(err, SH_EINVAL, "entity_ids", "受邀经营者：请选择1至200个经营者 (entity_ids: 1-200 businesses)");
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *v = json_array_get(list, i);
        char field[32], township[13];
        snprintf(field, sizeof field, "entity_ids[%zu]", i);
        for (size_t j = 0; j < i; j++)
            if (json_equal(v, json_array_get(list, j)))
                return sh_fail(err, SH_EINVAL, field, "受邀经营者：重复 (%s repeats a business)", field);
        json_t *one = json_pack("{s:O}", "entity_id", v);
        int64_t entity = 0;
        int rc = json_is_integer(v) ? pp_entity_of(db, actor, one, &entity, township, err) : SH_EINVAL;
        json_decref(one);
        if (rc == 0 && strncmp(township, prefix, strlen(prefix)))
            rc = SH_EINVAL;
        if (rc)
            return sh_fail(err, SH_EINVAL, field, "受邀经营者：不存在或不在本次培训的组织区域内 (%s: no such business in the session's division)", field);
    }
    return 0;
}

int sh_training_invite(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    json_t *session = NULL;
    char prefix[13], today[11];
    int rc = session_to_keep(db, actor, id, &session, prefix, err);
    if (rc)
        return rc;
    sh_today(today);
    json_t *notice = json_pack("{s:I, s:O, s:O, s:O}", "session_id", (json_int_t)id, "title", json_object_get(session, "title"), "held_on",
                               json_object_get(session, "held_on"), "place", json_object_get(session, "place"));
    int past = strcmp(json_string_value(json_object_get(session, "held_on")), today) < 0;
    json_decref(session);
    if (!json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    else if (past)
        rc = sh_fail(err, SH_EINVAL, "held_on", "培训日期：培训已举行，不能再邀请 (the session is over)");
    else
        rc = invitees_of(db, actor, body, prefix, err);
    int own = 0;
    if (rc == 0 && (rc = sh_db_join(db, &own, err)) == 0) {
        json_t *list = json_object_get(body, "entity_ids");
        /* one already invited stays so, told once */
        for (size_t i = 0; rc == 0 && i < json_array_size(list); i++) {
            json_t *v = json_array_get(list, i);
            sh_stmt *st = sh_db_prepare(db,
                                        "INSERT INTO training_invitations(session_id, entity_id, created_by, created_at) VALUES (?, ?, ?, ?)"
                                        " ON CONFLICT (session_id, entity_id) DO NOTHING RETURNING id",
                                        err);
            if (st) {
                sh_bind_int64(st, 1, id);
                sh_bind_int64(st, 2, json_integer_value(v));
                sh_bind_int64_or_null(st, 3, actor->user_id);
                sh_bind_int64(st, 4, sh_now_ms());
            }
            rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
            sh_stmt_done(st);
            rc = rc == SH_ROW ? sh_outbox_add(db, json_integer_value(v), "training.invited", notice, NULL, err) : rc < 0 ? rc : 0;
        }
        if (rc == 0) {
            json_t *after = json_pack("{s:O}", "entity_ids", json_object_get(body, "entity_ids"));
            rc = sh_audit(db, actor, "invite", "training_session", id, NULL, after, err);
            json_decref(after);
        }
        rc = sh_db_leave(db, own, rc, err);
    }
    json_decref(notice);
    return rc ? rc : sh_training_get(db, actor, id, ret, err);
}

struct list_where {
    const sh_principal *actor;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, FROM " WHERE 1 = 1");
    scope_sessions(qb, w->actor);
}

int sh_trainings_list(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err)
{
    int rc = may_read(actor, err);
    if (rc)
        return rc;
    char today[11];
    sh_today(today);
    struct list_where w = {actor};
    sh_page_query q = {COLS, list_from_where, &w, " ORDER BY s.held_on DESC, s.id DESC", page->limit, page->offset, row, today};
    if ((rc = sh_rows_page(db, &q, ret, err)) != 0 || actor->role != SH_ROLE_BUSINESS)
        return rc;
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(*ret, "items"), i, o) if (rc == 0) rc = mine(db, actor->entity_id, o, err);
    if (rc) {
        json_decref(*ret);
        *ret = NULL;
    }
    return rc;
}

static json_t *count_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s, s:I, s:I}", "code", sh_col_text(st, 0), "name", sh_col_text(st, 1), "n", (json_int_t)sh_col_int64(st, 2), "m",
                     (json_int_t)sh_col_int64(st, 3));
}

/* Runs one grouped count of the year into rows: sql selects township prefix (9), name, n, m. */
static int counts(sh_db *db, const sh_principal *actor, const char *sql, const char *col, const char *tail, int year, json_t *rows, sh_err *err)
{
    char from[11], to[11];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, sql);
    sh_qb_text(&qb, from);
    sh_qb_sql(&qb, " AND s.held_on <= ");
    sh_qb_text(&qb, to);
    if (actor->scope.kind == SH_SCOPE_DIVISION)
        sh_qb_division_prefix(&qb, col, actor->scope.prefix);
    sh_qb_sql(&qb, tail);
    int rc = sh_rows_append(sh_qb_prepare(db, &qb, err), count_row, NULL, rows, err);
    sh_qb_release(&qb);
    return rc;
}

int sh_training_figures(sh_db *db, const sh_principal *actor, int year, json_t **ret, sh_err *err)
{
    int rc = may_train(actor, err);
    if (rc)
        return rc;
    if (year < 2000 || year > 2100)
        return sh_fail(err, SH_EINVAL, "year", "年度：应为2000至2100之间的年份 (year must be 2000-2100)");
    json_t *held = json_array(), *came = json_array();
    rc = counts(db, actor,
                "SELECT substr(s.division_code, 1, 9), COALESCE(d.name, substr(s.division_code, 1, 9)), count(*), 0 FROM training_sessions s"
                " LEFT JOIN divisions d ON d.code = substr(s.division_code, 1, 9) || '000' WHERE s.held_on >= ",
                "s.division_code", " GROUP BY substr(s.division_code, 1, 9), d.name", year, held, err);
    if (rc == 0)
        rc = counts(db, actor,
                    "SELECT substr(a.division_code, 1, 9), COALESCE(d.name, substr(a.division_code, 1, 9)), count(*), count(DISTINCT a.entity_id)"
                    " FROM training_attendees a JOIN training_sessions s ON s.id = a.session_id"
                    " LEFT JOIN divisions d ON d.code = substr(a.division_code, 1, 9) || '000' WHERE s.held_on >= ",
                    "a.division_code", " GROUP BY substr(a.division_code, 1, 9), d.name", year, came, err);
    json_t *map = json_object();
    int64_t sessions = 0, people = 0, businesses = 0;
    for (int pass = 0; rc == 0 && pass < 2; pass++) {
        size_t i;
        json_t *r;
        json_array_foreach(pass ? came : held, i, r)
        {
            char code[13];
            snprintf(code, sizeof code, "%s000", json_string_value(json_object_get(r, "code")));
            json_t *o = json_object_get(map, code);
            if (!o) {
                o = json_pack("{s:s, s:O, s:I, s:I, s:I}", "code", code, "name", json_object_get(r, "name"), "sessions", (json_int_t)0,
                              "attendees", (json_int_t)0, "businesses", (json_int_t)0);
                json_object_set_new(map, code, o);
            }
            int64_t n = json_integer_value(json_object_get(r, "n")), m = json_integer_value(json_object_get(r, "m"));
            json_object_set_new(o, pass ? "attendees" : "sessions", json_integer(n));
            if (pass)
                json_object_set_new(o, "businesses", json_integer(m));
            *(pass ? &people : &sessions) += n;
            businesses += pass ? m : 0;
        }
    }
    json_t *towns = json_array();
    const char *key;
    json_t *o;
    json_object_foreach(map, key, o) json_array_append(towns, o);
    json_decref(map);
    json_decref(held);
    json_decref(came);
    if (rc) {
        json_decref(towns);
        return rc;
    }
    *ret = json_pack("{s:i, s:o, s:{s:I, s:I, s:I}}", "year", year, "townships", towns, "total", "sessions", (json_int_t)sessions, "attendees",
                     (json_int_t)people, "businesses", (json_int_t)businesses);
    return 0;
}
