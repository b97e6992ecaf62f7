/* Driver-independent helpers and the migration runner. */
#include <stdio.h>
#include <stdlib.h>

#include "core/log.h"
#include "core/timeutil.h"
#include "store/driver.h"
#include "store/store.h"

int sh_db_query_int64(sh_db *db, const char *sql, int64_t def, int64_t *out, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    *out = rc == SH_ROW && !sh_col_is_null(st, 0) ? sh_col_int64(st, 0) : def;
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

void sh_bind_int64_or_null(sh_stmt *st, int idx, int64_t v)
{
    if (v)
        sh_bind_int64(st, idx, v);
    else
        sh_bind_null(st, idx);
}

void sh_bind_text_or_null(sh_stmt *st, int idx, const char *s)
{
    sh_bind_text(st, idx, s && *s ? s : NULL);
}

int sh_stmt_run(sh_stmt *st, sh_err *err)
{
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_stmt_insert_id(sh_stmt *st, int64_t *ret_id, sh_err *err)
{
    *ret_id = 0;
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret_id = sh_col_int64(st, 0);
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_db_finish(sh_db *db, int rc, sh_err *err)
{
    if (rc == 0)
        rc = sh_db_commit(db, err);
    if (rc != 0)
        sh_db_rollback(db);
    return rc;
}

int sh_db_join(sh_db *db, int *own, sh_err *err)
{
    *own = !sh_db_in_transaction(db);
    return *own ? sh_db_begin(db, err) : 0;
}

int sh_db_leave(sh_db *db, int own, int rc, sh_err *err) { return own ? sh_db_finish(db, rc, err) : rc; }

int sh_schema_version(sh_db *db, int *out, sh_err *err)
{
    int rc = sh_db_exec(db,
                        "CREATE TABLE IF NOT EXISTS schema_migrations("
                        " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
                        err);
    if (rc)
        return rc;
    int64_t v;
    rc = sh_db_query_int64(db, "SELECT max(version) FROM schema_migrations", 0, &v, err);
    *out = (int)v;
    return rc;
}

/* Applies one migration and records it, inside the caller's transaction. */
static int apply_one(sh_db *db, const struct sh_migration *m, sh_err *err)
{
    char *own = NULL; /* the engine's own form of the file, when its driver has one */
    if (db->drv->migration_sql && !(own = db->drv->migration_sql(db, m, err)))
        return SH_EINTERNAL;
    int rc = sh_db_exec(db, own ? own : m->sql, err);
    free(own);
    if (rc != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)", err);
    if (st) {
        sh_bind_int64(st, 1, m->version);
        sh_bind_text(st, 2, m->name);
        sh_bind_int64(st, 3, sh_now_ms());
    }
    return sh_stmt_run(st, err);
}

/* All or nothing: every pending migration runs in one write transaction (SQLite's DDL is
 * transactional), so an upgrade that fails part way leaves the database as it was, at the version
 * the previous release can still open; the error names the migration that failed. */
int sh_migrate(sh_db *db, int *applied, sh_err *err)
{
    int current, rc, n = 0;
    if (applied)
        *applied = 0;
    if ((rc = sh_schema_version(db, &current, err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    for (int i = 0; i < sh_migrations_count; i++) {
        const struct sh_migration *m = &sh_migrations[i];
        if (m->version <= current)
            continue;
        if ((rc = apply_one(db, m, err)) != 0) {
            sh_db_rollback(db);
            if (err)
                snprintf(err->field, sizeof err->field, "migration %03d %s", m->version, m->name);
            sh_error("migration %03d %s failed: %s; nothing applied, the database stays at version %d", m->version,
                     m->name, err ? err->message : "", current);
            return rc;
        }
        n++;
    }
    if ((rc = sh_db_commit(db, err)) != 0) {
        sh_db_rollback(db);
        return rc;
    }
    if (n)
        sh_info("applied %d migrations: version %d to %d", n, current, sh_migrations[sh_migrations_count - 1].version);
    if (applied)
        *applied = n;
    return 0;
}
