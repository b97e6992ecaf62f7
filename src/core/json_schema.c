/* JSON Schema draft-07 validation (json_schema.h). A recursive walk of schema and instance that stops
 * at the first broken rule; the instance path is built as it descends, so the error names the field. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json_schema.h"

#define MAX_DEPTH 96 /* nesting of schemas and values; a $ref cycle on one value ends here */

typedef struct pattern {
    const char *source; /* inside the schema's json_t, alive as long as it is */
    pcre2_code *re;
} pattern;

struct sh_json_schema {
    json_t *root;
    pattern *patterns;
    size_t npatterns;
};

typedef struct verr {
    char path[256];
    int segments; /* how deep in the instance the error is: the deepest alternative is reported */
    char message[256];
} verr;

typedef struct vctx {
    const sh_json_schema *schema;
    char path[256];
    size_t len;
    int segments, depth;
} vctx;

static int fail(const vctx *c, verr *e, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(const vctx *c, verr *e, const char *fmt, ...)
{
    snprintf(e->path, sizeof e->path, "%.*s", (int)c->len, c->path);
    e->segments = c->segments;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return 1;
}

/* ---- patterns ---- */

static int add_pattern(sh_json_schema *s, const char *source, sh_err *err)
{
    for (size_t i = 0; i < s->npatterns; i++)
        if (!strcmp(s->patterns[i].source, source))
            return 0;
    int code;
    PCRE2_SIZE offset;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)source, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &code, &offset, NULL);
    if (!re)
        return sh_fail(err, SH_EINVAL, "pattern", "schema pattern does not compile at %zu: %s", (size_t)offset, source);
    pattern *grown = realloc(s->patterns, (s->npatterns + 1) * sizeof *grown);
    if (!grown) {
        pcre2_code_free(re);
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    }
    s->patterns = grown;
    s->patterns[s->npatterns++] = (pattern){source, re};
    return 0;
}

/* Every "pattern" and patternProperties key of the schema, compiled up front. */
static int collect_patterns(sh_json_schema *s, const json_t *node, sh_err *err)
{
    int rc = 0;
    if (json_is_array(node)) {
        size_t i;
        json_t *v;
        json_array_foreach(node, i, v) if (!rc) rc = collect_patterns(s, v, err);
        return rc;
    }
    if (!json_is_object(node))
        return 0;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)node, key, v)
    {
        if (!strcmp(key, "pattern") && json_is_string(v))
            rc = add_pattern(s, json_string_value(v), err);
        else if (!strcmp(key, "patternProperties") && json_is_object(v)) {
            const char *p;
            json_t *sub;
            json_object_foreach(v, p, sub) if (!rc) rc = add_pattern(s, p, err);
        }
        if (!rc && !(!strcmp(key, "enum") || !strcmp(key, "const")))
            rc = collect_patterns(s, v, err);
        if (rc)
            return rc;
    }
    return 0;
}

static int pattern_matches(const sh_json_schema *s, const char *source, const char *text, size_t len)
{
    for (size_t i = 0; i < s->npatterns; i++) {
        if (strcmp(s->patterns[i].source, source))
            continue;
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(s->patterns[i].re, NULL);
        if (!md)
            return 0;
        int rc = pcre2_match(s->patterns[i].re, (PCRE2_SPTR)text, len, 0, 0, md, NULL);
        pcre2_match_data_free(md);
        return rc >= 0;
    }
    return 0;
}

int sh_json_schema_load(const char *text, sh_json_schema **out, sh_err *err)
{
    json_error_t je;
    json_t *root = json_loads(text, 0, &je);
    if (!root)
        return sh_fail(err, SH_EINVAL, "", "schema is not JSON: %s (line %d)", je.text, je.line);
    sh_json_schema *s = calloc(1, sizeof *s);
    if (!s) {
        json_decref(root);
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    }
    s->root = root;
    int rc = collect_patterns(s, root, err);
    if (rc) {
        sh_json_schema_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

void sh_json_schema_free(sh_json_schema *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->npatterns; i++)
        pcre2_code_free(s->patterns[i].re);
    free(s->patterns);
    json_decref(s->root);
    free(s);
}

/* ---- formats ---- */

static int is_uri(const char *v)
{
    if (!((*v >= 'A' && *v <= 'Z') || (*v >= 'a' && *v <= 'z')))
        return 0;
    const char *p = v + 1;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
           *p == '.')
        p++;
    if (*p != ':')
        return 0;
    for (; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7f || strchr("<>\"{}|\\^`", *p))
            return 0;
    return 1;
}

