/* Names and contacts on an official's trace (trace_view.h). */
#include "domain/trace/trace_view.h"

#include <string.h>

#include "store/scope.h"

static void describe(sh_db *db, const sh_principal *actor, json_t *party)
{
    int64_t id = json_integer_value(json_object_get(party, "entity_id"));
    if (!id) {
        json_object_set_new(party, "name", json_string(json_string_value(json_object_get(party, "party"))));
        return;
    }
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT e.name, e.kind, coalesce(d.name, ''), e.division_code, coalesce(e.director_name, e.officer_name, e.legal_rep, ''),"
                                " coalesce(e.director_phone, e.officer_phone, e.legal_rep_phone, '') FROM entities e LEFT JOIN divisions d"
                                " ON d.code = substr(e.division_code, 1, 9) || '000' WHERE e.id = ?",
                                NULL);
    if (!st)
        return;
    sh_bind_int64(st, 1, id);
    if (sh_stmt_step(st, NULL) == SH_ROW) {
        json_object_set_new(party, "name", json_string(sh_col_text(st, 0)));
        json_object_set_new(party, "kind", json_string(sh_col_text(st, 1)));
        json_object_set_new(party, "township", json_string(sh_col_text(st, 2)));
        /* whom to call, for the businesses of the caller's own jurisdiction */
        if (sh_scope_covers_division(&actor->scope, sh_col_text(st, 3)))
            json_object_set_new(party, "contact", json_pack("{s:s, s:s}", "name", sh_col_text(st, 4), "phone", sh_col_text(st, 5)));
    }
    sh_stmt_done(st);
}

int sh_trace_query(sh_db *db, const sh_principal *actor, const char *epc, int64_t holder, sh_trace_dir dir, json_t **ret, sh_err *err)
{
    if (actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_TOWNSHIP)
        return sh_fail(err, SH_EPERM, "", "追溯查询供县局、乡镇（街道）监管人员使用 (for county and township officials)");
    json_t *w = NULL;
    int rc = sh_trace_walk(db, epc, holder, dir, &w, err);
    if (rc)
        return rc;
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(w, "parties"), i, p) describe(db, actor, p);
    json_t *h = json_pack("{s:O, s:s}", "entity_id", json_object_get(w, "holder_id"), "party", "");
    describe(db, actor, h);
    json_object_set_new(w, "holder", h);
    *ret = w;
    return 0;
}
