/* The CBV 2.0 event hash against the reference tool's vectors: the .jsonld documents of tests/examples/ with their
 * expected .hashes of github:RalphTro/epcis-event-hash-generator (MIT) at commit
 * 5d2f1c389a1599af40fe1b530b62e0ca59ab818f, copied to tests/data/epcis/ (see its README).
 * Then: a changed value changes the hash, the order of the JSON members does not, a bad eventTime is
 * refused naming "eventTime". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/trace/event_hash.h"

/* the data directory, found from this file's path so the test runs from any directory above it */
static void data_path(char *out, size_t cap, const char *name)
{
    const char *src = __FILE__;
    const char *slash = strrchr(src, '/');
    int dir = slash ? (int)(slash - src) : 0;
    snprintf(out, cap, "%.*s%s../data/epcis/%s", dir, src, slash ? "/" : "", name);
}

static json_t *load(const char *name)
{
    char path[512];
    data_path(path, sizeof path, name);
    json_error_t je;
    json_t *doc = json_load_file(path, 0, &je);
    if (!doc)
        fail_msg("%s: %s", path, je.text);
    return doc;
}

static const json_t *events_of(const json_t *doc)
{
    const json_t *body = json_object_get(doc, "epcisBody");
    const json_t *list = json_object_get(body, "eventList");
    if (!list)
        list = json_object_get(json_object_get(json_object_get(body, "queryResults"), "resultsBody"), "eventList");
    return list;
}

/* the reference's example documents, each with all its events */
static const char *const examples[] = {
    "CertificationInfoAndSensorReportWithCRS", "ReferenceEventHashAlgorithm", "ReferenceEventHashAlgorithm2",
    "ReferenceEventHashAlgorithm3", "TimeStampRoundOff", "epcisDocHavingEventWithComment", "epcisDocWithAllGS1Keys",
    "epcisDocWithCustomSchemaInContext", "epcisDocWithDefaultSchemaInContext", "epcisDocWithSensorComponent",
    "epcisDocWithSensorDataObjectEvent", "epcisDocWithShippingAndTransportingEvent", "epcisDocWithSingleEvent",
    "epcisDocWithVariousEventTypes", "epcisDocWithXMLstartTagAndErrorDeclaration", "epcisEventWithCURIEs",
    "epcisQueryDocument", "epclist_normalisation", "persistentDisposition", "ralfsChaosExample"};

static int check_example(const char *base, int verbose)
{
    char name[256], path[512];
    snprintf(name, sizeof name, "%s.jsonld", base);
    json_t *doc = load(name);
    snprintf(name, sizeof name, "%s.hashes", base);
    data_path(path, sizeof path, name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    const json_t *list = events_of(doc);
    json_t *single = NULL;
    if (!list) {
        single = json_array();
        json_array_append(single, json_object_get(json_object_get(doc, "epcisBody"), "event"));
        list = single;
    }
    int failures = 0;
    size_t i;
    const json_t *ev;
    json_array_foreach(list, i, ev) {
        char line[256], hex[65], id[96];
        char *pre = NULL;
        sh_err err = {0};
        assert_non_null(fgets(line, sizeof line, f));
        line[strcspn(line, "\r\n")] = '\0';
        assert_int_equal(sh_epcis_event_hash(ev, json_object_get(doc, "@context"), hex, &pre, &err), 0);
        sh_epcis_event_id(hex, id, sizeof id);
        if (strcmp(id, line) != 0) {
            failures++;
            if (verbose)
                fprintf(stderr, "%s #%zu: got %s\n  want %s\n  pre-hash %s\n", base, i, id, line, pre);
        }
        free(pre);
    }
    fclose(f);
    json_decref(single);
    json_decref(doc);
    return failures;
}

static void test_reference_vectors(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++)
        failures += check_example(examples[i], 1);
    assert_int_equal(failures, 0);
}

/* the first event of the reference's single-event example, with its expected pre-hash */
static void test_prehash_string(void **state)
{
    (void)state;
    json_t *doc = load("epcisDocWithSingleEvent.jsonld");
    const json_t *ev = json_array_get(events_of(doc), 0);
    char hex[65], id[96];
    char *pre = NULL;
    assert_int_equal(sh_epcis_event_hash(ev, json_object_get(doc, "@context"), hex, &pre, NULL), 0);
    assert_string_equal(pre, "eventType=ObjectEventeventTime=2022-02-17T02:33:31.116ZeventTimeZoneOffset=-06:00"
                             "epcListepc=https://id.gs1.org/01/10614141073464/21/2017epc=https://id.gs1.org/01/10614141073464/21/2018"
                             "action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-shipping"
                             "disposition=https://ref.gs1.org/cbv/Disp-in_transit"
                             "readPointid=https://id.gs1.org/414/0614141073467/254/1234"
                             "bizTransactionListtype=https://ref.gs1.org/cbv/BTT-pobizTransaction=http://transaction.acme.com/po/12345678");
    sh_epcis_event_id(hex, id, sizeof id);
    assert_string_equal(id, "ni:///sha-256;ffa491b16867e34a7791a8d5389d826afc24e63a121026b6a4004ace38631b4b?ver=CBV2.0");
    free(pre);
    json_decref(doc);
}

