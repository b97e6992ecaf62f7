/* 3x3 convolutions of stride 1 by Winograd's F(4x4, 3x3): each 4x4 block of output from a 6x6 block
 * of input with 36 multiplications per channel pair instead of 144, 4 times fewer multiply-adds than
 * im2col. The 36 products are 36 sgemms (tiles x cin by cin x cout) on transformed input and
 * weights; the filters are transformed once, at load. The transforms multiply by up to 8 and divide
 * by 24, so the sums round differently from im2col's: on NanoDet's outputs by at most 6e-6 of their
 * scale (the tests allow 1e-4 against tfjs-wasm), with the same detections. F(2x2, 3x3) was
 * measured too (2.25 times fewer): 15-20 % slower over the network than this. NHWC input, HWIO
 * filter. */
#include "nn/winograd.h"

#include <cblas.h>
#include <stdlib.h>
#include <string.h>

enum { L = 8 }; /* channels a chunk, through local arrays the compiler vectorises */

static inline void ld(float *dst, const float *src, int kn)
{
    if (kn == L)
        for (int l = 0; l < L; l++)
            dst[l] = src[l];
    else
        memcpy(dst, src, (size_t)kn * sizeof(float));
}

int sh_nn_wino_weights(const sh_tensor *f, float **ret)
{
    size_t cc = (size_t)f->shape[2] * f->shape[3];
    float *u = malloc(36 * cc * sizeof *u);
    if (!u)
        return -1;
    const float *g = sh_f32(f);
    /* by reciprocals, not divisions (the same to an ulp); in blocks of B pairs through local arrays,
     * as 9 planes read and 36 written a power of two apart would fight over the same cache sets */
    const float r6 = 1.0f / 6, r12 = 1.0f / 12, r24 = 1.0f / 24;
    enum { B = 64 };
    for (size_t k0 = 0; k0 < cc; k0 += B) {
        size_t kn = cc - k0 < B ? cc - k0 : B;
        float a[9][B] = {{0}}, t[18][B], o[36][B];
        for (int q = 0; q < 9; q++)
            memcpy(a[q], g + q * cc + k0, kn * sizeof(float));
        for (int j = 0; j < 3; j++) /* t = G g: 6 x 3 */
            for (int l = 0; l < B; l++) {
                float g0 = a[j][l], g1 = a[3 + j][l], g2 = a[6 + j][l];
                t[0 * 3 + j][l] = g0 * 0.25f;
                t[1 * 3 + j][l] = -(g0 + g1 + g2) * r6;
                t[2 * 3 + j][l] = -(g0 - g1 + g2) * r6;
                t[3 * 3 + j][l] = g0 * r24 + g1 * r12 + g2 * r6;
                t[4 * 3 + j][l] = g0 * r24 - g1 * r12 + g2 * r6;
                t[5 * 3 + j][l] = g2;
            }
        for (int i = 0; i < 6; i++) /* U = t G^T: 6 x 6 */
            for (int l = 0; l < B; l++) {
                float t0 = t[i * 3][l], t1 = t[i * 3 + 1][l], t2 = t[i * 3 + 2][l];
                o[i * 6 + 0][l] = t0 * 0.25f;
                o[i * 6 + 1][l] = -(t0 + t1 + t2) * r6;
                o[i * 6 + 2][l] = -(t0 - t1 + t2) * r6;
                o[i * 6 + 3][l] = t0 * r24 + t1 * r12 + t2 * r6;
                o[i * 6 + 4][l] = t0 * r24 - t1 * r12 + t2 * r6;
                o[i * 6 + 5][l] = t2;
            }
        for (int q = 0; q < 36; q++)
            memcpy(u + q * cc + k0, o[q], kn * sizeof(float));
    }
    *ret = u;
    return 0;
}

/* B^T applied to 6 rows of L lanes: s is the stride between rows in d and in r. */
#define BT(d, r, s)                                                                                          \
    for (int l = 0; l < L; l++) {                                                                            \
        float d0 = d[0 * s][l], d1 = d[1 * s][l], d2 = d[2 * s][l], d3 = d[3 * s][l], d4 = d[4 * s][l], d5 = d[5 * s][l]; \
        r[0 * s][l] = 4 * d0 - 5 * d2 + d4;                                                                  \
        r[1 * s][l] = -4 * (d1 + d2) + d3 + d4;                                                              \
        r[2 * s][l] = 4 * (d1 - d2) - d3 + d4;                                                               \
        r[3 * s][l] = 2 * (d3 - d1) - d2 + d4;                                                               \
        r[4 * s][l] = 2 * (d1 - d3) - d2 + d4;                                                               \
        r[5 * s][l] = 4 * d1 - 5 * d3 + d5;                                                                  \
    }

static void input_transform(const float *x, const sh_wino_geom *g, const float *zeros, int t0, int t1, float *v)
{
    int th = (g->oh + 3) / 4, tw = (g->ow + 3) / 4, nt = t1 - t0, c = g->c;
    size_t plane = (size_t)nt * c;
    for (int t = t0; t < t1; t++) {
        int b = t / (th * tw), ty = t / tw % th, tx = t % tw;
        const float *p[36];
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++) {
                int iy = 4 * ty - g->pt + i, ix = 4 * tx - g->pl + j;
                p[i * 6 + j] = iy < 0 || iy >= g->h || ix < 0 || ix >= g->w ? zeros : x + (((size_t)b * g->h + iy) * g->w + ix) * c;
            }
        float *o = v + (size_t)(t - t0) * c;
        for (int k0 = 0; k0 < c; k0 += L) {
            int kn = c - k0 < L ? c - k0 : L;
            float d[36][L] = {{0}}, r[36][L], u[36][L];
            for (int q = 0; q < 36; q++)
                ld(d[q], p[q] + k0, kn);
            for (int j = 0; j < 6; j++) { /* columns of d: rows i * 6 + j */
                float (*dj)[L] = d + j, (*rj)[L] = r + j;
                BT(dj, rj, 6)
            }
            for (int i = 0; i < 6; i++) { /* rows of r */
                float (*ri)[L] = r + i * 6, (*ui)[L] = u + i * 6;
                BT(ri, ui, 1)
            }
            for (int q = 0; q < 36; q++)
                ld(o + q * plane + k0, u[q], kn);
        }
    }
}

