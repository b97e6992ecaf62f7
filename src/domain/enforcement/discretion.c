/* Discretion benchmarks (自由裁量基准) as data, and the range they suggest (case.h). */
#include "domain/enforcement/case.h"

#include <stdlib.h>
#include <string.h>

#include "core/data.h"
#include "domain/enforcement/penalty.h"
#include "store/rows.h"

static int seed_row(char **f, int n, void *ctx)
{
    sh_db *db = ((void **)ctx)[0];
    sh_err *err = ((void **)ctx)[1];
    if (n < 12 || !strcmp(f[0], "code"))
        return 0; /* the header */
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO discretion_rules(code, violation, breached, basis, fine_min, fine_max, threshold,"
                                " times_min, times_max, warning_first, note, listable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                " ON CONFLICT (code) DO NOTHING",
                                err);
    if (st) {
        for (int i = 0; i < 4; i++)
            sh_bind_text(st, i + 1, f[i]);
        sh_bind_int64(st, 5, atoll(f[4]));
        sh_bind_int64(st, 6, atoll(f[5]));
        for (int i = 6; i < 9; i++)
            sh_bind_int64_or_null(st, i + 1, atoll(f[i]));
        sh_bind_int64(st, 10, atoll(f[9]));
        sh_bind_text_or_null(st, 11, f[10]);
        sh_bind_int64(st, 12, atoll(f[11]));
    }
    return sh_stmt_run(st, err);
}

int sh_discretion_seed(sh_db *db, sh_err *err)
{
    const char *text = sh_data_file("data/enforcement/discretion.csv");
    if (!text)
        return sh_fail(err, SH_EINTERNAL, "", "data/enforcement/discretion.csv is not built in");
    void *ctx[2] = {db, err};
    return sh_data_each_row(text, 12, seed_row, ctx);
}

#define RULE_COLS                                                                                      \
    "code, violation, breached, basis, fine_min, fine_max, coalesce(threshold, 0), coalesce(times_min, 0)," \
    " coalesce(times_max, 0), warning_first, coalesce(note, ''), listable"

static json_t *rule_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:b, s:s, s:b}", "code", sh_col_text(st, 0), "violation",
                     sh_col_text(st, 1), "breached", sh_col_text(st, 2), "basis", sh_col_text(st, 3), "fine_min",
                     (json_int_t)sh_col_int64(st, 4), "fine_max", (json_int_t)sh_col_int64(st, 5), "threshold",
                     (json_int_t)sh_col_int64(st, 6), "times_min", (json_int_t)sh_col_int64(st, 7), "times_max",
                     (json_int_t)sh_col_int64(st, 8), "warning_first", (int)sh_col_int64(st, 9), "note", sh_col_text(st, 10), "listable",
                     (int)sh_col_int64(st, 11));
}

int sh_discretion_list(sh_db *db, json_t **ret, sh_err *err)
{
    json_t *items = json_array();
    int rc = sh_rows_append(sh_db_prepare(db, "SELECT " RULE_COLS " FROM discretion_rules ORDER BY code", err), rule_row, NULL,
                            items, err);
    if (rc) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o}", "items", items);
    return 0;
}

int sh_discretion_suggest(sh_db *db, const char *code, int64_t goods_value, const char *circumstance, json_t **ret,
                          sh_err *err)
{
    static const char *const levels[] = {"light", "general", "heavy"};
    int level = -1;
    for (int i = 0; circumstance && i < 3; i++)
        if (!strcmp(circumstance, levels[i]))
            level = i;
    if (level < 0)
        return sh_fail(err, SH_EINVAL, "circumstance", "情节：应为从轻、一般或从重 (circumstance must be light, general or heavy)");
    if (goods_value < 0)
        return sh_fail(err, SH_EINVAL, "goods_value_yuan", "货值金额：不能为负 (goods_value_yuan must be 0 or more)");
    sh_stmt *st = sh_db_prepare(db, "SELECT " RULE_COLS " FROM discretion_rules WHERE code = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code ? code : "");
    int rc = sh_stmt_step(st, err);
    if (rc != SH_ROW) {
        sh_stmt_done(st);
        return rc < 0 ? rc : sh_fail(err, SH_EINVAL, "violation_code", "违法行为：不在裁量基准中 (no such violation in the benchmarks)");
    }
    sh_fine_range r = {sh_col_int64(st, 4), sh_col_int64(st, 5), sh_col_int64(st, 6), sh_col_int64(st, 7), sh_col_int64(st, 8)};
    int64_t lo, hi;
    sh_fine_suggest(&r, goods_value, level, &lo, &hi);
    json_t *rule = rule_row(st, NULL);
    sh_stmt_done(st);
    *ret = json_pack("{s:I, s:I, s:s, s:o}", "lo", (json_int_t)lo, "hi", (json_int_t)hi, "circumstance", levels[level], "rule", rule);
    return 0;
}
