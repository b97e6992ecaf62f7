/* multipart/mixed bodies as Hikvision NVRs post them (http/multipart.c), split on the bytes alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "http/multipart.h"

static void alert_and_picture(void **state)
{
    (void)state;
    const char body[] = "--MIME\r\nContent-Type: application/xml\r\n\r\n<EventNotificationAlert/>\r\n"
                        "--MIME\r\nContent-Disposition: form-data; name=\"pic\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
                        "JPEG\r\n--MIME--\r\n";
    sh_multipart m = {0};
    sh_err err = {0};
    assert_int_equal(sh_multipart_parse_mixed(body, sizeof body - 1, "multipart/mixed; boundary=MIME", 1024, &m, &err), 0);
    assert_int_equal(m.count, 2);
    assert_string_equal(m.parts[0].name, "");
    assert_true(sh_part_is(&m.parts[0], "application/xml"));
    const sh_part *pic = sh_multipart_get(&m, "pic");
    assert_non_null(pic);
    assert_string_equal(pic->filename, "a.jpg");
    assert_int_equal(pic->data.len, 4);
    sh_multipart_release(&m);
}

/* Found by fuzz/fuzz_multipart.c: a second Content-Disposition after one with a filename but no name
 * overwrote (and leaked) the filename; the first one counts. */
static void second_disposition_ignored(void **state)
{
    (void)state;
    const char body[] = "--b\r\nContent-Disposition: form-data; filename=first.png\r\n"
                        "Content-Disposition: form-data; name=f; filename=second.png\r\n\r\nx\r\n--b--\r\n";
    sh_multipart m = {0};
    sh_err err = {0};
    assert_int_equal(sh_multipart_parse_mixed(body, sizeof body - 1, "multipart/mixed; boundary=b", 1024, &m, &err), 0);
    assert_int_equal(m.count, 1);
    assert_string_equal(m.parts[0].name, "");
    assert_string_equal(m.parts[0].filename, "first.png");
    sh_multipart_release(&m);
}

static void refused(void **state)
{
    (void)state;
    const char *bodies[] = {"--b\r\n\r\nx\r\n", "no boundary here", "--b\r\nContent-Type: a\r\n"};
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        sh_multipart m = {0};
        sh_err err = {0};
        assert_int_equal(sh_multipart_parse_mixed(bodies[i], strlen(bodies[i]), "multipart/mixed; boundary=b", 1024, &m, &err), SH_EINVAL);
        assert_string_equal(err.field, "body");
        sh_multipart_release(&m);
    }
    sh_multipart m = {0};
    sh_err err = {0};
    assert_int_equal(sh_multipart_parse_mixed("--b\r\n\r\nx\r\n--b--", 16, "multipart/mixed", 1024, &m, &err), SH_EINVAL);
    sh_multipart_release(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alert_and_picture),
        cmocka_unit_test(second_disposition_ignored),
        cmocka_unit_test(refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
