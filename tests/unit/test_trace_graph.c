/* Tracing over stored events (domain/trace/trace_graph.c): a pig from the farm (ear tag) to the
 * slaughterhouse, cut into a lot that travels on a pallet to the wholesale market, which sells it to two
 * restaurants — one recording the shipment, the other only its receipt. Around it: another farm's pig at
 * another slaughterhouse, a second lot on the same pallet, and a shipment corrected by an error
 * declaration. Forward from the ear tag finds exactly the downstream businesses by tier; backward from
 * the restaurant's lot finds exactly the upstream ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "domain/trace/trace_graph.h"
#include "testutil.h"

static sh_db *db;

#define TAG "urn:shian:eartag:360799000000001"
#define TAG2 "urn:shian:eartag:360799000000002"
#define LOT "urn:epc:class:lgtin:6901234.00001.L20261201"
#define LOT_B "urn:epc:class:lgtin:6901234.00002.L20261201"
#define PALLET "urn:epc:id:sscc:6901234.0000000001"

static void exec(const char *sql)
{
    sh_err err = {0};
    if (sh_db_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
}

/* An event: id, type, action, step, capturer (0 none), time (minutes after the first). */
static void event(int id, const char *type, const char *action, const char *step, int by, int minute)
{
    char sql[700], act[16] = "NULL", capturer[16] = "NULL";
    if (action)
        snprintf(act, sizeof act, "'%s'", action);
    if (by)
        snprintf(capturer, sizeof capturer, "%d", by);
    snprintf(sql, sizeof sql,
             "INSERT INTO epcis_events(id, event_id, event_hash, event_type, action, event_time, event_time_ms, time_zone,"
             " record_time_ms, biz_step, entity_id, division_code, capture_job_id, document) VALUES (%d, 'urn:uuid:e%d', 'h%d', '%s', %s,"
             " '2026-12-01T08:00:00+08:00', %lld, '+08:00', 0, '%s', %s, '360799101000', 1, '{}')",
             id, id, id, type, act, 1764547200000LL + minute * 60000LL, step, capturer);
    exec(sql);
}

static void epc(int event, const char *e, const char *role)
{
    char sql[300];
    snprintf(sql, sizeof sql, "INSERT INTO epcis_event_epcs(event_id, epc, role, quantity, uom) VALUES (%d, '%s', '%s', 20, 'KGM')", event, e, role);
    exec(sql);
}

static void party(int event, const char *side, int entity)
{
    char sql[300];
    snprintf(sql, sizeof sql,
             "INSERT INTO epcis_event_parties(event_id, side, type, party, entity_id) VALUES (%d, '%s', 'owning_party', 'urn:shian:entity:%d', %d)",
             event, side, entity, entity);
    exec(sql);
}

static int setup(void **state)
{
    (void)state;
    db = fixture_db();
    if (!db)
        return -1;
    exec("INSERT INTO entities(id, kind, name, division_code, created_at, updated_at) VALUES"
         " (1, 'producer', '梅林生猪养殖场', '360799101201', 0, 0), (2, 'producer', '青禾定点屠宰场', '360799101201', 0, 0),"
         " (3, 'seller', '青禾农产品批发市场', '360799101201', 0, 0), (4, 'caterer', '梅林饭店', '360799101201', 0, 0),"
         " (5, 'caterer', '青石食府', '360799102201', 0, 0), (6, 'producer', '青石养殖场', '360799102201', 0, 0),"
         " (7, 'producer', '青石屠宰场', '360799102201', 0, 0), (8, 'caterer', '错发餐馆', '360799102201', 0, 0),"
         " (9, 'caterer', '另一批次餐馆', '360799102201', 0, 0);"
         "INSERT INTO epcis_capture_jobs(id, division_code, status, event_count, created_at) VALUES (1, '360799', 'done', 0, 0);");
    /* the pig: commissioned at the farm, shipped to the slaughterhouse */
    event(1, "ObjectEvent", "ADD", "commissioning", 1, 0);
    epc(1, TAG, "epc");
    event(2, "ObjectEvent", "OBSERVE", "shipping", 1, 10);
    epc(2, TAG, "epc");
    party(2, "source", 1);
    party(2, "destination", 2);
    /* slaughtered into the lot, packed on the pallet with another lot, shipped to the market */
    event(3, "TransformationEvent", NULL, "killing", 2, 20);
    epc(3, TAG, "input");
    epc(3, LOT, "output");
    event(4, "AggregationEvent", "ADD", "packing", 2, 30);
    epc(4, PALLET, "parent");
    epc(4, LOT, "child");
    epc(4, LOT_B, "child");
    event(5, "ObjectEvent", "OBSERVE", "shipping", 2, 40);
    epc(5, PALLET, "epc");
    party(5, "source", 2);
    party(5, "destination", 3);
    /* the market sells the lot to one restaurant (shipment) and another records receiving it */
    event(6, "ObjectEvent", "OBSERVE", "shipping", 3, 50);
    epc(6, LOT, "epc");
    party(6, "source", 3);
    party(6, "destination", 4);
    event(7, "ObjectEvent", "OBSERVE", "receiving", 5, 60);
    epc(7, LOT, "epc");
    party(7, "source", 3);
    /* the other lot of the pallet goes elsewhere: not the tagged pig's downstream */
    event(8, "ObjectEvent", "OBSERVE", "shipping", 3, 55);
    epc(8, LOT_B, "epc");
    party(8, "source", 3);
    party(8, "destination", 9);
    /* a shipment to a restaurant that an error declaration corrected */
    event(9, "ObjectEvent", "OBSERVE", "shipping", 3, 58);
    epc(9, LOT, "epc");
    party(9, "source", 3);
    party(9, "destination", 8);
    exec("UPDATE epcis_events SET corrected_by = 'urn:uuid:e99' WHERE id = 9");
    /* another farm's pig at another slaughterhouse */
    event(10, "ObjectEvent", "OBSERVE", "shipping", 6, 5);
    epc(10, TAG2, "epc");
    party(10, "source", 6);
    party(10, "destination", 7);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sh_db_close(db);
    return 0;
}

