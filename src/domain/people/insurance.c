/* Food-safety liability insurance (食品安全责任保险, people.h; db/074): policies per business, recorded by the
 * business itself or a county or township official in scope; the card a business displays; the policies
 * in force on its public page; coverage figures. A policy is in force on a day from starts_on to ends_on
 * (both inclusive) unless cancelled. Coverage (投保率) of a group of businesses = businesses with a policy
 * in force on the platform's today / active businesses (status 'active'), both counted in the caller's
 * jurisdiction; a business with two policies counts once. */
#include "domain/people/people.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/timeutil.h"
#include "domain/base/audit.h"
#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/people/people_int.h"
#include "domain/registry/entity.h"
#include "store/qb.h"
#include "store/rows.h"
#include "store/scope.h"

static const char *const KINDS[][2] = {
    {"poisoning", "食物中毒"}, {"foodborne", "食源性疾病"}, {"product", "产品责任"}, {"recall", "召回费用"}, {"public", "公众责任"},
};
#define NKINDS (sizeof KINDS / sizeof KINDS[0])

static const char *kind_label(const char *code, size_t len)
{
    for (size_t i = 0; i < NKINDS; i++)
        if (strlen(KINDS[i][0]) == len && !strncmp(KINDS[i][0], code, len))
            return KINDS[i][1];
    return NULL;
}

#define COLS                                                                                                                            \
    "p.id, p.entity_id, e.name, e.kind, e.address, e.licence_no, p.insurer, p.policy_no, p.starts_on, p.ends_on, p.coverage_yuan," \
    " p.per_person_yuan, p.kinds, p.cancelled_on"
#define FROM " FROM fs_insurance p JOIN entities e ON e.id = p.entity_id"

static json_t *row(sh_stmt *st, void *ctx)
{
    const char *today = ctx, *starts = sh_col_text(st, 8), *ends = sh_col_text(st, 9), *kinds = sh_col_text(st, 12);
    json_t *codes = json_array(), *labels = json_array();
    for (const char *k = kinds; k && *k;) {
        size_t n = strcspn(k, ",");
        const char *label = kind_label(k, n);
        json_array_append_new(codes, json_stringn(k, n));
        json_array_append_new(labels, json_string(label ? label : ""));
        k += n + (k[n] == ',');
    }
    int cancelled = !sh_col_is_null(st, 13);
    const char *status = cancelled ? "cancelled" : strcmp(today, starts) < 0 ? "pending" : strcmp(today, ends) > 0 ? "expired" : "active";
    const char *kind = sh_col_text(st, 3);
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:s, s:I}", "id",
                     (json_int_t)sh_col_int64(st, 0), "entity_id", (json_int_t)sh_col_int64(st, 1), "entity_name", sh_col_text(st, 2),
                     "entity_kind", kind, "entity_kind_label", sh_entity_kind_label_zh(kind), "address", sh_col_text_json(st, 4), "licence_no",
                     sh_col_text_json(st, 5), "insurer", sh_col_text(st, 6), "policy_no", sh_col_text(st, 7), "starts_on", starts, "ends_on", ends,
                     "coverage_yuan", (json_int_t)sh_col_int64(st, 10), "per_person_yuan",
                     sh_col_is_null(st, 11) ? json_null() : json_integer(sh_col_int64(st, 11)), "kinds", codes, "kinds_label", labels,
                     "cancelled_on", sh_col_text_json(st, 13), "status", status, "days_left",
                     (json_int_t)(sh_date_days(ends) - sh_date_days(today)));
}

int sh_insurance_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    return pp_get(db, actor, "SELECT " COLS FROM " WHERE p.id = ", id, row, today, "保单不存在 (no such policy)", ret, err);
}

static int yuan_of(json_t *body, const char *field, const char *label, json_int_t min, json_int_t max, int optional, json_int_t *out, sh_err *err)
{
    json_t *v = json_object_get(body, field);
    if (optional && (!v || json_is_null(v))) {
        *out = 0;
        return 0;
    }
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
        return sh_fail(err, SH_EINVAL, field, "%s：应为%lld至%lld元之间的整数 (%s must be whole yuan, %lld-%lld)", label, (long long)min,
                       (long long)max, field, (long long)min, (long long)max);
    *out = json_integer_value(v);
    return 0;
}

