/* A recall as each may see it, and the list of them (recall.h). */
#include "domain/trace/recall.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/calendar.h"
#include "domain/trace/recall_int.h"
#include "store/qb.h"
#include "store/scope.h"

int rc_load(sh_db *db, const sh_principal *actor, int64_t id, rc_row *out, rc_stance *stance, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT id, entity_id, division_code, status FROM recalls WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        out->id = sh_col_int64(st, 0);
        out->entity_id = sh_col_int64(st, 1);
        snprintf(out->division, sizeof out->division, "%s", sh_col_text(st, 2));
        snprintf(out->status, sizeof out->status, "%s", sh_col_text(st, 3));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    *stance = RC_NONE;
    if (rc == SH_ROW) {
        if (actor->role == SH_ROLE_BUSINESS && actor->entity_id > 0) {
            if (actor->entity_id == out->entity_id) {
                *stance = RC_PRODUCER;
            } else if ((st = sh_db_prepare(db, "SELECT count(*) FROM recall_targets WHERE recall_id = ? AND entity_id = ?", err)) != NULL) {
                sh_bind_int64(st, 1, id);
                sh_bind_int64(st, 2, actor->entity_id);
                if (sh_stmt_step(st, err) == SH_ROW && sh_col_int64(st, 0) > 0)
                    *stance = RC_TARGET;
                sh_stmt_done(st);
            }
        } else if ((actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_ADMIN || actor->role == SH_ROLE_TOWNSHIP) &&
                   sh_scope_covers_division(&actor->scope, out->division)) {
            *stance = RC_OFFICIAL;
        }
    }
    return *stance == RC_NONE ? sh_fail(err, SH_ENOTFOUND, "id", "召回不存在或不在您的管辖范围内 (no such recall in your jurisdiction)") : 0;
}

#define OPT_TEXT(st, c) (sh_col_is_null(st, c) ? json_null() : json_string(sh_col_text(st, c)))
#define OPT_INT(st, c) (sh_col_is_null(st, c) ? json_null() : json_integer(sh_col_int64(st, c)))
#define OPT_REAL(st, c) (sh_col_is_null(st, c) ? json_null() : json_real(sh_col_double(st, c)))

#define RECALL_COLS                                                                                                          \
    "r.id, r.epc, r.product, r.entity_id, e.name, r.level, r.reason, r.sample_id, r.learned_at, r.start_due, r.started_at," \
    " r.complete_due, r.status, r.closed_on, r.close_note"

static json_t *recall_row(sh_stmt *st, void *ctx)
{
    const char *today = ctx, *due = sh_col_text(st, 11), *status = sh_col_text(st, 12);
    int open = !strcmp(status, "open");
    json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:I, s:s, s:o, s:I, s:I, s:I, s:b, s:s, s:s, s:o, s:o}", "id",
                          (json_int_t)sh_col_int64(st, 0), "epc", sh_col_text(st, 1), "product", sh_col_text(st, 2), "entity_id",
                          (json_int_t)sh_col_int64(st, 3), "entity_name", sh_col_text(st, 4), "level", (json_int_t)sh_col_int64(st, 5), "reason",
                          sh_col_text(st, 6), "sample_id", OPT_INT(st, 7), "learned_at", (json_int_t)sh_col_int64(st, 8), "start_due",
                          (json_int_t)sh_col_int64(st, 9), "started_at", (json_int_t)sh_col_int64(st, 10), "started_late",
                          sh_col_int64(st, 10) > sh_col_int64(st, 9), "complete_due", due, "status", status, "closed_on", OPT_TEXT(st, 13),
                          "close_note", OPT_TEXT(st, 14));
    json_object_set_new(o, "days_left", open ? json_integer(sh_date_days(due) - sh_date_days(today)) : json_null());
    json_object_set_new(o, "overdue", json_boolean(open && strcmp(today, due) > 0));
    return o;
}

static json_t *target_row(sh_stmt *st, void *with_contact)
{
    json_t *o = json_pack("{s:I, s:o, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)sh_col_int64(st, 0), "entity_id",
                          OPT_INT(st, 1), "party", sh_col_text(st, 2), "name", sh_col_text(st, 3), "township", sh_col_text(st, 4), "tier",
                          (json_int_t)sh_col_int64(st, 5), "quantity", OPT_REAL(st, 6), "uom", OPT_TEXT(st, 7), "via_event", OPT_TEXT(st, 8),
                          "notified_at", OPT_INT(st, 9), "confirmed_on", OPT_TEXT(st, 10), "returned", OPT_REAL(st, 11), "note",
                          OPT_TEXT(st, 12));
    if (with_contact) {
        /* whom to call: the food safety director, else the officer, else the legal representative */
        json_object_set_new(o, "contact", json_pack("{s:s, s:s}", "name", sh_col_text(st, 13), "phone", sh_col_text(st, 14)));
    }
    return o;
}

