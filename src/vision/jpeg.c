#include "vision/jpeg.h"

#include <stdio.h> /* before jpeglib.h, which uses FILE */

#include <jpeglib.h>
#include <setjmp.h>
#include <stdlib.h>

typedef struct jerr {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    char msg[JMSG_LENGTH_MAX];
} jerr;

static void on_error(j_common_ptr cinfo)
{
    jerr *e = (jerr *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, e->msg);
    longjmp(e->jump, 1);
}

static void on_message(j_common_ptr cinfo) { (void)cinfo; } /* warnings stay quiet */

int sh_jpeg_decode(const unsigned char *data, size_t len, sh_rgb_image *ret, sh_err *err)
{
    struct jpeg_decompress_struct cinfo;
    jerr je;
    uint8_t *volatile pixels = NULL;
    cinfo.err = jpeg_std_error(&je.mgr);
    je.mgr.error_exit = on_error;
    je.mgr.output_message = on_message;
    if (setjmp(je.jump)) {
        jpeg_destroy_decompress(&cinfo);
        free(pixels);
        return sh_fail(err, SH_EINVAL, "image", "not a readable JPEG: %s", je.msg);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)len);
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.image_width > SH_JPEG_MAX_SIDE || cinfo.image_height > SH_JPEG_MAX_SIDE) {
        jpeg_destroy_decompress(&cinfo);
        return sh_fail(err, SH_EINVAL, "image", "JPEG of %ux%u exceeds %d pixels a side", cinfo.image_width, cinfo.image_height,
                       SH_JPEG_MAX_SIDE);
    }
    cinfo.out_color_space = JCS_RGB;
    jpeg_start_decompress(&cinfo);
    size_t row = (size_t)cinfo.output_width * 3;
    pixels = malloc(row * cinfo.output_height);
    if (!pixels) {
        jpeg_destroy_decompress(&cinfo);
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW r = pixels + row * cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, &r, 1);
    }
    jpeg_finish_decompress(&cinfo);
    ret->width = (int)cinfo.output_width;
    ret->height = (int)cinfo.output_height;
    ret->pixels = pixels;
    jpeg_destroy_decompress(&cinfo);
    return 0;
}

int sh_jpeg_read_file(const char *path, sh_rgb_image *ret, sh_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return sh_fail(err, SH_ENOTFOUND, "image", "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (sz <= 0 || sz > (256L << 20)) {
        fclose(f);
        return sh_fail(err, SH_EINVAL, "image", "%s is empty or larger than 256 MiB", path);
    }
    unsigned char *buf = malloc((size_t)sz);
    if (!buf || fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
        fclose(f);
        free(buf);
        return sh_fail(err, SH_EINTERNAL, "image", "cannot read %s", path);
    }
    fclose(f);
    int rc = sh_jpeg_decode(buf, (size_t)sz, ret, err);
    free(buf);
    return rc;
}

void sh_rgb_image_free(sh_rgb_image *img)
{
    if (!img)
        return;
    free(img->pixels);
    img->pixels = NULL;
}
