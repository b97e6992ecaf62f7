#include "domain/supervision/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/registry/entity.h"
#include "domain/registry/registry.h"
#include "store/qb.h"

static int strcmp_ptr(const char **a, const char **b)
{
    return strcmp(*a, *b);
}

static int count_into(sh_db *db, const sh_principal *actor, const char *group_col, json_t *obj, int64_t *total, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT ");
    sh_qb_sql(&qb, group_col);
    sh_qb_sql(&qb, ", count(*) FROM entities e WHERE 1 = 1");
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " GROUP BY 1");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        json_object_set_new(obj, sh_col_text(st, 0), json_integer(sh_col_int64(st, 1)));
        /* in the register: open (active or suspended), as the completeness figures count them; a
         * closed or revoked business is not, so the card and the township table agree */
        if (total && strcmp(sh_col_text(st, 0), "closed") != 0 && strcmp(sh_col_text(st, 0), "revoked") != 0)
            *total += sh_col_int64(st, 1);
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_stats_overview(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err)
{
    json_t *by_kind = json_object(), *by_status = json_object();
    int64_t total = 0;
    int rc = sh_db_begin_read(db, err);
    if (rc == 0)
        rc = count_into(db, actor, "e.kind", by_kind, NULL, err);
    if (rc == 0)
        rc = count_into(db, actor, "e.status", by_status, &total, err);
    json_t *townships = NULL, *grids = NULL;
    if (rc == 0)
        rc = sh_divisions_list(db, actor, NULL, &townships, err);
    if (rc == 0)
        rc = sh_grids_list(db, actor, NULL, &grids, err);
    sh_db_rollback(db);
    if (rc != 0) {
        json_decref(by_kind);
        json_decref(by_status);
        json_decref(townships);
        json_decref(grids);
        return rc;
    }
    *ret = json_pack("{s:I, s:o, s:o, s:I, s:I}", "total", (json_int_t)total, "by_kind", by_kind, "by_status", by_status,
                     "townships", (json_int_t)json_array_size(townships), "grids", (json_int_t)json_array_size(grids));
    json_decref(townships);
    json_decref(grids);
    return 0;
}

/* Open businesses: active or suspended. */
struct open_only {
    int (*cb)(const sh_entity *e, void *ctx);
    void *ctx;
};

static int skip_ended(const sh_entity *e, void *c)
{
    struct open_only *o = c;
    if (!strcmp(e->status, "closed") || !strcmp(e->status, "revoked"))
        return 0;
    return o->cb(e, o->ctx);
}

static int each_open(sh_db *db, const sh_principal *actor, const sh_entity_filter *f,
                     int (*cb)(const sh_entity *e, void *ctx), void *ctx, sh_err *err)
{
    struct open_only o = {cb, ctx};
    return sh_entity_each(db, actor, f, skip_ended, &o, err);
}

struct tally {
    json_t *groups; /* "township|kind" -> {township_code, township_name, kind, total, complete} */
    int64_t total, complete;
};

static int tally_one(const sh_entity *e, void *ctx)
{
    struct tally *t = ctx;
    char key[64];
    snprintf(key, sizeof key, "%s|%s", e->township_code, e->f[EF_KIND]);
    json_t *g = json_object_get(t->groups, key);
    if (!g) {
        g = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "township_code", e->township_code, "township_name",
                      e->township_name, "kind", e->f[EF_KIND], "kind_label", sh_entity_kind_label_zh(e->f[EF_KIND]),
                      "total", (json_int_t)0, "complete", (json_int_t)0);
        json_object_set_new(t->groups, key, g);
    }
    json_t *missing = sh_entity_missing_fields(e);
    int complete = json_array_size(missing) == 0;
    json_decref(missing);
    json_object_set_new(g, "total", json_integer(json_integer_value(json_object_get(g, "total")) + 1));
    json_object_set_new(g, "complete", json_integer(json_integer_value(json_object_get(g, "complete")) + complete));
    t->total++;
    t->complete += complete;
    return 0;
}

static double rate(int64_t part, int64_t whole)
{
    return whole ? (double)part / (double)whole : 1.0;
}

int sh_stats_completeness(sh_db *db, const sh_principal *actor, const char *kind, json_t **ret, sh_err *err)
{
    sh_entity_filter f = {.kind = kind};
    struct tally t = {json_object(), 0, 0};
    int rc = each_open(db, actor, &f, tally_one, &t, err);
    if (rc != 0) {
        json_decref(t.groups);
        return rc;
    }
    /* keys sort as township code then kind, which is the order a report wants */
    json_t *items = json_array();
    const char **keys = NULL;
    size_t n = json_object_size(t.groups), i = 0;
    keys = n ? sh_xcalloc(n, sizeof *keys) : NULL;
    const char *k;
    json_t *g;
    json_object_foreach(t.groups, k, g) keys[i++] = k;
    if (n) /* qsort of nothing: a NULL array, which qsort may not be given */
        qsort(keys, n, sizeof *keys, (int (*)(const void *, const void *))strcmp_ptr);
    for (i = 0; i < n; i++) {
        g = json_object_get(t.groups, keys[i]);
        json_object_set_new(g, "rate", json_real(rate(json_integer_value(json_object_get(g, "complete")),
                                                      json_integer_value(json_object_get(g, "total")))));
        json_array_append(items, g);
    }
    free(keys);
    json_decref(t.groups);
    *ret = json_pack("{s:I, s:I, s:f, s:o}", "total", (json_int_t)t.total, "complete", (json_int_t)t.complete, "rate",
                     rate(t.complete, t.total), "items", items);
    return 0;
}

struct missing_page {
    json_t *items;
    int limit;
    int64_t last;
};

static int collect_missing(const sh_entity *e, void *ctx)
{
    struct missing_page *p = ctx;
    json_t *missing = sh_entity_missing_fields(e);
    if (json_array_size(missing) == 0) {
        json_decref(missing);
        return 0;
    }
    json_array_append_new(p->items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)e->id, "name",
                                              e->f[EF_NAME], "kind", e->f[EF_KIND], "kind_label",
                                              sh_entity_kind_label_zh(e->f[EF_KIND]), "township_name",
                                              e->township_name, "missing", missing));
    p->last = e->id;
    return (int)json_array_size(p->items) >= p->limit;
}

int sh_stats_missing(sh_db *db, const sh_principal *actor, const char *township, const char *kind,
                     int64_t after_id, int limit, json_t **ret, sh_err *err)
{
    sh_entity_filter f = {.township = township, .kind = kind, .after_id = after_id};
    struct missing_page p = {json_array(), limit, 0};
    int rc = each_open(db, actor, &f, collect_missing, &p, err);
    if (rc != 0) {
        json_decref(p.items);
        return rc;
    }
    char cursor[32];
    snprintf(cursor, sizeof cursor, "%lld", (long long)p.last);
    *ret = json_pack("{s:o, s:s*}", "items", p.items, "next_cursor",
                     (int)json_array_size(p.items) >= limit ? cursor : NULL);
    return 0;
}
