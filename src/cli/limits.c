/* shian limits: the county loads full limit tables (food categories, analytes, limits) from CSV in
 * the layout of data/sampling/ (CSV), as the system, audited; or lists the limits in force. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/sampling/limits.h"

static int usage(void)
{
    fprintf(stderr, "usage: shian limits import categories|analytes|limits FILE.csv\n"
                    "       shian limits list [--analyte CODE] [--food_category CODE]\n");
    return 2;
}

static int import_table(sh_db *db, int argc, char **argv)
{
    if (argc < 2)
        return usage();
    sh_buf text = SH_BUF_INIT;
    if (sh_cli_read_file(argv[1], &text) != 0) {
        fprintf(stderr, "shian: cannot read %s\n", argv[1]);
        return 1;
    }
    sh_principal system;
    sh_principal_system(&system);
    sh_err err = {0};
    int count = 0;
    int rc = sh_sampling_import(db, &system, argv[0], sh_buf_str(&text), &count, &err);
    sh_buf_release(&text);
    if (rc)
        return sh_cli_fail("limits import", &err);
    printf("已导入%d行 imported %d rows into %s\n", count, count, argv[0]);
    return 0;
}

static int list_limits(sh_db *db, int argc, char **argv)
{
    json_t *out = NULL;
    sh_err err = {0};
    /* page through everything: a list that stops silently would hide limits */
    json_t *all = json_array();
    for (int64_t offset = 0;; offset += 500) {
        if (sh_limits_list(db, sh_cli_opt(argc, argv, "analyte"), sh_cli_opt(argc, argv, "food_category"), 500, offset, &out, &err)) {
            json_decref(all);
            return sh_cli_fail("limits list", &err);
        }
        size_t n = json_array_size(json_object_get(out, "items"));
        json_array_extend(all, json_object_get(out, "items"));
        json_decref(out);
        if (n < 500)
            break;
    }
    char *s = json_dumps(all, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    puts(s);
    free(s);
    json_decref(all);
    return 0;
}

int sh_cmd_limits(const sh_config *cfg, int argc, char **argv)
{
    if (argc < 1 || (strcmp(argv[0], "import") && strcmp(argv[0], "list")))
        return usage();
    sh_db *db;
    int rc = sh_cli_open_db(cfg, &db);
    if (rc)
        return rc;
    rc = !strcmp(argv[0], "import") ? import_table(db, argc - 1, argv + 1) : list_limits(db, argc - 1, argv + 1);
    sh_db_close(db);
    return rc;
}
