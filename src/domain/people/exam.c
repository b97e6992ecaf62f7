/* Spot exams (people.h): a county or township official starts one for an appointment in the
 * jurisdiction; the questions are drawn from the bank with a fresh seed, recorded with the ids drawn,
 * so GET …/verify replays the draw. The business's user answers within exam_hours; the server scores
 * (each question alike, a multiple choice right only when exactly right) against exam_pass_score. A
 * failed exam may be re-taken up to exam_max_attempts in a row; an exam left open past its time counts
 * as failed when the next one starts. The answer key never leaves before submission. */
#include "domain/people/people.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/settings.h"
#include "domain/people/people_int.h"
#include "store/qb.h"
#include "store/scope.h"

#define COLS                                                                                                                      \
    "x.id, x.appointment_id, x.entity_id, e.name, p.name, p.role, x.attempt, x.status, x.due_at, x.seed, x.questions, x.answers," \
    " x.score, x.passed, x.created_at, x.submitted_at"
#define FROM " FROM fs_exams x JOIN fs_appointments p ON p.id = x.appointment_id JOIN entities e ON e.id = x.entity_id"
#define SEED_MASK ((1ULL << 53) - 1) /* shown exactly as a JSON number in the console */

static json_t *time_or_null(sh_stmt *st, int col)
{
    if (sh_col_is_null(st, col))
        return json_null();
    char t[40];
    sh_time_format_local(sh_col_int64(st, col), t, sizeof t);
    return json_string(t);
}

/* A row; with ctx non-NULL (the detail), the questions as the caller may see them. */
static json_t *row(sh_stmt *st, void *ctx)
{
    const char *status = sh_col_text(st, 7);
    int submitted = !strcmp(status, "submitted");
    int64_t due = sh_col_int64(st, 8);
    json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:I, s:o, s:b}", "id", (json_int_t)sh_col_int64(st, 0), "appointment_id",
                          (json_int_t)sh_col_int64(st, 1), "entity_id", (json_int_t)sh_col_int64(st, 2), "entity_name", sh_col_text(st, 3),
                          "person", sh_col_text(st, 4), "role", sh_col_text(st, 5), "attempt", (json_int_t)sh_col_int64(st, 6), "status", status,
                          "due_at_ms", (json_int_t)due, "due_at", time_or_null(st, 8), "overdue", !submitted && sh_now_ms() > due);
    json_object_set_new(o, "seed", json_integer(sh_col_int64(st, 9)));
    json_object_set_new(o, "score", sh_col_is_null(st, 12) ? json_null() : json_integer(sh_col_int64(st, 12)));
    json_object_set_new(o, "passed", sh_col_is_null(st, 13) ? json_null() : json_boolean(sh_col_int64(st, 13)));
    json_object_set_new(o, "started_at", time_or_null(st, 14));
    json_object_set_new(o, "submitted_at", time_or_null(st, 15));
    json_t *ids = json_loads(sh_col_text(st, 10), 0, NULL);
    json_object_set_new(o, "question_count", json_integer((json_int_t)json_array_size(ids)));
    if (ctx) {
        json_t *answers = submitted ? json_loads(sh_col_text(st, 11), 0, NULL) : NULL;
        json_t *qs = json_array();
        size_t i;
        json_t *id;
        json_array_foreach(ids, i, id)
        {
            const json_t *q = sh_exam_question(json_string_value(id));
            if (!q)
                continue;
            json_t *shown = json_pack("{s:I, s:s, s:s, s:s}", "no", (json_int_t)(i + 1), "id", json_string_value(id), "kind",
                                      json_string_value(json_object_get(q, "kind")), "text", json_string_value(json_object_get(q, "text")));
            json_t *opts = json_object_get(q, "options");
            json_object_set_new(shown, "options", opts ? json_deep_copy(opts) : json_array());
            if (submitted) { /* the key and the source only once it is in */
                json_object_set_new(shown, "answer", json_deep_copy(json_object_get(q, "answer")));
                json_object_set_new(shown, "source", json_string(json_string_value(json_object_get(q, "source"))));
                json_t *given = json_object_get(answers, json_string_value(id));
                int right = 0;
                if (given)
                    sh_exam_check_answer(q, given, "answer", &right, NULL);
                json_object_set_new(shown, "given", given ? json_deep_copy(given) : json_null());
                json_object_set_new(shown, "right", json_boolean(right));
            }
            json_array_append_new(qs, shown);
        }
        json_object_set_new(o, "questions", qs);
        json_decref(answers);
    }
    json_decref(ids);
    return o;
}

