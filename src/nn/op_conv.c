/* Convolutions: Conv2D and _FusedConv2D by im2col + OpenBLAS sgemm (1x1 straight to sgemm), or by
 * Winograd (winograd.c) where the load chose it; DepthwiseConv2dNative and
 * FusedDepthwiseConv2dNative by a direct loop. NHWC input, HWIO filter, as TensorFlow. */
#include "nn/graph.h"
#include "nn/winograd.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct geom {
    int n, h, w, c;      /* input */
    int kh, kw;          /* filter */
    int sh, sw, dh, dw;  /* strides, dilations */
    int pt, pl;          /* padding before (top, left) */
    int oh, ow;          /* output */
} geom;

/* Output size and padding from strides/dilations/padding attrs, TensorFlow's rules. */
static int conv_geom(sh_nn_op *op, const sh_tensor *x, int kh, int kw, geom *g)
{
    if (x->ndim != 4 || x->dtype != SH_F32)
        return sh_nn_fail(op, "input must be a 4-D float tensor");
    char fmt[16] = "NHWC", pad[16] = "";
    sh_attr_str(op->node, "data_format", fmt, sizeof fmt);
    if (strcmp(fmt, "NHWC") != 0)
        return sh_nn_fail(op, "data_format %s is not supported (NHWC only)", fmt);
    int st[4] = {1, 1, 1, 1}, dl[4] = {1, 1, 1, 1}, ep[8] = {0};
    if (sh_attr_ints(op->node, "strides", st, 4) == -1)
        st[1] = st[2] = 1;
    int nd = sh_attr_ints(op->node, "dilations", dl, 4);
    if (nd != 4)
        dl[1] = dl[2] = 1;
    if (sh_attr_str(op->node, "padding", pad, sizeof pad))
        return sh_nn_fail(op, "padding attribute missing");
    *g = (geom){.n = x->shape[0], .h = x->shape[1], .w = x->shape[2], .c = x->shape[3], .kh = kh, .kw = kw,
                .sh = st[1], .sw = st[2], .dh = dl[1], .dw = dl[2]};
    if (g->sh < 1 || g->sw < 1 || g->dh < 1 || g->dw < 1)
        return sh_nn_fail(op, "strides and dilations must be positive");
    int ekh = (kh - 1) * g->dh + 1, ekw = (kw - 1) * g->dw + 1;
    if (!strcmp(pad, "VALID") && op->node->has_pad) { /* a Pad folded in at load (fuse.c) */
        const int *fp = op->node->fuse_pad;
        g->pt = fp[0];
        g->pl = fp[2];
        int hh = g->h + fp[0] + fp[1], ww = g->w + fp[2] + fp[3];
        g->oh = hh >= ekh ? (hh - ekh) / g->sh + 1 : 0;
        g->ow = ww >= ekw ? (ww - ekw) / g->sw + 1 : 0;
    } else if (!strcmp(pad, "VALID")) {
        g->oh = g->h >= ekh ? (g->h - ekh) / g->sh + 1 : 0;
        g->ow = g->w >= ekw ? (g->w - ekw) / g->sw + 1 : 0;
    } else if (!strcmp(pad, "SAME")) {
        g->oh = (g->h + g->sh - 1) / g->sh;
        g->ow = (g->w + g->sw - 1) / g->sw;
        int th = (g->oh - 1) * g->sh + ekh - g->h, tw = (g->ow - 1) * g->sw + ekw - g->w;
        g->pt = th > 0 ? th / 2 : 0;
        g->pl = tw > 0 ? tw / 2 : 0;
    } else if (!strcmp(pad, "EXPLICIT")) {
        if (sh_attr_ints(op->node, "explicit_paddings", ep, 8) != 8)
            return sh_nn_fail(op, "EXPLICIT padding needs 8 explicit_paddings");
        g->pt = ep[2];
        g->pl = ep[4];
        int hh = g->h + ep[2] + ep[3], ww = g->w + ep[4] + ep[5];
        g->oh = hh >= ekh ? (hh - ekh) / g->sh + 1 : 0;
        g->ow = ww >= ekw ? (ww - ekw) / g->sw + 1 : 0;
    } else {
        return sh_nn_fail(op, "padding %s is not supported", pad);
    }
    if (g->oh < 1 || g->ow < 1)
        return sh_nn_fail(op, "the filter is larger than the padded input");
    return 0;
}

