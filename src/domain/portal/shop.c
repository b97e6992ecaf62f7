/* The public shop record and the search for shops (shop.h). */
#include "domain/portal/shop.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/validate.h"
#include "domain/base/calendar.h"
#include "domain/brands/brands.h"
#include "domain/famous/famous.h"
#include "domain/enforcement/credit.h"
#include "domain/people/people.h"
#include "domain/portal/camera.h"
#include "domain/portal/rating.h"
#include "domain/registry/entity.h"
#include "domain/sampling/failure.h"
#include "store/qb.h"
#include "store/rows.h"
#include "store/scope.h"

/* The township of a business (its division may be a village under it). */
#define TOWNSHIP_JOIN " LEFT JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000'"
/* The result of a business's latest completed inspection. */
#define LATEST_RESULT                                                                                            \
    "(SELECT i.result FROM inspections i WHERE i.entity_id = e.id AND i.status = 'completed' AND i.result IS NOT NULL" \
    " ORDER BY i.completed_at DESC, i.id DESC LIMIT 1)"

/* The face of an inspection result, as the posted 监督检查结果记录表 shows it. */
static const char *face_of(const char *result)
{
    if (!strcmp(result, "pass"))
        return "good"; /* 符合: 笑脸 */
    if (!strcmp(result, "pass_after_correction"))
        return "fair"; /* 基本符合: 平脸 */
    if (!strcmp(result, "fail"))
        return "poor"; /* 不符合: 哭脸 */
    return NULL;
}

static json_t *face_json(sh_stmt *st, int col)
{
    const char *face = sh_col_is_null(st, col) ? NULL : face_of(sh_col_text(st, col));
    return face ? json_string(face) : json_null();
}

/* ---- search ---- */

static int check_division(sh_db *db, const char *code, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT level FROM divisions WHERE code = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    int rc = sh_stmt_step(st, err);
    int level = rc == SH_ROW ? (int)sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (level != 1 && level != 2)
        return sh_fail(err, SH_EINVAL, "division", "地区：应为本平台的县或乡镇（街道）代码 (division must be a county or township code)");
    return 0;
}

/* Appends the LIKE pattern of q (its %, _ and \ escaped) as a bound value. */
static void like_text(sh_qb *qb, const char *q)
{
    char pat[256];
    size_t n = 0;
    pat[n++] = '%';
    for (const char *p = q; *p && n < sizeof pat - 3; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            pat[n++] = '\\';
        pat[n++] = *p;
    }
    pat[n++] = '%';
    pat[n] = '\0';
    sh_qb_text(qb, pat);
}

static void search_where(sh_qb *qb, const sh_shop_query *f)
{
    sh_qb_sql(qb, " FROM entities e" TOWNSHIP_JOIN " WHERE e.status = 'active'");
    if (f->division) {
        char prefix[13];
        sh_division_prefix(f->division, prefix);
        sh_qb_division_prefix(qb, "e.division_code", prefix);
    }
    if (f->q && *f->q) {
        sh_qb_sql(qb, " AND (e.name LIKE ");
        like_text(qb, f->q);
        sh_qb_sql(qb, " ESCAPE '\\' OR e.address LIKE ");
        like_text(qb, f->q);
        sh_qb_sql(qb, " ESCAPE '\\')");
    }
}

static json_t *search_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    const char *kind = sh_col_text(st, 2);
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?}", "id", (json_int_t)sh_col_int64(st, 0), "name", sh_col_text(st, 1), "kind",
                          kind, "kind_label", sh_entity_kind_label_zh(kind), "address", sh_col_is_null(st, 3) ? NULL : sh_col_text(st, 3),
                          "township", sh_col_is_null(st, 4) ? NULL : sh_col_text(st, 4));
    json_object_set_new(o, "face", face_json(st, 5));
    return o;
}