static int load(sh_db *db, const sh_principal *actor, int64_t id, int detail, json_t **ret, sh_err *err)
{
    int rc = pp_get(db, actor, "SELECT " COLS FROM " WHERE x.id = ", id, row, detail ? (void *)1 : NULL, "考核不存在 (no such exam)", ret, err);
    if (rc == 0)
        json_object_set_new(*ret, "pass_score", json_integer(sh_setting_int(db, "exam_pass_score", 80)));
    return rc;
}

int sh_exam_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    return load(db, actor, id, 1, ret, err);
}

static int official(const sh_principal *actor, sh_err *err)
{
    if (actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_TOWNSHIP || actor->role == SH_ROLE_ADMIN)
        return 0;
    return sh_fail(err, SH_EPERM, "", "监督抽查考核由县、乡镇（街道）监管人员组织 (county and township officials hold the exams)");
}

int sh_exam_start(sh_db *db, const sh_principal *actor, int64_t appointment_id, json_t *body, json_t **ret, sh_err *err)
{
    (void)body;
    int rc = official(actor, err);
    json_t *appt = NULL;
    if (rc == 0)
        rc = sh_appointment_get(db, actor, appointment_id, &appt, err);
    if (rc == 0 && !json_is_null(json_object_get(appt, "ended_on")))
        rc = sh_fail(err, SH_EINVAL, "appointment_id", "该人员已离任，不再考核 (the person has left the post)");
    int64_t entity = rc == 0 ? json_integer_value(json_object_get(appt, "entity_id")) : 0;
    char division[13] = "";
    if (rc == 0)
        snprintf(division, sizeof division, "%s", json_string_value(json_object_get(appt, "division_code")));
    json_decref(appt);
    if (rc || (rc = sh_db_begin(db, err)) != 0)
        return rc;
    int64_t now = sh_now_ms();
    /* an exam left open past its time counts as failed */
    sh_stmt *st = sh_db_prepare(db,
                                "UPDATE fs_exams SET status = 'submitted', answers = '{}', score = 0, passed = 0, submitted_at = due_at"
                                " WHERE appointment_id = ? AND status = 'open' AND due_at < ?",
                                err);
    if (st) {
        sh_bind_int64(st, 1, appointment_id);
        sh_bind_int64(st, 2, now);
    }
    rc = sh_stmt_run(st, err);
    int64_t open = 0, last_passed = 1, fails = 0;
    if (rc == 0) {
        st = sh_db_prepare(db, "SELECT status, COALESCE(passed, 0) FROM fs_exams WHERE appointment_id = ? ORDER BY id DESC", err);
        if (st)
            sh_bind_int64(st, 1, appointment_id);
        int first = 1, counting = 1;
        while (st && (rc = sh_stmt_step(st, err)) == SH_ROW) {
            if (!strcmp(sh_col_text(st, 0), "open")) {
                open = 1;
                continue;
            }
            int passed = (int)sh_col_int64(st, 1);
            if (first)
                last_passed = passed;
            first = 0;
            if (passed)
                counting = 0;
            else if (counting)
                fails++;
        }
        sh_stmt_done(st);
        rc = !st ? SH_EINTERNAL : rc < 0 ? rc : 0;
    }
    int max = sh_setting_int(db, "exam_max_attempts", 3);
    if (rc == 0 && open)
        rc = sh_fail(err, SH_EEXIST, "appointment_id", "该人员有尚未交卷的考核 (an exam is open)");
    if (rc == 0 && !last_passed && fails >= max)
        rc = sh_fail(err, SH_EINVAL, "appointment_id",
                     "已连续%lld次考核不合格，达到补考次数上限，企业应调整岗位人员（60号令第十四条） (no more re-takes: the business must replace the person)",
                     (long long)fails);
    uint64_t seed = 0;
    randombytes_buf(&seed, sizeof seed);
    seed &= SEED_MASK;
    int n = sh_setting_int(db, "exam_questions", 20);
    json_t *drawn = sh_exam_draw(seed, n < 1 ? 1 : n);
    char *ids = json_dumps(drawn, JSON_COMPACT);
    int64_t id = 0, due = now + (int64_t)sh_setting_int(db, "exam_hours", 72) * 3600000;
    if (rc == 0) {
        st = sh_db_prepare(db,
                           "INSERT INTO fs_exams(appointment_id, entity_id, division_code, seed, questions, attempt, status, due_at, created_by,"
                           " created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?) RETURNING id",
                           err);
        if (st) {
            sh_bind_int64(st, 1, appointment_id);
            sh_bind_int64(st, 2, entity);
            sh_bind_text(st, 3, division);
            sh_bind_int64(st, 4, (int64_t)seed);
            sh_bind_text(st, 5, ids);
            sh_bind_int64(st, 6, last_passed ? 1 : fails + 1);
            sh_bind_int64(st, 7, due);
            sh_bind_int64_or_null(st, 8, actor->user_id);
            sh_bind_int64(st, 9, now);
        }
        rc = sh_stmt_insert_id(st, &id, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:I, s:O}", "appointment_id", (json_int_t)appointment_id, "seed", (json_int_t)seed, "questions", drawn);
        rc = sh_audit(db, actor, "start", "fs_exam", id, NULL, after, err);
        json_decref(after);
    }
    free(ids);
    json_decref(drawn);
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : load(db, actor, id, 1, ret, err);
}

