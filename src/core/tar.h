/* tar headers (POSIX ustar, 512-byte blocks): the container of a backup, so that `tar tf` lists it
 * and `tar xf` unpacks it by hand. Only what a backup needs: regular files, names up to 100 bytes,
 * sizes beyond 8 GiB in GNU's base-256 form. Pure functions; the caller does the I/O. */
#ifndef SH_TAR_H
#define SH_TAR_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define SH_TAR_BLOCK 512

typedef struct sh_tar_entry {
    char name[101];
    uint64_t size;
    int64_t mtime; /* seconds since the epoch */
} sh_tar_entry;

/* Fills block with the header of a regular file (mode 0640, owner 0). SH_EINVAL when the name is
 * empty, longer than 100 bytes, or not a plain relative path. */
int sh_tar_header(unsigned char block[SH_TAR_BLOCK], const char *name, uint64_t size, int64_t mtime, sh_err *err);

/* Reads a header: 1 for the end of the archive (a block of zeros), 0 with *out for a file, or
 * SH_EINVAL (a bad checksum, not ustar, not a regular file, an unsafe name). */
int sh_tar_parse(const unsigned char block[SH_TAR_BLOCK], sh_tar_entry *out, sh_err *err);

/* Zero bytes after size bytes of content, up to the next block. */
size_t sh_tar_padding(uint64_t size);

/* Whether name is a plain relative path: no leading '/', no "." or ".." part, no empty part. */
int sh_tar_name_safe(const char *name);

#endif
