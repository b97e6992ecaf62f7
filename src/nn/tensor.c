#include "nn/tensor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t sh_shape_size(int ndim, const int *shape, int *ok)
{
    size_t n = 1;
    *ok = 1;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] < 0) {
            *ok = 0;
            return 0;
        }
        if (shape[i] && n > SH_NN_MAX_ELEMS / (size_t)shape[i]) {
            *ok = 0;
            return 0;
        }
        n *= (size_t)shape[i];
    }
    return n;
}

/* Recycling: a model's run allocates the same sizes every time, and a fresh large block is fresh
 * pages for the kernel to fault in and zero (a tenth of NanoDet's run). While a pool is in use on a
 * thread (between sh_tensor_pool_use(p) and sh_tensor_pool_use(NULL)), freed buffers of at least
 * POOL_MIN bytes are kept in it and handed out again for the same size. */
enum { POOL_MIN = 1 << 16 };
static _Thread_local sh_tensor_pool *pool_cur;

void sh_tensor_pool_use(sh_tensor_pool *p) { pool_cur = p; }

void sh_tensor_pool_drain(sh_tensor_pool *p)
{
    for (int i = 0; i < p->n; i++)
        free(p->buf[i]);
    p->n = 0;
}

static void *pool_take(size_t bytes)
{
    sh_tensor_pool *p = pool_cur;
    if (!p || bytes < POOL_MIN)
        return NULL;
    for (int i = 0; i < p->n; i++)
        if (p->bytes[i] == bytes) {
            void *b = p->buf[i];
            p->n--;
            p->buf[i] = p->buf[p->n];
            p->bytes[i] = p->bytes[p->n];
            return b;
        }
    return NULL;
}

static int pool_keep(void *b, size_t bytes)
{
    sh_tensor_pool *p = pool_cur;
    if (!p || bytes < POOL_MIN || p->n == SH_TENSOR_POOL_MAX)
        return 0;
    p->buf[p->n] = b;
    p->bytes[p->n++] = bytes;
    return 1;
}

static size_t data_bytes(size_t n) { return ((n ? n : 1) * 4 + 63) & ~(size_t)63; }

static int tensor_alloc(sh_dtype dtype, int ndim, const int *shape, int zero, sh_tensor **ret_t, sh_err *err)
{
    if (ndim < 0 || ndim > SH_NN_MAXDIM)
        return sh_fail(err, SH_EINVAL, "shape", "a tensor has at most %d dimensions, not %d", SH_NN_MAXDIM, ndim);
    int ok;
    size_t n = sh_shape_size(ndim, shape, &ok);
    if (!ok)
        return sh_fail(err, SH_ETOOBIG, "shape", "tensor shape is negative or larger than %zu elements", SH_NN_MAX_ELEMS);
    sh_tensor *t = calloc(1, sizeof *t);
    if (!t)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    size_t bytes = data_bytes(n);
    if (!(t->data = pool_take(bytes)))
        t->data = aligned_alloc(64, bytes);
    if (!t->data) {
        free(t);
        return sh_fail(err, SH_EINTERNAL, "", "out of memory for a tensor of %zu elements", n);
    }
    if (zero)
        memset(t->data, 0, bytes);
    t->dtype = dtype;
    t->ndim = ndim;
    if (ndim)
        memcpy(t->shape, shape, (size_t)ndim * sizeof *shape);
    t->size = n;
    *ret_t = t;
    return 0;
}

int sh_tensor_new(sh_dtype dtype, int ndim, const int *shape, sh_tensor **ret_t, sh_err *err)
{
    return tensor_alloc(dtype, ndim, shape, 1, ret_t, err);
}

int sh_tensor_new_uninit(sh_dtype dtype, int ndim, const int *shape, sh_tensor **ret_t, sh_err *err)
{
    return tensor_alloc(dtype, ndim, shape, 0, ret_t, err);
}

int sh_tensor_clone(const sh_tensor *t, sh_tensor **ret_t, sh_err *err)
{
    sh_tensor *c;
    int rc = sh_tensor_new_uninit(t->dtype, t->ndim, t->shape, &c, err);
    if (rc)
        return rc;
    memcpy(c->data, t->data, t->size * 4);
    *ret_t = c;
    return 0;
}

void sh_tensor_free(sh_tensor *t)
{
    if (!t)
        return;
    if (!pool_keep(t->data, data_bytes(t->size)))
        free(t->data);
    free(t);
}

const char *sh_shape_str(const sh_tensor *t, char *buf, size_t len)
{
    size_t o = 0;
    o += (size_t)snprintf(buf + o, len - o, "[");
    for (int i = 0; i < t->ndim && o < len; i++)
        o += (size_t)snprintf(buf + o, len - o, i ? ",%d" : "%d", t->shape[i]);
    if (o < len)
        snprintf(buf + o, len - o, "]");
    return buf;
}

int sh_shape_eq(const sh_tensor *a, const sh_tensor *b)
{
    if (a->ndim != b->ndim)
        return 0;
    for (int i = 0; i < a->ndim; i++)
        if (a->shape[i] != b->shape[i])
            return 0;
    return 1;
}

float sh_half_to_float(uint16_t h)
{
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1f;
    uint32_t man = h & 0x3ff;
    uint32_t bits;
    if (exp == 0x1f) { /* infinity or NaN */
        bits = sign | 0x7f800000u | (man << 13);
    } else if (exp) { /* normal: rebias 15 -> 127 */
        bits = sign | ((exp + 112) << 23) | (man << 13);
    } else if (man) { /* subnormal: normalise */
        int e = -1;
        do {
            e++;
            man <<= 1;
        } while (!(man & 0x400));
        bits = sign | ((uint32_t)(112 - e) << 23) | ((man & 0x3ff) << 13);
    } else {
        bits = sign;
    }
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}