/* fused_ops and their arguments: bias (required for BiasAdd) and the activation. */
typedef struct epilogue {
    const float *bias;
    sh_act act;
    float alpha;
    const float *prelu;
} epilogue;

static int parse_fused(sh_nn_op *op, int cout, epilogue *e)
{
    memset(e, 0, sizeof *e);
    char f0[32] = "", f1[32] = "";
    sh_attr_list_str(op->node, "fused_ops", 0, f0, sizeof f0);
    sh_attr_list_str(op->node, "fused_ops", 1, f1, sizeof f1);
    if (strcmp(f0, "BiasAdd") != 0)
        return sh_nn_fail(op, "fused_ops [%s, %s] is not supported (BiasAdd first)", f0, f1);
    if (op->n_in < 3 || op->in[2]->dtype != SH_F32 || op->in[2]->size != (size_t)cout)
        return sh_nn_fail(op, "the bias must hold %d floats", cout);
    e->bias = sh_f32(op->in[2]);
    if (!*f1)
        e->act = SH_ACT_NONE;
    else if (!strcmp(f1, "Relu"))
        e->act = SH_ACT_RELU;
    else if (!strcmp(f1, "Relu6"))
        e->act = SH_ACT_RELU6;
    else if (!strcmp(f1, "Elu"))
        e->act = SH_ACT_ELU;
    else if (!strcmp(f1, "Sigmoid"))
        e->act = SH_ACT_SIGMOID;
    else if (!strcmp(f1, "Tanh"))
        e->act = SH_ACT_TANH;
    else if (!strcmp(f1, "LeakyRelu")) {
        e->act = SH_ACT_LEAKY;
        e->alpha = sh_attr_float(op->node, "leakyrelu_alpha", 0.2f);
    } else if (!strcmp(f1, "Prelu")) {
        if (op->n_in < 4 || op->in[3]->dtype != SH_F32 || op->in[3]->size != (size_t)cout)
            return sh_nn_fail(op, "Prelu needs %d alphas", cout);
        e->act = SH_ACT_PRELU;
        e->prelu = sh_f32(op->in[3]);
    } else
        return sh_nn_fail(op, "fused activation %s is not supported", f1);
    return 0;
}

/* What the fusion pass (fuse.c) gave a plain convolution; returns 1 if anything. */
static int node_epilogue(const sh_nn_node *n, epilogue *e)
{
    e->bias = n->fuse_bias;
    e->act = (sh_act)n->fuse_act;
    e->alpha = n->fuse_alpha;
    e->prelu = NULL;
    return e->bias || e->act != SH_ACT_NONE;
}

static void apply_epilogue(float *out, size_t rows, int cout, const epilogue *e)
{
    if (e->bias)
        for (size_t r = 0; r < rows; r++) {
            float *p = out + r * (size_t)cout;
            for (int c = 0; c < cout; c++)
                p[c] += e->bias[c];
        }
    sh_nn_activate(out, rows * (size_t)cout, e->act, e->alpha, e->prelu, cout);
}

/* Copies the receptive fields of output rows [oy0, oy1) into col, one row of kh*kw*c per pixel. */
static void im2col(const float *x, const geom *g, int oy0, int oy1, float *col)
{
    size_t K = (size_t)g->kh * g->kw * g->c, cb = (size_t)g->c * sizeof(float);
    for (int oy = oy0; oy < oy1; oy++)
        for (int ox = 0; ox < g->ow; ox++) {
            float *row = col + ((size_t)(oy - oy0) * g->ow + ox) * K;
            int ix0 = ox * g->sw - g->pl;
            for (int ky = 0; ky < g->kh; ky++) {
                int iy = oy * g->sh - g->pt + ky * g->dh;
                if (g->dw == 1 && iy >= 0 && iy < g->h && ix0 >= 0 && ix0 + g->kw <= g->w) { /* the row's taps lie side by side */
                    memcpy(row + (size_t)ky * g->kw * g->c, x + ((size_t)iy * g->w + ix0) * g->c, cb * (size_t)g->kw);
                    continue;
                }
                for (int kx = 0; kx < g->kw; kx++) {
                    int ix = ix0 + kx * g->dw;
                    float *dst = row + ((size_t)ky * g->kw + kx) * g->c;
                    if (iy < 0 || iy >= g->h || ix < 0 || ix >= g->w)
                        memset(dst, 0, cb);
                    else
                        memcpy(dst, x + ((size_t)iy * g->w + ix) * g->c, cb);
                }
            }
        }
}

