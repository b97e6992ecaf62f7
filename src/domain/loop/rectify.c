#include "domain/loop/rectify.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "store/rows.h"
#include "core/validate.h"
#include "domain/loop/attachment.h"
#include "domain/base/audit.h"
#include "domain/base/calendar.h"
#include "domain/risk/risk.h"
#include "store/qb.h"

enum { MAX_ESCALATION_HOOKS = 16 };
static struct {
    const char *source_type;
    sh_rectify_escalated_fn fn;
} escalation_hooks[MAX_ESCALATION_HOOKS];
static int nescalation_hooks;

int sh_rectify_on_escalated(const char *source_type, sh_rectify_escalated_fn fn)
{
    int i = 0;
    while (i < nescalation_hooks && strcmp(escalation_hooks[i].source_type, source_type))
        i++;
    if (i == MAX_ESCALATION_HOOKS)
        return -1;
    escalation_hooks[i].source_type = source_type;
    escalation_hooks[i].fn = fn;
    if (i == nescalation_hooks)
        nescalation_hooks++;
    return 0;
}

static int run_escalation_hook(sh_db *db, const char *source_type, int64_t order_id, sh_err *err)
{
    for (int i = 0; i < nescalation_hooks; i++)
        if (!strcmp(escalation_hooks[i].source_type, source_type))
            return escalation_hooks[i].fn(db, order_id, err);
    return 0;
}

