/* Limits as data: the shipped subset seeded, full tables imported, and the lookup up the category
 * tree (limits.h). */
#include "domain/sampling/limits.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/data.h"
#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/sampling/units.h"
#include "store/qb.h"
#include "store/rows.h"

/* ---- lookup ---- */

static int name_of(sh_db *db, const char *sql, const char *code, char *name, size_t n)
{
    sh_stmt *st = code ? sh_db_prepare(db, sql, NULL) : NULL;
    if (!st)
        return 0;
    sh_bind_text(st, 1, code);
    int found = sh_stmt_step(st, NULL) == SH_ROW;
    if (found && name)
        snprintf(name, n, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    return found;
}

int sh_analyte_name(sh_db *db, const char *code, char *name, size_t n)
{
    return name_of(db, "SELECT name FROM analytes WHERE code = ?", code, name, n);
}

int sh_food_category_name(sh_db *db, const char *code, char *name, size_t n)
{
    return name_of(db, "SELECT name FROM food_categories WHERE code = ?", code, name, n);
}

static void text_into(char *out, size_t n, sh_stmt *st, int col)
{
    snprintf(out, n, "%s", sh_col_is_null(st, col) ? "" : sh_col_text(st, col));
}

int sh_limit_find(sh_db *db, const char *analyte, const char *category, const char *field_analyte, sh_limit *out,
                  sh_err *err)
{
    char code[64], parent[64];
    if (!sh_food_category_name(db, category, NULL, 0))
        return sh_fail(err, SH_EINVAL, "food_category", "未知的食品类别 (unknown food category)");
    snprintf(code, sizeof code, "%s", category);
    /* walk up the tree; a tree is shallow, and a cycle is cut by the depth bound */
    for (int depth = 0; depth < 16 && code[0]; depth++) {
        sh_stmt *st = sh_db_prepare(db,
                                    "SELECT l.food_category, l.kind, l.value, l.unit, l.plan_n, l.plan_c, l.plan_m, l.plan_big_m,"
                                    " l.standard, l.clause, l.residue_definition FROM limits l"
                                    " WHERE l.analyte = ? AND l.food_category = ? ORDER BY l.standard DESC",
                                    err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_text(st, 1, analyte);
        sh_bind_text(st, 2, code);
        int rc = sh_stmt_step(st, err);
        if (rc == SH_ROW) {
            memset(out, 0, sizeof *out);
            snprintf(out->analyte, sizeof out->analyte, "%s", analyte);
            text_into(out->food_category, sizeof out->food_category, st, 0);
            text_into(out->kind, sizeof out->kind, st, 1);
            out->value = sh_col_is_null(st, 2) ? 0 : sh_col_double(st, 2);
            text_into(out->unit, sizeof out->unit, st, 3);
            out->n = (int)sh_col_int64(st, 4);
            out->c = (int)sh_col_int64(st, 5);
            out->m = sh_col_is_null(st, 6) ? 0 : sh_col_double(st, 6);
            out->has_big_m = !sh_col_is_null(st, 7);
            out->big_m = out->has_big_m ? sh_col_double(st, 7) : 0;
            text_into(out->standard, sizeof out->standard, st, 8);
            text_into(out->clause, sizeof out->clause, st, 9);
            text_into(out->residue, sizeof out->residue, st, 10);
        }
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        if (rc == SH_ROW)
            return 0;
        parent[0] = '\0';
        st = sh_db_prepare(db, "SELECT parent FROM food_categories WHERE code = ?", err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_text(st, 1, code);
        if (sh_stmt_step(st, err) == SH_ROW && !sh_col_is_null(st, 0))
            snprintf(parent, sizeof parent, "%s", sh_col_text(st, 0));
        sh_stmt_done(st);
        snprintf(code, sizeof code, "%s", parent);
    }
    return sh_fail(err, SH_ENOTFOUND, field_analyte, "该食品类别及其上级类别均无此项目的限量 (no limit for this analyte on the category or any above it)");
}

/* ---- seeding and import: one row writer for both ---- */

typedef struct import_ctx {
    sh_db *db;
    const char *what;
    int replace; /* import: a new edition replaces; seed: never overwrite */
    int line, count;
    sh_err *err;
} import_ctx;

static int row_fail(import_ctx *x, const char *column, const char *why)
{
    char field[48];
    snprintf(field, sizeof field, "line %d", x->line);
    return sh_fail(x->err, SH_EINVAL, field, "第%d行%s：%s (line %d, %s)", x->line, column, why, x->line, column);
}

static int code_ok(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '_' && s[i] != '.')
            return 0;
    return 1;
}

static int text_ok(const char *s, size_t max_chars)
{
    return sh_check_text(s, 1, max_chars, "", NULL) == 0;
}

/* A number ≥ 0 in the whole field; empty is absent (*present 0). */
static int number_field(const char *s, double *out, int *present)
{
    *present = s && *s;
    if (!*present)
        return 0;
    char *end;
    *out = strtod(s, &end);
    return *end == '\0' && isfinite(*out) && *out >= 0 ? 0 : -1;
}

static int exec_row(import_ctx *x, const char *insert, const char *conflict_update, const char *conflict_key,
                    const char **texts, int ntexts, const double *nums, const int *has_nums, int nnums)
{
    char sql[900];
    snprintf(sql, sizeof sql, "%s ON CONFLICT (%s) DO %s", insert, conflict_key, x->replace ? conflict_update : "NOTHING");
    sh_stmt *st = sh_db_prepare(x->db, sql, x->err);
    if (!st)
        return SH_EINTERNAL;
    int i = 1;
    for (int k = 0; k < ntexts; k++)
        sh_bind_text(st, i++, texts[k] && *texts[k] ? texts[k] : NULL);
    for (int k = 0; k < nnums; k++)
        if (has_nums[k])
            sh_bind_double(st, i++, nums[k]);
        else
            sh_bind_null(st, i++);
    int rc = sh_stmt_step(st, x->err);
    sh_stmt_done(st);
    if (rc >= 0)
        x->count++;
    return rc < 0 ? rc : 0;
}

static int category_row(char **f, int n, void *ctx)
{
    import_ctx *x = ctx;
    x->line++;
    if (n != 3)
        return row_fail(x, "", "应为3列：code,parent,name (3 columns expected)");
    if (!code_ok(f[0], 60))
        return row_fail(x, "code", "应为小写字母、数字、下划线和点 (lower-case letters, digits, _ and .)");
    if (f[1][0] && !sh_food_category_name(x->db, f[1], NULL, 0))
        return row_fail(x, "parent", "上级类别不存在，须先列出 (the parent must exist or come earlier)");
    if (!text_ok(f[2], 100))
        return row_fail(x, "name", "应为1-100个字符 (1 to 100 characters)");
    const char *t[] = {f[0], f[1], f[2]};
    return exec_row(x, "INSERT INTO food_categories(code, parent, name) VALUES (?, ?, ?)",
                    "UPDATE SET parent = excluded.parent, name = excluded.name", "code", t, 3, NULL, NULL, 0);
}

static int analyte_row(char **f, int n, void *ctx)
{
    import_ctx *x = ctx;
    x->line++;
    static const char *const classes[] = {"mycotoxin", "contaminant", "pesticide", "additive", "microbe", "other", NULL};
    if (n != 3)
        return row_fail(x, "", "应为3列：code,name,class (3 columns expected)");
    if (!code_ok(f[0], 30))
        return row_fail(x, "code", "应为小写字母、数字、下划线和点 (lower-case letters, digits, _ and .)");
    if (!text_ok(f[1], 100))
        return row_fail(x, "name", "应为1-100个字符 (1 to 100 characters)");
    int known = 0;
    for (int i = 0; classes[i]; i++)
        known |= !strcmp(f[2], classes[i]);
    if (!known)
        return row_fail(x, "class", "应为mycotoxin、contaminant、pesticide、additive、microbe或other");
    const char *t[] = {f[0], f[1], f[2]};
    return exec_row(x, "INSERT INTO analytes(code, name, class) VALUES (?, ?, ?)",
                    "UPDATE SET name = excluded.name, class = excluded.class", "code", t, 3, NULL, NULL, 0);
}

/* analyte,food_category,kind,value,unit,n,c,m,M,standard,clause,residue_definition */
static int limit_row(char **f, int n, void *ctx)
{
    import_ctx *x = ctx;
    x->line++;
    if (n != 12)
        return row_fail(x, "", "应为12列：analyte,food_category,kind,value,unit,n,c,m,M,standard,clause,residue_definition");
    if (!sh_analyte_name(x->db, f[0], NULL, 0))
        return row_fail(x, "analyte", "检测项目不存在，须先导入 (unknown analyte)");
    if (!sh_food_category_name(x->db, f[1], NULL, 0))
        return row_fail(x, "food_category", "食品类别不存在，须先导入 (unknown food category)");
    sh_unit unit;
    if (sh_unit_parse(f[4], &unit) != 0)
        return row_fail(x, "unit", "未知的单位 (unknown unit)");
    double v[5];
    int has[5];
    for (int i = 0; i < 5; i++)
        if (number_field(f[i == 0 ? 3 : 4 + i], &v[i], &has[i]) != 0)
            return row_fail(x, i == 0 ? "value" : i == 1 ? "n" : i == 2 ? "c" : i == 3 ? "m" : "M", "应为不小于0的数 (a number >= 0)");
    int microbial = !strcmp(f[2], "microbial");
    if (!microbial && strcmp(f[2], "max") && strcmp(f[2], "not_detected"))
        return row_fail(x, "kind", "应为max、not_detected或microbial");
    if (!microbial && (!has[0] || v[0] <= 0))
        return row_fail(x, "value", "限量或检出限应大于0 (a level above 0)");
    if (microbial) {
        if (unit.family != SH_UNIT_COUNT)
            return row_fail(x, "unit", "微生物限量应为CFU/g等计数单位 (a count unit)");
        if (!has[1] || !has[2] || !has[3] || v[1] < 1 || v[1] > 100 || v[2] > v[1] || v[1] != floor(v[1]) || v[2] != floor(v[2]))
            return row_fail(x, "n/c/m", "采样方案应有整数n≥1、0≤c≤n和m (a plan needs whole n >= 1, 0 <= c <= n, and m)");
        if (has[4] && v[4] < v[3])
            return row_fail(x, "M", "M不应小于m (M must not be below m)");
    }
    if (!text_ok(f[9], 40) || !text_ok(f[10], 80))
        return row_fail(x, "standard/clause", "须写明标准编号和条款 (the standard and its clause are required)");
    if (f[11][0] && !text_ok(f[11], 120))
        return row_fail(x, "residue_definition", "应为1-120个字符 (1 to 120 characters)");
    /* n and c bind as numbers; stored in INTEGER columns they keep their whole values */
    const char *t[] = {f[0], f[1], f[2], unit.canonical, f[9], f[10], f[11]};
    double nums[6] = {v[0], v[1], v[2], v[3], v[4], (double)sh_now_ms()};
    int has_nums[6] = {has[0] && !microbial, has[1], has[2], has[3], has[4], 1};
    return exec_row(x,
                    "INSERT INTO limits(analyte, food_category, kind, unit, standard, clause, residue_definition,"
                    " value, plan_n, plan_c, plan_m, plan_big_m, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "UPDATE SET kind = excluded.kind, unit = excluded.unit, clause = excluded.clause,"
                    " residue_definition = excluded.residue_definition, value = excluded.value, plan_n = excluded.plan_n,"
                    " plan_c = excluded.plan_c, plan_m = excluded.plan_m, plan_big_m = excluded.plan_big_m,"
                    " updated_at = excluded.updated_at",
                    "analyte, food_category, standard", t, 7, nums, has_nums, 6);
}

static int (*row_writer(const char *what))(char **, int, void *)
{
    if (!what)
        return NULL;
    if (!strcmp(what, "categories"))
        return category_row;
    if (!strcmp(what, "analytes"))
        return analyte_row;
    if (!strcmp(what, "limits"))
        return limit_row;
    return NULL;
}

static int write_rows(import_ctx *x, const char *csv)
{
    int (*fn)(char **, int, void *) = row_writer(x->what);
    return sh_data_each_row(csv, 12, fn, x);
}

int sh_sampling_seed(sh_db *db, sh_err *err)
{
    static const char *const files[][2] = {{"categories", "data/sampling/food-categories.csv"},
                                           {"analytes", "data/sampling/analytes.csv"},
                                           {"limits", "data/sampling/limits.csv"}};
    int rc = sh_db_begin(db, err);
    for (size_t i = 0; rc == 0 && i < 3; i++) {
        const char *text = sh_data_file(files[i][1]);
        if (!text) {
            rc = sh_fail(err, SH_EINTERNAL, "", "%s is not built in", files[i][1]);
            break;
        }
        import_ctx x = {db, files[i][0], 0, 0, 0, err};
        rc = write_rows(&x, text);
    }
    return rc ? (sh_db_rollback(db), rc) : sh_db_commit(db, err);
}

int sh_sampling_import(sh_db *db, const sh_principal *actor, const char *what, const char *csv, int *ret_count, sh_err *err)
{
    if (!row_writer(what))
        return sh_fail(err, SH_EINVAL, "what", "应为categories、analytes或limits (categories, analytes or limits)");
    if (actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY)
        return sh_fail(err, SH_EPERM, "", "限量标准由县局或管理员导入 (the county imports limit tables)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    import_ctx x = {db, what, 1, 0, 0, err};
    rc = write_rows(&x, csv);
    if (rc == 0 && x.count == 0)
        rc = sh_fail(err, SH_EINVAL, "file", "文件中没有数据行 (no rows in the file)");
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:i}", "table", what, "rows", x.count);
        rc = sh_audit(db, actor, "import", "limits", 0, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    if (rc == 0 && ret_count)
        *ret_count = x.count;
    return rc;
}

/* ---- lists ---- */

static json_t *opt_real(sh_stmt *st, int col)
{
    return sh_col_is_null(st, col) ? json_null() : json_real(sh_col_double(st, col));
}

static json_t *limit_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:s?}", "analyte",
                          sh_col_text(st, 0), "analyte_name", sh_col_text(st, 1), "food_category", sh_col_text(st, 2),
                          "food_category_name", sh_col_text(st, 3), "kind", sh_col_text(st, 4), "value", opt_real(st, 5),
                          "unit", sh_col_text(st, 6), "n", sh_col_is_null(st, 7) ? json_null() : json_integer(sh_col_int64(st, 7)),
                          "c", sh_col_is_null(st, 8) ? json_null() : json_integer(sh_col_int64(st, 8)), "m", opt_real(st, 9),
                          "M", opt_real(st, 10), "standard", sh_col_text(st, 11), "clause", sh_col_text(st, 12),
                          "residue_definition", sh_col_is_null(st, 13) ? NULL : sh_col_text(st, 13));
    return o;
}

