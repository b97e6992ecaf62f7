/* 包保 pledge (承诺书): the official in charge signs their own pledge for a business; the record keeps
 * who signed, when, the template version and the very text signed. */
#include "domain/supervision/duty.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "store/qb.h"

/* The template with {official}, {entity} and {level} filled in. */
static void render(sh_buf *out, const char *tpl, const char *official, const char *entity, const char *level)
{
    static const char *const keys[3] = {"{official}", "{entity}", "{level}"};
    const char *vals[3] = {official, entity, level};
    while (*tpl) {
        int hit = -1;
        for (int k = 0; k < 3 && hit < 0; k++)
            if (!strncmp(tpl, keys[k], strlen(keys[k])))
                hit = k;
        if (hit < 0) {
            sh_buf_addc(out, *tpl++);
            continue;
        }
        sh_buf_adds(out, vals[hit]);
        tpl += strlen(keys[hit]);
    }
}

int sh_duty_pledge_insert(sh_db *db, const sh_principal *actor, int64_t assignment_id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT a.entity_id, a.user_id, a.level, u.display_name, e.name, t.version, t.text,"
                                " (SELECT count(*) FROM duty_pledges p WHERE p.assignment_id = a.id AND p.version = t.version)"
                                " FROM duty_officials a JOIN users u ON u.id = a.user_id JOIN entities e ON e.id = a.entity_id"
                                " JOIN duty_pledge_templates t ON t.version = (SELECT max(version) FROM duty_pledge_templates)"
                                " WHERE a.id = ? AND a.ended_at IS NULL",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, assignment_id);
    int rc = sh_stmt_step(st, err);
    if (rc != SH_ROW) {
        sh_stmt_done(st);
        return rc < 0 ? rc : sh_fail(err, SH_ENOTFOUND, "", "记录不存在 (not found)");
    }
    int64_t entity_id = sh_col_int64(st, 0), user_id = sh_col_int64(st, 1), version = sh_col_int64(st, 5);
    if (user_id != actor->user_id) {
        sh_stmt_done(st);
        return sh_fail(err, SH_EPERM, "", "承诺书须由包保责任人本人签署 (only the official signs their own pledge)");
    }
    if (sh_col_int64(st, 7) > 0) {
        sh_stmt_done(st);
        return sh_fail(err, SH_EEXIST, "pledge", "您已签署该主体的包保承诺书 (you have already signed this pledge)");
    }
    sh_buf text;
    sh_buf_init(&text);
    render(&text, sh_col_text(st, 6), sh_col_text(st, 3), sh_col_text(st, 4), sh_duty_level_zh(sh_col_text(st, 2)));
    sh_stmt_done(st);
    int64_t now = sh_now_ms(), id = 0;
    st = sh_db_prepare(db, "INSERT INTO duty_pledges(assignment_id, entity_id, user_id, version, text, signed_at) VALUES (?, ?, ?, ?, ?, ?)"
                           " RETURNING id", err);
    if (!st) {
        sh_buf_release(&text);
        return SH_EINTERNAL;
    }
    sh_bind_int64(st, 1, assignment_id);
    sh_bind_int64(st, 2, entity_id);
    sh_bind_int64(st, 3, user_id);
    sh_bind_int64(st, 4, version);
    sh_bind_text(st, 5, sh_buf_str(&text));
    sh_bind_int64(st, 6, now);
    rc = sh_stmt_insert_id(st, &id, err);
    json_t *pledge = NULL;
    if (rc >= 0) {
        pledge = json_pack("{s:I, s:I, s:I, s:s, s:I, s:s, s:I}", "id", (json_int_t)id, "assignment_id", (json_int_t)assignment_id,
                           "user_id", (json_int_t)user_id, "official", actor->display_name, "version", (json_int_t)version, "text",
                           sh_buf_str(&text), "signed_at", (json_int_t)now);
        rc = sh_audit(db, actor, "sign_duty_pledge", "entity", entity_id, NULL, pledge, err);
    }
    sh_buf_release(&text);
    if (rc < 0) {
        json_decref(pledge);
        return rc;
    }
    *ret = pledge;
    return 0;
}

int sh_duty_pledge_sign(sh_db *db, const sh_principal *actor, int64_t assignment_id, json_t **ret, sh_err *err)
{
    /* the role first, so that a refusal says nothing about the id */
    if (actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_TOWNSHIP && actor->role != SH_ROLE_VILLAGE)
        return sh_fail(err, SH_EPERM, "", "只有包保责任人可以签署承诺书 (only responsible officials sign pledges)");
    int rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    /* an assignment outside the caller's jurisdiction reads as a missing one */
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT count(*) FROM duty_officials a JOIN entities e ON e.id = a.entity_id WHERE a.id = ");
    sh_qb_int64(&qb, assignment_id);
    sh_qb_sql(&qb, " AND a.ended_at IS NULL");
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return sh_db_finish(db, SH_EINTERNAL, err);
    int64_t seen = 0;
    if (sh_stmt_step(st, err) == SH_ROW)
        seen = sh_col_int64(st, 0);
    sh_stmt_done(st);
    if (!seen)
        return sh_db_finish(db, sh_fail(err, SH_ENOTFOUND, "", "包保安排不存在 (no such assignment)"), err);
    rc = sh_duty_pledge_insert(db, actor, assignment_id, ret, err);
    return sh_db_finish(db, rc < 0 ? rc : 0, err);
}
