/* The request figures of /metrics (http/metrics.c): counted per route pattern and status, buckets
 * cumulative with +Inf equal to the count, label values escaped, statuses beyond the kept ones as
 * "other", and counts that add up when threads count at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "http/metrics.h"

static const char *PATTERN = "/api/v1/entities/:id";

static void counts_and_histogram(void **state)
{
    (void)state;
    sh_metrics_reset();
    sh_metrics_request(PATTERN, "GET", 200, 3000000);   /* 3 ms */
    sh_metrics_request(PATTERN, "GET", 200, 70000000);  /* 70 ms */
    sh_metrics_request(PATTERN, "GET", 404, 20000000000); /* 20 s: only +Inf */
    sh_metrics_request(PATTERN, "BREW", 200, 1000);
    sh_buf out = SH_BUF_INIT;
    sh_metrics_render_requests(&out);
    const char *t = sh_buf_str(&out);
    assert_non_null(strstr(t, "shian_http_requests_total{route=\"/api/v1/entities/:id\",method=\"GET\",status=\"200\"} 2\n"));
    assert_non_null(strstr(t, "shian_http_requests_total{route=\"/api/v1/entities/:id\",method=\"GET\",status=\"404\"} 1\n"));
    assert_non_null(strstr(t, "method=\"OTHER\",status=\"200\"} 1\n"));
    assert_non_null(strstr(t, "shian_http_request_duration_seconds_bucket{route=\"/api/v1/entities/:id\",method=\"GET\",le=\"0.005\"} 1\n"));
    assert_non_null(strstr(t, "shian_http_request_duration_seconds_bucket{route=\"/api/v1/entities/:id\",method=\"GET\",le=\"0.1\"} 2\n"));
    assert_non_null(strstr(t, "shian_http_request_duration_seconds_bucket{route=\"/api/v1/entities/:id\",method=\"GET\",le=\"10\"} 2\n"));
    assert_non_null(strstr(t, "shian_http_request_duration_seconds_bucket{route=\"/api/v1/entities/:id\",method=\"GET\",le=\"+Inf\"} 3\n"));
    assert_non_null(strstr(t, "shian_http_request_duration_seconds_count{route=\"/api/v1/entities/:id\",method=\"GET\"} 3\n"));
    assert_non_null(strstr(t, "shian_http_request_duration_seconds_sum{route=\"/api/v1/entities/:id\",method=\"GET\"} 20.073000\n"));
    sh_buf_release(&out);
}

static void statuses_beyond_kept_are_other(void **state)
{
    (void)state;
    sh_metrics_reset();
    for (int s = 200; s < 220; s++)
        sh_metrics_request("static", "GET", s, 1);
    sh_buf out = SH_BUF_INIT;
    sh_metrics_render_requests(&out);
    assert_non_null(strstr(sh_buf_str(&out), "status=\"210\"} 1\n"));
    assert_null(strstr(sh_buf_str(&out), "status=\"211\""));
    assert_non_null(strstr(sh_buf_str(&out), "status=\"other\"} 9\n"));
    sh_buf_release(&out);
}

static void labels_escaped(void **state)
{
    (void)state;
    sh_buf out = SH_BUF_INIT;
    sh_metrics_label(&out, "a\"b\\c\nd");
    assert_string_equal(sh_buf_str(&out), "\"a\\\"b\\\\c\\nd\"");
    sh_buf_release(&out);
}

static void *hammer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10000; i++)
        sh_metrics_request(PATTERN, "POST", 201, 1000);
    return NULL;
}

static void threads_add_up(void **state)
{
    (void)state;
    sh_metrics_reset();
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, hammer, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    sh_buf out = SH_BUF_INIT;
    sh_metrics_render_requests(&out);
    assert_non_null(strstr(sh_buf_str(&out), "method=\"POST\",status=\"201\"} 40000\n"));
    sh_buf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_and_histogram), cmocka_unit_test(statuses_beyond_kept_are_other),
        cmocka_unit_test(labels_escaped), cmocka_unit_test(threads_add_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
