/* Layout at load: models converted from ONNX keep NCHW tensors between the NHWC convolutions and
 * wrap every convolution, pool and resize in Transpose pairs (NanoDet: 83 of them, a quarter of the
 * run). Here a 4-D NCHW tensor of the graph may be held in memory as NHWC instead: a Transpose
 * NHWC -> NCHW then moves nothing (its value is its input, relabelled) and neither does the
 * Transpose back. Operators that do not care about the order of axes (element-wise ones) or only
 * need their axis or padding constants read through it (Pad, ConcatV2, Split, SplitV) work on the
 * NHWC tensor as it is; any other consumer gets the graph's NCHW tensor, transposed before it runs
 * (in_fix), and so does a caller asking for it as a run output. */
#include "nn/graph.h"

#include <stdlib.h>
#include <string.h>

static int op_is(const sh_nn_node *n, const char *const *ops)
{
    for (; *ops; ops++)
        if (!strcmp(n->op, *ops))
            return 1;
    return 0;
}

static const char *const unary[] = {"Relu", "Relu6", "LeakyRelu", "Elu", "Sigmoid", "Tanh", "Identity", "Snapshot", "StopGradient", NULL};
static const char *const binary[] = {"Add", "AddV2", "Sub", "Mul", "RealDiv", "Div", "FloorDiv", "Maximum", "Minimum", "SquaredDifference", NULL};

/* The node's constant int32 value, if it is a Const of exactly n elements. */
static const int32_t *const_ints(const sh_nn_model *m, int node, size_t n)
{
    const sh_tensor *t = m->nodes[node].value;
    return t && t->dtype == SH_I32 && t->size == n ? sh_i32(t) : NULL;
}

static int is_perm(const int32_t *p, int a, int b, int c, int d) { return p && p[0] == a && p[1] == b && p[2] == c && p[3] == d; }

void sh_nn_layout(sh_nn_model *m)
{
    int n = m->n_nodes;
    char *held = calloc((size_t)n, 1); /* per node: its outputs are held as NHWC (its flag, or a bypass's relabelling) */
    if (!held)
        return; /* an optimisation: without memory, run the graph as it is */
    for (int i = 0; i < n; i++)
        if (m->nodes[i].n_in && !(m->nodes[i].in_fix = calloc((size_t)m->nodes[i].n_in, 1))) {
            for (int k = 0; k <= i; k++) {
                free(m->nodes[k].in_fix);
                m->nodes[k].in_fix = NULL;
            }
            free(held);
            return;
        }
    for (int oi = 0; oi < n; oi++) {
        int i = m->order[oi];
        sh_nn_node *nd = &m->nodes[i];
        if (nd->value || nd->input_index >= 0 || !nd->n_in)
            continue;
        /* read through the no-op transposes already decided; in_fix holds each input's layout for now */
        int any = 0;
        for (int k = 0; k < nd->n_in; k++) {
            int p = nd->in_node[k];
            nd->in_fix[k] = (unsigned char)held[p];
            any |= held[p];
            if (m->nodes[p].bypass) {
                nd->in_node[k] = m->nodes[p].alias;
                nd->in_slot[k] = m->nodes[p].alias_slot;
            }
        }
        int ok = 0;
        if (!strcmp(nd->op, "Transpose")) {
            const int32_t *perm = const_ints(m, nd->in_node[1], 4);
            if ((nd->in_fix[0] && is_perm(perm, 0, 2, 3, 1)) || (!nd->in_fix[0] && is_perm(perm, 0, 3, 1, 2))) {
                held[i] = !nd->in_fix[0];
                nd->nchw_nhwc = held[i]; /* for a caller asking for its value */
                nd->in_fix[0] = 0;
                nd->bypass = 1;
                nd->alias = nd->in_node[0];
                nd->alias_slot = nd->in_slot[0];
            }
            continue; /* otherwise it runs on the graph's layout, in_fix as set */
        }
        if (!any)
            continue;
        if (op_is(nd, unary))
            ok = 1;
        else if (op_is(nd, binary)) {
            ok = 1;
            for (int k = 0; k < 2; k++) {
                const sh_tensor *c = m->nodes[nd->in_node[k]].value;
                ok &= nd->in_fix[k] || (c && c->size == 1); /* both held, or one a scalar */
            }
        } else if (!strcmp(nd->op, "Pad") || !strcmp(nd->op, "PadV2"))
            ok = nd->in_fix[0] && const_ints(m, nd->in_node[1], 8);
        else if (!strcmp(nd->op, "ConcatV2")) {
            ok = const_ints(m, nd->in_node[nd->n_in - 1], 1) != NULL;
            for (int k = 0; k < nd->n_in - 1; k++)
                ok &= nd->in_fix[k];
        } else if (!strcmp(nd->op, "SplitV"))
            ok = nd->in_fix[0] && const_ints(m, nd->in_node[2], 1);
        else if (!strcmp(nd->op, "Split"))
            ok = nd->in_fix[1] && const_ints(m, nd->in_node[0], 1);
        if (ok) { /* works on the NHWC tensors as they are */
            nd->nchw_nhwc = 1;
            held[i] = 1;
            memset(nd->in_fix, 0, (size_t)nd->n_in);
        }
    }
    free(held);
}

int sh_nn_to_nchw(const sh_tensor *x, sh_tensor **ret, sh_err *err)
{
    if (x->ndim != 4)
        return sh_fail(err, SH_EINTERNAL, "layout", "a tensor held as NHWC has rank %d", x->ndim);
    int shape[4] = {x->shape[0], x->shape[3], x->shape[1], x->shape[2]};
    int rc = sh_tensor_new_uninit(x->dtype, 4, shape, ret, err);
    if (!rc && x->size)
        sh_nn_transpose2d(x->data, (*ret)->data, (size_t)x->shape[0], (size_t)x->shape[1] * x->shape[2], (size_t)x->shape[3]);
    return rc;
}
