/* NanoDet pre- and post-processing as @vladmandic/human does it (see nanodet.h). */
#include "nn/nanodet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nn/graph.h"

#define SCALE_BOX 2.5 /* human's scaleBox */
#define SKIP_CLASS 61 /* human drops "toilet" */

static int input_size(const sh_nn_model *m)
{
    const sh_nn_io *io = sh_nn_model_input(m, 0);
    return io && io->ndim == 4 && io->shape[2] > 0 ? io->shape[2] : 416;
}

int sh_nanodet_input(const sh_nanodet *nd, const uint8_t *rgb, int w, int h, int stride, sh_tensor **ret_input, sh_err *err)
{
    int S = nd->size;
    sh_tensor *rs, *in;
    int rc = sh_nn_rgb_resized(rgb, w, h, stride, S, &rs, err);
    if (rc)
        return rc;
    int nchw[4] = {1, 3, S, S};
    if ((rc = sh_tensor_new(SH_F32, 4, nchw, &in, err))) {
        sh_tensor_free(rs);
        return rc;
    }
    size_t plane = (size_t)S * S;
    for (size_t p = 0; p < plane; p++)
        for (int c = 0; c < 3; c++)
            sh_f32(in)[c * plane + p] = sh_f32(rs)[p * 3 + c] / 255.0f;
    sh_tensor_free(rs);
    *ret_input = in;
    return 0;
}

/* Picks the six outputs by shape: [1, cells, classes] scores and [1, cells, 4*bins] box features for
 * 13, 26 and 52 cells a side. */
static int pick_outputs(int n, const int (*shapes)[3], const int *ndims, int classes, int *ret_ix)
{
    static const int bases[3] = {13, 26, 52};
    int found = 0;
    for (int s = 0; s < 3; s++)
        for (int kind = 0; kind < 2; kind++)
            for (int i = 0; i < n; i++) {
                const int *sh = shapes[i];
                if (ndims[i] == 3 && sh[1] == bases[s] * bases[s] &&
                    (kind == 0 ? sh[2] == classes : sh[2] != classes && sh[2] > 0 && sh[2] % 4 == 0)) {
                    ret_ix[s * 2 + kind] = i;
                    found++;
                    break;
                }
            }
    return found == 6 ? 0 : -1;
}

/* Output shapes from model.json's signature, when it has them all. */
static int signature_shapes(const sh_nn_model *m, int (*shapes)[3], int *ndims)
{
    json_t *outs = json_object_get(json_object_get(m->root, "signature"), "outputs");
    for (int i = 0; i < 6; i++) {
        json_t *dims = json_object_get(json_object_get(json_object_get(outs, sh_nn_model_output(m, i)), "tensorShape"), "dim");
        if (!json_is_array(dims) || json_array_size(dims) != 3)
            return -1;
        ndims[i] = 3;
        for (int d = 0; d < 3; d++) {
            const char *v = json_string_value(json_object_get(json_array_get(dims, (size_t)d), "size"));
            if (!v)
                return -1;
            shapes[i][d] = atoi(v);
        }
    }
    return 0;
}

static int find_outputs(sh_nn_model *m, int classes, const char *ret_names[6], sh_err *err)
{
    const sh_nn_io *io = sh_nn_model_input(m, 0);
    if (sh_nn_model_n_inputs(m) != 1 || !io || io->ndim != 4 || sh_nn_model_n_outputs(m) != 6)
        return sh_fail(err, SH_EINVAL, "model", "not a NanoDet model: one NCHW input and six outputs expected");
    int shapes[6][3] = {{0}}, ndims[6] = {0}, ix[6];
    if (signature_shapes(m, shapes, ndims)) {
        /* no shapes in model.json: run once on a blank input and look */
        int S = input_size(m), shape[4] = {1, 3, S, S};
        sh_tensor *in, *outs[6];
        int rc = sh_tensor_new(SH_F32, 4, shape, &in, err);
        if (rc)
            return rc;
        rc = sh_nn_model_run(m, &in, 1, NULL, 0, outs, NULL, err);
        sh_tensor_free(in);
        if (rc)
            return rc;
        for (int i = 0; i < 6; i++) {
            ndims[i] = outs[i]->ndim;
            for (int d = 0; d < 3 && d < outs[i]->ndim; d++)
                shapes[i][d] = outs[i]->shape[d];
            sh_tensor_free(outs[i]);
        }
    }
    if (pick_outputs(6, (const int(*)[3])shapes, ndims, classes, ix))
        return sh_fail(err, SH_EINVAL, classes == SH_COCO_CLASSES ? "model" : "labels",
                       "not a NanoDet model with %d classes: outputs [1,cells,%d] and [1,cells,4*bins] expected for 13, 26 and 52 cells",
                       classes, classes);
    for (int i = 0; i < 6; i++)
        ret_names[i] = sh_nn_model_output(m, ix[i]);
    return 0;
}

