/* Capturing an EPCIS document (epcis.h): every event checked first, then all stored in one transaction
 * with their identifiers, parties and ledger leaves, or none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/ledger/ledger.h"
#include "domain/trace/epcis_int.h"
#include "domain/trace/event_hash.h"
#include "store/scope.h"

typedef struct prepared {
    sh_epcis_event ev;
    char hash[65];
    char id[240]; /* the stored event_id */
} prepared;

static int check_document(json_t *doc, json_t **ret_list, sh_err *err)
{
    if (!json_is_object(doc))
        return sh_fail(err, SH_EINVAL, "", "应为EPCIS 2.0的JSON-LD文档 (must be an EPCISDocument)");
    const char *type = json_string_value(json_object_get(doc, "type"));
    if (!type || strcmp(type, "EPCISDocument"))
        return sh_fail(err, SH_EINVAL, "type", "文档类型应为 EPCISDocument (type must be EPCISDocument)");
    json_t *version = json_object_get(doc, "schemaVersion");
    const char *vs = json_string_value(version);
    if (version && (!vs || (strcmp(vs, "2.0") && strcmp(vs, "2.0.0"))))
        return sh_fail(err, SH_EINVAL, "schemaVersion", "仅接受EPCIS 2.0文档 (schemaVersion must be 2.0)");
    json_t *list = json_object_get(json_object_get(doc, "epcisBody"), "eventList");
    if (!json_is_array(list) || !json_array_size(list))
        return sh_fail(err, SH_EINVAL, "epcisBody.eventList", "事件列表不能为空 (eventList must be a non-empty list)");
    if (json_array_size(list) > SH_EPCIS_MAX_EVENTS)
        return sh_fail(err, SH_ETOOBIG, "epcisBody.eventList", "一次至多采集%d个事件，请分批提交 (at most %d events per capture)",
                       SH_EPCIS_MAX_EVENTS, SH_EPCIS_MAX_EVENTS);
    *ret_list = list;
    return 0;
}

/* An errorDeclaration's event: captured before, visible to the actor, not yet corrected. */
static int check_declared(sh_db *db, const sh_principal *actor, const sh_epcis_event *ev, size_t i, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT coalesce(entity_id, 0), division_code, corrected_by FROM epcis_events"
                                    " WHERE event_id = ? AND error_reason IS NULL", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, ev->event_id);
    int found = sh_stmt_step(st, err) == SH_ROW, rc = 0;
    char field[64];
    snprintf(field, sizeof field, "epcisBody.eventList[%zu].eventID", i);
    if (!found || (actor->role == SH_ROLE_BUSINESS ? sh_col_int64(st, 0) != actor->entity_id
                                                    : !sh_scope_covers_division(&actor->scope, sh_col_text(st, 1))))
        rc = sh_fail(err, SH_EINVAL, field, "第%zu个事件：错误声明所指的事件不存在或不是您采集的 (no such event of yours to correct)", i + 1);
    else if (!sh_col_is_null(st, 2))
        rc = sh_fail(err, SH_EEXIST, field, "第%zu个事件：该事件已声明过错误 (the event is corrected already)", i + 1);
    sh_stmt_done(st);
    return rc;
}