static int digits(const char *p, int n, int *value)
{
    *value = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        *value = *value * 10 + (p[i] - '0');
    }
    return 1;
}

/* RFC 3339 date-time: 2026-11-12T08:00:00.250+08:00 */
static int is_date_time(const char *v)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, mo, d, h, mi, s;
    if (strlen(v) < 20 || !digits(v, 4, &y) || v[4] != '-' || !digits(v + 5, 2, &mo) || v[7] != '-' || !digits(v + 8, 2, &d) ||
        !strchr("Tt ", v[10]) || !digits(v + 11, 2, &h) || v[13] != ':' || !digits(v + 14, 2, &mi) || v[16] != ':' ||
        !digits(v + 17, 2, &s))
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap) || h > 23 || mi > 59 || s > 60)
        return 0;
    const char *p = v + 19;
    if (*p == '.') {
        if (p[1] < '0' || p[1] > '9')
            return 0;
        for (p++; *p >= '0' && *p <= '9'; p++)
            ;
    }
    if ((*p == 'Z' || *p == 'z') && !p[1])
        return 1;
    int oh, om;
    return (*p == '+' || *p == '-') && digits(p + 1, 2, &oh) && p[3] == ':' && digits(p + 4, 2, &om) && !p[6] && oh <= 23 &&
           om <= 59;
}

/* ---- the walk ---- */

static int validate(vctx *c, const json_t *schema, const json_t *inst, verr *e);

static size_t push_key(vctx *c, const char *key)
{
    size_t saved = c->len;
    int n = snprintf(c->path + c->len, sizeof c->path - c->len, "%s%s", c->len ? "." : "", key);
    c->len = n < 0 ? c->len : c->len + (size_t)n >= sizeof c->path ? sizeof c->path - 1 : c->len + (size_t)n;
    c->segments++;
    return saved;
}

static size_t push_index(vctx *c, size_t i)
{
    size_t saved = c->len;
    int n = snprintf(c->path + c->len, sizeof c->path - c->len, "[%zu]", i);
    c->len = n < 0 ? c->len : c->len + (size_t)n >= sizeof c->path ? sizeof c->path - 1 : c->len + (size_t)n;
    c->segments++;
    return saved;
}

static void pop(vctx *c, size_t saved)
{
    c->len = saved;
    c->path[saved] = 0;
    c->segments--;
}

/* "#", "#/definitions/x" (a JSON pointer as a URI fragment: ~0 ~1 and %XX escapes) within the same document. */
static const json_t *resolve_ref(const sh_json_schema *s, const char *ref)
{
    if (ref[0] != '#')
        return NULL;
    const json_t *node = s->root;
    const char *p = ref + 1;
    while (*p == '/' && node) {
        char token[128];
        size_t n = 0;
        for (p++; *p && *p != '/' && n + 1 < sizeof token; p++) {
            unsigned hex;
            if (*p == '~' && (p[1] == '0' || p[1] == '1'))
                token[n++] = *++p == '0' ? '~' : '/';
            else if (*p == '%' && sscanf(p + 1, "%2x", &hex) == 1 && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2]))
                token[n++] = (char)hex, p += 2; /* a URI fragment: "%40context" is "@context" */
            else
                token[n++] = *p;
        }
        token[n] = 0;
        node = json_is_array(node) ? json_array_get(node, (size_t)strtoul(token, NULL, 10)) : json_object_get(node, token);
    }
    return *p ? NULL : node;
}

