/* sh_image_decode (core/image_decode.c): a file whose structure is sound but whose coded data does not
 * decode is refused naming "file", while the same image intact passes. The images are made here with
 * libjpeg and libpng, then damaged inside the coded data only, so sh_image_probe still accepts them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jpeglib.h>
#include <png.h>

#include <ftw.h>
#include <unistd.h>

#include "core/image.h"
#include "domain/loop/attachment.h"

enum { W = 96, H = 64 };

/* A smooth gradient with a few edges, so the entropy data is not trivially short. */
static unsigned char pixel(int x, int y, int c)
{
    return (unsigned char)((x * 3 + y * 5 + c * 40 + ((x / 8 + y / 8) % 2) * 60) & 0xFF);
}

static unsigned char *make_jpeg(unsigned long *len)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    unsigned char *out = NULL;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, &out, len);
    c.image_width = W;
    c.image_height = H;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, 90, TRUE);
    jpeg_start_compress(&c, TRUE);
    unsigned char row[W * 3];
    while (c.next_scanline < H) {
        for (int x = 0; x < W; x++)
            for (int k = 0; k < 3; k++)
                row[x * 3 + k] = pixel(x, (int)c.next_scanline, k);
        JSAMPROW r = row;
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    return out;
}

typedef struct membuf {
    unsigned char *data;
    size_t len;
} membuf;

static void png_write_mem(png_structp png, png_bytep d, size_t n)
{
    membuf *m = png_get_io_ptr(png);
    m->data = realloc(m->data, m->len + n);
    memcpy(m->data + m->len, d, n);
    m->len += n;
}

static void png_flush_none(png_structp png)
{
    (void)png;
}

