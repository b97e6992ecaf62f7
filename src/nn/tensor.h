/* Tensors of the neural-network runner: a dense row-major array of float32 or int32 with up to
 * SH_NN_MAXDIM dimensions. Layout is whatever the graph says (TF.js graph models are NHWC for
 * convolutions; models converted from ONNX carry NCHW tensors between Transpose nodes).
 * Ownership: a tensor owns its data; sh_tensor_free releases both. */
#ifndef SH_NN_TENSOR_H
#define SH_NN_TENSOR_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define SH_NN_MAXDIM 6
/* No tensor may hold more elements than this (1 GiB of float32): a model file cannot make the
 * runner allocate without bound. */
#define SH_NN_MAX_ELEMS ((size_t)1 << 28)

typedef enum sh_dtype { SH_F32 = 1, SH_I32 = 2 } sh_dtype;

typedef struct sh_tensor {
    sh_dtype dtype;
    int ndim;
    int shape[SH_NN_MAXDIM];
    size_t size; /* element count, the product of shape (1 for a scalar) */
    void *data;  /* float * or int32_t *, size elements, 64-byte aligned */
} sh_tensor;

/* Allocates a zero-filled tensor. ndim 0 is a scalar. Fails (SH_EINVAL / SH_ETOOBIG) on a negative
 * dimension, too many dimensions or too many elements; ret_t is untouched on failure. */
int sh_tensor_new(sh_dtype dtype, int ndim, const int *shape, sh_tensor **ret_t, sh_err *err);
/* The same without zero-filling, for kernels that write every element. */
int sh_tensor_new_uninit(sh_dtype dtype, int ndim, const int *shape, sh_tensor **ret_t, sh_err *err);
/* A copy of t with its own data. */
int sh_tensor_clone(const sh_tensor *t, sh_tensor **ret_t, sh_err *err);
void sh_tensor_free(sh_tensor *t);

static inline float *sh_f32(const sh_tensor *t) { return (float *)t->data; }
static inline int32_t *sh_i32(const sh_tensor *t) { return (int32_t *)t->data; }

/* Buffers kept for reuse by the tensors of one thread (see tensor.c), e.g. a model's from run to run. */
#define SH_TENSOR_POOL_MAX 64
typedef struct sh_tensor_pool {
    void *buf[SH_TENSOR_POOL_MAX];
    size_t bytes[SH_TENSOR_POOL_MAX];
    int n;
} sh_tensor_pool;
/* Tensors of this thread allocate from and free into p from now on; NULL stops it. */
void sh_tensor_pool_use(sh_tensor_pool *p);
/* Frees what p keeps. */
void sh_tensor_pool_drain(sh_tensor_pool *p);

/* Element count of a shape, or 0 with *ok = 0 past SH_NN_MAX_ELEMS. */
size_t sh_shape_size(int ndim, const int *shape, int *ok);
/* "[1,3,416,416]" into buf (always terminated). */
const char *sh_shape_str(const sh_tensor *t, char *buf, size_t len);
/* 1 if both have the same rank and dimensions. */
int sh_shape_eq(const sh_tensor *a, const sh_tensor *b);

/* IEEE 754 binary16 to binary32, exact for every input (subnormals, infinities, NaN). */
float sh_half_to_float(uint16_t h);

#endif
