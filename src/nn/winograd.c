/* 3x3 convolutions of stride 1 by Winograd's F(2x2, 3x3): each 2x2 block of output from a 4x4 block
 * of input with 16 multiplications per channel pair instead of 36, so 2.25 times fewer
 * multiply-adds than im2col. The 16 products are 16 sgemms (tiles x cin by cin x cout) on
 * transformed input and weights; the transforms only add and halve, so the results differ from the
 * direct sums by rounding alone (NanoDet's outputs stay within the tests' 1e-4 of tfjs-wasm).
 * NHWC input, HWIO filter; the weights are transformed once, at load (fuse.c). */
#include "nn/winograd.h"

#include <cblas.h>
#include <stdlib.h>
#include <string.h>

int sh_nn_wino_weights(const sh_tensor *f, float **ret)
{
    int cin = f->shape[2], cout = f->shape[3];
    size_t cc = (size_t)cin * cout;
    float *u = malloc(16 * cc * sizeof *u);
    if (!u)
        return -1;
    const float *g = sh_f32(f);
    for (size_t k = 0; k < cc; k++) { /* U = G g G^T for each (cin, cout) pair */
        float a[3][3], t[4][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                a[i][j] = g[((size_t)i * 3 + j) * cc + k];
        for (int j = 0; j < 3; j++) {
            t[0][j] = a[0][j];
            t[1][j] = 0.5f * (a[0][j] + a[1][j] + a[2][j]);
            t[2][j] = 0.5f * (a[0][j] - a[1][j] + a[2][j]);
            t[3][j] = a[2][j];
        }
        for (int i = 0; i < 4; i++) {
            u[(size_t)(i * 4 + 0) * cc + k] = t[i][0];
            u[(size_t)(i * 4 + 1) * cc + k] = 0.5f * (t[i][0] + t[i][1] + t[i][2]);
            u[(size_t)(i * 4 + 2) * cc + k] = 0.5f * (t[i][0] - t[i][1] + t[i][2]);
            u[(size_t)(i * 4 + 3) * cc + k] = t[i][2];
        }
    }
    *ret = u;
    return 0;
}

/* Channels are handled 8 at a time through small local arrays, which the compiler vectorises
 * (the 16 input rows and 16 output planes would otherwise be possible aliases). */
enum { L = 8 };

/* kn floats (at most L): a whole chunk in a loop of constant length, which becomes vector moves */
static inline void ld(float *dst, const float *src, int kn)
{
    if (kn == L)
        for (int l = 0; l < L; l++)
            dst[l] = src[l];
    else
        memcpy(dst, src, (size_t)kn * sizeof(float));
}

/* V = B^T d B of the 4x4 input blocks of tiles [t0, t1), into v[16][tiles][c]. */
static void input_transform(const float *x, const sh_wino_geom *g, const float *zeros, int t0, int t1, float *v)
{
    int th = (g->oh + 1) / 2, tw = (g->ow + 1) / 2, nt = t1 - t0, c = g->c;
    size_t plane = (size_t)nt * c;
    for (int t = t0; t < t1; t++) {
        int b = t / (th * tw), ty = t / tw % th, tx = t % tw;
        const float *p[16];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) {
                int iy = 2 * ty - g->pt + i, ix = 2 * tx - g->pl + j;
                p[i * 4 + j] = iy < 0 || iy >= g->h || ix < 0 || ix >= g->w ? zeros : x + (((size_t)b * g->h + iy) * g->w + ix) * c;
            }
        float *o = v + (size_t)(t - t0) * c;
        for (int k0 = 0; k0 < c; k0 += L) {
            int kn = c - k0 < L ? c - k0 : L;
            float d[16][L] = {{0}}, r[16][L], u[16][L];
            for (int q = 0; q < 16; q++)
                ld(d[q], p[q] + k0, kn);
            for (int j = 0; j < 4; j++)
                for (int l = 0; l < L; l++) {
                    r[0 + j][l] = d[0 + j][l] - d[8 + j][l];
                    r[4 + j][l] = d[4 + j][l] + d[8 + j][l];
                    r[8 + j][l] = d[8 + j][l] - d[4 + j][l];
                    r[12 + j][l] = d[4 + j][l] - d[12 + j][l];
                }
            for (int i = 0; i < 16; i += 4)
                for (int l = 0; l < L; l++) {
                    u[i + 0][l] = r[i + 0][l] - r[i + 2][l];
                    u[i + 1][l] = r[i + 1][l] + r[i + 2][l];
                    u[i + 2][l] = r[i + 2][l] - r[i + 1][l];
                    u[i + 3][l] = r[i + 1][l] - r[i + 3][l];
                }
            for (int q = 0; q < 16; q++)
                ld(o + q * plane + k0, u[q], kn);
        }
    }
}

