/* The arithmetic of penalties against the law's own numbers: the late fee of 行政处罚法 Art 72 (3 % of
 * the fine a day, never above the fine), the on-the-spot limits of Art 51 (¥200 a person, ¥3 000 an
 * organisation) just inside and outside, and the discretion split of a benchmark's range. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/enforcement/penalty.h"

static void late_fee_three_per_cent_a_day_capped_at_the_fine(void **state)
{
    (void)state;
    assert_int_equal(sh_late_fee(1000, 0), 0);     /* paid on the last day */
    assert_int_equal(sh_late_fee(1000, -3), 0);    /* paid early */
    assert_int_equal(sh_late_fee(1000, 1), 30);
    assert_int_equal(sh_late_fee(1000, 10), 300);
    assert_int_equal(sh_late_fee(1000, 33), 990);
    assert_int_equal(sh_late_fee(1000, 34), 1000); /* 102 % capped */
    assert_int_equal(sh_late_fee(1000, 3650), 1000);
    assert_int_equal(sh_late_fee(150, 1), 4);      /* 4.5 rounds down to whole yuan */
    assert_int_equal(sh_late_fee(0, 10), 0);
    assert_int_equal(sh_late_fee(100000000, 2), 6000000);
}

static void on_the_spot_limits(void **state)
{
    (void)state;
    assert_true(sh_simple_fine_allowed(0, 0));
    assert_true(sh_simple_fine_allowed(0, 200));
    assert_false(sh_simple_fine_allowed(0, 201));
    assert_true(sh_simple_fine_allowed(1, 3000));
    assert_false(sh_simple_fine_allowed(1, 3001));
    assert_false(sh_simple_fine_allowed(1, -1));
}

static void discretion_split(void **state)
{
    (void)state;
    /* 食品安全法 Art 124: ¥50 000-100 000 below ¥10 000 of goods, 10-20 times from it */
    sh_fine_range r = {50000, 100000, 10000, 10, 20};
    int64_t lo, hi;
    sh_fine_suggest(&r, 2000, 0, &lo, &hi);
    assert_int_equal(lo, 50000);
    assert_int_equal(hi, 65000);
    sh_fine_suggest(&r, 9999, 1, &lo, &hi);
    assert_int_equal(lo, 65000);
    assert_int_equal(hi, 85000);
    sh_fine_suggest(&r, 10000, 2, &lo, &hi); /* at the threshold the times apply: 100 000-200 000 */
    assert_int_equal(lo, 170000);
    assert_int_equal(hi, 200000);
    int64_t min, max;
    sh_fine_legal(&r, 9999, &min, &max);
    assert_int_equal(min, 50000);
    assert_int_equal(max, 100000);
    sh_fine_legal(&r, 10000, &min, &max);
    assert_int_equal(min, 100000);
    assert_int_equal(max, 200000);
    sh_fine_range warn = {5000, 50000, 0, 0, 0}; /* no threshold: always in yuan */
    sh_fine_suggest(&warn, 1000000, 1, &lo, &hi);
    assert_int_equal(lo, 18500);
    assert_int_equal(hi, 36500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(late_fee_three_per_cent_a_day_capped_at_the_fine),
        cmocka_unit_test(on_the_spot_limits),
        cmocka_unit_test(discretion_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
