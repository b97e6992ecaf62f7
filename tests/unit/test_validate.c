/* Identifier validators: credit code, ID number, licences, divisions, phones, text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/validate.h"

static void uscc_valid_example(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_check_uscc("9144030071526726XG", "uscc", &err), 0);
    assert_int_equal(sh_uscc_check_char("9144030071526726X"), 'G');
}

static void uscc_wrong_check_char(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_check_uscc("9144030071526726XH", "uscc", &err), SH_EINVAL);
    assert_string_equal(err.field, "uscc");
    assert_non_null(strstr(err.message, "should be G"));
}

static void uscc_forbidden_letters_and_length(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_check_uscc("9144030071526726XO", "uscc", &err), SH_EINVAL); /* O never appears */
    assert_int_equal(sh_check_uscc("9144030071526726X", "uscc", &err), SH_EINVAL);
    assert_int_equal(sh_check_uscc("", "uscc", &err), SH_EINVAL);
    assert_int_equal(sh_check_uscc(NULL, "uscc", &err), SH_EINVAL);
    /* registering authority 3 is not used */
    char code[19] = "3144030071526726X";
    code[17] = sh_uscc_check_char(code);
    code[18] = 0;
    assert_int_equal(sh_check_uscc(code, "uscc", &err), SH_EINVAL);
}

static void id_number(void **state)
{
    (void)state;
    sh_err err = {0};
    char id[19] = "11010519491231002";
    id[17] = sh_id_check_char(id);
    id[18] = 0;
    assert_int_equal(id[17], 'X'); /* the standard's worked example */
    assert_int_equal(sh_check_id_number(id, "id", &err), 0);
    id[17] = '1';
    assert_int_equal(sh_check_id_number(id, "id", &err), SH_EINVAL);
    /* 31 February is no birth date, even with a correct check digit */
    char bad[19] = "11010519490231002";
    bad[17] = sh_id_check_char(bad);
    bad[18] = 0;
    assert_int_equal(sh_check_id_number(bad, "id", &err), SH_EINVAL);
    assert_non_null(strstr(err.message, "1949-02-31"));
}

static void licences(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_check_sc_licence("SC10436079900123", "licence_no", &err), 0);
    assert_int_equal(sh_check_sc_licence("SC19936079900123", "licence_no", &err), SH_EINVAL); /* category 199 */
    assert_int_equal(sh_check_sc_licence("SC10499079900123", "licence_no", &err), SH_EINVAL); /* province 99 */
    assert_int_equal(sh_check_sc_licence("SC1043607990012", "licence_no", &err), SH_EINVAL);  /* 13 digits */
    assert_int_equal(sh_check_jy_licence("JY23607990000017", "licence_no", &err), 0);
    assert_int_equal(sh_check_jy_licence("JY43607990000017", "licence_no", &err), SH_EINVAL); /* type 4 */
    assert_int_equal(sh_check_jy_licence("SC23607990000017", "licence_no", &err), SH_EINVAL);
}

static void divisions_and_phones(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_check_division_code("360799", "d", &err), 0);
    assert_int_equal(sh_check_division_code("360799101000", "d", &err), 0);
    assert_int_equal(sh_check_division_code("990799", "d", &err), SH_EINVAL);
    assert_int_equal(sh_check_division_code("36079", "d", &err), SH_EINVAL);
    assert_int_equal(sh_check_phone("13907971234", "p", &err), 0);
    assert_int_equal(sh_check_phone("0797-8123456", "p", &err), 0);
    assert_int_equal(sh_check_phone("12907971234", "p", &err), SH_EINVAL);
    assert_int_equal(sh_check_phone("1390797123", "p", &err), SH_EINVAL);
    assert_int_equal(sh_check_phone("0797-81234", "p", &err), SH_EINVAL);
}

static void text_rules(void **state)
{
    (void)state;
    sh_err err = {0};
    assert_int_equal(sh_check_text("青禾县老李家常菜馆", 2, 100, "name", &err), 0);
    assert_int_equal(sh_utf8_len("青禾县"), 3);
    assert_int_equal(sh_check_text("", 1, 10, "name", &err), SH_EINVAL);
    assert_int_equal(sh_check_text("\xC0\xAF", 0, 10, "name", &err), SH_EINVAL); /* overlong '/' */
    assert_int_equal(sh_check_text("a\x01", 0, 10, "name", &err), SH_EINVAL);
    assert_int_equal(sh_check_text("一二三四五六", 1, 5, "name", &err), SH_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(uscc_valid_example), cmocka_unit_test(uscc_wrong_check_char),
        cmocka_unit_test(uscc_forbidden_letters_and_length), cmocka_unit_test(id_number),
        cmocka_unit_test(licences), cmocka_unit_test(divisions_and_phones), cmocka_unit_test(text_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
