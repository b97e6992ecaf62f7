/* Forward and backward tracing over the events (trace_graph.h). A breadth-first walk over (identifier,
 * holder) pairs: each identifier's events are read once (one indexed query) and kept while the walk
 * lasts; the holder says who has the goods at that point, so a shipment counts only when it leaves
 * (forward) or reaches (backward) that holder. */
#include "domain/trace/trace_graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sh_trace_epc_valid(const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (n < 10 || n > 200 || (strncmp(text, "urn:epc:", 8) && strncmp(text, "urn:shian:", 10)))
        return 0;
    for (const char *p = text; *p; p++)
        if (*p <= ' ' || *p > '~')
            return 0;
    return 1;
}

typedef struct walk {
    sh_db *db;
    sh_trace_dir dir;
    json_t *events_of; /* epc → [event record] read once */
    json_t *events;    /* event id → the event as returned */
    json_t *seen;      /* "epc\nholder" → true */
    json_t *parties;   /* "e<id>" or "p<uri>" → party */
    json_t *queue;     /* [[epc, holder, tier]] */
    int truncated;
} walk;

static json_t *opt_int(int64_t v) { return v ? json_integer(v) : json_null(); }

/* The identifiers of an event in one role (NULL role: all, as {epc, role}). */
static json_t *event_epcs(sh_db *db, int64_t event, const char *role)
{
    sh_stmt *st = sh_db_prepare(db, role ? "SELECT epc, role FROM epcis_event_epcs WHERE event_id = ? AND role = ? ORDER BY epc"
                                         : "SELECT epc, role FROM epcis_event_epcs WHERE event_id = ? ORDER BY role, epc",
                                NULL);
    json_t *out = json_array();
    if (!st)
        return out;
    sh_bind_int64(st, 1, event);
    if (role)
        sh_bind_text(st, 2, role);
    while (sh_stmt_step(st, NULL) == SH_ROW)
        json_array_append_new(out, role ? json_string(sh_col_text(st, 0))
                                        : json_pack("{s:s, s:s}", "epc", sh_col_text(st, 0), "role", sh_col_text(st, 1)));
    sh_stmt_done(st);
    return out;
}

/* [{party, entity_id}] of one side. */
static json_t *event_parties(sh_db *db, int64_t event, const char *side)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT party, coalesce(entity_id, 0) FROM epcis_event_parties WHERE event_id = ? AND side = ? ORDER BY party",
                                NULL);
    json_t *out = json_array();
    if (!st)
        return out;
    sh_bind_int64(st, 1, event);
    sh_bind_text(st, 2, side);
    while (sh_stmt_step(st, NULL) == SH_ROW)
        json_array_append_new(out, json_pack("{s:s, s:o}", "party", sh_col_text(st, 0), "entity_id", opt_int(sh_col_int64(st, 1))));
    sh_stmt_done(st);
    return out;
}

/* The events naming epc, each {id, type, action, step, entity, role, quantity, uom, sources,
 * destinations}, read once per walk; the events themselves are recorded for the answer. */
