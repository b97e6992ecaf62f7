#include "core/tar.h"

#include <stdio.h>
#include <string.h>

/* ustar field offsets and lengths */
enum { NAME = 0, MODE = 100, UID = 108, GID = 116, SIZE = 124, MTIME = 136, CHKSUM = 148, TYPE = 156,
       MAGIC = 257, VERSION = 263 };

static void octal(unsigned char *field, size_t len, uint64_t v)
{
    /* len - 1 digits, zero-padded, then NUL */
    for (size_t i = len - 1; i-- > 0; v >>= 3)
        field[i] = (unsigned char)('0' + (v & 7));
    field[len - 1] = '\0';
}

static unsigned checksum(const unsigned char *b)
{
    unsigned sum = 0;
    for (int i = 0; i < SH_TAR_BLOCK; i++)
        sum += i >= CHKSUM && i < CHKSUM + 8 ? ' ' : b[i];
    return sum;
}

int sh_tar_name_safe(const char *name)
{
    if (!*name || *name == '/')
        return 0;
    for (const char *p = name; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            return 0;
        p += n;
        if (*p == '/')
            p++;
        else
            break;
    }
    return name[strlen(name) - 1] != '/';
}

int sh_tar_header(unsigned char block[SH_TAR_BLOCK], const char *name, uint64_t size, int64_t mtime, sh_err *err)
{
    size_t n = strlen(name);
    if (n > 100 || !sh_tar_name_safe(name))
        return sh_fail(err, SH_EINVAL, "name", "'%s' is not a relative path of at most 100 bytes", name);
    memset(block, 0, SH_TAR_BLOCK);
    memcpy(block + NAME, name, n);
    octal(block + MODE, 8, 0640);
    octal(block + UID, 8, 0);
    octal(block + GID, 8, 0);
    if (size < (1ULL << 33)) {
        octal(block + SIZE, 12, size);
    } else { /* GNU base-256: the high bit of the first byte, the value big-endian */
        block[SIZE] = 0x80;
        for (int i = 11; i > 3; i--, size >>= 8)
            block[SIZE + i] = (unsigned char)(size & 0xff);
    }
    octal(block + MTIME, 12, mtime > 0 ? (uint64_t)mtime : 0);
    block[TYPE] = '0';
    memcpy(block + MAGIC, "ustar", 6);
    memcpy(block + VERSION, "00", 2);
    /* six octal digits, NUL, space: as tar writes it */
    unsigned sum = checksum(block);
    snprintf((char *)block + CHKSUM, 8, "%06o", sum);
    block[CHKSUM + 7] = ' ';
    return 0;
}

static int read_octal(const unsigned char *field, size_t len, uint64_t *out)
{
    uint64_t v = 0;
    size_t i = 0;
    while (i < len && field[i] == ' ')
        i++;
    size_t digits = 0;
    for (; i < len && field[i] >= '0' && field[i] <= '7'; i++, digits++)
        v = (v << 3) | (uint64_t)(field[i] - '0');
    for (; i < len; i++)
        if (field[i] != '\0' && field[i] != ' ')
            return -1;
    if (!digits)
        return -1;
    *out = v;
    return 0;
}

static int read_size(const unsigned char *field, uint64_t *out)
{
    if (!(field[0] & 0x80))
        return read_octal(field, 12, out);
    if (field[0] != 0x80 || field[1] || field[2] || field[3])
        return -1; /* negative, or beyond 64 bits */
    uint64_t v = 0;
    for (int i = 4; i < 12; i++)
        v = (v << 8) | field[i];
    *out = v;
    return 0;
}

int sh_tar_parse(const unsigned char block[SH_TAR_BLOCK], sh_tar_entry *out, sh_err *err)
{
    int zero = 1;
    for (int i = 0; i < SH_TAR_BLOCK && zero; i++)
        zero = block[i] == 0;
    if (zero)
        return 1;
    uint64_t sum, size, mtime;
    /* the checksum field is the one part the sum leaves out: read strictly as written ("%06o", NUL,
     * space), so that no byte of a header can change unnoticed */
    sum = 0;
    for (int i = 0; i < 6; i++)
        sum = block[CHKSUM + i] >= '0' && block[CHKSUM + i] <= '7' ? sum << 3 | (uint64_t)(block[CHKSUM + i] - '0') : UINT64_MAX;
    if (block[CHKSUM + 6] != '\0' || block[CHKSUM + 7] != ' ' || sum != checksum(block))
        return sh_fail(err, SH_EINVAL, "archive", "a header's checksum does not match (the file is damaged)");
    if (memcmp(block + MAGIC, "ustar", 5) != 0)
        return sh_fail(err, SH_EINVAL, "archive", "not a ustar archive");
    if (block[TYPE] != '0' && block[TYPE] != '\0')
        return sh_fail(err, SH_EINVAL, "archive", "an entry that is not a regular file (type '%c')", block[TYPE]);
    if (read_size(block + SIZE, &size) != 0 || read_octal(block + MTIME, 12, &mtime) != 0)
        return sh_fail(err, SH_EINVAL, "archive", "a header's size or time is not a number");
    if (block[345]) /* ustar's name prefix: a backup's names fit in 100 bytes */
        return sh_fail(err, SH_EINVAL, "archive", "an entry's name is longer than a backup writes");
    memcpy(out->name, block + NAME, 100);
    out->name[100] = '\0';
    if (!sh_tar_name_safe(out->name))
        return sh_fail(err, SH_EINVAL, "archive", "an entry's name is not a plain relative path");
    out->size = size;
    out->mtime = (int64_t)mtime;
    return 0;
}

size_t sh_tar_padding(uint64_t size)
{
    return (size_t)((SH_TAR_BLOCK - size % SH_TAR_BLOCK) % SH_TAR_BLOCK);
}
