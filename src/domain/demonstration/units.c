/* Model units of a campaign (示范街区, 示范食堂 …, demonstration.h): named by the county in one of its
 * townships, with their status (创建中, 已验收, 已命名); seen by the county, and by a township official
 * reaching the campaign for its own township's units. */
#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/demonstration/dm_int.h"
#include "domain/registry/registry.h"
#include "store/scope.h"

static const char *const KINDS[][2] = {{"street", "示范街区"}, {"canteen", "示范食堂"}, {"market", "示范市场"}, {"other", "其他示范单位"}};
static const char *const STATUSES[][2] = {{"building", "创建中"}, {"accepted", "已验收"}, {"named", "已命名"}};

static const char *label(const char *const (*table)[2], size_t n, const char *code)
{
    for (size_t i = 0; code && i < n; i++)
        if (!strcmp(table[i][0], code))
            return table[i][1];
    return NULL;
}
#define KIND_LABEL(c) label(KINDS, sizeof KINDS / sizeof *KINDS, c)
#define STATUS_LABEL(c) label(STATUSES, sizeof STATUSES / sizeof *STATUSES, c)

static json_t *unit_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    const char *kind = sh_col_text(st, 2), *status = sh_col_text(st, 5);
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "campaign_id",
                     (json_int_t)sh_col_int64(st, 1), "kind", kind, "kind_label", KIND_LABEL(kind), "name", sh_col_text(st, 3), "division_code",
                     sh_col_text(st, 4), "division_name", sh_col_text_json(st, 6), "status", status, "status_label", STATUS_LABEL(status));
}

#define UNIT_COLS "n.id, n.campaign_id, n.kind, n.name, n.division_code, n.status, d.name"
#define UNIT_FROM " FROM demonstration_units n LEFT JOIN divisions d ON d.code = n.division_code"

struct units_where {
    const sh_principal *actor;
    int64_t campaign_id, id;
    int county;
};

static void units_from_where(sh_qb *qb, const void *ctx)
{
    const struct units_where *w = ctx;
    sh_qb_sql(qb, UNIT_FROM " WHERE n.campaign_id = ");
    sh_qb_int64(qb, w->campaign_id);
    if (w->id) {
        sh_qb_sql(qb, " AND n.id = ");
        sh_qb_int64(qb, w->id);
    }
    if (!w->county) { /* a township's own units */
        if (w->actor->scope.kind == SH_SCOPE_DIVISION)
            sh_qb_division_prefix(qb, "n.division_code", w->actor->scope.prefix);
        else
            sh_qb_sql(qb, " AND 1 = 0");
    }
}

int sh_dm_units_list(sh_db *db, const sh_principal *actor, int64_t campaign_id, const sh_page *page, json_t **ret, sh_err *err)
{
    char division[13];
    struct units_where w = {actor, campaign_id, 0, 0};
    int rc = dm_campaign_load(db, actor, campaign_id, division, &w.county, err);
    if (rc)
        return rc;
    sh_page_query q = {UNIT_COLS, units_from_where, &w, " ORDER BY n.kind, n.name, n.id", page->limit, page->offset, unit_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}

/* The unit as the county sees it (any other caller: missing). */
static int unit_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT campaign_id FROM demonstration_units WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    int64_t campaign = rc == SH_ROW ? sh_col_int64(st, 0) : 0;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    char division[13];
    struct units_where w = {actor, campaign, id, 0};
    if (!campaign || dm_campaign_load(db, actor, campaign, division, &w.county, NULL) != 0)
        return sh_fail(err, SH_ENOTFOUND, "id", "示范单位不存在 (no such unit)");
    sh_page_query q = {UNIT_COLS, units_from_where, &w, " ORDER BY n.id", 1, 0, unit_row, NULL};
    json_t *page = NULL;
    if ((rc = sh_rows_page(db, &q, &page, err)) != 0)
        return rc;
    json_t *one = json_array_get(json_object_get(page, "items"), 0);
    if (one) {
        *ret = json_incref(one);
        json_object_set_new(*ret, "county", json_boolean(w.county));
    }
    json_decref(page);
    return one ? 0 : sh_fail(err, SH_ENOTFOUND, "id", "示范单位不存在 (no such unit)");
}

