/* The 名特优 criteria (famous.h): read once from data/famous/criteria.csv; each "auto" one is answered from
 * the records by the evaluator of its code below, with the evidence a reviewer can check; a "manual" one
 * is what the township's reviewer recorded. A code the data names but this file does not know is
 * reported as failed ("no evaluator"), never silently passed. */
#include "domain/famous/famous.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/civil.h"
#include "core/data.h"
#include "domain/base/calendar.h"

enum { MAX_CRITERIA = 32 };

typedef struct criterion {
    char *code, *kind, *param, *label, *source;
} criterion;

static criterion rows[MAX_CRITERIA];
static int nrows;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int take(char **f, int n, void *ctx)
{
    (void)ctx;
    if (n < 5 || nrows == MAX_CRITERIA)
        return 0;
    criterion *c = &rows[nrows++];
    c->code = sh_xstrdup(f[0]);
    c->kind = sh_xstrdup(f[1]);
    c->param = sh_xstrdup(f[2]);
    c->label = sh_xstrdup(f[3]);
    c->source = sh_xstrdup(f[4]);
    return 0;
}

static void load(void) { sh_data_each_row(sh_data_file("data/famous/criteria.csv"), 5, take, NULL); }

json_t *sh_famous_criteria(void)
{
    pthread_once(&once, load);
    json_t *out = json_array();
    for (int i = 0; i < nrows; i++)
        json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:s}", "code", rows[i].code, "kind", rows[i].kind, "label", rows[i].label,
                                             "source", rows[i].source));
    return out;
}

/* What an evaluator knows: the workshop and today. */
typedef struct facts {
    sh_db *db;
    int64_t entity_id;
    char today[11];
} facts;

/* One text of the first row of a query on the workshop's id (the first parameter) and since (every
 * later one), "" when none. */
