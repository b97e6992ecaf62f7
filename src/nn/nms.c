/* Non-maximum suppression with the rules of TF.js's nonMaxSuppressionV3Impl (hard NMS). */
#include "nn/nanodet.h"

#include <math.h>
#include <stdlib.h>

typedef struct cand {
    double score;
    int ix;
} cand;

static int by_score(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return a->ix - b->ix;
}

/* As TF.js computes it: corners sorted per box, 0 for an empty box. */
static double iou(const float *bi, const float *bj)
{
    double yi0 = fmin(bi[0], bi[2]), xi0 = fmin(bi[1], bi[3]), yi1 = fmax(bi[0], bi[2]), xi1 = fmax(bi[1], bi[3]);
    double yj0 = fmin(bj[0], bj[2]), xj0 = fmin(bj[1], bj[3]), yj1 = fmax(bj[0], bj[2]), xj1 = fmax(bj[1], bj[3]);
    double ai = (yi1 - yi0) * (xi1 - xi0), aj = (yj1 - yj0) * (xj1 - xj0);
    if (ai <= 0 || aj <= 0)
        return 0;
    double ih = fmax(fmin(yi1, yj1) - fmax(yi0, yj0), 0), iw = fmax(fmin(xi1, xj1) - fmax(xi0, xj0), 0);
    double inter = ih * iw;
    return inter / (ai + aj - inter);
}

int sh_nms(const float *boxes, const float *scores, int n, int max_out, double iou_thr, double score_thr, int *ret_idx)
{
    cand *c = malloc(((size_t)n + 1) * sizeof *c);
    if (!c)
        return -1;
    int nc = 0, kept = 0;
    for (int i = 0; i < n; i++)
        if (scores[i] > score_thr)
            c[nc++] = (cand){scores[i], i};
    qsort(c, (size_t)nc, sizeof *c, by_score);
    for (int k = 0; k < nc && kept < max_out; k++) {
        int drop = 0;
        for (int j = kept - 1; j >= 0 && !drop; j--)
            drop = iou(boxes + 4 * c[k].ix, boxes + 4 * ret_idx[j]) >= iou_thr;
        if (!drop)
            ret_idx[kept++] = c[k].ix;
    }
    free(c);
    return kept;
}
