#include "core/image.h"

#include <string.h>

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned long be32(const unsigned char *p) { return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3]; }

static int probe_png(const unsigned char *d, size_t len, sh_image_info *out)
{
    /* signature, then the IHDR chunk: length 13, type, width, height */
    if (len < 33 || memcmp(d, "\x89PNG\r\n\x1a\n", 8) != 0 || be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4) != 0)
        return 0;
    unsigned long w = be32(d + 16), h = be32(d + 20);
    if (!w || !h || w > 20000 || h > 20000)
        return 0;
    /* a complete file ends with the IEND chunk */
    if (memcmp(d + len - 8, "IEND", 4) != 0)
        return 0;
    out->mime = "image/png";
    out->width = (int)w;
    out->height = (int)h;
    return 1;
}

static int probe_jpeg(const unsigned char *d, size_t len, sh_image_info *out)
{
    if (len < 4 || d[0] != 0xFF || d[1] != 0xD8 || d[len - 2] != 0xFF || d[len - 1] != 0xD9)
        return 0;
    size_t i = 2;
    /* walk the marker segments to a start-of-frame, which carries the size */
    while (i + 4 <= len) {
        if (d[i] != 0xFF)
            return 0;
        unsigned char m = d[i + 1];
        if (m == 0xFF) {
            i++;
            continue;
        }
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
            i += 2;
            continue;
        }
        unsigned seg = be16(d + i + 2);
        if (seg < 2 || i + 2 + seg > len)
            return 0;
        if ((m >= 0xC0 && m <= 0xCF) && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (seg < 7)
                return 0;
            unsigned h = be16(d + i + 5), w = be16(d + i + 7);
            if (!w || !h)
                return 0;
            out->mime = "image/jpeg";
            out->width = (int)w;
            out->height = (int)h;
            return 1;
        }
        if (m == 0xDA) /* start of scan before any frame header */
            return 0;
        i += 2 + seg;
    }
    return 0;
}

int sh_image_probe(const unsigned char *data, size_t len, sh_image_info *out, sh_err *err)
{
    if (len == 0)
        return sh_fail(err, SH_EINVAL, "file", "请选择照片 (the request body must be the image)");
    if (probe_jpeg(data, len, out) || probe_png(data, len, out))
        return 0;
    return sh_fail(err, SH_EINVAL, "file", "只接受完整的JPEG或PNG图片 (only complete JPEG or PNG images are accepted)");
}
