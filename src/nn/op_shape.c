/* Operators that move data without arithmetic: Identity, Reshape, Squeeze, ExpandDims, Transpose,
 * ConcatV2, Split, SplitV, Pad, PadV2, SparseToDense. */
#include "nn/graph.h"

#include <string.h>

/* Reads a small int32 tensor (axis, perm, sizes) into out; returns its size or -1. */
static int read_ints(const sh_tensor *t, int *out, int max)
{
    if (t->dtype != SH_I32 || t->size > (size_t)max)
        return -1;
    for (size_t i = 0; i < t->size; i++)
        out[i] = sh_i32(t)[i];
    return (int)t->size;
}

/* The axis in memory: for a node working on NCHW tensors held as NHWC (layout.c), through that. */
static int axis_of(sh_nn_op *op, int axis, int ndim, int *ret)
{
    if (axis < 0)
        axis += ndim;
    if (axis < 0 || axis >= ndim)
        return sh_nn_fail(op, "axis out of range for rank %d", ndim);
    if (op->node->nchw_nhwc) {
        if (ndim != 4)
            return sh_nn_fail(op, "a tensor held as NHWC has rank %d", ndim);
        axis = sh_nn_phys_axis(axis);
    }
    *ret = axis;
    return 0;
}

static int reshaped(sh_nn_op *op, int ndim, const int *shape)
{
    sh_tensor *y;
    int rc = sh_tensor_new_uninit(op->in[0]->dtype, ndim, shape, &y, op->err);
    if (rc)
        return rc;
    if (y->size != op->in[0]->size) {
        sh_tensor_free(y);
        return sh_nn_fail(op, "new shape holds %zu elements, input %zu", y->size, op->in[0]->size);
    }
    memcpy(y->data, op->in[0]->data, y->size * 4);
    op->out[0] = y;
    return 0;
}

int sh_op_identity(sh_nn_op *op) { return sh_tensor_clone(op->in[0], &op->out[0], op->err); }

int sh_op_reshape(sh_nn_op *op)
{
    int shape[SH_NN_MAXDIM], n = read_ints(op->in[1], shape, SH_NN_MAXDIM), infer = -1;
    if (n < 0)
        return sh_nn_fail(op, "shape must be an int32 vector of at most %d", SH_NN_MAXDIM);
    size_t known = 1;
    for (int i = 0; i < n; i++) {
        if (shape[i] == -1 && infer < 0)
            infer = i;
        else if (shape[i] < 0)
            return sh_nn_fail(op, "bad dimension %d in shape", shape[i]);
        else
            known *= (size_t)shape[i];
    }
    if (infer >= 0) {
        if (!known || op->in[0]->size % known)
            return sh_nn_fail(op, "cannot infer the -1 dimension");
        shape[infer] = (int)(op->in[0]->size / known);
    }
    return reshaped(op, n, shape);
}

int sh_op_squeeze(sh_nn_op *op)
{
    const sh_tensor *x = op->in[0];
    int dims[SH_NN_MAXDIM], nd = sh_attr_ints(op->node, "squeeze_dims", dims, SH_NN_MAXDIM);
    if (nd < 0)
        nd = sh_attr_ints(op->node, "axis", dims, SH_NN_MAXDIM);
    int drop[SH_NN_MAXDIM] = {0}, shape[SH_NN_MAXDIM], n = 0;
    for (int i = 0; i < nd; i++) {
        int a = 0, rc = axis_of(op, dims[i], x->ndim, &a);
        if (rc)
            return rc;
        if (x->shape[a] != 1)
            return sh_nn_fail(op, "dimension %d is %d, not 1", a, x->shape[a]);
        drop[a] = 1;
    }
    for (int i = 0; i < x->ndim; i++)
        if (!(nd > 0 ? drop[i] : x->shape[i] == 1))
            shape[n++] = x->shape[i];
    return reshaped(op, n, shape);
}

int sh_op_expand_dims(sh_nn_op *op)
{
    const sh_tensor *x = op->in[0];
    int ax;
    if (read_ints(op->in[1], &ax, 1) != 1)
        return sh_nn_fail(op, "axis must be one int32");
    if (x->ndim >= SH_NN_MAXDIM)
        return sh_nn_fail(op, "rank would exceed %d", SH_NN_MAXDIM);
    int a = 0, rc = axis_of(op, ax, x->ndim + 1, &a), shape[SH_NN_MAXDIM];
    if (rc)
        return rc;
    for (int i = 0, k = 0; i <= x->ndim; i++)
        shape[i] = i == a ? 1 : x->shape[k++];
    return reshaped(op, x->ndim + 1, shape);
}