static int already_captured(sh_db *db, const char *event_id, size_t i, json_t *seen, sh_err *err)
{
    char field[64];
    snprintf(field, sizeof field, "epcisBody.eventList[%zu].eventID", i);
    if (json_object_get(seen, event_id))
        return sh_fail(err, SH_EINVAL, field, "第%zu个事件：与本文档中的另一事件重复 (the same event twice in the document)", i + 1);
    json_object_set_new(seen, event_id, json_true());
    sh_stmt *st = sh_db_prepare(db, "SELECT 1 FROM epcis_events WHERE event_id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, event_id);
    int found = sh_stmt_step(st, err) == SH_ROW;
    sh_stmt_done(st);
    return found ? sh_fail(err, SH_EEXIST, field, "第%zu个事件：该事件已采集 (the event was captured already)", i + 1) : 0;
}

static int prepare_all(sh_db *db, const sh_principal *actor, json_t *doc, json_t *list, prepared *out, sh_err *err)
{
    json_t *seen = json_object();
    int rc = 0;
    for (size_t i = 0; i < json_array_size(list) && !rc; i++) {
        prepared *p = &out[i];
        rc = sh_epcis_check_event(db, actor, json_array_get(list, i), i, &p->ev, err);
        if (!rc)
            rc = sh_epcis_event_hash(p->ev.json, json_object_get(doc, "@context"), p->hash, NULL, err);
        if (rc)
            break;
        if (p->ev.error_reason) {
            snprintf(p->id, sizeof p->id, "%s#errorDeclaration", p->ev.event_id);
            rc = check_declared(db, actor, &p->ev, i, err);
        } else if (p->ev.event_id) {
            snprintf(p->id, sizeof p->id, "%s", p->ev.event_id);
        } else {
            sh_epcis_event_id(p->hash, p->id, sizeof p->id);
        }
        if (!rc)
            rc = already_captured(db, p->id, i, seen, err);
    }
    json_decref(seen);
    return rc;
}

static int store_identifiers(sh_db *db, int64_t row, json_t *ev, sh_err *err)
{
    int rc = 0;
    json_t *parent = json_object_get(ev, "parentID");
    for (size_t l = 0; l <= SH_EPCIS_NLISTS && !rc; l++) {
        json_t *list = l < SH_EPCIS_NLISTS ? json_object_get(ev, SH_EPCIS_LISTS[l].field) : NULL;
        size_t n = l < SH_EPCIS_NLISTS ? json_array_size(list) : parent ? 1 : 0;
        for (size_t k = 0; k < n && !rc; k++) {
            json_t *item = list ? json_array_get(list, k) : parent;
            int q = l < SH_EPCIS_NLISTS && SH_EPCIS_LISTS[l].quantities;
            sh_stmt *st = sh_db_prepare(db, "INSERT INTO epcis_event_epcs(event_id, epc, role, quantity, uom) VALUES (?, ?, ?, ?, ?)", err);
            if (!st)
                return SH_EINTERNAL;
            sh_bind_int64(st, 1, row);
            sh_bind_text(st, 2, json_string_value(q ? json_object_get(item, "epcClass") : item));
            sh_bind_text(st, 3, l < SH_EPCIS_NLISTS ? SH_EPCIS_LISTS[l].role : "parent");
            json_t *qty = q ? json_object_get(item, "quantity") : NULL;
            if (qty)
                sh_bind_double(st, 4, json_number_value(qty));
            else
                sh_bind_null(st, 4);
            sh_bind_text_or_null(st, 5, q ? json_string_value(json_object_get(item, "uom")) : NULL);
            rc = sh_stmt_run(st, err);
        }
    }
    return rc;
}

static int store_parties(sh_db *db, int64_t row, json_t *ev, sh_err *err)
{
    static const char *const SIDES[][3] = {{"sourceList", "source", "source"}, {"destinationList", "destination", "destination"}};
    int rc = 0;
    for (int s = 0; s < 2 && !rc; s++) {
        size_t k;
        json_t *item;
        json_array_foreach(json_object_get(ev, SIDES[s][0]), k, item)
        {
            const char *type = json_string_value(json_object_get(item, "type")), *party = json_string_value(json_object_get(item, SIDES[s][2]));
            const char *word = sh_cbv_short("sdt", type);
            sh_stmt *st = sh_db_prepare(db, "INSERT INTO epcis_event_parties(event_id, side, type, party, entity_id) VALUES (?, ?, ?, ?, ?)", err);
            if (!st)
                return SH_EINTERNAL;
            sh_bind_int64(st, 1, row);
            sh_bind_text(st, 2, SIDES[s][1]);
            sh_bind_text(st, 3, word ? word : type);
            sh_bind_text(st, 4, party);
            sh_bind_int64_or_null(st, 5, sh_epcis_party_entity(db, party));
            if ((rc = sh_stmt_run(st, err)) != 0)
                break;
        }
    }
    return rc;
}

static int store_event(sh_db *db, int64_t job, const prepared *p, int64_t now, sh_err *err)
{
    const sh_epcis_event *ev = &p->ev;
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO epcis_events(event_id, event_hash, event_type, action, event_time, event_time_ms, time_zone,"
                                " record_time_ms, biz_step, disposition, read_point, biz_location, entity_id, division_code, capture_job_id,"
                                " error_reason, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    char *document = json_dumps(ev->json, JSON_COMPACT);
    sh_bind_text(st, 1, p->id);
    sh_bind_text(st, 2, p->hash);
    sh_bind_text(st, 3, ev->type);
    sh_bind_text_or_null(st, 4, ev->action);
    sh_bind_text(st, 5, ev->time);
    sh_bind_int64(st, 6, ev->time_ms);
    sh_bind_text(st, 7, ev->tz);
    sh_bind_int64(st, 8, now);
    sh_bind_text_or_null(st, 9, ev->biz_step);
    sh_bind_text_or_null(st, 10, ev->disposition);
    sh_bind_text_or_null(st, 11, ev->read_point);
    sh_bind_text_or_null(st, 12, ev->biz_location);
    sh_bind_int64_or_null(st, 13, ev->entity_id);
    sh_bind_text(st, 14, ev->division);
    sh_bind_int64(st, 15, job);
    sh_bind_text_or_null(st, 16, ev->error_reason);
    sh_bind_text(st, 17, document);
    int64_t row = 0;
    int rc = sh_stmt_insert_id(st, &row, err);
    free(document);
    if (!rc)
        rc = store_identifiers(db, row, ev->json, err);
    if (!rc)
        rc = store_parties(db, row, ev->json, err);
    char ref[40];
    snprintf(ref, sizeof ref, "epcis_event:%lld", (long long)row);
    if (!rc)
        rc = sh_ledger_append_hex(db, "event", ref, p->hash, NULL, err);
    if (!rc && ev->error_reason) { /* the corrected event is marked, never edited */
        sh_stmt *u = sh_db_prepare(db, "UPDATE epcis_events SET corrected_by = ? WHERE event_id = ? AND corrected_by IS NULL", err);
        if (!u)
            return SH_EINTERNAL;
        sh_bind_text(u, 1, p->id);
        sh_bind_text(u, 2, ev->event_id);
        rc = sh_stmt_run(u, err);
    }
    return rc;
}

int sh_epcis_capture_in_tx(sh_db *db, const sh_principal *actor, json_t *doc, json_t **ret, sh_err *err)
{
    json_t *list = NULL;
    int rc = check_document(doc, &list, err);
    if (rc)
        return rc;
    size_t n = json_array_size(list);
    prepared *p = calloc(n, sizeof *p);
    if (!p)
        return sh_fail(err, SH_EINTERNAL, "", "内存不足 (out of memory)");
    rc = prepare_all(db, actor, doc, list, p, err);
    if (!rc)
        rc = sh_epcis_schema_check(doc, err);
    int64_t now = sh_now_ms(), job = 0;
    if (!rc) {
        sh_stmt *st = sh_db_prepare(db, "INSERT INTO epcis_capture_jobs(entity_id, user_id, division_code, status, event_count, created_at)"
                                        " VALUES (?, ?, ?, 'done', ?, ?) RETURNING id", err);
        if (!st) {
            rc = SH_EINTERNAL;
        } else {
            sh_bind_int64_or_null(st, 1, actor->role == SH_ROLE_BUSINESS ? actor->entity_id : 0);
            sh_bind_int64_or_null(st, 2, actor->user_id);
            sh_bind_text(st, 3, actor->role == SH_ROLE_BUSINESS ? p[0].ev.division : actor->division_code);
            sh_bind_int64(st, 4, (int64_t)n);
            sh_bind_int64(st, 5, now);
            rc = sh_stmt_insert_id(st, &job, err);
        }
    }
    for (size_t i = 0; i < n && !rc; i++)
        rc = store_event(db, job, &p[i], now, err);
    if (!rc) {
        json_t *after = json_pack("{s:I}", "events", (json_int_t)n);
        rc = sh_audit(db, actor, "capture", "epcis_capture", job, NULL, after, err);
        json_decref(after);
    }
    if (rc == 0) {
        json_t *ids = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(ids, json_string(p[i].id));
        *ret = json_pack("{s:I, s:b, s:b, s:I, s:o}", "captureID", (json_int_t)job, "running", 0, "success", 1, "eventCount", (json_int_t)n,
                         "eventIDs", ids);
    }
    free(p);
    return rc;
}

int sh_epcis_capture(sh_db *db, const sh_principal *actor, json_t *doc, json_t **ret, sh_err *err)
{
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    json_t *out = NULL;
    rc = sh_db_finish(db, sh_epcis_capture_in_tx(db, actor, doc, &out, err), err);
    if (rc == 0)
        *ret = out;
    else
        json_decref(out);
    return rc;
}

int sh_epcis_capture_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT coalesce(entity_id, 0), division_code, status, event_count, errors, created_at"
                                    " FROM epcis_capture_jobs WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err) == SH_ROW ? 0 : SH_ENOTFOUND;
    if (rc == 0 && (actor->role == SH_ROLE_BUSINESS ? sh_col_int64(st, 0) != actor->entity_id
                                                     : !sh_scope_covers_division(&actor->scope, sh_col_text(st, 1))))
        rc = SH_ENOTFOUND;
    if (rc == 0) {
        char when[40];
        sh_epcis_time_utc(sh_col_int64(st, 5), when, sizeof when);
        json_t *errors = sh_col_is_null(st, 4) ? json_array() : json_loads(sh_col_text(st, 4), 0, NULL);
        *ret = json_pack("{s:I, s:s, s:b, s:b, s:I, s:o}", "captureID", (json_int_t)id, "createdAt", when, "running", 0, "success",
                         !strcmp(sh_col_text(st, 2), "done"), "eventCount", (json_int_t)sh_col_int64(st, 3), "errors",
                         errors ? errors : json_array());
    }
    sh_stmt_done(st);
    return rc == SH_ENOTFOUND ? sh_fail(err, SH_ENOTFOUND, "id", "采集任务不存在 (no such capture job)") : rc;
}
