/* Night pictures: cameras switch to infrared after dark and deliver grey frames (chroma near zero),
 * on which a detector trained on colour photos scores lower; the rules then apply their night
 * minimum (alert_rules.night_min_score). */
#ifndef SH_VISION_GREY_H
#define SH_VISION_GREY_H

#include <stdint.h>

/* Mean chroma below which a frame counts as grey: the spread max(R,G,B) - min(R,G,B) in levels of
 * 0..255, averaged over a grid of pixels. A grey picture through a video codec stays under 1; the
 * colour test videos' room measures about 20. A colour scene of nearly neutral surfaces (steel, white
 * tiles) under 3 would be taken for night, and judged by the rule's night minimum. */
#define SH_GREY_MAX_CHROMA 3.0

/* The mean chroma of an RGB frame (w x h, rows of stride bytes), sampled on every 4th pixel of
 * every 4th row; 0 for an empty frame. */
double sh_frame_chroma(const uint8_t *rgb, int w, int h, int stride);

/* Whether the frame is grey (infrared): sh_frame_chroma below SH_GREY_MAX_CHROMA. */
int sh_frame_is_grey(const uint8_t *rgb, int w, int h, int stride);

#endif
