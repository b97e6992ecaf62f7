/* Fusion at load: a convolution whose only consumer adds a constant per-channel bias takes the bias
 * into its own output pass, and an activation that follows (directly, or behind a Transpose, since
 * an element-wise function does not care about order) is applied there too. The nodes whose work
 * moved hand their input through. This is the pattern of models converted from ONNX, e.g.
 * NanoDet: Conv2D -> Add(bias) -> Transpose(NHWC->NCHW) -> LeakyRelu. */
#include "nn/graph.h"

#include <stdlib.h>
#include <string.h>

static int is_conv(const sh_nn_node *n)
{
    return !strcmp(n->op, "Conv2D") || !strcmp(n->op, "DepthwiseConv2dNative") || !strcmp(n->op, "DepthwiseConv2D");
}

static int act_of(const sh_nn_node *n, float *alpha)
{
    *alpha = 0;
    if (!strcmp(n->op, "Relu"))
        return SH_ACT_RELU;
    if (!strcmp(n->op, "Relu6"))
        return SH_ACT_RELU6;
    if (!strcmp(n->op, "Sigmoid"))
        return SH_ACT_SIGMOID;
    if (!strcmp(n->op, "Tanh"))
        return SH_ACT_TANH;
    if (!strcmp(n->op, "Elu"))
        return SH_ACT_ELU;
    if (!strcmp(n->op, "LeakyRelu")) {
        *alpha = sh_attr_float(n, "alpha", 0.2f);
        return SH_ACT_LEAKY;
    }
    return SH_ACT_NONE;
}

void sh_nn_fuse(sh_nn_model *m)
{
    int n = m->n_nodes;
    int *uses = calloc((size_t)n, sizeof *uses), *user = calloc((size_t)n, sizeof *user);
    char *is_out = calloc((size_t)n, 1);
    if (!uses || !user || !is_out)
        goto out; /* fusion is an optimisation: without memory, run unfused */
    for (int i = 0; i < n; i++)
        for (int k = 0; k < m->nodes[i].n_in; k++) {
            uses[m->nodes[i].in_node[k]]++;
            user[m->nodes[i].in_node[k]] = i;
        }
    for (int i = 0; i < m->n_outputs; i++)
        for (int k = 0; k < n; k++) {
            size_t l = strlen(m->nodes[k].name);
            if (!strncmp(m->outputs[i], m->nodes[k].name, l) && (m->outputs[i][l] == 0 || m->outputs[i][l] == ':'))
                is_out[k] = 1;
        }
    for (int i = 0; i < n; i++) {
        sh_nn_node *c = &m->nodes[i];
        if (!is_conv(c) || c->n_in != 2 || uses[i] != 1 || is_out[i])
            continue;
        const sh_tensor *f = m->nodes[c->in_node[1]].value;
        if (!f || f->ndim != 4 || f->dtype != SH_F32)
            continue;
        int cout = !strcmp(c->op, "Conv2D") ? f->shape[3] : f->shape[2] * f->shape[3];
        /* Conv -> Add(const bias) */
        sh_nn_node *a = &m->nodes[user[i]];
        int ai = user[i];
        if ((strcmp(a->op, "Add") && strcmp(a->op, "AddV2") && strcmp(a->op, "BiasAdd")) || a->n_in != 2)
            continue;
        int other = a->in_node[0] == i ? a->in_node[1] : a->in_node[0];
        const sh_tensor *b = m->nodes[other].value;
        if (a->in_node[0] == a->in_node[1] || !b || b->dtype != SH_F32 || b->ndim != 1 || b->shape[0] != cout)
            continue;
        c->fuse_bias = sh_f32(b);
        c->altered = 1;
        a->pass = 1;
        a->in_node[0] = i; /* hand through the convolution's output */
        a->in_slot[0] = 0;
        a->n_in = 1;
        /* then an activation, right after or behind one Transpose */
        if (uses[ai] != 1 || is_out[ai])
            continue;
        int ti = user[ai];
        sh_nn_node *t = &m->nodes[ti], *act = t;
        float alpha;
        if (!strcmp(t->op, "Transpose")) {
            if (uses[ti] != 1 || is_out[ti])
                continue;
            act = &m->nodes[user[ti]];
        }
        int kind = act_of(act, &alpha);
        if (kind == SH_ACT_NONE || act->n_in != 1)
            continue;
        c->fuse_act = kind;
        c->fuse_alpha = alpha;
        a->altered = 1;
        if (act != t)
            t->altered = 1;
        act->pass = 1;
    }
out:
    free(uses);
    free(user);
    free(is_out);
}
