/* Grey (infrared) frames; see grey.h. */
#include "vision/grey.h"

double sh_frame_chroma(const uint8_t *rgb, int w, int h, int stride)
{
    double sum = 0;
    int64_t n = 0;
    for (int y = 0; y < h; y += 4) {
        const uint8_t *row = rgb + (int64_t)y * stride;
        for (int x = 0; x < w; x += 4) {
            const uint8_t *p = row + 3 * x;
            int hi = p[0], lo = p[0];
            for (int c = 1; c < 3; c++) {
                hi = p[c] > hi ? p[c] : hi;
                lo = p[c] < lo ? p[c] : lo;
            }
            sum += hi - lo;
            n++;
        }
    }
    return n ? sum / (double)n : 0;
}

int sh_frame_is_grey(const uint8_t *rgb, int w, int h, int stride)
{
    return w > 0 && h > 0 && sh_frame_chroma(rgb, w, h, stride) < SH_GREY_MAX_CHROMA;
}
