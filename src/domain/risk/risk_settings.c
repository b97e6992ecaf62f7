#include "domain/risk/risk_settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/base/audit.h"
#include "domain/base/settings.h"

typedef struct risk_setting {
    const char *key, *group, *label, *meaning;
    int def, min, max;
    int regrade; /* a change moves grades */
} risk_setting;

/* Defaults as the migrations ship them (db/004, 005, 011, 042); DOMAIN.md "Risk grading" (2016 trial
 * measures: bands A 0–30, B >30–45, C >45–60, D >60; inspections a year A 1, B 1–2, C 2–3, D 3–4). */
static const risk_setting settings[] = {
    {"risk_band_a", "bands", "A级上限", "风险分值不高于此值评为A级（低风险）", 30, 0, 100, 1},
    {"risk_band_b", "bands", "B级上限", "分值高于A级上限、不高于此值评为B级", 45, 0, 100, 1},
    {"risk_band_c", "bands", "C级上限", "分值高于B级上限、不高于此值评为C级；高于此值评为D级", 60, 0, 100, 1},
    {"visits_a", "visits", "A级每年检查次数", "A级主体每年至少监督检查的次数", 1, 0, 52, 0},
    {"visits_b", "visits", "B级每年检查次数", "B级主体每年至少监督检查的次数", 2, 0, 52, 0},
    {"visits_c", "visits", "C级每年检查次数", "C级主体每年至少监督检查的次数", 3, 0, 52, 0},
    {"visits_d", "visits", "D级每年检查次数", "D级主体每年至少监督检查的次数", 4, 0, 52, 0},
    {"rectify_days_key", "deadlines", "重点项整改期限（工作日）", "检查重点项不符合时责令整改的工作日数", 5, 1, 60, 0},
    {"rectify_days_general", "deadlines", "一般项整改期限（工作日）", "检查一般项不符合时责令整改的工作日数", 10, 1, 60, 0},
    {"patrol_rectify_days", "deadlines", "在线巡查整改期限（工作日）", "在线巡查发现问题时责令整改的工作日数", 3, 1, 60, 0},
    {"risk_key_item_failed", "points", "重点项不符合（分/项）", "近两年每个不符合的重点检查项计入的动态风险分", 6, 0, 60, 1},
    {"risk_general_item_failed", "points", "一般项不符合（分/项）", "近两年每个不符合的一般检查项计入的动态风险分", 2, 0, 60, 1},
    {"risk_inspection_failed", "points", "检查结果不合格（分/次）", "近两年每次结果为不合格的检查计入的动态风险分", 10, 0, 60, 1},
    {"risk_order_escalated", "points", "整改逾期（分/次）", "近两年每张逾期未整改的整改单计入的动态风险分", 5, 0, 60, 1},
    {"risk_video_hazard", "points", "视频隐患逾期未整改（分/次）", "近两年每个逾期未整改的视频监控确认隐患计入的动态风险分", 2, 0, 60, 1},
    {"risk_sample_failed", "points", "抽检不合格（分/批次）", "近两年每批次监督抽检、评价性抽检不合格（复检合格的除外）计入的动态风险分", 10, 0, 60, 1},
    {"sampling_batches_per_1000", "sampling", "每千人抽检批次", "年度抽检计划按每千名常住人口抽检的批次数确定任务量", 4, 1, 50, 0},
    {"sampling_retest_decide_days", "sampling", "复检受理决定期限（工作日）", "收到复检申请后作出受理或不予受理决定的工作日数（部分省份为5日）", 7, 1, 30, 0},
    {"sampling_strict_failures", "sampling", "列入重点监管的不合格批次", "一年内监督抽检、评价性抽检不合格达到此批次数的主体列入重点监管；0：不列入", 2, 0, 20, 0},
    {"sampling_strict_extra_visits", "sampling", "重点监管期间增加的检查次数", "重点监管期间每年在风险等级规定的检查次数之外增加的监督检查次数；期间随机抽样时优先抽取", 2, 0, 12, 0},
    {"sampling_strict_days", "sampling", "重点监管期限（天）", "列入重点监管后持续的天数，期间增加检查和抽检频次", 180, 1, 1095, 0},
    {"risk_dishonesty_grade_d", "points", "严重违法失信直接评D", "1：列入严重违法失信名单的主体直接评为D级；0：不直接评D", 1, 0, 1, 1},
};
enum { NSETTINGS = sizeof settings / sizeof settings[0] };

static const risk_setting *find(const char *key)
{
    for (int i = 0; i < NSETTINGS; i++)
        if (!strcmp(settings[i].key, key))
            return &settings[i];
    return NULL;
}

