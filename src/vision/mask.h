/* Experimental: is the lower half of a face BlazeFace found uncovered (no mask)? The shipped models
 * have no mask class, so this compares colours the face itself gives, using BlazeFace's keypoints:
 *   - reference: the cheeks under the eyes (between a fifth and half of the way from the eye line to
 *     the nose, across the eyes and a little beyond), where a worn mask does not reach; its median
 *     colour in YCbCr is the face's own skin under this light;
 *   - the mouth band: from just below the nose to below the mouth (the chin), across the eyes' width;
 *   - the signal: the share of the mouth band's pixels in the reference's colour (chroma within
 *     SH_MASK_CHROMA_TOL of it, luma between 0.55 and 1.6 times it: shadow under the nose, light on
 *     the chin). Bare skin gives a high share, a white, blue, black or patterned mask a low one.
 * It cannot tell a skin-coloured mask from skin, nor judge a mask worn so high that it covers the
 * cheeks under the eyes (the reference is then the mask), nor a grey (infrared) picture, nor a face
 * in profile; the measurement on package-shipped photos is scripts/mask-scores.mjs (README). */
#ifndef SH_VISION_MASK_H
#define SH_VISION_MASK_H

#include <stdint.h>

#include "nn/blazeface.h"

#define SH_MASK_CHROMA_TOL 12     /* Cb and Cr levels from the reference's */
#define SH_MASK_MIN_EYE_PX 10     /* eyes closer than this (a far face): not judged */
#define SH_MASK_MIN_CHROMA 6      /* a reference this close to grey (|Cb-128|+|Cr-128|): no colour to compare */
#define SH_MASK_MIN_FACE_SCORE 0.7f /* BlazeFace's score of a face the analyser judges (its own minimum is 0.2) */

/* The share (0..1) of the face's mouth band in the colour of its cheeks, into *ret_share: high means
 * uncovered. Returns 1 when judged, 0 when the face cannot be judged (too small, turned, the bands
 * off the picture, or no colour). rgb: w x h, 3 bytes a pixel, rows of stride bytes. */
int sh_mask_uncovered_share(const uint8_t *rgb, int w, int h, int stride, const sh_face *face, float *ret_share);

#endif
