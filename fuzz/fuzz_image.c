/* Uploaded pictures (core/image.c, image_decode.c): the structure walk, then the real decode of what it
 * accepted, as attachments and snapshots go through them. */
#include "core/image.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sh_image_info info;
    sh_err err = {0};
    if (sh_image_probe(data, size, &info, &err) == 0)
        sh_image_decode(data, size, &info, &err);
    return 0;
}