static json_t *events_naming(walk *w, const char *epc, sh_err *err, int *rc)
{
    json_t *have = json_object_get(w->events_of, epc);
    if (have)
        return have;
    if (json_object_size(w->events_of) >= SH_TRACE_MAX_EPCS) {
        w->truncated = 1;
        return NULL;
    }
    sh_stmt *st = sh_db_prepare(w->db,
                                "SELECT e.id, e.event_id, e.event_type, e.action, e.biz_step, e.event_time, e.event_time_ms,"
                                " coalesce(e.entity_id, 0), x.role, x.quantity, x.uom FROM epcis_event_epcs x"
                                " JOIN epcis_events e ON e.id = x.event_id WHERE x.epc = ? AND e.corrected_by IS NULL"
                                " AND e.error_reason IS NULL ORDER BY e.event_time_ms, e.id",
                                err);
    if (!st) {
        *rc = SH_EINTERNAL;
        return NULL;
    }
    sh_bind_text(st, 1, epc);
    json_t *list = json_array();
    int step;
    while ((step = sh_stmt_step(st, err)) == SH_ROW) {
        int64_t id = sh_col_int64(st, 0);
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)id);
        json_t *ev = json_object_get(w->events, key);
        if (!ev) {
            ev = json_pack("{s:I, s:s, s:s, s:o, s:o, s:s, s:I, s:o}", "id", (json_int_t)id, "event_id", sh_col_text(st, 1), "event_type",
                           sh_col_text(st, 2), "action", sh_col_is_null(st, 3) ? json_null() : json_string(sh_col_text(st, 3)), "biz_step",
                           sh_col_is_null(st, 4) ? json_null() : json_string(sh_col_text(st, 4)), "event_time", sh_col_text(st, 5),
                           "event_time_ms", (json_int_t)sh_col_int64(st, 6), "entity_id", opt_int(sh_col_int64(st, 7)));
            json_object_set_new(ev, "epcs", event_epcs(w->db, id, NULL));
            json_object_set_new(ev, "sources", event_parties(w->db, id, "source"));
            json_object_set_new(ev, "destinations", event_parties(w->db, id, "destination"));
            json_object_set_new(w->events, key, ev);
        }
        json_array_append_new(list, json_pack("{s:O, s:s, s:o, s:o}", "event", ev, "role", sh_col_text(st, 8), "quantity",
                                              sh_col_is_null(st, 9) ? json_null() : json_real(sh_col_double(st, 9)), "uom",
                                              sh_col_is_null(st, 10) ? json_null() : json_string(sh_col_text(st, 10))));
    }
    sh_stmt_done(st);
    if (step < 0) {
        json_decref(list);
        *rc = step;
        return NULL;
    }
    json_object_set_new(w->events_of, epc, list);
    return list;
}

/* Queues epc as held by holder at tier. inner: the lot this container (a pallet) was followed for, so
 * that where the pallet goes the lot goes, without taking in the pallet's other contents. */
static void push(walk *w, const char *epc, int64_t holder, int tier, const char *inner)
{
    char key[240];
    snprintf(key, sizeof key, "%s\n%lld", epc, (long long)holder);
    if (json_object_get(w->seen, key))
        return;
    json_object_set_new(w->seen, key, json_true());
    json_array_append_new(w->queue, json_pack("[s, I, i, s?]", epc, (json_int_t)holder, tier, inner));
}

/* The goods (and the lot inside them) now with another holder. */
static void moved(walk *w, const char *epc, const char *inner, int64_t to, int tier)
{
    push(w, epc, to, tier, inner);
    if (inner)
        push(w, inner, to, tier, NULL);
}

/* The other identifiers of an aggregation or transformation in role. */
static void push_role(walk *w, json_t *ev, const char *role, int64_t holder, int tier, const char *inner)
{
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(ev, "epcs"), i, x) if (!strcmp(json_string_value(json_object_get(x, "role")), role))
        push(w, json_string_value(json_object_get(x, "epc")), holder, tier, inner);
}

/* Records a party reached at tier through ev (the lowest tier wins). */
static void reach(walk *w, json_t *party, int tier, json_t *naming)
{
    int64_t id = json_integer_value(json_object_get(party, "entity_id"));
    char key[240];
    if (id)
        snprintf(key, sizeof key, "e%lld", (long long)id);
    else
        snprintf(key, sizeof key, "p%s", json_string_value(json_object_get(party, "party")));
    json_t *have = json_object_get(w->parties, key);
    if (have && json_integer_value(json_object_get(have, "tier")) <= tier)
        return;
    json_t *ev = json_object_get(naming, "event");
    json_object_set_new(w->parties, key,
                        json_pack("{s:O, s:O, s:i, s:O, s:O, s:O, s:O}", "entity_id", json_object_get(party, "entity_id"), "party",
                                  json_object_get(party, "party"), "tier", tier, "quantity", json_object_get(naming, "quantity"), "uom",
                                  json_object_get(naming, "uom"), "via_event", json_object_get(ev, "event_id"), "at",
                                  json_object_get(ev, "event_time")));
}

/* The business that recorded the event, reached at tier, now holding the goods. */
static void reach_capturer(walk *w, int64_t by, int tier, json_t *naming, const char *epc, const char *inner)
{
    json_t *me = json_pack("{s:I, s:s}", "entity_id", (json_int_t)by, "party", "");
    reach(w, me, tier, naming);
    json_decref(me);
    moved(w, epc, inner, by, tier);
}