static int conv2d(sh_nn_op *op, int fused)
{
    const sh_tensor *x = op->in[0], *f = op->in[1];
    if (f->ndim != 4 || f->dtype != SH_F32)
        return sh_nn_fail(op, "filter must be a 4-D float tensor [kh,kw,cin,cout]");
    geom g;
    int rc = conv_geom(op, x, f->shape[0], f->shape[1], &g);
    if (rc)
        return rc;
    if (f->shape[2] != g.c)
        return sh_nn_fail(op, "filter takes %d channels, input has %d", f->shape[2], g.c);
    int cout = f->shape[3];
    epilogue e = {0};
    if (fused && (rc = parse_fused(op, cout, &e)))
        return rc;
    if (!fused)
        fused = node_epilogue(op->node, &e);
    int shape[4] = {g.n, g.oh, g.ow, cout};
    if ((rc = sh_tensor_new_uninit(SH_F32, 4, shape, &op->out[0], op->err))) /* sgemm with beta 0 writes it all */
        return rc;
    size_t K = (size_t)g.kh * g.kw * g.c, M = (size_t)g.oh * g.ow;
    op->flops += 2.0 * g.n * (double)M * (double)K * cout; /* as direct: the work asked for, not the work done */
    if (op->node->wino) {
        sh_wino_geom wg = {.n = g.n, .h = g.h, .w = g.w, .c = g.c, .pt = g.pt, .pl = g.pl, .oh = g.oh, .ow = g.ow};
        if (sh_nn_wino_conv(op, sh_f32(x), &wg, op->node->wino, cout, e.bias, e.act, e.alpha, e.prelu, sh_f32(op->out[0])))
            return sh_fail(op->err, SH_EINTERNAL, "", "out of memory for Winograd");
        return 0;
    }
    int direct = g.kh == 1 && g.kw == 1 && g.sh == 1 && g.sw == 1 && g.pt == 0 && g.pl == 0 && g.oh == g.h && g.ow == g.w;
    /* in bands of output rows: about 2 MiB of columns at a time (1x1: of output) */
    int band = (int)((size_t)(1 << 19) / ((direct ? (size_t)cout : K) * (size_t)g.ow));
    if (band < 1)
        band = 1;
    if (band > g.oh)
        band = g.oh;
    float *col = NULL;
    if (!direct && !(col = sh_nn_scratch(op, (size_t)band * g.ow * K * sizeof(float))))
        return sh_fail(op->err, SH_EINTERNAL, "", "out of memory for im2col");
    for (int b = 0; b < g.n; b++) {
        const float *xb = sh_f32(x) + (size_t)b * g.h * g.w * g.c;
        float *ob = sh_f32(op->out[0]) + (size_t)b * M * cout;
        for (int oy = 0; oy < g.oh; oy += band) {
            int oy1 = oy + band < g.oh ? oy + band : g.oh;
            const float *a = xb;
            if (!direct) {
                im2col(xb, &g, oy, oy1, col);
                a = col;
            }
            int rows = (oy1 - oy) * g.ow;
            float *c = ob + (size_t)oy * g.ow * cout;
            if (e.bias) /* start from the bias: no separate pass over the output for it */
                for (int r = 0; r < rows; r++)
                    memcpy(c + (size_t)r * cout, e.bias, (size_t)cout * sizeof(float));
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, cout, (int)K, 1.0f, a + (direct ? (size_t)oy * g.ow * K : 0), (int)K,
                        sh_f32(f), cout, e.bias ? 1.0f : 0.0f, c, cout);
            /* the activation while the band is still in cache */
            sh_nn_activate(c, (size_t)rows * cout, e.act, e.alpha, e.prelu, cout);
        }
    }
    return 0;
}