static int type_is(const json_t *inst, const char *type)
{
    if (!strcmp(type, "object"))
        return json_is_object(inst);
    if (!strcmp(type, "array"))
        return json_is_array(inst);
    if (!strcmp(type, "string"))
        return json_is_string(inst);
    if (!strcmp(type, "number"))
        return json_is_number(inst);
    if (!strcmp(type, "integer"))
        return json_is_integer(inst) || (json_is_real(inst) && floor(json_real_value(inst)) == json_real_value(inst));
    if (!strcmp(type, "boolean"))
        return json_is_boolean(inst);
    if (!strcmp(type, "null"))
        return json_is_null(inst);
    return 0;
}

static const char *type_name_zh(const char *type)
{
    static const char *const names[][2] = {{"object", "对象"}, {"array", "数组"},   {"string", "字符串"}, {"number", "数值"},
                                           {"integer", "整数"}, {"boolean", "布尔值"}, {"null", "null"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(type, names[i][0]))
            return names[i][1];
    return type;
}

static int check_type(vctx *c, const json_t *type, const json_t *inst, verr *e)
{
    if (json_is_string(type)) {
        const char *t = json_string_value(type);
        return type_is(inst, t) ? 0 : fail(c, e, "应为%s (must be of type %s)", type_name_zh(t), t);
    }
    size_t i;
    json_t *t;
    json_array_foreach(type, i, t) if (json_is_string(t) && type_is(inst, json_string_value(t))) return 0;
    return json_is_array(type) ? fail(c, e, "类型不符 (wrong type)") : 0;
}

static int check_enum(vctx *c, const json_t *schema, const json_t *inst, verr *e)
{
    const json_t *en = json_object_get(schema, "enum"), *cn = json_object_get(schema, "const");
    if (cn && !json_equal((json_t *)cn, (json_t *)inst))
        return fail(c, e, "取值不符 (must be the constant value)");
    if (!json_is_array(en))
        return 0;
    size_t i;
    json_t *v;
    json_array_foreach(en, i, v) if (json_equal(v, (json_t *)inst)) return 0;
    if (json_array_size(en) <= 6 && json_is_string(json_array_get(en, 0))) {
        char list[160] = "";
        json_array_foreach(en, i, v)
        {
            size_t l = strlen(list);
            snprintf(list + l, sizeof list - l, "%s%s", i ? ", " : "", json_string_value(v) ? json_string_value(v) : "?");
        }
        return fail(c, e, "取值应为其中之一：%s (must be one of: %s)", list, list);
    }
    return fail(c, e, "不在允许的取值中 (not one of the allowed values)");
}

static size_t utf8_length(const char *s, size_t bytes)
{
    size_t n = 0;
    for (size_t i = 0; i < bytes; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static int check_string(vctx *c, const json_t *schema, const json_t *inst, verr *e)
{
    const char *v = json_string_value(inst);
    size_t bytes = json_string_length(inst), len = utf8_length(v, bytes);
    json_t *k;
    if ((k = json_object_get(schema, "minLength")) && json_is_integer(k) && (json_int_t)len < json_integer_value(k))
        return fail(c, e, "至少%lld个字符 (at least %lld characters)", (long long)json_integer_value(k), (long long)json_integer_value(k));
    if ((k = json_object_get(schema, "maxLength")) && json_is_integer(k) && (json_int_t)len > json_integer_value(k))
        return fail(c, e, "至多%lld个字符 (at most %lld characters)", (long long)json_integer_value(k), (long long)json_integer_value(k));
    if ((k = json_object_get(schema, "pattern")) && json_is_string(k) && !pattern_matches(c->schema, json_string_value(k), v, bytes))
        return fail(c, e, "格式不符：%s (does not match %s)", json_string_value(k), json_string_value(k));
    const char *format = json_string_value(json_object_get(schema, "format"));
    if (format && !strcmp(format, "uri") && (strlen(v) != bytes || !is_uri(v)))
        return fail(c, e, "应为完整的URI (must be an absolute URI)");
    if (format && !strcmp(format, "date-time") && !is_date_time(v))
        return fail(c, e, "应为RFC 3339时间，如2026-11-12T08:00:00+08:00 (must be an RFC 3339 date-time)");
    return 0;
}

static int check_number(vctx *c, const json_t *schema, const json_t *inst, verr *e)
{
    double v = json_number_value(inst);
    static const char *const keys[] = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"};
    for (int i = 0; i < 4; i++) {
        json_t *k = json_object_get(schema, keys[i]);
        if (!json_is_number(k))
            continue;
        double b = json_number_value(k);
        int bad = i == 0 ? v < b : i == 1 ? v > b : i == 2 ? v <= b : v >= b;
        if (bad)
            return fail(c, e, "%s%s%g (must be %s %g)", i % 2 ? "应不大于" : "应不小于", i >= 2 ? "且不等于" : "", b,
                        i == 0 ? ">=" : i == 1 ? "<=" : i == 2 ? ">" : "<", b);
    }
    return 0;
}

static int check_array(vctx *c, const json_t *schema, const json_t *inst, verr *e)
{
    size_t n = json_array_size(inst);
    json_t *k;
    if ((k = json_object_get(schema, "minItems")) && json_is_integer(k) && (json_int_t)n < json_integer_value(k))
        return fail(c, e, "至少%lld项 (at least %lld items)", (long long)json_integer_value(k), (long long)json_integer_value(k));
    if ((k = json_object_get(schema, "maxItems")) && json_is_integer(k) && (json_int_t)n > json_integer_value(k))
        return fail(c, e, "至多%lld项 (at most %lld items)", (long long)json_integer_value(k), (long long)json_integer_value(k));
    if (json_is_true(json_object_get(schema, "uniqueItems")))
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++)
                if (json_equal(json_array_get(inst, i), json_array_get(inst, j))) {
                    size_t saved = push_index(c, j);
                    fail(c, e, "与第%zu项重复 (duplicate of item %zu)", i + 1, i);
                    pop(c, saved);
                    return 1;
                }
    const json_t *items = json_object_get(schema, "items");
    for (size_t i = 0; items && i < n; i++) {
        const json_t *sub = json_is_array(items) ? json_array_get(items, i) : items;
        if (!sub)
            break;
        size_t saved = push_index(c, i);
        int bad = validate(c, sub, json_array_get(inst, i), e);
        pop(c, saved);
        if (bad)
            return 1;
    }
    return 0;
}

static int matches_pattern_property(vctx *c, const json_t *pprops, const char *key, const json_t *value, int *matched, verr *e)
{
    const char *p;
    json_t *sub;
    json_object_foreach((json_t *)pprops, p, sub)
    {
        if (!pattern_matches(c->schema, p, key, strlen(key)))
            continue;
        *matched = 1;
        if (validate(c, sub, value, e))
            return 1;
    }
    return 0;
}

static int check_object(vctx *c, const json_t *schema, const json_t *inst, verr *e)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(schema, "required"), i, r)
    {
        const char *name = json_string_value(r);
        if (name && !json_object_get(inst, name)) {
            size_t saved = push_key(c, name);
            fail(c, e, "缺少必填字段%s (%s is required)", name, name);
            pop(c, saved);
            return 1;
        }
    }
    const json_t *props = json_object_get(schema, "properties"), *pprops = json_object_get(schema, "patternProperties");
    const json_t *extra = json_object_get(schema, "additionalProperties"), *names = json_object_get(schema, "propertyNames");
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)inst, key, value)
    {
        size_t saved = push_key(c, key);
        int bad = 0, matched = 0;
        if (names) {
            json_t *name = json_string(key);
            bad = validate(c, names, name, e);
            json_decref(name);
            if (bad)
                snprintf(e->message, sizeof e->message, "不允许的字段名%s (property %s is not allowed here)", key, key);
        }
        const json_t *sub = json_object_get(props, key);
        if (!bad && sub) {
            matched = 1;
            bad = validate(c, sub, value, e);
        }
        if (!bad && json_is_object(pprops))
            bad = matches_pattern_property(c, pprops, key, value, &matched, e);
        if (!bad && !matched && extra) {
            bad = validate(c, extra, value, e);
            if (bad && json_is_false(extra))
                snprintf(e->message, sizeof e->message, "不允许的字段%s (property %s is not allowed here)", key, key);
        }
        pop(c, saved);
        if (bad)
            return 1;
    }
    return 0;
}