/* "entity:tier" of each party reached, in the walk's order (by tier, then time). */
static void parties_are(json_t *walk, const char *expected)
{
    char got[200] = "";
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(walk, "parties"), i, p)
    {
        char one[24];
        snprintf(one, sizeof one, "%s%lld:%lld", i ? " " : "", (long long)json_integer_value(json_object_get(p, "entity_id")),
                 (long long)json_integer_value(json_object_get(p, "tier")));
        strncat(got, one, sizeof got - strlen(got) - 1);
    }
    assert_string_equal(got, expected);
}

static void forward_from_the_farm_reaches_everyone_downstream_by_tier(void **state)
{
    (void)state;
    json_t *w = NULL;
    sh_err err = {0};
    assert_int_equal(sh_trace_walk(db, TAG, 0, SH_TRACE_FORWARD, &w, &err), 0);
    assert_int_equal(json_integer_value(json_object_get(w, "holder_id")), 1);
    /* slaughterhouse 1 away, market 2 (on the pallet), the two restaurants 3; not the other lot's buyer,
     * not the corrected shipment's, not the other farm's chain */
    parties_are(w, "2:1 3:2 4:3 5:3");
    assert_false(json_is_true(json_object_get(w, "truncated")));
    size_t n = json_array_size(json_object_get(w, "events"));
    for (size_t i = 1; i < n; i++)
        assert_true(json_integer_value(json_object_get(json_array_get(json_object_get(w, "events"), i - 1), "event_time_ms")) <=
                    json_integer_value(json_object_get(json_array_get(json_object_get(w, "events"), i), "event_time_ms")));
    json_decref(w);
}

static void forward_from_the_market_only_its_own_buyers(void **state)
{
    (void)state;
    json_t *w = NULL;
    sh_err err = {0};
    assert_int_equal(sh_trace_walk(db, LOT, 3, SH_TRACE_FORWARD, &w, &err), 0);
    parties_are(w, "4:1 5:1");
    json_decref(w);
}

static void backward_from_a_restaurant_reaches_the_farm(void **state)
{
    (void)state;
    json_t *w = NULL;
    sh_err err = {0};
    assert_int_equal(sh_trace_walk(db, LOT, 4, SH_TRACE_BACKWARD, &w, &err), 0);
    /* the market, the slaughterhouse (the pallet's sender), the farm (the pig's) */
    parties_are(w, "3:1 2:2 1:3");
    json_decref(w);
    /* the restaurant that only recorded its receipt is traced back the same way */
    assert_int_equal(sh_trace_walk(db, LOT, 5, SH_TRACE_BACKWARD, &w, &err), 0);
    parties_are(w, "3:1 2:2 1:3");
    json_decref(w);
}

static void a_bad_identifier_is_refused(void **state)
{
    (void)state;
    json_t *w = NULL;
    sh_err err = {0};
    assert_int_equal(sh_trace_walk(db, "lot 42", 0, SH_TRACE_FORWARD, &w, &err), SH_EINVAL);
    assert_string_equal(err.field, "epc");
    assert_false(sh_trace_epc_valid("urn:epc:class:lgtin:690 1234"));
    assert_true(sh_trace_epc_valid(LOT));
    /* nothing known of it: an empty walk, not an error */
    assert_int_equal(sh_trace_walk(db, "urn:shian:eartag:360799000000099", 0, SH_TRACE_FORWARD, &w, &err), 0);
    parties_are(w, "");
    json_decref(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(forward_from_the_farm_reaches_everyone_downstream_by_tier),
        cmocka_unit_test(forward_from_the_market_only_its_own_buyers),
        cmocka_unit_test(backward_from_a_restaurant_reaches_the_farm),
        cmocka_unit_test(a_bad_identifier_is_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
