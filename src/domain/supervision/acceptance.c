#include "domain/supervision/acceptance.h"
#include "store/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/registry/entity.h"
#include "store/qb.h"
#include "store/scope.h"

static const char *const level_names[5] = {"", "self_check", "preliminary", "on_site", "county_review"};

struct enroll {
    sh_db *db;
    int64_t campaign;
    sh_err *err;
    long n;
};

static int enroll_one(const sh_entity *e, void *c)
{
    struct enroll *x = c;
    if (strcmp(e->status, "active") != 0)
        return 0;
    sh_stmt *st = sh_db_prepare(x->db, "INSERT INTO campaign_entities(campaign_id, entity_id) VALUES (?, ?)", x->err);
    if (!st)
        return 1;
    sh_bind_int64(st, 1, x->campaign);
    sh_bind_int64(st, 2, e->id);
    int rc = sh_stmt_step(st, x->err);
    sh_stmt_done(st);
    x->n++;
    return rc < 0;
}

/* Each of ids (a JSON array) a business of the actor's scope in operation, once: enrolled; otherwise the
 * whole creation is refused naming entity_ids[i]. */
static int enroll_ids(struct enroll *x, const sh_principal *actor, json_t *ids)
{
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) {
        char field[32];
        snprintf(field, sizeof field, "entity_ids[%zu]", i);
        for (size_t j = 0; j < i; j++)
            if (json_integer_value(json_array_get(ids, j)) == json_integer_value(v))
                return sh_fail(x->err, SH_EINVAL, field, "第%zu个主体重复 (the business appears twice)", i + 1);
        sh_entity e;
        int rc = json_is_integer(v) ? sh_entity_get(x->db, actor, json_integer_value(v), &e, x->err) : SH_ENOTFOUND;
        if (rc != 0 && rc != SH_ENOTFOUND)
            return rc;
        int active = rc == 0 && !strcmp(e.status, "active"), failed = active && enroll_one(&e, x);
        if (rc == 0)
            sh_entity_release(&e);
        if (failed)
            return x->err->code ? x->err->code : SH_EINTERNAL;
        if (!active)
            return sh_fail(x->err, SH_EINVAL, field, "第%zu个主体不存在、不在您的管辖范围内或不在营业状态 (not a business in operation in your reach)", i + 1);
    }
    return 0;
}

/* The campaign and its businesses: ids when given (a JSON array), else every active business the filter
 * matches (sh_entity_each pages through them all; the filter's limit is only its page size). Inside the
 * caller's transaction. */
static int campaign_insert(sh_db *db, const sh_principal *actor, const char *name, json_t *cl, json_t *ids, const sh_entity_filter *f,
                           int64_t *ret_id, sh_err *err)
{
    int64_t n = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM checklists WHERE id = ? AND status = 'active'", err);
    if (st) {
        sh_bind_int64(st, 1, json_integer_value(cl));
        if (sh_stmt_step(st, err) == SH_ROW)
            n = sh_col_int64(st, 0);
        sh_stmt_done(st);
    }
    if (!n)
        return sh_fail(err, SH_EINVAL, "checklist_id", "验收标准不存在或已停用 (no such active checklist)");
    st = sh_db_prepare(db, "INSERT INTO campaigns(name, checklist_id, created_by, created_at) VALUES (?, ?, ?, ?) RETURNING id", err);
    if (st) {
        sh_bind_text(st, 1, name);
        sh_bind_int64(st, 2, json_integer_value(cl));
        sh_bind_int64_or_null(st, 3, actor->user_id);
        sh_bind_int64(st, 4, sh_now_ms());
    }
    int64_t campaign;
    int rc = sh_stmt_insert_id(st, &campaign, err);
    if (rc != 0)
        return rc;
    struct enroll x = {db, campaign, err, 0};
    if (ids)
        rc = enroll_ids(&x, actor, ids);
    else if ((rc = sh_entity_each(db, actor, f, enroll_one, &x, err)) == 0 && err->code)
        rc = err->code;
    if (rc == 0 && x.n == 0)
        rc = sh_fail(err, SH_EINVAL, ids ? "entity_ids" : "kind", "没有符合条件的在营主体 (no active business matches)");
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:I}", "name", name, "businesses", (json_int_t)x.n);
        rc = sh_audit(db, actor, "create", "campaign", x.campaign, NULL, after, err);
        json_decref(after);
    }
    if (rc == 0)
        *ret_id = x.campaign;
    return rc;
}

