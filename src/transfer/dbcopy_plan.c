/* shian migrate --to: which tables are copied, in which order (transfer/dbcopy.h). */
#include <stdlib.h>
#include <string.h>

#include "transfer/dbcopy.h"

static int has_name(char **v, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(v[i], name))
            return 1;
    return 0;
}

/* Whether every table t's foreign keys name (other than itself) is placed or not copied at all. */
static int ready(const sh_dbcopy_table *t, const sh_dbcopy_table *all, int n, const char *placed)
{
    for (int r = 0; r < t->layout.nrefs; r++) {
        if (!strcmp(t->layout.refs[r], t->name))
            continue;
        for (int j = 0; j < n; j++)
            if (!placed[j] && !strcmp(all[j].name, t->layout.refs[r]))
                return 0;
    }
    return 1;
}

static int placed_name(const sh_dbcopy_table *all, int n, const char *placed, const char *name)
{
    for (int j = 0; j < n; j++)
        if (!strcmp(all[j].name, name))
            return placed[j];
    return 1; /* not copied: nothing to wait for */
}

/* t is the first table of a cycle: its columns naming tables not placed yet are filled in later. */
static void defer_keys(sh_dbcopy_table *t, const sh_dbcopy_table *all, int n, const char *placed)
{
    for (int r = 0; r < t->layout.nrefs; r++) {
        if (!strcmp(t->layout.refs[r], t->name) || placed_name(all, n, placed, t->layout.refs[r]))
            continue;
        for (int c = 0; c < t->layout.ncols; c++)
            if (!strcmp(t->layout.cols[c], t->layout.ref_cols[r]) && !t->deferred[c]) {
                t->deferred[c] = 1;
                t->ndeferred++;
            }
    }
}

static int index_of(const sh_dbcopy_table *all, int n, const char *name)
{
    for (int j = 0; j < n; j++)
        if (!strcmp(all[j].name, name))
            return j;
    return -1;
}

/* Whether table `to` is reached from table `from` along foreign keys between unplaced tables. */
static int reaches(const sh_dbcopy_table *all, int n, const char *placed, char *seen, int from, int to)
{
    for (int r = 0; r < all[from].layout.nrefs; r++) {
        int j = index_of(all, n, all[from].layout.refs[r]);
        if (j < 0 || j == from || placed[j] || seen[j])
            continue;
        seen[j] = 1;
        if (j == to || reaches(all, n, placed, seen, j, to))
            return 1;
    }
    return 0;
}

/* Parents before children; a cycle is broken at its first table by name (defer_keys). */
static void order_tables(sh_dbcopy_plan *p)
{
    sh_dbcopy_table *out = sh_xcalloc((size_t)p->n + 1, sizeof *out);
    char *placed = sh_xcalloc((size_t)p->n + 1, 1);
    int k = 0;
    while (k < p->n) {
        int progress = 0;
        for (int i = 0; i < p->n; i++)
            if (!placed[i] && ready(&p->t[i], p->t, p->n, placed)) {
                out[k++] = p->t[i];
                placed[i] = 1;
                progress = 1;
            }
        char *seen = sh_xcalloc((size_t)p->n, 1);
        for (int i = 0; !progress && i < p->n; i++) {
            memset(seen, 0, (size_t)p->n);
            if (!placed[i] && reaches(p->t, p->n, placed, seen, i, i)) {
                defer_keys(&p->t[i], p->t, p->n, placed);
                out[k++] = p->t[i];
                placed[i] = progress = 1;
            }
        }
        free(seen);
        for (int i = 0; !progress && i < p->n; i++) /* cannot happen: a table left waits on a cycle */
            if (!placed[i]) {
                out[k++] = p->t[i];
                placed[i] = progress = 1;
            }
    }
    free(placed);
    free(p->t);
    p->t = out;
}

int sh_dbcopy_plan_make(sh_db *src, sh_db *dst, sh_dbcopy_plan *out, sh_err *err)
{
    memset(out, 0, sizeof *out);
    char **sn = NULL, **dn = NULL;
    int ns = 0, nd = 0;
    int rc = sh_db_tables(src, &sn, &ns, err);
    if (rc == 0)
        rc = sh_db_tables(dst, &dn, &nd, err);
    out->t = sh_xcalloc((size_t)ns + 1, sizeof *out->t);
    for (int i = 0; rc == 0 && i < ns; i++) {
        if (!strcmp(sn[i], "schema_migrations"))
            continue;
        if (!has_name(dn, nd, sn[i]) && !strstr(sn[i], "_fts")) {
            rc = sh_fail(err, SH_EINVAL, "to", "目标数据库缺少表%s (the target has no table %s: is it another application's database?)", sn[i], sn[i]);
            break;
        }
        if (!has_name(dn, nd, sn[i])) { /* SQLite's FTS5 index of names: PostgreSQL has its own index */
            out->skipped = sh_xrealloc(out->skipped, (size_t)(out->nskipped + 1) * sizeof *out->skipped);
            out->skipped[out->nskipped++] = sh_xstrdup(sn[i]);
            continue;
        }
        sh_dbcopy_table *t = &out->t[out->n];
        rc = sh_db_table_layout(src, sn[i], &t->layout, err);
        if (rc == 0) {
            t->name = sh_xstrdup(sn[i]);
            t->deferred = sh_xcalloc((size_t)t->layout.ncols, 1);
            out->n++;
        }
    }
    sh_db_tables_free(sn, ns);
    sh_db_tables_free(dn, nd);
    if (rc) {
        sh_dbcopy_plan_free(out);
        return rc;
    }
    order_tables(out);
    return 0;
}

void sh_dbcopy_plan_free(sh_dbcopy_plan *p)
{
    for (int i = 0; i < p->n; i++) {
        free(p->t[i].name);
        free(p->t[i].deferred);
        sh_table_layout_free(&p->t[i].layout);
    }
    free(p->t);
    sh_db_tables_free(p->skipped, p->nskipped);
    memset(p, 0, sizeof *p);
}
