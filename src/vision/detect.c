#include "vision/detect.h"

int sh_detect_regions(sh_nanodet *nd, const uint8_t *rgb, int w, int h, int stride, const sh_rect *regions, int n_regions,
                      const sh_nanodet_opts *o, sh_detection *ret, int max, int *ret_n, sh_err *err)
{
    int out = 0;
    for (int r = 0; r < n_regions; r++) {
        const sh_rect *g = &regions[r];
        if (g->x < 0 || g->y < 0 || g->w < 1 || g->h < 1 || g->x + g->w > w || g->y + g->h > h)
            return sh_fail(err, SH_EINVAL, "region", "region %d lies outside the %dx%d frame", r, w, h);
        sh_detection d[64];
        int n, rc = sh_nanodet_detect(nd, rgb + (size_t)g->y * stride + (size_t)g->x * 3, g->w, g->h, stride, o, d, 64, &n, NULL, err);
        if (rc)
            return rc;
        for (int i = 0; i < n; i++) {
            d[i].box[0] = (g->x + d[i].box[0] * g->w) / (float)w;
            d[i].box[1] = (g->y + d[i].box[1] * g->h) / (float)h;
            d[i].box[2] = d[i].box[2] * g->w / (float)w;
            d[i].box[3] = d[i].box[3] * g->h / (float)h;
            /* keep the best max, sorted by score */
            int at = out < max ? out++ : max;
            while (at > 0 && ret[at - 1].score < d[i].score) {
                if (at < max)
                    ret[at] = ret[at - 1];
                at--;
            }
            if (at < max)
                ret[at] = d[i];
        }
    }
    *ret_n = out;
    return 0;
}
