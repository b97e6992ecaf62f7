/* Trace codes: minted by a business, listed in its jurisdiction, opened by anyone (codes.h). */
#include "domain/trace/codes.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/ledger/ledger.h"
#include "domain/registry/entity.h"
#include "domain/trace/trace_graph.h"
#include "store/qb.h"
#include "store/scope.h"

#define COLS                                                                                                              \
    "t.id, t.code, t.kind, t.epc, t.entity_id, e.name, t.product, t.batch, t.produced_on, t.quantity, t.uom, t.created_at," \
    " t.division_code"
#define FROM " FROM trace_codes t JOIN entities e ON e.id = t.entity_id"

static const char *const STEPS[][2] = {
    {"commissioning", "赋码"},  {"shipping", "发货"},          {"receiving", "收货"},       {"accepting", "验收"},
    {"killing", "屠宰"},        {"packing", "包装"},           {"unpacking", "拆包"},       {"inspecting", "检验检疫"},
    {"retail_selling", "销售"}, {"storing", "入库"},           {"departing", "出库"},       {"arriving", "到货"},
    {"transforming", "加工"},   {"creating_class_instance", "生产"}, {"sensor_reporting", "温度记录"}, {"loading", "装车"},
};

const char *sh_biz_step_zh(const char *step)
{
    if (!step)
        return "";
    const char *dash = strrchr(step, '-'), *colon = strrchr(step, ':');
    const char *name = dash && (!colon || dash > colon) ? dash + 1 : colon ? colon + 1 : step;
    for (size_t i = 0; i < sizeof STEPS / sizeof *STEPS; i++)
        if (!strcmp(STEPS[i][0], name))
            return STEPS[i][1];
    return name;
}

static json_t *code_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
#define OPT_TEXT(c) (sh_col_is_null(st, c) ? json_null() : json_string(sh_col_text(st, c)))
    return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:I}", "id", (json_int_t)sh_col_int64(st, 0), "code",
                     sh_col_text(st, 1), "kind", sh_col_text(st, 2), "epc", sh_col_text(st, 3), "entity_id", (json_int_t)sh_col_int64(st, 4),
                     "entity_name", sh_col_text(st, 5), "product", sh_col_text(st, 6), "batch", OPT_TEXT(7), "produced_on", OPT_TEXT(8),
                     "quantity", sh_col_is_null(st, 9) ? json_null() : json_real(sh_col_double(st, 9)), "uom", OPT_TEXT(10), "created_at",
                     (json_int_t)sh_col_int64(st, 11));
#undef OPT_TEXT
}

/* Codes the actor sees: a business its own, officials their jurisdiction's. */
static void visible(sh_qb *qb, const sh_principal *actor)
{
    if (actor->role == SH_ROLE_BUSINESS) {
        sh_qb_sql(qb, " AND t.entity_id = ");
        sh_qb_int64(qb, actor->entity_id > 0 ? actor->entity_id : -1);
    } else {
        sh_scope_division_column(qb, &actor->scope, "t.division_code");
    }
}

int sh_trace_code_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT " COLS FROM " WHERE t.id = ");
    sh_qb_int64(&qb, id);
    visible(&qb, actor);
    json_t *items = json_array();
    int rc = sh_rows_append(sh_qb_prepare(db, &qb, err), code_row, NULL, items, err);
    sh_qb_release(&qb);
    if (rc == 0 && !json_array_size(items))
        rc = sh_fail(err, SH_ENOTFOUND, "id", "追溯码不存在 (no such trace code)");
    if (rc == 0)
        *ret = json_incref(json_array_get(items, 0));
    json_decref(items);
    return rc;
}

/* 12 characters without look-alikes, printed under the QR code and typed on a phone. */
static void mint(char out[13])
{
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    for (int i = 0; i < 12; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[12] = '\0';
}

static int optional_text(json_t *body, const char *field, const char *label, size_t max, const char **out, sh_err *err)
{
    json_t *v = json_object_get(body, field);
    *out = NULL;
    if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)))
        return 0;
    return sh_body_text(body, field, label, 1, max, out, err);
}

