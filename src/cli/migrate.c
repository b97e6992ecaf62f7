/* shian migrate: applies the migrations; with --to=postgresql://… moves the county from its SQLite
 * file into an empty PostgreSQL database and verifies the copy; --verify only compares the two. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "transfer/dbcopy.h"

static void print_progress(const char *table, int64_t done, int64_t total, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "\r  copying %s %lld/%lld", table, (long long)done, (long long)total);
    if (done >= total)
        fputc('\n', stderr);
}

/* The table of the verification; the names of the tables that differ go to stderr. */
static void print_report(const sh_dbcopy_plan *p, int differ)
{
    int64_t rows = 0;
    printf("%-34s %12s %12s  %s\n", "table", "rows sqlite", "rows pg", "checksum");
    for (int i = 0; i < p->n; i++) {
        const sh_dbcopy_table *t = &p->t[i];
        int same = !memcmp(t->sum_src, t->sum_dst, sizeof t->sum_src);
        printf("%-34s %12lld %12lld  %s\n", t->name, (long long)t->rows_src, (long long)t->rows_dst,
               same ? "equal" : "DIFFERENT");
        rows += t->rows_src;
    }
    for (int i = 0; i < p->nskipped; i++)
        printf("%-34s %12s %12s  not copied: SQLite's search index (PostgreSQL has its own)\n", p->skipped[i], "-", "-");
    if (!differ) {
        printf("verified: %d tables, %lld rows, equal row counts and checksums on both sides\n", p->n, (long long)rows);
        return;
    }
    fprintf(stderr, "shian: migrate: %d table%s differ%s:", differ, differ == 1 ? "" : "s", differ == 1 ? "s" : "");
    for (int i = 0; i < p->n; i++) {
        const sh_dbcopy_table *t = &p->t[i];
        if (t->rows_src != t->rows_dst || memcmp(t->sum_src, t->sum_dst, sizeof t->sum_src))
            fprintf(stderr, " %s (%lld/%lld rows%s)", t->name, (long long)t->rows_src, (long long)t->rows_dst,
                    t->rows_src == t->rows_dst ? ", content" : "");
    }
    fputc('\n', stderr);
}

/* The two databases at one schema version: the target is migrated first unless only verifying. */
static int same_version(sh_db *src, sh_db *dst, int migrate, sh_err *err)
{
    int vs = 0, vd = 0, rc = migrate ? sh_migrate(dst, NULL, err) : 0;
    if (rc == 0)
        rc = sh_schema_version(src, &vs, err);
    if (rc == 0)
        rc = sh_schema_version(dst, &vd, err);
    if (rc == 0 && vs != vd)
        rc = sh_fail(err, SH_EINVAL, "to", "两库结构版本不同 (the schema versions differ: source %d, target %d)", vs, vd);
    return rc;
}

static int move_county(sh_db *src, sh_db *dst, int verify_only)
{
    sh_err err = {0};
    sh_dbcopy_plan plan = {0};
    /* one snapshot of the source for the copy and its check, should a server still write to it */
    int rc = same_version(src, dst, !verify_only, &err);
    if (rc == 0)
        rc = sh_db_begin_read(src, &err);
    if (rc == 0)
        rc = sh_dbcopy_plan_make(src, dst, &plan, &err);
    if (rc == 0 && !verify_only && (rc = sh_dbcopy_target_empty(dst, &err)) == 0)
        rc = sh_dbcopy_copy(src, dst, &plan, print_progress, NULL, &err);
    int differ = rc == 0 ? sh_dbcopy_verify(src, dst, &plan, &err) : rc;
    sh_db_rollback(src);
    if (differ < 0) {
        sh_dbcopy_plan_free(&plan);
        return sh_cli_fail(verify_only ? "migrate --verify" : "migrate", &err);
    }
    print_report(&plan, differ);
    sh_dbcopy_plan_free(&plan);
    if (!verify_only && !differ)
        printf("files_dir (attachments, snapshots, reports) is not in the database: copy it to the new server "
               "separately, or keep it on shared storage\n");
    return differ ? 1 : 0;
}

static int migrate_to(const sh_config *cfg, const char *to, int verify_only)
{
    if (sh_dsn_is_postgres(cfg->db_path)) {
        fprintf(stderr, "shian: migrate: the source (db_path) must be a SQLite file, not a PostgreSQL database\n");
        return 2;
    }
    if (!sh_dsn_is_postgres(to)) {
        fprintf(stderr, "shian: migrate: --to must name a PostgreSQL database (postgresql://user@host/db), not %s\n", to);
        return 2;
    }
    const char *file = strncmp(cfg->db_path, "sqlite:", 7) ? cfg->db_path : cfg->db_path + 7;
    if (access(file, R_OK) != 0) {
        fprintf(stderr, "shian: migrate: no SQLite database at %s (db_path)\n", file);
        return 2;
    }
    sh_db *src, *dst;
    int rc = sh_cli_open_db(cfg, &src);
    if (rc)
        return rc;
    sh_err err = {0};
    if (sh_db_open(to, &dst, &err) != 0) {
        sh_db_close(src);
        return sh_cli_fail("migrate --to", &err);
    }
    rc = move_county(src, dst, verify_only);
    sh_db_close(dst);
    sh_db_close(src);
    return rc;
}

int sh_cmd_migrate(const sh_config *cfg, int argc, char **argv)
{
    const char *to = sh_cli_opt(argc, argv, "to");
    int verify_only = sh_cli_flag(argc, argv, "verify");
    if (to)
        return migrate_to(cfg, to, verify_only);
    if (verify_only) {
        fprintf(stderr, "shian: migrate --verify compares with a PostgreSQL copy: give it --to=postgresql://…\n");
        return 2;
    }
    sh_db *db;
    int rc = sh_cli_open_db(cfg, &db);
    if (rc)
        return rc;
    int version = 0;
    sh_err err = {0};
    sh_schema_version(db, &version, &err);
    printf("database %s at schema version %d\n", cfg->db_path, version);
    sh_db_close(db);
    return 0;
}
