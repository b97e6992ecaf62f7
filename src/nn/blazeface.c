/* BlazeFace pre- and post-processing as @vladmandic/human does it (see blazeface.h). */
#include "nn/blazeface.h"

#include <math.h>
#include <stdlib.h>

#include "nn/graph.h"
#include "nn/nanodet.h" /* sh_nms */

#define ROW 17 /* logit, dx, dy, w, h, 6 keypoints x 2 */

int sh_blazeface_input(const sh_blazeface *bf, const uint8_t *rgb, int w, int h, int stride, sh_tensor **ret_input, sh_err *err)
{
    sh_tensor *rs;
    int rc = sh_nn_rgb_resized(rgb, w, h, stride, bf->size, &rs, err);
    if (rc)
        return rc;
    float *p = sh_f32(rs);
    for (size_t i = 0; i < rs->size; i++) /* human: div(resized, 127.5), then sub 1, in float32 */
        p[i] = p[i] / 127.5f - 1.0f;
    *ret_input = rs;
    return 0;
}

/* Human's generateAnchors for a 256 (or 128) input: strides S/16 and S/8, 2 and 6 anchors a cell. */
static int make_anchors(sh_blazeface *bf)
{
    const int S = bf->size, strides[2] = {S / 16, S / 8}, per[2] = {2, 6};
    int n = 0;
    for (int s = 0; s < 2; s++) {
        int g = (S + strides[s] - 1) / strides[s];
        n += g * g * per[s];
    }
    if (!(bf->anchors = malloc((size_t)n * 2 * sizeof *bf->anchors)))
        return -1;
    int k = 0;
    for (int s = 0; s < 2; s++) {
        int st = strides[s], g = (S + st - 1) / st;
        for (int gy = 0; gy < g; gy++)
            for (int gx = 0; gx < g; gx++)
                for (int a = 0; a < per[s]; a++) {
                    bf->anchors[2 * k] = (float)(st * (gx + 0.5));
                    bf->anchors[2 * k + 1] = (float)(st * (gy + 0.5));
                    k++;
                }
    }
    bf->n_anchors = n;
    return 0;
}

/* Picks the outputs by shape: [1,n,1] and [1,n,16] for the fine grid's n = A, then the coarse B. */
static int find_outputs(sh_blazeface *bf, sh_err *err)
{
    sh_nn_model *m = bf->model;
    const sh_nn_io *io = sh_nn_model_input(m, 0);
    if (sh_nn_model_n_inputs(m) != 1 || !io || io->ndim != 4 || io->shape[1] != io->shape[2] || io->shape[3] != 3 ||
        io->shape[1] < 16 || io->shape[1] % 16 || sh_nn_model_n_outputs(m) != 4)
        return sh_fail(err, SH_EINVAL, "model", "not a BlazeFace model: one [1,S,S,3] input (S a multiple of 16) and four outputs expected");
    bf->size = io->shape[1];
    if (make_anchors(bf))
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    int S = bf->size, A = 16 * 16 * 2, B = 8 * 8 * 6, shape[4] = {1, S, S, 3};
    sh_tensor *in, *outs[4];
    int rc = sh_tensor_new(SH_F32, 4, shape, &in, err);
    if (rc)
        return rc;
    rc = sh_nn_model_run(m, &in, 1, NULL, 0, outs, NULL, err);
    sh_tensor_free(in);
    if (rc)
        return rc;
    const int want[4][2] = {{A, 1}, {B, 1}, {A, 16}, {B, 16}};
    int found = 0;
    for (int w = 0; w < 4; w++)
        for (int i = 0; i < 4; i++)
            if (outs[i]->ndim == 3 && outs[i]->shape[0] == 1 && outs[i]->shape[1] == want[w][0] && outs[i]->shape[2] == want[w][1]) {
                bf->names[w] = sh_nn_model_output(m, i);
                found++;
                break;
            }
    for (int i = 0; i < 4; i++)
        sh_tensor_free(outs[i]);
    if (found != 4 || bf->n_anchors != A + B)
        return sh_fail(err, SH_EINVAL, "model", "not a BlazeFace model: outputs [1,%d,1], [1,%d,1], [1,%d,16], [1,%d,16] expected", A, B, A, B);
    return 0;
}

