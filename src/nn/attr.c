/* Node attributes as the TF.js converter writes them into model.json. */
#include "nn/graph.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *attr_get(const sh_nn_node *n, const char *key)
{
    return n->attr ? json_object_get(n->attr, key) : NULL;
}

/* Integers arrive as JSON strings ("2") or numbers. */
static int json_int(json_t *v, int *out)
{
    if (json_is_integer(v)) {
        *out = (int)json_integer_value(v);
        return 0;
    }
    if (json_is_string(v)) {
        char *end;
        long l = strtol(json_string_value(v), &end, 10);
        if (*end || l < -2147483647L || l > 2147483647L)
            return -1;
        *out = (int)l;
        return 0;
    }
    return -1;
}

int sh_attr_int(const sh_nn_node *n, const char *key, int def)
{
    json_t *a = attr_get(n, key);
    int v;
    if (!a || json_int(json_object_get(a, "i"), &v))
        return def;
    return v;
}

float sh_attr_float(const sh_nn_node *n, const char *key, float def)
{
    json_t *f = json_object_get(attr_get(n, key), "f");
    return json_is_number(f) ? (float)json_number_value(f) : def;
}

int sh_attr_bool(const sh_nn_node *n, const char *key, int def)
{
    json_t *b = json_object_get(attr_get(n, key), "b");
    return json_is_boolean(b) ? json_is_true(b) : def;
}

static int b64(json_t *s, char *buf, size_t len)
{
    if (!json_is_string(s) || !len)
        return -1;
    size_t out = 0;
    if (sodium_base642bin((unsigned char *)buf, len - 1, json_string_value(s), json_string_length(s), NULL, &out, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return -1;
    buf[out] = 0;
    return 0;
}

int sh_attr_str(const sh_nn_node *n, const char *key, char *buf, size_t len)
{
    return b64(json_object_get(attr_get(n, key), "s"), buf, len);
}

int sh_attr_ints(const sh_nn_node *n, const char *key, int *out, int max)
{
    json_t *list = json_object_get(attr_get(n, key), "list");
    if (!list)
        return -1;
    json_t *arr = json_object_get(list, "i");
    if (!json_is_array(arr))
        return 0;
    int cnt = 0;
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (cnt >= max || json_int(v, &out[cnt]))
            return -1;
        cnt++;
    }
    return cnt;
}

int sh_attr_list_str(const sh_nn_node *n, const char *key, int idx, char *buf, size_t len)
{
    json_t *arr = json_object_get(json_object_get(attr_get(n, key), "list"), "s");
    return b64(json_array_get(arr, (size_t)idx), buf, len);
}

int sh_nn_fail(sh_nn_op *op, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return sh_fail(op->err, SH_EINVAL, "model", "node '%s' (%s): %s", op->node->name, op->node->op, msg);
}
