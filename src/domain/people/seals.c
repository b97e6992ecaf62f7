/* 食安封签 for takeaway (people.h; db/075): a county or township official issues a batch of numbered seals to a
 * business in scope (prefix, first_no..last_no; no overlap with another batch of the same prefix); the
 * business (or an official) reports how many it has used, a count that only rises up to the batch's
 * size. Figures by township: batches, seals issued, seals used. */
#include "domain/people/people.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/calendar.h"
#include "domain/people/people_int.h"
#include "store/qb.h"
#include "store/scope.h"

#define COLS                                                                                                                             \
    "b.id, b.entity_id, e.name, b.prefix, b.first_no, b.last_no, b.issued_on, b.used, b.used_on,"                                          \
    " (SELECT count(*) FROM seal_uses u WHERE u.batch_id = b.id)"
#define FROM " FROM seal_batches b JOIN entities e ON e.id = b.entity_id"

static json_t *row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    int64_t first = sh_col_int64(st, 4), last = sh_col_int64(st, 5);
    return json_pack("{s:I, s:I, s:s, s:s, s:I, s:I, s:I, s:s, s:I, s:o, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "entity_id",
                     (json_int_t)sh_col_int64(st, 1), "entity_name", sh_col_text(st, 2), "prefix", sh_col_text(st, 3), "first_no",
                     (json_int_t)first, "last_no", (json_int_t)last, "size", (json_int_t)(last - first + 1), "issued_on", sh_col_text(st, 6),
                     "used", (json_int_t)sh_col_int64(st, 7), "used_on", sh_col_is_null(st, 8) ? json_null() : json_string(sh_col_text(st, 8)), "seals_reported",
                     (json_int_t)sh_col_int64(st, 9));
}

int sh_seal_batch_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    return pp_get(db, actor, "SELECT " COLS FROM " WHERE b.id = ", id, row, NULL, "封签批次不存在 (no such seal batch)", ret, err);
}

static int official(const sh_principal *actor, sh_err *err)
{
    if (actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_TOWNSHIP || actor->role == SH_ROLE_ADMIN)
        return 0;
    return sh_fail(err, SH_EPERM, "", "食安封签由县、乡镇（街道）监管人员发放 (county and township officials issue seals)");
}

static int number_of(json_t *body, const char *field, const char *label, json_int_t *out, sh_err *err)
{
    json_t *v = json_object_get(body, field);
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 999999999)
        return sh_fail(err, SH_EINVAL, field, "%s：应为1至999999999之间的整数 (%s must be 1-999999999)", label, field);
    *out = json_integer_value(v);
    return 0;
}

