/* user add / passwd / list, token create. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/identity/auth.h"
#include "domain/identity/tokens.h"

/* Password from --password, SHIAN_PASSWORD or one line of standard input. */
static const char *read_password(int argc, char **argv, char *buf, size_t n)
{
    const char *p = sh_cli_opt(argc, argv, "password");
    if (!p)
        p = getenv("SHIAN_PASSWORD");
    if (p)
        return p;
    fprintf(stderr, "password: ");
    if (!fgets(buf, (int)n, stdin))
        return NULL;
    buf[strcspn(buf, "\r\n")] = '\0';
    return buf;
}

static int user_add(sh_db *db, int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: shian user add USERNAME --role ROLE --name NAME [--division CODE] [--grid ID] [--entity ID]\n");
        return 2;
    }
    sh_user_input in = {0};
    in.username = argv[1];
    const char *role = sh_cli_opt(argc, argv, "role");
    if (!role || sh_role_parse(role, &in.role) != 0) {
        fprintf(stderr, "shian: --role must be one of admin county township village inspector sampler business\n");
        return 2;
    }
    in.display_name = sh_cli_opt(argc, argv, "name");
    if (!in.display_name)
        in.display_name = in.username;
    in.division_code = sh_cli_opt(argc, argv, "division");
    in.phone = sh_cli_opt(argc, argv, "phone");
    const char *g = sh_cli_opt(argc, argv, "grid"), *e = sh_cli_opt(argc, argv, "entity");
    in.grid_id = g ? strtoll(g, NULL, 10) : 0;
    in.entity_id = e ? strtoll(e, NULL, 10) : 0;
    char buf[256];
    in.password = read_password(argc, argv, buf, sizeof buf);
    if (!in.password) {
        fprintf(stderr, "shian: no password given\n");
        return 2;
    }
    sh_principal sys;
    sh_principal_system(&sys);
    sh_err err = {0};
    int64_t id;
    if (sh_db_begin(db, &err) != 0 || sh_user_add(db, &sys, &in, &id, &err) != 0 || sh_db_commit(db, &err) != 0) {
        sh_db_rollback(db);
        return sh_cli_fail("user add", &err);
    }
    printf("user %s created (id %lld, role %s)\n", in.username, (long long)id, sh_role_name(in.role));
    return 0;
}

static int user_passwd(sh_db *db, int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: shian user passwd USERNAME [--password P]\n");
        return 2;
    }
    char buf[256];
    const char *pw = read_password(argc, argv, buf, sizeof buf);
    if (!pw)
        return 2;
    sh_principal sys;
    sh_principal_system(&sys);
    sh_err err = {0};
    if (sh_db_begin(db, &err) != 0 || sh_user_set_password(db, &sys, argv[1], pw, &err) != 0 || sh_db_commit(db, &err) != 0) {
        sh_db_rollback(db);
        return sh_cli_fail("user passwd", &err);
    }
    printf("password of %s changed; its sessions were ended\n", argv[1]);
    return 0;
}

static int user_list(sh_db *db)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT u.id, u.username, u.display_name, u.role, coalesce(u.division_code, ''),"
                                " coalesce(g.code, ''), coalesce(u.entity_id, ''), u.disabled"
                                " FROM users u LEFT JOIN grids g ON g.id = u.grid_id ORDER BY u.id",
                                NULL);
    if (!st)
        return 1;
    printf("%-6s %-20s %-24s %-10s %-13s %-14s %-8s\n", "id", "username", "name", "role", "division", "grid", "entity");
    while (sh_stmt_step(st, NULL) == SH_ROW)
        printf("%-6lld %-20s %-24s %-10s %-13s %-14s %-8s%s\n", (long long)sh_col_int64(st, 0), sh_col_text(st, 1),
               sh_col_text(st, 2), sh_col_text(st, 3), sh_col_text(st, 4), sh_col_text(st, 5), sh_col_text(st, 6),
               sh_col_int64(st, 7) ? " (disabled)" : "");
    sh_stmt_done(st);
    return 0;
}

int sh_cmd_user(const sh_config *cfg, int argc, char **argv)
{
    if (argc < 1) {
        fprintf(stderr, "usage: shian user add|passwd|list ...\n");
        return 2;
    }
    sh_db *db;
    int rc = sh_cli_open_db(cfg, &db);
    if (rc)
        return rc;
    if (!strcmp(argv[0], "add"))
        rc = user_add(db, argc, argv);
    else if (!strcmp(argv[0], "passwd"))
        rc = user_passwd(db, argc, argv);
    else if (!strcmp(argv[0], "list"))
        rc = user_list(db);
    else {
        fprintf(stderr, "shian: unknown 'user %s' (add, passwd, list)\n", argv[0]);
        rc = 2;
    }
    sh_db_close(db);
    return rc;
}

int sh_cmd_token(const sh_config *cfg, int argc, char **argv)
{
    /* token create USERNAME NAME [--days=N] */
    const char *pos[3] = {0};
    int npos = 0, days = SH_TOKEN_DEFAULT_DAYS;
    for (int i = 0; i < argc; i++) {
        if (!strncmp(argv[i], "--days", 6)) {
            const char *v = argv[i][6] == '=' ? argv[i] + 7 : argv[i][6] == '\0' && i + 1 < argc ? argv[++i] : NULL;
            char *end;
            long d = v ? strtol(v, &end, 10) : 0;
            if (!v || *end || d < 1 || d > SH_TOKEN_MAX_DAYS) {
                fprintf(stderr, "token: --days must be 1-%d\n", SH_TOKEN_MAX_DAYS);
                return 2;
            }
            days = (int)d;
        } else if (npos < 3) {
            pos[npos++] = argv[i];
        } else {
            npos++;
        }
    }
    if (npos != 3 || strcmp(pos[0], "create") != 0) {
        fprintf(stderr, "usage: shian token create USERNAME NAME [--days=N]   (default %d days)\n", SH_TOKEN_DEFAULT_DAYS);
        return 2;
    }
    sh_db *db;
    int rc = sh_cli_open_db(cfg, &db);
    if (rc)
        return rc;
    sh_err err = {0};
    sh_principal who, system;
    sh_principal_system(&system);
    int64_t uid = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT id FROM users WHERE username = ?", &err);
    if (st) {
        sh_bind_text(st, 1, pos[1]);
        if (sh_stmt_step(st, &err) == SH_ROW)
            uid = sh_col_int64(st, 0);
        sh_stmt_done(st);
    }
    char token[65];
    if (!uid)
        rc = sh_cli_fail("token", &(sh_err){SH_ENOTFOUND, "username", "no such user"});
    else if (sh_principal_load(db, uid, &who, &err) != 0 ||
             sh_api_token_create(db, &system, &who, pos[2], days, token, NULL, &err) != 0)
        rc = sh_cli_fail("token", &err);
    else
        printf("%s\n", token);
    sh_db_close(db);
    return rc;
}