/* anyOf / oneOf: how many alternatives hold; the deepest error of those that do not goes to e. */
static int count_passing(vctx *c, const json_t *alternatives, const json_t *inst, verr *e, int stop_at)
{
    int passing = 0;
    verr best = {.segments = -1}, tried;
    size_t i;
    json_t *sub;
    json_array_foreach(alternatives, i, sub)
    {
        if (!validate(c, sub, inst, &tried)) {
            if (++passing >= stop_at)
                break;
        } else if (tried.segments > best.segments) {
            best = tried;
        }
    }
    if (best.segments >= 0)
        *e = best;
    return passing;
}

static int check_combinators(vctx *c, const json_t *schema, const json_t *inst, verr *e)
{
    json_t *k;
    size_t i;
    json_t *sub;
    json_array_foreach(json_object_get(schema, "allOf"), i, sub) if (validate(c, sub, inst, e)) return 1;
    if ((k = json_object_get(schema, "anyOf")) && json_is_array(k) && !count_passing(c, k, inst, e, 1))
        return 1;
    if ((k = json_object_get(schema, "oneOf")) && json_is_array(k)) {
        int n = count_passing(c, k, inst, e, 2);
        if (n == 0)
            return 1;
        if (n > 1)
            return fail(c, e, "同时符合多个互斥的定义 (matches more than one of oneOf)");
    }
    if ((k = json_object_get(schema, "not"))) {
        verr ignored;
        if (!validate(c, k, inst, &ignored))
            return fail(c, e, "不应符合此定义 (must not match the schema under not)");
    }
    if ((k = json_object_get(schema, "if"))) {
        verr ignored;
        const json_t *branch = json_object_get(schema, validate(c, k, inst, &ignored) ? "else" : "then");
        if (branch && validate(c, branch, inst, e))
            return 1;
    }
    return 0;
}

