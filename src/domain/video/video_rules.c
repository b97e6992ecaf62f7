/* Reading and tuning the video rules (alert_rules, label_map) from the API; see video_rules.h. */
#include "domain/video/video_rules.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "domain/base/audit.h"
#include "store/rows.h"

static int is_official(const sh_principal *a)
{
    return a->role == SH_ROLE_ADMIN || a->role == SH_ROLE_COUNTY || a->role == SH_ROLE_TOWNSHIP || a->role == SH_ROLE_VILLAGE;
}

static int require_editor(const sh_principal *a, sh_err *err)
{
    if (a->role == SH_ROLE_ADMIN || a->role == SH_ROLE_COUNTY)
        return 0;
    return sh_fail(err, SH_EPERM, "", "识别规则由县局设置 (only admin and county officials change the video rules)");
}

#define RULE_COLUMNS                                                                                                   \
    "r.violation, v.label, r.enabled, r.min_score, r.min_duration_s, r.cooldown_s, r.schedule, r.use_zones, r.deadline_wd,"       \
    " r.night_min_score, r.platform_check"

/* The platform's own experimental checks (db/082) and the precision measured for each on package-shipped
 * photos (scripts/mask-scores.mjs, README): shown beside the setting so a county knows what it turns on. */
static const struct {
    const char *violation;
    double precision;
} PLATFORM_CHECKS[] = {{"no_mask", 0.63}};

/* The measured precision of the violation's own check, or < 0 when the platform has none. */
static double platform_check_precision(const char *violation)
{
    for (size_t i = 0; i < sizeof PLATFORM_CHECKS / sizeof PLATFORM_CHECKS[0]; i++)
        if (!strcmp(PLATFORM_CHECKS[i].violation, violation))
            return PLATFORM_CHECKS[i].precision;
    return -1;
}

static json_t *rule_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s, s:b, s:f, s:I, s:I, s:s, s:b, s:I}", "violation", sh_col_text(st, 0), "label",
                     sh_col_text(st, 1), "enabled", (int)sh_col_int64(st, 2) != 0, "min_score", sh_col_double(st, 3),
                     "min_duration_s", (json_int_t)sh_col_int64(st, 4), "cooldown_s", (json_int_t)sh_col_int64(st, 5),
                     "schedule", sh_col_text(st, 6), "use_zones", (int)sh_col_int64(st, 7) != 0, "deadline_wd",
                     (json_int_t)sh_col_int64(st, 8));
}

static json_t *rule_json_all(sh_stmt *st, void *ctx)
{
    json_t *r = rule_json(st, ctx);
    json_object_set_new(r, "night_min_score", sh_col_is_null(st, 9) ? json_null() : json_real(sh_col_double(st, 9)));
    json_object_set_new(r, "platform_check", json_boolean(sh_col_int64(st, 10) != 0));
    double precision = platform_check_precision(sh_col_text(st, 0));
    json_object_set_new(r, "platform_check_precision", precision < 0 ? json_null() : json_real(precision));
    return r;
}

static json_t *violation_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s, s:s}", "code", sh_col_text(st, 0), "label", sh_col_text(st, 1), "requirement",
                     sh_col_text(st, 2));
}

static json_t *label_json(sh_stmt *st, void *ctx)
{
    (void)ctx;
    return json_pack("{s:s, s:s, s:s}", "source", sh_col_text(st, 0), "label", sh_col_text(st, 1), "violation",
                     sh_col_text(st, 2));
}

