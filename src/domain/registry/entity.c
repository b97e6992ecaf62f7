/* Registry storage: create, read, update, status, search and history of businesses, every query
 * confined to the actor's jurisdiction. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/base/audit.h"
#include "domain/registry/entity.h"
#include "store/dialect.h"
#include "store/qb.h"
#include "store/rows.h"

enum { MAX_PROFILE_HOOKS = 8 };
static sh_entity_profile_fn profile_hooks[MAX_PROFILE_HOOKS];
static int nprofile_hooks;

int sh_entity_on_profile_change(sh_entity_profile_fn fn)
{
    for (int i = 0; i < nprofile_hooks; i++)
        if (profile_hooks[i] == fn)
            return 0;
    if (nprofile_hooks == MAX_PROFILE_HOOKS)
        return -1;
    profile_hooks[nprofile_hooks++] = fn;
    return 0;
}

static int profile_changed(sh_db *db, int64_t id, sh_err *err)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < nprofile_hooks; i++)
        rc = profile_hooks[i](db, id, err);
    return rc;
}

/* Columns in sh_entity_field_id order, then the record's own columns and display names. */
#define ENTITY_FIELD_COLS                                                                          \
    "kind, name, uscc, licence_kind, licence_no, licence_valid_until, address, division_code, "    \
    "grid_id, lat, lng, scale, categories, legal_rep, legal_rep_phone, director_name, "            \
    "director_phone, officer_name, officer_phone, canteen_of, special_foods"
#define ENTITY_SELECT                                                                              \
    "SELECT e.kind, e.name, e.uscc, e.licence_kind, e.licence_no, e.licence_valid_until, e.address," \
    " e.division_code, e.grid_id, e.lat, e.lng, e.scale, e.categories, e.legal_rep, e.legal_rep_phone," \
    " e.director_name, e.director_phone, e.officer_name, e.officer_phone, e.canteen_of, e.special_foods," \
    " e.id, e.status, e.status_reason, e.created_at, e.updated_at, e.version,"                     \
    " d.name, t.code, t.name, g.name, g.code"                                                      \
    " FROM entities e JOIN divisions d ON d.code = e.division_code"                                \
    " LEFT JOIN divisions t ON t.code = substr(e.division_code, 1, 9) || '000'"                    \
    " LEFT JOIN grids g ON g.id = e.grid_id"

static void copy_col(char *dst, size_t n, sh_stmt *st, int col)
{
    snprintf(dst, n, "%s", sh_col_text(st, col));
}

static void entity_from_row(sh_stmt *st, sh_entity *e)
{
    sh_entity_init(e);
    for (int i = 0; i < EF__COUNT; i++)
        if (!sh_col_is_null(st, i))
            sh_entity_set(e, (sh_entity_field_id)i, sh_col_text(st, i));
    int c = EF__COUNT;
    e->id = sh_col_int64(st, c++);
    copy_col(e->status, sizeof e->status, st, c++);
    e->status_reason = sh_col_is_null(st, c) ? NULL : sh_xstrdup(sh_col_text(st, c));
    c++;
    e->created_at = sh_col_int64(st, c++);
    e->updated_at = sh_col_int64(st, c++);
    e->version = sh_col_int64(st, c++);
    copy_col(e->division_name, sizeof e->division_name, st, c++);
    copy_col(e->township_code, sizeof e->township_code, st, c++);
    copy_col(e->township_name, sizeof e->township_name, st, c++);
    copy_col(e->grid_name, sizeof e->grid_name, st, c++);
    copy_col(e->grid_code, sizeof e->grid_code, st, c++);
}

static void bind_field(sh_stmt *st, int idx, const sh_entity *e, int f)
{
    const char *v = e->f[f];
    if (!v) {
        sh_bind_null(st, idx);
        return;
    }
    switch (sh_entity_fields[f].type) {
    case SH_FT_INT: sh_bind_int64(st, idx, strtoll(v, NULL, 10)); break;
    case SH_FT_REAL: sh_bind_double(st, idx, strtod(v, NULL)); break;
    default: sh_bind_text(st, idx, v); break;
    }
}