struct limits_where {
    const char *analyte, *category;
};

static void limits_from_where(sh_qb *qb, const void *ctx)
{
    const struct limits_where *w = ctx;
    sh_qb_sql(qb, " FROM limits l JOIN analytes a ON a.code = l.analyte JOIN food_categories f ON f.code = l.food_category"
                  " WHERE 1 = 1");
    if (w->analyte) {
        sh_qb_sql(qb, " AND l.analyte = ");
        sh_qb_text(qb, w->analyte);
    }
    if (w->category) {
        sh_qb_sql(qb, " AND l.food_category = ");
        sh_qb_text(qb, w->category);
    }
}

int sh_limits_list(sh_db *db, const char *analyte, const char *category, int limit, int64_t offset, json_t **ret,
                   sh_err *err)
{
    struct limits_where w = {analyte, category};
    sh_page_query q = {"l.analyte, a.name, l.food_category, f.name, l.kind, l.value, l.unit, l.plan_n, l.plan_c, l.plan_m,"
                       " l.plan_big_m, l.standard, l.clause, l.residue_definition",
                       limits_from_where, &w, " ORDER BY l.analyte, l.food_category, l.standard", limit, offset, limit_json, NULL};
    return sh_rows_page(db, &q, ret, err);
}

static json_t *category_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s?, s:s}", "code", sh_col_text(st, 0), "parent", sh_col_is_null(st, 1) ? NULL : sh_col_text(st, 1),
                     "name", sh_col_text(st, 2));
}

int sh_food_categories_list(sh_db *db, int limit, int64_t offset, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM food_categories", err);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    int64_t total = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!(st = sh_db_prepare(db, "SELECT code, parent, name FROM food_categories ORDER BY code LIMIT ? OFFSET ?", err)))
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, limit);
    sh_bind_int64(st, 2, offset);
    json_t *items = json_array();
    if ((rc = sh_rows_append(st, category_json, NULL, items, err)) < 0) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);
    return 0;
}
