#include "domain/supervision/selfcheck.h"
#include "store/rows.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/calendar.h"
#include "domain/registry/entity.h"
#include "store/qb.h"

static int kind_valid(const char *k)
{
    return k && (!strcmp(k, "daily") || !strcmp(k, "weekly") || !strcmp(k, "monthly"));
}

int sh_self_period(const char *kind, const char *date, char out[11], sh_err *err)
{
    if (!kind_valid(kind))
        return sh_fail(err, SH_EINVAL, "kind", "记录类型应为daily、weekly或monthly (kind must be daily, weekly or monthly)");
    int y, m, d;
    if (!sh_date_valid(date, &y, &m, &d))
        return sh_fail(err, SH_EINVAL, "period_date", "日期无效 (not a real date)");
    if (!strcmp(kind, "monthly")) {
        snprintf(out, 11, "%04d-%02d", y, m);
    } else if (!strcmp(kind, "weekly")) {
        /* Sakamoto's day of the week (0 = Sunday), then back to that week's Monday */
        static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
        int yy = y - (m < 3);
        int dow = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7;
        sh_date_add_days(date, -((dow + 6) % 7), out);
    } else {
        snprintf(out, 11, "%s", date);
    }
    return 0;
}

int sh_self_record(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err)
{
    if (actor->role != SH_ROLE_BUSINESS || !actor->entity_id)
        return sh_fail(err, SH_EPERM, "", "自查记录由经营主体填写 (the business records its own checks)");
    const char *kind = json_string_value(json_object_get(body, "kind"));
    const char *date = json_string_value(json_object_get(body, "period_date"));
    const char *content = json_string_value(json_object_get(body, "content"));
    const char *problems = json_string_value(json_object_get(body, "problems"));
    json_t *nothing = json_object_get(body, "nothing_found");
    char today[11], period[11];
    sh_today(today);
    int rc = sh_self_period(kind, date ? date : today, period, err);
    if (rc)
        return rc;
    if (date && strcmp(date, today) > 0)
        return sh_fail(err, SH_EINVAL, "period_date", "不能提前填写 (cannot record for a future date)");
    if (nothing && !json_is_boolean(nothing))
        return sh_fail(err, SH_EINVAL, "nothing_found", "应为true或false (must be a boolean)");
    if ((rc = sh_check_text(content, 2, 2000, "content", err)) != 0)
        return rc;
    if (json_is_true(nothing) && problems && *problems)
        return sh_fail(err, SH_EINVAL, "problems", "已勾选未发现问题，不应填写问题 (nothing found, yet problems given)");
    if (!json_is_true(nothing) && (rc = sh_check_text(problems, 2, 2000, "problems", err)) != 0)
        return sh_fail(err, SH_EINVAL, "problems", "发现问题时须写明问题；未发现问题请勾选 (describe the problems, or mark nothing found)");
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO self_records(entity_id, kind, period, nothing_found, content, problems, recorded_by,"
                                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, actor->entity_id);
    sh_bind_text(st, 2, kind);
    sh_bind_text(st, 3, period);
    sh_bind_int64(st, 4, json_is_true(nothing));
    sh_bind_text(st, 5, content);
    sh_bind_text(st, 6, json_is_true(nothing) ? NULL : problems);
    sh_bind_int64(st, 7, actor->user_id);
    sh_bind_int64(st, 8, sh_now_ms());
    rc = sh_stmt_insert_id(st, ret_id, err);
    if (rc == SH_EEXIST)
        return sh_fail(err, SH_EEXIST, "period_date", "本期已填写 (this period is already recorded)");
    return rc;
}

static json_t *selfcheck_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:b, s:s, s:s*, s:I}", "id", (json_int_t)sh_col_int64(st, 0),
                     "entity_id", (json_int_t)sh_col_int64(st, 1), "entity_name", sh_col_text(st, 2), "kind",
                     sh_col_text(st, 3), "period", sh_col_text(st, 4), "nothing_found", (int)sh_col_int64(st, 5),
                     "content", sh_col_text(st, 6), "problems", sh_col_is_null(st, 7) ? NULL : sh_col_text(st, 7),
                     "created_at", (json_int_t)sh_col_int64(st, 8));
}

struct list_where {
    const sh_principal *actor;
    int64_t entity_id;
    const char *kind;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, " FROM self_records r JOIN entities e ON e.id = r.entity_id WHERE 1 = 1");
    sh_scope_entities(qb, &w->actor->scope, "e");
    if (w->entity_id) {
        sh_qb_sql(qb, " AND r.entity_id = ");
        sh_qb_int64(qb, w->entity_id);
    }
    if (w->kind) {
        sh_qb_sql(qb, " AND r.kind = ");
        sh_qb_text(qb, w->kind);
    }
}

int sh_self_list(sh_db *db, const sh_principal *actor, int64_t entity_id, const char *kind, const sh_page *page, json_t **ret,
                 sh_err *err)
{
    if (kind && !kind_valid(kind))
        return sh_fail(err, SH_EINVAL, "kind", "记录类型应为daily、weekly或monthly (kind must be daily, weekly or monthly)");
    struct list_where w = {actor, entity_id, kind};
    sh_page_query q = {"r.id, r.entity_id, e.name, r.kind, r.period, r.nothing_found, r.content, r.problems, r.created_at",
                       list_from_where, &w, " ORDER BY r.period DESC, r.id DESC", page->limit, page->offset, selfcheck_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}

struct missing_where {
    const sh_principal *actor;
    const char *kind, *period;
};

static void missing_from_where(sh_qb *qb, const void *ctx)
{
    const struct missing_where *w = ctx;
    sh_qb_sql(qb, " FROM entities e JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000'"
                  " WHERE e.status = 'active' AND e.kind <> 'stall' AND NOT EXISTS (SELECT 1 FROM self_records r"
                  " WHERE r.entity_id = e.id AND r.kind = ");
    sh_qb_text(qb, w->kind);
    sh_qb_sql(qb, " AND r.period = ");
    sh_qb_text(qb, w->period);
    sh_qb_sql(qb, ")");
    sh_scope_entities_by_id(qb, &w->actor->scope, "e");
}

static json_t *missing_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:s, s:s, s:s*, s:s*}", "id", (json_int_t)sh_col_int64(st, 0), "name", sh_col_text(st, 1), "kind",
                     sh_col_text(st, 2), "township_name", sh_col_text(st, 3), "officer_name",
                     sh_col_is_null(st, 4) ? NULL : sh_col_text(st, 4), "officer_phone", sh_col_is_null(st, 5) ? NULL : sh_col_text(st, 5));
}

int sh_self_missing(sh_db *db, const sh_principal *actor, const char *kind, const char *date, const sh_page *page, json_t **ret,
                    sh_err *err)
{
    char period[11];
    int rc = sh_self_period(kind, date, period, err);
    if (rc)
        return rc;
    struct missing_where w = {actor, kind, period};
    sh_page_query q = {"e.id, e.name, e.kind, t.name, e.officer_name, e.officer_phone", missing_from_where, &w, " ORDER BY e.id",
                       page->limit, page->offset, missing_row, NULL};
    rc = sh_rows_page(db, &q, ret, err);
    if (rc)
        return rc;
    json_object_set_new(*ret, "kind", json_string(kind));
    json_object_set_new(*ret, "period", json_string(period));
    json_object_set(*ret, "missing", json_object_get(*ret, "total")); /* the name the console and reports use */
    return 0;
}