/* Y = A^T m A for tiles [t0, t1) from m[16][tiles][cout], plus the bias, then the activation. */
static void output_transform(const float *m, const sh_wino_geom *g, int cout, const float *bias, sh_act act, float alpha,
                             const float *prelu, int t0, int t1, float *y)
{
    int th = (g->oh + 1) / 2, tw = (g->ow + 1) / 2, nt = t1 - t0;
    size_t plane = (size_t)nt * cout;
    for (int t = t0; t < t1; t++) {
        int b = t / (th * tw), ty = t / tw % th, tx = t % tw;
        float *q[4];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++) {
                int oy = 2 * ty + i, ox = 2 * tx + j;
                q[i * 2 + j] = oy < g->oh && ox < g->ow ? y + (((size_t)b * g->oh + oy) * g->ow + ox) * cout : NULL;
            }
        const float *s = m + (size_t)(t - t0) * cout;
        for (int k0 = 0; k0 < cout; k0 += L) {
            int kn = cout - k0 < L ? cout - k0 : L;
            float d[16][L] = {{0}}, r[8][L], u[4][L], bk[L] = {0};
            for (int p = 0; p < 16; p++)
                ld(d[p], s + p * plane + k0, kn);
            if (bias)
                ld(bk, bias + k0, kn);
            for (int j = 0; j < 4; j++)
                for (int l = 0; l < L; l++) {
                    r[j][l] = d[j][l] + d[4 + j][l] + d[8 + j][l];
                    r[4 + j][l] = d[4 + j][l] - d[8 + j][l] - d[12 + j][l];
                }
            for (int i = 0; i < 2; i++)
                for (int l = 0; l < L; l++) {
                    u[i * 2 + 0][l] = r[i * 4 + 0][l] + r[i * 4 + 1][l] + r[i * 4 + 2][l] + bk[l];
                    u[i * 2 + 1][l] = r[i * 4 + 1][l] - r[i * 4 + 2][l] - r[i * 4 + 3][l] + bk[l];
                }
            for (int i = 0; i < 4; i++)
                if (q[i])
                    ld(q[i] + k0, u[i], kn);
        }
        for (int i = 0; i < 4; i++)
            if (q[i])
                sh_nn_activate(q[i], (size_t)cout, act, alpha, prelu, cout);
    }
}

int sh_nn_wino_conv(sh_nn_op *op, const float *x, const sh_wino_geom *g, const float *u, int cout, const float *bias, sh_act act, float alpha,
                    const float *prelu, float *y)
{
    int tiles = g->n * ((g->oh + 1) / 2) * ((g->ow + 1) / 2);
    /* tiles in blocks: about 4 MiB of transformed input and products at a time */
    int tb = (int)(((size_t)1 << 20) / (16 * ((size_t)g->c + cout)));
    if (tb < 16)
        tb = 16;
    if (tb > tiles)
        tb = tiles;
    size_t nv = (size_t)16 * tb * g->c, nm = (size_t)16 * tb * cout;
    float *v = sh_nn_scratch(op, (nv + nm + (size_t)g->c) * sizeof(float));
    if (!v)
        return -1;
    float *m = v + nv, *zeros = m + nm;
    memset(zeros, 0, (size_t)g->c * sizeof(float));
    size_t cc = (size_t)g->c * cout;
    for (int t0 = 0; t0 < tiles; t0 += tb) {
        int t1 = t0 + tb < tiles ? t0 + tb : tiles, nt = t1 - t0;
        input_transform(x, g, zeros, t0, t1, v);
        for (int p = 0; p < 16; p++)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, nt, cout, g->c, 1.0f, v + (size_t)p * nt * g->c, g->c, u + p * cc, cout,
                        0.0f, m + (size_t)p * nt * cout, cout);
        output_transform(m, g, cout, bias, act, alpha, prelu, t0, t1, y);
    }
    return 0;
}

/* Which convolutions: Conv2D (plain or fused) with a constant 3x3 float filter, strides and
 * dilations 1, NHWC, and channels enough on both sides for the transforms to pay (below, im2col's
 * one sgemm with 9 times the depth beats 16 shallow ones). */
void sh_nn_wino_prepare(sh_nn_model *m)
{
    enum { MIN_C = 32 }; /* measured on NanoDet: 16 channels lose, 32 break even, 64 and more win 1.3-1.7x */
    for (int i = 0; i < m->n_nodes; i++) {
        sh_nn_node *c = &m->nodes[i];
        if ((strcmp(c->op, "Conv2D") && strcmp(c->op, "_FusedConv2D")) || c->n_in < 2)
            continue;
        const sh_tensor *f = m->nodes[c->in_node[1]].value;
        int st[4] = {1, 1, 1, 1}, dl[4] = {1, 1, 1, 1};
        char fmt[16] = "NHWC";
        sh_attr_str(c, "data_format", fmt, sizeof fmt);
        int nst = sh_attr_ints(c, "strides", st, 4), ndl = sh_attr_ints(c, "dilations", dl, 4);
        if (!f || f->dtype != SH_F32 || f->ndim != 4 || f->shape[0] != 3 || f->shape[1] != 3 || f->shape[2] < MIN_C || f->shape[3] < MIN_C ||
            strcmp(fmt, "NHWC") || (nst != -1 && (nst != 4 || st[1] != 1 || st[2] != 1)) || (ndl != -1 && (ndl != 4 || dl[1] != 1 || dl[2] != 1)))
            continue;
        if (sh_nn_wino_weights(f, &c->wino))
            c->wino = NULL; /* without memory: im2col */
    }
}
