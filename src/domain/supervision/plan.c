#include "domain/supervision/plan.h"
#include "domain/base/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "store/qb.h"

#define DAY_MS 86400000LL
#define BEIJING_MS (8 * 3600 * 1000LL)

static int visits_for(sh_db *db, const char *grade)
{
    char key[16];
    snprintf(key, sizeof key, "visits_%c", grade[0] - 'A' + 'a');
    return sh_setting_int(db, key, 1);
}

/* Epoch ms of 00:00 Beijing time on 1 January of year. */
static int64_t year_start_ms(int year)
{
    long y = year - 1, days = 365L * (year - 1970) + (y / 4 - 1969 / 4) - (y / 100 - 1969 / 100) + (y / 400 - 1969 / 400);
    return (int64_t)days * DAY_MS - BEIJING_MS;
}

static void add_to(json_t *obj, const char *key, json_int_t n)
{
    json_object_set_new(obj, key, json_integer(json_integer_value(json_object_get(obj, key)) + n));
}

static json_t *counters(void)
{
    return json_pack("{s:i, s:i, s:i, s:i, s:i}", "businesses", 0, "required", 0, "done", 0, "behind", 0, "full_due", 0);
}

static int inspectors_part(sh_db *db, const sh_principal *actor, int64_t from, const char *today, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT u.id, u.display_name, sum(CASE WHEN i.status = 'assigned' THEN 1 ELSE 0 END),"
                   " sum(CASE WHEN i.status = 'assigned' AND i.due_date < ");
    sh_qb_text(&qb, today);
    sh_qb_sql(&qb, " THEN 1 ELSE 0 END), sum(CASE WHEN i.status = 'completed' AND i.completed_at >= ");
    sh_qb_int64(&qb, from);
    sh_qb_sql(&qb, " THEN 1 ELSE 0 END) FROM inspection_inspectors x JOIN users u ON u.id = x.user_id JOIN inspections i ON i.id = x.inspection_id"
                   " JOIN entities e ON e.id = i.entity_id WHERE 1 = 1");
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " GROUP BY u.id ORDER BY u.id");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *arr = json_array();
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW)
        json_array_append_new(arr, json_pack("{s:I, s:s, s:I, s:I, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "name",
                                             sh_col_text(st, 1), "open", (json_int_t)sh_col_int64(st, 2), "overdue",
                                             (json_int_t)sh_col_int64(st, 3), "completed", (json_int_t)sh_col_int64(st, 4)));
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(arr);
        return rc;
    }
    *ret = arr;
    return 0;
}

int sh_plan(sh_db *db, const sh_principal *actor, int year, const char *today, const sh_page *behind_page, json_t **ret, sh_err *err)
{
    if (year < 2000 || year > 2100)
        return sh_fail(err, SH_EINVAL, "year", "年份无效 (year must be 2000-2100)");
    if (actor->role == SH_ROLE_BUSINESS)
        return sh_fail(err, SH_EPERM, "", "检查计划供监管人员查看 (the plan is for officials)");
    int64_t from = year_start_ms(year), to = year_start_ms(year + 1);
    int64_t now = sh_now_ms();
    /* the share of the year gone by: a business is behind when it has had fewer visits than that share asks */
    double elapsed = now <= from ? 0.0 : now >= to ? 1.0 : (double)(now - from) / (double)(to - from);
    int64_t two_years_ago = now - 2 * 365 * DAY_MS;
    int visits[4];
    for (int g = 0; g < 4; g++) {
        char grade[2] = {(char)('A' + g), 0};
        visits[g] = visits_for(db, grade);
    }
    int strict_extra = sh_setting_int(db, "sampling_strict_extra_visits", 2);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb,
              "SELECT e.id, e.name, t.code, t.name, coalesce(g.grade, ''),"
              " (SELECT count(*) FROM inspections i WHERE i.entity_id = e.id AND i.status = 'completed' AND i.completed_at >= ");
    sh_qb_int64(&qb, from);
    sh_qb_sql(&qb, " AND i.completed_at < ");
    sh_qb_int64(&qb, to);
    sh_qb_sql(&qb,
              "), (SELECT max(completed_at) FROM inspections i WHERE i.entity_id = e.id AND i.status = 'completed'"
              " AND i.kind <> 'flying'), (SELECT count(*) FROM strict_supervision s WHERE s.entity_id = e.id AND s.from_on < ");
    char first[11], next_first[11];
    snprintf(first, sizeof first, "%04d-01-01", year);
    snprintf(next_first, sizeof next_first, "%04d-01-01", year + 1);
    sh_qb_text(&qb, next_first);
    sh_qb_sql(&qb, " AND s.until_on >= ");
    sh_qb_text(&qb, first);
    sh_qb_sql(&qb, ") FROM entities e LEFT JOIN entity_grades g ON g.entity_id = e.id"
              " JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000' WHERE e.status = 'active'");
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " ORDER BY t.code, e.id");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *totals = counters(), *towns = json_array(), *behind = json_array(), *town = NULL;
    const char *town_code = "";
    int64_t behind_total = 0;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        const char *grade = sh_col_text(st, 4);
        /* every business is graded when created (risk/hooks.c); one left ungraded (from before that)
         * is not taken as A: until graded it is planned as the highest grade, D */
        int required = grade[0] ? visits[(grade[0] - 'A') & 3] : visits[3];
        int strict = sh_col_int64(st, 7) > 0; /* under strict supervision at some time this year */
        if (strict)
            required += strict_extra;
        int64_t done = sh_col_int64(st, 5);
        int full_due = sh_col_is_null(st, 6) || sh_col_int64(st, 6) < two_years_ago;
        int is_behind = (double)done < (double)required * elapsed - 1e-9 && done < required;
        if (!town || strcmp(town_code, sh_col_text(st, 2)) != 0) {
            town = counters();
            json_object_set_new(town, "township_code", json_string(sh_col_text(st, 2)));
            json_object_set_new(town, "township_name", json_string(sh_col_text(st, 3)));
            json_array_append_new(towns, town);
            town_code = json_string_value(json_object_get(town, "township_code"));
        }
        json_t *both[2] = {totals, town};
        for (int k = 0; k < 2; k++) {
            add_to(both[k], "businesses", 1);
            add_to(both[k], "required", required);
            add_to(both[k], "done", done < required ? done : required);
            add_to(both[k], "behind", is_behind);
            add_to(both[k], "full_due", full_due);
        }
        if ((is_behind || full_due) && behind_total++ >= behind_page->offset && (int64_t)json_array_size(behind) < behind_page->limit)
            json_array_append_new(behind, json_pack("{s:I, s:s, s:s, s:s, s:i, s:I, s:b, s:b, s:b}", "id", (json_int_t)sh_col_int64(st, 0),
                                                    "name", sh_col_text(st, 1), "township_name", sh_col_text(st, 3), "grade",
                                                    grade, "required", required, "done", (json_int_t)done, "behind", is_behind,
                                                    "full_due", full_due, "strict_supervision", strict));
    }
    sh_stmt_done(st);
    json_t *inspectors = NULL;
    if (rc >= 0)
        rc = inspectors_part(db, actor, from, today, &inspectors, err);
    if (rc < 0) {
        json_decref(totals);
        json_decref(towns);
        json_decref(behind);
        return rc;
    }
    *ret = json_pack("{s:i, s:f, s:o, s:o, s:o, s:o, s:I}", "year", year, "elapsed", elapsed, "totals", totals, "townships", towns,
                     "inspectors", inspectors, "behind", behind, "behind_total", (json_int_t)behind_total);
    return 0;
}