static int require_editor(const sh_principal *actor, sh_err *err)
{
    if (!sh_principal_can_edit_registry(actor))
        return sh_fail(err, SH_EPERM, "", "您的角色无权修改主体档案 (your role may not change the registry)");
    return 0;
}

static int require_division_in_scope(const sh_principal *actor, const char *division, sh_err *err)
{
    if (!sh_scope_covers_division(&actor->scope, division))
        return sh_fail(err, SH_EPERM, "division_code", "所属区划不在您的管辖范围内 (the division is outside your jurisdiction)");
    return 0;
}

/* A clear, field-specific answer for a duplicate, before the unique index would refuse it. */
int sh_entity_check_duplicate(sh_db *db, const sh_entity *e, int64_t self_id, sh_err *err)
{
    static const struct { sh_entity_field_id f; const char *sql; const char *what; } keys[] = {
        {EF_USCC, "SELECT id FROM entities WHERE uscc = ? AND status <> 'closed' AND id <> ?", "统一社会信用代码"},
        {EF_LICENCE_NO, "SELECT id FROM entities WHERE licence_no = ? AND status <> 'closed' AND id <> ?", "许可证编号"},
    };
    for (size_t i = 0; i < 2; i++) {
        if (!e->f[keys[i].f])
            continue;
        sh_stmt *st = sh_db_prepare(db, keys[i].sql, err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_text(st, 1, e->f[keys[i].f]);
        sh_bind_int64(st, 2, self_id);
        int rc = sh_stmt_step(st, err);
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        if (rc == SH_ROW)
            return sh_fail(err, SH_EEXIST, sh_entity_fields[keys[i].f].name,
                           "该%s已登记在另一个主体下 (another open business already has this %s)", keys[i].what,
                           sh_entity_fields[keys[i].f].name);
    }
    return 0;
}

/* The stored fields as JSON, for the audit log. Only fields set in mask (all when NULL). */
static json_t *fields_json(const sh_entity *e, const int *mask)
{
    json_t *o = json_object();
    for (int i = 0; i < EF__COUNT; i++)
        if (!mask || mask[i])
            json_object_set_new(o, sh_entity_fields[i].name, e->f[i] ? json_string(e->f[i]) : json_null());
    return o;
}

/* A write of the registry's own transaction, or a step inside a caller's (a workshop's certificate
 * creates or changes its business with the rest of the issuance): then the caller commits or rolls back. */
static _Thread_local int joined;

static int begin(sh_db *db, sh_err *err)
{
    joined = sh_db_in_transaction(db);
    return joined ? 0 : sh_db_begin(db, err);
}

static int finish(sh_db *db, int rc, sh_err *err)
{
    if (joined) {
        joined = 0;
        return rc;
    }
    if (rc == 0)
        rc = sh_db_commit(db, err);
    if (rc != 0)
        sh_db_rollback(db);
    return rc;
}

int sh_entity_create(sh_db *db, const sh_principal *actor, sh_entity *e, int64_t *ret_id, sh_err *err)
{
    int rc;
    if ((rc = require_editor(actor, err)) != 0 || (rc = sh_entity_validate(db, e, err)) != 0 ||
        (rc = require_division_in_scope(actor, e->f[EF_DIVISION_CODE], err)) != 0)
        return rc;
    if ((rc = begin(db, err)) != 0)
        return rc;
    if ((rc = sh_entity_check_duplicate(db, e, 0, err)) != 0)
        return finish(db, rc, err);
    sh_stmt *st = sh_db_prepare(db,
                                "INSERT INTO entities(" ENTITY_FIELD_COLS ", status, created_at, updated_at, version)"
                                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, 'active', ?, ?, 1) RETURNING id",
                                err);
    if (!st)
        return finish(db, SH_EINTERNAL, err);
    for (int i = 0; i < EF__COUNT; i++)
        bind_field(st, i + 1, e, i);
    int64_t now = sh_now_ms();
    sh_bind_int64(st, EF__COUNT + 1, now);
    sh_bind_int64(st, EF__COUNT + 2, now);
    int64_t id = 0;
    if ((rc = sh_stmt_insert_id(st, &id, err)) < 0)
        return finish(db, rc, err);
    json_t *after = fields_json(e, NULL);
    rc = sh_audit(db, actor, "create", "entity", id, NULL, after, err);
    json_decref(after);
    if (rc == 0) /* a new business has a profile too: graded at once (risk/hooks.c), not "not graded yet" */
        rc = profile_changed(db, id, err);
    rc = finish(db, rc, err);
    if (rc == 0 && ret_id)
        *ret_id = id;
    return rc;
}