int sh_rectify_open(sh_db *db, const sh_principal *actor, const sh_rectify_order *o, int64_t *ret_id, sh_err *err)
{
    char today[11], deadline[11];
    sh_today(today);
    int rc = sh_workdays_add(db, today, o->workdays, deadline, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO rectifications(entity_id, source_type, source_id, item_id, key_item, title,"
                                " requirement, deadline, created_by, created_at, snapshot_id, box)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (st) {
        sh_bind_int64(st, 1, o->entity_id);
        sh_bind_text(st, 2, o->source_type);
        sh_bind_int64(st, 3, o->source_id);
        sh_bind_int64_or_null(st, 4, o->item_id);
        sh_bind_int64(st, 5, o->key_item);
        sh_bind_text(st, 6, o->title);
        sh_bind_text(st, 7, o->requirement);
        sh_bind_text(st, 8, deadline);
        sh_bind_int64_or_null(st, 9, actor->user_id);
        sh_bind_int64(st, 10, sh_now_ms());
        sh_bind_int64_or_null(st, 11, o->snapshot_id);
        sh_bind_text(st, 12, o->box);
    }
    int64_t id = 0;
    if ((rc = sh_stmt_insert_id(st, &id, err)) < 0)
        return rc;
    json_t *after = json_pack("{s:s, s:s, s:I}", "title", o->title, "deadline", deadline, "entity_id", (json_int_t)o->entity_id);
    rc = sh_audit(db, actor, "create", "rectification", id, NULL, after, err);
    json_decref(after);
    if (rc == 0 && ret_id)
        *ret_id = id;
    return rc;
}

#define RECT_COLS                                                                                         \
    "r.id, r.entity_id, e.name, r.source_type, r.source_id, r.item_id, r.key_item, r.title,"              \
    " r.requirement, r.deadline, r.status, r.evidence_note, r.submitted_at, r.review_note, r.verified_at," \
    " r.escalated_at, r.rejections, r.created_at, t.name, r.snapshot_id, r.box"
#define RECT_FROM                                                           \
    " FROM rectifications r JOIN entities e ON e.id = r.entity_id"          \
    " LEFT JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000' WHERE TRUE"
#define RECT_SELECT "SELECT " RECT_COLS RECT_FROM

/* Whether evidence submitted at submitted_ms (epoch ms) came after the deadline's day (Beijing). */
static int submitted_late(const char *deadline, int64_t submitted_ms)
{
    return submitted_ms >= sh_beijing_day_start_ms(sh_date_days(deadline) + 1);
}

/* The rule of overdue (逾期未整改): the order's deadline has passed and by then the business had not
 * done what it was ordered to do, that is: no evidence submitted by the deadline, or the evidence
 * sent back and not resubmitted by it (the order is open again), or submitted only after it. Evidence
 * submitted by the deadline and awaiting the official's review is not overdue: the time the
 * regulator takes to verify is not the business's delay (Food Safety Law 2021 Art 126 and SAMR
 * Order 49 (2021) punish failing to correct within the time set — 逾期不改正 — not a pending
 * verification). An order once escalated stays overdue until verified. */
int sh_rectify_is_overdue(const char *status, const char *deadline, const char *today, int submitted, int64_t submitted_ms,
                          int escalated)
{
    if (!strcmp(status, "verified") || strcmp(deadline, today) >= 0)
        return 0;
    if (escalated || !strcmp(status, "open"))
        return 1;
    return submitted && submitted_late(deadline, submitted_ms);
}

static json_t *row_json(sh_db *db, sh_stmt *st, const char *today)
{
    const char *status = sh_col_text(st, 10);
    int overdue = sh_rectify_is_overdue(status, sh_col_text(st, 9), today, !sh_col_is_null(st, 12), sh_col_int64(st, 12),
                             !sh_col_is_null(st, 15));
    /* provisional: a year from the order's start to its deadline has no State Council notice loaded */
    char start[11];
    sh_date_of_days(sh_beijing_days(sh_col_int64(st, 17)), start);
    int final = 1, missing_year = 0;
    if (sh_calendar_years_final(db, start, sh_col_text(st, 9), &final, &missing_year, NULL) != 0)
        final = 1;
#define OPT_TEXT(c) (sh_col_is_null(st, c) ? NULL : sh_col_text(st, c))
#define OPT_INT(c) (sh_col_is_null(st, c) ? json_null() : json_integer(sh_col_int64(st, c)))
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:I, s:o, s:b, s:s, s:s*, s:s, s:s, s:b, s:s*, s:o, s:s*, s:o, s:o, s:I, s:I, s:s}",
                     "id", (json_int_t)sh_col_int64(st, 0), "entity_id", (json_int_t)sh_col_int64(st, 1), "entity_name",
                     sh_col_text(st, 2), "source_type", sh_col_text(st, 3), "source_id", (json_int_t)sh_col_int64(st, 4),
                     "item_id", OPT_INT(5), "key_item", (int)sh_col_int64(st, 6), "title", sh_col_text(st, 7),
                     "requirement", OPT_TEXT(8), "deadline", sh_col_text(st, 9), "status", status, "overdue", overdue,
                     "evidence_note", OPT_TEXT(11), "submitted_at", OPT_INT(12), "review_note", OPT_TEXT(13),
                     "verified_at", OPT_INT(14), "escalated_at", OPT_INT(15), "rejections",
                     (json_int_t)sh_col_int64(st, 16), "created_at", (json_int_t)sh_col_int64(st, 17), "township_name",
                     sh_col_text(st, 18));
    json_object_set_new(o, "deadline_provisional", json_boolean(!final));
    if (!final)
        json_object_set_new(o, "deadline_provisional_year", json_integer(missing_year));
    /* an order whose opener gave a picture (a video alert, an online patrol) shows it */
    if (!sh_col_is_null(st, 19))
        json_object_set_new(o, "snapshot_id", json_integer(sh_col_int64(st, 19)));
    json_t *box = sh_col_is_null(st, 20) ? NULL : json_loads(sh_col_text(st, 20), 0, NULL);
    if (json_is_array(box)) /* where in the picture the AI saw it */
        json_object_set_new(o, "box", box);
    else
        json_decref(box);
    return o;
}

struct list_ctx {
    sh_db *db;
    const char *today;
};

static json_t *list_row(sh_stmt *st, void *ctx)
{
    const struct list_ctx *c = ctx;
    return row_json(c->db, st, c->today);
}

static int query_list(sh_db *db, sh_qb *qb, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_stmt *st = sh_qb_prepare(db, qb, err);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    struct list_ctx c = {db, today};
    int rc = sh_rows_append(st, list_row, &c, items, err);
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
        json_object_set_new(it, "attachments", sh_attachments_of(db, "rectification", json_integer_value(json_object_get(it, "id"))));
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret = items;
    return 0;
}

struct list_where {
    const sh_principal *actor;
    const char *status, *today;
    int64_t entity_id;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, RECT_FROM);
    sh_scope_entities(qb, &w->actor->scope, "e");
    if (w->status && !strcmp(w->status, "overdue")) {
        /* as is_overdue: open past the deadline, or escalated (submitted late) and not yet verified */
        sh_qb_sql(qb, " AND r.status <> 'verified' AND (r.status = 'open' OR r.escalated_at IS NOT NULL) AND r.deadline < ");
        sh_qb_text(qb, w->today);
    } else if (w->status) {
        sh_qb_sql(qb, " AND r.status = ");
        sh_qb_text(qb, w->status);
    }
    if (w->entity_id) {
        sh_qb_sql(qb, " AND r.entity_id = ");
        sh_qb_int64(qb, w->entity_id);
    }
}

