/* Text → QR code → PNG in memory (qr.h). */
#include "core/qr.h"

#include <png.h>
#include <qrencode.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

enum { SCALE = 4, QUIET = 4 };

static void png_write_buf(png_structp png, png_bytep data, size_t n)
{
    sh_buf_add(png_get_io_ptr(png), data, n);
}

static void png_flush_none(png_structp png) { (void)png; }

/* Writes the modules of q as a 1-bit grey PNG into out; 0, or -1 when libpng fails. */
static int write_png(const QRcode *q, sh_buf *out)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    size_t side = (size_t)(q->width + 2 * QUIET) * SCALE;
    unsigned char *row = malloc((side + 7) / 8);
    sh_buf tmp = SH_BUF_INIT;
    int rc = -1;
    if (!png || !info || !row)
        goto done;
    if (setjmp(png_jmpbuf(png)))
        goto done;
    png_set_write_fn(png, &tmp, png_write_buf, png_flush_none);
    png_set_IHDR(png, info, (png_uint_32)side, (png_uint_32)side, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (size_t y = 0; y < side; y++) {
        memset(row, 0xFF, (side + 7) / 8); /* 1 is white */
        long my = (long)(y / SCALE) - QUIET;
        for (size_t x = 0; x < side; x++) {
            long mx = (long)(x / SCALE) - QUIET;
            if (my >= 0 && mx >= 0 && my < q->width && mx < q->width && (q->data[my * q->width + mx] & 1))
                row[x / 8] &= (unsigned char)~(0x80 >> (x % 8));
        }
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    sh_buf_add(out, tmp.data, tmp.len);
    rc = 0;
done:
    png_destroy_write_struct(&png, &info);
    free(row);
    sh_buf_release(&tmp);
    return rc;
}

int sh_qr_png(const char *text, const char *field, sh_buf *out, sh_err *err)
{
    size_t n = text ? strlen(text) : 0;
    if (n == 0)
        return sh_fail(err, SH_EINVAL, field, "二维码内容不能为空 (the text of a QR code must not be empty)");
    if (n > SH_QR_MAX_TEXT)
        return sh_fail(err, SH_EINVAL, field, "二维码内容过长，至多%d字节 (at most %d bytes)", SH_QR_MAX_TEXT, SH_QR_MAX_TEXT);
    QRcode *q = QRcode_encodeData((int)n, (const unsigned char *)text, 0, QR_ECLEVEL_M);
    if (!q)
        return sh_fail(err, SH_EINTERNAL, field, "二维码生成失败 (QR encoding failed)");
    int rc = write_png(q, out);
    QRcode_free(q);
    return rc ? sh_fail(err, SH_EINTERNAL, field, "二维码图片生成失败 (PNG encoding failed)") : 0;
}
