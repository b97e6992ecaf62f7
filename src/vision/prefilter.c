#include "vision/prefilter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LABELS 256
#define MAX_RULES 64
#define TRACKED 32

typedef struct {
    char label[64];
    char violation[32];
    int specific; /* source shian_vision (wins over '*') */
} map_row;

struct sh_vrules {
    int n_map, n_rules;
    map_row map[MAX_LABELS];
    struct {
        char violation[32];
        sh_alert_rule rule;
        int platform_check; /* db/082: the analyser's own experimental check of it is on */
    } rules[MAX_RULES];
};

int sh_vrules_from_json(const json_t *config, sh_vrules **ret, sh_err *err)
{
    sh_vrules *r = calloc(1, sizeof *r);
    if (!r)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    size_t i;
    const json_t *row;
    json_array_foreach(json_object_get(config, "label_map"), i, row) {
        const char *src = json_string_value(json_object_get(row, "source"));
        const char *label = json_string_value(json_object_get(row, "label"));
        const char *v = json_string_value(json_object_get(row, "violation"));
        if (!src || !label || !v || strlen(label) >= sizeof r->map[0].label || strlen(v) >= sizeof r->map[0].violation)
            continue;
        if (strcmp(src, "*") && strcmp(src, "shian_vision"))
            continue;
        int specific = !strcmp(src, "shian_vision"), at = -1;
        for (int k = 0; k < r->n_map; k++)
            if (!strcmp(r->map[k].label, label))
                at = k;
        if (at >= 0 && r->map[at].specific && !specific)
            continue;
        if (at < 0) {
            if (r->n_map == MAX_LABELS)
                continue;
            at = r->n_map++;
        }
        snprintf(r->map[at].label, sizeof r->map[at].label, "%s", label);
        snprintf(r->map[at].violation, sizeof r->map[at].violation, "%s", v);
        r->map[at].specific = specific;
    }
    json_array_foreach(json_object_get(config, "alert_rules"), i, row) {
        const char *v = json_string_value(json_object_get(row, "violation"));
        const char *sched = json_string_value(json_object_get(row, "schedule"));
        if (!v || strlen(v) >= sizeof r->rules[0].violation || r->n_rules == MAX_RULES)
            continue;
        sh_alert_rule a = {
            .enabled = json_is_true(json_object_get(row, "enabled")),
            .min_score = json_number_value(json_object_get(row, "min_score")),
            .min_duration_s = (int)json_integer_value(json_object_get(row, "min_duration_s")),
            .cooldown_s = (int)json_integer_value(json_object_get(row, "cooldown_s")),
            .use_zones = json_is_true(json_object_get(row, "use_zones")),
        };
        const json_t *night = json_object_get(row, "night_min_score");
        a.night_min_score = json_is_number(night) ? json_number_value(night) : -1;
        snprintf(a.schedule, sizeof a.schedule, "%s", sched ? sched : "always");
        snprintf(r->rules[r->n_rules].violation, sizeof r->rules[0].violation, "%s", v);
        r->rules[r->n_rules].platform_check = json_is_true(json_object_get(row, "platform_check"));
        r->rules[r->n_rules++].rule = a;
    }
    *ret = r;
    return 0;
}

void sh_vrules_free(sh_vrules *r) { free(r); }

const char *sh_vrules_violation(const sh_vrules *r, const char *label)
{
    for (int k = 0; k < r->n_map; k++)
        if (!strcmp(r->map[k].label, label))
            return r->map[k].violation;
    return NULL;
}

const sh_alert_rule *sh_vrules_rule(const sh_vrules *r, const char *violation)
{
    for (int k = 0; k < r->n_rules; k++)
        if (!strcmp(r->rules[k].violation, violation))
            return &r->rules[k].rule;
    return NULL;
}

int sh_vrules_platform_check(const sh_vrules *r, const char *violation)
{
    for (int k = 0; k < r->n_rules; k++)
        if (!strcmp(r->rules[k].violation, violation))
            return r->rules[k].platform_check && r->rules[k].rule.enabled;
    return 0;
}

typedef struct {
    char label[64];
    int count;         /* sightings in a row */
    int64_t last_seen; /* ms */
    int64_t last_post; /* ms, 0: never */
    int posted;
} track;

struct sh_prefilter {
    sh_prefilter_opts o;
    track t[TRACKED];
    int n;
    sh_prefilter_stats st;
};