static membuf make_png(void)
{
    membuf m = {0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    png_set_write_fn(png, &m, png_write_mem, png_flush_none);
    png_set_IHDR(png, info, W, H, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    unsigned char row[W * 3];
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++)
            for (int k = 0; k < 3; k++)
                row[x * 3 + k] = pixel(x, y, k);
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return m;
}

/* The entropy-coded data of a JPEG: from after the SOS header to the EOI marker. */
static void jpeg_scan(const unsigned char *d, size_t len, size_t *from, size_t *to)
{
    size_t i = 2;
    while (i + 4 <= len && d[i] == 0xFF) {
        unsigned marker = d[i + 1];
        size_t seg = ((size_t)d[i + 2] << 8) | d[i + 3];
        if (marker == 0xDA) {
            *from = i + 2 + seg;
            break;
        }
        i += 2 + seg;
    }
    *to = len - 2;
    assert_true(*from > 0 && *from < *to);
}

static uint32_t crc32_of(const unsigned char *d, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= d[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

static void intact_images_pass(void **state)
{
    (void)state;
    sh_image_info info;
    sh_err err = {0};
    unsigned long jlen = 0;
    unsigned char *jpeg = make_jpeg(&jlen);
    assert_int_equal(sh_image_probe(jpeg, jlen, &info, &err), 0);
    assert_int_equal(sh_image_decode(jpeg, jlen, &info, &err), 0);
    assert_string_equal(info.mime, "image/jpeg");
    assert_int_equal(info.width, W);
    assert_int_equal(info.height, H);
    free(jpeg);
    membuf png = make_png();
    assert_int_equal(sh_image_probe(png.data, png.len, &info, &err), 0);
    assert_int_equal(sh_image_decode(png.data, png.len, &info, &err), 0);
    assert_string_equal(info.mime, "image/png");
    assert_int_equal(info.width, W);
    free(png.data);
}

/* Overwrites the middle of the scan with bytes that are not markers (no 0xFF): the structure is
 * intact, the Huffman codes are not. */
static void garble_scan(unsigned char *jpeg, unsigned long jlen, uint32_t seed)
{
    size_t from = 0, to = 0;
    jpeg_scan(jpeg, jlen, &from, &to);
    uint32_t x = seed;
    for (size_t i = from + (to - from) / 4; i < from + 3 * (to - from) / 4; i++) {
        x = x * 1103515245u + 12345u;
        jpeg[i] = (unsigned char)((x >> 16) % 0xFF);
    }
}

static void jpeg_with_garbled_scan_is_refused(void **state)
{
    (void)state;
    sh_image_info info;
    sh_err err = {0};
    unsigned long jlen = 0;
    unsigned char *jpeg = make_jpeg(&jlen);
    garble_scan(jpeg, jlen, 12345);
    assert_int_equal(sh_image_probe(jpeg, jlen, &info, &err), 0);
    assert_int_equal(sh_image_decode(jpeg, jlen, &info, &err), SH_EINVAL);
    assert_string_equal(err.field, "file");
    free(jpeg);
}

static void png_with_garbled_data_is_refused(void **state)
{
    (void)state;
    sh_image_info info;
    sh_err err = {0};
    membuf png = make_png();
    /* find IDAT, garble its deflate stream past the zlib header, and write a correct CRC so that
     * only the decode can tell */
    size_t i = 8;
    int garbled = 0;
    while (i + 12 <= png.len) {
        size_t n = ((size_t)png.data[i] << 24) | ((size_t)png.data[i + 1] << 16) | ((size_t)png.data[i + 2] << 8) | png.data[i + 3];
        if (!memcmp(png.data + i + 4, "IDAT", 4) && n > 16) {
            for (size_t k = 4; k < n - 4; k++)
                png.data[i + 8 + k] ^= 0x5A;
            uint32_t c = crc32_of(png.data + i + 4, n + 4);
            unsigned char *p = png.data + i + 8 + n;
            p[0] = (unsigned char)(c >> 24), p[1] = (unsigned char)(c >> 16), p[2] = (unsigned char)(c >> 8), p[3] = (unsigned char)c;
            garbled = 1;
            break;
        }
        i += 12 + n;
    }
    assert_true(garbled);
    assert_int_equal(sh_image_probe(png.data, png.len, &info, &err), 0);
    assert_int_equal(sh_image_decode(png.data, png.len, &info, &err), SH_EINVAL);
    assert_string_equal(err.field, "file");
    free(png.data);
}

static int files_found;
static int count_file(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)path, (void)st, (void)ftw;
    files_found += type == FTW_F;
    return 0;
}

static int count_files(const char *dir)
{
    files_found = 0;
    nftw(dir, count_file, 8, FTW_PHYS);
    return files_found;
}

static int remove_path(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)type, (void)ftw;
    return remove(path);
}

/* sh_attachment_write decodes while the file's writeback runs (domain/loop/attachment.c): a picture
 * that does not decode leaves nothing on disk, not even its temporary file; the intact one is stored
 * once under its SHA-256. */
static void attachment_write_keeps_no_file_of_a_garbled_picture(void **state)
{
    (void)state;
    char dir[] = "/tmp/shian-image-XXXXXX";
    assert_non_null(mkdtemp(dir));
    unsigned long jlen = 0;
    unsigned char *jpeg = make_jpeg(&jlen);
    unsigned char *bad = malloc(jlen);
    memcpy(bad, jpeg, jlen);
    garble_scan(bad, jlen, 777);
    sh_attachment_file f;
    sh_err err = {0};
    assert_int_equal(sh_attachment_write(dir, bad, jlen, &f, &err), SH_EINVAL);
    assert_string_equal(err.field, "file");
    assert_int_equal(count_files(dir), 0);
    assert_int_equal(sh_attachment_write(dir, jpeg, jlen, &f, &err), 0);
    assert_int_equal(count_files(dir), 1);
    assert_int_equal(f.width, W);
    assert_int_equal(sh_attachment_write(dir, jpeg, jlen, &f, &err), 0); /* the same bytes again: one file */
    assert_int_equal(count_files(dir), 1);
    nftw(dir, remove_path, 8, FTW_DEPTH | FTW_PHYS);
    free(bad);
    free(jpeg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(intact_images_pass),
        cmocka_unit_test(jpeg_with_garbled_scan_is_refused),
        cmocka_unit_test(png_with_garbled_data_is_refused),
        cmocka_unit_test(attachment_write_keeps_no_file_of_a_garbled_picture),
    };
    return cmocka_run_group_tests_name("image", tests, NULL, NULL);
}
