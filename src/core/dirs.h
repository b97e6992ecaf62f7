/* Folders made on demand (mkdir -p). */
#ifndef SH_DIRS_H
#define SH_DIRS_H

#include <sys/types.h>

/* Makes path and every missing folder above it with mode; 0, or -1 with errno. */
int sh_make_dirs(const char *path, mode_t mode);
/* Makes the folder a file path lies in (nothing for a bare name); 0, or -1 with errno. */
int sh_make_parent_dirs(const char *file, mode_t mode);

#endif