int sh_campaign_may_run(const sh_principal *actor, sh_err *err)
{
    if (actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY)
        return sh_fail(err, SH_EPERM, "", "整治验收由县局组织 (the county bureau runs campaigns)");
    return 0;
}

int sh_campaign_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err)
{
    int rc = sh_campaign_may_run(actor, err);
    if (rc)
        return rc;
    const char *name = json_string_value(json_object_get(body, "name"));
    json_t *cl = json_object_get(body, "checklist_id"), *ids = json_object_get(body, "entity_ids");
    if ((rc = sh_check_text(name, 2, 80, "name", err)) != 0)
        return rc;
    if (!json_is_integer(cl))
        return sh_fail(err, SH_EINVAL, "checklist_id", "须指定验收标准 (a checklist is required)");
    if (ids && (!json_is_array(ids) || json_array_size(ids) == 0 || json_array_size(ids) > SH_CAMPAIGN_MAX_IDS))
        return sh_fail(err, SH_EINVAL, "entity_ids", "请给出1至%d个主体编号 (a list of 1 to %d businesses)", SH_CAMPAIGN_MAX_IDS, SH_CAMPAIGN_MAX_IDS);
    sh_entity_filter f = {.kind = json_string_value(json_object_get(body, "kind")),
                          .township = json_string_value(json_object_get(body, "township")), .limit = 500};
    if (!ids && (rc = sh_entity_filter_check(&f, err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    return sh_db_finish(db, campaign_insert(db, actor, name, cl, ids, &f, ret_id, err), err);
}

int sh_campaign_create_for(sh_db *db, const sh_principal *actor, const char *name, int64_t checklist_id, json_t *entity_ids, int64_t *ret_id,
                           sh_err *err)
{
    int rc = sh_campaign_may_run(actor, err);
    if (rc)
        return rc;
    if (!json_is_array(entity_ids) || json_array_size(entity_ids) > SH_CAMPAIGN_MAX_IDS)
        return sh_fail(err, SH_EINVAL, "entity_ids", "一次验收最多%d个主体 (at most %d businesses)", SH_CAMPAIGN_MAX_IDS, SH_CAMPAIGN_MAX_IDS);
    json_t *cl = json_integer(checklist_id);
    int own = !sh_db_in_transaction(db);
    if (own && (rc = sh_db_begin(db, err)) != 0) {
        json_decref(cl);
        return rc;
    }
    rc = campaign_insert(db, actor, name, cl, entity_ids, NULL, ret_id, err);
    json_decref(cl);
    return own ? sh_db_finish(db, rc, err) : rc;
}

static json_t *campaign_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:s, s:I, s:s, s:s, s:I, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "name",
                     sh_col_text(st, 1), "checklist_id", (json_int_t)sh_col_int64(st, 2), "checklist_name",
                     sh_col_text(st, 3), "status", sh_col_text(st, 4), "created_at", (json_int_t)sh_col_int64(st, 5),
                     "businesses", (json_int_t)sh_col_int64(st, 6));
}

typedef struct campaigns_where {
    const sh_principal *actor;
    int64_t id; /* 0: every campaign the actor sees */
} campaigns_where;

#define CAMPAIGN_COLS "c.id, c.name, c.checklist_id, k.name, c.status, c.created_at, coalesce(n.businesses, 0)"

/* " FROM campaigns … WHERE …" with n.businesses, how many of a campaign's businesses the actor sees: the
 * campaigns the actor sees (the county runs them and sees them all; anyone else those with a business of
 * theirs). */
static void campaigns_from_where(sh_qb *qb, const void *ctx)
{
    const campaigns_where *w = ctx;
    sh_qb_sql(qb, " FROM campaigns c JOIN checklists k ON k.id = c.checklist_id LEFT JOIN (SELECT x.campaign_id, count(*) AS businesses"
                  " FROM campaign_entities x JOIN entities e ON e.id = x.entity_id WHERE 1 = 1");
    sh_scope_entities(qb, &w->actor->scope, "e");
    sh_qb_sql(qb, " GROUP BY x.campaign_id) n ON n.campaign_id = c.id WHERE 1 = 1");
    if (w->actor->role != SH_ROLE_COUNTY && w->actor->role != SH_ROLE_ADMIN)
        sh_qb_sql(qb, " AND n.businesses IS NOT NULL");
    if (w->id) {
        sh_qb_sql(qb, " AND c.id = ");
        sh_qb_int64(qb, w->id);
    }
}

int sh_campaigns_list(sh_db *db, const sh_principal *actor, const sh_page *page, json_t **ret, sh_err *err)
{
    campaigns_where w = {actor, 0};
    sh_page_query q = {CAMPAIGN_COLS, campaigns_from_where, &w, " ORDER BY c.id DESC", page->limit, page->offset, campaign_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}

/* One campaign as listed, for its progress; SH_ENOTFOUND when the actor does not see it. */
static int campaign_seen(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    campaigns_where w = {actor, id};
    json_t *page = NULL;
    sh_page_query q = {CAMPAIGN_COLS, campaigns_from_where, &w, "", 1, 0, campaign_row, NULL};
    int rc = sh_rows_page(db, &q, &page, err);
    if (rc)
        return rc;
    *ret = json_incref(json_array_get(json_object_get(page, "items"), 0));
    json_decref(page);
    return *ret ? 0 : sh_fail(err, SH_ENOTFOUND, "id", "整治验收不存在或不含您辖区的主体 (no such campaign in your jurisdiction)");
}

/* Who records each level. */
static int role_may_record(sh_role r, int level)
{
    switch (level) {
    case 1: return r == SH_ROLE_BUSINESS;
    case 2: return r == SH_ROLE_TOWNSHIP || r == SH_ROLE_COUNTY || r == SH_ROLE_ADMIN;
    case 3: return r == SH_ROLE_INSPECTOR || r == SH_ROLE_TOWNSHIP || r == SH_ROLE_COUNTY || r == SH_ROLE_ADMIN;
    default: return r == SH_ROLE_COUNTY || r == SH_ROLE_ADMIN;
    }
}

static int check_results(sh_db *db, int64_t checklist, json_t *items, int *passed, sh_err *err)
{
    if (!json_is_array(items) || json_array_size(items) == 0)
        return sh_fail(err, SH_EINVAL, "items", "须逐项填写验收结果 (every item of the standard needs a result)");
    int64_t total = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM checklist_items WHERE checklist_id = ?", err);
    if (st) {
        sh_bind_int64(st, 1, checklist);
        if (sh_stmt_step(st, err) == SH_ROW)
            total = sh_col_int64(st, 0);
        sh_stmt_done(st);
    }
    *passed = 1;
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        char field[32];
        snprintf(field, sizeof field, "items[%zu]", i);
        const char *outcome = json_string_value(json_object_get(it, "outcome"));
        json_t *item = json_object_get(it, "item_id");
        if (!json_is_integer(item) || !outcome || (strcmp(outcome, "pass") && strcmp(outcome, "fail") && strcmp(outcome, "na")))
            return sh_fail(err, SH_EINVAL, field, "须有item_id和结果pass、fail或na (item_id and outcome pass, fail or na)");
        for (size_t j = 0; j < i; j++)
            if (json_integer_value(json_object_get(json_array_get(items, j), "item_id")) == json_integer_value(item))
                return sh_fail(err, SH_EINVAL, field, "检查项重复 (the item appears twice)");
        st = sh_db_prepare(db, "SELECT 1 FROM checklist_items WHERE id = ? AND checklist_id = ?", err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, json_integer_value(item));
        sh_bind_int64(st, 2, checklist);
        int found = sh_stmt_step(st, err) == SH_ROW;
        sh_stmt_done(st);
        if (!found)
            return sh_fail(err, SH_EINVAL, field, "检查项不属于本次验收标准 (the item is not in the campaign's standard)");
        *passed &= strcmp(outcome, "fail") != 0;
    }
    if ((int64_t)json_array_size(items) != total)
        return sh_fail(err, SH_EINVAL, "items", "验收须覆盖标准的全部%lld项 (all %lld items of the standard)", (long long)total, (long long)total);
    return 0;
}

int sh_acceptance_record(sh_db *db, const sh_principal *actor, int64_t campaign_id, json_t *body, sh_err *err)
{
    json_t *eid = json_object_get(body, "entity_id"), *lv = json_object_get(body, "level");
    const char *note = json_string_value(json_object_get(body, "note"));
    int rc;
    if (!json_is_integer(eid))
        return sh_fail(err, SH_EINVAL, "entity_id", "必填 (required)");
    if (!json_is_integer(lv) || json_integer_value(lv) < 1 || json_integer_value(lv) > 4)
        return sh_fail(err, SH_EINVAL, "level", "验收层级应为1自查、2初验、3现场验收、4县级复核 (level 1-4)");
    int level = (int)json_integer_value(lv);
    if (!role_may_record(actor->role, level))
        return sh_fail(err, SH_EPERM, "level", "您的角色不能记录这一层级的验收 (your role does not record this level)");
    if (note && (rc = sh_check_text(note, 0, 1000, "note", err)) != 0)
        return rc;
    int own; /* the demo records its levels inside its own transaction */
    if ((rc = sh_db_join(db, &own, err)) != 0)
        return rc;
    sh_entity e;
    if ((rc = sh_entity_get(db, actor, json_integer_value(eid), &e, err)) != 0)
        return sh_db_leave(db, own, rc, err);
    sh_entity_release(&e);
    /* enrolled, campaign open, and the checklist of the campaign */
    int64_t checklist = 0;
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT c.checklist_id, c.status FROM campaigns c JOIN campaign_entities x ON x.campaign_id = c.id"
                                " WHERE c.id = ? AND x.entity_id = ?",
                                err);
    if (st) {
        sh_bind_int64(st, 1, campaign_id);
        sh_bind_int64(st, 2, json_integer_value(eid));
        if (sh_stmt_step(st, err) == SH_ROW && !strcmp(sh_col_text(st, 1), "open"))
            checklist = sh_col_int64(st, 0);
        sh_stmt_done(st);
    }
    if (!checklist)
        return sh_db_leave(db, own, sh_fail(err, SH_ENOTFOUND, "entity_id", "该主体不在这次整治验收中 (the business is not in this open campaign)"), err);
    /* levels go in order: the previous one must have passed, and a passed level is final */
    st = sh_db_prepare(db, "SELECT level, passed FROM acceptance_steps WHERE campaign_id = ? AND entity_id = ?", err);
    int passed_levels[5] = {1, 0, 0, 0, 0};
    if (st) {
        sh_bind_int64(st, 1, campaign_id);
        sh_bind_int64(st, 2, json_integer_value(eid));
        while (sh_stmt_step(st, err) == SH_ROW)
            passed_levels[sh_col_int64(st, 0)] = (int)sh_col_int64(st, 1);
        sh_stmt_done(st);
    }
    if (!passed_levels[level - 1])
        return sh_db_leave(db, own, sh_fail(err, SH_EINVAL, "level", "须先通过上一层级（%s） (the previous level must pass first)", level_names[level - 1]), err);
    if (passed_levels[level])
        return sh_db_leave(db, own, sh_fail(err, SH_EEXIST, "level", "这一层级已通过 (this level has already passed)"), err);
    int passed = 0;
    if ((rc = check_results(db, checklist, json_object_get(body, "items"), &passed, err)) != 0)
        return sh_db_leave(db, own, rc, err);
    char *results = json_dumps(json_object_get(body, "items"), JSON_COMPACT);
    st = sh_db_prepare(db,
                       "INSERT INTO acceptance_steps(campaign_id, entity_id, level, passed, results, note, recorded_by, recorded_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (campaign_id, entity_id, level) DO UPDATE SET"
                       " passed = ?4, results = ?5, note = ?6, recorded_by = ?7, recorded_at = ?8",
                       err);
    if (!st) {
        free(results);
        return sh_db_leave(db, own, SH_EINTERNAL, err);
    }
    sh_bind_int64(st, 1, campaign_id);
    sh_bind_int64(st, 2, json_integer_value(eid));
    sh_bind_int64(st, 3, level);
    sh_bind_int64(st, 4, passed);
    sh_bind_text(st, 5, results);
    sh_bind_text(st, 6, note);
    sh_bind_int64_or_null(st, 7, actor->user_id);
    sh_bind_int64(st, 8, sh_now_ms());
    rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    free(results);
    if (rc >= 0) {
        json_t *after = json_pack("{s:I, s:s, s:b}", "campaign_id", (json_int_t)campaign_id, "level", level_names[level], "passed", passed);
        rc = sh_audit(db, actor, "acceptance", "entity", json_integer_value(eid), NULL, after, err);
        json_decref(after);
    }
    return sh_db_leave(db, own, rc < 0 ? rc : 0, err);
}

