#include "core/image.h"

#include <string.h>

/* The probe reads the headers, caps the pixel count and walks the whole file's structure: every
 * PNG chunk to IEND with the compressed data at least what deflate's best ratio (1032:1) needs for
 * the declared rows; every JPEG segment to a scan whose entropy-coded data is at least what the
 * declared blocks need (one bit per 8×8 luminance block, the shortest Huffman code). A header that
 * declares a huge picture over a few bytes (a decompression bomb) is refused before anything is
 * stored or decoded. */

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned long be32(const unsigned char *p) { return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3]; }

enum { NOT_IMAGE = 0, IMAGE_OK = 1, TOO_LARGE = 2, TRUNCATED = 3 };

static int size_ok(unsigned long w, unsigned long h)
{
    return w <= SH_IMAGE_MAX_SIDE && h <= SH_IMAGE_MAX_SIDE && (unsigned long long)w * h <= SH_IMAGE_MAX_PIXELS;
}

static int probe_png(const unsigned char *d, size_t len, sh_image_info *out)
{
    /* signature, then the IHDR chunk: length 13, type, width, height */
    if (len < 33 || memcmp(d, "\x89PNG\r\n\x1a\n", 8) != 0 || be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4) != 0)
        return NOT_IMAGE;
    unsigned long w = be32(d + 16), h = be32(d + 20);
    if (!w || !h)
        return NOT_IMAGE;
    if (!size_ok(w, h))
        return TOO_LARGE;
    /* walk the chunks to IEND, adding up the compressed image data */
    unsigned long long idat = 0;
    size_t i = 8;
    int ended = 0;
    while (i + 12 <= len) {
        unsigned long n = be32(d + i);
        if (n > len - i - 12)
            return TRUNCATED;
        if (!memcmp(d + i + 4, "IDAT", 4))
            idat += n;
        if (!memcmp(d + i + 4, "IEND", 4)) {
            ended = 1;
            break;
        }
        i += 12 + n;
    }
    /* each row holds a filter byte and at least one bit per pixel */
    unsigned long long raw = (unsigned long long)h * (1 + (w + 7) / 8);
    if (!ended || idat == 0 || idat * 1032 + 64 < raw)
        return TRUNCATED;
    out->mime = "image/png";
    out->width = (int)w;
    out->height = (int)h;
    return IMAGE_OK;
}

/* Bytes of entropy-coded data from i (just after a scan header) to the next marker other than a
 * restart or a stuffed zero; *next is that marker's offset. */
static size_t scan_bytes(const unsigned char *d, size_t len, size_t i, size_t *next)
{
    size_t n = 0;
    while (i + 1 < len) {
        if (d[i] == 0xFF && d[i + 1] != 0x00 && !(d[i + 1] >= 0xD0 && d[i + 1] <= 0xD7))
            break;
        i++;
        n++;
    }
    *next = i;
    return n;
}

static int probe_jpeg(const unsigned char *d, size_t len, sh_image_info *out)
{
    if (len < 4 || d[0] != 0xFF || d[1] != 0xD8 || d[len - 2] != 0xFF || d[len - 1] != 0xD9)
        return NOT_IMAGE;
    size_t i = 2, entropy = 0;
    unsigned w = 0, h = 0;
    int scans = 0;
    /* walk the marker segments: a start-of-frame carries the size, each scan its coded data */
    while (i + 2 <= len) {
        if (d[i] != 0xFF)
            return NOT_IMAGE;
        unsigned char m = d[i + 1];
        if (m == 0xFF) {
            i++;
            continue;
        }
        if (m == 0xD9) /* end of image */
            break;
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
            i += 2;
            continue;
        }
        if (i + 4 > len)
            return TRUNCATED;
        unsigned seg = be16(d + i + 2);
        if (seg < 2 || i + 2 + seg > len)
            return TRUNCATED;
        if ((m >= 0xC0 && m <= 0xCF) && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (seg < 7 || w)
                return NOT_IMAGE;
            h = be16(d + i + 5);
            w = be16(d + i + 7);
            if (!w || !h)
                return NOT_IMAGE;
            if (!size_ok(w, h))
                return TOO_LARGE;
        }
        if (m == 0xDA) { /* start of scan: needs a frame header before it */
            if (!w)
                return NOT_IMAGE;
            scans++;
            size_t next;
            entropy += scan_bytes(d, len, i + 2 + seg, &next);
            i = next;
            continue;
        }
        i += 2 + seg;
    }
    unsigned long long blocks = (unsigned long long)((w + 7) / 8) * ((h + 7) / 8);
    if (!w || !scans || (unsigned long long)entropy * 8 < blocks)
        return TRUNCATED;
    out->mime = "image/jpeg";
    out->width = (int)w;
    out->height = (int)h;
    return IMAGE_OK;
}

int sh_image_probe(const unsigned char *data, size_t len, sh_image_info *out, sh_err *err)
{
    if (len == 0)
        return sh_fail(err, SH_EINVAL, "file", "请选择照片 (the request body must be the image)");
    int r = probe_jpeg(data, len, out);
    if (r == NOT_IMAGE)
        r = probe_png(data, len, out);
    if (r == IMAGE_OK)
        return 0;
    if (r == TOO_LARGE)
        return sh_fail(err, SH_EINVAL, "file", "图片尺寸过大：最多%d万像素、边长不超过%d像素 (image too large: at most %d pixels, %d on a side)",
                       SH_IMAGE_MAX_PIXELS / 10000, SH_IMAGE_MAX_SIDE, SH_IMAGE_MAX_PIXELS, SH_IMAGE_MAX_SIDE);
    return sh_fail(err, SH_EINVAL, "file", "只接受完整的JPEG或PNG图片 (only complete JPEG or PNG images are accepted)");
}
