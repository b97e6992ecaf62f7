/* Element-wise operators: binary arithmetic with NumPy broadcasting (float and int), and the
 * unary activations. */
#include "nn/graph.h"

#include <math.h>
#include <string.h>

typedef enum bop { B_ADD, B_SUB, B_MUL, B_DIV, B_MAX, B_MIN, B_SQDIFF, B_FLOORDIV } bop;

static inline float fapply(bop o, float a, float b)
{
    switch (o) {
    case B_ADD: return a + b;
    case B_SUB: return a - b;
    case B_MUL: return a * b;
    case B_DIV: return a / b;
    case B_MAX: return a > b ? a : b;
    case B_MIN: return a < b ? a : b;
    case B_SQDIFF: return (a - b) * (a - b);
    case B_FLOORDIV: return floorf(a / b);
    }
    return 0;
}

static inline int32_t iapply(bop o, int32_t a, int32_t b)
{
    switch (o) {
    case B_ADD: return (int32_t)((uint32_t)a + (uint32_t)b);
    case B_SUB: return (int32_t)((uint32_t)a - (uint32_t)b);
    case B_MUL: return (int32_t)((uint32_t)a * (uint32_t)b);
    case B_DIV:
    case B_FLOORDIV: {
        if (!b)
            return 0;
        if (a == INT32_MIN && b == -1)
            return INT32_MIN;
        int32_t q = a / b;
        return (q * b != a && ((a < 0) != (b < 0))) ? q - 1 : q;
    }
    case B_MAX: return a > b ? a : b;
    case B_MIN: return a < b ? a : b;
    case B_SQDIFF: return (int32_t)((uint32_t)(a - b) * (uint32_t)(a - b));
    }
    return 0;
}

static int binary(sh_nn_op *op, bop o)
{
    const sh_tensor *a = op->in[0], *b = op->in[1];
    if (a->dtype != b->dtype)
        return sh_nn_fail(op, "operands differ in dtype");
    int nd = a->ndim > b->ndim ? a->ndim : b->ndim, shape[SH_NN_MAXDIM];
    /* right-aligned dims, each equal or 1 */
    int ad[SH_NN_MAXDIM], bd[SH_NN_MAXDIM];
    for (int i = 0; i < nd; i++) {
        int ia = i - (nd - a->ndim), ib = i - (nd - b->ndim);
        ad[i] = ia >= 0 ? a->shape[ia] : 1;
        bd[i] = ib >= 0 ? b->shape[ib] : 1;
        if (ad[i] != bd[i] && ad[i] != 1 && bd[i] != 1) {
            char s1[64], s2[64];
            return sh_nn_fail(op, "shapes %s and %s do not broadcast", sh_shape_str(a, s1, sizeof s1), sh_shape_str(b, s2, sizeof s2));
        }
        shape[i] = ad[i] == 1 ? bd[i] : ad[i];
    }
    int rc = sh_tensor_new_uninit(a->dtype, nd, shape, &op->out[0], op->err);
    if (rc)
        return rc;
    sh_tensor *y = op->out[0];
    size_t n = y->size;
    if (a->dtype == SH_F32) {
        const float *pa = sh_f32(a), *pb = sh_f32(b);
        float *py = sh_f32(y);
        if (a->size == n && b->size == n) {
            for (size_t i = 0; i < n; i++)
                py[i] = fapply(o, pa[i], pb[i]);
            return 0;
        }
        if (a->size == n && b->size == 1) {
            for (size_t i = 0; i < n; i++)
                py[i] = fapply(o, pa[i], pb[0]);
            return 0;
        }
        if (a->size == n && nd && b->size == (size_t)shape[nd - 1] && bd[nd - 1] == shape[nd - 1]) { /* per-channel */
            size_t c = b->size;
            for (size_t i = 0; i < n; i += c)
                for (size_t k = 0; k < c; k++)
                    py[i + k] = fapply(o, pa[i + k], pb[k]);
            return 0;
        }
    }
    /* general case: walk the output with an odometer over broadcast strides */
    size_t sa[SH_NN_MAXDIM], sb[SH_NN_MAXDIM], ra = 1, rb = 1;
    for (int i = nd - 1; i >= 0; i--) {
        sa[i] = ad[i] == 1 ? 0 : ra;
        sb[i] = bd[i] == 1 ? 0 : rb;
        ra *= (size_t)ad[i];
        rb *= (size_t)bd[i];
    }
    int idx[SH_NN_MAXDIM] = {0};
    size_t oa = 0, ob = 0;
    for (size_t i = 0; i < n; i++) {
        if (a->dtype == SH_F32)
            sh_f32(y)[i] = fapply(o, sh_f32(a)[oa], sh_f32(b)[ob]);
        else
            sh_i32(y)[i] = iapply(o, sh_i32(a)[oa], sh_i32(b)[ob]);
        for (int d = nd - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) {
                oa += sa[d];
                ob += sb[d];
                break;
            }
            idx[d] = 0;
            oa -= sa[d] * (size_t)(shape[d] - 1);
            ob -= sb[d] * (size_t)(shape[d] - 1);
        }
    }
    return 0;
}

