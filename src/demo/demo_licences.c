#include "demo/demo_licences.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "demo/demo_outbox.h"
#include "domain/base/principal.h"
#include "domain/identity/auth.h"
#include "domain/licence/licence_app.h"

int sh_demo_own_township(sh_db *db, char out[13], sh_err *err)
{
    out[0] = '\0';
    sh_stmt *st = sh_db_prepare(db, "SELECT code FROM divisions WHERE level = 2 ORDER BY code LIMIT 1 OFFSET 2", err);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        snprintf(out, 13, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int sh_demo_user_of(sh_db *db, const char *role, const char *division, int64_t entity_id, sh_principal *ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT id FROM users WHERE role = ? AND disabled = 0 AND (? = 0 OR entity_id = ?) AND (? = '' OR division_code = ?)"
                                " ORDER BY id LIMIT 1",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, role);
    sh_bind_int64(st, 2, entity_id);
    sh_bind_int64(st, 3, entity_id);
    sh_bind_text(st, 4, division ? division : "");
    sh_bind_text(st, 5, division ? division : "");
    int rc = sh_stmt_step(st, err);
    int64_t id = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!id)
        return sh_fail(err, SH_ENOTFOUND, "user", "演示账号不存在 (no such demo user)");
    return sh_principal_load(db, id, ret, err);
}

/* Each application's way through the steps; NULL stops it there. */
static const struct {
    const char *decision, *decision_note, *verify, *verify_note, *correct_note, *review_note;
} ways[] = {
    {NULL, NULL, NULL, NULL, NULL, NULL},
    {"refuse", "经营场所已改作他用，与申请不符，请核实后重新申请", NULL, NULL, NULL, NULL},
    {"issue", NULL, NULL, NULL, NULL, NULL},
    {"issue", NULL, "consistent", "经营场所、设施设备与承诺一致", NULL, NULL},
    {"issue", NULL, "inconsistent", "专间未配备空气消毒设施", NULL, NULL},
    {"issue", NULL, "inconsistent", "清洗消毒水池数量不足", "已增设餐饮具清洗消毒水池两个", NULL},
    {"issue", NULL, "inconsistent", "未设置餐饮具保洁柜", "已购置保洁柜并建立消毒记录", "现场复查，整改到位"},
};
#define N_WAYS (sizeof ways / sizeof *ways)

static int step(sh_db *db, int (*fn)(sh_db *, const sh_principal *, int64_t, json_t *, json_t **, sh_err *), const sh_principal *who,
                int64_t id, json_t *body, sh_err *err)
{
    json_t *view = NULL;
    int rc = fn(db, who, id, body, &view, err);
    json_decref(body);
    json_decref(view);
    return rc;
}

int sh_demo_licences(sh_db *db, int *ret_n, sh_err *err)
{
    char town[13];
    int rc = sh_demo_own_township(db, town, err);
    if (rc || !*town)
        return rc;
    /* licensed sellers and caterers that have an account, from the demo's own townships on */
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT e.id, COALESCE(e.legal_rep, '经营者'), COALESCE(e.address, '') FROM entities e WHERE e.status = 'active' AND e.kind IN ('seller', 'caterer')"
                                " AND e.licence_kind = 'jy' AND e.licence_no IS NOT NULL AND e.division_code >= ?"
                                " AND EXISTS (SELECT 1 FROM users u WHERE u.entity_id = e.id AND u.role = 'business' AND u.disabled = 0)"
                                " ORDER BY e.division_code, e.id LIMIT 7",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, town);
    struct {
        int64_t id;
        char signer[32], address[240];
    } picks[N_WAYS];
    size_t n = 0;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW && n < N_WAYS) {
        picks[n].id = sh_col_int64(st, 0);
        snprintf(picks[n].signer, sizeof picks[n].signer, "%s", sh_col_text(st, 1));
        snprintf(picks[n].address, sizeof picks[n].address, "%.160s附1号", sh_col_text(st, 2));
        n++;
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    sh_principal county, township, biz;
    if ((rc = sh_demo_user_of(db, "county", NULL, 0, &county, err)) != 0)
        return rc;
    json_t *items = NULL;
    if ((rc = sh_lic_commitments(db, &items, err)) != 0)
        return rc;
    json_t *codes = json_array();
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(items, "items"), i, it) json_array_append(codes, json_object_get(it, "code"));
    json_decref(items);
    int filed = 0;
    for (i = 0; i < n && rc == 0; i++) {
        char division[13];
        if ((rc = sh_demo_user_of(db, "business", NULL, picks[i].id, &biz, err)) != 0)
            break;
        /* an issued one is a change of premises: the number and its validity stay as generated */
        json_t *view = NULL, *body = json_pack("{s:s, s:O, s:s}", "kind", ways[i].decision ? "change" : "renew", "commitments", codes, "signer",
                                               picks[i].signer);
        if (ways[i].decision)
            json_object_set_new(body, "address", json_string(picks[i].address));
        rc = sh_lic_app_submit(db, &biz, body, &view, err);
        json_decref(body);
        int64_t id = rc == 0 ? json_integer_value(json_object_get(view, "id")) : 0;
        snprintf(division, sizeof division, "%.9s000", rc == 0 ? json_string_value(json_object_get(view, "division_code")) : "");
        json_decref(view);
        filed += rc == 0;
        if (rc == 0 && ways[i].decision)
            rc = step(db, sh_lic_app_decide, &county, id, json_pack("{s:s, s:s?}", "decision", ways[i].decision, "note", ways[i].decision_note), err);
        if (rc == 0 && ways[i].verify && (rc = sh_demo_user_of(db, "township", division, 0, &township, err)) == 0)
            rc = step(db, sh_lic_app_verify, &township, id, json_pack("{s:s, s:s}", "result", ways[i].verify, "note", ways[i].verify_note), err);
        if (rc == 0 && ways[i].correct_note)
            rc = step(db, sh_lic_app_correct, &biz, id, json_pack("{s:s}", "note", ways[i].correct_note), err);
        if (rc == 0 && ways[i].review_note)
            rc = step(db, sh_lic_app_correct_review, &township, id, json_pack("{s:b, s:s}", "accept", 1, "note", ways[i].review_note), err);
    }
    json_decref(codes);
    /* the businesses were told; the registry followed this morning at 9, so the same seed on the same day
     * gives the same rows */
    if (rc == 0)
        rc = sh_demo_delivered_this_morning(db, "licence.%", err);
    st = rc ? NULL
            : sh_db_prepare(db, "UPDATE entities SET updated_at = ? WHERE id IN (SELECT entity_id FROM licence_applications WHERE status = 'issued')", err);
    if (st) {
        sh_bind_int64(st, 1, sh_beijing_day_start_ms(sh_beijing_days(sh_now_ms())) + 9 * 3600000LL);
        rc = sh_stmt_run(st, err);
    }
    if (rc == 0 && ret_n)
        *ret_n = filed;
    return rc;
}