int sh_video_rules_get(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err)
{
    if (!is_official(actor))
        return sh_fail(err, SH_EPERM, "", "仅监管人员可查看识别规则 (officials only)");
    json_t *violations = json_array(), *rules = json_array(), *labels = json_array();
    int rc = sh_db_begin_read(db, err);
    if (rc == 0)
        rc = sh_rows_append(sh_db_prepare(db, "SELECT code, label, requirement FROM violation_types ORDER BY position, code", err),
                            violation_json, NULL, violations, err);
    if (rc == 0)
        rc = sh_rows_append(sh_db_prepare(db,
                                          "SELECT " RULE_COLUMNS " FROM alert_rules r JOIN violation_types v ON v.code = r.violation"
                                          " ORDER BY v.position, v.code",
                                          err),
                            rule_json_all, NULL, rules, err);
    if (rc == 0)
        rc = sh_rows_append(sh_db_prepare(db,
                                          "SELECT source, label, violation FROM label_map"
                                          " ORDER BY CASE WHEN source = '*' THEN 0 ELSE 1 END, source, label",
                                          err),
                            label_json, NULL, labels, err);
    rc = sh_db_finish(db, rc, err);
    if (rc) {
        json_decref(violations);
        json_decref(rules);
        json_decref(labels);
        return rc;
    }
    *ret = json_pack("{s:o, s:o, s:o}", "violations", violations, "rules", rules, "label_map", labels);
    return 0;
}

/* ---- a rule ---- */

static int check_int(const json_t *j, const char *field, json_int_t min, json_int_t max, sh_err *err)
{
    if (!json_is_integer(j) || json_integer_value(j) < min || json_integer_value(j) > max)
        return sh_fail(err, SH_EINVAL, field, "应为%lld到%lld之间的整数 (must be an integer from %lld to %lld)",
                       (long long)min, (long long)max, (long long)min, (long long)max);
    return 0;
}

/* Validates the patch; every key must be a rule field with a valid value. */
static int check_patch(const char *violation, const json_t *patch, sh_err *err)
{
    const char *k;
    json_t *j;
    json_object_foreach((json_t *)patch, k, j) {
        int rc = 0;
        if (!strcmp(k, "min_score")) {
            double v = json_is_number(j) ? json_number_value(j) : -1;
            if (!json_is_number(j) || !isfinite(v) || v < 0 || v > 1)
                rc = sh_fail(err, SH_EINVAL, k, "应为0到1之间的数 (must be a number from 0 to 1)");
        } else if (!strcmp(k, "night_min_score")) {
            double v = json_is_number(j) ? json_number_value(j) : -1;
            if (!json_is_null(j) && (!json_is_number(j) || !isfinite(v) || v < 0 || v > 1))
                rc = sh_fail(err, SH_EINVAL, k, "应为0到1之间的数，或null（夜间同白天） (must be a number from 0 to 1, or null: the day's minimum)");
        } else if (!strcmp(k, "min_duration_s") || !strcmp(k, "cooldown_s")) {
            rc = check_int(j, k, 0, 86400, err);
        } else if (!strcmp(k, "deadline_wd")) {
            rc = check_int(j, k, 1, 60, err);
        } else if (!strcmp(k, "enabled") || !strcmp(k, "use_zones")) {
            if (!json_is_boolean(j))
                rc = sh_fail(err, SH_EINVAL, k, "应为true或false (must be true or false)");
        } else if (!strcmp(k, "platform_check")) {
            if (!json_is_boolean(j))
                rc = sh_fail(err, SH_EINVAL, k, "应为true或false (must be true or false)");
            else if (json_is_true(j) && platform_check_precision(violation) < 0)
                rc = sh_fail(err, SH_EINVAL, k, "平台自带模型不能识别该违规，没有可开启的检查 (the platform's own models have no check for this violation)");
        } else if (!strcmp(k, "schedule")) {
            const char *s = json_string_value(j);
            if (!s || (strcmp(s, "always") && strcmp(s, "working") && strcmp(s, "after_hours")))
                rc = sh_fail(err, SH_EINVAL, k, "应为always（全天）、working（营业时间）或after_hours（非营业时间） (must be always, working or after_hours)");
        } else {
            rc = sh_fail(err, SH_EINVAL, k, "未知字段或不可修改 (unknown or read-only field)");
        }
        if (rc)
            return rc;
    }
    return 0;
}

static int load_rule(sh_db *db, const char *violation, json_t **ret, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "SELECT " RULE_COLUMNS " FROM alert_rules r JOIN violation_types v ON v.code = r.violation"
                                " WHERE r.violation = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, violation);
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        *ret = rule_json_all(st, NULL);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_ENOTFOUND, "violation", "未知的违规类型 (unknown violation code)");
}