int sh_entity_get(sh_db *db, const sh_principal *actor, int64_t id, sh_entity *out, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, ENTITY_SELECT " WHERE e.id = ");
    sh_qb_int64(&qb, id);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    if (!st)
        return SH_EINTERNAL;
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        entity_from_row(st, out);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    if (rc != SH_ROW)
        return sh_fail(err, SH_ENOTFOUND, "id", "主体不存在或不在您的管辖范围内 (no such business in your jurisdiction)");
    return 0;
}

/* Whether a field keeps its value; coordinates compare at the 6 decimals they are kept to. */
static int same(int f, const char *a, const char *b)
{
    if (!a || !b)
        return !a && !b;
    if (sh_entity_fields[f].type == SH_FT_REAL)
        return fabs(strtod(a, NULL) - strtod(b, NULL)) < 5e-7;
    return strcmp(a, b) == 0;
}

int sh_entity_update(sh_db *db, const sh_principal *actor, int64_t id, const sh_entity *patch,
                     const int present[EF__COUNT], int64_t expected_version, sh_err *err)
{
    int rc;
    if ((rc = require_editor(actor, err)) != 0)
        return rc;
    if ((rc = begin(db, err)) != 0)
        return rc;
    sh_entity cur, next;
    sh_entity_init(&next);
    if ((rc = sh_entity_get(db, actor, id, &cur, err)) != 0)
        return finish(db, rc, err);
    if (!strcmp(cur.status, "closed") || !strcmp(cur.status, "revoked")) {
        rc = sh_fail(err, SH_EINVAL, "status", "已注销或吊销的主体不能修改 (a closed or revoked business cannot be changed)");
        goto out;
    }
    if (expected_version && expected_version != cur.version) {
        rc = sh_fail(err, SH_EEXIST, "version", "档案已被他人修改，请刷新后重试 (changed by someone else: version is %lld)",
                     (long long)cur.version);
        goto out;
    }
    for (int i = 0; i < EF__COUNT; i++)
        sh_entity_set(&next, (sh_entity_field_id)i, present[i] ? patch->f[i] : cur.f[i]);
    /* a new licence number of a different kind re-infers the licence kind */
    if (present[EF_LICENCE_NO] && !present[EF_LICENCE_KIND])
        sh_entity_set(&next, EF_LICENCE_KIND, NULL);
    if ((rc = sh_entity_validate(db, &next, err)) != 0 ||
        (rc = require_division_in_scope(actor, next.f[EF_DIVISION_CODE], err)) != 0 ||
        (rc = sh_entity_check_duplicate(db, &next, id, err)) != 0)
        goto out;
    int changed[EF__COUNT] = {0}, nchanged = 0;
    for (int i = 0; i < EF__COUNT; i++)
        nchanged += changed[i] = !same(i, cur.f[i], next.f[i]);
    if (nchanged == 0)
        goto out;
    sh_stmt *st = sh_db_prepare(db,
                                "UPDATE entities SET kind=?, name=?, uscc=?, licence_kind=?, licence_no=?, licence_valid_until=?,"
                                " address=?, division_code=?, grid_id=?, lat=?, lng=?, scale=?, categories=?, legal_rep=?,"
                                " legal_rep_phone=?, director_name=?, director_phone=?, officer_name=?, officer_phone=?, canteen_of=?,"
                                " special_foods=?, updated_at=?, version=version+1 WHERE id=? AND version=?",
                                err);
    if (!st) {
        rc = SH_EINTERNAL;
        goto out;
    }
    for (int i = 0; i < EF__COUNT; i++)
        bind_field(st, i + 1, &next, i);
    sh_bind_int64(st, EF__COUNT + 1, sh_now_ms());
    sh_bind_int64(st, EF__COUNT + 2, id);
    sh_bind_int64(st, EF__COUNT + 3, cur.version);
    rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        goto out;
    rc = 0;
    json_t *before = fields_json(&cur, changed), *after = fields_json(&next, changed);
    rc = sh_audit(db, actor, "update", "entity", id, before, after, err);
    json_decref(before);
    json_decref(after);
    /* what the risk grade is computed from changed: whoever follows it (risk/) is told */
    if (rc == 0 && (changed[EF_KIND] || changed[EF_CATEGORIES] || changed[EF_SCALE] || changed[EF_CANTEEN_OF] ||
                    changed[EF_SPECIAL_FOODS]))
        rc = profile_changed(db, id, err);
out:
    sh_entity_release(&cur);
    sh_entity_release(&next);
    return finish(db, rc, err);
}