int sh_shops_search(sh_db *db, const sh_shop_query *f, json_t **ret, sh_err *err)
{
    int rc;
    if (f->q && (rc = sh_check_text(f->q, 0, 50, "q", err)) != 0)
        return sh_fail(err, SH_EINVAL, "q", "搜索词：应为至多50个字的文本 (q: at most 50 characters of text)");
    if (f->limit < 1 || f->limit > 50)
        return sh_fail(err, SH_EINVAL, "limit", "每页条数：应为1到50 (limit must be 1 to 50)");
    if (f->offset < 0)
        return sh_fail(err, SH_EINVAL, "offset", "起始位置：不能为负 (offset must not be negative)");
    if (f->division && (rc = check_division(db, f->division, err)) != 0)
        return rc;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT count(*)");
    search_where(&qb, f);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    int64_t total = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    if (st)
        sh_stmt_done(st);
    if (rc < 0)
        return rc;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT e.id, e.name, e.kind, e.address, t.name, " LATEST_RESULT);
    search_where(&qb, f);
    sh_qb_sql(&qb, " ORDER BY e.name, e.id LIMIT ");
    sh_qb_int64(&qb, f->limit);
    sh_qb_sql(&qb, " OFFSET ");
    sh_qb_int64(&qb, f->offset);
    st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    json_t *items = json_array();
    if ((rc = sh_rows_append(st, search_row, NULL, items, err)) != 0) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);
    return 0;
}

static json_t *division_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s, s:i}", "code", sh_col_text(st, 0), "name", sh_col_text(st, 1), "level", (int)sh_col_int64(st, 2));
}

int sh_shop_divisions(sh_db *db, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT code, name, level FROM divisions WHERE level IN (1, 2) ORDER BY level, code", err);
    json_t *items = json_array();
    int rc = sh_rows_append(st, division_row, NULL, items, err);
    if (rc) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o}", "items", items);
    return 0;
}

/* ---- the page ---- */

int sh_shop_exists(sh_db *db, int64_t id, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT id FROM entities WHERE id = ? AND status <> 'closed'", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "id", "商户不存在 (no such shop)");
}

/* valid, expiring (within SH_SHOP_LICENCE_WARN_DAYS), expired, or none (no date on file). */
static const char *licence_state(const char *valid_until)
{
    if (!valid_until || !sh_date_valid(valid_until, NULL, NULL, NULL))
        return "none";
    char today[11];
    sh_today(today);
    int64_t left = sh_date_days(valid_until) - sh_date_days(today);
    return left < 0 ? "expired" : left <= SH_SHOP_LICENCE_WARN_DAYS ? "expiring" : "valid";
}

/* The columns of the business the page shows: no person, no phone, no credit code. */
static int load_entity(sh_db *db, int64_t id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT e.name, e.kind, e.status, e.address, t.name, e.licence_kind, e.licence_no, e.licence_valid_until,"
                                " e.public_camera FROM entities e" TOWNSHIP_JOIN " WHERE e.id = ? AND e.status <> 'closed'",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        const char *kind = sh_col_text(st, 1), *status = sh_col_text(st, 2);
        const char *lk = sh_col_is_null(st, 5) ? NULL : sh_col_text(st, 5);
        const char *until = sh_col_is_null(st, 7) ? NULL : sh_col_text(st, 7);
        json_t *licence = json_pack("{s:s?, s:s?, s:s?, s:s?, s:s}", "kind", lk, "kind_label", lk ? sh_licence_kind_label_zh(lk) : NULL,
                                    "number", sh_col_is_null(st, 6) ? NULL : sh_col_text(st, 6), "valid_until", until, "state",
                                    licence_state(until));
        *ret = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:o, s:b}", "id", (json_int_t)id, "name", sh_col_text(st, 0), "kind",
                         kind, "kind_label", sh_entity_kind_label_zh(kind), "status", status, "status_label",
                         sh_entity_status_label_zh(status), "address", sh_col_is_null(st, 3) ? NULL : sh_col_text(st, 3), "township",
                         sh_col_is_null(st, 4) ? NULL : sh_col_text(st, 4), "licence", licence, "camera_allowed",
                         (int)sh_col_int64(st, 8));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "id", "商户不存在 (no such shop)");
}