static int first_text(sh_db *db, const char *sql, int64_t id, const char *since, char *out, size_t n, sh_err *err)
{
    out[0] = '\0';
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int param = 2;
    for (const char *q = strchr(sql, '?'); since && q && (q = strchr(q + 1, '?')) != NULL;)
        sh_bind_text(st, param++, since);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW && !sh_col_is_null(st, 0))
        snprintf(out, n, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* Registered at least param days: since the first certificate, or the platform's record when earlier
 * (workshops registered before the platform came with their certificates on paper). */
static int registered_days(const facts *f, const char *param, int *pass, char *ev, size_t n, sh_err *err)
{
    char cert[16], created[24];
    int rc = first_text(f->db, "SELECT min(issued_on) FROM workshop_certs WHERE entity_id = ?", f->entity_id, NULL, cert, sizeof cert, err);
    if (rc == 0)
        rc = first_text(f->db, "SELECT created_at FROM entities WHERE id = ?", f->entity_id, NULL, created, sizeof created, err);
    if (rc)
        return rc;
    char since[11];
    sh_date_of_days(sh_beijing_days(strtoll(created, NULL, 10)), since);
    if (cert[0] && strcmp(cert, since) < 0)
        snprintf(since, sizeof since, "%s", cert);
    long days = (long)(sh_date_days(f->today) - sh_date_days(since)), need = strtol(param, NULL, 10);
    *pass = days >= need;
    snprintf(ev, n, "%s登记，至今%ld天（需满%ld天）", since, days, need);
    return 0;
}

static int in_operation(const facts *f, const char *param, int *pass, char *ev, size_t n, sh_err *err)
{
    (void)param;
    sh_stmt *st = sh_db_prepare(f->db, "SELECT status, licence_valid_until, licence_no FROM entities WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, f->entity_id);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW) {
        const char *status = sh_col_text(st, 0), *until = sh_col_is_null(st, 1) ? "" : sh_col_text(st, 1);
        int valid = *until && strcmp(until, f->today) >= 0;
        *pass = !strcmp(status, "active") && valid;
        snprintf(ev, n, "%s；登记证%s%s%s", !strcmp(status, "active") ? "正常经营" : "非正常经营状态", sh_col_is_null(st, 2) ? "" : sh_col_text(st, 2),
                 *until ? "有效期至" : "无有效期", until);
    }
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* The first day of the window of param months ending today. */
static void window_start(const facts *f, const char *param, char out[11])
{
    sh_date_add_months(f->today, -(int)strtol(param, NULL, 10), out);
}

static int no_failed_sample(const facts *f, const char *param, int *pass, char *ev, size_t n, sh_err *err)
{
    char since[11], hit[160];
    window_start(f, param, since);
    int rc = first_text(f->db,
                        "SELECT s.code || '（' || COALESCE(s.product_name, '') || '，' || s.reported_on || '）' FROM samples s"
                        " WHERE s.entity_id = ? AND s.final_verdict = 'fail' AND s.kind <> 'monitoring' AND s.reported_on >= ?"
                        " ORDER BY s.reported_on DESC, s.id DESC",
                        f->entity_id, since, hit, sizeof hit, err);
    if (rc)
        return rc;
    *pass = !hit[0];
    if (hit[0])
        snprintf(ev, n, "%s以来有抽检不合格：样品 %s", since, hit);
    else
        snprintf(ev, n, "%s以来无抽检不合格", since);
    return 0;
}

static int no_penalty(const facts *f, const char *param, int *pass, char *ev, size_t n, sh_err *err)
{
    char since[11], hit[120];
    window_start(f, param, since);
    int rc = first_text(f->db,
                        "SELECT COALESCE(c.case_no, '') || '（' || c.decided_on || '决定）' FROM cases c WHERE c.entity_id = ?"
                        " AND c.outcome = 'penalty' AND c.decided_on >= ? ORDER BY c.decided_on DESC, c.id DESC",
                        f->entity_id, since, hit, sizeof hit, err);
    if (rc)
        return rc;
    *pass = !hit[0];
    if (hit[0])
        snprintf(ev, n, "%s以来受到行政处罚：案件 %s", since, hit);
    else
        snprintf(ev, n, "%s以来无行政处罚", since);
    return 0;
}

static int risk_grade(const facts *f, const char *param, int *pass, char *ev, size_t n, sh_err *err)
{
    char grade[4];
    int rc = first_text(f->db, "SELECT grade FROM entity_grades WHERE entity_id = ?", f->entity_id, NULL, grade, sizeof grade, err);
    if (rc)
        return rc;
    *pass = grade[0] && strchr(param, grade[0]) != NULL;
    if (grade[0])
        snprintf(ev, n, "当前风险等级%s级", grade);
    else
        snprintf(ev, n, "尚未评定风险等级");
    return 0;
}

static int catalogue_product(const facts *f, const char *param, int *pass, char *ev, size_t n, sh_err *err)
{
    (void)param;
    char hit[200];
    int rc = first_text(f->db,
                        "SELECT name || '（目录 ' || catalogue_code || '）' FROM workshop_products WHERE entity_id = ? AND active = 1"
                        " ORDER BY id",
                        f->entity_id, NULL, hit, sizeof hit, err);
    if (rc)
        return rc;
    *pass = hit[0] != '\0';
    snprintf(ev, n, "%s", hit[0] ? hit : "无在册的目录内产品");
    return 0;
}

static int officer_appointed(const facts *f, const char *param, int *pass, char *ev, size_t n, sh_err *err)
{
    (void)param;
    char hit[120];
    int rc = first_text(f->db,
                        "SELECT name || '（' || appointed_on || '起）' FROM fs_appointments WHERE entity_id = ? AND role = 'officer'"
                        " AND appointed_on <= ? AND (ended_on IS NULL OR ended_on > ?) ORDER BY appointed_on DESC, id DESC",
                        f->entity_id, f->today, hit, sizeof hit, err);
    if (rc)
        return rc;
    *pass = hit[0] != '\0';
    snprintf(ev, n, "%s", hit[0] ? hit : "无在岗的食品安全员");
    return 0;
}

typedef int (*evaluator)(const facts *f, const char *param, int *pass, char *ev, size_t n, sh_err *err);
static const struct {
    const char *code;
    evaluator fn;
} EVALUATORS[] = {
    {"registered_days", registered_days}, {"in_operation", in_operation}, {"no_failed_sample", no_failed_sample}, {"no_penalty", no_penalty},
    {"risk_grade", risk_grade},           {"catalogue_product", catalogue_product}, {"officer_appointed", officer_appointed},
};

static evaluator evaluator_of(const char *code)
{
    for (size_t i = 0; i < sizeof EVALUATORS / sizeof *EVALUATORS; i++)
        if (!strcmp(EVALUATORS[i].code, code))
            return EVALUATORS[i].fn;
    return NULL;
}

int sh_famous_evaluate(sh_db *db, int64_t entity_id, json_t *manual, json_t **ret, sh_err *err)
{
    pthread_once(&once, load);
    facts f = {db, entity_id, ""};
    sh_today(f.today);
    json_t *items = json_array();
    int passed = 0, failed = 0, pending = 0, rc = 0;
    for (int i = 0; rc == 0 && i < nrows; i++) {
        const criterion *c = &rows[i];
        char ev[400] = "";
        json_t *pass = json_null();
        if (!strcmp(c->kind, "auto")) {
            evaluator fn = evaluator_of(c->code);
            int ok = 0;
            if (fn)
                rc = fn(&f, c->param, &ok, ev, sizeof ev, err);
            else
                snprintf(ev, sizeof ev, "平台无此项的自动核验");
            pass = json_boolean(ok);
        } else {
            json_t *m = json_object_get(manual, c->code);
            if (json_is_boolean(json_object_get(m, "pass"))) {
                pass = json_incref(json_object_get(m, "pass"));
                snprintf(ev, sizeof ev, "审查人记录：%s", json_string_value(json_object_get(m, "note")) ? json_string_value(json_object_get(m, "note")) : "");
            } else {
                snprintf(ev, sizeof ev, "待乡镇审查人现场核查记录");
            }
        }
        if (json_is_null(pass))
            pending++;
        else if (json_is_true(pass))
            passed++;
        else
            failed++;
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:o, s:s}", "code", c->code, "kind", c->kind, "label", c->label, "source",
                                               c->source, "pass", pass, "evidence", ev));
    }
    if (rc) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o, s:i, s:i, s:i, s:b}", "items", items, "passed", passed, "failed", failed, "pending", pending, "all_passed",
                     !failed && !pending && nrows > 0);
    return 0;
}
