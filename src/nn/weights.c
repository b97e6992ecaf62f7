/* The weights of a TF.js graph model: weightsManifest groups, each a list of weights stored back to
 * back in the group's shard files (concatenated in order), decoded into the Const nodes' tensors:
 * float32, int32, bool, and the quantized float16 / uint8 / uint16 (value = q * scale + min). */
#include "nn/graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODEL_FIELD "model"

/* Reads a whole file into a new buffer appended to *buf (grown), enforcing the weight limit. */
static int read_shard(const char *path, unsigned char **buf, size_t *len, sh_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return sh_fail(err, SH_ENOTFOUND, MODEL_FIELD, "cannot open weight shard %s", path);
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (sz < 0 || (size_t)sz > SH_NN_MAX_WEIGHT_BYTES - *len) {
        fclose(f);
        return sh_fail(err, SH_ETOOBIG, MODEL_FIELD, "weight shard %s is unreadable or the weights exceed %zu bytes", path,
                       SH_NN_MAX_WEIGHT_BYTES);
    }
    unsigned char *nb = realloc(*buf, *len + (size_t)sz + 1);
    if (!nb) {
        fclose(f);
        return sh_fail(err, SH_EINTERNAL, "", "out of memory reading %s", path);
    }
    *buf = nb;
    size_t got = fread(nb + *len, 1, (size_t)sz, f);
    fclose(f);
    if (got != (size_t)sz)
        return sh_fail(err, SH_EINTERNAL, MODEL_FIELD, "short read of %s", path);
    *len += (size_t)sz;
    return 0;
}

static int parse_shape(json_t *arr, int *ndim, int *shape, const char *what, sh_err *err)
{
    if (!json_is_array(arr) || json_array_size(arr) > SH_NN_MAXDIM)
        return sh_fail(err, SH_EINVAL, MODEL_FIELD, "weight %s: shape missing or of more than %d dimensions", what, SH_NN_MAXDIM);
    *ndim = (int)json_array_size(arr);
    for (int i = 0; i < *ndim; i++) {
        json_t *v = json_array_get(arr, (size_t)i);
        if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > (1 << 28))
            return sh_fail(err, SH_EINVAL, MODEL_FIELD, "weight %s: bad dimension", what);
        shape[i] = (int)json_integer_value(v);
    }
    return 0;
}

