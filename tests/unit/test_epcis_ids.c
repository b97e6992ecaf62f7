/* The identifiers and vocabularies a captured event may use (domain/trace/epcis_ids.c): the ear tag is
 * exactly 15 digits (species 1, county 6, serial 8: DOMAIN.md "Livestock ear tags"), the codes written
 * as urn:shian:… have their lengths, GS1 EPC URIs and Digital Links pass, and the CBV 2.0 short names
 * are found from any of their forms (CBV 2.0 §7: https://ref.gs1.org/cbv/BizStep-…, urn:epcglobal:cbv:…). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/trace/epcis.h"

static int valid(const char *id)
{
    const char *why = NULL;
    int ok = sh_epcis_id_valid(id, &why);
    assert_non_null(why);
    return ok;
}

static void ear_tags_have_exactly_15_digits(void **state)
{
    (void)state;
    assert_true(valid("urn:shian:eartag:136079900020560"));
    assert_false(valid("urn:shian:eartag:13607990002056"));   /* 14 */
    assert_false(valid("urn:shian:eartag:1360799000205601")); /* 16 */
    assert_false(valid("urn:shian:eartag:13607990002056A"));
}

static void chinese_codes_have_their_lengths(void **state)
{
    (void)state;
    assert_true(valid("urn:shian:cert:ABC123"));                      /* 6 */
    assert_false(valid("urn:shian:cert:ABC12"));                      /* 5 */
    assert_true(valid("urn:shian:seal:12345678901234567890123456789012")); /* 32 */
    assert_false(valid("urn:shian:seal:123456789012345678901234567890123"));
    assert_true(valid("urn:shian:quarantine:A3607991234"));
    assert_true(valid("urn:shian:product:DYQPM8DNVHEH"));
    assert_true(valid("urn:shian:product:ws-12.a_b"));
    assert_false(valid("urn:shian:product:ws 12"));
    assert_false(valid("urn:shian:farm:12345678"));                   /* no such kind */
}

static void gs1_identifiers_pass(void **state)
{
    (void)state;
    assert_true(valid("urn:epc:id:sgtin:4012345.011111.987"));
    assert_true(valid("urn:epc:class:lgtin:4012345.012345.998877"));
    assert_true(valid("https://id.gs1.org/01/04012345111118/10/L20261201"));
    assert_false(valid("urn:epc:id:sgtin"));
    assert_false(valid("lot 42"));
    assert_false(valid("urn:epc:id:sgtin:4012345.011111.9 87"));
}

static void cbv_short_names_from_every_form(void **state)
{
    (void)state;
    assert_string_equal(sh_cbv_short("bizStep", "shipping"), "shipping");
    assert_string_equal(sh_cbv_short("bizStep", "https://ref.gs1.org/cbv/BizStep-killing"), "killing");
    assert_string_equal(sh_cbv_short("bizStep", "urn:epcglobal:cbv:bizstep:receiving"), "receiving");
    assert_null(sh_cbv_short("bizStep", "butchering"));
    assert_null(sh_cbv_short("bizStep", "https://ref.gs1.org/cbv/Disp-in_transit")); /* a disposition, not a step */
    assert_string_equal(sh_cbv_short("disposition", "https://ref.gs1.org/cbv/Disp-in_transit"), "in_transit");
    assert_string_equal(sh_cbv_short("sdt", "urn:epcglobal:cbv:sdt:owning_party"), "owning_party");
    assert_string_equal(sh_cbv_short("errorReason", "https://ref.gs1.org/cbv/ER-did_not_occur"), "did_not_occur");
    assert_null(sh_cbv_short("nosuch", "shipping"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ear_tags_have_exactly_15_digits),
        cmocka_unit_test(chinese_codes_have_their_lengths),
        cmocka_unit_test(gs1_identifiers_pass),
        cmocka_unit_test(cbv_short_names_from_every_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