/* kinds: a non-empty array of distinct known codes, joined with commas into out. */
static int kinds_of(json_t *body, char out[128], sh_err *err)
{
    json_t *a = json_object_get(body, "kinds");
    size_t i, n = json_array_size(a);
    out[0] = 0;
    if (!json_is_array(a) || !n || n > NKINDS)
        return sh_fail(err, SH_EINVAL, "kinds", "保险责任：请至少选择一项（食物中毒、食源性疾病、产品责任、召回费用、公众责任） (kinds: one or more of poisoning, foodborne, product, recall, public)");
    json_t *k;
    json_array_foreach(a, i, k)
    {
        const char *s = json_string_value(k);
        if (!s || !kind_label(s, strlen(s)))
            return sh_fail(err, SH_EINVAL, "kinds", "保险责任：第%zu项不是可选的责任类别 (kinds[%zu] is not a known kind)", i + 1, i);
        for (size_t j = 0; j < i; j++)
            if (!strcmp(s, json_string_value(json_array_get(a, j))))
                return sh_fail(err, SH_EINVAL, "kinds", "保险责任：“%s”重复 (kinds repeats %s)", kind_label(s, strlen(s)), s);
        if (i)
            strcat(out, ",");
        strcat(out, s);
    }
    return 0;
}

int sh_insurance_create(sh_db *db, const sh_principal *actor, json_t *body, json_t **ret, sh_err *err)
{
    int rc = pp_may_keep(actor, "食品安全责任保险", err);
    if (rc)
        return rc;
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "", "应为JSON对象 (must be a JSON object)");
    const char *insurer = NULL, *no = NULL;
    char today[11], starts[11], ends[11], limit[11], kinds[128];
    json_int_t coverage = 0, per_person = 0;
    sh_today(today);
    if ((rc = sh_body_text(body, "insurer", "保险公司", 2, 100, &insurer, err)) || (rc = sh_body_text(body, "policy_no", "保单号", 4, 40, &no, err)) ||
        (rc = sh_body_date(body, "starts_on", "保险起期", NULL, starts, err)) || (rc = sh_body_date(body, "ends_on", "保险止期", NULL, ends, err)) ||
        (rc = yuan_of(body, "coverage_yuan", "累计赔偿限额", 10000, 1000000000, 0, &coverage, err)) ||
        (rc = yuan_of(body, "per_person_yuan", "每人赔偿限额", 1000, 1000000000, 1, &per_person, err)) || (rc = kinds_of(body, kinds, err)))
        return rc;
    sh_date_add_months(starts, 36, limit);
    if (strcmp(ends, starts) <= 0 || strcmp(ends, limit) > 0)
        return sh_fail(err, SH_EINVAL, "ends_on", "保险止期：应晚于起期，保险期间不超过三年 (ends_on must follow starts_on, at most 3 years)");
    if (strcmp(ends, today) < 0)
        return sh_fail(err, SH_EINVAL, "ends_on", "保险止期：保单已到期，无需登记 (the policy has ended)");
    sh_date_add_months(today, 12, limit);
    if (strcmp(starts, limit) > 0)
        return sh_fail(err, SH_EINVAL, "starts_on", "保险起期：不得晚于一年以后 (starts_on at most a year ahead)");
    if (per_person > coverage)
        return sh_fail(err, SH_EINVAL, "per_person_yuan", "每人赔偿限额：不得高于累计赔偿限额 (per_person_yuan must not exceed coverage_yuan)");
    int64_t entity = 0;
    char division[13];
    if ((rc = pp_entity_of(db, actor, body, &entity, division, err)) != 0)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    sh_stmt *st = sh_db_prepare(db, "SELECT id FROM fs_insurance WHERE insurer = ? AND policy_no = ?", err);
    if (st) {
        sh_bind_text(st, 1, insurer);
        sh_bind_text(st, 2, no);
    }
    rc = st ? sh_stmt_step(st, err) : SH_EINTERNAL;
    sh_stmt_done(st);
    rc = rc == SH_ROW ? sh_fail(err, SH_EINVAL, "policy_no", "保单号：该保险公司的此保单号已登记 (this insurer's policy number is recorded already)") : rc < 0 ? rc : 0;
    int64_t id = 0;
    if (rc == 0) {
        st = sh_db_prepare(db,
                           "INSERT INTO fs_insurance(entity_id, division_code, insurer, policy_no, starts_on, ends_on, coverage_yuan, per_person_yuan,"
                           " kinds, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           err);
        if (st) {
            sh_bind_int64(st, 1, entity);
            sh_bind_text(st, 2, division);
            sh_bind_text(st, 3, insurer);
            sh_bind_text(st, 4, no);
            sh_bind_text(st, 5, starts);
            sh_bind_text(st, 6, ends);
            sh_bind_int64(st, 7, coverage);
            sh_bind_int64_or_null(st, 8, per_person);
            sh_bind_text(st, 9, kinds);
            sh_bind_int64_or_null(st, 10, actor->user_id);
            sh_bind_int64(st, 11, sh_now_ms());
        }
        rc = sh_stmt_insert_id(st, &id, err);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "entity_id", (json_int_t)entity, "insurer", insurer, "policy_no", no,
                                  "starts_on", starts, "ends_on", ends, "coverage_yuan", coverage);
        rc = sh_audit(db, actor, "create", "insurance", id, NULL, after, err);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    return rc ? rc : sh_insurance_get(db, actor, id, ret, err);
}

