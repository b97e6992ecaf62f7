/* Reference data shipped with the platform (data/): holiday calendars, default checklists.
 * Compiled in from the files by scripts/embed-data.sh. */
#ifndef SH_DATA_H
#define SH_DATA_H

struct sh_data_file {
    const char *path; /* "data/holidays-cn.csv" */
    const char *text;
};
extern const struct sh_data_file sh_data_files[]; /* ends with {NULL, NULL} */

/* Text of a data file by its path, or NULL. */
const char *sh_data_file(const char *path);

/* Calls fn for each non-empty line that does not start with '#', split at commas into at most
 * max_fields fields (the line buffer is modified); returns the first non-zero fn result. */
int sh_data_each_row(const char *text, int max_fields, int (*fn)(char **fields, int n, void *ctx), void *ctx);

#endif
