#include "core/data.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

const char *sh_data_file(const char *path)
{
    for (const struct sh_data_file *f = sh_data_files; f->path; f++)
        if (strcmp(f->path, path) == 0)
            return f->text;
    return NULL;
}

int sh_data_each_row(const char *text, int max_fields, int (*fn)(char **fields, int n, void *ctx), void *ctx)
{
    int rc = 0;
    while (text && *text && rc == 0) {
        size_t len = strcspn(text, "\n");
        char *line = sh_xstrndup(text, len);
        text += len + (text[len] == '\n');
        if (line[0] && line[0] != '#') {
            char *fields[32];
            int n = 0;
            char *p = line;
            if (max_fields > 32)
                max_fields = 32;
            while (n < max_fields) {
                fields[n++] = p;
                char *comma = n < max_fields ? strchr(p, ',') : NULL;
                if (!comma)
                    break;
                *comma = '\0';
                p = comma + 1;
            }
            rc = fn(fields, n, ctx);
        }
        free(line);
    }
    return rc;
}
