/* JSON Schema validation (core/json_schema.c): each keyword on a small schema, just inside and just
 * outside; then the EPCIS 2.0 schema compiled into the binary (data/epcis/) against GS1's own example
 * documents (github:gs1/EPCIS at 2b888be, JSON/, copied to tests/data/epcis/gs1-examples/), which must
 * all pass, and against those examples with one thing broken, which must fail at that field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/data.h"
#include "core/json_schema.h"

static sh_json_schema *schema_of(const char *text)
{
    sh_json_schema *s = NULL;
    sh_err err = {0};
    if (sh_json_schema_load(text, &s, &err))
        fail_msg("schema: %s", err.message);
    return s;
}

/* "" when valid, else the path of the error, in a static buffer */
static const char *error_path(const sh_json_schema *s, const char *instance)
{
    static char out[200];
    json_t *v = json_loads(instance, JSON_DECODE_ANY, NULL);
    assert_non_null(v);
    sh_err err = {0};
    int rc = sh_json_schema_validate(s, v, &err);
    json_decref(v);
    snprintf(out, sizeof out, "%s%s", rc ? "!" : "", rc ? err.field : "");
    return out;
}

static void test_types_and_required(void **state)
{
    (void)state;
    sh_json_schema *s = schema_of("{\"type\":\"object\",\"required\":[\"n\"],\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":1,"
                                  "\"exclusiveMaximum\":10},\"tags\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":2,\"uniqueItems\":true,"
                                  "\"items\":{\"type\":\"string\",\"minLength\":2,\"maxLength\":3}}},\"additionalProperties\":false}");
    assert_string_equal(error_path(s, "{\"n\":1}"), "");
    assert_string_equal(error_path(s, "{\"n\":9.0}"), ""); /* an integral real is an integer */
    assert_string_equal(error_path(s, "{\"n\":0}"), "!n");
    assert_string_equal(error_path(s, "{\"n\":10}"), "!n");
    assert_string_equal(error_path(s, "{\"n\":2.5}"), "!n");
    assert_string_equal(error_path(s, "{}"), "!n");
    assert_string_equal(error_path(s, "[]"), "!");
    assert_string_equal(error_path(s, "{\"n\":1,\"x\":0}"), "!x");
    assert_string_equal(error_path(s, "{\"n\":1,\"tags\":[\"ab\",\"abc\"]}"), "");
    assert_string_equal(error_path(s, "{\"n\":1,\"tags\":[]}"), "!tags");
    assert_string_equal(error_path(s, "{\"n\":1,\"tags\":[\"ab\",\"cd\",\"ef\"]}"), "!tags");
    assert_string_equal(error_path(s, "{\"n\":1,\"tags\":[\"ab\",\"ab\"]}"), "!tags[1]");
    assert_string_equal(error_path(s, "{\"n\":1,\"tags\":[\"ab\",\"a\"]}"), "!tags[1]");
    assert_string_equal(error_path(s, "{\"n\":1,\"tags\":[\"猪肉\"]}"), ""); /* lengths count characters, not bytes */
    assert_string_equal(error_path(s, "{\"n\":1,\"tags\":[\"abcd\"]}"), "!tags[0]");
    sh_json_schema_free(s);
}