int sh_prefilter_new(const sh_prefilter_opts *o, sh_prefilter **ret, sh_err *err)
{
    sh_prefilter_opts opts = o ? *o : SH_PREFILTER_DEFAULTS;
    if (opts.min_frames < 1 || opts.min_frames > 1000 || opts.cooldown_s < 0 || opts.cooldown_s > 86400 || opts.gap_ms < 1 ||
        opts.gap_ms > 3600000)
        return sh_fail(err, SH_EINVAL, "prefilter", "min_frames 1..1000, cooldown_s 0..86400, gap_ms 1..3600000");
    sh_prefilter *p = calloc(1, sizeof *p);
    if (!p)
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    p->o = opts;
    *ret = p;
    return 0;
}

void sh_prefilter_free(sh_prefilter *p) { free(p); }

void sh_prefilter_stats_get(const sh_prefilter *p, sh_prefilter_stats *ret) { *ret = p->st; }

const char *sh_prefilter_label(const sh_vrules *r, const sh_camera_setup *cam, const char *coco, int64_t ms, char *out, size_t n)
{
    const char *label = coco;
    if (!strcmp(coco, "person")) {
        if (sh_schedule_working(cam->schedule, ms))
            return NULL; /* people at work are not a finding here (no_mask: the faces, analyser.c) */
        label = "person_after_hours";
    }
    if (!sh_vrules_violation(r, label))
        return NULL;
    snprintf(out, n, "%s", label);
    return out;
}

int sh_prefilter_keeps(void *keep_ctx, const char *coco)
{
    const sh_prefilter_keep *k = keep_ctx;
    char label[64];
    return sh_prefilter_label(k->rules, k->cam, coco, k->ms, label, sizeof label) != NULL;
}

static track *track_of(sh_prefilter *p, const char *label)
{
    for (int i = 0; i < p->n; i++)
        if (!strcmp(p->t[i].label, label))
            return &p->t[i];
    int at = p->n;
    if (p->n == TRACKED) { /* forget the one seen longest ago */
        at = 0;
        for (int i = 1; i < p->n; i++)
            if (p->t[i].last_seen < p->t[at].last_seen)
                at = i;
    } else {
        p->n++;
    }
    p->t[at] = (track){0};
    snprintf(p->t[at].label, sizeof p->t[at].label, "%s", label);
    return &p->t[at];
}

int sh_prefilter_run(sh_prefilter *p, const sh_vrules *r, const sh_camera_setup *cam, int64_t ms, int night, const sh_detection *d,
                     int n, sh_candidate *ret, int max)
{
    /* the best detection of each platform label that the rules would count */
    sh_candidate best[32];
    int nb = 0;
    for (int i = 0; i < n; i++) {
        char label[64];
        if (!d[i].label || !sh_prefilter_label(r, cam, d[i].label, ms, label, sizeof label))
            continue;
        const char *v = sh_vrules_violation(r, label);
        double box[4] = {d[i].box[0], d[i].box[1], d[i].box[2], d[i].box[3]};
        if (sh_rule_outcome(v, sh_vrules_rule(r, v), cam, d[i].score, box, ms, night))
            continue;
        p->st.passed++;
        int k = 0;
        while (k < nb && strcmp(best[k].label, label))
            k++;
        if (k == nb) {
            if (nb == 32)
                continue;
            nb++;
        } else if (best[k].score >= d[i].score) {
            continue;
        }
        best[k] = (sh_candidate){.violation = v, .score = d[i].score, .night = night};
        snprintf(best[k].label, sizeof best[k].label, "%s", label);
        memcpy(best[k].box, d[i].box, sizeof best[k].box);
    }
    int out = 0;
    for (int k = 0; k < nb; k++) {
        track *t = track_of(p, best[k].label);
        if (t->count > 0 && (ms - t->last_seen > p->o.gap_ms || ms < t->last_seen))
            t->count = 0;
        t->count++;
        t->last_seen = ms;
        if (t->count < p->o.min_frames) {
            p->st.held_frames++;
            continue;
        }
        const sh_alert_rule *rule = sh_vrules_rule(r, best[k].violation);
        int64_t cooldown = (int64_t)p->o.cooldown_s * 1000;
        if (rule && rule->min_duration_s > 0 && (int64_t)rule->min_duration_s * 1000 < cooldown)
            cooldown = (int64_t)rule->min_duration_s * 1000;
        if (t->posted && ms - t->last_post < cooldown && ms >= t->last_post) {
            p->st.held_cooldown++;
            continue;
        }
        if (out == max)
            break;
        t->posted = 1;
        t->last_post = ms;
        p->st.emitted++;
        ret[out++] = best[k];
    }
    return out;
}
