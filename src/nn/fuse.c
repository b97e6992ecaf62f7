/* Fusion at load, after the layout pass (layout.c): a convolution or max-pool with VALID padding
 * whose input is a constant Pad of the spatial axes reads the Pad's input and pads in its own loop;
 * a convolution whose only consumer adds a constant per-channel bias takes the bias into its own
 * output pass, and an activation that follows (directly, or behind a Transpose, since an
 * element-wise function does not care about order) is applied there too. The nodes whose work
 * moved hand their input through. This is the pattern of models converted from ONNX, e.g.
 * NanoDet: Pad -> Transpose(NCHW->NHWC) -> Conv2D -> Add(bias) -> Transpose(NHWC->NCHW) -> LeakyRelu,
 * where the layout pass has already made the Transposes no-ops. */
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

/* A convolution or max-pool with VALID padding reading a constant Pad of the spatial axes only
 * (zero for a convolution) reads the Pad's input instead and pads in its own loop. */
static void fold_pads(sh_nn_model *m)
{
    for (int i = 0; i < m->n_nodes; i++) {
        sh_nn_node *c = &m->nodes[i];
        int pool = !strcmp(c->op, "MaxPool");
        char pad[16] = "";
        if ((!is_conv(c) && !pool) || c->n_in < 1 || (c->in_fix && c->in_fix[0]) || sh_attr_str(c, "padding", pad, sizeof pad) || strcmp(pad, "VALID"))
            continue;
        const sh_nn_node *p = &m->nodes[c->in_node[0]];
        int v2 = !strcmp(p->op, "PadV2");
        if ((strcmp(p->op, "Pad") && !v2) || p->bypass || (p->in_fix && p->in_fix[0]))
            continue;
        const sh_tensor *pt = m->nodes[p->in_node[1]].value, *pv = v2 ? m->nodes[p->in_node[2]].value : NULL;
        if (!pt || pt->dtype != SH_I32 || pt->size != 8 || (v2 && (!pv || pv->dtype != SH_F32 || pv->size != 1)))
            continue;
        float value = pv ? sh_f32(pv)[0] : 0;
        if (!pool && value != 0)
            continue;
        int pads[8];
        for (int a = 0; a < 4; a++) { /* into the axes in memory */
            int d = p->nchw_nhwc ? sh_nn_phys_axis(a) : a;
            pads[2 * d] = sh_i32(pt)[2 * a];
            pads[2 * d + 1] = sh_i32(pt)[2 * a + 1];
        }
        int ok = !pads[0] && !pads[1] && !pads[6] && !pads[7];
        for (int k = 2; k < 6; k++)
            ok &= pads[k] >= 0;
        if (!ok)
            continue;
        c->in_node[0] = p->in_node[0];
        c->in_slot[0] = p->in_slot[0];
        memcpy(c->fuse_pad, pads + 2, sizeof c->fuse_pad);
        c->has_pad = 1;
        c->pad_value = value;
    }
}

static void mark_live(const sh_nn_model *m, char *live, int *stack)
{
    int sp = 0;
    for (int i = 0; i < m->n_outputs; i++) {
        const char *o = m->outputs[i], *colon = strchr(o, ':');
        int k = sh_nn_find_node(m, o, colon ? (size_t)(colon - o) : strlen(o));
        if (k >= 0 && m->nodes[k].bypass)
            k = m->nodes[k].alias;
        if (k >= 0 && !live[k]) {
            live[k] = 1;
            stack[sp++] = k;
        }
    }
    while (sp) {
        const sh_nn_node *nd = &m->nodes[stack[--sp]];
        for (int k = 0; k < nd->n_in; k++)
            if (!live[nd->in_node[k]]) {
                live[nd->in_node[k]] = 1;
                stack[sp++] = nd->in_node[k];
            }
    }
}

static int fixed(const sh_nn_node *n) { return n->in_fix && n->in_fix[0]; }

void sh_nn_fuse(sh_nn_model *m)
{
    int n = m->n_nodes;
    fold_pads(m);
    int *uses = calloc((size_t)n, sizeof *uses), *user = calloc((size_t)n, sizeof *user);
    char *is_out = calloc((size_t)n, 1), *live = calloc((size_t)n, 1);
    if (!uses || !user || !is_out || !live)
        goto out; /* fusion is an optimisation: without memory, run unfused */
    /* count the consumers the model's outputs need (no-op transposes and folded pads are not run) */
    mark_live(m, live, user);
    memset(user, 0, (size_t)n * sizeof *user);
    for (int i = 0; i < n; i++)
        for (int k = 0; live[i] && k < m->nodes[i].n_in; k++) {
            uses[m->nodes[i].in_node[k]]++;
            user[m->nodes[i].in_node[k]] = i;
        }
    for (int i = 0; i < m->n_outputs; i++)
        for (int k = 0; k < n; k++) {
            size_t l = strlen(m->nodes[k].name);
            if (!strncmp(m->outputs[i], m->nodes[k].name, l) && (m->outputs[i][l] == 0 || m->outputs[i][l] == ':'))
                is_out[m->nodes[k].bypass ? m->nodes[k].alias : k] = 1;
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
        if ((strcmp(a->op, "Add") && strcmp(a->op, "AddV2") && strcmp(a->op, "BiasAdd")) || a->n_in != 2 || a->nchw_nhwc ||
            (a->in_fix && (a->in_fix[0] || a->in_fix[1])))
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
            if (uses[ti] != 1 || is_out[ti] || fixed(t))
                continue;
            act = &m->nodes[user[ti]];
        }
        int kind = act_of(act, &alpha);
        if (kind == SH_ACT_NONE || act->n_in != 1 || fixed(act))
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
    free(live);
}
