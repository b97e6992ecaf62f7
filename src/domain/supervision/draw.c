/* The random draw, shared by inspections and sampling (draw.h). Stored seeds replay: the order in
 * which the generator is consumed (the candidates' shuffle, then one shuffle of the pool per drawn
 * business) is part of every stored draw and must never change. */
#include "domain/supervision/draw.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rng.h"
#include "core/timeutil.h"

/* Fisher-Yates over a JSON array of integers, in place. */
static void shuffle(json_t *arr, uint64_t *state)
{
    for (size_t i = json_array_size(arr); i > 1; i--) {
        size_t j = (size_t)(sh_splitmix64(state) % i);
        json_t *a = json_incref(json_array_get(arr, i - 1)), *b = json_incref(json_array_get(arr, j));
        json_array_set_new(arr, i - 1, b);
        json_array_set_new(arr, j, a);
    }
}

static int in_array(json_t *arr, json_int_t v)
{
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x) if (json_integer_value(x) == v) return 1;
    return 0;
}

/* Moves the candidates listed in priority (businesses under strict supervision) to the front, each
 * group keeping its shuffled order: they are drawn before any other. A draw stored without a priority
 * list replays unchanged. */
static void put_first(json_t *ents, json_t *priority)
{
    if (!json_array_size(priority))
        return;
    json_t *first = json_array(), *rest = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(ents, i, v) json_array_append(in_array(priority, json_integer_value(v)) ? first : rest, v);
    json_array_extend(first, rest);
    json_array_clear(ents);
    json_array_extend(ents, first);
    json_decref(first);
    json_decref(rest);
}

static int is_sampling(json_t *params)
{
    const char *p = json_string_value(json_object_get(params, "purpose"));
    return p && !strcmp(p, "sampling");
}

int sh_draw_compute(json_t *params, uint64_t seed, json_t **ret, sh_err *err)
{
    int sampling = is_sampling(params);
    const char *team_key = sampling ? "samplers" : "inspectors";
    json_t *ents = json_deep_copy(json_object_get(params, "candidates"));
    json_t *people = json_object_get(params, team_key);
    json_t *conflicts = json_object_get(params, "conflicts");
    size_t count = (size_t)json_integer_value(json_object_get(params, "count"));
    size_t team = (size_t)json_integer_value(json_object_get(params, "team_size"));
    if (!ents)
        ents = json_array();
    uint64_t r = seed;
    if (!json_is_true(json_object_get(params, "fixed")))
        shuffle(ents, &r);
    put_first(ents, json_object_get(params, "priority"));
    json_t *result = json_array();
    for (size_t i = 0; i < count && i < json_array_size(ents); i++) {
        json_int_t eid = json_integer_value(json_array_get(ents, i));
        char key[32];
        snprintf(key, sizeof key, "%lld", (long long)eid);
        json_t *avoid = json_object_get(conflicts, key);
        json_t *pool = json_array();
        size_t k;
        json_t *u;
        json_array_foreach(people, k, u) if (!avoid || !in_array(avoid, json_integer_value(u)))
            json_array_append(pool, u);
        if (json_array_size(pool) < team) {
            json_decref(pool);
            json_decref(ents);
            json_decref(result);
            if (sampling)
                return sh_fail(err, SH_EINVAL, "samplers", "可抽取的抽样人员不足 (not enough samplers without a conflict for business %lld)",
                               (long long)eid);
            return sh_fail(err, SH_EINVAL, "team_size", "可抽取的检查人员不足 (not enough inspectors without a conflict for business %lld)",
                           (long long)eid);
        }
        shuffle(pool, &r);
        while (json_array_size(pool) > team)
            json_array_remove(pool, json_array_size(pool) - 1);
        json_t *pick = json_pack("{s:I}", "entity_id", eid);
        json_object_set_new(pick, team_key, pool);
        json_array_append_new(result, pick);
    }
    json_decref(ents);
    *ret = result;
    return 0;
}

int sh_draw_new_seed(uint64_t *ret_seed, sh_err *err)
{
    if (sodium_init() < 0)
        return sh_fail(err, SH_EINTERNAL, "", "libsodium failed");
    uint64_t seed = 0;
    while (!seed) {
        randombytes_buf(&seed, sizeof seed);
        /* 53 bits: fits SQLite's signed integer and stays exact as a JSON number read into a double
         * (the console shows the recorded seed and sends it back to replay) */
        seed &= 0x1fffffffffffffULL;
    }
    *ret_seed = seed;
    return 0;
}

int sh_draw_record(sh_db *db, const sh_principal *actor, uint64_t seed, json_t *params, json_t *result, int64_t *ret_id,
                   sh_err *err)
{
    char *p = json_dumps(params, JSON_COMPACT), *r = json_dumps(result, JSON_COMPACT);
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO draws(seed, params, result, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id", err);
    if (st) {
        sh_bind_int64(st, 1, (int64_t)seed);
        sh_bind_text(st, 2, p);
        sh_bind_text(st, 3, r);
        sh_bind_int64_or_null(st, 4, actor->user_id);
        sh_bind_int64(st, 5, sh_now_ms());
    }
    int rc = sh_stmt_insert_id(st, ret_id, err);
    free(p);
    free(r);
    return rc;
}

/* A draw is seen by the planners whose jurisdiction covers the one it was drawn in (its author's), never
 * by the drawn businesses, nor by officials of other townships, before or after an unannounced visit. */
static int may_see_draw(const sh_principal *actor, const char *author_division)
{
    if (!sh_principal_can_edit_registry(actor))
        return 0;
    return actor->scope.kind == SH_SCOPE_ALL || (author_division && sh_scope_covers_division(&actor->scope, author_division));
}

int sh_draw_verify(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT d.seed, d.params, d.result, u.division_code FROM draws d"
                                    " LEFT JOIN users u ON u.id = d.created_by WHERE d.id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    json_t *params = NULL, *stored = NULL;
    uint64_t seed = 0;
    if (rc == SH_ROW && may_see_draw(actor, sh_col_is_null(st, 3) ? NULL : sh_col_text(st, 3))) {
        seed = (uint64_t)sh_col_int64(st, 0);
        params = json_loads(sh_col_text(st, 1), 0, NULL);
        stored = json_loads(sh_col_text(st, 2), 0, NULL);
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!params || !stored) {
        json_decref(params);
        json_decref(stored);
        return sh_fail(err, SH_ENOTFOUND, "id", "抽取记录不存在 (no such draw)");
    }
    json_t *again = NULL;
    rc = sh_draw_compute(params, seed, &again, err);
    if (rc == 0)
        *ret = json_pack("{s:I, s:s, s:I, s:b, s:I, s:o}", "draw_id", (json_int_t)id, "purpose",
                         is_sampling(params) ? "sampling" : "inspection", "seed", (json_int_t)seed, "reproduced",
                         json_equal(again, stored), "candidates", (json_int_t)json_array_size(json_object_get(params, "candidates")),
                         "result", again);
    json_decref(params);
    json_decref(stored);
    return rc;
}