int sh_recall_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    rc_row r;
    rc_stance stance;
    int rc = rc_load(db, actor, id, &r, &stance, err);
    if (rc)
        return rc;
    char today[11];
    sh_today(today);
    sh_stmt *st = sh_db_prepare(db, "SELECT " RECALL_COLS " FROM recalls r JOIN entities e ON e.id = r.entity_id WHERE r.id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    json_t *recall = sh_stmt_step(st, err) == SH_ROW ? recall_row(st, today) : NULL;
    sh_stmt_done(st);
    if (!recall)
        return SH_EINTERNAL;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT t.id, t.entity_id, t.party, coalesce(e.name, t.party), coalesce(d.name, ''), t.tier, t.quantity, t.uom, t.via_event,"
                   " t.notified_at, t.confirmed_on, t.returned, t.note,"
                   " coalesce(e.director_name, e.officer_name, e.legal_rep, ''), coalesce(e.director_phone, e.officer_phone, e.legal_rep_phone, '')"
                   " FROM recall_targets t LEFT JOIN entities e ON e.id = t.entity_id LEFT JOIN divisions d"
                   " ON d.code = substr(e.division_code, 1, 9) || '000' WHERE t.recall_id = ");
    sh_qb_int64(&qb, id);
    if (stance == RC_TARGET) {
        sh_qb_sql(&qb, " AND t.entity_id = ");
        sh_qb_int64(&qb, actor->entity_id);
    }
    sh_qb_sql(&qb, " ORDER BY t.tier, t.id");
    json_t *targets = json_array();
    rc = sh_rows_append(sh_qb_prepare(db, &qb, err), target_row, stance == RC_TARGET ? NULL : (void *)1, targets, err);
    sh_qb_release(&qb);
    if (rc) {
        json_decref(recall);
        json_decref(targets);
        return rc;
    }
    /* progress over the whole list (a business on it sees the counts, not the others) */
    json_int_t n = 0, confirmed = 0;
    double shipped = 0, returned = 0;
    if ((st = sh_db_prepare(db,
                            "SELECT count(*), count(confirmed_on), coalesce(sum(quantity), 0), coalesce(sum(returned), 0) FROM recall_targets"
                            " WHERE recall_id = ?",
                            err)) != NULL) {
        sh_bind_int64(st, 1, id);
        if (sh_stmt_step(st, err) == SH_ROW) {
            n = sh_col_int64(st, 0);
            confirmed = sh_col_int64(st, 1);
            shipped = sh_col_double(st, 2);
            returned = sh_col_double(st, 3);
        }
        sh_stmt_done(st);
    }
    static const char *const STANCES[] = {"none", "official", "producer", "target"};
    *ret = json_pack("{s:o, s:o, s:{s:I, s:I, s:f, s:f}, s:s}", "recall", recall, "targets", targets, "progress", "targets", n, "confirmed",
                     confirmed, "shipped", shipped, "returned", returned, "stance", STANCES[stance]);
    return 0;
}

struct list_where {
    const sh_principal *actor;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const sh_principal *actor = ((const struct list_where *)ctx)->actor;
    sh_qb_sql(qb, " FROM recalls r JOIN entities e ON e.id = r.entity_id WHERE 1 = 1");
    if (actor->role == SH_ROLE_BUSINESS) {
        int64_t me = actor->entity_id > 0 ? actor->entity_id : -1;
        sh_qb_sql(qb, " AND (r.entity_id = ");
        sh_qb_int64(qb, me);
        sh_qb_sql(qb, " OR r.id IN (SELECT recall_id FROM recall_targets WHERE entity_id = ");
        sh_qb_int64(qb, me);
        sh_qb_sql(qb, "))");
    } else if (actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_TOWNSHIP) {
        sh_qb_sql(qb, " AND 1 = 0");
    } else {
        sh_scope_division_column(qb, &actor->scope, "r.division_code");
    }
}

int sh_recalls_list(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    struct list_where w = {actor};
    sh_page_query q = {RECALL_COLS, list_from_where, &w, " ORDER BY CASE WHEN r.status = 'open' THEN 0 ELSE 1 END, r.complete_due, r.id DESC",
                       page->limit, page->offset, recall_row, today};
    return sh_rows_page(db, &q, ret, err);
}
