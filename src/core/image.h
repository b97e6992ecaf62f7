/* Checks that bytes are a JPEG or PNG image and reads its size, without decoding it: uploads are
 * refused unless they are what they claim to be. */
#ifndef SH_IMAGE_H
#define SH_IMAGE_H

#include <stddef.h>
#include "core/err.h"

typedef struct sh_image_info {
    const char *mime; /* "image/jpeg" or "image/png" */
    int width, height;
} sh_image_info;

int sh_image_probe(const unsigned char *data, size_t len, sh_image_info *out, sh_err *err);

#endif
