/* The experimental uncovered-face signal; see mask.h. */
#include "vision/mask.h"

#include <math.h>
#include <stdlib.h>

typedef struct {
    int x0, y0, x1, y1; /* pixels, x1 and y1 excluded */
} band;

static int level(double v) { return v < 0 ? 0 : v > 255 ? 255 : (int)lround(v); } /* pure red's Cr is 255.5 */

/* JPEG's full-range YCbCr, in integer levels 0..255 */
static void ycbcr(const uint8_t *p, int *y, int *cb, int *cr)
{
    double r = p[0], g = p[1], b = p[2];
    *y = level(0.299 * r + 0.587 * g + 0.114 * b);
    *cb = level(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
    *cr = level(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
}

/* The band clipped to the picture; 0 when less than 2x2 of it is inside. */
static int clip(band *b, int w, int h)
{
    b->x0 = b->x0 < 0 ? 0 : b->x0;
    b->y0 = b->y0 < 0 ? 0 : b->y0;
    b->x1 = b->x1 > w ? w : b->x1;
    b->y1 = b->y1 > h ? h : b->y1;
    return b->x1 - b->x0 >= 2 && b->y1 - b->y0 >= 2;
}

/* The median of a histogram of n values. */
static int median(const int hist[256], int n)
{
    int seen = 0;
    for (int v = 0; v < 256; v++)
        if ((seen += hist[v]) * 2 >= n)
            return v;
    return 255;
}

int sh_mask_uncovered_share(const uint8_t *rgb, int w, int h, int stride, const sh_face *face, float *ret_share)
{
    *ret_share = 0;
    const float(*k)[2] = face->keypoints;
    double ex0 = k[0][0] * w, ey0 = k[0][1] * h, ex1 = k[1][0] * w, ey1 = k[1][1] * h;
    double nose_y = k[2][1] * h, mouth_y = k[3][1] * h;
    double eye_d = hypot(ex1 - ex0, ey1 - ey0), eye_y = (ey0 + ey1) / 2;
    double left = fmin(ex0, ex1), right = fmax(ex0, ex1);
    double v = nose_y - eye_y, m = mouth_y - nose_y; /* eyes to nose, nose to mouth */
    if (eye_d < SH_MASK_MIN_EYE_PX || v < 0.2 * eye_d || m < 0.1 * eye_d)
        return 0; /* far, upside down or turned away: the bands would not be cheeks and mouth */
    band ref = {(int)lround(left - 0.15 * eye_d), (int)lround(eye_y + 0.2 * v), (int)lround(right + 0.15 * eye_d),
                (int)lround(eye_y + 0.5 * v)};
    band low = {(int)lround(left), (int)lround(nose_y + 0.25 * m), (int)lround(right), (int)lround(mouth_y + 0.6 * m)};
    if (!clip(&ref, w, h) || !clip(&low, w, h))
        return 0;
    int hy[256] = {0}, hcb[256] = {0}, hcr[256] = {0}, n = 0;
    for (int y = ref.y0; y < ref.y1; y++)
        for (int x = ref.x0; x < ref.x1; x++) {
            int Y, cb, cr;
            ycbcr(rgb + (int64_t)y * stride + 3 * x, &Y, &cb, &cr);
            hy[Y]++, hcb[cb]++, hcr[cr]++, n++;
        }
    int ry = median(hy, n), rcb = median(hcb, n), rcr = median(hcr, n);
    if (abs(rcb - 128) + abs(rcr - 128) < SH_MASK_MIN_CHROMA)
        return 0; /* grey: every band would match */
    int skin = 0, all = 0;
    for (int y = low.y0; y < low.y1; y++)
        for (int x = low.x0; x < low.x1; x++) {
            int Y, cb, cr;
            ycbcr(rgb + (int64_t)y * stride + 3 * x, &Y, &cb, &cr);
            all++;
            skin += abs(cb - rcb) <= SH_MASK_CHROMA_TOL && abs(cr - rcr) <= SH_MASK_CHROMA_TOL && Y >= 0.55 * ry && Y <= 1.6 * ry + 1;
        }
    *ret_share = (float)skin / (float)all;
    return 1;
}
