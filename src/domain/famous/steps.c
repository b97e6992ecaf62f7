/* The steps of a 名特优 record (famous.h): the township's review, the county's decision and revocation.
 * Each moves the record only from the status it expects (UPDATE … WHERE status = … RETURNING), with one
 * event row and an audit entry; the workshop is told through the outbox. */
#include "domain/famous/famous.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/famous/famous_int.h"
#include "domain/loop/outbox.h"

int sh_famous_move(sh_db *db, const sh_principal *actor, int64_t id, const char *from, const char *to, const char *action,
                   const char *source_kind, int64_t source_id, const char *note, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "UPDATE famous_workshops SET status = ?, updated_at = ? WHERE id = ? AND status = ? RETURNING entity_id", err);
    if (st) {
        sh_bind_text(st, 1, to);
        sh_bind_int64(st, 2, sh_now_ms());
        sh_bind_int64(st, 3, id);
        sh_bind_text(st, 4, from);
    }
    int rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    int64_t entity = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc == 0)
        return sh_fail(err, SH_EINVAL, "status",
                       !strcmp(from, "submitted")   ? "该记录不在待乡镇审查状态 (the record is not awaiting the township's review)"
                       : !strcmp(from, "forwarded") ? "该记录不在待县局认定状态 (the record is not awaiting the county's decision)"
                                                    : "该记录不是已认定状态 (the record is not recognised)");
    if (rc < 0)
        return rc;
    rc = sh_famous_event(db, actor, id, action, source_kind, source_id, note, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s, s:s, s:o}", "status", to, "note", note ? note : "", "source_kind", source_kind, "source_id",
                                  source_id ? json_integer(source_id) : json_null());
        rc = sh_audit(db, actor, action, "famous_workshop", id, NULL, after, err);
        json_decref(after);
    }
    if (rc == 0) { /* the workshop is told (SMS, WeChat): famous_workshop.forwarded, .recognised, .revoked … */
        char topic[48];
        snprintf(topic, sizeof topic, "famous_workshop.%s", action);
        json_t *payload = json_pack("{s:I, s:s, s:s}", "famous_id", (json_int_t)id, "status", to, "note", note ? note : "");
        rc = sh_outbox_add(db, entity, topic, payload, NULL, err);
        json_decref(payload);
    }
    return rc;
}

/* An UPDATE of one text column of the record (inside the caller's transaction). */
static int set_text(sh_db *db, int64_t id, const char *sql, const char *value, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (st) {
        sh_bind_text_or_null(st, 1, value);
        sh_bind_int64(st, 2, id);
    }
    return sh_stmt_run(st, err);
}

/* The reviewer's record of the manual criteria: {code: {pass: bool, note?}} for every manual criterion
 * (required when forwarding), into a fresh object. */
static int manual_record(json_t *body, int require_all, json_t **ret, sh_err *err)
{
    json_t *m = json_object_get(body, "manual");
    if (m && !json_is_null(m) && !json_is_object(m))
        return sh_fail(err, SH_EINVAL, "manual", "人工核查项：应为对象 (manual must be an object)");
    json_t *criteria = sh_famous_criteria(), *out = json_object();
    size_t i;
    json_t *c;
    int rc = 0;
    json_array_foreach(criteria, i, c)
    {
        const char *code = json_string_value(json_object_get(c, "code"));
        if (strcmp(json_string_value(json_object_get(c, "kind")), "manual"))
            continue;
        json_t *one = json_object_get(m, code), *pass = json_object_get(one, "pass"), *note = json_object_get(one, "note");
        if (!json_is_boolean(pass)) {
            if (require_all) {
                rc = sh_fail(err, SH_EINVAL, "manual", "人工核查项：请记录“%s”是否符合 (record whether %s is met)",
                             json_string_value(json_object_get(c, "label")), code);
                break;
            }
            continue;
        }
        if (note && !json_is_null(note) && (!json_is_string(note) || strlen(json_string_value(note)) > 1500)) {
            rc = sh_fail(err, SH_EINVAL, "manual", "人工核查项：说明应为不超过500字的文字 (a note is text of at most 500 characters)");
            break;
        }
        json_object_set_new(out, code, json_pack("{s:O, s:s}", "pass", pass, "note", json_is_string(note) ? json_string_value(note) : ""));
    }
    json_decref(criteria);
    if (rc)
        json_decref(out);
    else
        *ret = out;
    return rc;
}

int sh_famous_review(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    json_t *cur = NULL;
    int rc = sh_famous_get(db, actor, id, &cur, err);
    json_decref(cur);
    if (rc)
        return rc;
    if (actor->role != SH_ROLE_TOWNSHIP && actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_ADMIN)
        return sh_fail(err, SH_EPERM, "", "名特优由乡镇审查 (the township reviews)");
    const char *decision = json_string_value(json_object_get(body, "decision")), *note = NULL;
    int forward = decision && !strcmp(decision, "forward");
    if (!forward && !(decision && !strcmp(decision, "reject")))
        return sh_fail(err, SH_EINVAL, "decision", "审查意见：应为forward（推荐）或reject（不予推荐） (decision must be forward or reject)");
    if ((rc = sh_body_text(body, "note", "审查意见说明", forward ? 0 : 4, 500, &note, err)) != 0)
        return rc;
    json_t *manual = NULL;
    if ((rc = manual_record(body, forward, &manual, err)) != 0)
        return rc;
    char *text = json_dumps(manual, JSON_COMPACT | JSON_SORT_KEYS);
    if ((rc = sh_db_begin(db, err)) == 0) {
        rc = sh_famous_move(db, actor, id, "submitted", forward ? "forwarded" : "rejected", forward ? "forwarded" : "rejected", "official", 0,
                            note, err);
        if (rc == 0)
            rc = set_text(db, id, "UPDATE famous_workshops SET manual = ? WHERE id = ?", text, err);
        if (rc == 0)
            rc = set_text(db, id, "UPDATE famous_workshops SET review_note = ? WHERE id = ?", note, err);
        rc = sh_db_finish(db, rc, err);
    }
    free(text);
    json_decref(manual);
    return rc ? rc : sh_famous_get(db, actor, id, ret, err);
}