int sh_op_add(sh_nn_op *op) { return binary(op, B_ADD); }
int sh_op_sub(sh_nn_op *op) { return binary(op, B_SUB); }
int sh_op_mul(sh_nn_op *op) { return binary(op, B_MUL); }
int sh_op_div(sh_nn_op *op) { return binary(op, B_DIV); }
int sh_op_maximum(sh_nn_op *op) { return binary(op, B_MAX); }
int sh_op_minimum(sh_nn_op *op) { return binary(op, B_MIN); }
int sh_op_sqdiff(sh_nn_op *op) { return binary(op, B_SQDIFF); }
int sh_op_floordiv(sh_nn_op *op) { return binary(op, B_FLOORDIV); }

int sh_op_bias_add(sh_nn_op *op)
{
    char fmt[16] = "NHWC";
    sh_attr_str(op->node, "data_format", fmt, sizeof fmt);
    if (strcmp(fmt, "NHWC") != 0)
        return sh_nn_fail(op, "data_format %s is not supported", fmt);
    if (op->in[1]->ndim != 1 || !op->in[0]->ndim || op->in[1]->shape[0] != op->in[0]->shape[op->in[0]->ndim - 1])
        return sh_nn_fail(op, "bias must be a vector over the last dimension");
    return binary(op, B_ADD);
}

static int unary(sh_nn_op *op, sh_act act, float alpha)
{
    if (op->in[0]->dtype != SH_F32)
        return sh_nn_fail(op, "input must be float");
    int rc = sh_tensor_clone(op->in[0], &op->out[0], op->err);
    if (rc)
        return rc;
    sh_nn_activate(sh_f32(op->out[0]), op->out[0]->size, act, alpha, NULL, 1);
    return 0;
}

int sh_op_relu(sh_nn_op *op) { return unary(op, SH_ACT_RELU, 0); }
int sh_op_relu6(sh_nn_op *op) { return unary(op, SH_ACT_RELU6, 0); }
int sh_op_leaky_relu(sh_nn_op *op) { return unary(op, SH_ACT_LEAKY, sh_attr_float(op->node, "alpha", 0.2f)); }
int sh_op_elu(sh_nn_op *op) { return unary(op, SH_ACT_ELU, 0); }
int sh_op_sigmoid(sh_nn_op *op) { return unary(op, SH_ACT_SIGMOID, 0); }
int sh_op_tanh(sh_nn_op *op) { return unary(op, SH_ACT_TANH, 0); }

int sh_op_prelu(sh_nn_op *op)
{
    const sh_tensor *x = op->in[0], *al = op->in[1];
    if (x->dtype != SH_F32 || al->dtype != SH_F32 || !x->ndim || al->size != (size_t)x->shape[x->ndim - 1])
        return sh_nn_fail(op, "alpha must hold one float per channel of the last dimension");
    int rc = sh_tensor_clone(x, &op->out[0], op->err);
    if (rc)
        return rc;
    sh_nn_activate(sh_f32(op->out[0]), x->size, SH_ACT_PRELU, 0, sh_f32(al), x->shape[x->ndim - 1]);
    return 0;
}