int sh_entity_set_status(sh_db *db, const sh_principal *actor, int64_t id, const char *status,
                         const char *reason, sh_err *err)
{
    int rc;
    if ((rc = require_editor(actor, err)) != 0)
        return rc;
    if (!status || !sh_entity_status_valid(status))
        return sh_fail(err, SH_EINVAL, "status", "状态应为active、suspended、revoked或closed (unknown status)");
    if (strcmp(status, "active") != 0 && (rc = sh_check_text(reason, 2, 200, "reason", err)) != 0)
        return rc;
    if (reason && (rc = sh_check_text(reason, 0, 200, "reason", err)) != 0)
        return rc;
    if ((rc = begin(db, err)) != 0)
        return rc;
    sh_entity cur;
    if ((rc = sh_entity_get(db, actor, id, &cur, err)) != 0)
        return finish(db, rc, err);
    if (!strcmp(cur.status, "closed") || !strcmp(cur.status, "revoked"))
        rc = sh_fail(err, SH_EINVAL, "status", "已注销或吊销的主体状态不能再变更 (closed and revoked are final)");
    else if (!strcmp(cur.status, status))
        rc = sh_fail(err, SH_EINVAL, "status", "主体已是该状态 (the business already has this status)");
    if (rc == 0 && strcmp(status, "closed") != 0) {
        /* reopening or suspending must not collide with a newer open business of the same codes */
        rc = sh_entity_check_duplicate(db, &cur, id, err);
    }
    if (rc == 0) {
        sh_stmt *st = sh_db_prepare(db,
                                    "UPDATE entities SET status = ?, status_reason = ?, updated_at = ?, version = version + 1"
                                    " WHERE id = ?",
                                    err);
        if (!st) {
            rc = SH_EINTERNAL;
        } else {
            sh_bind_text(st, 1, status);
            sh_bind_text(st, 2, reason && *reason ? reason : NULL);
            sh_bind_int64(st, 3, sh_now_ms());
            sh_bind_int64(st, 4, id);
            rc = sh_stmt_step(st, err);
            sh_stmt_done(st);
            rc = rc < 0 ? rc : 0;
        }
    }
    if (rc == 0) {
        json_t *before = json_pack("{s:s, s:s*}", "status", cur.status, "status_reason", cur.status_reason);
        json_t *after = json_pack("{s:s, s:s*}", "status", status, "status_reason", reason);
        rc = sh_audit(db, actor, "status", "entity", id, before, after, err);
        json_decref(before);
        json_decref(after);
    }
    sh_entity_release(&cur);
    return finish(db, rc, err);
}

