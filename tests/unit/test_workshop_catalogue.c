/* The province's catalogue and negative list of small workshops (data/workshops/): a product in the
 * catalogue passes; one outside it, or on the negative list by its code or by a keyword of its name, is
 * refused naming the product's field, with the entry and its source cited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/workshop/catalogue.h"

static int check(const char *products_json, sh_err *err)
{
    json_t *p = json_loads(products_json, 0, NULL);
    memset(err, 0, sizeof *err);
    int rc = sh_ws_check_products(p, err);
    json_decref(p);
    return rc;
}

static void catalogue_products_pass(void **state)
{
    (void)state;
    sh_err err;
    assert_int_equal(check("[{\"code\":\"XZF-01\",\"name\":\"手工米粉\"},{\"code\":\"XZF-08\",\"name\":\"米糕\"}]", &err), 0);
    assert_string_equal(sh_ws_catalogue_name("XZF-09"), "豆制品");
    assert_null(sh_ws_catalogue_name("FM-01"));
}

static void refusals_cite_the_entry(void **state)
{
    (void)state;
    sh_err err;
    assert_int_equal(check("[{\"code\":\"XZF-99\",\"name\":\"米粉\"}]", &err), SH_EINVAL);
    assert_string_equal(err.field, "products[0].code");
    assert_non_null(strstr(err.message, "不在本省小作坊生产加工食品品种目录内"));
    assert_int_equal(check("[{\"code\":\"XZF-01\",\"name\":\"米粉\"},{\"code\":\"XZF-12\",\"name\":\"婴儿米粉\"}]", &err), SH_EINVAL);
    assert_string_equal(err.field, "products[1].name");
    assert_non_null(strstr(err.message, "FM-01"));
    assert_non_null(strstr(err.message, "食品安全法"));
    assert_int_equal(check("[{\"code\":\"FM-04\",\"name\":\"鲜奶\"}]", &err), SH_EINVAL);
    assert_string_equal(err.field, "products[0].code");
    assert_non_null(strstr(err.message, "乳制品"));
    assert_int_equal(check("[]", &err), SH_EINVAL);
    assert_string_equal(err.field, "products");
    assert_int_equal(check("[{\"code\":\"XZF-09\",\"name\":\"豆腐\"},{\"code\":\"XZF-09\",\"name\":\"豆腐\"}]", &err), SH_EINVAL);
    assert_string_equal(err.field, "products[1].name");
    assert_int_equal(check("[{\"code\":\"XZF-09\"}]", &err), SH_EINVAL);
    assert_string_equal(err.field, "products[0].name");
}

static void every_entry_has_code_name_and_source(void **state)
{
    (void)state;
    json_t *c = sh_ws_catalogue_json();
    assert_true(json_array_size(json_object_get(c, "catalogue")) >= 10);
    assert_true(json_array_size(json_object_get(c, "negative")) >= 5);
    const char *lists[] = {"catalogue", "negative"};
    for (int l = 0; l < 2; l++) {
        size_t i;
        json_t *e;
        json_array_foreach(json_object_get(c, lists[l]), i, e) {
            assert_true(strlen(json_string_value(json_object_get(e, "code"))) > 0);
            assert_true(strlen(json_string_value(json_object_get(e, "name"))) > 0);
            assert_true(strlen(json_string_value(json_object_get(e, "source"))) > 0);
        }
    }
    json_decref(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(catalogue_products_pass),
        cmocka_unit_test(refusals_cite_the_entry),
        cmocka_unit_test(every_entry_has_code_name_and_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
