/* shian settings: the bureau's settings (working days to rectify, patrols a week, …), listed and
 * changed by an operator, audited as the system. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/base/settings_edit.h"

int sh_cmd_settings(const sh_config *cfg, int argc, char **argv)
{
    int list = argc == 1 && !strcmp(argv[0], "list"), set = argc == 3 && !strcmp(argv[0], "set");
    if (!list && !set) {
        fprintf(stderr, "usage: shian settings list | shian settings set KEY VALUE\n");
        return 2;
    }
    sh_db *db;
    int rc = sh_cli_open_db(cfg, &db);
    if (rc)
        return rc;
    sh_err err = {0};
    if (list) {
        json_t *items = NULL, *it;
        size_t i;
        rc = sh_settings_list(db, &items, &err);
        json_array_foreach(items, i, it)
            printf("%s\t%s\n", json_string_value(json_object_get(it, "key")), json_string_value(json_object_get(it, "value")));
        json_decref(items);
    } else {
        sh_principal system;
        sh_principal_system(&system);
        rc = sh_setting_change(db, &system, argv[1], argv[2], &err);
    }
    sh_db_close(db);
    return rc ? sh_cli_fail("settings", &err) : 0;
}