int sh_entity_filter_check(const sh_entity_filter *f, sh_err *err)
{
    int rc;
    if (f->q && (rc = sh_check_text(f->q, 0, 100, "q", err)) != 0)
        return rc;
    if (f->kind && !sh_entity_kind_parse(f->kind))
        return sh_fail(err, SH_EINVAL, "kind", "主体类型无效 (unknown kind '%s')", f->kind);
    if (f->status && !sh_entity_status_valid(f->status))
        return sh_fail(err, SH_EINVAL, "status", "经营状态无效 (unknown status '%s')", f->status);
    if (f->township && (strlen(f->township) != 12 || sh_check_division_code(f->township, "township", NULL) != 0))
        return sh_fail(err, SH_EINVAL, "township", "乡镇代码应为12位数字 (township must be a 12-digit code)");
    if (f->division && (rc = sh_check_division_code(f->division, "division", err)) != 0)
        return rc;
    if (f->uscc && (rc = sh_check_text(f->uscc, 1, 18, "uscc", err)) != 0)
        return rc;
    if (f->licence && (rc = sh_check_text(f->licence, 1, 50, "licence", err)) != 0)
        return rc;
    if (f->limit < 1 || f->limit > 500)
        return sh_fail(err, SH_EINVAL, "limit", "每页条数应为1-500 (limit must be 1-500)");
    return 0;
}

static int ascii_code_like(const char *q)
{
    for (const char *p = q; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
            return 0;
    return 1;
}

/* q: a part of the name, or the start of a credit code or licence number. Names of 3+ characters
 * go through the name index; shorter ones are scanned (no wildcards to escape). */
static void add_text_query(sh_qb *qb, const char *q)
{
    size_t n = strlen(q);
    if (n >= 6 && ascii_code_like(q)) {
        /* the start of a credit code or licence number: two index ranges, no name scan */
        char upper[64], end[66];
        if (n > sizeof upper - 1)
            n = sizeof upper - 1;
        for (size_t i = 0; i < n; i++)
            upper[i] = (char)(q[i] >= 'a' && q[i] <= 'z' ? q[i] - 'a' + 'A' : q[i]);
        upper[n] = '\0';
        snprintf(end, sizeof end, "%s\x7f", upper);
        sh_qb_either_range(qb, "entities", "e", "uscc", "licence_no", upper, end);
        return;
    }
    if (sh_utf8_len(q) >= 3) {
        sh_qb_name_search(qb, "e.id", q);
        return;
    }
    sh_qb_contains(qb, "e.name", q);
}

/* Appends the filter's conditions (after a WHERE that is already open). by_id: for a page in id
 * order, where division ranges must not steer SQLite to the division index. */
static void add_filter(sh_qb *qb, const sh_principal *actor, const sh_entity_filter *f, int by_id)
{
    sh_sql_frag unindexed = sh_sql_no_index("e.division_code");
    const char *division_col = by_id ? unindexed.sql : "e.division_code";
    if (by_id)
        sh_scope_entities_by_id(qb, &actor->scope, "e");
    else
        sh_scope_entities(qb, &actor->scope, "e");
    if (f->q && *f->q)
        add_text_query(qb, f->q);
    if (f->uscc) {
        sh_qb_sql(qb, " AND e.uscc = ");
        sh_qb_text(qb, f->uscc);
    }
    if (f->licence) {
        sh_qb_sql(qb, " AND e.licence_no = ");
        sh_qb_text(qb, f->licence);
    }
    if (f->township) {
        char prefix[13];
        sh_division_prefix(f->township, prefix);
        sh_qb_division_prefix(qb, division_col, prefix);
    }
    if (f->division) {
        char prefix[13];
        sh_division_prefix(f->division, prefix);
        sh_qb_division_prefix(qb, division_col, prefix);
    }
    if (f->grid_id) {
        sh_qb_sql(qb, " AND e.grid_id = ");
        sh_qb_int64(qb, f->grid_id);
    }
    if (f->kind) {
        sh_qb_sql(qb, " AND e.kind = ");
        sh_qb_text(qb, sh_entity_kind_parse(f->kind));
    }
    if (f->status) {
        sh_qb_sql(qb, " AND e.status = ");
        sh_qb_text(qb, f->status);
    }
}

int sh_entity_search(sh_db *db, const sh_principal *actor, const sh_entity_filter *f,
                     int (*cb)(const sh_entity *e, void *ctx), void *ctx, int64_t *ret_total, sh_err *err)
{
    int rc;
    if ((rc = sh_entity_filter_check(f, err)) != 0)
        return rc;
    /* a snapshot for the page and its count, unless the caller already holds a transaction */
    int own_txn = !sh_db_in_transaction(db);
    if (own_txn && (rc = sh_db_begin_read(db, err)) != 0)
        return rc;
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, ENTITY_SELECT " WHERE e.id > ");
    sh_qb_int64(&qb, f->after_id);
    add_filter(&qb, actor, f, 1);
    sh_qb_sql(&qb, " ORDER BY e.id LIMIT ");
    sh_qb_int64(&qb, f->limit);
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    rc = st ? 0 : SH_EINTERNAL;
    while (st && (rc = sh_stmt_step(st, err)) == SH_ROW) {
        sh_entity e;
        entity_from_row(st, &e);
        int stop = cb(&e, ctx);
        sh_entity_release(&e);
        if (stop) {
            rc = SH_DONE;
            break;
        }
    }
    sh_stmt_done(st);
    if (rc == SH_DONE && ret_total && f->want_total) {
        sh_qb_init(&qb);
        int64_t count_limit = f->total_cap > 0 ? f->total_cap + 1 : 0;
        sh_qb_count_begin(&qb, count_limit);
        sh_qb_sql(&qb, " FROM entities e WHERE 1 = 1");
        add_filter(&qb, actor, f, 0);
        sh_qb_count_end(&qb, count_limit);
        st = sh_qb_prepare(db, &qb, err);
        sh_qb_release(&qb);
        rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
        if (rc == SH_ROW)
            *ret_total = sh_col_int64(st, 0);
        sh_stmt_done(st);
    }
    if (own_txn)
        sh_db_rollback(db); /* ends the read transaction */
    return rc < 0 ? rc : 0;
}

