/* The question bank (people.h): data/people/exam-questions.json, written from the text of SAMR Order 60
 * and the Food Safety Law with each question's source clause; parsed once per process. The draw is a
 * partial Fisher-Yates shuffle driven by the shared RNG (core/rng.h) from the exam's recorded seed. */
#include "domain/people/people.h"

#include <pthread.h>
#include <string.h>

#include "core/data.h"
#include "core/rng.h"

#define BANK_PATH "data/people/exam-questions.json"
#define DRAW_STREAM 0x6578616dULL /* "exam" */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static json_t *bank; /* the array of questions; never freed, never changed after load */

static void load(void)
{
    const char *text = sh_data_file(BANK_PATH);
    json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
    json_t *q = json_object_get(doc, "questions");
    bank = json_is_array(q) ? json_incref(q) : json_array();
    json_decref(doc);
}

const json_t *sh_exam_bank(void)
{
    pthread_once(&once, load);
    return bank;
}

const json_t *sh_exam_question(const char *id)
{
    const json_t *b = sh_exam_bank();
    size_t i;
    json_t *q;
    json_array_foreach(b, i, q) if (id && !strcmp(json_string_value(json_object_get(q, "id")), id)) return q;
    return NULL;
}

json_t *sh_exam_draw(uint64_t seed, int n)
{
    const json_t *b = sh_exam_bank();
    size_t size = json_array_size(b);
    if (n < 0)
        n = 0;
    if ((size_t)n > size)
        n = (int)size;
    size_t idx[512];
    if (size > sizeof idx / sizeof *idx)
        size = sizeof idx / sizeof *idx;
    for (size_t i = 0; i < size; i++)
        idx[i] = i;
    sh_rng r;
    sh_rng_init(&r, seed, DRAW_STREAM, 0);
    json_t *out = json_array();
    for (int k = 0; k < n; k++) {
        size_t j = (size_t)k + (size_t)sh_rng_below(&r, (long)(size - (size_t)k));
        size_t t = idx[k];
        idx[k] = idx[j];
        idx[j] = t;
        json_array_append_new(out, json_string(json_string_value(json_object_get(json_array_get(b, idx[k]), "id"))));
    }
    return out;
}

static int letter(const json_t *v, size_t options)
{
    const char *s = json_string_value(v);
    return s && strlen(s) == 1 && s[0] >= 'A' && (size_t)(s[0] - 'A') < options ? s[0] - 'A' : -1;
}

int sh_exam_check_answer(const json_t *q, const json_t *answer, const char *field, int *ret_right, sh_err *err)
{
    const char *kind = json_string_value(json_object_get(q, "kind"));
    const json_t *key = json_object_get(q, "answer");
    size_t options = json_array_size(json_object_get(q, "options"));
    if (!strcmp(kind, "truefalse")) {
        if (!json_is_boolean(answer))
            return sh_fail(err, SH_EINVAL, field, "%s：判断题应答“对”或“错” (true or false)", field);
        *ret_right = json_is_true(answer) == json_is_true(key);
        return 0;
    }
    if (!strcmp(kind, "single")) {
        if (letter(answer, options) < 0)
            return sh_fail(err, SH_EINVAL, field, "%s：单选题应选一个选项 (one of the options)", field);
        *ret_right = !strcmp(json_string_value(answer), json_string_value(key));
        return 0;
    }
    unsigned chosen = 0, want = 0;
    size_t i;
    json_t *v;
    if (!json_is_array(answer) || !json_array_size(answer))
        return sh_fail(err, SH_EINVAL, field, "%s：多选题应选至少一个选项 (at least one option)", field);
    json_array_foreach(answer, i, v)
    {
        int l = letter(v, options);
        if (l < 0 || (chosen & (1u << l)))
            return sh_fail(err, SH_EINVAL, field, "%s：多选题的选项应各不相同且在选项之内 (distinct options)", field);
        chosen |= 1u << l;
    }
    json_array_foreach(key, i, v) want |= 1u << letter(v, options);
    *ret_right = chosen == want;
    return 0;
}