int sh_insurance_cancel(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err)
{
    (void)body;
    return pp_close_today(db, actor, "食品安全责任保险", sh_insurance_get, id,
                          "UPDATE fs_insurance SET cancelled_on = ? WHERE id = ? AND cancelled_on IS NULL RETURNING id", "cancelled_on",
                          "该保单已注销 (cancelled already)", "cancel", "insurance", ret, err);
}

struct list_where {
    const sh_principal *actor;
    int64_t entity_id;
    const char *today, *until; /* in_force: today; expiring: ends_on on or before until */
    int in_force;
};

static void list_from_where(sh_qb *qb, const void *ctx)
{
    const struct list_where *w = ctx;
    sh_qb_sql(qb, FROM " WHERE p.cancelled_on IS NULL");
    sh_scope_entities(qb, &w->actor->scope, "e");
    if (w->entity_id) {
        sh_qb_sql(qb, " AND p.entity_id = ");
        sh_qb_int64(qb, w->entity_id);
    }
    if (w->in_force) {
        sh_qb_sql(qb, " AND p.starts_on <= ");
        sh_qb_text(qb, w->today);
        sh_qb_sql(qb, " AND p.ends_on >= ");
        sh_qb_text(qb, w->today);
    }
    if (w->until) {
        sh_qb_sql(qb, " AND p.ends_on <= ");
        sh_qb_text(qb, w->until);
    }
}

int sh_insurance_list(sh_db *db, const sh_principal *actor, int64_t entity_id, int in_force, int expiring, const sh_page *page, json_t **ret,
                      sh_err *err)
{
    char today[11], until[11];
    sh_today(today);
    sh_date_add_days(today, 30, until);
    struct list_where w = {actor, entity_id, today, expiring ? until : NULL, in_force};
    sh_page_query q = {COLS, list_from_where, &w, " ORDER BY p.ends_on, p.id", page->limit, page->offset, row, today};
    return sh_rows_page(db, &q, ret, err);
}

static json_t *public_row(sh_stmt *st, void *ctx)
{
    json_t *full = row(st, ctx);
    json_t *o = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O}", "insurer", json_object_get(full, "insurer"), "policy_no", json_object_get(full, "policy_no"),
                          "starts_on", json_object_get(full, "starts_on"), "ends_on", json_object_get(full, "ends_on"), "coverage_yuan",
                          json_object_get(full, "coverage_yuan"), "kinds_label", json_object_get(full, "kinds_label"));
    json_decref(full);
    return o;
}

int sh_insurance_public_of(sh_db *db, int64_t entity_id, json_t **ret, sh_err *err)
{
    char today[11];
    sh_today(today);
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT " COLS FROM " WHERE p.entity_id = ? AND p.cancelled_on IS NULL AND p.starts_on <= ? AND p.ends_on >= ?"
                                " ORDER BY p.ends_on, p.id",
                                err);
    if (st) {
        sh_bind_int64(st, 1, entity_id);
        sh_bind_text(st, 2, today);
        sh_bind_text(st, 3, today);
    }
    json_t *items = json_array();
    int rc = sh_rows_append(st, public_row, today, items, err);
    if (rc) {
        json_decref(items);
        return rc;
    }
    *ret = items;
    return 0;
}