static int names_entity(json_t *parties, int64_t id)
{
    size_t i;
    json_t *p;
    json_array_foreach(parties, i, p) if (id && json_integer_value(json_object_get(p, "entity_id")) == id) return 1;
    return 0;
}

static int is_step(json_t *ev, const char *step)
{
    const char *s = json_string_value(json_object_get(ev, "biz_step"));
    if (!s)
        return 0;
    const char *tail = strrchr(s, '-'); /* urn:epcglobal:cbv:bizstep:receiving or https://ref.gs1.org/cbv/BizStep-receiving */
    const char *colon = strrchr(s, ':');
    const char *name = tail && (!colon || tail > colon) ? tail + 1 : colon ? colon + 1 : s;
    return !strcmp(name, step);
}

/* One event naming epc, as the goods at holder move forward. */
static void forward_from(walk *w, const char *epc, const char *inner, int64_t holder, int tier, json_t *naming)
{
    json_t *ev = json_object_get(naming, "event");
    const char *type = json_string_value(json_object_get(ev, "event_type")), *role = json_string_value(json_object_get(naming, "role"));
    const char *action = json_string_value(json_object_get(ev, "action"));
    int64_t by = json_integer_value(json_object_get(ev, "entity_id"));
    json_t *sources = json_object_get(ev, "sources"), *dests = json_object_get(ev, "destinations");
    /* what the holder made of the goods or packed them into; a pallet started from carries its contents */
    int own = !holder || !by || by == holder;
    int aggregation = !strcmp(type, "AggregationEvent") && (!action || strcmp(action, "DELETE"));
    if (own && !strcmp(type, "TransformationEvent") && !strcmp(role, "input"))
        push_role(w, ev, "output", by ? by : holder, tier, NULL);
    else if (own && aggregation && !strcmp(role, "child"))
        push_role(w, ev, "parent", holder, tier, inner ? inner : epc);
    else if (aggregation && !strcmp(role, "parent") && !inner)
        push_role(w, ev, "child", holder, tier, NULL);
    /* a shipment leaving the holder: its destinations are one tier further */
    size_t i;
    json_t *x;
    if (!holder || by == holder || names_entity(sources, holder)) {
        json_array_foreach(dests, i, x)
        {
            int64_t to = json_integer_value(json_object_get(x, "entity_id"));
            if (to && to == holder)
                continue;
            reach(w, x, tier + 1, naming);
            if (to)
                moved(w, epc, inner, to, tier + 1);
        }
    }
    /* a receipt recorded by the one who received it, from the holder */
    if (by && by != holder && (is_step(ev, "receiving") || is_step(ev, "accepting")) && !json_array_size(dests) &&
        (!json_array_size(sources) || names_entity(sources, holder))) {
        reach_capturer(w, by, tier + 1, naming, epc, inner);
    }
}

/* One event naming epc, as the goods at holder are followed back. */
static void backward_from(walk *w, const char *epc, const char *inner, int64_t holder, int tier, json_t *naming)
{
    json_t *ev = json_object_get(naming, "event");
    const char *type = json_string_value(json_object_get(ev, "event_type")), *role = json_string_value(json_object_get(naming, "role"));
    const char *action = json_string_value(json_object_get(ev, "action"));
    int64_t by = json_integer_value(json_object_get(ev, "entity_id"));
    json_t *sources = json_object_get(ev, "sources"), *dests = json_object_get(ev, "destinations");
    /* what the holder made the goods from; whatever packed them (upstream, often) tells how they came */
    int own = !holder || !by || by == holder;
    int aggregation = !strcmp(type, "AggregationEvent") && (!action || strcmp(action, "DELETE"));
    if (own && !strcmp(type, "TransformationEvent") && !strcmp(role, "output"))
        push_role(w, ev, "input", by ? by : holder, tier, NULL);
    else if (aggregation && !strcmp(role, "child"))
        push_role(w, ev, "parent", holder, tier, inner ? inner : epc);
    else if (aggregation && !strcmp(role, "parent") && !inner)
        push_role(w, ev, "child", holder, tier, NULL);
    /* a shipment that reached the holder: its sources are one tier further back */
    size_t i;
    json_t *x;
    if (!holder || names_entity(dests, holder) || (by == holder && json_array_size(sources))) {
        json_array_foreach(sources, i, x)
        {
            int64_t from = json_integer_value(json_object_get(x, "entity_id"));
            if (from && from == holder)
                continue;
            reach(w, x, tier + 1, naming);
            if (from)
                moved(w, epc, inner, from, tier + 1);
        }
    }
    /* a dispatch recorded by the sender alone, to the holder */
    if (by && by != holder && names_entity(dests, holder) && !json_array_size(sources)) {
        reach_capturer(w, by, tier + 1, naming, epc, inner);
    }
}

