/* BlazeFace as @vladmandic/human ships and runs it (models/blazeface.json, 256x256 input; also
 * blazeface-front.json, 128x128): an RGB image in, faces out. Pre- and post-processing follow
 * human's src/face/blazeface.ts (getBoxes, decodeBoxes) and generateAnchors in facemeshutil.ts:
 *   - input: the whole image resized bilinearly (TF.js resizeBilinear, align_corners and half-pixel
 *     off) to the model's square input S, no padding (human's detector.square is off by default),
 *     divided by 127.5 and less 1 (so in [-1, 1]), NHWC [1,S,S,3];
 *   - outputs: four, [1,A,1] and [1,A,16] for the fine grid (stride S/16, 16x16 cells, 2 anchors a
 *     cell: A = 512) and [1,B,1], [1,B,16] for the coarse one (stride S/8, 8x8 cells, 6 anchors a
 *     cell: B = 384). Human sorts them by size and concatenates them to
 *     [896, 17] rows: the fine grid's anchors first, then the coarse grid's;
 *   - a row is [logit, dx, dy, w, h, 6 x (kx, ky)] in input pixels; the anchors are the cell centres
 *     (stride * (col + 0.5), stride * (row + 0.5)), repeated per anchor of a cell, row-major;
 *     the box is centred on anchor + (dx, dy) with size (w, h); the keypoints are anchor + (kx, ky);
 *   - score = sigmoid(logit); TF.js greedy NMS (sh_nms) over all rows with human's detector
 *     defaults: score > 0.2, IoU >= 0.1 suppresses, at most max_faces kept (human's default is 1;
 *     ours 10, since a kitchen has several people); kept faces in NMS order (best first);
 *   - human then enlarges the box 1.4 times and squares it for its face mesh; that is not done here:
 *     box is the detector's own box. A face whose box has no width or height is dropped (human's
 *     minSize 0 test).
 * All arithmetic up to the score and the box is float32, in TF.js's order, so the numbers match
 * TF.js on the same outputs to float32 rounding. */
#ifndef SH_NN_BLAZEFACE_H
#define SH_NN_BLAZEFACE_H

#include <stdint.h>

#include "nn/model.h"

#define SH_BLAZEFACE_KEYPOINTS 6 /* eyes (right, left), nose, mouth, ears (right, left) */

typedef struct sh_face {
    float score;   /* sigmoid of the logit, 0..1 */
    float box[4];  /* x, y, width, height as fractions of the image; corners clamped to 0..1 */
    float keypoints[SH_BLAZEFACE_KEYPOINTS][2]; /* x, y as fractions of the image, not clamped */
} sh_face;

typedef struct sh_blazeface_opts {
    double min_score; /* human's default 0.2 */
    double iou;       /* 0.1 */
    int max_faces;    /* human 1; here 10 */
} sh_blazeface_opts;

#define SH_BLAZEFACE_DEFAULTS ((sh_blazeface_opts){.min_score = 0.2, .iou = 0.1, .max_faces = 10})

/* A loaded BlazeFace: the model, its input side and its outputs. Owns the model. */
typedef struct sh_blazeface {
    sh_nn_model *model;
    int size;             /* S: square input side, from the model's input shape */
    const char *names[4]; /* fine grid scores [1,A,1], coarse scores [1,B,1], fine rows [1,A,16], coarse rows [1,B,16] */
    float *anchors;       /* (A + B) x 2: anchor x, y in input pixels, in human's order */
    int n_anchors;        /* A + B */
} sh_blazeface;

/* Loads model.json and tells its outputs apart by their shapes (from one run on a blank input):
 * fails with SH_EINVAL when the model does not have BlazeFace's NHWC input and four outputs. */
int sh_blazeface_open(const char *json_path, sh_blazeface **ret_bf, sh_err *err);
void sh_blazeface_close(sh_blazeface *bf);

/* The model's input tensor [1,S,S,3] for an RGB image (w x h, 3 bytes a pixel, rows of stride bytes). */
int sh_blazeface_input(const sh_blazeface *bf, const uint8_t *rgb, int w, int h, int stride, sh_tensor **ret_input, sh_err *err);

/* Faces from the four outputs, in the order of bf->names. Writes at most max into ret (best
 * first), the count into *ret_n. */
int sh_blazeface_decode(const sh_blazeface *bf, sh_tensor *const outs[4], const sh_blazeface_opts *o, sh_face *ret, int max, int *ret_n,
                        sh_err *err);

/* Everything: input, run, decode. stats may be NULL. */
int sh_blazeface_detect(sh_blazeface *bf, const uint8_t *rgb, int w, int h, int stride, const sh_blazeface_opts *o, sh_face *ret, int max,
                        int *ret_n, sh_nn_stats *stats, sh_err *err);

#endif
