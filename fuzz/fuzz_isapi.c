/* Hikvision ISAPI alarm pushes (adapters/isapi.c): XML or JSON, whatever a camera on the network sends. */
#include "adapters/isapi.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sh_isapi_event ev;
    sh_err err = {0};
    memset(&ev, 0, sizeof ev);
    if (sh_isapi_parse((const char *)data, size, &ev, &err) == 0) {
        sh_observation_in in;
        sh_isapi_observation(&ev, &in);
    }
    return 0;
}
