#include "demo/demo_famous.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/calendar.h"
#include "domain/famous/famous.h"
#include "domain/risk/risk.h"

#define DAY_MS 86400000LL

/* A trade word of the workshop's name and its catalogue entry (data/workshops/catalogue.csv). */
static const char *const TRADES[][3] = {{"米粉", "XZF-01", "手工米粉"}, {"手工面", "XZF-01", "手工面"}, {"豆腐", "XZF-09", "豆腐"},
                                        {"豆干", "XZF-09", "豆腐干"},   {"腊肉", "XZF-04", "腊肉"},     {"米酒", "XZF-05", "米酒"},
                                        {"麻糍", "XZF-08", "麻糍"},     {"糕点", "XZF-08", "米糕"},     {"酱菜", "XZF-06", "酱菜"}};
static const char *const STATEMENTS[] = {"三代传承的手工工艺，产品在本县及周边享有口碑", "坚持传统做法，原料取自本地，多年无质量投诉",
                                         "作坊布局规范，自检记录完整，产品为本地特色", "传统工艺，产品供应本地农贸市场"};
static const char *const STATUS[] = {"recognised", "recognised", "forwarded", "submitted"};

static int add_record(sh_db *db, int64_t entity, const char *division, int i, const char *today, sh_err *err)
{
    json_t *manual = json_pack("{s:{s:b, s:s}, s:{s:b, s:s}}", "traditional_craft", "pass", 1, "note", "传统工艺，地方特色产品", "site_hygiene", "pass", 1,
                               "note",
                               "现场布局合理，卫生良好");
    json_t *eval = NULL;
    int rc = sh_famous_evaluate(db, entity, manual, &eval, err);
    const char *status = STATUS[i];
    if (rc == 0 && !strcmp(status, "recognised") && !json_is_true(json_object_get(eval, "all_passed")))
        status = "forwarded"; /* the county would not recognise it */
    int recognised = !strcmp(status, "recognised"), reviewed = strcmp(status, "submitted") != 0;
    char *m = json_dumps(manual, JSON_COMPACT | JSON_SORT_KEYS), *e = json_dumps(eval, JSON_COMPACT), until[11];
    sh_date_validity_end(today, 3, until);
    int64_t now = sh_now_ms(), id = 0;
    sh_stmt *st = rc ? NULL
                     : sh_db_prepare(db,
                                     "INSERT INTO famous_workshops(entity_id, division_code, origin, statement, status, manual, evaluation, review_note,"
                                     " decision_note, recognised_on, valid_until, decided_at, created_at, updated_at)"
                                     " VALUES (?, ?, 'nominated', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                     err);
    if (st) {
        sh_bind_int64(st, 1, entity);
        sh_bind_text(st, 2, division);
        sh_bind_text(st, 3, STATEMENTS[i]);
        sh_bind_text(st, 4, status);
        sh_bind_text_or_null(st, 5, reviewed ? m : NULL);
        sh_bind_text_or_null(st, 6, recognised ? e : NULL);
        sh_bind_text_or_null(st, 7, reviewed ? "现场核查符合要求，推荐认定" : NULL);
        sh_bind_text_or_null(st, 8, recognised ? "符合名特优小作坊认定条件" : NULL);
        sh_bind_text_or_null(st, 9, recognised ? today : NULL);
        sh_bind_text_or_null(st, 10, recognised ? until : NULL);
        sh_bind_int64_or_null(st, 11, recognised ? now : 0);
        sh_bind_int64(st, 12, now - 30 * DAY_MS);
        sh_bind_int64(st, 13, now);
        rc = sh_stmt_insert_id(st, &id, err);
    } else if (rc == 0) {
        rc = SH_EINTERNAL;
    }
    sh_principal sys;
    sh_principal_system(&sys);
    if (rc == 0)
        rc = sh_famous_event(db, &sys, id, "nominated", "official", 0, STATEMENTS[i], err);
    if (rc == 0 && reviewed)
        rc = sh_famous_event(db, &sys, id, "forwarded", "official", 0, "现场核查符合要求，推荐认定", err);
    if (rc == 0 && recognised)
        rc = sh_famous_event(db, &sys, id, "recognised", "official", 0, "符合名特优小作坊认定条件", err);
    free(m);
    free(e);
    json_decref(manual);
    json_decref(eval);
    return rc;
}

int sh_demo_famous(sh_db *db, sh_err *err)
{
    char today[11], since[11];
    sh_today(today);
    sh_date_add_months(today, -12, since);
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT e.id, e.name, substr(e.division_code, 1, 9) || '000' FROM entities e"
                                " WHERE e.kind = 'workshop' AND e.status = 'active' AND e.created_at < ? AND e.licence_valid_until >= ?"
                                " AND NOT EXISTS (SELECT 1 FROM samples s WHERE s.entity_id = e.id AND s.final_verdict = 'fail' AND s.reported_on >= ?)"
                                " AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.entity_id = e.id AND c.outcome = 'penalty' AND c.decided_on >= ?)"
                                " ORDER BY e.id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, sh_now_ms() - 400 * DAY_MS);
    sh_bind_text(st, 2, today);
    sh_bind_text(st, 3, since);
    sh_bind_text(st, 4, since);
    int64_t ids[4];
    int trade[4], n = 0, rc;
    char divisions[4][13];
    while ((rc = sh_stmt_step(st, err)) == SH_ROW && n < 4) {
        for (size_t t = 0; t < sizeof TRADES / sizeof *TRADES; t++)
            if (strstr(sh_col_text(st, 1), TRADES[t][0])) {
                ids[n] = sh_col_int64(st, 0);
                trade[n] = (int)t;
                snprintf(divisions[n], sizeof divisions[n], "%s", sh_col_text(st, 2));
                n++;
                break;
            }
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    rc = 0; /* SH_ROW when four were found before the last row */
    char appointed[11];
    sh_date_add_days(today, -200, appointed);
    for (int i = 0; rc == 0 && i < n; i++) {
        const char *const *t = TRADES[trade[i]];
        sh_stmt *p = sh_db_prepare(db, "INSERT INTO workshop_products(entity_id, catalogue_code, name, created_at) VALUES (?, ?, ?, ?)", err);
        if (p) {
            sh_bind_int64(p, 1, ids[i]);
            sh_bind_text(p, 2, t[1]);
            sh_bind_text(p, 3, t[2]);
            sh_bind_int64(p, 4, sh_now_ms());
        }
        rc = sh_stmt_run(p, err);
        if (rc == 0 && (p = sh_db_prepare(db, /* the registry's officer, or the operator keeping the records himself */
                                          "INSERT INTO fs_appointments(entity_id, division_code, role, name, appointed_on, created_at)"
                                          " SELECT id, substr(division_code, 1, 9) || '000', 'officer',"
                                          " COALESCE(NULLIF(officer_name, ''), legal_rep, '作坊主'), ?, ? FROM entities e WHERE id = ?"
                                          " AND NOT EXISTS (SELECT 1 FROM fs_appointments a WHERE a.entity_id = e.id AND a.role = 'officer'"
                                          " AND a.ended_on IS NULL)",
                                          err)) != NULL) {
            sh_bind_text(p, 1, appointed);
            sh_bind_int64(p, 2, sh_now_ms());
            sh_bind_int64(p, 3, ids[i]);
            rc = sh_stmt_run(p, err);
        } else if (rc == 0) {
            rc = SH_EINTERNAL;
        }
    }
    char grade[2];
    for (int i = 0; rc == 0 && i < n; i++) /* graded now: the county is graded after the generator, and the criteria read the grade */
        if ((rc = sh_risk_regrade(db, ids[i], "registry", grade, err)) == 0)
            rc = add_record(db, ids[i], divisions[i], i, today, err);
    return rc;
}
