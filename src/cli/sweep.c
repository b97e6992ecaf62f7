/* shian sweep: the server's periodic sweep once, e.g. from cron or a test. */
#include <stdio.h>

#include "cli/cli.h"
#include "jobs/sweep.h"

int sh_cmd_sweep(const sh_config *cfg, int argc, char **argv)
{
    (void)argv;
    if (argc != 0) {
        fprintf(stderr, "usage: shian sweep\n");
        return 2;
    }
    sh_db *db;
    int rc = sh_cli_open_db(cfg, &db);
    if (rc)
        return rc;
    sh_err err = {0};
    rc = sh_sweep_once(db, &err);
    sh_db_close(db);
    return rc ? sh_cli_fail("sweep", &err) : 0;
}
