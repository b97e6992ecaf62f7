#include "domain/workshop/catalogue.h"

#include <pthread.h>
#include <string.h>

#include "core/buf.h"
#include "core/data.h"
#include "core/validate.h"

enum { MAX_ENTRIES = 200, MAX_KEYWORDS = 12 };

typedef struct entry {
    char *code, *name, *extra, *source; /* extra: examples (catalogue) or keywords (negative list) */
} entry;

static entry catalogue[MAX_ENTRIES], negative[MAX_ENTRIES];
static int ncatalogue, nnegative;
static pthread_once_t once = PTHREAD_ONCE_INIT;

struct table {
    entry *rows;
    int *n;
};

static int take(char **f, int n, void *ctx)
{
    struct table *t = ctx;
    if (n < 4 || *t->n == MAX_ENTRIES)
        return 0;
    entry *e = &t->rows[(*t->n)++];
    e->code = sh_xstrdup(f[0]);
    e->name = sh_xstrdup(f[1]);
    e->extra = sh_xstrdup(f[2]);
    e->source = sh_xstrdup(f[3]);
    return 0;
}

static void load(void)
{
    struct table c = {catalogue, &ncatalogue}, ng = {negative, &nnegative};
    sh_data_each_row(sh_data_file("data/workshops/catalogue.csv"), 4, take, &c);
    sh_data_each_row(sh_data_file("data/workshops/negative.csv"), 4, take, &ng);
}

const char *sh_ws_catalogue_name(const char *code)
{
    pthread_once(&once, load);
    for (int i = 0; code && i < ncatalogue; i++)
        if (!strcmp(catalogue[i].code, code))
            return catalogue[i].name;
    return NULL;
}

/* The negative-list entry that code or name falls under, or NULL; *kw the keyword matched (or NULL). */
static const entry *negative_hit(const char *code, const char *name, char kw[64])
{
    for (int i = 0; i < nnegative; i++) {
        const entry *e = &negative[i];
        if (code && !strcmp(e->code, code)) {
            kw[0] = '\0';
            return e;
        }
        for (const char *p = e->extra; p && *p;) {
            size_t len = strcspn(p, "|");
            if (len > 0 && len < 64) {
                memcpy(kw, p, len);
                kw[len] = '\0';
                if (name && strstr(name, kw))
                    return e;
            }
            p += len + (p[len] == '|');
        }
    }
    return NULL;
}

int sh_ws_check_products(const json_t *products, sh_err *err)
{
    pthread_once(&once, load);
    if (!json_is_array(products) || json_array_size(products) == 0)
        return sh_fail(err, SH_EINVAL, "products", "请至少填写一种产品 (at least one product)");
    if (json_array_size(products) > 30)
        return sh_fail(err, SH_EINVAL, "products", "产品最多30种 (at most 30 products)");
    size_t i;
    json_t *p;
    json_array_foreach(products, i, p) {
        char field[40];
        const char *code = json_string_value(json_object_get(p, "code")), *name = json_string_value(json_object_get(p, "name"));
        snprintf(field, sizeof field, "products[%zu].code", i);
        if (!json_is_object(p) || !code || !*code)
            return sh_fail(err, SH_EINVAL, field, "第%zu种产品：请选择目录类别 (choose the catalogue category)", i + 1);
        char kw[64];
        const entry *bad = negative_hit(code, NULL, kw);
        if (bad)
            return sh_fail(err, SH_EINVAL, field, "第%zu种产品属于负面清单%s“%s”，小作坊不得生产（依据：%s） (on the negative list)", i + 1,
                           bad->code, bad->name, bad->source);
        if (!sh_ws_catalogue_name(code))
            return sh_fail(err, SH_EINVAL, field, "第%zu种产品的类别“%s”不在本省小作坊生产加工食品品种目录内 (not in the catalogue)", i + 1, code);
        snprintf(field, sizeof field, "products[%zu].name", i);
        if (!name || sh_check_text(name, 1, 40, field, err))
            return sh_fail(err, SH_EINVAL, field, "第%zu种产品：请填写产品名称（1-40字） (name, 1 to 40 characters)", i + 1);
        if ((bad = negative_hit(NULL, name, kw)) != NULL)
            return sh_fail(err, SH_EINVAL, field, "“%s”属于负面清单%s“%s”（含“%s”），小作坊不得生产（依据：%s） (on the negative list)", name,
                           bad->code, bad->name, kw, bad->source);
        for (size_t j = 0; j < i; j++) {
            json_t *q = json_array_get(products, j);
            if (!strcmp(json_string_value(json_object_get(q, "name")), name) && !strcmp(json_string_value(json_object_get(q, "code")), code))
                return sh_fail(err, SH_EINVAL, field, "“%s”重复填写 (listed twice)", name);
        }
    }
    return 0;
}

static json_t *rows_json(const entry *rows, int n, const char *extra_key)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}", "code", rows[i].code, "name", rows[i].name, extra_key, rows[i].extra,
                                           "source", rows[i].source));
    return a;
}

json_t *sh_ws_catalogue_json(void)
{
    pthread_once(&once, load);
    return json_pack("{s:o, s:o}", "catalogue", rows_json(catalogue, ncatalogue, "examples"), "negative",
                     rows_json(negative, nnegative, "keywords"));
}
