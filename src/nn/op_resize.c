/* ResizeBilinear and ResizeNearestNeighbor over NHWC with align_corners / half_pixel_centers, as
 * TensorFlow (and TF.js) compute them. */
#include "nn/graph.h"

#include <math.h>
#include <stdlib.h>

static float ratio(int in, int out, int align)
{
    return align && out > 1 ? (float)(in - 1) / (float)(out - 1) : (float)in / (float)out;
}

int sh_nn_resize_bilinear(const sh_tensor *x, int oh, int ow, int align, int half, sh_tensor **ret, sh_err *err)
{
    if (x->ndim != 4 || x->dtype != SH_F32 || oh < 1 || ow < 1)
        return sh_fail(err, SH_EINVAL, "resize", "bilinear resize needs a 4-D float tensor and a positive size");
    int n = x->shape[0], h = x->shape[1], w = x->shape[2], c = x->shape[3];
    int shape[4] = {n, oh, ow, c};
    sh_tensor *y;
    int rc = sh_tensor_new_uninit(SH_F32, 4, shape, &y, err);
    if (rc)
        return rc;
    float ry = ratio(h, oh, align), rx = ratio(w, ow, align);
    int *x0 = malloc((size_t)ow * sizeof *x0), *x1 = malloc((size_t)ow * sizeof *x1);
    float *xl = malloc((size_t)ow * sizeof *xl);
    if (!x0 || !x1 || !xl) {
        free(x0), free(x1), free(xl), sh_tensor_free(y);
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    }
    for (int ox = 0; ox < ow; ox++) {
        float src = half ? rx * ((float)ox + 0.5f) - 0.5f : rx * (float)ox;
        float fl = floorf(src);
        x0[ox] = fl < 0 ? 0 : (int)fl;
        x1[ox] = (int)ceilf(src) > w - 1 ? w - 1 : (int)ceilf(src);
        if (x1[ox] < 0)
            x1[ox] = 0;
        xl[ox] = src - fl;
    }
    for (int b = 0; b < n; b++)
        for (int oy = 0; oy < oh; oy++) {
            float src = half ? ry * ((float)oy + 0.5f) - 0.5f : ry * (float)oy;
            float fl = floorf(src), yl = src - fl;
            int y0 = fl < 0 ? 0 : (int)fl, y1 = (int)ceilf(src) > h - 1 ? h - 1 : (int)ceilf(src);
            if (y1 < 0)
                y1 = 0;
            const float *r0 = sh_f32(x) + ((size_t)b * h + y0) * w * c, *r1 = sh_f32(x) + ((size_t)b * h + y1) * w * c;
            float *o = sh_f32(y) + ((size_t)b * oh + oy) * ow * c;
            for (int ox = 0; ox < ow; ox++) {
                const float *tl = r0 + (size_t)x0[ox] * c, *tr = r0 + (size_t)x1[ox] * c;
                const float *bl = r1 + (size_t)x0[ox] * c, *br = r1 + (size_t)x1[ox] * c;
                float l = xl[ox];
                for (int k = 0; k < c; k++) {
                    float top = tl[k] + (tr[k] - tl[k]) * l, bot = bl[k] + (br[k] - bl[k]) * l;
                    o[(size_t)ox * c + k] = top + (bot - top) * yl;
                }
            }
        }
    free(x0), free(x1), free(xl);
    *ret = y;
    return 0;
}

static int size_of(sh_nn_op *op, int *oh, int *ow)
{
    const sh_tensor *s = op->in[1];
    if (s->dtype != SH_I32 || s->size != 2)
        return sh_nn_fail(op, "size must be int32 [2]");
    *oh = sh_i32(s)[0];
    *ow = sh_i32(s)[1];
    if (*oh < 1 || *ow < 1 || *oh > 16384 || *ow > 16384)
        return sh_nn_fail(op, "size %dx%d out of range", *oh, *ow);
    return 0;
}

int sh_op_resize_bilinear(sh_nn_op *op)
{
    int oh = 0, ow = 0, rc = size_of(op, &oh, &ow);
    if (rc)
        return rc;
    if (op->in[0]->ndim != 4 || op->in[0]->dtype != SH_F32)
        return sh_nn_fail(op, "input must be a 4-D float tensor");
    return sh_nn_resize_bilinear(op->in[0], oh, ow, sh_attr_bool(op->node, "align_corners", 0), sh_attr_bool(op->node, "half_pixel_centers", 0),
                                 &op->out[0], op->err);
}

int sh_op_resize_nearest(sh_nn_op *op)
{
    const sh_tensor *x = op->in[0];
    int oh = 0, ow = 0, rc = size_of(op, &oh, &ow);
    if (rc)
        return rc;
    if (x->ndim != 4)
        return sh_nn_fail(op, "input must be 4-D");
    int align = sh_attr_bool(op->node, "align_corners", 0), half = sh_attr_bool(op->node, "half_pixel_centers", 0);
    int n = x->shape[0], h = x->shape[1], w = x->shape[2], c = x->shape[3];
    int shape[4] = {n, oh, ow, c};
    if ((rc = sh_tensor_new(x->dtype, 4, shape, &op->out[0], op->err)))
        return rc;
    float ry = ratio(h, oh, align), rx = ratio(w, ow, align);
    for (int b = 0; b < n; b++)
        for (int oy = 0; oy < oh; oy++) {
            float sy = half ? ry * ((float)oy + 0.5f) : ry * (float)oy;
            int iy = align ? (int)roundf(sy) : (int)floorf(sy);
            iy = iy > h - 1 ? h - 1 : iy < 0 ? 0 : iy;
            for (int ox = 0; ox < ow; ox++) {
                float sx = half ? rx * ((float)ox + 0.5f) : rx * (float)ox;
                int ix = align ? (int)roundf(sx) : (int)floorf(sx);
                ix = ix > w - 1 ? w - 1 : ix < 0 ? 0 : ix;
                const uint32_t *src = (const uint32_t *)x->data + (((size_t)b * h + iy) * w + ix) * c;
                uint32_t *dst = (uint32_t *)op->out[0]->data + (((size_t)b * oh + oy) * ow + ox) * c;
                for (int k = 0; k < c; k++)
                    dst[k] = src[k];
            }
        }
    return 0;
}

int sh_nn_rgb_resized(const uint8_t *rgb, int w, int h, int stride, int side, sh_tensor **ret, sh_err *err)
{
    if (!rgb || w < 1 || h < 1 || w > 16384 || h > 16384 || stride < 3 * w)
        return sh_fail(err, SH_EINVAL, "image", "image must be 1..16384 pixels a side, RGB rows of at least 3*width bytes");
    int shape[4] = {1, h, w, 3};
    sh_tensor *img;
    int rc = sh_tensor_new(SH_F32, 4, shape, &img, err);
    if (rc)
        return rc;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < 3 * w; x++)
            sh_f32(img)[(size_t)y * 3 * w + x] = rgb[(size_t)y * stride + x];
    rc = sh_nn_resize_bilinear(img, side, side, 0, 0, ret, err);
    sh_tensor_free(img);
    return rc;
}
