/* shian backup --out FILE, shian restore FILE (transfer/backup.h). */
#include <stdio.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "transfer/backup.h"

int sh_cmd_backup(const sh_config *cfg, int argc, char **argv)
{
    const char *out = sh_cli_opt(argc, argv, "out");
    if (!out || !*out) {
        fprintf(stderr, "usage: shian backup --out FILE   (while the server runs; FILE must not exist)\n");
        return 2;
    }
    umask(027); /* the backup holds every row */
    sh_err err = {0};
    json_t *manifest = NULL;
    if (sh_backup_create(cfg->db_path, cfg->files_dir, out, stderr, &manifest, &err) != 0)
        return sh_cli_fail("backup", &err);
    int64_t rows = 0;
    const char *name;
    json_t *v;
    json_object_foreach(json_object_get(manifest, "tables"), name, v)
        rows += json_integer_value(v);
    printf("backup %s: schema %d, %zu tables, %lld rows, %zu attachments\n", out,
           (int)json_integer_value(json_object_get(manifest, "schema_version")), json_object_size(json_object_get(manifest, "tables")),
           (long long)rows, json_array_size(json_object_get(manifest, "attachments")));
    json_decref(manifest);
    return 0;
}

int sh_cmd_restore(const sh_config *cfg, int argc, char **argv)
{
    if (argc != 1 || argv[0][0] == '-') {
        fprintf(stderr, "usage: shian restore FILE   (onto an empty install: db_path without data, the server stopped)\n");
        return 2;
    }
    umask(027);
    sh_err err = {0};
    if (sh_backup_restore(argv[0], cfg->db_path, cfg->files_dir, stdout, &err) != 0)
        return sh_cli_fail("restore", &err);
    printf("restored onto %s and %s\n", cfg->db_path, cfg->files_dir);
    return 0;
}
