/* MaxPool and AvgPool over NHWC, TensorFlow's padding rules (padded cells are left out, so an
 * average divides by the cells inside the input). A MaxPool may also take a PadV2 folded in at load,
 * whose cells count with their constant. */
#include "nn/graph.h"

#include <float.h>
#include <string.h>

static int pool(sh_nn_op *op, int is_max)
{
    const sh_tensor *x = op->in[0];
    if (x->ndim != 4 || x->dtype != SH_F32)
        return sh_nn_fail(op, "input must be a 4-D float tensor");
    char fmt[16] = "NHWC", pad[16] = "";
    sh_attr_str(op->node, "data_format", fmt, sizeof fmt);
    if (strcmp(fmt, "NHWC") != 0)
        return sh_nn_fail(op, "data_format %s is not supported", fmt);
    int ks[4], st[4];
    if (sh_attr_ints(op->node, "ksize", ks, 4) != 4 || sh_attr_ints(op->node, "strides", st, 4) != 4 || sh_attr_str(op->node, "padding", pad, sizeof pad))
        return sh_nn_fail(op, "ksize, strides and padding are required");
    if (ks[0] != 1 || ks[3] != 1 || st[0] != 1 || st[3] != 1 || ks[1] < 1 || ks[2] < 1 || st[1] < 1 || st[2] < 1)
        return sh_nn_fail(op, "only spatial pooling with positive sizes is supported");
    int n = x->shape[0], h = x->shape[1], w = x->shape[2], c = x->shape[3], oh, ow, pt = 0, pl = 0;
    int folded = is_max && op->node->has_pad && !strcmp(pad, "VALID"); /* a PadV2 folded in at load (fuse.c) */
    if (folded) {
        const int *fp = op->node->fuse_pad;
        pt = fp[0];
        pl = fp[2];
        int hh = h + fp[0] + fp[1], ww = w + fp[2] + fp[3];
        oh = hh >= ks[1] ? (hh - ks[1]) / st[1] + 1 : 0;
        ow = ww >= ks[2] ? (ww - ks[2]) / st[2] + 1 : 0;
    } else if (!strcmp(pad, "VALID")) {
        oh = h >= ks[1] ? (h - ks[1]) / st[1] + 1 : 0;
        ow = w >= ks[2] ? (w - ks[2]) / st[2] + 1 : 0;
    } else if (!strcmp(pad, "SAME")) {
        oh = (h + st[1] - 1) / st[1];
        ow = (w + st[2] - 1) / st[2];
        int th = (oh - 1) * st[1] + ks[1] - h, tw = (ow - 1) * st[2] + ks[2] - w;
        pt = th > 0 ? th / 2 : 0;
        pl = tw > 0 ? tw / 2 : 0;
    } else
        return sh_nn_fail(op, "padding %s is not supported", pad);
    if (oh < 1 || ow < 1)
        return sh_nn_fail(op, "window larger than the input");
    int shape[4] = {n, oh, ow, c};
    int rc = sh_tensor_new_uninit(SH_F32, 4, shape, &op->out[0], op->err);
    if (rc)
        return rc;
    for (int b = 0; b < n; b++)
        for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++) {
                float *o = sh_f32(op->out[0]) + (((size_t)b * oh + oy) * ow + ox) * c;
                for (int k = 0; k < c; k++)
                    o[k] = is_max ? -FLT_MAX : 0;
                int cnt = 0;
                for (int ky = 0; ky < ks[1]; ky++) {
                    int iy = oy * st[1] - pt + ky;
                    if (iy < 0 || iy >= h)
                        continue;
                    for (int kx = 0; kx < ks[2]; kx++) {
                        int ix = ox * st[2] - pl + kx;
                        if (ix < 0 || ix >= w)
                            continue;
                        const float *p = sh_f32(x) + (((size_t)b * h + iy) * w + ix) * c;
                        cnt++;
                        if (is_max)
                            for (int k = 0; k < c; k++)
                                o[k] = p[k] > o[k] ? p[k] : o[k];
                        else
                            for (int k = 0; k < c; k++)
                                o[k] += p[k];
                    }
                }
                if (folded && cnt < ks[1] * ks[2]) /* the window covers padded cells of that value */
                    for (int k = 0; k < c; k++)
                        o[k] = !cnt || op->node->pad_value > o[k] ? op->node->pad_value : o[k];
                if (!is_max && cnt)
                    for (int k = 0; k < c; k++)
                        o[k] /= (float)cnt;
            }
    return 0;
}

int sh_op_maxpool(sh_nn_op *op) { return pool(op, 1); }
int sh_op_avgpool(sh_nn_op *op) { return pool(op, 0); }