static int64_t first_holder(sh_db *db, const char *epc, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT coalesce(e.entity_id, 0) FROM epcis_event_epcs x JOIN epcis_events e ON e.id = x.event_id"
                                " WHERE x.epc = ? AND e.corrected_by IS NULL ORDER BY e.event_time_ms, e.id LIMIT 1",
                                err);
    if (!st)
        return 0;
    sh_bind_text(st, 1, epc);
    int64_t id = sh_stmt_step(st, err) == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    return id;
}

static int by_time(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t tx = json_integer_value(json_object_get(x, "event_time_ms")), ty = json_integer_value(json_object_get(y, "event_time_ms"));
    json_int_t ix = json_integer_value(json_object_get(x, "id")), iy = json_integer_value(json_object_get(y, "id"));
    return tx != ty ? (tx < ty ? -1 : 1) : (ix < iy ? -1 : ix > iy);
}

static int by_tier(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t tx = json_integer_value(json_object_get(x, "tier")), ty = json_integer_value(json_object_get(y, "tier"));
    if (tx != ty)
        return tx < ty ? -1 : 1;
    const char *ax = json_string_value(json_object_get(x, "at")), *ay = json_string_value(json_object_get(y, "at"));
    return strcmp(ax ? ax : "", ay ? ay : "");
}

/* The values of an object as an array sorted by cmp. */
static json_t *sorted_values(json_t *obj, int (*cmp)(const void *, const void *))
{
    size_t n = json_object_size(obj), i = 0;
    json_t **v = n ? malloc(n * sizeof *v) : NULL;
    const char *k;
    json_t *x;
    json_object_foreach(obj, k, x) v[i++] = x;
    if (n)
        qsort(v, n, sizeof *v, cmp);
    json_t *out = json_array();
    for (i = 0; i < n; i++)
        json_array_append(out, v[i]);
    free(v);
    return out;
}

int sh_trace_walk(sh_db *db, const char *epc, int64_t holder_entity, sh_trace_dir dir, json_t **ret, sh_err *err)
{
    if (!sh_trace_epc_valid(epc))
        return sh_fail(err, SH_EINVAL, "epc", "标识：应为 urn:epc: 或 urn:shian: 开头的标识 (epc must be an urn:epc: or urn:shian: identifier)");
    walk w = {db, dir, json_object(), json_object(), json_object(), json_object(), json_array(), 0};
    int64_t holder = holder_entity ? holder_entity : first_holder(db, epc, err);
    int rc = 0;
    push(&w, epc, holder, 0, NULL);
    for (size_t at = 0; at < json_array_size(w.queue) && rc == 0 && !w.truncated; at++) {
        json_t *item = json_array_get(w.queue, at);
        const char *e = json_string_value(json_array_get(item, 0));
        int64_t h = json_integer_value(json_array_get(item, 1));
        int tier = (int)json_integer_value(json_array_get(item, 2));
        const char *inner = json_string_value(json_array_get(item, 3));
        json_t *list = events_naming(&w, e, err, &rc);
        size_t i;
        json_t *naming;
        json_array_foreach(list, i, naming)
        {
            if (dir == SH_TRACE_FORWARD)
                forward_from(&w, e, inner, h, tier, naming);
            else
                backward_from(&w, e, inner, h, tier, naming);
        }
    }
    if (rc == 0) {
        *ret = json_pack("{s:s, s:s, s:o, s:o, s:o, s:I, s:b}", "epc", epc, "direction", dir == SH_TRACE_FORWARD ? "forward" : "backward",
                         "holder_id", opt_int(holder), "parties", sorted_values(w.parties, by_tier), "events",
                         sorted_values(w.events, by_time), "epcs_visited", (json_int_t)json_object_size(w.events_of), "truncated",
                         w.truncated);
    }
    json_decref(w.events_of);
    json_decref(w.events);
    json_decref(w.seen);
    json_decref(w.parties);
    json_decref(w.queue);
    return rc;
}
