/* The registration certificate: its number by the province's pattern, reading it (officials, the
 * workshop, the public by the code under its QR), and a workshop's registered products. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/base/calendar.h"
#include "domain/base/settings.h"
#include "domain/workshop/catalogue.h"
#include "domain/workshop/workshop.h"
#include "domain/workshop/ws_int.h"
#include "store/scope.h"

/* Fills the pattern: {year} with year, {seqN} with serial in N digits (seq < 0: "{seq}" kept as is,
 * giving the prefix the serial counts under). */
static int fill(const char *pattern, const char *year, long seq, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (const char *p = pattern; *p;) {
        char piece[64];
        if (!strncmp(p, "{year}", 6)) {
            snprintf(piece, sizeof piece, "%s", year);
            p += 6;
        } else if (!strncmp(p, "{seq", 4) && p[4] >= '1' && p[4] <= '9' && p[5] == '}') {
            if (seq < 0)
                snprintf(piece, sizeof piece, "{seq}");
            else
                snprintf(piece, sizeof piece, "%0*ld", p[4] - '0', seq);
            p += 6;
        } else {
            piece[0] = *p++;
            piece[1] = '\0';
        }
        size_t len = strlen(piece);
        if (n + len + 1 > size)
            return -1;
        memcpy(out + n, piece, len + 1);
        n += len;
    }
    return strstr(pattern, "{seq") ? 0 : -1;
}

static int taken(sh_db *db, const char *no, int *ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT (SELECT count(*) FROM workshop_certs WHERE cert_no = ?) +"
                                " (SELECT count(*) FROM entities WHERE licence_no = ? AND status <> 'closed')",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, no);
    sh_bind_text(st, 2, no);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret = sh_col_int64(st, 0) > 0;
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int ws_next_cert_no(sh_db *db, char out[128], sh_err *err)
{
    char pattern[128], today[11], year[5], prefix[128];
    if (sh_setting_text(db, "workshop_cert_pattern", pattern, sizeof pattern) < 0)
        snprintf(pattern, sizeof pattern, "%s", "食坊登字〔{year}〕第{seq4}号");
    sh_today(today);
    snprintf(year, sizeof year, "%.4s", today);
    if (fill(pattern, year, -1, prefix, sizeof prefix))
        return sh_fail(err, SH_EINVAL, "workshop_cert_pattern", "登记证编号规则须含{seqN}序号 (the pattern needs {seqN})");
    for (int tries = 0; tries < 10000; tries++) {
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO workshop_cert_serials(prefix, last) VALUES (?, 1)"
                                    " ON CONFLICT (prefix) DO UPDATE SET last = workshop_cert_serials.last + 1 RETURNING last",
                                    err);
        if (!st)
            return SH_EINTERNAL;
        sh_bind_text(st, 1, prefix);
        int rc = sh_stmt_step(st, err);
        long seq = rc == SH_ROW ? (long)sh_col_int64(st, 0) : 0;
        sh_stmt_done(st);
        if (rc < 0)
            return rc;
        int used = 0;
        if (fill(pattern, year, seq, out, 128) || (rc = taken(db, out, &used, err)) != 0)
            return rc ? rc : sh_fail(err, SH_EINVAL, "workshop_cert_pattern", "登记证编号过长 (the number is too long)");
        if (!used)
            return 0;
    }
    return sh_fail(err, SH_EINTERNAL, "cert_no", "登记证编号已用尽 (no free number)");
}

#define OPT_TEXT(st, c) (sh_col_is_null(st, c) ? json_null() : json_string(sh_col_text(st, c)))

static json_t *product_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    const char *cn = sh_ws_catalogue_name(sh_col_text(st, 1));
    return json_pack("{s:I, s:s, s:o, s:s}", "id", (json_int_t)sh_col_int64(st, 0), "catalogue_code", sh_col_text(st, 1), "catalogue_name",
                     cn ? json_string(cn) : json_null(), "name", sh_col_text(st, 2));
}

static int products_json(sh_db *db, int64_t entity_id, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT id, catalogue_code, name FROM workshop_products WHERE entity_id = ? AND active = 1 ORDER BY id", err);
    if (st)
        sh_bind_int64(st, 1, entity_id);
    *ret = json_array();
    return sh_rows_append(st, product_row, NULL, *ret, err);
}