int sh_exam_submit(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    if (actor->role != SH_ROLE_BUSINESS)
        return sh_fail(err, SH_EPERM, "", "考核由被考核企业的人员作答 (the business's person answers)");
    json_t *exam = NULL;
    int rc = load(db, actor, id, 0, &exam, err);
    if (rc)
        return rc;
    if (strcmp(json_string_value(json_object_get(exam, "status")), "open"))
        rc = sh_fail(err, SH_EINVAL, "status", "该考核已交卷 (submitted already)");
    else if (json_is_true(json_object_get(exam, "overdue")))
        rc = sh_fail(err, SH_EINVAL, "due_at", "已超过答题时限，请联系监管人员重新组织考核 (past its time)");
    json_decref(exam);
    json_t *answers = json_object_get(body, "answers");
    if (rc == 0 && !json_is_object(answers))
        rc = sh_fail(err, SH_EINVAL, "answers", "答案：应为按题目编号作答的对象 (answers must be an object by question id)");
    if (rc)
        return rc;
    /* the ids drawn, read again inside the transaction that stores the answers */
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT questions FROM fs_exams WHERE id = ? AND status = 'open'", err);
    if (st)
        sh_bind_int64(st, 1, id);
    json_t *ids = NULL;
    rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    if (rc == SH_ROW)
        ids = json_loads(sh_col_text(st, 0), 0, NULL);
    sh_stmt_done(st);
    rc = rc < 0 ? rc : !ids ? sh_fail(err, SH_EINVAL, "status", "该考核已交卷 (submitted already)") : 0;
    size_t i, right = 0;
    json_t *qid;
    json_array_foreach(ids, i, qid)
    {
        if (rc)
            break;
        char field[64];
        snprintf(field, sizeof field, "answers.%s", json_string_value(qid));
        json_t *given = json_object_get(answers, json_string_value(qid));
        if (!given) {
            rc = sh_fail(err, SH_EINVAL, field, "第%zu题未作答 (question %zu is not answered)", i + 1, i + 1);
            break;
        }
        int ok = 0;
        rc = sh_exam_check_answer(sh_exam_question(json_string_value(qid)), given, field, &ok, err);
        right += ok;
    }
    if (rc == 0 && json_object_size(answers) != json_array_size(ids))
        rc = sh_fail(err, SH_EINVAL, "answers", "答案：含有本卷以外的题目 (answers to questions not in this exam)");
    size_t n = json_array_size(ids);
    int score = n ? (int)((right * 100 + n / 2) / n) : 0;
    int pass = score >= sh_setting_int(db, "exam_pass_score", 80);
    if (rc == 0) {
        char *text = json_dumps(answers, JSON_COMPACT | JSON_SORT_KEYS);
        st = sh_db_prepare(db,
                           "UPDATE fs_exams SET status = 'submitted', answers = ?, score = ?, passed = ?, submitted_at = ?"
                           " WHERE id = ? AND status = 'open'",
                           err);
        if (st) {
            sh_bind_text(st, 1, text);
            sh_bind_int64(st, 2, score);
            sh_bind_int64(st, 3, pass);
            sh_bind_int64(st, 4, sh_now_ms());
            sh_bind_int64(st, 5, id);
        }
        rc = sh_stmt_run(st, err);
        free(text);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:i, s:b, s:I}", "score", score, "passed", pass, "right", (json_int_t)right);
        rc = sh_audit(db, actor, "submit", "fs_exam", id, NULL, after, err);
        json_decref(after);
    }
    json_decref(ids);
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : load(db, actor, id, 1, ret, err);
}

