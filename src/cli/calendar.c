/* shian calendar: a county loads the State Council's holiday notice of a year from CSV (as the
 * system, audited), or shows a year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/base/calendar.h"

static int usage(void)
{
    fprintf(stderr, "usage: shian calendar import FILE.csv --year YYYY --source TEXT\n"
                    "       shian calendar show [YYYY]\n");
    return 2;
}

static int import_notice(sh_db *db, int argc, char **argv)
{
    const char *year = sh_cli_opt(argc, argv, "year"), *source = sh_cli_opt(argc, argv, "source");
    if (argc < 1 || argv[0][0] == '-' || !year || !source)
        return usage();
    sh_buf text = SH_BUF_INIT;
    if (sh_cli_read_file(argv[0], &text) != 0) {
        fprintf(stderr, "shian: cannot read %s\n", argv[0]);
        return 1;
    }
    sh_err err = {0};
    sh_calendar_day *days = NULL;
    int n = 0;
    int rc = sh_calendar_days_from_csv(sh_buf_str(&text), &days, &n, &err);
    sh_principal system;
    sh_principal_system(&system);
    if (rc == 0)
        rc = sh_calendar_load_notice(db, &system, atoi(year), source, days, n, &err);
    free(days);
    sh_buf_release(&text);
    if (rc)
        return sh_cli_fail("calendar import", &err);
    printf("%s年节假日安排已导入 notice of %s loaded: %d days\n", year, year, n);
    return 0;
}

static int show_year(sh_db *db, int argc, char **argv)
{
    char today[11];
    sh_today(today);
    int year = argc > 0 ? atoi(argv[0]) : atoi(today);
    json_t *out = NULL;
    sh_err err = {0};
    if (sh_calendar_year(db, year, &out, &err) != 0)
        return sh_cli_fail("calendar show", &err);
    char *s = json_dumps(out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    puts(s);
    free(s);
    json_decref(out);
    return 0;
}

int sh_cmd_calendar(const sh_config *cfg, int argc, char **argv)
{
    if (argc < 1)
        return usage();
    const char *what = argv[0];
    if (strcmp(what, "import") && strcmp(what, "show"))
        return usage();
    sh_db *db;
    int rc = sh_cli_open_db(cfg, &db);
    if (rc)
        return rc;
    rc = !strcmp(what, "import") ? import_notice(db, argc - 1, argv + 1) : show_year(db, argc - 1, argv + 1);
    sh_db_close(db);
    return rc;
}
