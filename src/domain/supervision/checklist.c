#include "domain/supervision/checklist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/data.h"
#include "core/timeutil.h"
#include "store/rows.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/registry/entity.h"

static const struct {
    const char *code, *name, *kinds, *file;
} defaults[] = {
    {"catering", "餐饮服务食品安全监督检查表", "[\"caterer\",\"unit_canteen\",\"central_kitchen\",\"group_meal\"]", "data/checklists/catering.csv"},
    {"school_canteen", "学校食堂食品安全监督检查表", "[\"school_canteen\"]", "data/checklists/school_canteen.csv"},
    {"production", "食品生产监督检查表", "[\"producer\"]", "data/checklists/production.csv"},
    {"workshop", "食品小作坊监督检查表", "[\"workshop\"]", "data/checklists/workshop.csv"},
    {"selling", "食品销售监督检查表", "[\"seller\",\"stall\"]", "data/checklists/selling.csv"},
};

static int validate_items(json_t *items, sh_err *err)
{
    if (!json_is_array(items) || json_array_size(items) == 0 || json_array_size(items) > 500)
        return sh_fail(err, SH_EINVAL, "items", "检查项应为1-500项的数组 (items must be an array of 1-500 items)");
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        char field[64];
        int rc;
        if (!json_is_object(it))
            return sh_fail(err, SH_EINVAL, "items", "第%zu项应为对象 (item %zu must be an object)", i + 1, i + 1);
        snprintf(field, sizeof field, "items[%zu].dimension", i);
        if ((rc = sh_check_text(json_string_value(json_object_get(it, "dimension")), 1, 40, field, err)) != 0)
            return rc;
        snprintf(field, sizeof field, "items[%zu].content", i);
        if ((rc = sh_check_text(json_string_value(json_object_get(it, "content")), 2, 500, field, err)) != 0)
            return rc;
        json_t *key = json_object_get(it, "key");
        if (key && !json_is_boolean(key)) {
            snprintf(field, sizeof field, "items[%zu].key", i);
            return sh_fail(err, SH_EINVAL, field, "应为true或false (must be a boolean)");
        }
        static const char *const optional[] = {"basis", "evidence"};
        for (int k = 0; k < 2; k++) {
            json_t *v = json_object_get(it, optional[k]);
            snprintf(field, sizeof field, "items[%zu].%s", i, optional[k]);
            if (v && !json_is_null(v) && (rc = sh_check_text(json_string_value(v), 0, 300, field, err)) != 0)
                return rc;
        }
    }
    return 0;
}

static int validate_kinds(json_t *kinds, sh_err *err)
{
    if (!json_is_array(kinds) || json_array_size(kinds) == 0)
        return sh_fail(err, SH_EINVAL, "kinds", "须指定适用的主体类型 (kinds must list business kinds)");
    size_t i;
    json_t *k;
    json_array_foreach(kinds, i, k) if (!json_is_string(k) || !sh_entity_kind_parse(json_string_value(k)) ||
                                        strcmp(sh_entity_kind_parse(json_string_value(k)), json_string_value(k)) != 0)
        return sh_fail(err, SH_EINVAL, "kinds", "未知的主体类型 (unknown kind)");
    return 0;
}