int sh_trace_code_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    static const char *const KINDS[][2] = {{"lot", "product"}, {"product", "product"}, {"seal", "seal"}, {"certificate", "cert"}};
    const char *kind = json_string_value(json_object_get(body, "kind")), *ns = NULL;
    for (size_t i = 0; kind && i < 4; i++)
        if (!strcmp(kind, KINDS[i][0]))
            ns = KINDS[i][1];
    if (!ns)
        return sh_fail(err, SH_EINVAL, "kind", "种类：应为批次、食安封签、承诺达标合格证或产品 (kind must be lot, seal, certificate or product)");
    int64_t entity = actor->role == SH_ROLE_BUSINESS ? actor->entity_id : json_integer_value(json_object_get(body, "entity_id"));
    if (entity <= 0)
        return sh_fail(err, SH_EINVAL, "entity_id", "经营者：请选择在档经营者 (entity_id is required)");
    sh_entity e;
    if (sh_entity_get(db, actor, entity, &e, NULL) != 0)
        return sh_fail(err, SH_EINVAL, "entity_id", "经营者：不存在或不在您的管辖范围内 (no such business in your jurisdiction)");
    char division[13];
    snprintf(division, sizeof division, "%s", e.f[EF_DIVISION_CODE] ? e.f[EF_DIVISION_CODE] : "");
    sh_entity_release(&e);
    const char *product = NULL, *batch = NULL, *produced = NULL, *uom = NULL, *epc = NULL;
    int rc;
    if ((rc = sh_body_text(body, "product", "产品名称", 2, 100, &product, err)) != 0 ||
        (rc = optional_text(body, "batch", "批次", 64, &batch, err)) != 0 || (rc = optional_text(body, "produced_on", "生产日期", 10, &produced, err)) != 0 ||
        (rc = optional_text(body, "uom", "单位", 16, &uom, err)) != 0 || (rc = optional_text(body, "epc", "标识", 200, &epc, err)) != 0)
        return rc;
    char today[11];
    sh_today(today);
    if (produced && (!sh_date_valid(produced, NULL, NULL, NULL) || strcmp(produced, today) > 0))
        return sh_fail(err, SH_EINVAL, "produced_on", "生产日期：应为不晚于今天的日期 YYYY-MM-DD (produced_on must be a date not after today)");
    if (epc && !sh_trace_epc_valid(epc))
        return sh_fail(err, SH_EINVAL, "epc", "标识：应为 urn:epc: 或 urn:shian: 开头的标识 (epc must be an urn:epc: or urn:shian: identifier)");
    json_t *q = json_object_get(body, "quantity");
    if (q && !json_is_null(q) && (!json_is_number(q) || json_number_value(q) <= 0 || json_number_value(q) > 1e9))
        return sh_fail(err, SH_EINVAL, "quantity", "数量：应为正数 (quantity must be a positive number)");
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    int64_t id = 0;
    for (int attempt = 0; attempt < 5 && rc == 0 && !id; attempt++) {
        char code[13], minted[64];
        mint(code);
        snprintf(minted, sizeof minted, "urn:shian:%s:%s", ns, code);
        sh_stmt *st = sh_db_prepare(db,
                                    "INSERT INTO trace_codes(code, kind, epc, entity_id, division_code, product, batch, produced_on, quantity, uom,"
                                    " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING RETURNING id",
                                    err);
        if (st) {
            sh_bind_text(st, 1, code);
            sh_bind_text(st, 2, kind);
            sh_bind_text(st, 3, epc ? epc : minted);
            sh_bind_int64(st, 4, entity);
            sh_bind_text(st, 5, division);
            sh_bind_text(st, 6, product);
            sh_bind_text(st, 7, batch);
            sh_bind_text(st, 8, produced);
            if (q && json_is_number(q))
                sh_bind_double(st, 9, json_number_value(q));
            else
                sh_bind_null(st, 9);
            sh_bind_text(st, 10, uom);
            sh_bind_int64_or_null(st, 11, actor->user_id);
            sh_bind_int64(st, 12, sh_now_ms());
        }
        rc = sh_stmt_insert_id(st, &id, err);
    }
    if (rc == 0 && !id)
        rc = sh_fail(err, SH_EINTERNAL, "code", "no free trace code");
    if (rc == 0) {
        json_t *after = json_pack("{s:s, s:s, s:s?}", "kind", kind, "product", product, "batch", batch);
        rc = sh_audit(db, actor, "create", "trace_code", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_trace_code_get(db, actor, id, ret, err);
}

struct list_where {
    const sh_principal *actor;
    int64_t entity_id;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, FROM " WHERE 1 = 1");
    visible(qb, w->actor);
    if (w->entity_id) {
        sh_qb_sql(qb, " AND t.entity_id = ");
        sh_qb_int64(qb, w->entity_id);
    }
}

int sh_trace_codes_list(sh_db *db, const sh_principal *actor, int64_t entity_id, const sh_page *page, json_t **ret, sh_err *err)
{
    struct list_where w = {actor, entity_id};
    sh_page_query q = {COLS, list_from_where, &w, " ORDER BY t.id DESC", page->limit, page->offset, code_row, NULL};
    return sh_rows_page(db, &q, ret, err);
}

/* The name and township of a business, for the public route (no people). */
static void business_of(sh_db *db, int64_t id, json_t *into)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT e.name, coalesce(d.name, '') FROM entities e LEFT JOIN divisions d"
                                " ON d.code = substr(e.division_code, 1, 9) || '000' WHERE e.id = ?",
                                NULL);
    if (!st)
        return;
    sh_bind_int64(st, 1, id);
    if (sh_stmt_step(st, NULL) == SH_ROW) {
        json_object_set_new(into, "business", json_string(sh_col_text(st, 0)));
        json_object_set_new(into, "township", json_string(sh_col_text(st, 1)));
    }
    sh_stmt_done(st);
}

/* The route of the goods: the events of the walks back and forth from the maker, once each, in time
 * order, with the ledger index of each. */