#define CERT_SELECT                                                                                                        \
    "SELECT c.id, c.cert_no, c.entity_id, e.name, e.legal_rep, e.address, c.issued_on, c.valid_until, c.status,"          \
    " c.cancelled_on, c.cancel_reason, c.verify_code, d.name, c.division_code FROM workshop_certs c"                      \
    " JOIN entities e ON e.id = c.entity_id JOIN divisions d ON d.code = c.division_code"

static json_t *cert_row(sh_stmt *st, void *ctx)
{
    int full = ctx != NULL;
    json_t *o = json_pack("{s:s, s:s, s:o, s:s, s:s, s:s, s:o, s:s}", "cert_no", sh_col_text(st, 1), "name", sh_col_text(st, 3), "operator",
                          OPT_TEXT(st, 4), "issued_on", sh_col_text(st, 6), "valid_until", sh_col_text(st, 7), "status", sh_col_text(st, 8),
                          "cancelled_on", OPT_TEXT(st, 9), "division_name", sh_col_text(st, 12));
    json_object_set_new(o, "entity_id", json_integer(sh_col_int64(st, 2)));
    if (full) {
        json_object_set_new(o, "id", json_integer(sh_col_int64(st, 0)));
        json_object_set_new(o, "address", OPT_TEXT(st, 5));
        json_object_set_new(o, "cancel_reason", OPT_TEXT(st, 10));
        json_object_set_new(o, "verify_code", json_string(sh_col_text(st, 11)));
        json_object_set_new(o, "division_code", json_string(sh_col_text(st, 13)));
    }
    return o;
}

static int one_cert(sh_db *db, sh_stmt *st, int full, json_t **ret, sh_err *err)
{
    json_t *rows = json_array();
    int rc = sh_rows_append(st, cert_row, full ? (void *)1 : NULL, rows, err);
    json_t *o = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    if (rc == 0 && !o)
        rc = sh_fail(err, SH_ENOTFOUND, "id", "登记证不存在或不在您的管辖范围内 (no such certificate in your reach)");
    json_t *products = NULL;
    if (rc == 0 && (rc = products_json(db, json_integer_value(json_object_get(o, "entity_id")), &products, err)) == 0)
        json_object_set_new(o, "products", products);
    else
        json_decref(products);
    if (rc)
        json_decref(o);
    else
        *ret = o;
    return rc;
}

int sh_ws_cert_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, CERT_SELECT " WHERE c.id = ");
    sh_qb_int64(&qb, id);
    if (actor->role == SH_ROLE_BUSINESS) {
        sh_qb_sql(&qb, " AND c.entity_id = ");
        sh_qb_int64(&qb, actor->entity_id > 0 ? actor->entity_id : -1);
    } else {
        sh_scope_division_column(&qb, &actor->scope, "c.division_code");
    }
    int rc = one_cert(db, sh_qb_prepare(db, &qb, err), 1, ret, err);
    sh_qb_release(&qb);
    if (rc == 0) {
        char agency[120] = "";
        sh_setting_text(db, "case_agency", agency, sizeof agency);
        json_object_set_new(*ret, "agency", json_string(agency));
    }
    return rc;
}

int sh_ws_cert_public(sh_db *db, const char *verify_code, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, CERT_SELECT " WHERE c.verify_code = ?", err);
    if (st)
        sh_bind_text(st, 1, verify_code ? verify_code : "");
    int rc = one_cert(db, st, 0, ret, err);
    if (rc == 0) {
        char today[11];
        sh_today(today);
        const char *status = json_string_value(json_object_get(*ret, "status"));
        const char *until = json_string_value(json_object_get(*ret, "valid_until"));
        json_object_set_new(*ret, "valid", json_boolean(!strcmp(status, "valid") && strcmp(today, until) <= 0));
        json_object_del(*ret, "entity_id");
    }
    return rc;
}

int sh_ws_products_of(sh_db *db, const sh_principal *actor, int64_t entity_id, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT count(*) FROM entities e WHERE e.id = ");
    sh_qb_int64(&qb, entity_id);
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_stmt *st = sh_qb_prepare(db, &qb, err);
    int rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    int seen = rc == SH_ROW && sh_col_int64(st, 0) > 0;
    sh_stmt_done(st);
    sh_qb_release(&qb);
    if (rc < 0)
        return rc;
    if (!seen)
        return sh_fail(err, SH_ENOTFOUND, "id", "主体不存在 (no such business)");
    json_t *items = NULL;
    if ((rc = products_json(db, entity_id, &items, err)) != 0) {
        json_decref(items);
        return rc;
    }
    *ret = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items));
    return 0;
}