static int validate(vctx *c, const json_t *schema, const json_t *inst, verr *e)
{
    if (json_is_boolean(schema))
        return json_is_true(schema) ? 0 : fail(c, e, "不允许出现 (not allowed)");
    if (!json_is_object(schema))
        return 0;
    if (++c->depth > MAX_DEPTH) {
        c->depth--;
        return fail(c, e, "嵌套过深 (nested too deeply)");
    }
    int bad = 0;
    const char *ref = json_string_value(json_object_get(schema, "$ref"));
    if (ref) { /* draft-07: a $ref replaces its siblings */
        const json_t *target = resolve_ref(c->schema, ref);
        bad = target ? validate(c, target, inst, e) : fail(c, e, "schema reference %s not found", ref);
        c->depth--;
        return bad;
    }
    json_t *type = json_object_get(schema, "type");
    if (type)
        bad = check_type(c, type, inst, e);
    if (!bad)
        bad = check_enum(c, schema, inst, e);
    if (!bad && json_is_string(inst))
        bad = check_string(c, schema, inst, e);
    else if (!bad && json_is_number(inst))
        bad = check_number(c, schema, inst, e);
    else if (!bad && json_is_array(inst))
        bad = check_array(c, schema, inst, e);
    else if (!bad && json_is_object(inst))
        bad = check_object(c, schema, inst, e);
    if (!bad)
        bad = check_combinators(c, schema, inst, e);
    c->depth--;
    return bad;
}

int sh_json_schema_validate(const sh_json_schema *schema, const json_t *instance, sh_err *err)
{
    vctx c = {.schema = schema};
    verr e = {0};
    if (!validate(&c, schema->root, instance, &e))
        return 0;
    return sh_fail(err, SH_EINVAL, e.path, "%s", e.message);
}
