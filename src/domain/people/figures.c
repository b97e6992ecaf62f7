/* The year's spot exams by township (people.h): exams submitted, passed, the pass rate, and how many
 * people were examined, in the caller's jurisdiction (the township of each business, kept with the
 * exam). For county and township officials. */
#include "domain/people/people.h"

#include <stdio.h>

#include "core/civil.h"
#include "domain/base/settings.h"
#include "store/qb.h"
#include "store/scope.h"

static json_t *row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    int64_t exams = sh_col_int64(st, 2), passed = sh_col_int64(st, 3);
    return json_pack("{s:s, s:s, s:I, s:I, s:f, s:I}", "division_code", sh_col_text(st, 0), "name", sh_col_text(st, 1), "exams",
                     (json_int_t)exams, "passed", (json_int_t)passed, "pass_rate", exams ? (double)passed * 100.0 / (double)exams : 0.0,
                     "people", (json_int_t)sh_col_int64(st, 4));
}

int sh_exam_figures(sh_db *db, const sh_principal *actor, int year, json_t **ret, sh_err *err)
{
    if (actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_TOWNSHIP && actor->role != SH_ROLE_ADMIN)
        return sh_fail(err, SH_EPERM, "", "考核统计供县、乡镇（街道）监管人员查看 (for county and township officials)");
    if (year < 2000 || year > 2100)
        return sh_fail(err, SH_EINVAL, "year", "年度：应为2000至2100之间的年份 (year must be 2000-2100)");
    int64_t from = sh_beijing_day_start_ms(sh_days_from_civil(year, 1, 1)), to = sh_beijing_day_start_ms(sh_days_from_civil(year + 1, 1, 1));
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT x.division_code, COALESCE(d.name, x.division_code), count(*), SUM(CASE WHEN x.passed = 1 THEN 1 ELSE 0 END),"
                   " count(DISTINCT x.appointment_id) FROM fs_exams x LEFT JOIN divisions d ON d.code = x.division_code"
                   " WHERE x.status = 'submitted' AND x.submitted_at >= ");
    sh_qb_int64(&qb, from);
    sh_qb_sql(&qb, " AND x.submitted_at < ");
    sh_qb_int64(&qb, to);
    if (actor->scope.kind == SH_SCOPE_DIVISION)
        sh_qb_division_prefix(&qb, "x.division_code", actor->scope.prefix);
    sh_qb_sql(&qb, " GROUP BY x.division_code, d.name ORDER BY x.division_code");
    json_t *items = json_array();
    int rc = sh_rows_append(sh_qb_prepare(db, &qb, err), row, NULL, items, err);
    sh_qb_release(&qb);
    if (rc) {
        json_decref(items);
        return rc;
    }
    int64_t exams = 0, passed = 0;
    size_t i;
    json_t *t;
    json_array_foreach(items, i, t)
    {
        exams += json_integer_value(json_object_get(t, "exams"));
        passed += json_integer_value(json_object_get(t, "passed"));
    }
    *ret = json_pack("{s:i, s:i, s:o, s:{s:I, s:I, s:f}}", "year", year, "pass_score", sh_setting_int(db, "exam_pass_score", 80), "townships",
                     items, "total", "exams", (json_int_t)exams, "passed", (json_int_t)passed, "pass_rate",
                     exams ? (double)passed * 100.0 / (double)exams : 0.0);
    return 0;
}