/* Simplifies a transpose: drops dimensions of 1 and merges input dimensions that stay next to each
 * other in the same order. Writes the reduced shape and perm; returns the reduced rank. */
static int reduce_perm(int n, const int *shape, const int *perm, int *rs, int *rp)
{
    int map[SH_NN_MAXDIM], ks[SH_NN_MAXDIM], kp[SH_NN_MAXDIM], k = 0, m = 0;
    for (int i = 0; i < n; i++)
        map[i] = shape[i] > 1 ? k++ : -1;
    for (int i = 0; i < n; i++)
        if (shape[i] > 1)
            ks[map[i]] = shape[i];
    for (int i = 0; i < n; i++)
        if (map[perm[i]] >= 0)
            kp[m++] = map[perm[i]];
    /* groups: runs in the output order whose input dims are consecutive */
    int start[SH_NN_MAXDIM], gsize[SH_NN_MAXDIM], g = 0;
    for (int i = 0; i < m; i++) {
        if (i && kp[i] == kp[i - 1] + 1) {
            gsize[g - 1] *= ks[kp[i]];
            continue;
        }
        start[g] = kp[i];
        gsize[g++] = ks[kp[i]];
    }
    /* number the groups by their place in the input */
    for (int i = 0; i < g; i++) {
        int rank = 0;
        for (int j = 0; j < g; j++)
            rank += start[j] < start[i];
        rp[i] = rank;
        rs[rank] = gsize[i];
    }
    return g;
}

/* out[b][c][r] = in[b][r][c] in 16x16 tiles. */
void sh_nn_transpose2d(const uint32_t *src, uint32_t *dst, size_t batch, size_t rows, size_t cols)
{
    enum { T = 16 };
    for (size_t b = 0; b < batch; b++, src += rows * cols, dst += rows * cols)
        for (size_t r0 = 0; r0 < rows; r0 += T)
            for (size_t c0 = 0; c0 < cols; c0 += T) {
                size_t r1 = r0 + T < rows ? r0 + T : rows, c1 = c0 + T < cols ? c0 + T : cols;
                for (size_t c = c0; c < c1; c++)
                    for (size_t r = r0; r < r1; r++)
                        dst[c * rows + r] = src[r * cols + c];
            }
}

int sh_op_transpose(sh_nn_op *op)
{
    const sh_tensor *x = op->in[0];
    int perm[SH_NN_MAXDIM], n = read_ints(op->in[1], perm, SH_NN_MAXDIM), seen[SH_NN_MAXDIM] = {0};
    if (n != x->ndim)
        return sh_nn_fail(op, "perm must list %d axes", x->ndim);
    int shape[SH_NN_MAXDIM];
    for (int i = 0; i < n; i++) {
        if (perm[i] < 0 || perm[i] >= n || seen[perm[i]]++)
            return sh_nn_fail(op, "perm is not a permutation");
        shape[i] = x->shape[perm[i]];
    }
    int rc = sh_tensor_new_uninit(x->dtype, n, shape, &op->out[0], op->err);
    if (rc || !op->out[0]->size)
        return rc;
    const uint32_t *src = x->data;
    uint32_t *dst = op->out[0]->data;
    int rs[SH_NN_MAXDIM], rp[SH_NN_MAXDIM], r = reduce_perm(n, x->shape, perm, rs, rp);
    if (r <= 1) { /* the order of the elements does not change */
        memcpy(dst, src, x->size * 4);
        return 0;
    }
    if (r == 2 || (r == 3 && rp[0] == 0 && rp[1] == 2)) { /* a (batch of) matrix transposes */
        size_t batch = r == 3 ? (size_t)rs[0] : 1;
        sh_nn_transpose2d(src, dst, batch, (size_t)rs[r - 2], (size_t)rs[r - 1]);
        return 0;
    }
    /* general case: walk the output, the innermost axis with the input's stride */
    size_t xs[SH_NN_MAXDIM], st[SH_NN_MAXDIM], s = 1;
    int os[SH_NN_MAXDIM];
    for (int i = r - 1; i >= 0; i--) {
        xs[i] = s;
        s *= (size_t)rs[i];
    }
    for (int i = 0; i < r; i++) {
        os[i] = rs[rp[i]];
        st[i] = xs[rp[i]];
    }
    int idx[SH_NN_MAXDIM] = {0}, last = r - 1;
    size_t inner = (size_t)os[last], ls = st[last], off = 0;
    for (size_t o = 0; o < op->out[0]->size; o += inner) {
        for (size_t k = 0; k < inner; k++)
            dst[o + k] = src[off + k * ls];
        for (int d = last - 1; d >= 0; d--) {
            if (++idx[d] < os[d]) {
                off += st[d];
                break;
            }
            idx[d] = 0;
            off -= st[d] * (size_t)(os[d] - 1);
        }
    }
    return 0;
}

