/* NanoDet as @vladmandic/human ships and runs it (models/nanodet.json): an RGB image in, COCO
 * objects out. Pre- and post-processing follow human's src/object/nanodet.ts:
 *   - input: the image resized bilinearly (TF.js resizeBilinear, align_corners and half-pixel off)
 *     to the model's square input (416), divided by 255, transposed to NCHW [1,3,S,S];
 *   - outputs: per stride (13x13, 26x26, 52x52 cells) class scores [1,cells,80] and box features
 *     [1,cells,44] = 4 sides x 11 bins; a cell and class scoring above min_score becomes a candidate
 *     whose side k extends argmax(bins of side k) * 13/S * 2.5/stride from the cell centre (human's
 *     decoding, which takes the arg-max bin rather than NanoDet's expectation over the bins);
 *   - class 61 (toilet) is dropped, as human does; scores are rounded to 2 decimals;
 *   - greedy non-maximum suppression across classes, as human does (TF.js semantics: score >
 *     min_score, ties by index, suppressed when IoU >= iou): one object, one label, the best
 *     scoring, so that a bird does not also come out as cow, horse and sheep on the same box. Human
 *     hands NMS [y, x, h, w] as if it were [y1, x1, y2, x2] (its box-order slip, which compares
 *     boxes by their corner and size rather than their extent); here NMS gets the real corners, and
 *     the reference script (scripts/nn-reference.mjs) does the same, with the slip on request;
 *     tests/nn/nanodet.test.mjs checks that the slipped reference is exactly human's own pipeline
 *     (scripts/human-pipeline.mjs) and that shian's final detections differ from human's only where
 *     the slip decides (on darknet's photos: human keeps e.g. a second dog and horse boxes that real
 *     corners suppress, and suppresses small kite boxes that real corners keep);
 *   - then the caller's keep (the label map: what the platform counts) and only then the cap of
 *     max_det, so that cups and bottles of no interest cannot push a cat out of the ten; sorted by
 *     score (human's stable sort of the survivors in candidate order). Without keep, the result is
 *     human's (its NMS stops at max_det, which keeps the same boxes: greedy NMS picks best first). */
#ifndef SH_NN_NANODET_H
#define SH_NN_NANODET_H

#include <stdint.h>

#include "nn/model.h"

#define SH_COCO_CLASSES 80
extern const char *const sh_coco_labels[SH_COCO_CLASSES];

typedef struct sh_detection {
    int class_id;      /* 0-based index into the model's labels (sh_coco_labels by default) */
    const char *label; /* the labels' (static for COCO, else owned by whoever gave the list) */
    float score;       /* 0..1, rounded to 2 decimals */
    float box[4];      /* x, y, width, height as fractions of the image, clamped to 0..1 */
} sh_detection;

typedef struct sh_nanodet_opts {
    double min_score; /* human's default 0.2 */
    double iou;       /* 0.4 */
    int max_det;     /* 10 */
    /* A model of NanoDet's architecture trained on other classes (a vendor's mask / chef hat / rat
     * model): its labels, one per class. NULL: the 80 COCO classes (and COCO's toilet is dropped). */
    const char *const *labels;
    int classes;
    /* Which detections the caller counts (its label map), after suppression and before max_det;
     * NULL: all. Called with keep_ctx and the detection's label. */
    int (*keep)(void *keep_ctx, const char *label);
    void *keep_ctx;
} sh_nanodet_opts;

#define SH_NANODET_DEFAULTS ((sh_nanodet_opts){.min_score = 0.2, .iou = 0.4, .max_det = 10})

/* A loaded NanoDet: the model and which output is which. Owns the model. */
typedef struct sh_nanodet {
    sh_nn_model *model;
    int size;             /* square input side, from the model's input shape */
    const char *names[6]; /* per stride of 13, 26, 52 cells a side: scores, then box features */
    const char *const *labels; /* borrowed; NULL: COCO */
    int classes;
} sh_nanodet;

/* Loads model.json and tells its outputs apart by their shapes (from one run on a blank input):
 * fails with SH_EINVAL when the model does not have NanoDet's input and outputs. */
int sh_nanodet_open(const char *json_path, sh_nanodet **ret_nd, sh_err *err);
/* The same for a model with its own classes: labels (borrowed, must outlive nd), one per class of
 * the model's score outputs; fails naming "labels" when the model has another number of classes. */
int sh_nanodet_open_labels(const char *json_path, const char *const *labels, int classes, sh_nanodet **ret_nd, sh_err *err);
void sh_nanodet_close(sh_nanodet *nd);

/* The model's input tensor for an RGB image (w x h, 3 bytes a pixel, rows of stride bytes). */
int sh_nanodet_input(const sh_nanodet *nd, const uint8_t *rgb, int w, int h, int stride, sh_tensor **ret_input, sh_err *err);

/* Detections from the six outputs, in the order of nd->names. Writes at most max into ret,
 * the count into *ret_n. */
int sh_nanodet_decode(sh_tensor *const outs[6], int input_size, const sh_nanodet_opts *o, sh_detection *ret, int max, int *ret_n,
                      sh_err *err);

/* Everything: input, run, decode. stats may be NULL. */
int sh_nanodet_detect(sh_nanodet *nd, const uint8_t *rgb, int w, int h, int stride, const sh_nanodet_opts *o, sh_detection *ret, int max,
                      int *ret_n, sh_nn_stats *stats, sh_err *err);

/* Greedy non-maximum suppression with TF.js's rules (tf.image.nonMaxSuppression): candidates
 * scoring above score_thr, best first (equal scores: lower index first), each dropped when its IoU
 * with an already kept box is >= iou_thr. boxes are [y1, x1, y2, x2] rows. Writes kept indices to
 * ret_idx (room for max_out) and returns their count, or -1 when out of memory. Scores are float32
 * and thresholds double, as in TF.js (a Float32Array compared with a JavaScript number). */
int sh_nms(const float *boxes, const float *scores, int n, int max_out, double iou_thr, double score_thr, int *ret_idx);

#endif
