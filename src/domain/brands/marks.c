/* Marks on file (brands.h): the county registers a regional public brand, a geographical indication,
 * an organic or a green-food mark with the rules that suspend its authorisations. */
#include "domain/brands/brands.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "store/qb.h"

static const char *const KINDS[][2] = {
    {"regional", "区域公用品牌"},
    {"gi", "地理标志产品"},
    {"organic", "有机产品"},
    {"green", "绿色食品"},
};

const char *sh_brand_kind_zh(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof KINDS / sizeof *KINDS; i++)
        if (!strcmp(KINDS[i][0], kind))
            return KINDS[i][1];
    return NULL;
}

#define COLS "m.id, m.kind, m.name, m.holder, m.cert_no, m.division_code, m.products, m.suspend_on_sample, m.suspend_on_case"

static json_t *row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    const char *kind = sh_col_text(st, 1);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:b, s:b}", "id", (json_int_t)sh_col_int64(st, 0), "kind", kind,
                     "kind_label", sh_brand_kind_zh(kind), "name", sh_col_text(st, 2), "holder", sh_col_text(st, 3), "cert_no",
                     sh_col_is_null(st, 4) ? json_null() : json_string(sh_col_text(st, 4)), "division_code", sh_col_text(st, 5),
                     "products", sh_col_text(st, 6), "suspend_on_sample", (int)sh_col_int64(st, 7), "suspend_on_case",
                     (int)sh_col_int64(st, 8));
}

static int get(sh_db *db, int64_t id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT " COLS " FROM brand_marks m WHERE m.id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    json_t *items = json_array();
    int rc = sh_rows_append(st, row, NULL, items, err);
    if (rc == 0 && !json_array_size(items))
        rc = sh_fail(err, SH_ENOTFOUND, "id", "标志不存在 (no such mark)");
    if (rc == 0)
        *ret = json_incref(json_array_get(items, 0));
    json_decref(items);
    return rc;
}

static int county_only(const sh_principal *actor, sh_err *err)
{
    if (actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_ADMIN)
        return 0;
    return sh_fail(err, SH_EPERM, "", "品牌标志由县局登记和维护 (the county keeps the marks)");
}

/* A boolean rule of the body into *out (kept when absent). */
static int rule(json_t *body, const char *field, const char *label, int *out, sh_err *err)
{
    json_t *v = json_object_get(body, field);
    if (!v)
        return 0;
    if (!json_is_boolean(v))
        return sh_fail(err, SH_EINVAL, field, "%s：应为是或否 (%s must be true or false)", label, field);
    *out = json_is_true(v);
    return 0;
}

int sh_brand_mark_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    int rc = county_only(actor, err);
    if (rc)
        return rc;
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *kind = json_string_value(json_object_get(body, "kind"));
    if (!sh_brand_kind_zh(kind))
        return sh_fail(err, SH_EINVAL, "kind", "标志类别：应为区域公用品牌、地理标志产品、有机产品或绿色食品 (kind must be regional, gi, organic or green)");
    const char *name = NULL, *holder = NULL, *cert = NULL, *products = NULL;
    int on_sample = 1, on_case = 1;
    if ((rc = sh_body_text(body, "name", "标志名称", 2, 60, &name, err)) || (rc = sh_body_text(body, "holder", "权利人或发证机构", 2, 100, &holder, err)) ||
        (rc = sh_body_text(body, "cert_no", "证书或登记编号", 0, 60, &cert, err)) ||
        (rc = sh_body_text(body, "products", "适用产品", 2, 500, &products, err)) ||
        (rc = rule(body, "suspend_on_sample", "抽检不合格时暂停授权", &on_sample, err)) ||
        (rc = rule(body, "suspend_on_case", "受到行政处罚时暂停授权", &on_case, err)))
        return rc;
    char county[13] = "";
    snprintf(county, sizeof county, "%.6s", actor->division_code);
    if (!*county) { /* the administrator: the county on file */
        sh_stmt *st = sh_db_prepare(db, "SELECT code FROM divisions WHERE level = 1 ORDER BY code LIMIT 1", err);
        if (!st)
            return SH_EINTERNAL;
        if (sh_stmt_step(st, err) == SH_ROW)
            snprintf(county, sizeof county, "%s", sh_col_text(st, 0));
        sh_stmt_done(st);
    }
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM brand_marks WHERE division_code = ? AND name = ?", err);
    if (st) {
        sh_bind_text(st, 1, county);
        sh_bind_text(st, 2, name);
    }
    rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    int64_t dup = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    rc = rc < 0 ? rc : dup ? sh_fail(err, SH_EEXIST, "name", "标志名称：已有同名标志 (a mark of this name is on file)") : 0;
    int64_t id = 0;
    if (rc == 0) {
        st = sh_db_prepare(db,
                           "INSERT INTO brand_marks(kind, name, holder, cert_no, division_code, products, suspend_on_sample, suspend_on_case,"
                           " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           err);
        if (st) {
            sh_bind_text(st, 1, kind);
            sh_bind_text(st, 2, name);
            sh_bind_text(st, 3, holder);
            sh_bind_text_or_null(st, 4, cert);
            sh_bind_text(st, 5, county);
            sh_bind_text(st, 6, products);
            sh_bind_int64(st, 7, on_sample);
            sh_bind_int64(st, 8, on_case);
            sh_bind_int64_or_null(st, 9, actor->user_id);
            sh_bind_int64(st, 10, sh_now_ms());
        }
        rc = sh_stmt_insert_id(st, &id, err);
    }
    json_t *after = NULL;
    if (rc == 0 && (rc = get(db, id, &after, err)) == 0)
        rc = sh_audit(db, actor, "create", "brand_mark", id, NULL, after, err);
    rc = sh_db_finish(db, rc, err);
    if (rc == 0)
        *ret = after;
    else
        json_decref(after);
    return rc;
}