int sh_blazeface_open(const char *json_path, sh_blazeface **ret_bf, sh_err *err)
{
    sh_blazeface *bf = calloc(1, sizeof *bf);
    if (!bf)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    int rc = sh_nn_model_load(json_path, &bf->model, err);
    if (!rc)
        rc = find_outputs(bf, err);
    if (rc) {
        sh_blazeface_close(bf);
        return rc;
    }
    *ret_bf = bf;
    return 0;
}

void sh_blazeface_close(sh_blazeface *bf)
{
    if (!bf)
        return;
    sh_nn_model_free(bf->model);
    free(bf->anchors);
    free(bf);
}

static float clamp01(float v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

int sh_blazeface_decode(const sh_blazeface *bf, sh_tensor *const outs[4], const sh_blazeface_opts *o, sh_face *ret, int max, int *ret_n,
                        sh_err *err)
{
    int n = bf->n_anchors, A = 16 * 16 * 2;
    for (int i = 0; i < 4; i++) {
        int rows = i % 2 ? n - A : A, cols = i < 2 ? 1 : 16;
        if (outs[i]->dtype != SH_F32 || outs[i]->ndim != 3 || outs[i]->shape[1] != rows || outs[i]->shape[2] != cols)
            return sh_fail(err, SH_EINVAL, "model", "BlazeFace output %d has the wrong shape", i);
    }
    float *boxes = malloc((size_t)n * 4 * sizeof *boxes), *scores = malloc((size_t)n * sizeof *scores);
    int *keep = malloc((size_t)(o->max_faces > 0 ? o->max_faces : 1) * sizeof *keep);
    int kept = -1;
    if (boxes && scores && keep) {
        const float S = (float)bf->size;
        for (int i = 0; i < n; i++) { /* row i: the fine grid's rows, then the coarse grid's */
            int fine = i < A, r = fine ? i : i - A;
            float logit = sh_f32(outs[fine ? 0 : 1])[r];
            const float *f = sh_f32(outs[fine ? 2 : 3]) + (size_t)r * 16;
            scores[i] = 1.0f / (1.0f + expf(-logit));
            for (int k = 0; k < 2; k++) { /* decodeBoxes, op by op in float32 */
                float c = (f[k] + bf->anchors[2 * i + k]) / S;
                float half = f[2 + k] / S / 2.0f;
                boxes[4 * i + k] = (c - half) * S;
                boxes[4 * i + 2 + k] = (c + half) * S;
            }
        }
        /* boxes are [x1, y1, x2, y2]; human hands them to NMS as they are: IoU does not care */
        kept = sh_nms(boxes, scores, n, o->max_faces, o->iou, o->min_score, keep);
    }
    int got = 0;
    for (int k = 0; k < kept && got < max; k++) {
        int i = keep[k], fine = i < A, r = fine ? i : i - A;
        const float *b = boxes + 4 * i, *f = sh_f32(outs[fine ? 2 : 3]) + (size_t)r * 16;
        if (!(b[2] - b[0] > 0) || !(b[3] - b[1] > 0))
            continue;
        sh_face *fc = &ret[got++];
        double S = bf->size;
        float x1 = clamp01((float)(b[0] / S)), y1 = clamp01((float)(b[1] / S));
        float x2 = clamp01((float)(b[2] / S)), y2 = clamp01((float)(b[3] / S));
        fc->score = scores[i];
        fc->box[0] = x1, fc->box[1] = y1, fc->box[2] = x2 - x1, fc->box[3] = y2 - y1;
        for (int p = 0; p < SH_BLAZEFACE_KEYPOINTS; p++)
            for (int d = 0; d < 2; d++)
                fc->keypoints[p][d] = (float)(((double)f[4 + 2 * p + d] + bf->anchors[2 * i + d]) / S);
    }
    free(boxes), free(scores), free(keep);
    if (kept < 0)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    *ret_n = got;
    return 0;
}

int sh_blazeface_detect(sh_blazeface *bf, const uint8_t *rgb, int w, int h, int stride, const sh_blazeface_opts *o, sh_face *ret, int max,
                        int *ret_n, sh_nn_stats *stats, sh_err *err)
{
    sh_tensor *in, *outs[4];
    int rc = sh_blazeface_input(bf, rgb, w, h, stride, &in, err);
    if (rc)
        return rc;
    rc = sh_nn_model_run(bf->model, &in, 1, bf->names, 4, outs, stats, err);
    sh_tensor_free(in);
    if (rc)
        return rc;
    rc = sh_blazeface_decode(bf, outs, o, ret, max, ret_n, err);
    for (int i = 0; i < 4; i++)
        sh_tensor_free(outs[i]);
    return rc;
}