static int depthwise(sh_nn_op *op, int fused)
{
    const sh_tensor *x = op->in[0], *f = op->in[1];
    if (f->ndim != 4 || f->dtype != SH_F32)
        return sh_nn_fail(op, "filter must be a 4-D float tensor [kh,kw,c,multiplier]");
    geom g;
    int rc = conv_geom(op, x, f->shape[0], f->shape[1], &g);
    if (rc)
        return rc;
    if (f->shape[2] != g.c)
        return sh_nn_fail(op, "filter takes %d channels, input has %d", f->shape[2], g.c);
    int mult = f->shape[3], cout = g.c * mult;
    epilogue e = {0};
    if (fused && (rc = parse_fused(op, cout, &e)))
        return rc;
    if (!fused)
        fused = node_epilogue(op->node, &e);
    int shape[4] = {g.n, g.oh, g.ow, cout};
    if ((rc = sh_tensor_new(SH_F32, 4, shape, &op->out[0], op->err)))
        return rc;
    const float *fw = sh_f32(f);
    for (int b = 0; b < g.n; b++) {
        const float *xb = sh_f32(x) + (size_t)b * g.h * g.w * g.c;
        for (int oy = 0; oy < g.oh; oy++)
            for (int ox = 0; ox < g.ow; ox++) {
                float *acc = sh_f32(op->out[0]) + (((size_t)b * g.oh + oy) * g.ow + ox) * cout;
                for (int ky = 0; ky < g.kh; ky++) {
                    int iy = oy * g.sh - g.pt + ky * g.dh;
                    if (iy < 0 || iy >= g.h)
                        continue;
                    for (int kx = 0; kx < g.kw; kx++) {
                        int ix = ox * g.sw - g.pl + kx * g.dw;
                        if (ix < 0 || ix >= g.w)
                            continue;
                        const float *xp = xb + ((size_t)iy * g.w + ix) * g.c;
                        const float *fp = fw + ((size_t)ky * g.kw + kx) * cout;
                        if (mult == 1)
                            for (int c = 0; c < g.c; c++)
                                acc[c] += xp[c] * fp[c];
                        else
                            for (int c = 0; c < g.c; c++)
                                for (int q = 0; q < mult; q++)
                                    acc[c * mult + q] += xp[c] * fp[c * mult + q];
                    }
                }
            }
    }
    if (fused)
        apply_epilogue(sh_f32(op->out[0]), (size_t)g.n * g.oh * g.ow, cout, &e);
    op->flops += 2.0 * g.n * (double)g.oh * g.ow * g.kh * g.kw * cout;
    return 0;
}

int sh_op_conv2d(sh_nn_op *op) { return conv2d(op, 0); }
int sh_op_fused_conv2d(sh_nn_op *op) { return conv2d(op, 1); }
int sh_op_depthwise(sh_nn_op *op) { return depthwise(op, 0); }
int sh_op_fused_depthwise(sh_nn_op *op) { return depthwise(op, 1); }

void sh_nn_activate(float *p, size_t n, sh_act act, float alpha, const float *prelu, int channels)
{
    switch (act) {
    case SH_ACT_NONE:
        break;
    case SH_ACT_RELU:
        for (size_t i = 0; i < n; i++)
            p[i] = p[i] > 0 ? p[i] : 0;
        break;
    case SH_ACT_RELU6:
        for (size_t i = 0; i < n; i++)
            p[i] = p[i] < 0 ? 0 : p[i] > 6 ? 6 : p[i];
        break;
    case SH_ACT_LEAKY:
        if (alpha >= 0 && alpha <= 1) /* then max(x, alpha x): the same values, and it vectorises */
            for (size_t i = 0; i < n; i++) {
                float v = p[i], a = alpha * v;
                p[i] = v > a ? v : a;
            }
        else
            for (size_t i = 0; i < n; i++)
                p[i] = p[i] < 0 ? alpha * p[i] : p[i];
        break;
    case SH_ACT_ELU:
        for (size_t i = 0; i < n; i++)
            p[i] = p[i] < 0 ? expm1f(p[i]) : p[i];
        break;
    case SH_ACT_SIGMOID:
        for (size_t i = 0; i < n; i++)
            p[i] = 1.0f / (1.0f + expf(-p[i]));
        break;
    case SH_ACT_TANH:
        for (size_t i = 0; i < n; i++)
            p[i] = tanhf(p[i]);
        break;
    case SH_ACT_PRELU:
        for (size_t i = 0; i < n; i++)
            if (p[i] < 0)
                p[i] *= prelu[i % (size_t)channels];
        break;
    }
}
