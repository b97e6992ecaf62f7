/* sh_qr_png (core/qr.c): the PNG decodes (zbarimg, as a phone's camera would) to exactly the text
 * encoded; empty and over-long text is refused naming the field, leaving the output untouched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/qr.h"

/* Writes png to a temporary file, runs zbarimg on it and returns what it read (static buffer). */
static const char *decode(const sh_buf *png)
{
    char path[] = "/tmp/shian-qr-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, png->data, png->len), (ssize_t)png->len);
    close(fd);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "zbarimg --raw -q %s 2>/dev/null", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    static char out[2048];
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    pclose(p);
    unlink(path);
    if (n && out[n - 1] == '\n')
        out[n - 1] = '\0';
    return out;
}

static void round_trip(const char *text)
{
    sh_buf png = SH_BUF_INIT;
    sh_err err = {0};
    assert_int_equal(sh_qr_png(text, "url", &png, &err), 0);
    assert_true(png.len > 8 && !memcmp(png.data, "\x89PNG\r\n\x1a\n", 8));
    assert_string_equal(decode(&png), text);
    sh_buf_release(&png);
}

static void short_url(void **state)
{
    (void)state;
    round_trip("http://127.0.0.1:8080/#/shop/42");
}

static void long_path(void **state)
{
    (void)state;
    char url[600];
    int n = snprintf(url, sizeof url, "https://shian.example.gov.cn/portal/county/360799/shops");
    while (n < 500)
        n += snprintf(url + n, sizeof url - (size_t)n, "/segment%03d", n);
    snprintf(url + n, sizeof url - (size_t)n, "/#/shop/1234567");
    round_trip(url);
}

static void refused(void **state)
{
    (void)state;
    sh_buf png = SH_BUF_INIT;
    sh_err err = {0};
    assert_int_equal(sh_qr_png("", "url", &png, &err), SH_EINVAL);
    assert_string_equal(err.field, "url");
    assert_non_null(strstr(err.message, "不能为空"));
    assert_int_equal(sh_qr_png(NULL, "url", &png, &err), SH_EINVAL);
    char big[SH_QR_MAX_TEXT + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    err = (sh_err){0};
    assert_int_equal(sh_qr_png(big, "url", &png, &err), SH_EINVAL);
    assert_non_null(strstr(err.message, "过长"));
    assert_int_equal(png.len, 0);
    big[SH_QR_MAX_TEXT] = '\0'; /* just inside */
    assert_int_equal(sh_qr_png(big, "url", &png, &err), 0);
    assert_string_equal(decode(&png), big);
    sh_buf_release(&png);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(short_url), cmocka_unit_test(long_path), cmocka_unit_test(refused)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
