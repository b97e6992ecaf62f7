/* Shared by the libFuzzer targets (fuzz_*.c): the input as a C string, since most parsers read one. */
#ifndef SH_FUZZ_H
#define SH_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* data[0..size) and a NUL, malloc'ed; an embedded NUL ends the string early, as in the callers. */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#endif
