/* The simple event query of EPCIS 2.0 (epcis.h): filters on the stored columns, keyset pages in time
 * order, each event returned as captured with its eventID and recordTime, and a corrected event with
 * the errorDeclaration that corrects it. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/trace/epcis_int.h"
#include "store/qb.h"
#include "store/scope.h"

void sh_epcis_time_utc(int64_t ms, char *out, size_t cap)
{
    time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
             (int)(((ms % 1000) + 1000) % 1000));
}

/* Events the actor sees: a business those it captured or is a party of; officials their jurisdiction's. */
static void visible(sh_qb *qb, const sh_principal *actor)
{
    if (actor->role == SH_ROLE_BUSINESS) {
        int64_t me = actor->entity_id > 0 ? actor->entity_id : -1;
        sh_qb_sql(qb, " AND (e.entity_id = ");
        sh_qb_int64(qb, me);
        sh_qb_sql(qb, " OR e.id IN (SELECT p.event_id FROM epcis_event_parties p WHERE p.entity_id = ");
        sh_qb_int64(qb, me);
        sh_qb_sql(qb, "))");
    } else {
        sh_scope_division_column(qb, &actor->scope, "e.division_code");
    }
}

static int time_param(const char *name, const char *text, int64_t *ms, sh_err *err)
{
    if (text && sh_parse_time(text, ms) != 0)
        return sh_fail(err, SH_EINVAL, name, "时间应为ISO 8601，如 2026-11-18T00:00:00+08:00 (must be an ISO 8601 time)");
    return 0;
}

int sh_epcis_page_token_parse(const char *text, int64_t *time_ms, int64_t *id, sh_err *err)
{
    char tail;
    long long t, i;
    if (text && (sscanf(text, "%lld.%lld%c", &t, &i, &tail) != 2 || i <= 0))
        return sh_fail(err, SH_EINVAL, "nextPageToken", "翻页标记无效，请从第一页重新查询 (not a page token of this server)");
    *time_ms = text ? t : 0;
    *id = text ? i : 0;
    return 0;
}

static json_t *event_json(sh_db *db, sh_stmt *st)
{
    json_t *ev = json_loads(sh_col_text(st, 1), 0, NULL);
    if (!ev)
        return NULL;
    char when[40];
    json_object_set_new(ev, "eventID", json_string(sh_col_text(st, 2)));
    sh_epcis_time_utc(sh_col_int64(st, 3), when, sizeof when);
    json_object_set_new(ev, "recordTime", json_string(when));
    if (!sh_col_is_null(st, 4)) { /* the declaration that corrects it */
        sh_stmt *d = sh_db_prepare(db, "SELECT document FROM epcis_events WHERE event_id = ?", NULL);
        if (d) {
            sh_bind_text(d, 1, sh_col_text(st, 4));
            json_t *decl = sh_stmt_step(d, NULL) == SH_ROW ? json_loads(sh_col_text(d, 0), 0, NULL) : NULL;
            if (decl)
                json_object_set(ev, "errorDeclaration", json_object_get(decl, "errorDeclaration"));
            json_decref(decl);
            sh_stmt_done(d);
        }
    }
    return ev;
}