static json_t *inspection_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    char date[11];
    sh_date_of_days(sh_beijing_days(sh_col_int64(st, 2)), date);
    return json_pack("{s:s, s:s, s:s}", "date", date, "kind", sh_col_text(st, 0), "result", sh_col_text(st, 1));
}

/* The latest 5 completed inspections, and the face of the first. */
static int add_inspections(sh_db *db, int64_t id, json_t *page, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT kind, result, completed_at FROM inspections WHERE entity_id = ? AND status = 'completed'"
                                " AND result IS NOT NULL ORDER BY completed_at DESC, id DESC LIMIT 5",
                                err);
    if (st)
        sh_bind_int64(st, 1, id);
    json_t *items = json_array();
    int rc = sh_rows_append(st, inspection_row, NULL, items, err);
    json_t *first = json_array_get(items, 0);
    const char *face = first ? face_of(json_string_value(json_object_get(first, "result"))) : NULL;
    json_object_set_new(page, "face", face ? json_pack("{s:s, s:O, s:O}", "face", face, "result", json_object_get(first, "result"), "date",
                                                       json_object_get(first, "date"))
                                           : json_null());
    json_object_set_new(page, "inspections", items);
    return rc;
}

static int add_rectifications(sh_db *db, int64_t id, json_t *page, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT coalesce(sum(CASE WHEN status = 'verified' THEN 1 ELSE 0 END), 0),"
                                " coalesce(sum(CASE WHEN status <> 'verified' THEN 1 ELSE 0 END), 0) FROM rectifications WHERE entity_id = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        json_object_set_new(page, "rectifications", json_pack("{s:I, s:I}", "closed", (json_int_t)sh_col_int64(st, 0), "open",
                                                              (json_int_t)sh_col_int64(st, 1)));
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_shop_page(sh_db *db, int64_t id, const char *page_url, json_t **ret, sh_err *err)
{
    json_t *page = NULL, *samples = NULL, *rating = NULL;
    int64_t snapshot = 0;
    int rc = load_entity(db, id, &page, err);
    if (rc == 0)
        rc = add_inspections(db, id, page, err);
    if (rc == 0)
        rc = add_rectifications(db, id, page, err);
    if (rc == 0 && (rc = sh_samples_public_of(db, id, 5, &samples, err)) == 0)
        json_object_set(page, "samples", json_object_get(samples, "items"));
    if (rc == 0 && (rc = sh_shop_camera_snapshot(db, id, &snapshot, err)) == 0)
        json_object_set_new(page, "camera", json_boolean(snapshot != 0));
    if (rc == 0 && (rc = sh_shop_rating(db, id, &rating, err)) == 0)
        json_object_set_new(page, "rating", rating);
    json_t *marks = NULL; /* the brand marks it may use today (brands/auths.c) */
    if (rc == 0 && (rc = sh_brand_auths_public_of(db, id, &marks, err)) == 0)
        json_object_set_new(page, "marks", marks);
    json_t *famous = NULL; /* a 名特优 recognition valid today, or null (famous/famous.c) */
    if (rc == 0 && (rc = sh_famous_public_of(db, id, &famous, err)) == 0)
        json_object_set_new(page, "famous", famous);
    json_t *insurance = NULL; /* liability insurance policies in force today (people/insurance.c) */
    if (rc == 0 && (rc = sh_insurance_public_of(db, id, &insurance, err)) == 0)
        json_object_set_new(page, "insurance", insurance);
    json_t *credit = NULL; /* joint-punishment flags (a serious-dishonesty listing, the black list) and the red list */
    if (rc == 0 && (rc = sh_credit_flags(db, id, &credit, err)) == 0)
        json_object_set_new(page, "credit", credit);
    json_decref(samples);
    if (rc) {
        json_decref(page);
        return rc;
    }
    json_object_set_new(page, "page_url", page_url ? json_string(page_url) : json_null());
    *ret = page;
    return 0;
}
