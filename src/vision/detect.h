/* Object detection on the parts of a frame that moved: NanoDet on each region (regions.h), the
 * detections mapped back to fractions of the whole frame. */
#ifndef SH_VISION_DETECT_H
#define SH_VISION_DETECT_H

#include <stdint.h>

#include "nn/nanodet.h"
#include "vision/regions.h"

/* Runs nd on every region of the RGB frame (w x h, rows of stride bytes); writes at most max
 * detections, best first, with boxes as fractions of the frame, and their count. A frame without
 * regions costs nothing. */
int sh_detect_regions(sh_nanodet *nd, const uint8_t *rgb, int w, int h, int stride, const sh_rect *regions, int n_regions,
                      const sh_nanodet_opts *o, sh_detection *ret, int max, int *ret_n, sh_err *err);

#endif
