/* Checks that bytes are a complete JPEG or PNG image and reads its size, without decoding it: uploads
 * are refused unless they are what they claim to be, within a pixel cap, with as much coded data as
 * the declared size needs (image.c). */
#ifndef SH_IMAGE_H
#define SH_IMAGE_H

#include <stddef.h>
#include "core/err.h"

#define SH_IMAGE_MAX_PIXELS 40000000 /* 40 megapixels */
#define SH_IMAGE_MAX_SIDE 20000

typedef struct sh_image_info {
    const char *mime; /* "image/jpeg" or "image/png" */
    int width, height;
} sh_image_info;

int sh_image_probe(const unsigned char *data, size_t len, sh_image_info *out, sh_err *err);

#endif
