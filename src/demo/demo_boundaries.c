/* The demo county's township boundaries (demo_boundaries.h): Voronoi cells of the townships' centres
 * clipped to the county's box, each cell cut by the perpendicular bisector with every other centre
 * (Sutherland-Hodgman; the cells are convex, a few dozen of them). */
#include "demo/demo_boundaries.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "domain/registry/boundaries.h"

/* The county's box, as demo.c places its townships and businesses. */
#define LAT_MIN 25.10
#define LAT_MAX 25.90
#define LNG_MIN 114.90
#define LNG_MAX 115.70

typedef struct pt {
    double x, y; /* lng, lat */
} pt;

typedef struct town {
    char code[13];
    pt c;
} town;

/* Keeps the part of polygon in[n] on a's side of the bisector of a and b; returns the new count. */
static int clip(const pt *in, int n, pt a, pt b, pt *out)
{
    double dx = b.x - a.x, dy = b.y - a.y, mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
    int m = 0;
    for (int i = 0; i < n; i++) {
        pt p = in[i], q = in[(i + 1) % n];
        double fp = (p.x - mx) * dx + (p.y - my) * dy, fq = (q.x - mx) * dx + (q.y - my) * dy;
        if (fp <= 0)
            out[m++] = p;
        if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
            double t = fp / (fp - fq);
            out[m++] = (pt){p.x + t * (q.x - p.x), p.y + t * (q.y - p.y)};
        }
    }
    return m;
}

static double round5(double v) { return round(v * 1e5) / 1e5; }

static json_t *polygon(const pt *p, int n)
{
    json_t *ring = json_array();
    for (int i = 0; i <= n; i++)
        json_array_append_new(ring, json_pack("[f, f]", round5(p[i % n].x), round5(p[i % n].y)));
    return json_pack("{s:s, s:[o]}", "type", "Polygon", "coordinates", ring);
}

/* The townships and their centres: the mean of their businesses' positions, or a point from the code. */
static int centres(sh_db *db, town **ret, int *ret_n, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT d.code, avg(e.lat), avg(e.lng), count(e.lat) FROM divisions d"
                                " LEFT JOIN entities e ON substr(e.division_code, 1, 9) || '000' = d.code AND e.lat IS NOT NULL"
                                " WHERE d.level = 2 GROUP BY d.code ORDER BY d.code",
                                err);
    if (!st)
        return SH_EINTERNAL;
    int n = 0, cap = 64, rc;
    town *t = sh_xcalloc((size_t)cap, sizeof *t);
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        if (n == cap)
            t = sh_xrealloc(t, (size_t)(cap *= 2) * sizeof *t);
        snprintf(t[n].code, sizeof t[n].code, "%s", sh_col_text(st, 0));
        if (sh_col_int64(st, 3) > 0)
            t[n].c = (pt){sh_col_double(st, 2), sh_col_double(st, 1)};
        else {
            unsigned h = 2166136261u;
            for (const char *s = t[n].code; *s; s++)
                h = (h ^ (unsigned char)*s) * 16777619u;
            t[n].c = (pt){LNG_MIN + 0.05 + (LNG_MAX - LNG_MIN - 0.1) * (h % 1000) / 1000.0,
                          LAT_MIN + 0.05 + (LAT_MAX - LAT_MIN - 0.1) * (h / 1000 % 1000) / 1000.0};
        }
        /* two centres never coincide: the bisector of a point with itself cuts nothing */
        for (int k = 0; k < n; k++)
            if (fabs(t[k].c.x - t[n].c.x) < 1e-6 && fabs(t[k].c.y - t[n].c.y) < 1e-6)
                t[n].c.x += 1e-4;
        n++;
    }
    sh_stmt_done(st);
    if (rc < 0) {
        free(t);
        return rc;
    }
    *ret = t;
    *ret_n = n;
    return 0;
}

int sh_demo_boundaries(sh_db *db, long *ret_count, sh_err *err)
{
    town *t = NULL;
    int n = 0, rc = centres(db, &t, &n, err);
    if (rc)
        return rc;
    pt *a = sh_xcalloc((size_t)n + 8, sizeof *a), *b = sh_xcalloc((size_t)n + 8, sizeof *b);
    for (int i = 0; rc == 0 && i < n; i++) {
        a[0] = (pt){LNG_MIN, LAT_MIN};
        a[1] = (pt){LNG_MAX, LAT_MIN};
        a[2] = (pt){LNG_MAX, LAT_MAX};
        a[3] = (pt){LNG_MIN, LAT_MAX};
        int m = 4;
        for (int j = 0; m >= 3 && j < n; j++) {
            if (j == i)
                continue;
            m = clip(a, m, t[i].c, t[j].c, b);
            memcpy(a, b, (size_t)m * sizeof *a);
        }
        if (m < 3)
            continue;
        json_t *g = polygon(a, m);
        rc = sh_boundary_store(db, t[i].code, g, "demo", 0, err);
        json_decref(g);
    }
    free(a);
    free(b);
    free(t);
    if (rc == 0 && ret_count)
        *ret_count = n;
    return rc;
}