/* Decodes one weight of the manifest from data (at most avail bytes); returns bytes consumed via *used. */
static int decode_weight(json_t *w, const unsigned char *data, size_t avail, sh_tensor **ret, size_t *used, sh_err *err)
{
    const char *name = json_string_value(json_object_get(w, "name"));
    const char *dtype = json_string_value(json_object_get(w, "dtype"));
    if (!name || !dtype)
        return sh_fail(err, SH_EINVAL, MODEL_FIELD, "a weight in weightsManifest has no name or dtype");
    int ndim = 0, shape[SH_NN_MAXDIM];
    int rc = parse_shape(json_object_get(w, "shape"), &ndim, shape, name, err);
    if (rc)
        return rc;
    sh_dtype dt;
    if (!strcmp(dtype, "float32"))
        dt = SH_F32;
    else if (!strcmp(dtype, "int32") || !strcmp(dtype, "bool"))
        dt = SH_I32;
    else
        return sh_fail(err, SH_EINVAL, MODEL_FIELD, "weight %s: dtype %s is not supported", name, dtype);
    json_t *q = json_object_get(w, "quantization");
    const char *qd = q ? json_string_value(json_object_get(q, "dtype")) : NULL;
    size_t esize = !strcmp(dtype, "bool") ? 1 : 4;
    if (q) {
        if (!qd)
            return sh_fail(err, SH_EINVAL, MODEL_FIELD, "weight %s: quantization without dtype", name);
        if (!strcmp(qd, "float16") || !strcmp(qd, "uint16"))
            esize = 2;
        else if (!strcmp(qd, "uint8"))
            esize = 1;
        else
            return sh_fail(err, SH_EINVAL, MODEL_FIELD, "weight %s: quantization %s is not supported", name, qd);
    }
    sh_tensor *t;
    if ((rc = sh_tensor_new(dt, ndim, shape, &t, err)))
        return rc;
    if (t->size > avail / esize) {
        sh_tensor_free(t);
        return sh_fail(err, SH_EINVAL, MODEL_FIELD, "weight %s runs past the end of its shard files", name);
    }
    size_t n = t->size;
    if (!q && esize == 4) {
        memcpy(t->data, data, n * 4);
    } else if (!q) { /* bool */
        for (size_t i = 0; i < n; i++)
            sh_i32(t)[i] = data[i] != 0;
    } else if (!strcmp(qd, "float16")) {
        for (size_t i = 0; i < n; i++) {
            uint16_t h = (uint16_t)(data[2 * i] | data[2 * i + 1] << 8); /* little-endian, as TF.js writes */
            float f = sh_half_to_float(h);
            if (dt == SH_F32)
                sh_f32(t)[i] = f;
            else
                sh_i32(t)[i] = (int32_t)f;
        }
    } else { /* affine: value = q * scale + min */
        json_t *js = json_object_get(q, "scale"), *jm = json_object_get(q, "min");
        if (!json_is_number(js) || !json_is_number(jm)) {
            sh_tensor_free(t);
            return sh_fail(err, SH_EINVAL, MODEL_FIELD, "weight %s: quantization needs scale and min", name);
        }
        float scale = (float)json_number_value(js), min = (float)json_number_value(jm);
        for (size_t i = 0; i < n; i++) {
            unsigned qv = esize == 1 ? data[i] : (unsigned)(data[2 * i] | data[2 * i + 1] << 8);
            float f = (float)qv * scale + min;
            if (dt == SH_F32)
                sh_f32(t)[i] = f;
            else
                sh_i32(t)[i] = (int32_t)(f < 0 ? f - 0.5f : f + 0.5f);
        }
    }
    *used = n * esize;
    *ret = t;
    return 0;
}

int sh_nn_load_weights(sh_nn_model *m, const char *dir, sh_err *err)
{
    json_t *manifest = json_object_get(m->root, "weightsManifest");
    if (!json_is_array(manifest))
        return sh_fail(err, SH_EINVAL, MODEL_FIELD, "model.json has no weightsManifest");
    size_t g;
    json_t *group;
    json_array_foreach(manifest, g, group) {
        json_t *paths = json_object_get(group, "paths"), *weights = json_object_get(group, "weights");
        if (!json_is_array(paths) || !json_is_array(weights))
            return sh_fail(err, SH_EINVAL, MODEL_FIELD, "weightsManifest group %zu lacks paths or weights", g);
        unsigned char *buf = NULL;
        size_t len = 0, pi;
        json_t *p;
        int rc = 0;
        json_array_foreach(paths, pi, p) {
            const char *rel = json_string_value(p);
            if (!rel || !*rel || rel[0] == '/' || strstr(rel, "..")) {
                rc = sh_fail(err, SH_EINVAL, MODEL_FIELD, "weight shard path must be a plain name beside model.json");
                break;
            }
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, rel);
            if ((rc = read_shard(path, &buf, &len, err)))
                break;
        }
        size_t off = 0, wi;
        json_t *w;
        if (!rc) {
            json_array_foreach(weights, wi, w) {
                sh_tensor *t = NULL;
                size_t used = 0;
                if ((rc = decode_weight(w, buf + off, len - off, &t, &used, err)))
                    break;
                off += used;
                const char *name = json_string_value(json_object_get(w, "name"));
                int ni = sh_nn_find_node(m, name, strlen(name));
                if (ni < 0 || strcmp(m->nodes[ni].op, "Const") != 0 || m->nodes[ni].value) {
                    sh_tensor_free(t); /* TF.js skips weights no Const node takes */
                    continue;
                }
                m->nodes[ni].value = t;
            }
        }
        free(buf);
        if (rc)
            return rc;
    }
    return 0;
}
