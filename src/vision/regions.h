/* Where to run the detector: regions of the frame around the motion, after Frigate. Each motion box
 * (fractions of the frame) grows to at least min_side pixels each way, centred on the box and moved
 * inside the frame; overlapping regions merge into the rectangle around both, so that an object is
 * seen whole in one region. (Unlike Frigate's squares, a region may be oblong: the detector's input
 * is resized from whatever it gets, as human does with whole frames.) At most max regions, the
 * largest motion first. */
#ifndef SH_VISION_REGIONS_H
#define SH_VISION_REGIONS_H

#include "vision/motion.h"

/* A region in pixels. */
typedef struct sh_rect {
    int x, y, w, h;
} sh_rect;

/* Returns the number of regions written to ret. */
int sh_regions_from_motion(const sh_box *motion, int n, int frame_w, int frame_h, int min_side, sh_rect *ret, int max);

#endif