struct each_page {
    int (*cb)(const sh_entity *e, void *ctx);
    void *ctx;
    int64_t last;
    int n;
    int stopped;
};

static int each_one(const sh_entity *e, void *c)
{
    struct each_page *w = c;
    w->last = e->id;
    w->n++;
    return w->stopped = w->cb(e, w->ctx);
}

int sh_entity_each(sh_db *db, const sh_principal *actor, const sh_entity_filter *flt,
                   int (*cb)(const sh_entity *e, void *ctx), void *ctx, sh_err *err)
{
    sh_entity_filter f = *flt;
    f.limit = 500;
    f.want_total = 0;
    for (;;) {
        struct each_page w = {cb, ctx, 0, 0, 0};
        int rc = sh_entity_search(db, actor, &f, each_one, &w, NULL, err);
        if (rc != 0)
            return rc;
        if (w.stopped || w.n < f.limit)
            return 0;
        f.after_id = w.last;
    }
}

static void history_from_where(sh_qb *qb, const void *ctx)
{
    sh_qb_sql(qb, " FROM audit_log WHERE object_type = 'entity' AND object_id = ");
    sh_qb_int64(qb, *(const int64_t *)ctx);
}

/* An audit row as {id, at, actor, action, before, after}; the stored snapshots parsed back to JSON. */
static json_t *history_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    json_t *it = json_pack("{s:I, s:I, s:s, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "at", (json_int_t)sh_col_int64(st, 1), "actor",
                           sh_col_text(st, 2), "action", sh_col_text(st, 3));
    json_t *b = sh_col_is_null(st, 4) ? NULL : json_loads(sh_col_text(st, 4), 0, NULL);
    json_t *a = sh_col_is_null(st, 5) ? NULL : json_loads(sh_col_text(st, 5), 0, NULL);
    json_object_set_new(it, "before", b ? b : json_null());
    json_object_set_new(it, "after", a ? a : json_null());
    return it;
}

int sh_entity_history(sh_db *db, const sh_principal *actor, int64_t id, const sh_page *page, json_t **ret, sh_err *err)
{
    sh_entity e;
    int rc = sh_entity_get(db, actor, id, &e, err);
    if (rc != 0)
        return rc;
    sh_entity_release(&e);
    sh_page_query q = {"id, at, actor, action, before_json, after_json", history_from_where, &id, " ORDER BY id DESC", page->limit,
                       page->offset, history_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}