int sh_rectify_list(sh_db *db, const sh_principal *actor, const char *status, int64_t entity_id, const sh_page *page, json_t **ret,
                    sh_err *err)
{
    if (status && strcmp(status, "open") && strcmp(status, "submitted") && strcmp(status, "verified") && strcmp(status, "overdue"))
        return sh_fail(err, SH_EINVAL, "status", "状态应为open、submitted、verified或overdue (unknown status)");
    char today[11];
    sh_today(today);
    struct list_where w = {actor, status, today, entity_id};
    struct list_ctx c = {db, today};
    sh_page_query q = {RECT_COLS, list_from_where, &w, " ORDER BY r.deadline, r.id", page->limit, page->offset, list_row, &c};
    int rc = sh_rows_page(db, &q, ret, err);
    if (rc)
        return rc;
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(*ret, "items"), i, it)
        json_object_set_new(it, "attachments", sh_attachments_of(db, "rectification", json_integer_value(json_object_get(it, "id"))));
    return 0;
}

int sh_rectify_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, RECT_SELECT " AND r.id = ");
    sh_qb_int64(&qb, id);
    sh_scope_entities(&qb, &actor->scope, "e");
    json_t *items;
    int rc = query_list(db, &qb, &items, err);
    sh_qb_release(&qb);
    if (rc)
        return rc;
    if (json_array_size(items) == 0) {
        json_decref(items);
        return sh_fail(err, SH_ENOTFOUND, "id", "整改单不存在或不在您的管辖范围内 (no such order in your jurisdiction)");
    }
    *ret = json_incref(json_array_get(items, 0));
    json_decref(items);
    return 0;
}

/* Loads the order (scoped) and checks it is in `want` status; fills *cur. */
static int load_for_change(sh_db *db, const sh_principal *actor, int64_t id, const char *want, json_t **cur, sh_err *err)
{
    int rc = sh_rectify_get(db, actor, id, cur, err);
    if (rc)
        return rc;
    const char *status = json_string_value(json_object_get(*cur, "status"));
    if (strcmp(status, want) == 0)
        return 0;
    rc = sh_fail(err, SH_EINVAL, "status", "整改单当前状态为%s，不能执行此操作 (the order is %s)", status, status);
    json_decref(*cur);
    *cur = NULL;
    return rc;
}

/* sql binds ?1 text, ?2 now, ?3 acting user, ?4 order id (each as it needs). */
static int set_status(sh_db *db, const sh_principal *actor, int64_t id, const char *action, json_t *cur, const char *sql,
                      const char *text, const char *new_status, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, text);
    sh_bind_int64(st, 2, sh_now_ms());
    if (actor->user_id) sh_bind_int64(st, 3, actor->user_id); else sh_bind_null(st, 3);
    sh_bind_int64(st, 4, id);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    json_t *before = json_pack("{s:O}", "status", json_object_get(cur, "status"));
    json_t *after = json_pack("{s:s, s:s*}", "status", new_status, "note", text);
    rc = sh_audit(db, actor, action, "rectification", id, before, after, err);
    json_decref(before);
    json_decref(after);
    return rc;
}

static int finish(sh_db *db, int rc, json_t *cur, sh_err *err)
{
    json_decref(cur);
    if (rc == 0)
        rc = sh_db_commit(db, err);
    if (rc != 0)
        sh_db_rollback(db);
    return rc;
}