int sh_op_concat(sh_nn_op *op)
{
    int nin = op->n_in - 1, ax = 0;
    if (read_ints(op->in[nin], &ax, 1) != 1)
        return sh_nn_fail(op, "axis must be one int32");
    const sh_tensor *x0 = op->in[0];
    int a = 0, rc = axis_of(op, ax, x0->ndim, &a);
    if (rc)
        return rc;
    int shape[SH_NN_MAXDIM];
    memcpy(shape, x0->shape, sizeof shape);
    shape[a] = 0;
    for (int i = 0; i < nin; i++) {
        const sh_tensor *t = op->in[i];
        if (t->ndim != x0->ndim || t->dtype != x0->dtype)
            return sh_nn_fail(op, "inputs differ in rank or dtype");
        for (int d = 0; d < t->ndim; d++)
            if (d != a && t->shape[d] != x0->shape[d])
                return sh_nn_fail(op, "inputs differ in dimension %d", d);
        shape[a] += t->shape[a];
    }
    if ((rc = sh_tensor_new_uninit(x0->dtype, x0->ndim, shape, &op->out[0], op->err)))
        return rc;
    size_t outer = 1, inner = 1;
    for (int d = 0; d < a; d++)
        outer *= (size_t)shape[d];
    for (int d = a + 1; d < x0->ndim; d++)
        inner *= (size_t)shape[d];
    uint32_t *dst = op->out[0]->data;
    for (size_t o = 0; o < outer; o++)
        for (int i = 0; i < nin; i++) {
            size_t chunk = (size_t)op->in[i]->shape[a] * inner;
            memcpy(dst, (const uint32_t *)op->in[i]->data + o * chunk, chunk * 4);
            dst += chunk;
        }
    return 0;
}

/* Splits x along axis a (in memory, checked) into op->n_out parts of sizes[]. */
static int split(sh_nn_op *op, const sh_tensor *x, int a, const int *sizes)
{
    int rc;
    size_t outer = 1, inner = 1;
    for (int d = 0; d < a; d++)
        outer *= (size_t)x->shape[d];
    for (int d = a + 1; d < x->ndim; d++)
        inner *= (size_t)x->shape[d];
    int start = 0;
    for (int k = 0; k < op->n_out; k++) {
        int shape[SH_NN_MAXDIM];
        memcpy(shape, x->shape, sizeof shape);
        shape[a] = sizes[k];
        if ((rc = sh_tensor_new_uninit(x->dtype, x->ndim, shape, &op->out[k], op->err)))
            return rc;
        size_t chunk = (size_t)sizes[k] * inner, row = (size_t)x->shape[a] * inner;
        for (size_t o = 0; o < outer; o++)
            memcpy((uint32_t *)op->out[k]->data + o * chunk, (const uint32_t *)x->data + o * row + (size_t)start * inner, chunk * 4);
        start += sizes[k];
    }
    return 0;
}

int sh_op_splitv(sh_nn_op *op)
{
    const sh_tensor *x = op->in[0];
    int sizes[1024], ax, a = 0;
    if (read_ints(op->in[1], sizes, 1024) != op->n_out || read_ints(op->in[2], &ax, 1) != 1)
        return sh_nn_fail(op, "size_splits must list num_split sizes and axis be one int32");
    int rc = axis_of(op, ax, x->ndim, &a), infer = -1, sum = 0;
    if (rc)
        return rc;
    for (int k = 0; k < op->n_out; k++) {
        if (sizes[k] == -1 && infer < 0)
            infer = k;
        else if (sizes[k] < 0)
            return sh_nn_fail(op, "bad split size %d", sizes[k]);
        else
            sum += sizes[k];
    }
    if (infer >= 0)
        sizes[infer] = x->shape[a] - sum, sum = x->shape[a];
    if (sum != x->shape[a] || (infer >= 0 && sizes[infer] < 0))
        return sh_nn_fail(op, "split sizes do not add up to %d", x->shape[a]);
    return split(op, x, a, sizes);
}

int sh_op_split(sh_nn_op *op)
{
    const sh_tensor *x = op->in[1];
    int ax, a = 0, sizes[1024];
    if (read_ints(op->in[0], &ax, 1) != 1)
        return sh_nn_fail(op, "axis must be one int32");
    int rc = axis_of(op, ax, x->ndim, &a);
    if (rc)
        return rc;
    if (x->shape[a] % op->n_out)
        return sh_nn_fail(op, "dimension %d does not split into %d", x->shape[a], op->n_out);
    for (int k = 0; k < op->n_out; k++)
        sizes[k] = x->shape[a] / op->n_out;
    return split(op, x, a, sizes);
}

