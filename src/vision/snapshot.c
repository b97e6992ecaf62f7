#include "vision/snapshot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <setjmp.h>

typedef struct {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    char msg[JMSG_LENGTH_MAX];
} jerr;

static void on_error(j_common_ptr c)
{
    jerr *e = (jerr *)c->err;
    (*c->err->format_message)(c, e->msg);
    longjmp(e->jump, 1);
}

/* One encoding at a quality; 0 or -1 (message in e->msg). */
static int encode(const uint8_t *rgb, int w, int h, int stride, int quality, unsigned char **out, unsigned long *out_len, jerr *e)
{
    struct jpeg_compress_struct c;
    c.err = jpeg_std_error(&e->mgr);
    e->mgr.error_exit = on_error;
    *out = NULL;
    *out_len = 0;
    /* after a longjmp: the buffer libjpeg grew (in *out, not a local) is freed */
    if (setjmp(e->jump)) {
        jpeg_destroy_compress(&c);
        free(*out);
        *out = NULL;
        return -1;
    }
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, out, out_len);
    c.image_width = (JDIMENSION)w;
    c.image_height = (JDIMENSION)h;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, quality, TRUE);
    jpeg_start_compress(&c, TRUE);
    while (c.next_scanline < c.image_height) {
        JSAMPROW row = (JSAMPROW)(rgb + (size_t)c.next_scanline * stride);
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    return 0;
}

/* Halves the picture (2x2 means) into a new buffer. */
static uint8_t *halve(const uint8_t *rgb, int w, int h, int stride, int *ret_w, int *ret_h)
{
    int hw = w / 2, hh = h / 2;
    uint8_t *o = malloc((size_t)hw * hh * 3);
    if (!o)
        return NULL;
    for (int y = 0; y < hh; y++)
        for (int x = 0; x < hw; x++)
            for (int c = 0; c < 3; c++) {
                const uint8_t *p = rgb + (size_t)(2 * y) * stride + (size_t)(2 * x) * 3 + c;
                o[((size_t)y * hw + x) * 3 + c] = (uint8_t)((p[0] + p[3] + p[stride] + p[stride + 3] + 2) / 4);
            }
    *ret_w = hw;
    *ret_h = hh;
    return o;
}

int sh_snapshot_jpeg(const uint8_t *rgb, int w, int h, int stride, size_t max_bytes, unsigned char **ret, size_t *ret_len,
                     sh_err *err)
{
    if (!rgb || w < 1 || h < 1 || w > 16384 || h > 16384 || stride < w * 3)
        return sh_fail(err, SH_EINVAL, "snapshot", "a frame of 1..16384 pixels a side, rows of at least 3 bytes a pixel");
    static const int qualities[] = {85, 70, 55, 40};
    uint8_t *scaled = NULL;
    const uint8_t *src = rgb;
    int sw = w, sh = h, ss = stride;
    jerr e;
    for (;;) {
        for (size_t q = 0; q < sizeof qualities / sizeof *qualities; q++) {
            unsigned char *out;
            unsigned long len;
            if (encode(src, sw, sh, ss, qualities[q], &out, &len, &e)) {
                free(scaled);
                return sh_fail(err, SH_EINTERNAL, "snapshot", "libjpeg: %s", e.msg);
            }
            if (len <= max_bytes) {
                free(scaled);
                *ret = out;
                *ret_len = len;
                return 0;
            }
            free(out);
        }
        if (sw < 64 || sh < 64)
            break;
        int nw, nh;
        uint8_t *next = halve(src, sw, sh, ss, &nw, &nh);
        free(scaled);
        if (!next)
            return sh_fail(err, SH_EINTERNAL, "", "out of memory");
        scaled = next, src = next, sw = nw, sh = nh, ss = nw * 3;
    }
    free(scaled);
    return sh_fail(err, SH_ETOOBIG, "snapshot", "a JPEG of this frame does not fit in %zu bytes", max_bytes);
}
