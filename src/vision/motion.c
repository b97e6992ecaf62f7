#include "vision/motion.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct sh_motion {
    sh_motion_opts o;
    int src_w, src_h;  /* frame size the buffers are for */
    int w, h;          /* small picture */
    float *avg;        /* running average */
    uint8_t *grey, *tmp, *mask, *dil;
    int *label;
    int recal;
};

int sh_motion_new(const sh_motion_opts *o, sh_motion **ret_m, sh_err *err)
{
    sh_motion_opts d = o ? *o : SH_MOTION_DEFAULTS;
    if (d.frame_height < 8 || d.frame_height > 1080 || d.threshold < 1 || d.threshold > 255 || !(d.alpha > 0 && d.alpha <= 1) || d.min_area < 0 ||
        !(d.lightning > 0 && d.lightning <= 1))
        return sh_fail(err, SH_EINVAL, "motion", "frame_height 8..1080, threshold 1..255, alpha in (0,1], lightning in (0,1]");
    sh_motion *m = calloc(1, sizeof *m);
    if (!m)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    m->o = d;
    *ret_m = m;
    return 0;
}

static void release(sh_motion *m)
{
    free(m->avg), free(m->grey), free(m->tmp), free(m->mask), free(m->dil), free(m->label);
    m->avg = NULL, m->grey = m->tmp = m->mask = m->dil = NULL, m->label = NULL;
}

void sh_motion_free(sh_motion *m)
{
    if (!m)
        return;
    release(m);
    free(m);
}

int sh_motion_recalibrations(const sh_motion *m) { return m->recal; }

/* Box-filter reduction of the frame's luma (BT.601 weights) to w x h. */
static void reduce(const sh_motion *m, const uint8_t *rgb, int stride, uint8_t *out)
{
    for (int y = 0; y < m->h; y++) {
        int y0 = (int)((int64_t)y * m->src_h / m->h), y1 = (int)((int64_t)(y + 1) * m->src_h / m->h);
        for (int x = 0; x < m->w; x++) {
            int x0 = (int)((int64_t)x * m->src_w / m->w), x1 = (int)((int64_t)(x + 1) * m->src_w / m->w);
            uint32_t sum = 0, n = 0;
            for (int yy = y0; yy < y1; yy++) {
                const uint8_t *p = rgb + (size_t)yy * stride + (size_t)x0 * 3;
                for (int xx = x0; xx < x1; xx++, p += 3, n++)
                    sum += (uint32_t)(299 * p[0] + 587 * p[1] + 114 * p[2]);
            }
            out[y * m->w + x] = (uint8_t)((sum + n * 500) / (n * 1000));
        }
    }
}

/* 3x3 Gaussian ([1 2 1] / 4 each way), edges repeated. */
static void blur(const sh_motion *m, uint8_t *img, uint8_t *tmp)
{
    int w = m->w, h = m->h;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int l = x ? x - 1 : 0, r = x < w - 1 ? x + 1 : x;
            tmp[y * w + x] = (uint8_t)((img[y * w + l] + 2 * img[y * w + x] + img[y * w + r] + 2) / 4);
        }
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int u = y ? y - 1 : 0, d = y < h - 1 ? y + 1 : y;
            img[y * w + x] = (uint8_t)((tmp[u * w + x] + 2 * tmp[y * w + x] + tmp[d * w + x] + 2) / 4);
        }
}