static int is_official(const sh_principal *p)
{
    return p->role != SH_ROLE_BUSINESS;
}

int sh_risk_settings_get(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err)
{
    if (!is_official(actor))
        return sh_fail(err, SH_EPERM, "", "风险设置供监管人员查看 (officials only)");
    json_t *items = json_array();
    for (int i = 0; i < NSETTINGS; i++) {
        const risk_setting *s = &settings[i];
        json_array_append_new(items, json_pack("{s:s, s:i, s:s, s:s, s:s, s:i, s:i, s:i}", "key", s->key, "value",
                                               sh_setting_int(db, s->key, s->def), "group", s->group, "label", s->label,
                                               "meaning", s->meaning, "min", s->min, "max", s->max, "default", s->def));
    }
    *ret = items;
    return 0;
}

/* An integer (or a text of digits) within the setting's range; fills *v. */
static int value_of(const risk_setting *s, const json_t *j, int *v, sh_err *err)
{
    long long n;
    if (json_is_integer(j))
        n = json_integer_value(j);
    else if (json_is_string(j) && json_string_length(j) > 0 && json_string_length(j) < 6 &&
             strspn(json_string_value(j), "0123456789") == json_string_length(j))
        n = atoll(json_string_value(j));
    else
        return sh_fail(err, SH_EINVAL, s->key, "%s应为整数 (must be an integer)", s->label);
    if (n < s->min || n > s->max)
        return sh_fail(err, SH_EINVAL, s->key, "%s应为%d-%d (must be %d-%d)", s->label, s->min, s->max, s->min, s->max);
    *v = (int)n;
    return 0;
}

int sh_risk_settings_patch(sh_db *db, const sh_principal *actor, const json_t *changes, int *ret_regrade, sh_err *err)
{
    *ret_regrade = 0;
    if (actor->role != SH_ROLE_ADMIN && actor->role != SH_ROLE_COUNTY)
        return sh_fail(err, SH_EPERM, "", "只有县局可以修改风险设置 (only the county bureau changes risk settings)");
    if (!json_is_object(changes) || json_object_size(changes) == 0)
        return sh_fail(err, SH_EINVAL, "", "请提交要修改的设置 (send an object of settings to change)");
    int next[NSETTINGS];
    for (int i = 0; i < NSETTINGS; i++)
        next[i] = sh_setting_int(db, settings[i].key, settings[i].def);
    const char *key;
    json_t *val;
    int rc;
    json_object_foreach((json_t *)changes, key, val) {
        const risk_setting *s = find(key);
        if (!s)
            return sh_fail(err, SH_EINVAL, key, "没有这项风险设置 (no such risk setting)");
        if ((rc = value_of(s, val, &next[s - settings], err)) != 0)
            return rc;
    }
    /* the bands together: A < B < C, so that each grade has scores (2016 trial measures) */
    const risk_setting *a = find("risk_band_a"), *b = find("risk_band_b"), *c = find("risk_band_c");
    int va = next[a - settings], vb = next[b - settings], vc = next[c - settings];
    if (vb <= va)
        return sh_fail(err, SH_EINVAL, json_object_get(changes, "risk_band_b") ? "risk_band_b" : "risk_band_a",
                       "分级分值应递增：B级上限（%d）应大于A级上限（%d） (bands must increase: B above A)", vb, va);
    if (vc <= vb)
        return sh_fail(err, SH_EINVAL, json_object_get(changes, "risk_band_c") ? "risk_band_c" : "risk_band_b",
                       "分级分值应递增：C级上限（%d）应大于B级上限（%d） (bands must increase: C above B)", vc, vb);
    if ((rc = sh_db_begin(db, err)) != 0)
        return rc;
    for (int i = 0; rc == 0 && i < NSETTINGS; i++) {
        if (!json_object_get(changes, settings[i].key))
            continue;
        int cur = sh_setting_int(db, settings[i].key, settings[i].def);
        if (cur == next[i])
            continue;
        char text[16];
        snprintf(text, sizeof text, "%d", next[i]);
        rc = sh_setting_set(db, settings[i].key, text, err);
        if (rc == 0) {
            json_t *before = json_pack("{s:s, s:i}", "key", settings[i].key, "value", cur);
            json_t *after = json_pack("{s:s, s:i}", "key", settings[i].key, "value", next[i]);
            rc = sh_audit(db, actor, "update", "setting", 0, before, after, err);
            json_decref(before);
            json_decref(after);
        }
        if (settings[i].regrade)
            *ret_regrade = 1;
    }
    rc = sh_db_finish(db, rc, err);
    if (rc)
        *ret_regrade = 0;
    return rc;
}