int sh_rectify_submit(sh_db *db, const sh_principal *actor, int64_t id, const char *evidence, sh_err *err)
{
    int rc;
    if (actor->role != SH_ROLE_BUSINESS)
        return sh_fail(err, SH_EPERM, "", "整改材料由经营主体提交 (the business submits its rectification)");
    if ((rc = sh_check_text(evidence, 4, 2000, "evidence", err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    json_t *cur = NULL;
    rc = load_for_change(db, actor, id, "open", &cur, err);
    if (rc == 0)
        rc = set_status(db, actor, id, "submit", cur,
                        "UPDATE rectifications SET status = 'submitted', evidence_note = ?1, submitted_at = ?2"
                        " WHERE id = ?4",
                        evidence, "submitted", err);
    return finish(db, rc, cur, err);
}

int sh_rectify_check_submitter(sh_db *db, const sh_principal *actor, int64_t id, int64_t *ret_entity, sh_err *err)
{
    if (actor->role != SH_ROLE_BUSINESS)
        return sh_fail(err, SH_EPERM, "", "整改材料由经营主体提交 (the business submits its rectification)");
    json_t *cur = NULL;
    int rc = load_for_change(db, actor, id, "open", &cur, err);
    if (rc)
        return rc;
    *ret_entity = json_integer_value(json_object_get(cur, "entity_id"));
    json_decref(cur);
    return 0;
}

int sh_rectify_review(sh_db *db, const sh_principal *actor, int64_t id, int accept, const char *note, sh_err *err)
{
    int rc;
    if (actor->role == SH_ROLE_BUSINESS)
        return sh_fail(err, SH_EPERM, "", "整改由监管人员验收 (an official verifies the rectification)");
    if (!accept && (rc = sh_check_text(note, 2, 500, "note", err)) != 0)
        return rc;
    if (note && (rc = sh_check_text(note, 0, 500, "note", err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    json_t *cur = NULL;
    rc = load_for_change(db, actor, id, "submitted", &cur, err);
    if (rc == 0 && accept)
        rc = set_status(db, actor, id, "verify", cur,
                        "UPDATE rectifications SET status = 'verified', review_note = ?1, verified_at = ?2,"
                        " reviewed_by = ?3 WHERE id = ?4",
                        note, "verified", err);
    else if (rc == 0)
        rc = set_status(db, actor, id, "reject", cur,
                        "UPDATE rectifications SET status = 'open', review_note = ?1, submitted_at = NULL,"
                        " rejections = rejections + 1, reviewed_by = ?3 WHERE id = ?4",
                        note, "open", err);
    return finish(db, rc, cur, err);
}

int sh_rectify_escalate(sh_db *db, const char *today, int *ret_count, sh_err *err)
{
    sh_principal sys;
    sh_principal_system(&sys);
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    /* candidates past their deadline; is_overdue decides (a submission awaiting review is not late) */
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT id, deadline, entity_id, source_type, status, submitted_at FROM rectifications"
                                " WHERE status <> 'verified' AND deadline < ? AND escalated_at IS NULL ORDER BY id",
                                err);
    if (!st) {
        sh_db_rollback(db);
        return SH_EINTERNAL;
    }
    sh_bind_text(st, 1, today);
    json_t *ids = json_array();
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        if (sh_rectify_is_overdue(sh_col_text(st, 4), sh_col_text(st, 1), today, !sh_col_is_null(st, 5), sh_col_int64(st, 5), 0))
            json_array_append_new(ids, json_pack("{s:I, s:s, s:I, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "deadline",
                                                 sh_col_text(st, 1), "entity_id", (json_int_t)sh_col_int64(st, 2),
                                                 "source_type", sh_col_text(st, 3)));
    sh_stmt_done(st);
    size_t i;
    json_t *it;
    if (rc >= 0) {
        rc = 0;
        json_array_foreach(ids, i, it) {
            int64_t id = json_integer_value(json_object_get(it, "id"));
            st = sh_db_prepare(db, "UPDATE rectifications SET escalated_at = ? WHERE id = ?", err);
            if (!st) {
                rc = SH_EINTERNAL;
                break;
            }
            sh_bind_int64(st, 1, sh_now_ms());
            sh_bind_int64(st, 2, id);
            rc = sh_stmt_step(st, err);
            sh_stmt_done(st);
            if (rc < 0)
                break;
            json_t *after = json_pack("{s:O}", "deadline", json_object_get(it, "deadline"));
            rc = sh_audit(db, &sys, "escalate", "rectification", id, NULL, after, err);
            json_decref(after);
            /* an order run past its deadline moves the business's risk grade */
            if (rc == 0)
                rc = sh_risk_regrade(db, json_integer_value(json_object_get(it, "entity_id")), "escalation", NULL, err);
            /* and whatever the area that opened it does then (a video hazard is pushed again) */
            if (rc == 0)
                rc = run_escalation_hook(db, json_string_value(json_object_get(it, "source_type")), id, err);
            if (rc)
                break;
        }
    }
    if (ret_count)
        *ret_count = (int)json_array_size(ids);
    json_decref(ids);
    if (rc == 0)
        return sh_db_commit(db, err);
    sh_db_rollback(db);
    return rc;
}
