#include "domain/base/settings.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct entry {
    char *key, *value;
} entry;

typedef struct table {
    entry *rows;
    size_t n;
    int64_t version; /* settings_version when it was read, -1 unknown */
} table;

/* The cache. `generation` moves on every invalidation, so that a table loaded while a write
 * happened is used for that one read but not kept. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static table cached;
static int loaded;
static int64_t loaded_at;
static uint64_t generation;
/* a connection that changed settings inside a transaction not yet seen to end: it reads the
 * database itself (it must see its own write; the rest must not see it before the commit) */
static const sh_db *writer_in_tx;

/* The age bound is measured on the monotonic clock, not the clock seam: a pinned SHIAN_NOW must
 * not freeze the cache. */
static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->rows[i].key);
        free(t->rows[i].value);
    }
    free(t->rows);
    t->rows = NULL;
    t->n = 0;
}

static int64_t read_version(sh_db *db)
{
    int64_t v = -1;
    if (sh_db_query_int64(db, "SELECT version FROM settings_version WHERE id = 1", -1, &v, NULL) != 0)
        return -1;
    return v;
}

static int table_load(sh_db *db, table *t)
{
    t->rows = NULL;
    t->n = 0;
    /* the version first: a change landing in between gives a newer table under an older version,
     * which the next check only reloads again, never the reverse */
    t->version = read_version(db);
    sh_stmt *st = sh_db_prepare(db, "SELECT key, value FROM settings", NULL);
    if (!st)
        return -1;
    size_t cap = 0;
    int rc;
    while ((rc = sh_stmt_step(st, NULL)) == SH_ROW) {
        if (t->n == cap) {
            cap = cap ? cap * 2 : 64;
            entry *more = realloc(t->rows, cap * sizeof *more);
            if (!more) {
                rc = -1;
                break;
            }
            t->rows = more;
        }
        t->rows[t->n].key = strdup(sh_col_text(st, 0));
        t->rows[t->n].value = strdup(sh_col_text(st, 1));
        t->n++;
        if (!t->rows[t->n - 1].key || !t->rows[t->n - 1].value) {
            rc = -1;
            break;
        }
    }
    sh_stmt_done(st);
    if (rc < 0) {
        table_free(t);
        return -1;
    }
    return 0;
}

static int table_get(const table *t, const char *key, char *out, size_t n)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->rows[i].key, key)) {
            snprintf(out, n, "%s", t->rows[i].value);
            return 0;
        }
    return -1;
}

static int read_database(sh_db *db, const char *key, char *out, size_t n)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT value FROM settings WHERE key = ?", NULL);
    if (!st)
        return -1;
    sh_bind_text(st, 1, key);
    int found = sh_stmt_step(st, NULL) == SH_ROW;
    if (found)
        snprintf(out, n, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    return found ? 0 : -1;
}

int sh_setting_text(sh_db *db, const char *key, char *out, size_t n)
{
    pthread_mutex_lock(&lock);
    if (writer_in_tx == db) {
        if (sh_db_in_transaction(db)) {
            pthread_mutex_unlock(&lock);
            return read_database(db, key, out, n);
        }
        writer_in_tx = NULL; /* its transaction ended: what it wrote is now for everyone */
        loaded = 0;
        generation++;
    }
    if (loaded && monotonic_ms() - loaded_at < SH_SETTINGS_MAX_AGE_MS) {
        int rc = table_get(&cached, key, out, n);
        pthread_mutex_unlock(&lock);
        return rc;
    }
    uint64_t gen = generation;
    pthread_mutex_unlock(&lock);

    /* loaded outside the lock: a slow database must not hold up readers of a fresh table */
    table fresh;
    if (table_load(db, &fresh) != 0)
        return -1;
    int rc = table_get(&fresh, key, out, n);
    pthread_mutex_lock(&lock);
    if (gen == generation) {
        table_free(&cached);
        cached = fresh;
        loaded = 1;
        loaded_at = monotonic_ms();
        generation++;
    } else {
        table_free(&fresh);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

int sh_setting_int(sh_db *db, const char *key, int def)
{
    char v[32];
    return sh_setting_text(db, key, v, sizeof v) == 0 ? atoi(v) : def;
}

/* The change and the version in one transaction (the caller's, or its own). */
static int write_setting(sh_db *db, const char *key, const char *value, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, key);
    sh_bind_text(st, 2, value);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!(st = sh_db_prepare(db, "UPDATE settings_version SET version = version + 1 WHERE id = 1", err)))
        return SH_EINTERNAL;
    rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_setting_set(sh_db *db, const char *key, const char *value, sh_err *err)
{
    int in_tx = sh_db_in_transaction(db), rc;
    if (!in_tx && (rc = sh_db_begin(db, err)) != 0)
        return rc;
    rc = write_setting(db, key, value, err);
    if (!in_tx && rc == 0)
        rc = sh_db_commit(db, err);
    if (!in_tx && rc != 0)
        sh_db_rollback(db);
    pthread_mutex_lock(&lock);
    loaded = 0;
    generation++;
    if (rc == 0 && in_tx)
        writer_in_tx = db;
    pthread_mutex_unlock(&lock);
    return rc;
}

void sh_settings_check(sh_db *db)
{
    pthread_mutex_lock(&lock);
    int check = loaded && !writer_in_tx;
    uint64_t gen = generation;
    pthread_mutex_unlock(&lock);
    if (!check)
        return; /* the next read loads the table anyway */
    int64_t v = read_version(db);
    pthread_mutex_lock(&lock);
    if (gen == generation && loaded && v != cached.version) {
        loaded = 0;
        generation++;
    }
    pthread_mutex_unlock(&lock);
}

void sh_settings_forget(void)
{
    pthread_mutex_lock(&lock);
    table_free(&cached);
    loaded = 0;
    generation++;
    writer_in_tx = NULL;
    pthread_mutex_unlock(&lock);
}

int64_t sh_setting_list_total_cap(sh_db *db)
{
    return sh_setting_int(db, "list_total_cap", 10000);
}