static void test_patterns_and_formats(void **state)
{
    (void)state;
    /* the EPCIS schema's own patterns, one with an ECMA-262 lookahead */
    sh_json_schema *s = schema_of("{\"properties\":{\"tz\":{\"pattern\":\"^([+]|[-])((0[0-9]|1[0-3]):([0-5][0-9])|14:00)$\"},"
                                  "\"other\":{\"pattern\":\"^(?!(urn:epcglobal:cbv|https?:\\\\/\\\\/ns\\\\.gs1\\\\.org/cbv\\\\/))\"},"
                                  "\"u\":{\"format\":\"uri\"},\"t\":{\"format\":\"date-time\"}}}");
    assert_string_equal(error_path(s, "{\"tz\":\"+14:00\"}"), "");
    assert_string_equal(error_path(s, "{\"tz\":\"+14:01\"}"), "!tz");
    assert_string_equal(error_path(s, "{\"tz\":\"-13:59\"}"), "");
    assert_string_equal(error_path(s, "{\"tz\":\"+8:00\"}"), "!tz");
    assert_string_equal(error_path(s, "{\"other\":\"urn:shian:step:x\"}"), "");
    assert_string_equal(error_path(s, "{\"other\":\"urn:epcglobal:cbv:bizstep:shipping\"}"), "!other");
    assert_string_equal(error_path(s, "{\"u\":\"urn:shian:entity:12\"}"), "");
    assert_string_equal(error_path(s, "{\"u\":\"ni:///sha-256;ab?ver=CBV2.0\"}"), "");
    assert_string_equal(error_path(s, "{\"u\":\"shipping\"}"), "!u");
    assert_string_equal(error_path(s, "{\"u\":\"http://a b\"}"), "!u");
    assert_string_equal(error_path(s, "{\"t\":\"2028-02-29T10:00:00.5+08:00\"}"), "");
    assert_string_equal(error_path(s, "{\"t\":\"2026-02-29T10:00:00Z\"}"), "!t");
    assert_string_equal(error_path(s, "{\"t\":\"2026-11-12T08:00:00\"}"), "!t");
    assert_string_equal(error_path(s, "{\"t\":\"2026-11-12T24:00:00Z\"}"), "!t");
    assert_string_equal(error_path(s, "{\"t\":5}"), ""); /* a format constrains strings only */
    sh_json_schema_free(s);
}

static void test_combinators_and_refs(void **state)
{
    (void)state;
    sh_json_schema *s = schema_of(
        "{\"definitions\":{\"@kind\":{\"enum\":[\"a\",\"b\"]},\"deep\":{\"type\":\"object\",\"required\":[\"k\"],"
        "\"properties\":{\"k\":{\"type\":\"object\",\"properties\":{\"v\":{\"type\":\"number\"}}}}}},"
        "\"properties\":{\"kind\":{\"$ref\":\"#/definitions/%40kind\"},\"alt\":{\"anyOf\":[{\"type\":\"string\"},{\"$ref\":\"#/definitions/deep\"}]},"
        "\"one\":{\"oneOf\":[{\"type\":\"number\"},{\"type\":\"integer\"}]},\"no\":{\"not\":{\"const\":0}}},"
        "\"if\":{\"properties\":{\"kind\":{\"const\":\"a\"}}},\"then\":{\"required\":[\"alt\"]},\"else\":{\"required\":[\"one\"]}}");
    assert_string_equal(error_path(s, "{\"kind\":\"a\",\"alt\":\"x\"}"), "");
    assert_string_equal(error_path(s, "{\"kind\":\"c\"}"), "!kind");
    assert_string_equal(error_path(s, "{\"kind\":\"a\"}"), "!alt");     /* then */
    assert_string_equal(error_path(s, "{\"kind\":\"b\",\"one\":1.5}"), ""); /* else, and one of oneOf */
    assert_string_equal(error_path(s, "{\"kind\":\"b\",\"one\":2}"), "!one"); /* both of oneOf */
    assert_string_equal(error_path(s, "{\"kind\":\"b\"}"), "!one");
    /* anyOf: the deepest failure is the one reported, inside the alternative that nearly held */
    assert_string_equal(error_path(s, "{\"kind\":\"a\",\"alt\":{\"k\":{\"v\":\"x\"}}}"), "!alt.k.v");
    assert_string_equal(error_path(s, "{\"kind\":\"a\",\"alt\":{\"k\":{\"v\":1}}}"), "");
    assert_string_equal(error_path(s, "{\"kind\":\"a\",\"alt\":\"x\",\"no\":0}"), "!no");
    sh_json_schema_free(s);
    sh_json_schema *cyclic = schema_of("{\"$ref\":\"#\"}"); /* a schema that refers to itself ends, refused */
    assert_string_equal(error_path(cyclic, "1"), "!");
    sh_json_schema_free(cyclic);
    sh_err err = {0};
    sh_json_schema *bad = NULL;
    assert_int_equal(sh_json_schema_load("{\"pattern\":\"(\"}", &bad, &err), SH_EINVAL);
    assert_int_equal(sh_json_schema_load("{", &bad, &err), SH_EINVAL);
    assert_null(bad);
}

static sh_json_schema *epcis_schema(void)
{
    const char *text = sh_data_file("data/epcis/EPCIS-JSON-Schema.json");
    assert_non_null(text);
    return schema_of(text);
}