typedef struct cand {
    int class_id;
    double score;
    double box[4]; /* x, y, w, h */
} cand;

int sh_nanodet_decode(sh_tensor *const outs[6], int size, const sh_nanodet_opts *o, sh_detection *ret, int max, int *ret_n, sh_err *err)
{
    static const int strides[3] = {1, 2, 4};
    int coco = !o->labels;
    int classes = coco ? SH_COCO_CLASSES : o->classes;
    const char *const *labels = coco ? sh_coco_labels : o->labels;
    size_t total = 0;
    for (int s = 0; s < 3; s++)
        total += outs[2 * s]->size;
    cand *c = malloc((total + 1) * sizeof *c);
    if (!c)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    int nc = 0;
    for (int s = 0; s < 3; s++) {
        int st = strides[s], base = st * 13;
        const sh_tensor *sc = outs[2 * s], *ft = outs[2 * s + 1];
        int cells = base * base, bins = ft->ndim == 3 ? ft->shape[2] / 4 : 0;
        if (sc->ndim != 3 || sc->shape[1] != cells || sc->shape[2] != classes || ft->ndim != 3 || ft->shape[1] != cells || bins < 1) {
            free(c);
            return sh_fail(err, SH_EINVAL, "model", "NanoDet outputs for %dx%d cells have the wrong shape", base, base);
        }
        for (int i = 0; i < cells; i++) {
            int idx[4] = {0};
            for (int k = 0; k < 4; k++) { /* arg-max over the side's bins, first maximum wins */
                const float *f = sh_f32(ft) + (size_t)i * 4 * bins + (size_t)k * bins;
                for (int b = 1; b < bins; b++)
                    if (f[b] > f[idx[k]])
                        idx[k] = b;
            }
            for (int j = 0; j < classes; j++) {
                double score = sh_f32(sc)[(size_t)i * (size_t)classes + (size_t)j];
                if (!(score > o->min_score) || (coco && j == SKIP_CLASS))
                    continue;
                double cx = (0.5 + (i % base)) / base, cy = (0.5 + (i / base)) / base;
                double off[4];
                for (int k = 0; k < 4; k++)
                    off[k] = idx[k] * ((double)base / st / size);
                double x = cx - (SCALE_BOX / st * off[0]), y = cy - (SCALE_BOX / st * off[1]);
                double w = cx + (SCALE_BOX / st * off[2]) - x, h = cy + (SCALE_BOX / st * off[3]) - y;
                cand *cd = &c[nc++];
                cd->class_id = j;
                cd->score = round(100 * score) / 100; /* Math.round: halves go up, all positive here */
                double b[4] = {x, y, w, h};
                for (int k = 0; k < 4; k++)
                    cd->box[k] = b[k] < 0 ? 0 : b[k] > 1 ? 1 : b[k];
            }
        }
    }
    float *boxes = calloc((size_t)nc + 1, 4 * sizeof *boxes);
    float *scores = calloc((size_t)nc + 1, sizeof *scores);
    int *keep = malloc(((size_t)nc + 1) * sizeof *keep);
    char *chosen = calloc((size_t)nc + 1, 1);
    int kept = -1;
    if (boxes && scores && keep && chosen) {
        /* one NMS over every class, on the boxes' corners [y1, x1, y2, x2] */
        for (int i = 0; i < nc; i++) {
            boxes[4 * i + 0] = (float)c[i].box[1];
            boxes[4 * i + 1] = (float)c[i].box[0];
            boxes[4 * i + 2] = (float)(c[i].box[1] + c[i].box[3]);
            boxes[4 * i + 3] = (float)(c[i].box[0] + c[i].box[2]);
            scores[i] = (float)c[i].score;
        }
        kept = sh_nms(boxes, scores, nc, o->keep ? nc : (o->max_det > 0 ? o->max_det : 0), o->iou, o->min_score, keep);
        /* the survivors best first: those the caller counts, then at most max_det of them */
        for (int k = 0, taken = 0; k < kept && taken < o->max_det; k++)
            if (!o->keep || o->keep(o->keep_ctx, labels[c[keep[k]].class_id])) {
                chosen[keep[k]] = 1;
                taken++;
            }
    }
    int n = 0;
    if (kept >= 0) {
        /* human keeps the survivors in candidate order, then sorts by score (a stable sort) */
        for (int i = 0; i < nc && n < max; i++) {
            if (!chosen[i])
                continue;
            int at = n;
            while (at > 0 && ret[at - 1].score < (float)c[i].score) {
                ret[at] = ret[at - 1];
                at--;
            }
            ret[at] = (sh_detection){.class_id = c[i].class_id, .label = labels[c[i].class_id], .score = (float)c[i].score,
                                     .box = {(float)c[i].box[0], (float)c[i].box[1], (float)c[i].box[2], (float)c[i].box[3]}};
            n++;
        }
    }
    free(boxes), free(scores), free(keep), free(chosen), free(c);
    if (kept < 0)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    *ret_n = n;
    return 0;
}

