#include "domain/sampling/labs.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "store/rows.h"

static int may_read(const sh_principal *actor, sh_err *err)
{
    if (actor->role == SH_ROLE_BUSINESS || actor->role == SH_ROLE_VILLAGE)
        return sh_fail(err, SH_EPERM, "", "检验机构档案供执法人员查看 (officials only)");
    return 0;
}

static int may_edit(const sh_principal *actor, sh_err *err)
{
    if (actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY)
        return sh_fail(err, SH_EPERM, "", "检验机构档案由县局维护 (the county keeps the lab file)");
    return 0;
}

static const struct {
    const char *field, *zh;
    size_t min, max;
} fields[] = {
    {"name", "机构名称", 2, 100}, {"cma_no", "资质认定证书编号", 6, 40}, {"scope", "资质认定范围", 2, 2000},
    {"contact", "联系人", 0, 50}, {"phone", "联系电话", 0, 30},         {"address", "地址", 0, 200},
};
enum { NFIELDS = sizeof fields / sizeof *fields };

/* Checks the fields present (all required ones when creating); vals[i] NULL when absent. */
static int read_fields(json_t *body, int creating, const char *vals[NFIELDS], sh_err *err)
{
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    for (int i = 0; i < NFIELDS; i++) {
        json_t *v = json_object_get(body, fields[i].field);
        vals[i] = json_string_value(v);
        if (v && !json_is_null(v) && !vals[i])
            return sh_fail(err, SH_EINVAL, fields[i].field, "应为文本 (must be text)");
        if (!vals[i] && creating && fields[i].min)
            return sh_fail(err, SH_EINVAL, fields[i].field, "请填写%s (required)", fields[i].zh);
        if (vals[i] && sh_check_text(vals[i], fields[i].min, fields[i].max, fields[i].field, err))
            return sh_fail(err, SH_EINVAL, fields[i].field, "%s应为%zu-%zu字 (%zu to %zu characters)", fields[i].zh, fields[i].min,
                           fields[i].max, fields[i].min, fields[i].max);
    }
    json_t *rapid = json_object_get(body, "rapid"), *active = json_object_get(body, "active");
    if (rapid && !json_is_boolean(rapid))
        return sh_fail(err, SH_EINVAL, "rapid", "应为true或false (true or false)");
    if (active && !json_is_boolean(active))
        return sh_fail(err, SH_EINVAL, "active", "应为true或false (true or false)");
    return 0;
}

static int conflict(int rc, sh_err *err)
{
    return rc == SH_EEXIST ? sh_fail(err, SH_EEXIST, "cma_no", "同名或同证书编号的机构已登记 (a lab with this name or CMA number is on file)") : rc;
}

int sh_lab_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err)
{
    const char *v[NFIELDS];
    int rc = may_edit(actor, err);
    if (rc == 0)
        rc = read_fields(body, 1, v, err);
    if (rc == 0)
        rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    int64_t id = 0, now = sh_now_ms();
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO labs(name, cma_no, scope, contact, phone, address, rapid, active, created_at, updated_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                                err);
    if (st) {
        for (int i = 0; i < NFIELDS; i++)
            sh_bind_text_or_null(st, i + 1, v[i]);
        sh_bind_int64(st, 7, json_is_true(json_object_get(body, "rapid")));
        sh_bind_int64(st, 8, now);
        sh_bind_int64(st, 9, now);
    }
    rc = conflict(sh_stmt_insert_id(st, &id, err), err);
    if (rc == 0)
        rc = sh_audit(db, actor, "create", "lab", id, NULL, body, err);
    rc = sh_db_finish(db, rc, err);
    if (rc == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int sh_lab_update(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err)
{
    const char *v[NFIELDS];
    int rc = may_edit(actor, err);
    if (rc == 0)
        rc = read_fields(body, 0, v, err);
    if (rc == 0)
        rc = sh_db_begin(db, err);
    if (rc)
        return rc;
    json_t *before = NULL;
    if ((rc = sh_lab_get(db, actor, id, &before, err)) == 0) {
        /* each column keeps its value unless the body gives one */
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE labs SET name = COALESCE(?, name), cma_no = COALESCE(?, cma_no), scope = COALESCE(?, scope),"
                                    " contact = COALESCE(?, contact), phone = COALESCE(?, phone), address = COALESCE(?, address),"
                                    " rapid = COALESCE(?, rapid), active = COALESCE(?, active), updated_at = ? WHERE id = ?",
                                    err);
        if (st) {
            for (int i = 0; i < NFIELDS; i++)
                sh_bind_text_or_null(st, i + 1, v[i]);
            json_t *rapid = json_object_get(body, "rapid"), *active = json_object_get(body, "active");
            if (rapid)
                sh_bind_int64(st, 7, json_is_true(rapid));
            else
                sh_bind_null(st, 7);
            if (active)
                sh_bind_int64(st, 8, json_is_true(active));
            else
                sh_bind_null(st, 8);
            sh_bind_int64(st, 9, sh_now_ms());
            sh_bind_int64(st, 10, id);
        }
        rc = conflict(sh_stmt_run(st, err), err);
    }
    if (rc == 0)
        rc = sh_audit(db, actor, "update", "lab", id, before, body, err);
    json_decref(before);
    return sh_db_finish(db, rc, err);
}

#define LAB_COLS "id, name, cma_no, scope, contact, phone, address, rapid, active, created_at"

static json_t *lab_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:b, s:b, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "name", sh_col_text(st, 1),
                          "cma_no", sh_col_text(st, 2), "scope", sh_col_text(st, 3), "rapid", (int)sh_col_int64(st, 7), "active",
                          (int)sh_col_int64(st, 8), "created_at", (json_int_t)sh_col_int64(st, 9));
    const char *k[] = {"contact", "phone", "address"};
    for (int i = 0; i < 3; i++)
        json_object_set_new(o, k[i], sh_col_is_null(st, 4 + i) ? json_null() : json_string(sh_col_text(st, 4 + i)));
    return o;
}

int sh_lab_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    int rc = may_read(actor, err);
    if (rc)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT " LAB_COLS " FROM labs WHERE id = ?", err);
    if (st)
        sh_bind_int64(st, 1, id);
    json_t *rows = json_array();
    rc = sh_rows_append(st, lab_json, NULL, rows, err);
    *ret = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    if (rc == 0 && !*ret)
        rc = sh_fail(err, SH_ENOTFOUND, "id", "检验机构不存在 (no such lab)");
    return rc;
}

int sh_labs_list(sh_db *db, const sh_principal *actor, int active_only, int limit, int64_t offset, json_t **ret, sh_err *err)
{
    int rc = may_read(actor, err);
    if (rc)
        return rc;
    int64_t total = 0;
    sh_stmt *st = sh_db_prepare(db, "SELECT count(*) FROM labs WHERE active >= ?", err);
    if (st)
        sh_bind_int64(st, 1, active_only ? 1 : 0);
    rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    if (rc == SH_ROW)
        total = sh_col_int64(st, 0);
    if (st)
        sh_stmt_done(st);
    if (rc < 0)
        return rc;
    st = sh_db_prepare(db, "SELECT " LAB_COLS " FROM labs WHERE active >= ? ORDER BY active DESC, name LIMIT ? OFFSET ?", err);
    if (st) {
        sh_bind_int64(st, 1, active_only ? 1 : 0);
        sh_bind_int64(st, 2, limit);
        sh_bind_int64(st, 3, offset);
    }
    json_t *items = json_array();
    if ((rc = sh_rows_append(st, lab_json, NULL, items, err)) != 0) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);
    return 0;
}
