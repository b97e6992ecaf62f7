/* Stored reports (reports.h): who may make and read them, and the rows of db/081. */
#include "domain/home/reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "store/qb.h"
#include "store/scope.h"

static int may_report(const sh_principal *actor)
{
    return actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_TOWNSHIP || actor->role == SH_ROLE_ADMIN;
}

static int refuse(sh_err *err)
{
    return sh_fail(err, SH_EPERM, "", "统计报表供县局、乡镇（街道）监管人员使用 (reports are for county and township officials)");
}

/* The division's name and level; 0 when it is not on file. */
static int division_of(sh_db *db, const char *code, char name[96], int *level, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT name, level FROM divisions WHERE code = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    int rc = sh_stmt_step(st, err);
    *level = 0;
    if (rc == SH_ROW) {
        snprintf(name, 96, "%s", sh_col_text(st, 0));
        *level = (int)sh_col_int64(st, 1);
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* The county the administrator's reports cover: the one division of level 1. */
static int county_code(sh_db *db, char code[13], sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT code FROM divisions WHERE level = 1 ORDER BY code LIMIT 1", err);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    code[0] = '\0';
    if (rc == SH_ROW)
        snprintf(code, 13, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int bad_area(sh_err *err)
{
    return sh_fail(err, SH_EINVAL, "division_code", "报告范围应为本县或本辖区内的一个乡镇（街道） (division_code must be the county or one of its townships)");
}

int sh_report_area(sh_db *db, const sh_principal *actor, const char *division_code, sh_principal *ret_as, char code[13],
                   char name[96], char county[96], sh_err *err)
{
    if (!may_report(actor))
        return refuse(err);
    int rc = 0;
    if (division_code && strlen(division_code) > 12)
        return bad_area(err);
    if (division_code && *division_code)
        snprintf(code, 13, "%s", division_code);
    else if (actor->role == SH_ROLE_ADMIN)
        rc = county_code(db, code, err);
    else
        snprintf(code, 13, "%s", actor->division_code);
    int level = 0;
    if (rc == 0)
        rc = division_of(db, code, name, &level, err);
    if (rc)
        return rc;
    if ((level != 1 && level != 2) || (actor->scope.kind != SH_SCOPE_ALL && !sh_scope_covers_division(&actor->scope, code)))
        return bad_area(err);
    char county_of[13];
    int county_level = 0;
    snprintf(county_of, sizeof county_of, "%.6s", code);
    if ((rc = division_of(db, county_of, county, &county_level, err)) != 0)
        return rc;
    if (county_level != 1)
        snprintf(county, 96, "%s", name);
    *ret_as = *actor;
    ret_as->scope.kind = SH_SCOPE_DIVISION;
    sh_division_prefix(code, ret_as->scope.prefix);
    return 0;
}

int sh_report_store(sh_db *db, const sh_principal *actor, const sh_report_new *r, int64_t *ret_id, sh_err *err)
{
    *ret_id = 0;
    int own = 0, rc = sh_db_join(db, &own, err);
    if (rc)
        return rc;
    char *figures = json_dumps(r->figures, JSON_COMPACT | JSON_SORT_KEYS);
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO reports (kind, period, division_code, title, figures, pdf, pdf_size, xlsx, xlsx_size,"
                                " generated_by, schedule_key, generated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                " ON CONFLICT (schedule_key) DO NOTHING RETURNING id",
                                err);
    if (st) {
        sh_bind_text(st, 1, r->period->kind);
        sh_bind_text(st, 2, r->period->text);
        sh_bind_text(st, 3, r->division_code);
        sh_bind_text(st, 4, r->title);
        sh_bind_text(st, 5, figures);
        sh_bind_blob(st, 6, r->pdf->data, (int)r->pdf->len);
        sh_bind_int64(st, 7, (int64_t)r->pdf->len);
        sh_bind_blob(st, 8, r->xlsx->data, (int)r->xlsx->len);
        sh_bind_int64(st, 9, (int64_t)r->xlsx->len);
        if (actor->user_id)
            sh_bind_int64(st, 10, actor->user_id);
        else
            sh_bind_null(st, 10);
        if (r->schedule_key)
            sh_bind_text(st, 11, r->schedule_key);
        else
            sh_bind_null(st, 11);
        sh_bind_int64(st, 12, sh_now_ms());
    }
    rc = sh_stmt_insert_id(st, ret_id, err);
    free(figures);
    if (rc == 0 && *ret_id) {
        json_t *after = json_pack("{s:s, s:s, s:s, s:b}", "period", r->period->text, "division_code", r->division_code, "title",
                                  r->title, "by_schedule", r->schedule_key != NULL);
        rc = sh_audit(db, actor, "report.generate", "report", *ret_id, NULL, after, err);
        json_decref(after);
    }
    return sh_db_leave(db, own, rc, err);
}

int sh_report_scheduled(sh_db *db, const char *key, int *ret_exists, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT 1 FROM reports WHERE schedule_key = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, key);
    int rc = sh_stmt_step(st, err);
    *ret_exists = rc == SH_ROW;
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

#define REPORT_COLS                                                                                                              \
    "r.id, r.kind, r.period, r.division_code, d.name, r.title, r.generated_at, u.display_name, r.schedule_key, r.pdf_size," \
    " r.xlsx_size"

static void from_where(sh_qb *qb, const void *ctx)
{
    const sh_principal *actor = ctx;
    sh_qb_sql(qb, " FROM reports r JOIN divisions d ON d.code = r.division_code LEFT JOIN users u ON u.id = r.generated_by WHERE 1 = 1");
    sh_scope_division_column(qb, &actor->scope, "r.division_code");
}

/* 2026-11 → 2026年11月, 2026-Q4 → 2026年第四季度 */
static void period_label(const char *text, char out[32])
{
    sh_report_period p;
    sh_err ignored = {0};
    if (sh_report_period_parse(text, "9999-12-31", &p, &ignored) == 0)
        snprintf(out, 32, "%s", p.label);
    else
        snprintf(out, 32, "%s", text);
}

static json_t *report_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    char label[32];
    period_label(sh_col_text(st, 2), label);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:o, s:b, s:I, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "kind",
                     sh_col_text(st, 1), "period", sh_col_text(st, 2), "period_label", label, "division_code", sh_col_text(st, 3),
                     "division_name", sh_col_text(st, 4), "title", sh_col_text(st, 5), "generated_at",
                     (json_int_t)sh_col_int64(st, 6), "generated_by_name",
                     sh_col_is_null(st, 7) ? json_string("定时生成") : sh_col_text_json(st, 7), "by_schedule", !sh_col_is_null(st, 8),
                     "pdf_size", (json_int_t)sh_col_int64(st, 9), "xlsx_size", (json_int_t)sh_col_int64(st, 10));
}

int sh_reports_list(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err)
{
    if (!may_report(actor))
        return refuse(err);
    sh_page_query q = {REPORT_COLS, from_where, actor, " ORDER BY r.generated_at DESC, r.id DESC", page->limit, page->offset,
                       report_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}

/* The report's row in the caller's jurisdiction, with `extra` columns after the list's; NULL: none. */
static sh_stmt *load(sh_db *db, const sh_principal *actor, int64_t id, const char *extra, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " REPORT_COLS ", ");
    sh_qb_sql(&qb, extra);
    from_where(&qb, actor);
    sh_qb_sql(&qb, " AND r.id = ");
    sh_qb_int64(&qb, id);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    return st;
}

static int not_found(sh_err *err) { return sh_fail(err, SH_ENOTFOUND, "id", "报告不存在 (no such report)"); }

int sh_report_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    if (!may_report(actor))
        return refuse(err);
    sh_stmt *st = load(db, actor, id, "r.figures", err);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        json_t *row = report_row(st, NULL);
        json_object_set_new(row, "figures", json_loads(sh_col_text(st, 11), 0, NULL));
        *ret = row;
        rc = 0;
    } else if (rc == SH_DONE) {
        rc = not_found(err);
    }
    sh_stmt_done(st);
    return rc;
}

int sh_report_file(sh_db *db, const sh_principal *actor, int64_t id, const char *format, sh_buf *out, char ret_name[160],
                   sh_err *err)
{
    if (!may_report(actor))
        return refuse(err);
    int pdf = !strcmp(format, "pdf");
    sh_stmt *st = load(db, actor, id, pdf ? "r.pdf" : "r.xlsx", err);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        int len = 0;
        const void *p = sh_col_blob(st, 11, &len);
        sh_buf_add(out, p, (size_t)len);
        snprintf(ret_name, 160, "report-%s-%s.%s", sh_col_text(st, 3), sh_col_text(st, 2), pdf ? "pdf" : "xlsx");
        rc = 0;
    } else if (rc == SH_DONE) {
        rc = not_found(err);
    }
    sh_stmt_done(st);
    return rc;
}