int sh_nanodet_open(const char *json_path, sh_nanodet **ret_nd, sh_err *err)
{
    return sh_nanodet_open_labels(json_path, NULL, SH_COCO_CLASSES, ret_nd, err);
}

int sh_nanodet_open_labels(const char *json_path, const char *const *labels, int classes, sh_nanodet **ret_nd, sh_err *err)
{
    if (labels && classes < 1)
        return sh_fail(err, SH_EINVAL, "labels", "a model needs at least one label");
    sh_nanodet *nd = calloc(1, sizeof *nd);
    if (!nd)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    nd->labels = labels;
    nd->classes = labels ? classes : SH_COCO_CLASSES;
    int rc = sh_nn_model_load(json_path, &nd->model, err);
    if (!rc)
        rc = find_outputs(nd->model, nd->classes, nd->names, err);
    if (rc) {
        sh_nanodet_close(nd);
        return rc;
    }
    nd->size = input_size(nd->model);
    *ret_nd = nd;
    return 0;
}

void sh_nanodet_close(sh_nanodet *nd)
{
    if (!nd)
        return;
    sh_nn_model_free(nd->model);
    free(nd);
}

int sh_nanodet_detect(sh_nanodet *nd, const uint8_t *rgb, int w, int h, int stride, const sh_nanodet_opts *o, sh_detection *ret, int max,
                      int *ret_n, sh_nn_stats *stats, sh_err *err)
{
    sh_tensor *in, *outs[6];
    int rc = sh_nanodet_input(nd, rgb, w, h, stride, &in, err);
    if (rc)
        return rc;
    rc = sh_nn_model_run(nd->model, &in, 1, nd->names, 6, outs, stats, err);
    sh_tensor_free(in);
    if (rc)
        return rc;
    sh_nanodet_opts mine = *o; /* the model's own labels, unless the caller names others */
    if (!mine.labels && nd->labels) {
        mine.labels = nd->labels;
        mine.classes = nd->classes;
    }
    rc = sh_nanodet_decode(outs, nd->size, &mine, ret, max, ret_n, err);
    for (int i = 0; i < 6; i++)
        sh_tensor_free(outs[i]);
    return rc;
}