/* Inserts a checklist and its items inside the caller's transaction. */
static int insert_checklist(sh_db *db, const char *actor, const char *code, const char *name, json_t *kinds,
                            json_t *items, int64_t *ret_id, sh_err *err)
{
    int64_t version = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT coalesce(max(version), 0) FROM checklists WHERE code = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    int rc = sh_stmt_step(st, err);
    version = sh_col_int64(st, 0) + 1;
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    st = sh_db_prepare(db, "UPDATE checklists SET status = 'retired' WHERE code = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    char *kinds_text = json_dumps(kinds, JSON_COMPACT);
    st = sh_db_prepare(db,
                       "INSERT INTO checklists(code, version, name, kinds, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                       err);
    if (!st) {
        free(kinds_text);
        return SH_EINTERNAL;
    }
    sh_bind_text(st, 1, code);
    sh_bind_int64(st, 2, version);
    sh_bind_text(st, 3, name);
    sh_bind_text(st, 4, kinds_text);
    sh_bind_text(st, 5, actor);
    sh_bind_int64(st, 6, sh_now_ms());
    int64_t id;
    rc = sh_stmt_insert_id(st, &id, err);
    free(kinds_text);
    if (rc < 0)
        return rc;
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        st = sh_db_prepare(db,
                           "INSERT INTO checklist_items(checklist_id, seq, dimension, content, key_item, basis, evidence)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)",
                           err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_int64(st, 1, id);
        sh_bind_int64(st, 2, (int64_t)i + 1);
        sh_bind_text(st, 3, json_string_value(json_object_get(it, "dimension")));
        sh_bind_text(st, 4, json_string_value(json_object_get(it, "content")));
        sh_bind_int64(st, 5, json_is_true(json_object_get(it, "key")));
        sh_bind_text(st, 6, json_string_value(json_object_get(it, "basis")));
        sh_bind_text(st, 7, json_string_value(json_object_get(it, "evidence")));
        rc = sh_stmt_step(st, err);
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
    }
    *ret_id = id;
    return 0;
}

static int csv_item(char **f, int n, void *ctx)
{
    if (n < 3)
        return 0;
    json_array_append_new(ctx, json_pack("{s:s, s:b, s:s, s:s, s:s}", "dimension", f[0], "key", f[1][0] == '1', "content",
                                         f[2], "basis", n > 3 ? f[3] : "", "evidence", n > 4 ? f[4] : ""));
    return 0;
}

int sh_checklists_seed(sh_db *db, sh_err *err)
{
    int rc = sh_db_begin(db, err);
    for (size_t i = 0; rc == 0 && i < sizeof defaults / sizeof defaults[0]; i++) {
        int64_t n = 0;
        sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM checklists WHERE code = ?", err);
        if (!st) {
            rc = SH_EINTERNAL;
            break;
        }
        sh_bind_text(st, 1, defaults[i].code);
        if ((rc = sh_stmt_step(st, err)) == SH_ROW)
            n = sh_col_int64(st, 0);
        sh_stmt_done(st);
        if (rc < 0 || (rc = 0, n > 0))
            continue;
        const char *text = sh_data_file(defaults[i].file);
        json_t *items = json_array(), *kinds = json_loads(defaults[i].kinds, 0, NULL);
        int64_t id;
        if (!text)
            rc = sh_fail(err, SH_EINTERNAL, "", "%s is not built in", defaults[i].file);
        else
            sh_data_each_row(text, 5, csv_item, items);
        if (rc == 0)
            rc = insert_checklist(db, "system", defaults[i].code, defaults[i].name, kinds, items, &id, err);
        json_decref(items);
        json_decref(kinds);
    }
    if (rc == 0)
        return sh_db_commit(db, err);
    sh_db_rollback(db);
    return rc;
}

int sh_checklist_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err)
{
    int rc;
    if (actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY)
        return sh_fail(err, SH_EPERM, "", "只有县局可以制定检查标准 (only the county bureau sets standards)");
    const char *code = json_string_value(json_object_get(body, "code"));
    const char *name = json_string_value(json_object_get(body, "name"));
    size_t clen = code ? strlen(code) : 0;
    if (clen < 2 || clen > 40 || strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_-") != clen)
        return sh_fail(err, SH_EINVAL, "code", "标准编码须为2-40个小写字母、数字或_- (code: 2-40 of a-z 0-9 _ -)");
    if ((rc = sh_check_text(name, 2, 80, "name", err)) != 0 || (rc = validate_kinds(json_object_get(body, "kinds"), err)) != 0 ||
        (rc = validate_items(json_object_get(body, "items"), err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    rc = insert_checklist(db, actor->username, code, name, json_object_get(body, "kinds"), json_object_get(body, "items"),
                          ret_id, err);
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s, s:I}", "code", code, "name", name, "items",
                                  (json_int_t)json_array_size(json_object_get(body, "items")));
        rc = sh_audit(db, actor, "create", "checklist", *ret_id, NULL, after, err);
        json_decref(after);
    }
    if (rc == 0)
        return sh_db_commit(db, err);
    sh_db_rollback(db);
    return rc;
}

int sh_checklists_list(sh_db *db, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT c.id, c.code, c.version, c.name, c.kinds, count(i.id), coalesce(sum(i.key_item), 0),"
                                " count(DISTINCT i.dimension) FROM checklists c LEFT JOIN checklist_items i ON i.checklist_id = c.id"
                                " WHERE c.status = 'active' GROUP BY c.id ORDER BY c.code",
                                err);
    if (!st)
        return SH_EINTERNAL;
    json_t *items = json_array();
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW) {
        json_t *kinds = json_loads(sh_col_text(st, 4), 0, NULL);
        json_array_append_new(items, json_pack("{s:I, s:s, s:I, s:s, s:o, s:I, s:I, s:I}", "id", (json_int_t)sh_col_int64(st, 0),
                                               "code", sh_col_text(st, 1), "version", (json_int_t)sh_col_int64(st, 2), "name",
                                               sh_col_text(st, 3), "kinds", kinds ? kinds : json_array(), "items_count",
                                               (json_int_t)sh_col_int64(st, 5), "key_count", (json_int_t)sh_col_int64(st, 6),
                                               "dimensions", (json_int_t)sh_col_int64(st, 7)));
    }
    sh_stmt_done(st);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *ret = items;
    return 0;
}
static json_t *checklist_item_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:I, s:I, s:s, s:s, s:b, s:s, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "seq",
                     (json_int_t)sh_col_int64(st, 1), "dimension", sh_col_text(st, 2), "content", sh_col_text(st, 3), "key",
                     (int)sh_col_int64(st, 4), "basis", sh_col_text(st, 5), "evidence", sh_col_text(st, 6));
}


