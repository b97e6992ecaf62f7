/* The second, full check of an image (image.h: sh_image_decode): after the structure walk of
 * image.c, the coded data is decoded with libjpeg(-turbo) or libpng, so that a file whose data does
 * not decode is refused before it is stored. Kept apart from image.c so that the analyser's tools,
 * which link image.o alone, do not need libpng.
 *
 * JPEG is decoded at 1/8 scale (scale_num 1, scale_denom 8): every Huffman code is still read, but
 * the inverse DCT keeps only the DC term, so the check costs a fraction of a full decode. libjpeg
 * reports corrupt entropy data as warnings and goes on with grey blocks; here any warning about the
 * data refuses the file. Errors leave through a setjmp error manager, never exit(); nothing is
 * printed. PNG is decoded row by row into one row buffer; a zlib or CRC error in a critical chunk is
 * an error. */
#include "core/image.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>

/* ---- JPEG ---- */

typedef struct jpeg_guard {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    int corrupt; /* a warning about the coded data */
} jpeg_guard;

static void jpeg_fail(j_common_ptr c)
{
    jpeg_guard *g = (jpeg_guard *)c->err;
    longjmp(g->jump, 1);
}

static void jpeg_quiet(j_common_ptr c)
{
    (void)c;
}

static void jpeg_message(j_common_ptr c, int level)
{
    jpeg_guard *g = (jpeg_guard *)c->err;
    if (level >= 0)
        return; /* trace messages */
    switch (g->pub.msg_code) {
    case JWRN_ADOBE_XFORM: /* metadata a decoder may ignore */
    case JWRN_JFIF_MAJOR:
    case JWRN_BOGUS_ICC:
        return;
    default:
        g->corrupt = 1;
    }
}

static int decode_jpeg(const unsigned char *data, size_t len)
{
    struct jpeg_decompress_struct cinfo;
    jpeg_guard g;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&g.pub);
    g.pub.error_exit = jpeg_fail;
    g.pub.output_message = jpeg_quiet;
    g.pub.emit_message = jpeg_message;
    g.corrupt = 0;
    JSAMPLE *volatile row = NULL;
    if (setjmp(g.jump)) {
        jpeg_destroy_decompress(&cinfo);
        free(row);
        return -1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)len);
    if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK)
        longjmp(g.jump, 1);
    cinfo.scale_num = 1;
    cinfo.scale_denom = 8;
    cinfo.dct_method = JDCT_IFAST;
    cinfo.do_fancy_upsampling = FALSE;
    jpeg_start_decompress(&cinfo);
    size_t stride = (size_t)cinfo.output_width * (size_t)cinfo.output_components;
    row = malloc(stride ? stride : 1);
    if (!row)
        longjmp(g.jump, 1);
    while (cinfo.output_scanline < cinfo.output_height && !g.corrupt) {
        JSAMPROW rows[1] = {row};
        jpeg_read_scanlines(&cinfo, rows, 1);
    }
    if (!g.corrupt)
        jpeg_finish_decompress(&cinfo);
    int ok = !g.corrupt;
    jpeg_destroy_decompress(&cinfo);
    free(row);
    return ok ? 0 : -1;
}

/* ---- PNG ---- */

typedef struct png_source {
    const unsigned char *data;
    size_t len, pos;
} png_source;

static void png_read_mem(png_structp png, png_bytep out, size_t n)
{
    png_source *s = png_get_io_ptr(png);
    if (n > s->len - s->pos)
        png_error(png, "read past the end");
    memcpy(out, s->data + s->pos, n);
    s->pos += n;
}

static void png_fail(png_structp png, png_const_charp msg)
{
    (void)msg;
    png_longjmp(png, 1);
}

static void png_quiet(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static int decode_png(const unsigned char *data, size_t len)
{
    png_source src = {data, len, 0};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, png_quiet);
    if (!png)
        return -1;
    png_infop info = png_create_info_struct(png);
    png_bytep volatile row = NULL;
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        free(row);
        return -1;
    }
    png_set_user_limits(png, SH_IMAGE_MAX_SIDE, SH_IMAGE_MAX_SIDE);
    png_set_chunk_cache_max(png, 128);
    png_set_chunk_malloc_max(png, 8 * 1024 * 1024);
    png_set_read_fn(png, &src, png_read_mem);
    png_read_info(png, info);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    size_t stride = png_get_rowbytes(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    row = malloc(stride ? stride : 1);
    if (!row)
        png_error(png, "out of memory");
    for (int p = 0; p < passes; p++)
        for (png_uint_32 y = 0; y < height; y++)
            png_read_row(png, row, NULL);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    free(row);
    return 0;
}

int sh_image_decode(const unsigned char *data, size_t len, const sh_image_info *probed, sh_err *err)
{
    int bad = strcmp(probed->mime, "image/jpeg") == 0 ? decode_jpeg(data, len) : decode_png(data, len);
    if (bad)
        return sh_fail(err, SH_EINVAL, "file", "图片数据已损坏，无法解码 (the image data does not decode)");
    return 0;
}