/* One group's counts into o (created when NULL) of the object map under key. */
static void add_to(json_t *map, const char *key, const char *name, int64_t active, int64_t insured)
{
    json_t *o = json_object_get(map, key);
    if (!o) {
        o = json_pack("{s:s, s:s, s:I, s:I}", "code", key, "name", name, "active", (json_int_t)0, "insured", (json_int_t)0);
        json_object_set_new(map, key, o);
    }
    json_object_set_new(o, "active", json_integer(json_integer_value(json_object_get(o, "active")) + active));
    json_object_set_new(o, "insured", json_integer(json_integer_value(json_object_get(o, "insured")) + insured));
}

/* The map's groups as an array, each with its rate (% of active businesses insured), in key order. */
static json_t *groups(json_t *map)
{
    json_t *out = json_array();
    const char *key;
    json_t *o;
    json_object_foreach(map, key, o)
    {
        int64_t active = json_integer_value(json_object_get(o, "active")), insured = json_integer_value(json_object_get(o, "insured"));
        json_object_set_new(o, "rate", json_real(active ? (double)insured * 100.0 / (double)active : 0.0));
        json_array_append(out, o);
    }
    return out;
}

static json_t *figure_row(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s, s:s, s:I, s:I}", "township", sh_col_text(st, 0), "township_name", sh_col_text(st, 1), "kind", sh_col_text(st, 2),
                     "active", (json_int_t)sh_col_int64(st, 3), "insured", (json_int_t)sh_col_int64(st, 4));
}

int sh_insurance_figures(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err)
{
    if (actor->role != SH_ROLE_COUNTY && actor->role != SH_ROLE_TOWNSHIP && actor->role != SH_ROLE_ADMIN)
        return sh_fail(err, SH_EPERM, "", "投保统计供县、乡镇（街道）监管人员查看 (for county and township officials)");
    char today[11];
    sh_today(today);
    sh_qb qb;
    sh_qb_init(&qb);
    sh_qb_sql(&qb, "SELECT substr(e.division_code, 1, 9), COALESCE(d.name, substr(e.division_code, 1, 9)), e.kind, count(*),"
                   " SUM(CASE WHEN EXISTS (SELECT 1 FROM fs_insurance p WHERE p.entity_id = e.id AND p.cancelled_on IS NULL AND p.starts_on <= ");
    sh_qb_text(&qb, today);
    sh_qb_sql(&qb, " AND p.ends_on >= ");
    sh_qb_text(&qb, today);
    sh_qb_sql(&qb, ") THEN 1 ELSE 0 END) FROM entities e LEFT JOIN divisions d ON d.code = substr(e.division_code, 1, 9) || '000'"
                   " WHERE e.status = 'active'");
    sh_scope_entities(&qb, &actor->scope, "e");
    sh_qb_sql(&qb, " GROUP BY substr(e.division_code, 1, 9), d.name, e.kind ORDER BY substr(e.division_code, 1, 9), e.kind");
    json_t *rows = json_array();
    int rc = sh_rows_append(sh_qb_prepare(db, &qb, err), figure_row, NULL, rows, err);
    sh_qb_release(&qb);
    if (rc) {
        json_decref(rows);
        return rc;
    }
    json_t *towns = json_object(), *kinds = json_object();
    int64_t active = 0, insured = 0;
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
    {
        int64_t a = json_integer_value(json_object_get(r, "active")), n = json_integer_value(json_object_get(r, "insured"));
        char code[13];
        snprintf(code, sizeof code, "%s000", json_string_value(json_object_get(r, "township")));
        const char *kind = json_string_value(json_object_get(r, "kind"));
        add_to(towns, code, json_string_value(json_object_get(r, "township_name")), a, n);
        add_to(kinds, kind, sh_entity_kind_label_zh(kind), a, n);
        active += a;
        insured += n;
    }
    *ret = json_pack("{s:s, s:s, s:o, s:o, s:{s:I, s:I, s:f}}", "date", today, "definition",
                     "投保率 = 当日有有效保单的在营经营者数 / 在营经营者数（status = active，管辖范围内） (insured businesses with a policy in force today / active businesses)",
                     "townships", groups(towns), "kinds", groups(kinds), "total", "active", (json_int_t)active, "insured", (json_int_t)insured, "rate",
                     active ? (double)insured * 100.0 / (double)active : 0.0);
    json_decref(towns);
    json_decref(kinds);
    json_decref(rows);
    return 0;
}
