/* The demo county's pork chain (demo_trace.h): built as the businesses would send it, EPCIS documents
 * through sh_epcis_capture_in_tx, so the demo's events are checked, hashed and logged as real ones. */
#include "demo/demo_trace.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/rng.h"
#include "core/timeutil.h"
#include "domain/base/principal.h"
#include "domain/trace/epcis.h"

enum { STREAM_TRACE = 31 };
#define HOUR_MS 3600000LL

typedef struct chain {
    int64_t abattoir, sellers[2], restaurants[3];
    char county[7], division[13], epc[40];
    int64_t day0; /* 00:00 Beijing of the first day */
} chain;

static int64_t first_id(sh_db *db, const char *sql, const char *arg, int64_t skip1, int64_t skip2)
{
    sh_stmt *st = sh_db_prepare(db, sql, NULL);
    if (!st)
        return 0;
    int k = 1;
    if (arg)
        sh_bind_text(st, k++, arg);
    sh_bind_int64(st, k++, skip1);
    sh_bind_int64(st, k, skip2);
    int64_t id = sh_stmt_step(st, NULL) == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    return id;
}

/* The abattoir: the county's meat producer (else any producer); two sellers of its township (else of
 * the county); three restaurants of the county. 0 when the demo is too small for a chain. */
static int pick(sh_db *db, chain *c)
{
    c->abattoir = first_id(db, "SELECT id FROM entities WHERE kind = 'producer' AND status = 'active' AND id NOT IN (?, ?)"
                               " ORDER BY CASE WHEN name LIKE '%肉%' THEN 0 ELSE 1 END, id LIMIT 1", NULL, 0, 0);
    if (!c->abattoir)
        return 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT division_code FROM entities WHERE id = ?", NULL);
    if (!st)
        return 0;
    sh_bind_int64(st, 1, c->abattoir);
    if (sh_stmt_step(st, NULL) == SH_ROW)
        snprintf(c->division, sizeof c->division, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    snprintf(c->county, sizeof c->county, "%.6s", c->division);
    char township[10];
    snprintf(township, sizeof township, "%.9s", c->division);
    for (int i = 0; i < 2; i++) {
        c->sellers[i] = first_id(db, "SELECT id FROM entities WHERE kind = 'seller' AND status = 'active' AND substr(division_code, 1, 9) = ?"
                                     " AND id NOT IN (?, ?) ORDER BY id LIMIT 1", township, c->sellers[0], 0);
        if (!c->sellers[i])
            c->sellers[i] = first_id(db, "SELECT id FROM entities WHERE kind = 'seller' AND status = 'active' AND id NOT IN (?, ?)"
                                         " ORDER BY id LIMIT 1", NULL, c->sellers[0], 0);
    }
    for (int i = 0; i < 3; i++)
        c->restaurants[i] = first_id(db, "SELECT id FROM entities WHERE kind = 'caterer' AND status = 'active' AND id NOT IN (?, ?)"
                                         " ORDER BY id LIMIT 1", NULL, i > 0 ? c->restaurants[0] : 0, i > 1 ? c->restaurants[1] : 0);
    return c->sellers[0] && c->sellers[1] && c->restaurants[0] && c->restaurants[1] && c->restaurants[2];
}

static json_t *party_list(const char *key, int64_t entity)
{
    char uri[40];
    snprintf(uri, sizeof uri, "urn:shian:entity:%lld", (long long)entity);
    return json_pack("[{s:s, s:s}]", "type", "owning_party", key, uri);
}

static json_t *place(int64_t entity)
{
    char uri[40];
    snprintf(uri, sizeof uri, "urn:shian:entity:%lld", (long long)entity);
    return json_pack("{s:s}", "id", uri);
}

/* An event at hour h of the chain (hours from day0), at entity's place. */
static json_t *event(const chain *c, const char *type, double h, const char *step, int64_t at)
{
    char when[40];
    sh_epcis_time_utc(c->day0 + (int64_t)(h * HOUR_MS), when, sizeof when);
    json_t *e = json_pack("{s:s, s:s, s:s, s:s, s:o}", "type", type, "eventTime", when, "eventTimeZoneOffset", "+08:00", "bizStep", step,
                          "bizLocation", place(at));
    if (strcmp(type, "TransformationEvent"))
        json_object_set_new(e, "action", json_string(!strcmp(step, "commissioning") ? "ADD" : "OBSERVE"));
    return e;
}

static json_t *lot(const chain *c, double kg) { return json_pack("[{s:s, s:f, s:s}]", "epcClass", c->epc, "quantity", kg, "uom", "KGM"); }

/* from ships kg of the lot to `to`, who receives it an hour later with its purchase-inspection record. */
static void ship(const chain *c, json_t *from_events, json_t *to_events, double h, int64_t from, int64_t to, double kg, int record)
{
    json_t *s = event(c, "ObjectEvent", h, "shipping", from);
    json_object_set_new(s, "disposition", json_string("in_transit"));
    json_object_set_new(s, "quantityList", lot(c, kg));
    json_object_set_new(s, "sourceList", party_list("source", from));
    json_object_set_new(s, "destinationList", party_list("destination", to));
    /* the cold chain: the truck's temperature on the way */
    json_object_set_new(s, "sensorElementList", json_pack("[{s:[{s:s, s:f, s:s}]}]", "sensorReport", "type", "gs1:Temperature", "value",
                                                          2.5 + (double)(to % 10) / 10, "uom", "CEL"));
    json_array_append_new(from_events, s);
    json_t *r = event(c, "ObjectEvent", h + 1, "receiving", to);
    json_object_set_new(r, "disposition", json_string("in_progress"));
    json_object_set_new(r, "quantityList", lot(c, kg));
    json_object_set_new(r, "sourceList", party_list("source", from));
    json_object_set_new(r, "destinationList", party_list("destination", to));
    char btx[64];
    snprintf(btx, sizeof btx, "urn:shian:purchase-inspection:%lld-%d", (long long)to, record);
    json_object_set_new(r, "bizTransactionList", json_pack("[{s:s, s:s}]", "type", "recadv", "bizTransaction", btx));
    json_array_append_new(to_events, r);
}

static int capture(sh_db *db, json_t *events, sh_err *err)
{
    sh_principal system;
    sh_principal_system(&system);
    char created[32];
    sh_epcis_time_utc(sh_now_ms(), created, sizeof created);
    json_t *doc = json_pack("{s:[s], s:s, s:s, s:s, s:{s:o}}", "@context", "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                            "type", "EPCISDocument", "schemaVersion", "2.0", "creationDate", created, "epcisBody", "eventList", events);
    json_t *out = NULL;
    int rc = sh_epcis_capture_in_tx(db, &system, doc, &out, err);
    json_decref(out);
    json_decref(doc);
    return rc;
}

static int insert_code(sh_db *db, const chain *c, const char *code, int64_t now, sh_err *err)
{
    char batch[16], produced[11];
    int y, m, d;
    sh_civil_from_days(sh_beijing_days(c->day0), &y, &m, &d);
    snprintf(batch, sizeof batch, "B%04d%02d%02d", y, m, d);
    snprintf(produced, sizeof produced, "%04d-%02d-%02d", y, m, d);
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO trace_codes(code, kind, epc, entity_id, division_code, product, batch, produced_on, quantity,"
                                    " uom, created_at) VALUES (?, 'lot', ?, ?, ?, '鲜猪肉（白条）', ?, ?, 850.5, 'KGM', ?)", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    sh_bind_text(st, 2, c->epc);
    sh_bind_int64(st, 3, c->abattoir);
    sh_bind_text(st, 4, c->division);
    sh_bind_text(st, 5, batch);
    sh_bind_text(st, 6, produced);
    sh_bind_int64(st, 7, c->day0 + 8 * HOUR_MS);
    (void)now;
    return sh_stmt_run(st, err);
}

int sh_demo_trace(sh_db *db, uint64_t seed, char *ret_code, sh_err *err)
{
    chain c = {0};
    if (!pick(db, &c))
        return 0;
    sh_rng r;
    sh_rng_init(&r, seed, STREAM_TRACE, 0);
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    char code[13];
    for (int i = 0; i < 12; i++)
        code[i] = alphabet[sh_rng_below(&r, (long)sizeof alphabet - 1)];
    code[12] = '\0';
    snprintf(c.epc, sizeof c.epc, "urn:shian:product:%s", code);
    int64_t now = sh_now_ms();
    c.day0 = sh_beijing_day_start_ms(sh_beijing_days(now) - 3);
    int rc = insert_code(db, &c, code, now, err);
    /* the abattoir: the pigs in with their ear tags and quarantine certificate, killed into the lot, shipped */
    json_t *abattoir = json_array(), *sellers[2] = {json_array(), json_array()}, *restaurants = json_array();
    json_t *tags = json_array();
    for (int i = 0; i < 10; i++) {
        char tag[40];
        snprintf(tag, sizeof tag, "urn:shian:eartag:1%s%08ld", c.county, 20000 + sh_rng_below(&r, 1000) * 10 + i);
        json_array_append_new(tags, json_string(tag));
    }
    char cert[40];
    snprintf(cert, sizeof cert, "urn:shian:quarantine:A%s%06ld", c.county, sh_rng_below(&r, 1000000));
    json_t *in = event(&c, "ObjectEvent", 5, "receiving", c.abattoir);
    json_object_set_new(in, "epcList", json_deep_copy(tags));
    json_object_set_new(in, "sourceList", json_pack("[{s:s, s:s}]", "type", "owning_party", "source", "urn:epc:id:pgln:6942000.00017"));
    json_object_set_new(in, "destinationList", party_list("destination", c.abattoir));
    json_object_set_new(in, "certificationInfo", json_string(cert));
    json_array_append_new(abattoir, in);
    json_t *kill = event(&c, "TransformationEvent", 7, "killing", c.abattoir);
    json_object_set_new(kill, "inputEPCList", tags);
    json_object_set_new(kill, "outputQuantityList", lot(&c, 850.5));
    json_object_set_new(kill, "certificationInfo", json_string(cert));
    json_array_append_new(abattoir, kill);
    ship(&c, abattoir, sellers[0], 22, c.abattoir, c.sellers[0], 300, 1);
    ship(&c, abattoir, sellers[1], 22.5, c.abattoir, c.sellers[1], 250, 1);
    /* the sellers sell to the restaurants the next morning */
    ship(&c, sellers[0], restaurants, 30, c.sellers[0], c.restaurants[0], 30, 2);
    ship(&c, sellers[0], restaurants, 30.5, c.sellers[0], c.restaurants[1], 20, 2);
    ship(&c, sellers[1], restaurants, 31, c.sellers[1], c.restaurants[2], 25, 2);
    if (!rc)
        rc = capture(db, abattoir, err);
    else
        json_decref(abattoir);
    for (int i = 0; i < 2; i++) {
        if (!rc)
            rc = capture(db, sellers[i], err);
        else
            json_decref(sellers[i]);
    }
    if (!rc)
        rc = capture(db, restaurants, err);
    else
        json_decref(restaurants);
    if (rc == 0 && ret_code)
        memcpy(ret_code, code, 13);
    return rc;
}