int sh_exam_verify(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    json_t *exam = NULL;
    int rc = load(db, actor, id, 0, &exam, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT seed, questions FROM fs_exams WHERE id = ?", err);
    if (st)
        sh_bind_int64(st, 1, id);
    rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    int64_t seed = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    json_t *drawn = rc == SH_ROW ? json_loads(sh_col_text(st, 1), 0, NULL) : NULL;
    sh_stmt_done(st);
    json_decref(exam);
    if (rc < 0 || !drawn) {
        json_decref(drawn);
        return rc < 0 ? rc : sh_fail(err, SH_EINTERNAL, "", "考核记录损坏 (the exam's record is damaged)");
    }
    json_t *again = sh_exam_draw((uint64_t)seed, (int)json_array_size(drawn));
    *ret = json_pack("{s:I, s:I, s:o, s:o, s:b}", "id", (json_int_t)id, "seed", (json_int_t)seed, "drawn", drawn, "replayed", again, "match",
                     json_equal(drawn, again));
    return 0;
}

struct list_where {
    const sh_principal *actor;
    const sh_exam_filter *f;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, FROM " WHERE 1 = 1");
    sh_scope_entities(qb, &w->actor->scope, "e");
    if (w->f->status) {
        sh_qb_sql(qb, " AND x.status = ");
        sh_qb_text(qb, w->f->status);
    }
    if (w->f->entity_id) {
        sh_qb_sql(qb, " AND x.entity_id = ");
        sh_qb_int64(qb, w->f->entity_id);
    }
    if (w->f->appointment_id) {
        sh_qb_sql(qb, " AND x.appointment_id = ");
        sh_qb_int64(qb, w->f->appointment_id);
    }
}

int sh_exams_list(sh_db *db, const sh_principal *actor, const sh_exam_filter *f, const sh_page *page, json_t **ret, sh_err *err)
{
    if (f->status && strcmp(f->status, "open") && strcmp(f->status, "submitted"))
        return sh_fail(err, SH_EINVAL, "status", "状态：应为open或submitted (status must be open or submitted)");
    struct list_where w = {actor, f};
    sh_page_query q = {COLS, list_from_where, &w, " ORDER BY CASE WHEN x.status = 'open' THEN 0 ELSE 1 END, x.id DESC", page->limit,
                       page->offset, row, NULL};
    return sh_rows_page(db, &q, ret, err);
}
