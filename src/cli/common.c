#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/dirs.h"
#include "domain/seed.h"

int sh_cli_fail(const char *what, const sh_err *err)
{
    fprintf(stderr, "shian: %s: %s%s%s%s\n", what, err->field[0] ? err->field : "", err->field[0] ? ": " : "",
            err->message, err->code == SH_EINTERNAL && !err->message[0] ? "internal error" : "");
    return 1;
}

int sh_cli_open_db(const sh_config *cfg, sh_db **ret)
{
    sh_err err = {0};
    /* the folder of a SQLite file; a PostgreSQL URL names no folder (it made "postgresql:/…" here) */
    if (strcmp(cfg->db_path, ":memory:") != 0 && !sh_dsn_is_postgres(cfg->db_path) &&
        sh_make_parent_dirs(cfg->db_path, 0750) != 0) {
        fprintf(stderr, "shian: cannot create the folder of %s: %s\n", cfg->db_path, strerror(errno));
        return 1;
    }
    sh_db *db;
    if (sh_db_open(cfg->db_path, &db, &err) != 0)
        return sh_cli_fail("database", &err);
    if (sh_migrate(db, NULL, &err) != 0 || sh_seed_reference_data(db, &err) != 0) {
        sh_db_close(db);
        return sh_cli_fail("migrate", &err);
    }
    *ret = db;
    return 0;
}

const char *sh_cli_opt(int argc, char **argv, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], "--", 2) != 0 || strncmp(argv[i] + 2, name, n) != 0)
            continue;
        const char *rest = argv[i] + 2 + n;
        if (*rest == '=')
            return rest + 1;
        if (*rest == '\0' && i + 1 < argc)
            return argv[i + 1];
    }
    return NULL;
}

int sh_cli_flag(int argc, char **argv, const char *name)
{
    for (int i = 0; i < argc; i++)
        if (strncmp(argv[i], "--", 2) == 0 && strcmp(argv[i] + 2, name) == 0)
            return 1;
    return 0;
}

int sh_cli_read_file(const char *path, sh_buf *out)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f)
        return -1;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        sh_buf_add(out, chunk, n);
    if (f != stdin)
        fclose(f);
    return 0;
}
