/* Checks that bytes are a complete JPEG or PNG image and reads its size, without decoding it: uploads
 * are refused unless they are what they claim to be, within a pixel cap, with as much coded data as
 * the declared size needs (image.c); sh_image_decode then decodes it (image_decode.c). */
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

/* A real decode of bytes sh_image_probe has accepted, `probed` being what it read (image_decode.c:
 * JPEG at 1/8 scale, PNG row by row): SH_EINVAL naming "file" when the coded data does not decode.
 * Called before a file is stored. */
int sh_image_decode(const unsigned char *data, size_t len, const sh_image_info *probed, sh_err *err);

#endif
