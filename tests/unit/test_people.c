/* The spot exam's pure parts (domain/people/bank.c): the shipped bank parses and is well formed, a
 * seed always draws the same questions without repetition, and answers are checked by kind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/people/people.h"

static void bank_is_well_formed(void **state)
{
    (void)state;
    const json_t *bank = sh_exam_bank();
    assert_true(json_array_size(bank) >= 40);
    size_t i;
    json_t *q;
    json_array_foreach(bank, i, q)
    {
        const char *kind = json_string_value(json_object_get(q, "kind"));
        assert_non_null(kind);
        assert_non_null(json_string_value(json_object_get(q, "text")));
        assert_non_null(json_string_value(json_object_get(q, "source")));
        int right = 0;
        sh_err err = {0};
        /* its own key is a well-formed, right answer */
        assert_int_equal(sh_exam_check_answer(q, json_object_get(q, "answer"), "a", &right, &err), 0);
        assert_true(right);
        assert_ptr_equal(sh_exam_question(json_string_value(json_object_get(q, "id"))), q);
    }
}

static void a_seed_draws_the_same_questions(void **state)
{
    (void)state;
    json_t *a = sh_exam_draw(123456789, 20), *b = sh_exam_draw(123456789, 20), *c = sh_exam_draw(987654321, 20);
    assert_int_equal(json_array_size(a), 20);
    assert_true(json_equal(a, b));
    assert_false(json_equal(a, c));
    for (size_t i = 0; i < 20; i++)
        for (size_t j = i + 1; j < 20; j++)
            assert_string_not_equal(json_string_value(json_array_get(a, i)), json_string_value(json_array_get(a, j)));
    json_t *all = sh_exam_draw(1, 10000);
    assert_int_equal(json_array_size(all), json_array_size(sh_exam_bank()));
    json_decref(a);
    json_decref(b);
    json_decref(c);
    json_decref(all);
}

static void answers_are_checked_by_kind(void **state)
{
    (void)state;
    json_t *single = json_pack("{s:s, s:[s,s,s,s], s:s}", "kind", "single", "options", "a", "b", "c", "d", "answer", "C");
    json_t *multi = json_pack("{s:s, s:[s,s,s,s], s:[s,s]}", "kind", "multiple", "options", "a", "b", "c", "d", "answer", "A", "C");
    json_t *tf = json_pack("{s:s, s:b}", "kind", "truefalse", "answer", 0);
    sh_err err = {0};
    int right = -1;
    json_t *v = json_string("C");
    assert_int_equal(sh_exam_check_answer(single, v, "x", &right, &err), 0);
    assert_true(right);
    json_decref(v);
    v = json_string("E"); /* not an option */
    assert_int_equal(sh_exam_check_answer(single, v, "answers.q1", &right, &err), SH_EINVAL);
    assert_string_equal(err.field, "answers.q1");
    json_decref(v);
    v = json_pack("[s,s]", "C", "A");
    assert_int_equal(sh_exam_check_answer(multi, v, "x", &right, &err), 0);
    assert_true(right);
    json_decref(v);
    v = json_pack("[s]", "A"); /* half right is wrong */
    assert_int_equal(sh_exam_check_answer(multi, v, "x", &right, &err), 0);
    assert_false(right);
    json_decref(v);
    v = json_pack("[s,s]", "A", "A");
    assert_int_equal(sh_exam_check_answer(multi, v, "x", &right, &err), SH_EINVAL);
    json_decref(v);
    assert_int_equal(sh_exam_check_answer(tf, json_false(), "x", &right, &err), 0);
    assert_true(right);
    v = json_string("false");
    assert_int_equal(sh_exam_check_answer(tf, v, "x", &right, &err), SH_EINVAL);
    json_decref(v);
    json_decref(single);
    json_decref(multi);
    json_decref(tf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bank_is_well_formed),
        cmocka_unit_test(a_seed_draws_the_same_questions),
        cmocka_unit_test(answers_are_checked_by_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
