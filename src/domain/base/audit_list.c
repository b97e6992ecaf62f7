/* Reading the audit log: the system administrator's record of who changed what, newest first. */
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "domain/base/audit.h"
#include "store/qb.h"
#include "store/rows.h"

static json_t *parsed(const char *text)
{
    json_t *v = text ? json_loads(text, 0, NULL) : NULL;
    return v ? v : json_null();
}

static json_t *entry_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)sh_col_int64(st, 0), "at",
                          (json_int_t)sh_col_int64(st, 1), "actor", sh_col_text(st, 2), "action", sh_col_text(st, 3),
                          "object_type", sh_col_text(st, 4), "before", parsed(sh_col_text(st, 6)), "after",
                          parsed(sh_col_text(st, 7)));
    json_object_set_new(o, "object_id", sh_col_is_null(st, 5) ? json_null() : json_integer(sh_col_int64(st, 5)));
    return o;
}

int sh_audit_list(sh_db *db, const sh_principal *actor, const sh_audit_filter *f, json_t **ret_items,
                  int64_t *ret_next, sh_err *err)
{
    /* entries are not yet confined to a jurisdiction (they name objects of every area): the system
     * administrator reads them */
    if (actor->role != SH_ROLE_ADMIN)
        return sh_fail(err, SH_EPERM, "", "审计日志由系统管理员查看 (the system administrator reads the audit log)");
    if (f->object_type && sh_check_text(f->object_type, 1, 40, "object_type", err) != 0)
        return SH_EINVAL;
    if (f->action && sh_check_text(f->action, 1, 40, "action", err) != 0)
        return SH_EINVAL;
    if (f->limit < 1 || f->limit > 500)
        return sh_fail(err, SH_EINVAL, "limit", "每页1-500条 (limit must be 1 to 500)");
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT id, at, actor, action, object_type, object_id, before_json, after_json FROM audit_log"
                   " WHERE 1 = 1");
    if (f->object_type) {
        sh_qb_sql(&qb, " AND object_type = ");
        sh_qb_text(&qb, f->object_type);
    }
    if (f->object_id) {
        sh_qb_sql(&qb, " AND object_id = ");
        sh_qb_int64(&qb, f->object_id);
    }
    if (f->action) {
        sh_qb_sql(&qb, " AND action = ");
        sh_qb_text(&qb, f->action);
    }
    if (f->before_id) {
        sh_qb_sql(&qb, " AND id < ");
        sh_qb_int64(&qb, f->before_id);
    }
    sh_qb_sql(&qb, " ORDER BY id DESC LIMIT ");
    sh_qb_int64(&qb, f->limit + 1); /* one more tells whether a next page exists */
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    sh_qb_release(&qb);
    json_t *items = json_array();
    int rc = sh_rows_append(st, entry_json, NULL, items, err);
    if (rc != 0) {
        json_decref(items);
        return rc;
    }
    int64_t next = 0;
    if (json_array_size(items) > (size_t)f->limit) {
        json_array_remove(items, (size_t)f->limit);
        next = json_integer_value(json_object_get(json_array_get(items, (size_t)f->limit - 1), "id"));
    }
    *ret_items = items;
    *ret_next = next;
    return 0;
}