static void examples_dir(char *out, size_t cap)
{
    const char *src = __FILE__, *slash = strrchr(src, '/');
    int dir = slash ? (int)(slash - src) : 0;
    snprintf(out, cap, "%.*s%s../data/epcis/gs1-examples", dir, src, slash ? "/" : "");
}

static void test_gs1_examples_pass(void **state)
{
    (void)state;
    sh_json_schema *s = epcis_schema();
    char dir[512];
    examples_dir(dir, sizeof dir);
    DIR *d = opendir(dir);
    assert_non_null(d);
    int checked = 0;
    for (struct dirent *f; (f = readdir(d));) {
        if (!strstr(f->d_name, ".jsonld"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, f->d_name);
        json_t *doc = json_load_file(path, 0, NULL);
        assert_non_null(doc);
        sh_err err = {0};
        if (sh_json_schema_validate(s, doc, &err))
            fail_msg("%s: %s: %s", f->d_name, err.field, err.message);
        json_decref(doc);
        checked++;
    }
    closedir(d);
    assert_int_equal(checked, 47);
    sh_json_schema_free(s);
}

/* GS1's example 9.6.1 with one change, and the path the schema must name */
static void test_gs1_example_broken(void **state)
{
    (void)state;
    static const struct {
        const char *pointer, *value, *path; /* value NULL: remove the member */
    } cases[] = {
        {"eventTime", NULL, "epcisBody.eventList[0].eventTime"},
        {"eventTime", "\"2026-02-29T10:00:00Z\"", "epcisBody.eventList[0].eventTime"},
        {"eventTimeZoneOffset", "\"+8:00\"", "epcisBody.eventList[0].eventTimeZoneOffset"},
        {"action", "\"WATCH\"", "epcisBody.eventList[0].action"},
        {"colour", "\"red\"", "epcisBody.eventList[0].colour"},
        {"epcList", "[5]", "epcisBody.eventList[0].epcList[0]"},
        {"bizLocation", "\"urn:epc:id:sgln:0614141.00888.0\"", "epcisBody.eventList[0].bizLocation"},
        {"quantityList", "[{\"epcClass\":\"urn:epc:class:lgtin:4012345.012345.998877\",\"quantity\":5,\"uom\":\"kg\"}]",
         "epcisBody.eventList[0].quantityList[0].uom"},
        {"quantityList", "[{\"epcClass\":\"urn:epc:class:lgtin:4012345.012345.998877\",\"quantity\":5,\"unit\":\"KGM\"}]",
         "epcisBody.eventList[0].quantityList[0].unit"},
        {"sourceList", "[{\"type\":\"owning_party\"}]", "epcisBody.eventList[0].sourceList[0].source"},
        {"sensorElementList", "[{\"sensorReport\":[{\"type\":\"gs1:Temperature\",\"value\":\"cold\",\"uom\":\"CEL\"}]}]",
         "epcisBody.eventList[0].sensorElementList[0].sensorReport[0].value"},
    };
    sh_json_schema *s = epcis_schema();
    char path[1024];
    examples_dir(path, sizeof path);
    strcat(path, "/Example_9.6.1-ObjectEvent.jsonld");
    json_t *original = json_load_file(path, 0, NULL);
    assert_non_null(original);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *doc = json_deep_copy(original);
        json_t *event = json_array_get(json_object_get(json_object_get(doc, "epcisBody"), "eventList"), 0);
        if (cases[i].value)
            json_object_set_new(event, cases[i].pointer, json_loads(cases[i].value, JSON_DECODE_ANY, NULL));
        else
            json_object_del(event, cases[i].pointer);
        sh_err err = {0};
        assert_int_equal(sh_json_schema_validate(s, doc, &err), SH_EINVAL);
        assert_string_equal(err.field, cases[i].path);
        assert_true(strlen(err.message) > 0);
        json_decref(doc);
    }
    json_t *doc = json_deep_copy(original);
    json_object_del(doc, "creationDate");
    sh_err err = {0};
    assert_int_equal(sh_json_schema_validate(s, doc, &err), SH_EINVAL);
    assert_string_equal(err.field, "creationDate");
    json_decref(doc);
    json_decref(original);
    sh_json_schema_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_types_and_required),
        cmocka_unit_test(test_patterns_and_formats),
        cmocka_unit_test(test_combinators_and_refs),
        cmocka_unit_test(test_gs1_examples_pass),
        cmocka_unit_test(test_gs1_example_broken),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
