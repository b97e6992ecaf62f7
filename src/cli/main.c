/* shian: the platform's single binary. `shian help` lists the verbs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "domain/domain.h"
#include "domain/identity/auth.h"
#include "domain/identity/secret.h"
#include "domain/ledger/checkpoint.h"

static void usage(void)
{
    puts("shian — food-safety supervision platform\n"
         "\n"
         "usage: shian <verb> [options] [--setting=value ...]\n"
         "\n"
         "verbs:\n"
         "  serve [--demo-if-empty] [--demo-devices]\n"
         "                                start the web console and API (--demo-devices: the demo county's\n"
         "                                simulated cameras send heartbeats, for showing the demo)\n"
         "  migrate                       apply database migrations\n"
         "  migrate --to=postgresql://USER@HOST/DB [--verify]\n"
         "                                move the county from its SQLite file (db_path) into an empty\n"
         "                                PostgreSQL database, then compare rows and checksums of every\n"
         "                                table (--verify: only compare); files_dir is copied separately\n"
         "  demo [--seed N] [--entities N] [--townships N] [--grids N] [--reports=0]\n"
         "                                create a demo county in an empty database (--reports=0: without\n"
         "                                its two PDF/Excel reports, as the tests' servers start)\n"
         "  user add USERNAME --role ROLE --name NAME [--division CODE] [--grid ID] [--entity ID]\n"
         "                    [--phone P] [--password P]   (password also from SHIAN_PASSWORD or stdin)\n"
         "  user passwd USERNAME [--password P]\n"
         "  user list\n"
         "  token create USERNAME NAME [--days=N]  API token for a device acting as USERNAME\n"
         "  import FILE.csv [--dry-run]   import businesses (as the system)\n"
         "  export [--format csv|xlsx] [--out FILE] [--township CODE] [--kind K] [--status S]\n"
         "  risk regrade                  recompute every business's risk grade A-D\n"
         "  sweep                         run the server's periodic sweep once: overdue orders escalated,\n"
         "                                silent cameras marked offline\n"
         "  calendar import FILE.csv --year YYYY --source TEXT\n"
         "                                load the State Council's holiday notice of a year (lines\n"
         "                                date,holiday|workday,name); replaces that year's notice\n"
         "  limits import categories|analytes|limits FILE.csv   full limit tables (layout of data/sampling/)\n"
         "  limits list [--analyte CODE] [--food_category CODE]\n"
         "  calendar show [YYYY]          the year's notice, fixed holidays and working days (JSON)\n"
         "  settings list                 the bureau's settings (key, value)\n"
         "  settings set KEY VALUE        change one, audited as the system\n"
         "  backup --out FILE             the database (an online snapshot) and its attachments in one file,\n"
         "                                with a manifest of rows per table and SHA-256s; while the server runs\n"
         "  restore FILE                  a backup onto an empty install (db_path, files_dir), then checks\n"
         "                                rows per table and every attachment's SHA-256\n"
         "  ledger checkpoint|key         sign a checkpoint of the log now; print its verifier key\n"
         "  ledger verify ...             check a proof or a .tlog-proof file offline, or the whole log with --db\n"
         "  ledger witness-init|witness   make a witness key; cosign the log's checkpoint once it is consistent\n"
         "  config                        list every setting\n"
         "\n"
         "roles: admin county township village inspector sampler business\n");
    sh_config_usage();
}

int main(int argc, char **argv)
{
    sh_config cfg;
    sh_err err = {0};
    sh_config_defaults(&cfg);
    const char *conf = getenv("SHIAN_CONFIG");
    if ((conf && sh_config_load_file(&cfg, conf, &err) != 0) || sh_config_load_env(&cfg, &err) != 0 ||
        sh_config_load_args(&cfg, &argc, argv, &err) != 0)
        return sh_cli_fail("configuration", &err);
    enum sh_log_level lvl;
    if (sh_log_parse_level(cfg.log_level, &lvl) == 0)
        sh_log_set_level(lvl);
    sh_password_params(cfg.pwhash_ops, cfg.pwhash_mem);
    sh_secret_use_key_file(cfg.secret_key_file);
    sh_ledger_use_origin(cfg.ledger_origin);
    sh_clock_pin_text(cfg.now); /* validated with the setting */
    if (sh_domain_init() != 0) { /* the areas' hooks, before any thread starts */
        fprintf(stderr, "shian: cannot register the domain's hooks\n");
        return 1;
    }

    if (argc < 2 || !strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    const char *verb = argv[1];
    argc -= 2;
    argv += 2;
    if (!strcmp(verb, "serve")) return sh_cmd_serve(&cfg, argc, argv);
    if (!strcmp(verb, "migrate")) return sh_cmd_migrate(&cfg, argc, argv);
    if (!strcmp(verb, "demo")) return sh_cmd_demo(&cfg, argc, argv);
    if (!strcmp(verb, "user")) return sh_cmd_user(&cfg, argc, argv);
    if (!strcmp(verb, "token")) return sh_cmd_token(&cfg, argc, argv);
    if (!strcmp(verb, "import")) return sh_cmd_import(&cfg, argc, argv);
    if (!strcmp(verb, "export")) return sh_cmd_export(&cfg, argc, argv);
    if (!strcmp(verb, "risk")) return sh_cmd_risk(&cfg, argc, argv);
    if (!strcmp(verb, "sweep")) return sh_cmd_sweep(&cfg, argc, argv);
    if (!strcmp(verb, "calendar")) return sh_cmd_calendar(&cfg, argc, argv);
    if (!strcmp(verb, "limits")) return sh_cmd_limits(&cfg, argc, argv);
    if (!strcmp(verb, "settings")) return sh_cmd_settings(&cfg, argc, argv);
    if (!strcmp(verb, "backup")) return sh_cmd_backup(&cfg, argc, argv);
    if (!strcmp(verb, "restore")) return sh_cmd_restore(&cfg, argc, argv);
    if (!strcmp(verb, "ledger")) return sh_cmd_ledger(&cfg, argc, argv);
    if (!strcmp(verb, "config")) {
        sh_config_usage();
        return 0;
    }
    fprintf(stderr, "shian: unknown verb '%s' (see 'shian help')\n", verb);
    return 2;
}