int sh_brand_mark_update(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    int rc = county_only(actor, err);
    json_t *before = NULL;
    if (rc == 0)
        rc = get(db, id, &before, err);
    if (rc == 0 && !json_is_object(body))
        rc = sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *products = NULL;
    int on_sample = 0, on_case = 0;
    if (rc == 0) {
        on_sample = json_is_true(json_object_get(before, "suspend_on_sample"));
        on_case = json_is_true(json_object_get(before, "suspend_on_case"));
        if ((rc = rule(body, "suspend_on_sample", "抽检不合格时暂停授权", &on_sample, err)) == 0 &&
            (rc = rule(body, "suspend_on_case", "受到行政处罚时暂停授权", &on_case, err)) == 0 && json_object_get(body, "products"))
            rc = sh_body_text(body, "products", "适用产品", 2, 500, &products, err);
    }
    if (rc == 0)
        rc = sh_db_begin(db, err);
    else {
        json_decref(before);
        return rc;
    }
    sh_stmt *st = sh_db_prepare(db, "UPDATE brand_marks SET suspend_on_sample = ?, suspend_on_case = ?, products = COALESCE(?, products) WHERE id = ?", err);
    if (st) {
        sh_bind_int64(st, 1, on_sample);
        sh_bind_int64(st, 2, on_case);
        sh_bind_text_or_null(st, 3, products);
        sh_bind_int64(st, 4, id);
    }
    rc = sh_stmt_run(st, err);
    json_t *after = NULL;
    if (rc == 0 && (rc = get(db, id, &after, err)) == 0)
        rc = sh_audit(db, actor, "update", "brand_mark", id, before, after, err);
    json_decref(before);
    rc = sh_db_finish(db, rc, err);
    if (rc == 0)
        *ret = after;
    else
        json_decref(after);
    return rc;
}

struct list_where {
    const char *kind;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, " FROM brand_marks m WHERE 1 = 1");
    if (w->kind) {
        sh_qb_sql(qb, " AND m.kind = ");
        sh_qb_text(qb, w->kind);
    }
}

int sh_brand_marks_list(sh_db *db, const sh_principal *actor, const char *kind, const sh_page *page, json_t **ret, sh_err *err)
{
    (void)actor; /* marks are public facts: every signed-in role reads them */
    if (kind && !sh_brand_kind_zh(kind))
        return sh_fail(err, SH_EINVAL, "kind", "标志类别：应为regional、gi、organic或green (kind must be regional, gi, organic or green)");
    struct list_where w = {kind};
    sh_page_query q = {COLS, list_from_where, &w, " ORDER BY m.kind, m.name, m.id", page->limit, page->offset, row, NULL};
    return sh_rows_page(db, &q, ret, err);
}