int sh_campaign_progress(sh_db *db, const sh_principal *actor, int64_t campaign_id, const sh_page *page, json_t **ret,
                         sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    /* the stage: the highest level passed with every lower one passed (levels only pass in order) */
    sh_qb_sql(&qb,
              "SELECT e.id, e.name, t.code, t.name, coalesce((SELECT max(level) FROM acceptance_steps s"
              " WHERE s.campaign_id = x.campaign_id AND s.entity_id = e.id AND s.passed = 1), 0),"
              " (SELECT max(level) FROM acceptance_steps s WHERE s.campaign_id = x.campaign_id AND s.entity_id = e.id AND s.passed = 0)"
              " FROM campaign_entities x JOIN entities e ON e.id = x.entity_id"
              " JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000' WHERE x.campaign_id = ");
    sh_qb_int64(&qb, campaign_id);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " ORDER BY t.code, e.id");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    json_t *totals = json_pack("{s:i, s:i, s:i, s:i, s:i}", "businesses", 0, "self_check", 0, "preliminary", 0, "on_site", 0, "county_review", 0);
    json_t *towns = json_array(), *entities = json_array(), *town = NULL;
    int rc;
    int64_t row = 0;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        int stage = (int)sh_col_int64(st, 4);
        if (!town || strcmp(json_string_value(json_object_get(town, "township_code")), sh_col_text(st, 2))) {
            town = json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:i}", "township_code", sh_col_text(st, 2), "township_name",
                             sh_col_text(st, 3), "businesses", 0, "self_check", 0, "preliminary", 0, "on_site", 0, "county_review", 0);
            json_array_append_new(towns, town);
        }
        json_t *both[2] = {totals, town};
        for (int k = 0; k < 2; k++) {
            json_object_set_new(both[k], "businesses", json_integer(json_integer_value(json_object_get(both[k], "businesses")) + 1));
            for (int l = 1; l <= stage; l++)
                json_object_set_new(both[k], level_names[l], json_integer(json_integer_value(json_object_get(both[k], level_names[l])) + 1));
        }
        row++;
        if (!page || (row > page->offset && row <= page->offset + page->limit))
            json_array_append_new(entities, json_pack("{s:I, s:s, s:s, s:i, s:s, s:o}", "id", (json_int_t)sh_col_int64(st, 0), "name",
                                                      sh_col_text(st, 1), "township_name", sh_col_text(st, 3), "stage", stage,
                                                      "stage_name", level_names[stage], "failed_level",
                                                      sh_col_is_null(st, 5) ? json_null() : json_integer(sh_col_int64(st, 5))));
    }
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(totals);
        json_decref(towns);
        json_decref(entities);
        return rc;
    }
    if (json_integer_value(json_object_get(totals, "businesses")) == 0) {
        json_decref(totals);
        json_decref(towns);
        json_decref(entities);
        return sh_fail(err, SH_ENOTFOUND, "id", "整治验收不存在或不含您辖区的主体 (no such campaign in your jurisdiction)");
    }
    json_t *campaign = NULL;
    if ((rc = campaign_seen(db, actor, campaign_id, &campaign, err)) != 0) {
        json_decref(totals);
        json_decref(towns);
        json_decref(entities);
        return rc;
    }
    *ret = json_pack("{s:I, s:o, s:o, s:o, s:o, s:I}", "campaign_id", (json_int_t)campaign_id, "campaign", campaign, "totals", totals,
                     "townships", towns, "entities", entities, "entities_total", (json_int_t)row);
    return 0;
}