static int county_only(const sh_principal *actor, sh_err *err)
{
    if (actor->role == SH_ROLE_COUNTY || actor->role == SH_ROLE_ADMIN)
        return 0;
    return sh_fail(err, SH_EPERM, "", "名特优由县局认定和撤销 (the county decides)");
}

int sh_famous_decide(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    json_t *cur = NULL;
    int rc = sh_famous_get(db, actor, id, &cur, err);
    if (rc == 0)
        rc = county_only(actor, err);
    const char *decision = json_string_value(json_object_get(body, "decision")), *note = NULL;
    int recognise = decision && !strcmp(decision, "recognise");
    if (rc == 0 && !recognise && !(decision && !strcmp(decision, "refuse")))
        rc = sh_fail(err, SH_EINVAL, "decision", "认定意见：应为recognise（认定）或refuse（不予认定） (decision must be recognise or refuse)");
    if (rc == 0)
        rc = sh_body_text(body, "note", recognise ? "认定意见" : "不予认定理由", recognise ? 0 : 4, 500, &note, err);
    if (rc == 0 && strcmp(json_string_value(json_object_get(cur, "status")), "forwarded"))
        rc = sh_fail(err, SH_EINVAL, "status", "该记录不在待县局认定状态 (the record is not awaiting the county's decision)");
    json_t *evaluation = NULL;
    if (rc == 0)
        rc = sh_famous_evaluate(db, json_integer_value(json_object_get(cur, "entity_id")), json_object_get(cur, "manual"), &evaluation, err);
    json_decref(cur);
    if (rc == 0 && recognise && !json_is_true(json_object_get(evaluation, "all_passed"))) {
        json_t *c;
        size_t i;
        const char *label = "";
        json_array_foreach(json_object_get(evaluation, "items"), i, c) if (!json_is_true(json_object_get(c, "pass")))
        {
            label = json_string_value(json_object_get(c, "label"));
            break;
        }
        rc = sh_fail(err, SH_EINVAL, "criteria", "认定条件：“%s”不符合，不能认定 (a criterion is not met)", label);
    }
    char *text = rc == 0 ? json_dumps(evaluation, JSON_COMPACT) : NULL;
    json_decref(evaluation);
    if (rc == 0 && (rc = sh_db_begin(db, err)) == 0) {
        rc = sh_famous_move(db, actor, id, "forwarded", recognise ? "recognised" : "refused", recognise ? "recognised" : "refused", "official", 0,
                            note, err);
        if (rc == 0)
            rc = set_text(db, id, "UPDATE famous_workshops SET evaluation = ? WHERE id = ?", text, err);
        if (rc == 0)
            rc = set_text(db, id, "UPDATE famous_workshops SET decision_note = ? WHERE id = ?", note, err);
        if (rc == 0 && recognise) {
            char today[11], until[11];
            sh_today(today);
            sh_date_validity_end(today, sh_setting_int(db, "famous_valid_years", 3), until);
            sh_stmt *st = sh_db_prepare(db, "UPDATE famous_workshops SET recognised_on = ?, valid_until = ?, decided_at = ? WHERE id = ?", err);
            if (st) {
                sh_bind_text(st, 1, today);
                sh_bind_text(st, 2, until);
                sh_bind_int64(st, 3, sh_now_ms());
                sh_bind_int64(st, 4, id);
            }
            rc = sh_stmt_run(st, err);
        }
        rc = sh_db_finish(db, rc, err);
    }
    free(text);
    return rc ? rc : sh_famous_get(db, actor, id, ret, err);
}

int famous_revoke_in_tx(sh_db *db, const sh_principal *actor, int64_t id, const char *source_kind, int64_t source_id, const char *reason,
                        sh_err *err)
{
    int rc = sh_famous_move(db, actor, id, "recognised", "revoked", "revoked", source_kind, source_id, reason, err);
    if (rc == 0) {
        char today[11];
        sh_today(today);
        sh_stmt *st = sh_db_prepare(db, "UPDATE famous_workshops SET revoked_on = ?, revoke_reason = ? WHERE id = ?", err);
        if (st) {
            sh_bind_text(st, 1, today);
            sh_bind_text(st, 2, reason);
            sh_bind_int64(st, 3, id);
        }
        rc = sh_stmt_run(st, err);
    }
    return rc;
}

int sh_famous_revoke(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    json_t *cur = NULL;
    int rc = sh_famous_get(db, actor, id, &cur, err);
    json_decref(cur);
    if (rc == 0)
        rc = county_only(actor, err);
    const char *reason = NULL;
    if (rc == 0)
        rc = sh_body_text(body, "reason", "撤销理由", 4, 500, &reason, err);
    if (rc == 0 && (rc = sh_db_begin(db, err)) == 0) {
        rc = famous_revoke_in_tx(db, actor, id, "official", 0, reason, err);
        rc = sh_db_finish(db, rc, err);
    }
    return rc ? rc : sh_famous_get(db, actor, id, ret, err);
}
