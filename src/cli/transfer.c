/* import and export from the command line, acting as the system. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "transfer/transfer.h"

int sh_cmd_import(const sh_config *cfg, int argc, char **argv)
{
    if (argc < 1 || argv[0][0] == '-') {
        fprintf(stderr, "usage: shian import FILE.csv [--dry-run]\n");
        return 2;
    }
    sh_buf data = SH_BUF_INIT;
    if (sh_cli_read_file(argv[0], &data) != 0) {
        perror(argv[0]);
        return 1;
    }
    sh_db *db;
    int rc = sh_cli_open_db(cfg, &db);
    if (rc) {
        sh_buf_release(&data);
        return rc;
    }
    sh_principal sys;
    sh_principal_system(&sys);
    sh_err err = {0};
    json_t *report;
    if (sh_import_csv(db, &sys, sh_buf_str(&data), data.len, sh_cli_flag(argc, argv, "dry-run"), &report, &err) != 0) {
        rc = sh_cli_fail("import", &err);
    } else {
        printf("%lld rows, %lld imported, %zu rejected\n", (long long)json_integer_value(json_object_get(report, "total")),
               (long long)json_integer_value(json_object_get(report, "imported")),
               json_array_size(json_object_get(report, "rejected")));
        size_t i;
        json_t *r;
        json_array_foreach(json_object_get(report, "rejected"), i, r)
            printf("  row %lld  %s: %s\n", (long long)json_integer_value(json_object_get(r, "row")),
                   json_string_value(json_object_get(r, "column")), json_string_value(json_object_get(r, "message")));
        rc = json_array_size(json_object_get(report, "rejected")) ? 3 : 0;
        json_decref(report);
    }
    sh_db_close(db);
    sh_buf_release(&data);
    return rc;
}

int sh_cmd_export(const sh_config *cfg, int argc, char **argv)
{
    const char *format = sh_cli_opt(argc, argv, "format");
    const char *out_path = sh_cli_opt(argc, argv, "out");
    int xlsx = format && !strcmp(format, "xlsx");
    if (format && !xlsx && strcmp(format, "csv")) {
        fprintf(stderr, "shian: --format must be csv or xlsx\n");
        return 2;
    }
    sh_entity_filter f = {.township = sh_cli_opt(argc, argv, "township"), .kind = sh_cli_opt(argc, argv, "kind"),
                          .status = sh_cli_opt(argc, argv, "status"), .limit = 500};
    sh_db *db;
    int rc = sh_cli_open_db(cfg, &db);
    if (rc)
        return rc;
    sh_principal sys;
    sh_principal_system(&sys);
    sh_err err = {0};
    sh_buf out = SH_BUF_INIT;
    if ((xlsx ? sh_export_xlsx(db, &sys, &f, &out, &err) : sh_export_csv(db, &sys, &f, &out, &err)) != 0) {
        rc = sh_cli_fail("export", &err);
    } else {
        FILE *fp = out_path ? fopen(out_path, "wb") : stdout;
        if (!fp || fwrite(out.data, 1, out.len, fp) != out.len) {
            perror(out_path ? out_path : "stdout");
            rc = 1;
        }
        if (fp && fp != stdout)
            fclose(fp);
    }
    sh_buf_release(&out);
    sh_db_close(db);
    return rc;
}
