/* Motion gating, after Frigate's motion detector: each frame is reduced to a small grey picture
 * (frame_height rows), blurred, and compared with a running average of the past frames; pixels that
 * differ by more than threshold, dilated, form connected regions, and each region larger than
 * min_area small pixels is a motion box. When more than lightning of the picture changes at once
 * (lights switched, camera exposure, a cover), the average restarts from the current frame and no
 * motion is reported. The detector then runs only where there is motion.
 * One sh_motion per camera; it owns its buffers. */
#ifndef SH_VISION_MOTION_H
#define SH_VISION_MOTION_H

#include <stdint.h>

#include "core/err.h"

typedef struct sh_motion sh_motion;

typedef struct sh_motion_opts {
    int frame_height; /* rows of the small grey picture (Frigate: 100) */
    int threshold;    /* grey levels of difference that count as change (30) */
    double alpha;     /* weight of a new frame in the running average (0.01) */
    int min_area;     /* smallest region, in small pixels (10) */
    double lightning; /* changed share of the picture that means "recalibrate" (0.8) */
} sh_motion_opts;

#define SH_MOTION_DEFAULTS ((sh_motion_opts){.frame_height = 100, .threshold = 30, .alpha = 0.01, .min_area = 10, .lightning = 0.8})

/* A motion region as fractions of the frame. */
typedef struct sh_box {
    float x, y, w, h;
} sh_box;

int sh_motion_new(const sh_motion_opts *o, sh_motion **ret_m, sh_err *err);
void sh_motion_free(sh_motion *m);

/* Feeds one RGB frame; writes up to max motion boxes (largest first) and their count. The first
 * frame, a frame of another size, and a recalibration report none. */
int sh_motion_update(sh_motion *m, const uint8_t *rgb, int width, int height, int stride, sh_box *boxes, int max, int *ret_n, sh_err *err);

/* How often the average restarted after a sudden global change. */
int sh_motion_recalibrations(const sh_motion *m);

#endif
