#include "vision/regions.h"

/* [c - len/2, c + len/2) grown to at least min, moved inside [0, limit); writes start and length. */
static void span(double c, double len, int min, int limit, int *ret_start, int *ret_len)
{
    int l = (int)(len + 0.999);
    l = l < min ? min : l;
    l = l > limit ? limit : l;
    int s = (int)(c - l / 2.0);
    s = s < 0 ? 0 : s + l > limit ? limit - l : s;
    *ret_start = s;
    *ret_len = l;
}

static int overlap(const sh_rect *a, const sh_rect *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static sh_rect unite(const sh_rect *a, const sh_rect *b)
{
    int x0 = a->x < b->x ? a->x : b->x, y0 = a->y < b->y ? a->y : b->y;
    int x1 = a->x + a->w > b->x + b->w ? a->x + a->w : b->x + b->w, y1 = a->y + a->h > b->y + b->h ? a->y + a->h : b->y + b->h;
    return (sh_rect){x0, y0, x1 - x0, y1 - y0};
}

int sh_regions_from_motion(const sh_box *motion, int n, int fw, int fh, int min_side, sh_rect *ret, int max)
{
    int out = 0;
    for (int i = 0; i < n; i++) {
        sh_rect r;
        span((motion[i].x + motion[i].w / 2) * fw, motion[i].w * fw, min_side, fw, &r.x, &r.w);
        span((motion[i].y + motion[i].h / 2) * fh, motion[i].h * fh, min_side, fh, &r.y, &r.h);
        /* merge with what it overlaps, again from the start, since a merged region reaches further */
        for (int k = 0; k < out;) {
            if (overlap(&r, &ret[k])) {
                r = unite(&r, &ret[k]);
                ret[k] = ret[--out];
                k = 0;
            } else {
                k++;
            }
        }
        if (out < max)
            ret[out++] = r;
    }
    return out;
}