static void route_of(sh_db *db, const char *epc, int64_t maker, json_t *out, json_t *ledger)
{
    json_t *seen = json_object();
    json_t *steps = json_array();
    for (int dir = 0; dir < 2; dir++) {
        json_t *w = NULL;
        if (sh_trace_walk(db, epc, maker, dir ? SH_TRACE_FORWARD : SH_TRACE_BACKWARD, &w, NULL) != 0)
            continue;
        size_t i;
        json_t *ev;
        json_array_foreach(json_object_get(w, "events"), i, ev)
        {
            const char *id = json_string_value(json_object_get(ev, "event_id"));
            if (json_object_get(seen, id))
                continue;
            json_object_set_new(seen, id, json_true());
            const char *step = json_string_value(json_object_get(ev, "biz_step"));
            json_t *s = json_pack("{s:O, s:I, s:s, s:s}", "time", json_object_get(ev, "event_time"), "time_ms",
                                  json_integer_value(json_object_get(ev, "event_time_ms")), "step", step ? step : "", "step_label",
                                  sh_biz_step_zh(step));
            int64_t by = json_integer_value(json_object_get(ev, "entity_id"));
            if (by)
                business_of(db, by, s);
            json_array_append_new(steps, s);
            char ref[40];
            int64_t index = -1;
            snprintf(ref, sizeof ref, "epcis_event:%lld", (long long)json_integer_value(json_object_get(ev, "id")));
            if (sh_ledger_find(db, NULL, ref, &index, NULL) == 0)
                json_array_append_new(ledger, json_pack("{s:s, s:I}", "event_id", id, "index", (json_int_t)index));
        }
        json_decref(w);
    }
    /* the two walks' events interleave in time */
    size_t n = json_array_size(steps);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0; j--) {
            json_t *a = json_array_get(steps, j - 1), *b = json_array_get(steps, j);
            if (json_integer_value(json_object_get(a, "time_ms")) <= json_integer_value(json_object_get(b, "time_ms")))
                break;
            json_incref(a);
            json_array_set(steps, j - 1, b);
            json_array_set_new(steps, j, a);
        }
    json_object_set_new(out, "route", steps);
    json_decref(seen);
}

static json_t *test_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s, s:s, s:s}", "code", sh_col_text(st, 0), "product_name", sh_col_text(st, 1), "verdict", sh_col_text(st, 2),
                     "reported_on", sh_col_text(st, 3));
}

int sh_trace_code_public(sh_db *db, const char *code, json_t **ret, sh_err *err)
{
    if (!code || strlen(code) != 12)
        return sh_fail(err, SH_ENOTFOUND, "code", "追溯码不存在 (no such trace code)");
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT t.code, t.kind, t.product, t.batch, t.produced_on, t.epc, t.entity_id, e.name, e.address,"
                                " coalesce(d.name, ''), e.licence_no, e.licence_valid_until FROM trace_codes t JOIN entities e ON e.id = t.entity_id"
                                " LEFT JOIN divisions d ON d.code = substr(e.division_code, 1, 9) || '000' WHERE t.code = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    int rc = sh_stmt_step(st, err);
    if (rc != SH_ROW) {
        sh_stmt_done(st);
        return rc < 0 ? rc : sh_fail(err, SH_ENOTFOUND, "code", "追溯码不存在 (no such trace code)");
    }
#define OPT(c) (sh_col_is_null(st, c) ? json_null() : json_string(sh_col_text(st, c)))
    json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:{s:s, s:o, s:s, s:o, s:o}}", "code", sh_col_text(st, 0), "kind", sh_col_text(st, 1),
                          "product", sh_col_text(st, 2), "batch", OPT(3), "produced_on", OPT(4), "maker", "name", sh_col_text(st, 7), "address",
                          OPT(8), "township", sh_col_text(st, 9), "licence_no", OPT(10), "licence_valid_until", OPT(11));
#undef OPT
    char epc[201], batch[65] = "";
    snprintf(epc, sizeof epc, "%s", sh_col_text(st, 5));
    if (!sh_col_is_null(st, 3))
        snprintf(batch, sizeof batch, "%s", sh_col_text(st, 3));
    int64_t maker = sh_col_int64(st, 6);
    sh_stmt_done(st);
    json_t *ledger = json_array();
    route_of(db, epc, maker, o, ledger);
    json_object_set_new(o, "ledger", ledger);
    uint64_t size = 0;
    sh_ledger_size(db, &size, NULL);
    json_object_set_new(o, "ledger_size", json_integer((json_int_t)size));
    /* the published results of this batch, sampled at the maker */
    json_t *tests = json_array();
    if (batch[0] && (st = sh_db_prepare(db,
                                        "SELECT s.code, coalesce(s.product_name, ''), coalesce(s.final_verdict, s.verdict, ''), coalesce(s.reported_on, '') FROM samples s WHERE s.entity_id = ? AND"
                                        " s.batch_no = ? AND s.published_at IS NOT NULL ORDER BY s.id DESC",
                                        NULL)) != NULL) {
        sh_bind_int64(st, 1, maker);
        sh_bind_text(st, 2, batch);
        sh_rows_append(st, test_row, NULL, tests, NULL);
    }
    json_object_set_new(o, "tests", tests);
    *ret = o;
    return 0;
}