static int find(int *parent, int i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

typedef struct region {
    int x0, y0, x1, y1, n;
} region;

static int by_area(const void *a, const void *b)
{
    const region *ra = a, *rb = b;
    return rb->n - ra->n;
}

int sh_motion_update(sh_motion *m, const uint8_t *rgb, int width, int height, int stride, sh_box *boxes, int max, int *ret_n, sh_err *err)
{
    if (!rgb || width < 2 || height < 2 || width > 16384 || height > 16384 || stride < 3 * width)
        return sh_fail(err, SH_EINVAL, "frame", "frame must be 2..16384 pixels a side, RGB rows of at least 3*width bytes");
    *ret_n = 0;
    if (width != m->src_w || height != m->src_h || !m->avg) { /* (re)start on a new frame size */
        release(m);
        m->src_w = width, m->src_h = height;
        m->h = m->o.frame_height < height ? m->o.frame_height : height;
        m->w = (int)((int64_t)width * m->h / height);
        m->w = m->w < 1 ? 1 : m->w;
        size_t n = (size_t)m->w * m->h;
        m->avg = malloc(n * sizeof *m->avg), m->grey = malloc(n), m->tmp = malloc(n), m->mask = malloc(n), m->dil = malloc(n);
        m->label = malloc(n * sizeof *m->label);
        if (!m->avg || !m->grey || !m->tmp || !m->mask || !m->dil || !m->label) {
            release(m);
            return sh_fail(err, SH_EINTERNAL, "", "out of memory");
        }
        reduce(m, rgb, stride, m->grey);
        blur(m, m->grey, m->tmp);
        for (size_t i = 0; i < n; i++)
            m->avg[i] = m->grey[i];
        return 0;
    }
    int w = m->w, h = m->h;
    size_t n = (size_t)w * h;
    reduce(m, rgb, stride, m->grey);
    blur(m, m->grey, m->tmp);
    for (size_t i = 0; i < n; i++)
        m->mask[i] = fabsf((float)m->grey[i] - m->avg[i]) > (float)m->o.threshold;
    size_t changed = 0;
    for (int y = 0; y < h; y++) /* dilate with a 3x3 square */
        for (int x = 0; x < w; x++) {
            uint8_t v = 0;
            for (int dy = -1; dy <= 1 && !v; dy++)
                for (int dx = -1; dx <= 1 && !v; dx++) {
                    int yy = y + dy, xx = x + dx;
                    v = yy >= 0 && yy < h && xx >= 0 && xx < w && m->mask[yy * w + xx];
                }
            m->dil[y * w + x] = v;
            changed += v;
        }
    if ((double)changed > m->o.lightning * (double)n) { /* everything changed: start over from here */
        for (size_t i = 0; i < n; i++)
            m->avg[i] = m->grey[i];
        m->recal++;
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        m->avg[i] += (float)m->o.alpha * ((float)m->grey[i] - m->avg[i]);
    if (!changed)
        return 0;
    /* 8-connected regions of the dilated mask by union-find */
    for (size_t i = 0; i < n; i++)
        m->label[i] = (int)i;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            if (!m->dil[y * w + x])
                continue;
            static const int nb[4][2] = {{-1, 0}, {-1, -1}, {0, -1}, {1, -1}};
            for (int k = 0; k < 4; k++) {
                int xx = x + nb[k][0], yy = y + nb[k][1];
                if (xx < 0 || xx >= w || yy < 0 || !m->dil[yy * w + xx])
                    continue;
                int a = find(m->label, y * w + x), b = find(m->label, yy * w + xx);
                if (a != b)
                    m->label[a > b ? a : b] = a < b ? a : b;
            }
        }
    region *rg = calloc(n, sizeof *rg);
    int *slot = malloc(n * sizeof *slot);
    if (!rg || !slot) {
        free(rg), free(slot);
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    }
    int nr = 0;
    for (size_t i = 0; i < n; i++)
        slot[i] = -1;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            if (!m->dil[y * w + x])
                continue;
            int root = find(m->label, y * w + x);
            if (slot[root] < 0) {
                slot[root] = nr;
                rg[nr++] = (region){x, y, x, y, 0};
            }
            region *r = &rg[slot[root]];
            r->x0 = x < r->x0 ? x : r->x0, r->x1 = x > r->x1 ? x : r->x1;
            r->y0 = y < r->y0 ? y : r->y0, r->y1 = y > r->y1 ? y : r->y1;
            r->n++;
        }
    qsort(rg, (size_t)nr, sizeof *rg, by_area);
    int out = 0;
    for (int i = 0; i < nr && out < max; i++)
        if (rg[i].n > m->o.min_area)
            boxes[out++] = (sh_box){(float)rg[i].x0 / w, (float)rg[i].y0 / h, (float)(rg[i].x1 - rg[i].x0 + 1) / w, (float)(rg[i].y1 - rg[i].y0 + 1) / h};
    free(rg), free(slot);
    *ret_n = out;
    return 0;
}