int sh_dm_unit_create(sh_db *db, const sh_principal *actor, int64_t campaign_id, json_t *body, json_t **ret, sh_err *err)
{
    char division[13];
    int county = 0;
    int rc = dm_campaign_load(db, actor, campaign_id, division, &county, err);
    if (rc == 0)
        rc = dm_county_edit(actor, county, err);
    if (rc)
        return rc;
    const char *kind = json_string_value(json_object_get(body, "kind")), *name = NULL,
               *where = json_string_value(json_object_get(body, "division_code")), *status = json_string_value(json_object_get(body, "status"));
    if (!KIND_LABEL(kind))
        return sh_fail(err, SH_EINVAL, "kind", "类别：应为street、canteen、market或other (kind must be street, canteen, market or other)");
    if ((rc = sh_body_text(body, "name", "示范单位名称", 2, 100, &name, err)) != 0)
        return rc;
    if (!status)
        status = "building";
    if (!STATUS_LABEL(status))
        return sh_fail(err, SH_EINVAL, "status", "状态：应为building、accepted或named (status must be building, accepted or named)");
    int level = 0;
    if (where && strlen(where) == 12 && !strncmp(where, division, 6) && (rc = sh_division_level(db, where, &level, err)) != 0)
        return rc;
    if (level != 2)
        return sh_fail(err, SH_EINVAL, "division_code", "所在乡镇：应为本县乡镇的区划代码 (division_code must be a township of the county)");
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    int64_t id = 0, now = sh_now_ms();
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO demonstration_units(campaign_id, kind, name, division_code, status, created_by, created_at, updated_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                err);
    if (st) {
        sh_bind_int64(st, 1, campaign_id);
        sh_bind_text(st, 2, kind);
        sh_bind_text(st, 3, name);
        sh_bind_text(st, 4, where);
        sh_bind_text(st, 5, status);
        sh_bind_int64_or_null(st, 6, actor->user_id);
        sh_bind_int64(st, 7, now);
        sh_bind_int64(st, 8, now);
    }
    rc = sh_stmt_insert_id(st, &id, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s, s:s, s:s}", "kind", kind, "name", name, "division_code", where, "status", status);
        rc = sh_audit(db, actor, "create", "demonstration_unit", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : unit_get(db, actor, id, ret, err);
}

int sh_dm_unit_update(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    json_t *cur = NULL;
    int rc = unit_get(db, actor, id, &cur, err);
    if (rc)
        return rc;
    int county = json_is_true(json_object_get(cur, "county"));
    char before[12];
    snprintf(before, sizeof before, "%s", json_string_value(json_object_get(cur, "status")));
    json_decref(cur);
    if (dm_county_edit(actor, county, NULL)) /* a unit has no page of its own: to anyone but its editor it is missing */
        return sh_fail(err, SH_ENOTFOUND, "id", "示范单位不存在 (no such unit)");
    const char *status = json_string_value(json_object_get(body, "status"));
    if (!STATUS_LABEL(status))
        return sh_fail(err, SH_EINVAL, "status", "状态：应为building、accepted或named (status must be building, accepted or named)");
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "UPDATE demonstration_units SET status = ?, updated_at = ? WHERE id = ?", err);
    if (st) {
        sh_bind_text(st, 1, status);
        sh_bind_int64(st, 2, sh_now_ms());
        sh_bind_int64(st, 3, id);
    }
    rc = sh_stmt_run(st, err);
    if (rc == 0) {
        json_t *b = json_pack("{s:s}", "status", before), *a = json_pack("{s:s}", "status", status);
        rc = sh_audit(db, actor, "update", "demonstration_unit", id, b, a, err);
        json_decref(b);
        json_decref(a);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : unit_get(db, actor, id, ret, err);
}
