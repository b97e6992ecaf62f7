/* JPEG photos (snapshots, test stills) decoded to packed RGB with libjpeg(-turbo). */
#ifndef SH_VISION_JPEG_H
#define SH_VISION_JPEG_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define SH_JPEG_MAX_SIDE 16384

typedef struct sh_rgb_image {
    int width, height;
    uint8_t *pixels; /* width*height*3 bytes, rows top to bottom; owned (free with sh_rgb_image_free) */
} sh_rgb_image;

/* Decodes a JPEG held in memory. Fails with SH_EINVAL on a corrupt or truncated file or one with
 * a side over SH_JPEG_MAX_SIDE; ret is untouched on failure. */
int sh_jpeg_decode(const unsigned char *data, size_t len, sh_rgb_image *ret, sh_err *err);
/* Reads and decodes a JPEG file. */
int sh_jpeg_read_file(const char *path, sh_rgb_image *ret, sh_err *err);
void sh_rgb_image_free(sh_rgb_image *img);

#endif