static int exec1(sh_db *db, const char *sql, const char *a, const char *b, const char *c, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, sql, err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, a);
    if (b)
        sh_bind_text(st, 2, b);
    if (c)
        sh_bind_text(st, 3, c);
    return sh_stmt_run(st, err);
}

static int store_rule(sh_db *db, const char *violation, const json_t *r, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db,
                                "UPDATE alert_rules SET enabled = ?, min_score = ?, min_duration_s = ?, cooldown_s = ?,"
                                " schedule = ?, use_zones = ?, deadline_wd = ?, night_min_score = ?, platform_check = ? WHERE violation = ?",
                                err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_int64(st, 1, json_is_true(json_object_get(r, "enabled")));
    sh_bind_double(st, 2, json_number_value(json_object_get(r, "min_score")));
    sh_bind_int64(st, 3, json_integer_value(json_object_get(r, "min_duration_s")));
    sh_bind_int64(st, 4, json_integer_value(json_object_get(r, "cooldown_s")));
    sh_bind_text(st, 5, json_string_value(json_object_get(r, "schedule")));
    sh_bind_int64(st, 6, json_is_true(json_object_get(r, "use_zones")));
    sh_bind_int64(st, 7, json_integer_value(json_object_get(r, "deadline_wd")));
    const json_t *night = json_object_get(r, "night_min_score");
    if (json_is_number(night))
        sh_bind_double(st, 8, json_number_value(night));
    else
        sh_bind_null(st, 8);
    sh_bind_int64(st, 9, json_is_true(json_object_get(r, "platform_check")));
    sh_bind_text(st, 10, violation);
    return sh_stmt_run(st, err);
}

int sh_video_rule_update(sh_db *db, const sh_principal *actor, const char *violation, const json_t *patch, json_t **ret,
                         sh_err *err)
{
    int rc = require_editor(actor, err);
    if (rc == 0 && !json_is_object(patch))
        rc = sh_fail(err, SH_EINVAL, "body", "应为JSON对象 (must be a JSON object)");
    if (rc == 0)
        rc = check_patch(violation, patch, err);
    if (rc)
        return rc;
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    json_t *rule = NULL, *before = json_pack("{s:s}", "violation", violation),
           *after = json_pack("{s:s}", "violation", violation);
    /* a violation type added without a rule gets the defaults of alert_rules first */
    rc = exec1(db, "INSERT INTO alert_rules(violation) SELECT code FROM violation_types WHERE code = ? ON CONFLICT DO NOTHING", violation,
               NULL, NULL, err);
    if (rc == 0)
        rc = load_rule(db, violation, &rule, err);
    int changed = 0;
    if (rc == 0) {
        const char *k;
        json_t *j;
        json_object_foreach((json_t *)patch, k, j) {
            json_t *old = json_object_get(rule, k);
            if (json_equal(old, j) || (json_is_number(old) && json_is_number(j) && json_number_value(old) == json_number_value(j)))
                continue;
            json_object_set(before, k, old);
            json_object_set(after, k, j);
            json_object_set(rule, k, j);
            changed = 1;
        }
    }
    if (rc == 0 && changed)
        rc = store_rule(db, violation, rule, err);
    if (rc == 0 && changed)
        rc = sh_audit(db, actor, "update", "alert_rule", 0, before, after, err);
    if (rc == 0) {
        json_decref(rule);
        rule = NULL;
        rc = load_rule(db, violation, &rule, err);
    }
    rc = sh_db_finish(db, rc, err);
    json_decref(before);
    json_decref(after);
    if (rc) {
        json_decref(rule);
        return rc;
    }
    *ret = rule;
    return 0;
}

/* ---- the label map ---- */

static int violation_exists(sh_db *db, const char *code, sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT 1 FROM violation_types WHERE code = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, code);
    int rc = sh_stmt_step(st, err);
    sh_stmt_done(st);
    if (rc < 0)
        return rc;
    return rc == SH_ROW ? 0 : sh_fail(err, SH_EINVAL, "violation", "未知的违规类型 (unknown violation code)");
}

