#include "core/dirs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int sh_make_dirs(const char *path, mode_t mode)
{
    char tmp[1024];
    if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = tmp + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(tmp, mode) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(tmp, mode) != 0 && errno != EEXIST ? -1 : 0;
}

int sh_make_parent_dirs(const char *file, mode_t mode)
{
    char dir[1024];
    if (snprintf(dir, sizeof dir, "%s", file) >= (int)sizeof dir) {
        errno = ENAMETOOLONG;
        return -1;
    }
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    return sh_make_dirs(dir, mode);
}
