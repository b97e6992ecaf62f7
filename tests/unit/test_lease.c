/* Leases of periodic jobs (jobs/lease.c): of two instances on one database, one leads a round; the lease
 * passes on when it runs out or is given up, and a holder renews its own. (Two servers: tests/api/instances.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "jobs/lease.h"
#include "testutil.h"

static sh_db *db;

static int setup(void **state)
{
    (void)state;
    return (db = fixture_db()) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    sh_db_close(db);
    return 0;
}

static int take(const char *holder, int64_t now)
{
    int led = -1;
    sh_err err = {0};
    assert_int_equal(sh_lease_take(db, "sweep", holder, now, 60000, &led, &err), 0);
    return led;
}

static void one_leads_until_it_runs_out_or_gives_up(void **state)
{
    (void)state;
    assert_int_equal(take("a", 1000), 1);      /* the first taker adds the row */
    assert_int_equal(take("b", 1000), 0);      /* the same round: A leads */
    assert_int_equal(take("b", 60999), 0);     /* A's lease runs to 61000 */
    assert_int_equal(take("a", 60000), 1);     /* A renews its own, to 120000 */
    assert_int_equal(take("b", 61000), 0);
    assert_int_equal(take("b", 120000), 1);    /* ran out: B leads */
    assert_int_equal(take("a", 120001), 0);
    sh_err err = {0};
    assert_int_equal(sh_lease_release(db, "sweep", "a", &err), 0); /* not A's: nothing changes */
    assert_int_equal(take("a", 120002), 0);
    assert_int_equal(sh_lease_release(db, "sweep", "b", &err), 0); /* B stops: A leads at once */
    assert_int_equal(take("a", 120003), 1);
    assert_int_equal(take("a", 120003), 1);
    int led = 0;
    assert_int_equal(sh_lease_take(db, "other", "b", 120003, 1000, &led, &err), 0); /* each job its own lease */
    assert_int_equal(led, 1);
}

static void the_instance_names_host_pid_and_start(void **state)
{
    (void)state;
    const char *id = sh_instance_id();
    assert_non_null(strchr(id, ':'));
    assert_string_equal(id, sh_instance_id());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_leads_until_it_runs_out_or_gives_up),
        cmocka_unit_test(the_instance_names_host_pid_and_start),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