int sh_checklist_get(sh_db *db, int64_t id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT code, version, name, kinds, status FROM checklists WHERE id = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, id);
    int rc = sh_stmt_step(st, err);
    json_t *out = NULL;
    if (rc == SH_ROW) {
        json_t *kinds = json_loads(sh_col_text(st, 3), 0, NULL);
        out = json_pack("{s:I, s:s, s:I, s:s, s:o, s:s}", "id", (json_int_t)id, "code", sh_col_text(st, 0), "version",
                        (json_int_t)sh_col_int64(st, 1), "name", sh_col_text(st, 2), "kinds", kinds ? kinds : json_array(),
                        "status", sh_col_text(st, 4));
    }
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (!out)
        return sh_fail(err, SH_ENOTFOUND, "id", "检查表不存在 (no such checklist)");
    st = sh_db_prepare(db,
                       "SELECT id, seq, dimension, content, key_item, basis, evidence FROM checklist_items"
                       " WHERE checklist_id = ? ORDER BY seq",
                       err);
    if (!st) {
        json_decref(out);
        return SH_EINTERNAL;
    }
    sh_bind_int64(st, 1, id);
    json_t *items = json_array();
    rc = sh_rows_append(st, checklist_item_row, NULL, items, err);
    json_object_set_new(out, "items", items);
    if (rc < 0) {
        json_decref(out);
        return rc;
    }
    *ret = out;
    return 0;
}

int sh_checklist_kinds_include(const char *kinds_json, const char *kind)
{
    json_t *kinds = json_loads(kinds_json, 0, NULL), *k;
    size_t i;
    int found = 0;
    json_array_foreach(kinds, i, k) found = found || (json_is_string(k) && !strcmp(json_string_value(k), kind));
    json_decref(kinds);
    return found;
}

int sh_checklist_for_kind(sh_db *db, const char *kind, int64_t *ret_id, sh_err *err)
{
    /* the kinds are a JSON array: matched here rather than in SQL, where each database spells it
     * differently; active checklists are few */
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT c.id, c.kinds FROM checklists c WHERE c.status = 'active'"
                                " ORDER BY CASE WHEN c.created_by = 'system' THEN 0 ELSE 1 END, c.id",
                                err);
    if (!st)
        return SH_EINTERNAL;
    int rc;
    while ((rc = sh_stmt_step(st, err)) == SH_ROW && !sh_checklist_kinds_include(sh_col_text(st, 1), kind))
        ;
    if (rc == SH_ROW)
        *ret_id = sh_col_int64(st, 0);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_EINVAL, "checklist", "没有适用于该主体类型的检查表 (no checklist for this kind of business)");
}
