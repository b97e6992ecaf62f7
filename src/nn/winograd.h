/* Internal to nn/: 3x3 stride-1 convolutions by Winograd's F(4x4, 3x3) (winograd.c). */
#ifndef SH_NN_WINOGRAD_H
#define SH_NN_WINOGRAD_H

#include "nn/graph.h"

typedef struct sh_wino_geom {
    int n, h, w, c; /* NHWC input */
    int pt, pl;     /* padding before (top, left); the rest of the padding is what oh, ow leave */
    int oh, ow;     /* output */
} sh_wino_geom;

/* The filter [3,3,cin,cout] transformed: 36 matrices of cin x cout (malloc'd); -1 without memory. */
int sh_nn_wino_weights(const sh_tensor *f, float **ret);
/* y [n,oh,ow,cout] = the convolution of x with the transformed weights u, plus bias (or NULL),
 * then act, in op's scratch memory; -1 without memory. */
int sh_nn_wino_conv(sh_nn_op *op, const float *x, const sh_wino_geom *g, const float *u, int cout, const float *bias, sh_act act, float alpha,
                    const float *prelu, float *y);

#endif