static int pad(sh_nn_op *op, float value)
{
    const sh_tensor *x = op->in[0], *p = op->in[1];
    int pads[2 * SH_NN_MAXDIM], shape[SH_NN_MAXDIM];
    if (read_ints(p, pads, 2 * SH_NN_MAXDIM) != 2 * x->ndim)
        return sh_nn_fail(op, "paddings must be int32 [%d,2]", x->ndim);
    if (op->node->nchw_nhwc) { /* NCHW paddings for the tensor held as NHWC */
        int lp[8];
        memcpy(lp, pads, sizeof lp);
        for (int a = 0; a < 4; a++) {
            pads[2 * sh_nn_phys_axis(a)] = lp[2 * a];
            pads[2 * sh_nn_phys_axis(a) + 1] = lp[2 * a + 1];
        }
    }
    for (int d = 0; d < x->ndim; d++) {
        if (pads[2 * d] < 0 || pads[2 * d + 1] < 0)
            return sh_nn_fail(op, "negative padding");
        shape[d] = x->shape[d] + pads[2 * d] + pads[2 * d + 1];
    }
    int rc = sh_tensor_new(x->dtype, x->ndim, shape, &op->out[0], op->err);
    if (rc)
        return rc;
    sh_tensor *y = op->out[0];
    if (value != 0) {
        for (size_t i = 0; i < y->size; i++) {
            if (y->dtype == SH_F32)
                sh_f32(y)[i] = value;
            else
                sh_i32(y)[i] = (int32_t)value;
        }
    }
    if (!x->size)
        return 0;
    if (!x->ndim) {
        memcpy(y->data, x->data, 4);
        return 0;
    }
    /* copy rows of the last dimension into place */
    size_t ys[SH_NN_MAXDIM], s = 1;
    for (int d = x->ndim - 1; d >= 0; d--) {
        ys[d] = s;
        s *= (size_t)shape[d];
    }
    int last = x->ndim - 1, idx[SH_NN_MAXDIM] = {0};
    size_t row = (size_t)x->shape[last];
    for (size_t i = 0; i < x->size; i += row) {
        size_t off = 0;
        for (int d = 0; d < x->ndim; d++)
            off += (size_t)(idx[d] + pads[2 * d]) * ys[d];
        memcpy((uint32_t *)y->data + off, (const uint32_t *)x->data + i, row * 4);
        for (int d = last - 1; d >= 0; d--) {
            if (++idx[d] < x->shape[d])
                break;
            idx[d] = 0;
        }
    }
    return 0;
}

int sh_op_pad(sh_nn_op *op) { return pad(op, 0); }

int sh_op_padv2(sh_nn_op *op)
{
    const sh_tensor *c = op->in[2];
    if (c->size != 1)
        return sh_nn_fail(op, "constant_values must be a scalar");
    return pad(op, c->dtype == SH_F32 ? sh_f32(c)[0] : (float)sh_i32(c)[0]);
}

/* SparseToDense(indices, output_shape, values, default_value). */
int sh_op_sparse_to_dense(sh_nn_op *op)
{
    const sh_tensor *ix = op->in[0], *vals = op->in[2], *def = op->in[3];
    int shape[SH_NN_MAXDIM], nd = read_ints(op->in[1], shape, SH_NN_MAXDIM);
    if (nd < 0 || ix->dtype != SH_I32 || def->size != 1 || def->dtype != vals->dtype)
        return sh_nn_fail(op, "bad output_shape, indices or default_value");
    int rc = sh_tensor_new(vals->dtype, nd, shape, &op->out[0], op->err);
    if (rc)
        return rc;
    sh_tensor *y = op->out[0];
    for (size_t i = 0; i < y->size; i++)
        ((uint32_t *)y->data)[i] = ((const uint32_t *)def->data)[0];
    size_t nidx = ix->ndim == 0 ? 1 : (size_t)ix->shape[0], rank = ix->ndim == 2 ? (size_t)ix->shape[1] : 1;
    if (ix->ndim > 2 || (nidx && rank != (size_t)nd) || (vals->size != 1 && vals->size != nidx))
        return sh_nn_fail(op, "indices and values do not match the output shape");
    for (size_t i = 0; i < nidx; i++) {
        size_t off = 0;
        for (size_t d = 0; d < rank; d++) {
            int v = sh_i32(ix)[i * rank + d];
            if (v < 0 || v >= shape[d])
                return sh_nn_fail(op, "index %d out of range", v);
            off = off * (size_t)shape[d] + (size_t)v;
        }
        ((uint32_t *)y->data)[off] = ((const uint32_t *)vals->data)[vals->size == 1 ? 0 : i];
    }
    return 0;
}