int sh_epcis_events_query(sh_db *db, const sh_principal *actor, const sh_epcis_query *q, json_t **ret, char **ret_next, sh_err *err)
{
    int64_t ge = 0, lt = 0, after_time = 0, after_id = 0;
    *ret_next = NULL;
    if (time_param("GE_eventTime", q->ge_time, &ge, err) || time_param("LT_eventTime", q->lt_time, &lt, err) ||
        sh_epcis_page_token_parse(q->page_token, &after_time, &after_id, err))
        return SH_EINVAL;
    if (q->per_page < 1 || q->per_page > SH_EPCIS_MAX_PER_PAGE)
        return sh_fail(err, SH_EINVAL, "perPage", "每页条数应为1至%d (perPage must be 1 to %d)", SH_EPCIS_MAX_PER_PAGE, SH_EPCIS_MAX_PER_PAGE);
    static const char *const TYPES[] = {"ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"};
    int known = !q->event_type;
    for (size_t t = 0; t < 5 && !known; t++)
        known = !strcmp(TYPES[t], q->event_type);
    if (!known)
        return sh_fail(err, SH_EINVAL, "eventType", "事件类型应为EPCIS 2.0的五种事件之一 (not an EPCIS 2.0 event type)");
    if (q->match_epc && strlen(q->match_epc) > 200)
        return sh_fail(err, SH_EINVAL, "MATCH_epc", "标识过长 (identifier too long)");
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT e.id, e.document, e.event_id, e.record_time_ms, e.corrected_by, e.event_time_ms FROM epcis_events e"
                   " WHERE e.error_reason IS NULL");
    visible(&qb, actor);
    const char *step = q->biz_step ? sh_cbv_short("bizStep", q->biz_step) : NULL;
    const char *disp = q->disposition ? sh_cbv_short("disposition", q->disposition) : NULL;
    const struct { const char *col, *value; } EQ[] = {{"e.event_type", q->event_type}, {"e.biz_step", step ? step : q->biz_step},
                                                      {"e.disposition", disp ? disp : q->disposition}, {"e.biz_location", q->biz_location}};
    for (size_t k = 0; k < sizeof EQ / sizeof *EQ; k++)
        if (EQ[k].value) {
            sh_qb_sql(&qb, " AND ");
            sh_qb_sql(&qb, EQ[k].col);
            sh_qb_sql(&qb, " = ");
            sh_qb_text(&qb, EQ[k].value);
        }
    if (q->match_epc) {
        sh_qb_sql(&qb, " AND e.id IN (SELECT x.event_id FROM epcis_event_epcs x WHERE x.epc = ");
        sh_qb_text(&qb, q->match_epc);
        sh_qb_sql(&qb, ")");
    }
    if (q->ge_time) {
        sh_qb_sql(&qb, " AND e.event_time_ms >= ");
        sh_qb_int64(&qb, ge);
    }
    if (q->lt_time) {
        sh_qb_sql(&qb, " AND e.event_time_ms < ");
        sh_qb_int64(&qb, lt);
    }
    if (q->page_token) { /* after the last of the page before, in the order asked */
        sh_qb_sql(&qb, q->newest_first ? " AND (e.event_time_ms < " : " AND (e.event_time_ms > ");
        sh_qb_int64(&qb, after_time);
        sh_qb_sql(&qb, " OR (e.event_time_ms = ");
        sh_qb_int64(&qb, after_time);
        sh_qb_sql(&qb, q->newest_first ? " AND e.id < " : " AND e.id > ");
        sh_qb_int64(&qb, after_id);
        sh_qb_sql(&qb, "))");
    }
    sh_qb_sql(&qb, q->newest_first ? " ORDER BY e.event_time_ms DESC, e.id DESC LIMIT " : " ORDER BY e.event_time_ms, e.id LIMIT ");
    sh_qb_int64(&qb, q->per_page + 1);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *events = json_array();
    int step_rc;
    int64_t last_time = 0, last_id = 0;
    while ((step_rc = sh_stmt_step(st, err)) == SH_ROW) {
        if ((int64_t)json_array_size(events) == q->per_page) {
            char next[48];
            snprintf(next, sizeof next, "%" PRId64 ".%" PRId64, last_time, last_id);
            *ret_next = strdup(next);
            break;
        }
        json_t *ev = event_json(db, st);
        if (ev)
            json_array_append_new(events, ev);
        last_id = sh_col_int64(st, 0);
        last_time = sh_col_int64(st, 5);
    }
    sh_stmt_done(st);
    if (step_rc < 0) {
        json_decref(events);
        free(*ret_next);
        *ret_next = NULL;
        return step_rc;
    }
    char now[40];
    sh_epcis_time_utc(sh_now_ms(), now, sizeof now);
    *ret = json_pack("{s:[s], s:s, s:s, s:s, s:{s:{s:s, s:{s:o}}}}", "@context", "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                     "type", "EPCISQueryDocument", "schemaVersion", "2.0", "creationDate", now, "epcisBody", "queryResults", "queryName",
                     "SimpleEventQuery", "resultsBody", "eventList", events);
    return 0;
}