int sh_seal_batch_issue(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    int rc = official(actor, err);
    if (rc)
        return rc;
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *prefix = json_string_value(json_object_get(body, "prefix"));
    size_t n = prefix ? strlen(prefix) : 0;
    int ok = n >= 2 && n <= 10;
    for (size_t i = 0; ok && i < n; i++)
        ok = isupper((unsigned char)prefix[i]) || isdigit((unsigned char)prefix[i]);
    if (!ok)
        return sh_fail(err, SH_EINVAL, "prefix", "编号前缀：应为2至10位大写字母或数字 (prefix: 2-10 capital letters or digits)");
    json_int_t first = 0, last = 0;
    if ((rc = number_of(body, "first_no", "起始编号", &first, err)) || (rc = number_of(body, "last_no", "终止编号", &last, err)))
        return rc;
    if (last < first || last - first >= 100000)
        return sh_fail(err, SH_EINVAL, "last_no", "终止编号：应不小于起始编号，一批不超过100000枚 (last_no from first_no, at most 100000 seals)");
    int64_t entity = 0;
    char division[13], today[11];
    sh_today(today);
    if ((rc = pp_entity_of(db, actor, body, &entity, division, err)) != 0)
        return rc;
    int own = 0;
    if ((rc = sh_db_join(db, &own, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT id FROM seal_batches WHERE prefix = ? AND first_no <= ? AND last_no >= ?", err);
    if (st) {
        sh_bind_text(st, 1, prefix);
        sh_bind_int64(st, 2, last);
        sh_bind_int64(st, 3, first);
    }
    rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    sh_stmt_done(st);
    rc = rc == SH_ROW ? sh_fail(err, SH_EINVAL, "first_no", "起始编号：与已发放的封签编号重叠 (overlaps a batch issued already)") : rc < 0 ? rc : 0;
    int64_t id = 0;
    if (rc == 0) {
        st = sh_db_prepare(db,
                           "INSERT INTO seal_batches(entity_id, division_code, prefix, first_no, last_no, issued_on, created_by, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           err);
        if (st) {
            sh_bind_int64(st, 1, entity);
            sh_bind_text(st, 2, division);
            sh_bind_text(st, 3, prefix);
            sh_bind_int64(st, 4, first);
            sh_bind_int64(st, 5, last);
            sh_bind_text(st, 6, today);
            sh_bind_int64_or_null(st, 7, actor->user_id);
            sh_bind_int64(st, 8, sh_now_ms());
        }
        rc = sh_stmt_insert_id(st, &id, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:I, s:I}", "entity_id", (json_int_t)entity, "prefix", prefix, "first_no", first, "last_no", last);
        rc = sh_audit(db, actor, "issue", "seal_batch", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_leave(db, own, rc, err);
    return rc ? rc : sh_seal_batch_get(db, actor, id, ret, err);
}

int pp_seal_batch_to_report(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    int rc = pp_may_keep(actor, "封签使用情况", err);
    return rc ? rc : sh_seal_batch_get(db, actor, id, ret, err);
}

int sh_seal_batch_use(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    json_t *cur = NULL;
    int rc = pp_seal_batch_to_report(db, actor, id, &cur, err);
    if (rc)
        return rc;
    json_int_t size = json_integer_value(json_object_get(cur, "size")), before = json_integer_value(json_object_get(cur, "used"));
    json_decref(cur);
    json_t *v = json_object_get(body, "used");
    if (!json_is_integer(v) || json_integer_value(v) < before || json_integer_value(v) > size)
        return sh_fail(err, SH_EINVAL, "used", "已使用数量：应为%lld至%lld之间的整数（累计，不可减少） (used: the running total, %lld-%lld)", (long long)before,
                       (long long)size, (long long)before, (long long)size);
    char today[11];
    sh_today(today);
    int own = 0;
    if ((rc = sh_db_join(db, &own, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "UPDATE seal_batches SET used = ?, used_on = ? WHERE id = ?", err);
    if (st) {
        sh_bind_int64(st, 1, json_integer_value(v));
        sh_bind_text(st, 2, today);
        sh_bind_int64(st, 3, id);
    }
    rc = sh_stmt_run(st, err);
    if (rc == 0) {
        json_t *b = json_pack("{s:I}", "used", before), *a = json_pack("{s:I}", "used", json_integer_value(v));
        rc = sh_audit(db, actor, "use", "seal_batch", id, b, a, err);
        json_decref(b);
        json_decref(a);
    }
    rc = sh_db_leave(db, own, rc, err);
    return rc ? rc : sh_seal_batch_get(db, actor, id, ret, err);
}

struct list_where {
    const sh_principal *actor;
    int64_t entity_id;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, FROM " WHERE 1 = 1");
    sh_scope_entities(qb, &w->actor->scope, "e");
    if (w->entity_id) {
        sh_qb_sql(qb, " AND b.entity_id = ");
        sh_qb_int64(qb, w->entity_id);
    }
}

int sh_seal_batches_list(sh_db *db, const sh_principal *actor, int64_t entity_id, const sh_page *page, json_t **ret, sh_err *err)
{
    struct list_where w = {actor, entity_id};
    sh_page_query q = {COLS, list_from_where, &w, " ORDER BY b.id DESC", page->limit, page->offset, row, NULL};
    return sh_rows_page(db, &q, ret, err);
}

static json_t *figure_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s, s:I, s:I, s:I}", "code", sh_col_text(st, 0), "name", sh_col_text(st, 1), "batches", (json_int_t)sh_col_int64(st, 2),
                     "issued", (json_int_t)sh_col_int64(st, 3), "used", (json_int_t)sh_col_int64(st, 4));
}

int sh_seal_figures(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err)
{
    int rc = official(actor, err);
    if (rc)
        return rc;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT b.division_code, COALESCE(d.name, b.division_code), count(*), SUM(b.last_no - b.first_no + 1), SUM(b.used)"
                   " FROM seal_batches b JOIN entities e ON e.id = b.entity_id LEFT JOIN divisions d ON d.code = b.division_code WHERE 1 = 1");
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " GROUP BY b.division_code, d.name ORDER BY b.division_code");
    json_t *items = json_array();
    rc = sh_rows_append(sh_qb_prepare(db, &qb, err), figure_row, NULL, items, err);
    sh_qb_release(&qb);
    if (rc) {
        json_decref(items);
        return rc;
    }
    int64_t t[3] = {0, 0, 0};
    size_t i;
    json_t *o;
    json_array_foreach(items, i, o)
    {
        t[0] += json_integer_value(json_object_get(o, "batches"));
        t[1] += json_integer_value(json_object_get(o, "issued"));
        t[2] += json_integer_value(json_object_get(o, "used"));
    }
    *ret = json_pack("{s:o, s:{s:I, s:I, s:I}}", "townships", items, "total", "batches", (json_int_t)t[0], "issued", (json_int_t)t[1], "used",
                     (json_int_t)t[2]);
    return 0;
}
