/* Township boundaries (boundaries.h, db/080): read within the caller's area, imported by the county as
 * a GeoJSON FeatureCollection checked feature by feature before one row is written. */
#include "domain/registry/boundaries.h"
#include "domain/registry/registry.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "store/qb.h"
#include "store/rows.h"
#include "store/scope.h"

static int may_read(const sh_principal *actor)
{
    return actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_TOWNSHIP || actor->role == SH_ROLE_ADMIN;
}

static json_t *feature_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    json_t *geometry = json_loads(sh_col_text(st, 3), 0, NULL);
    return json_pack("{s:s, s:{s:s, s:s, s:s}, s:o}", "type", "Feature", "properties", "code", sh_col_text(st, 0), "name",
                     sh_col_text(st, 1), "source", sh_col_text(st, 2), "geometry", geometry ? geometry : json_null());
}

int sh_boundaries_get(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err)
{
    if (!may_read(actor))
        return sh_fail(err, SH_EPERM, "", "乡镇边界供县、乡镇（街道）监管人员查看 (for county and township officials)");
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT b.division_code, d.name, b.source, b.geometry FROM township_boundaries b"
                   " JOIN divisions d ON d.code = b.division_code WHERE 1 = 1");
    sh_scope_division_column(&qb, &actor->scope, "b.division_code");
    sh_qb_sql(&qb, " ORDER BY b.division_code");
    json_t *features = json_array();
    int rc = sh_rows_append(sh_qb_prepare(db, &qb, err), feature_row, NULL, features, err);
    sh_qb_release(&qb);
    if (rc) {
        json_decref(features);
        return rc;
    }
    *ret = json_pack("{s:s, s:o}", "type", "FeatureCollection", "features", features);
    return 0;
}

/* ---- the import's checks ---- */

/* One ring: an array of at least 4 [lng, lat] positions in range, the last equal to the first. */
static int check_ring(const json_t *ring, const char *field, const char *code, long *points, sh_err *err)
{
    size_t n = json_is_array(ring) ? json_array_size(ring) : 0;
    if (n < 4)
        return sh_fail(err, SH_EINVAL, field, "乡镇%s的边界：每个环至少4个点 (each ring needs at least 4 positions)", code);
    for (size_t i = 0; i < n; i++) {
        const json_t *p = json_array_get(ring, i);
        const json_t *x = json_array_get(p, 0), *y = json_array_get(p, 1);
        if (!json_is_array(p) || json_array_size(p) < 2 || !json_is_number(x) || !json_is_number(y) ||
            fabs(json_number_value(x)) > 180 || fabs(json_number_value(y)) > 90)
            return sh_fail(err, SH_EINVAL, field, "乡镇%s的边界：第%zu个点应为[经度, 纬度] (position %zu must be [longitude, latitude])", code,
                           i + 1, i);
    }
    const json_t *a = json_array_get(ring, 0), *b = json_array_get(ring, n - 1);
    if (json_number_value(json_array_get(a, 0)) != json_number_value(json_array_get(b, 0)) ||
        json_number_value(json_array_get(a, 1)) != json_number_value(json_array_get(b, 1)))
        return sh_fail(err, SH_EINVAL, field, "乡镇%s的边界：环的首尾点应相同 (a ring must be closed)", code);
    *points += (long)n;
    if (*points > SH_BOUNDARY_MAX_POINTS)
        return sh_fail(err, SH_EINVAL, field, "乡镇%s的边界点数过多（最多%d个），请简化后导入 (too many positions: at most %d; simplify it)", code,
                       SH_BOUNDARY_MAX_POINTS, SH_BOUNDARY_MAX_POINTS);
    return 0;
}

/* A polygon: an array of 1+ rings. */
static int check_polygon(const json_t *poly, const char *field, const char *code, long *points, sh_err *err)
{
    if (!json_is_array(poly) || json_array_size(poly) == 0)
        return sh_fail(err, SH_EINVAL, field, "乡镇%s的边界：多边形应为环的数组 (a polygon is an array of rings)", code);
    size_t i;
    const json_t *ring;
    json_array_foreach(poly, i, ring)
    {
        int rc = check_ring(ring, field, code, points, err);
        if (rc)
            return rc;
    }
    return 0;
}

static int check_geometry(const json_t *g, const char *field, const char *code, sh_err *err)
{
    if (!json_is_object(g))
        return sh_fail(err, SH_EINVAL, field, "乡镇%s缺少边界 (geometry is missing)", code);
    const char *type = json_string_value(json_object_get(g, "type"));
    const json_t *coords = json_object_get(g, "coordinates");
    long points = 0;
    if (type && !strcmp(type, "Polygon"))
        return check_polygon(coords, field, code, &points, err);
    if (!type || strcmp(type, "MultiPolygon"))
        return sh_fail(err, SH_EINVAL, field, "乡镇%s的边界应为Polygon或MultiPolygon (geometry must be a Polygon or MultiPolygon)", code);
    if (!json_is_array(coords) || json_array_size(coords) == 0)
        return sh_fail(err, SH_EINVAL, field, "乡镇%s的边界：MultiPolygon应为多边形的数组 (coordinates must be an array of polygons)", code);
    size_t i;
    const json_t *poly;
    json_array_foreach(coords, i, poly)
    {
        int rc = check_polygon(poly, field, code, &points, err);
        if (rc)
            return rc;
    }
    return 0;
}