/* A^T applied to 6 rows (stride s in m) into 4 rows (stride s in y). */
#define AT(m, y, s)                                                                                          \
    for (int l = 0; l < L; l++) {                                                                            \
        float m0 = m[0 * s][l], m1 = m[1 * s][l], m2 = m[2 * s][l], m3 = m[3 * s][l], m4 = m[4 * s][l], m5 = m[5 * s][l]; \
        float sa = m1 + m2, sb = m1 - m2, sc = m3 + m4, sd = m3 - m4;                                        \
        y[0 * s][l] = m0 + sa + sc;                                                                          \
        y[1 * s][l] = sb + 2 * sd;                                                                           \
        y[2 * s][l] = sa + 4 * sc;                                                                           \
        y[3 * s][l] = sb + 8 * sd + m5;                                                                      \
    }

static void output_transform(const float *m, const sh_wino_geom *g, int cout, const float *bias, sh_act act, float alpha,
                             const float *prelu, int t0, int t1, float *y)
{
    int th = (g->oh + 3) / 4, tw = (g->ow + 3) / 4, nt = t1 - t0;
    size_t plane = (size_t)nt * cout;
    for (int t = t0; t < t1; t++) {
        int b = t / (th * tw), ty = t / tw % th, tx = t % tw;
        float *q[16];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) {
                int oy = 4 * ty + i, ox = 4 * tx + j;
                q[i * 4 + j] = oy < g->oh && ox < g->ow ? y + (((size_t)b * g->oh + oy) * g->ow + ox) * cout : NULL;
            }
        const float *s = m + (size_t)(t - t0) * cout;
        for (int k0 = 0; k0 < cout; k0 += L) {
            int kn = cout - k0 < L ? cout - k0 : L;
            float d[36][L] = {{0}}, r[24][L], u[16][L], bk[L] = {0};
            for (int p = 0; p < 36; p++)
                ld(d[p], s + p * plane + k0, kn);
            if (bias)
                ld(bk, bias + k0, kn);
            for (int j = 0; j < 6; j++) { /* columns: 6 rows into 4, r[i * 6 + j] */
                float (*dj)[L] = d + j, (*rj)[L] = r + j;
                AT(dj, rj, 6)
            }
            for (int i = 0; i < 4; i++) { /* rows: 6 columns into 4, u[i * 4 + j] */
                float (*ri)[L] = r + i * 6, w[4][L];
                AT(ri, w, 1)
                for (int j = 0; j < 4; j++)
                    for (int l = 0; l < L; l++)
                        u[i * 4 + j][l] = w[j][l] + bk[l];
            }
            for (int i = 0; i < 16; i++)
                if (q[i])
                    ld(q[i] + k0, u[i], kn);
        }
        for (int i = 0; i < 16; i++)
            if (q[i])
                sh_nn_activate(q[i], (size_t)cout, act, alpha, prelu, cout);
    }
}

int sh_nn_wino_conv(sh_nn_op *op, const float *x, const sh_wino_geom *g, const float *u, int cout, const float *bias, sh_act act, float alpha,
                    const float *prelu, float *y)
{
    int tiles = g->n * ((g->oh + 3) / 4) * ((g->ow + 3) / 4);
    int tb = (int)(((size_t)1 << 20) / (36 * ((size_t)g->c + cout))); /* about 4 MiB at a time */
    if (tb < 8)
        tb = 8;
    if (tb > tiles)
        tb = tiles;
    size_t nv = (size_t)36 * tb * g->c, nm = (size_t)36 * tb * cout;
    float *v = sh_nn_scratch(op, (nv + nm + (size_t)g->c) * sizeof(float));
    if (!v)
        return -1;
    float *m = v + nv, *zeros = m + nm;
    memset(zeros, 0, (size_t)g->c * sizeof(float));
    size_t cc = (size_t)g->c * cout;
    for (int t0 = 0; t0 < tiles; t0 += tb) {
        int t1 = t0 + tb < tiles ? t0 + tb : tiles, nt = t1 - t0;
        input_transform(x, g, zeros, t0, t1, v);
        for (int p = 0; p < 36; p++)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, nt, cout, g->c, 1.0f, v + (size_t)p * nt * g->c, g->c, u + p * cc, cout,
                        0.0f, m + (size_t)p * nt * cout, cout);
        output_transform(m, g, cout, bias, act, alpha, prelu, t0, t1, y);
    }
    return 0;
}

/* Which convolutions: Conv2D (plain or fused) with a constant 3x3 float filter, strides and
 * dilations 1, NHWC, and 16 channels or more on both sides (with fewer, the 36 shallow sgemms may
 * lose to im2col's one with 9 times the depth). */
void sh_nn_wino_prepare(sh_nn_model *m)
{
    enum { MIN_C = 16 }; /* NanoDet's smallest; below, untried */
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
