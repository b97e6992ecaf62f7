/* The configuration table: defaults, validation, file, environment and flags in that order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"

static void defaults_and_validation(void **state)
{
    (void)state;
    sh_config c;
    sh_err err = {0};
    sh_config_defaults(&c);
    assert_int_equal(c.port, 8080);
    assert_string_equal(c.db_path, "var/shian.db");
    assert_int_equal(sh_config_set(&c, "port", "70000", &err), SH_EINVAL);
    assert_string_equal(err.field, "port");
    assert_int_equal(c.port, 8080); /* unchanged on error */
    assert_int_equal(sh_config_set(&c, "port", "80x", &err), SH_EINVAL);
    assert_int_equal(sh_config_set(&c, "nope", "1", &err), SH_EINVAL);
    assert_int_equal(sh_config_set(&c, "cookie_secure", "maybe", &err), SH_EINVAL);
    assert_int_equal(sh_config_set(&c, "log_level", "loud", &err), SH_EINVAL);
    /* the address the QR codes at doors open */
    assert_string_equal(c.public_url, "");
    assert_int_equal(sh_config_set(&c, "public_url", "https://shian.example.gov.cn/portal", &err), 0);
    assert_string_equal(c.public_url, "https://shian.example.gov.cn/portal");
    assert_int_equal(sh_config_set(&c, "public_url", "ftp://shian.example.gov.cn", &err), SH_EINVAL);
    assert_string_equal(err.field, "public_url");
    assert_int_equal(sh_config_set(&c, "public_url", "http://a b", &err), SH_EINVAL);
    assert_int_equal(sh_config_set(&c, "public_url", "http://x/#/shop", &err), SH_EINVAL);
    assert_string_equal(c.public_url, "https://shian.example.gov.cn/portal"); /* unchanged on error */
    assert_int_equal(sh_config_set(&c, "public_url", "", &err), 0);
    /* witnesses: cosignature keys (type 0x04) only, comma-separated; a log's key (0x01) or a damaged one refused */
    const char *w = "city.example/witness+7334886a+BPT9rSQfUJokbirVOcMRGe+fx4B3jf+rsFFrnvv7936K";
    assert_int_equal(sh_config_set(&c, "ledger_witness_keys", w, &err), 0);
    char two[512];
    snprintf(two, sizeof two, "%s, %s", w, w);
    assert_int_equal(sh_config_set(&c, "ledger_witness_keys", two, &err), 0);
    assert_int_equal(sh_config_set(&c, "ledger_witness_keys", w, &err), 0);
    assert_int_equal(sh_config_set(&c, "ledger_witness_keys", "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", &err), SH_EINVAL);
    assert_string_equal(err.field, "ledger_witness_keys");
    assert_int_equal(sh_config_set(&c, "ledger_witness_keys", "city.example/witness+7334886b+BPT9rSQfUJokbirVOcMRGe+fx4B3jf+rsFFrnvv7936K", &err), SH_EINVAL);
    snprintf(two, sizeof two, "%s,", w);
    assert_int_equal(sh_config_set(&c, "ledger_witness_keys", two, &err), SH_EINVAL);
    assert_string_equal(c.ledger_witness_keys, w); /* unchanged on error */
}

static void precedence(void **state)
{
    (void)state;
    char path[] = "/tmp/shian-conf-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "# comment\nport = 9000\nthreads = 3\ndb_path = /tmp/a.db\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    sh_config c;
    sh_err err = {0};
    sh_config_defaults(&c);
    assert_int_equal(sh_config_load_file(&c, path, &err), 0);
    setenv("SHIAN_THREADS", "5", 1);
    assert_int_equal(sh_config_load_env(&c, &err), 0);
    unsetenv("SHIAN_THREADS");
    char a0[] = "shian", a1[] = "serve", a2[] = "--port=9100", a3[] = "--demo-if-empty";
    char *argv[] = {a0, a1, a2, a3, NULL};
    int argc = 4;
    assert_int_equal(sh_config_load_args(&c, &argc, argv, &err), 0);
    assert_int_equal(c.port, 9100);     /* flag beats file */
    assert_int_equal(c.threads, 5);     /* environment beats file */
    assert_string_equal(c.db_path, "/tmp/a.db");
    assert_int_equal(argc, 3);          /* settings consumed, the rest kept in order */
    assert_string_equal(argv[1], "serve");
    assert_string_equal(argv[2], "--demo-if-empty");
    unlink(path);
}

static void bad_file_names_the_line(void **state)
{
    (void)state;
    char path[] = "/tmp/shian-conf-XXXXXX";
    int fd = mkstemp(path);
    const char *text = "port = 9000\nthreads = lots\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    sh_config c;
    sh_err err = {0};
    sh_config_defaults(&c);
    assert_int_equal(sh_config_load_file(&c, path, &err), SH_EINVAL);
    assert_non_null(strstr(err.message, ":2:"));
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_and_validation),
        cmocka_unit_test(precedence),
        cmocka_unit_test(bad_file_names_the_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
