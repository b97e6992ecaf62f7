/* multipart/mixed bodies (http/multipart.c), as Hikvision NVRs post them. The input's first line is the
 * Content-Type header's value, the rest the body. multipart/form-data is read by libmicrohttpd. */
#include "http/multipart.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    if (!nl)
        return 0;
    char *ct = fuzz_str(data, (size_t)(nl - data));
    sh_multipart m;
    sh_err err = {0};
    memset(&m, 0, sizeof m);
    const char *body = (const char *)nl + 1;
    if (sh_multipart_parse_mixed(body, size - (size_t)(body - (const char *)data), ct, 4096, &m, &err) == 0) {
        const sh_part *p = sh_multipart_get(&m, "file");
        if (p)
            sh_part_is(p, "image/jpeg");
    }
    sh_multipart_release(&m);
    free(ct);
    return 0;
}