/* The feature's township code: a string (or an integer) of 12 digits naming a township the caller's
 * county holds, not named by an earlier feature. The English tails carry no text from the file, so they
 * stay ASCII and core/message.c can split them off. */
static int feature_code(sh_db *db, const sh_principal *actor, const json_t *f, const char *property, size_t i, json_t *seen,
                        char code[13], sh_err *err)
{
    char field[96];
    snprintf(field, sizeof field, "features[%zu].properties.%s", i, property);
    const json_t *v = json_object_get(json_object_get(f, "properties"), property);
    if (json_is_integer(v))
        snprintf(code, 13, "%lld", (long long)json_integer_value(v));
    else if (json_is_string(v) && strlen(json_string_value(v)) > 12)
        return sh_fail(err, SH_EINVAL, field, "第%zu个要素：乡镇代码应为12位数字 (feature %zu: the township code must be 12 digits)", i + 1, i);
    else if (json_is_string(v))
        snprintf(code, 13, "%s", json_string_value(v));
    else
        return sh_fail(err, SH_EINVAL, field, "第%zu个要素缺少乡镇代码（属性%s） (feature %zu has no township code in that property)", i + 1, property, i);
    size_t n = strlen(code);
    int digits = n == 12;
    for (size_t k = 0; digits && k < n; k++)
        digits = code[k] >= '0' && code[k] <= '9';
    int known = 0;
    if (digits && (actor->scope.kind == SH_SCOPE_ALL || sh_scope_covers_division(&actor->scope, code))) {
        int level, rc = sh_division_level(db, code, &level, err);
        if (rc)
            return rc;
        known = level == 2;
    }
    if (!known)
        return sh_fail(err, SH_EINVAL, field, "第%zu个要素：未知的乡镇（街道）代码%s (feature %zu: unknown township code)", i + 1, code, i);
    if (json_object_get(seen, code))
        return sh_fail(err, SH_EINVAL, field, "第%zu个要素：乡镇代码%s重复 (township code %s appears twice)", i + 1, code, code);
    json_object_set_new(seen, code, json_true());
    return 0;
}

int sh_boundary_store(sh_db *db, const char *division_code, const json_t *geometry, const char *source, int64_t user_id,
                      sh_err *err)
{
    char *text = json_dumps(geometry, JSON_COMPACT);
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO township_boundaries (division_code, geometry, source, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)"
                                " ON CONFLICT (division_code) DO UPDATE SET geometry = excluded.geometry, source = excluded.source,"
                                " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                                err);
    if (st) {
        sh_bind_text(st, 1, division_code);
        sh_bind_text(st, 2, text);
        sh_bind_text(st, 3, source);
        sh_bind_int64_or_null(st, 4, user_id);
        sh_bind_int64(st, 5, sh_now_ms());
    }
    int rc = sh_stmt_run(st, err);
    free(text);
    return rc;
}

int sh_boundaries_import(sh_db *db, const sh_principal *actor, json_t *body, const char *property, json_t **ret, sh_err *err)
{
    if (actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_ADMIN)
        return sh_fail(err, SH_EPERM, "", "乡镇边界由县局或系统管理员导入 (the county or the administrator imports boundaries)");
    if (!property || !*property)
        property = "code";
    const json_t *features = json_object_get(body, "features");
    const char *type = json_string_value(json_object_get(body, "type"));
    if (!type || strcmp(type, "FeatureCollection") || !json_is_array(features))
        return sh_fail(err, SH_EINVAL, "type", "应为GeoJSON的FeatureCollection (body must be a GeoJSON FeatureCollection)");
    size_t n = json_array_size(features);
    if (n == 0 || n > SH_BOUNDARY_MAX_FEATURES)
        return sh_fail(err, SH_EINVAL, "features", "要素数量应为1-%d个 (features must hold 1-%d features)", SH_BOUNDARY_MAX_FEATURES,
                       SH_BOUNDARY_MAX_FEATURES);
    json_t *seen = json_object(), *codes = json_array();
    int rc = 0;
    size_t i;
    const json_t *f;
    json_array_foreach(features, i, f)
    {
        char code[13], field[64];
        snprintf(field, sizeof field, "features[%zu].geometry", i);
        if ((rc = feature_code(db, actor, f, property, i, seen, code, err)) != 0 ||
            (rc = check_geometry(json_object_get(f, "geometry"), field, code, err)) != 0)
            break;
        json_array_append_new(codes, json_string(code));
    }
    json_decref(seen);
    if (rc == 0)
        rc = sh_db_begin(db, err);
    if (rc) {
        json_decref(codes);
        return rc;
    }
    json_array_foreach(features, i, f)
    {
        if ((rc = sh_boundary_store(db, json_string_value(json_array_get(codes, i)), json_object_get(f, "geometry"), "import",
                                    actor->user_id, err)) != 0)
            break;
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:O}", "codes", codes);
        rc = sh_audit(db, actor, "boundaries.import", "township_boundaries", 0, NULL, after, err);
        json_decref(after);
    }
    if ((rc = sh_db_finish(db, rc, err)) != 0) {
        json_decref(codes);
        return rc;
    }
    *ret = json_pack("{s:I, s:o}", "imported", (json_int_t)n, "codes", codes);
    return 0;
}