/* The violation the row {source, label} maps to now, copied into out ("" when none). */
static int current_mapping(sh_db *db, const char *source, const char *label, char out[64], sh_err *err)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT violation FROM label_map WHERE source = ? AND label = ?", err);
    if (!st)
        return SH_EINTERNAL;
    sh_bind_text(st, 1, source);
    sh_bind_text(st, 2, label);
    out[0] = '\0';
    int rc = sh_stmt_step(st, err);
    if (rc == SH_ROW)
        snprintf(out, 64, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static json_t *mapping_json(const char *source, const char *label, const char *violation)
{
    return json_pack("{s:s, s:s, s:s?}", "source", source, "label", label, "violation",
                     violation && *violation ? violation : NULL);
}

int sh_label_map_put(sh_db *db, const sh_principal *actor, const json_t *body, json_t **ret, sh_err *err)
{
    int rc = require_editor(actor, err);
    if (rc)
        return rc;
    if (!json_is_object(body))
        return sh_fail(err, SH_EINVAL, "body", "应为JSON对象 (must be a JSON object)");
    const char *k;
    json_t *j;
    json_object_foreach((json_t *)body, k, j)
        if (strcmp(k, "source") && strcmp(k, "label") && strcmp(k, "violation"))
            return sh_fail(err, SH_EINVAL, k, "未知字段 (unknown field)");
    const char *source = json_string_value(json_object_get(body, "source"));
    if (!source || (strcmp(source, "*") && strcmp(source, "shian_vision") && strcmp(source, "ai_box") && strcmp(source, "hikvision")))
        return sh_fail(err, SH_EINVAL, "source", "应为*（所有来源）、shian_vision、ai_box或hikvision (must be *, shian_vision, ai_box or hikvision)");
    const char *raw = json_string_value(json_object_get(body, "label"));
    if ((rc = sh_check_text(raw, 1, 64, "label", err)) != 0)
        return !raw ? sh_fail(err, SH_EINVAL, "label", "必填，1到64个字 (required, 1 to 64 characters)") : rc;
    size_t n = strlen(raw);
    if (isspace((unsigned char)raw[0]) || isspace((unsigned char)raw[n - 1]))
        return sh_fail(err, SH_EINVAL, "label", "首尾不能有空格 (no leading or trailing spaces)");
    /* lower-cased byte by byte as observe.c's map_label lowers an observation's label */
    char label[512];
    if (n >= sizeof label)
        return sh_fail(err, SH_EINVAL, "label", "过长 (too long)");
    for (size_t i = 0; i <= n; i++)
        label[i] = (char)tolower((unsigned char)raw[i]);
    json_t *v = json_object_get(body, "violation");
    if (!json_is_null(v) && !json_is_string(v))
        return sh_fail(err, SH_EINVAL, "violation", "必填，违规类型代码或null（删除） (a violation code, or null to remove)");
    const char *violation = json_string_value(v);
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    char old[64];
    if (violation)
        rc = violation_exists(db, violation, err);
    if (rc == 0)
        rc = current_mapping(db, source, label, old, err);
    int changed = rc == 0 && strcmp(old, violation ? violation : "") != 0;
    if (changed)
        rc = violation ? exec1(db, "INSERT INTO label_map(source, label, violation) VALUES (?1, ?2, ?3)"
                                   " ON CONFLICT(source, label) DO UPDATE SET violation = excluded.violation",
                               source, label, violation, err)
                       : exec1(db, "DELETE FROM label_map WHERE source = ? AND label = ?", source, label, NULL, err);
    if (changed && rc == 0) {
        json_t *before = old[0] ? mapping_json(source, label, old) : NULL;
        json_t *after = violation ? mapping_json(source, label, violation) : NULL;
        rc = sh_audit(db, actor, !old[0] ? "create" : violation ? "update" : "delete", "label_map", 0, before, after, err);
        json_decref(before);
        json_decref(after);
    }
    rc = sh_db_finish(db, rc, err);
    if (rc) {
        return rc;
    }
    *ret = mapping_json(source, label, violation);
    return 0;
}
