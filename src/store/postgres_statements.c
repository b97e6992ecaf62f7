/* Server-side prepared statements, kept per connection (issue 16): the first run of a statement text
 * with its parameter types parses and plans it once as a named statement (PQprepare), later runs only
 * execute it (PQexecPrepared). The key holds the parameter types too, so the server infers exactly
 * what PQexecParams would have inferred for that binding. Prepared statements outlive transactions,
 * rolled back or not; a full cache is emptied with DEALLOCATE ALL, which keeps the code simple and
 * is rare (the platform has a few hundred statement texts). */
#include <libpq-fe.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "store/postgres_internal.h"

#define SLOTS 2048      /* open addressing, a power of two */
#define MAX_ENTRIES 1024 /* at most half full */

typedef struct entry {
    char *key; /* the SQL text, NUL, the parameter types' bytes */
    size_t keylen;
    uint32_t hash;
    unsigned name; /* "sh<name>" on the server */
} entry;

struct sh_pg_statements {
    entry slot[SLOTS];
    int used;
    unsigned next_name;
    int64_t prepared, reused;
};

static uint32_t fnv1a(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static void forget_all(sh_pg_statements *c)
{
    for (int i = 0; i < SLOTS; i++)
        free(c->slot[i].key);
    memset(c->slot, 0, sizeof c->slot);
    c->used = 0;
}

void sh_pg_statements_free(sh_pg_statements *c)
{
    if (!c)
        return;
    forget_all(c);
    free(c);
}

void sh_pg_statements_counts(const sh_pg_statements *c, int64_t *prepared, int64_t *reused)
{
    *prepared = c ? c->prepared : 0;
    *reused = c ? c->reused : 0;
}

/* The slot of key: its entry, or the empty slot where it belongs. */
static entry *find_slot(sh_pg_statements *c, const char *key, size_t keylen, uint32_t hash)
{
    for (uint32_t i = hash & (SLOTS - 1);; i = (i + 1) & (SLOTS - 1)) {
        entry *e = &c->slot[i];
        if (!e->key || (e->hash == hash && e->keylen == keylen && !memcmp(e->key, key, keylen)))
            return e;
    }
}

PGresult *sh_pg_exec_cached(PGconn *conn, sh_pg_statements **cache, const char *sql, int n, const unsigned *types,
                            const char *const *values, const int *lengths, const int *formats)
{
    if (!*cache)
        *cache = sh_xcalloc(1, sizeof **cache);
    sh_pg_statements *c = *cache;
    size_t sqllen = strlen(sql) + 1, keylen = sqllen + (size_t)n * sizeof *types;
    char *key = sh_xmalloc(keylen);
    memcpy(key, sql, sqllen);
    if (n)
        memcpy(key + sqllen, types, (size_t)n * sizeof *types);
    uint32_t hash = fnv1a((const unsigned char *)key, keylen);
    entry *e = find_slot(c, key, keylen, hash);
    char name[24];
    if (e->key) {
        free(key);
        c->reused++;
        snprintf(name, sizeof name, "sh%u", e->name);
        return PQexecPrepared(conn, name, n, values, lengths, formats, 0);
    }
    if (c->used >= MAX_ENTRIES) {
        PQclear(PQexec(conn, "DEALLOCATE ALL"));
        forget_all(c);
        e = find_slot(c, key, keylen, hash);
    }
    unsigned id = ++c->next_name;
    snprintf(name, sizeof name, "sh%u", id);
    PGresult *res = PQprepare(conn, name, sql, n, types);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        free(key); /* a statement the server refused (or an aborted transaction): its error is the answer */
        return res;
    }
    PQclear(res);
    *e = (entry){.key = key, .keylen = keylen, .hash = hash, .name = id};
    c->used++;
    c->prepared++;
    return PQexecPrepared(conn, name, n, values, lengths, formats, 0);
}