static const char *shian_event =
    "{\"type\":\"ObjectEvent\",\"eventTime\":\"2026-03-01T08:15:00.000+08:00\",\"eventTimeZoneOffset\":\"+08:00\","
    "\"epcList\":[\"urn:shian:eartag:123456789012345\",\"urn:epc:id:sgtin:0614141.107346.2017\"],\"action\":\"OBSERVE\","
    "\"bizStep\":\"inspecting\",\"readPoint\":{\"id\":\"urn:epc:id:sgln:0614141.07346.1234\"},"
    "\"bizTransactionList\":[{\"type\":\"po\",\"bizTransaction\":\"urn:shian:po:1\"}],"
    "\"shian:batch\":\"B-7\",\"eventID\":\"urn:uuid:1\",\"recordTime\":\"2026-03-01T00:20:00Z\"}";
static const char *shian_reordered =
    "{\"shian:batch\":\"B-7\",\"recordTime\":\"2026-03-02T00:00:00Z\",\"bizTransactionList\":[{\"bizTransaction\":\"urn:shian:po:1\","
    "\"type\":\"po\"}],\"readPoint\":{\"id\":\"urn:epc:id:sgln:0614141.07346.1234\"},\"bizStep\":\"inspecting\",\"action\":\"OBSERVE\","
    "\"epcList\":[\"urn:epc:id:sgtin:0614141.107346.2017\",\"urn:shian:eartag:123456789012345\"],"
    "\"eventTimeZoneOffset\":\"+08:00\",\"eventTime\":\"2026-03-01T00:15:00Z\",\"type\":\"ObjectEvent\"}";

static void hash_of(const char *js, char hex[65], char **pre)
{
    json_t *ev = json_loads(js, 0, NULL);
    json_t *ctx = json_loads("[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\",{\"shian\":\"https://shian.example.cn/epcis/\"}]", 0, NULL);
    assert_non_null(ev);
    assert_int_equal(sh_epcis_event_hash(ev, ctx, hex, pre, NULL), 0);
    json_decref(ev);
    json_decref(ctx);
}

static void test_order_and_changes(void **state)
{
    (void)state;
    char a[65], b[65], c[65];
    char *pre = NULL;
    hash_of(shian_event, a, &pre);
    /* non-GS1 URIs kept, GS1 ones in Digital Link form, the extension with its namespace, eventID and recordTime out */
    assert_non_null(strstr(pre, "epc=urn:shian:eartag:123456789012345"));
    assert_non_null(strstr(pre, "epc=https://id.gs1.org/01/10614141073464/21/2017"));
    assert_non_null(strstr(pre, "{https://shian.example.cn/epcis/}batch=B-7"));
    assert_null(strstr(pre, "recordTime"));
    assert_null(strstr(pre, "urn:uuid:1"));
    free(pre);
    /* the same event with its members in another order, the time in another zone, a new recordTime */
    hash_of(shian_reordered, b, NULL);
    assert_string_equal(a, b);
    /* one changed value */
    char *changed = strdup(shian_event);
    char *at = strstr(changed, "B-7");
    at[2] = '8';
    hash_of(changed, c, NULL);
    assert_string_not_equal(a, c);
    free(changed);
}

static void test_bad_event_time(void **state)
{
    (void)state;
    const char *bad[] = {"{\"type\":\"ObjectEvent\",\"eventTime\":\"yesterday\",\"action\":\"OBSERVE\"}",
                         "{\"type\":\"ObjectEvent\",\"eventTime\":\"2026-02-30T10:00:00Z\",\"action\":\"OBSERVE\"}",
                         "{\"type\":\"ObjectEvent\",\"action\":\"OBSERVE\"}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *ev = json_loads(bad[i], 0, NULL);
        char hex[65];
        char *pre = (char *)1;
        sh_err err = {0};
        assert_int_equal(sh_epcis_event_hash(ev, NULL, hex, &pre, &err), SH_EINVAL);
        assert_string_equal(err.field, "eventTime");
        assert_null(pre);
        json_decref(ev);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_vectors),
        cmocka_unit_test(test_prehash_string),
        cmocka_unit_test(test_order_and_changes),
        cmocka_unit_test(test_bad_event_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
