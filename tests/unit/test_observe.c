/* Observations into alerts: zones at the box's bottom centre, working hours in Beijing time (night
 * shifts too), the rule's outcomes, label mapping, merging with a cooldown (in any arrival order),
 * pending → open after the minimum duration, duplicates, jurisdiction, validation that stores
 * nothing, and Hikvision ISAPI pushes in XML and JSON, hostile XML included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/timeutil.h"
#include "adapters/isapi.h"
#include "domain/video/observe.h"
#include "domain/video/rules.h"
#include "testutil.h"

static sh_db *db;
static sh_principal t01;          /* township 梅林镇 (101): sees entity 1 */
static char files_dir[64];
static int64_t T0;                /* Monday 2026-11-23 10:00 in Beijing */
static int64_t NOW;

#define SEC 1000LL
#define MIN (60 * SEC)

static int64_t at(const char *iso)
{
    int64_t ms = 0;
    if (sh_parse_time(iso, &ms) != 0)
        fail_msg("bad time %s", iso);
    return ms;
}

static int setup(void **state)
{
    (void)state;
    db = fixture_db();
    if (!db)
        return -1;
    sh_err err = {0};
    const char *sql =
        "INSERT INTO entities(id, kind, name, division_code, status, created_at, updated_at)"
        " VALUES (1, 'caterer', '梅林饭店', '360799101201', 'active', 0, 0), (2, 'caterer', '青石饭店', '360799102201', 'active', 0, 0);"
        /* 1: Mon-Fri 08:00-17:00; the lower half counts, except a strip on the left (a mask) */
        "INSERT INTO cameras(id, entity_id, name, area, stream_url, device_id, schedule, zones, rules, enabled, created_at, updated_at)"
        " VALUES (1, 1, '后厨', 'kitchen', 'file:test.mp4', 'aa:bb:cc:dd:ee:ff:1',"
        " '[{\"days\":[1,2,3,4,5],\"from\":\"08:00\",\"to\":\"17:00\"}]',"
        " '[{\"name\":\"灶台\",\"type\":\"include\",\"points\":[[0,0.5],[1,0.5],[1,1],[0,1]]},"
        "   {\"name\":\"窗\",\"type\":\"mask\",\"points\":[[0,0.5],[0.2,0.5],[0.2,1],[0,1]]}]', '[]', 1, 0, 0),"
        /* 2: another township's */
        " (2, 2, '后厨', 'kitchen', 'file:test.mp4', NULL, '[]', '[]', '[]', 1, 0, 0),"
        /* 3: disabled */
        " (3, 1, '仓库', 'storage', 'file:test.mp4', NULL, '[]', '[]', '[]', 0, 0, 0),"
        /* 4: only smoking is enabled */
        " (4, 1, '前厅', 'dining', 'file:test.mp4', NULL, '[]', '[]', '[\"smoking\"]', 1, 0, 0);";
    if (sh_db_exec(db, sql, &err) != 0) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    fixture_official(&t01, SH_ROLE_TOWNSHIP, "360799101000", "t01");
    T0 = at("2026-11-23T10:00:00+08:00");
    NOW = T0 + 2 * 60 * MIN;
    snprintf(files_dir, sizeof files_dir, "/tmp/shian-observe-XXXXXX");
    return mkdtemp(files_dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    sh_db_close(db);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", files_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static int64_t count(const char *sql)
{
    int64_t n = -1;
    sh_err err = {0};
    if (sh_db_query_int64(db, sql, -1, &n, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
    return n;
}

static void exec(const char *sql)
{
    sh_err err = {0};
    if (sh_db_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
}

/* What one observation came to. */
typedef struct seen {
    int rc, duplicate;
    char field[64];
    char outcome[16], violation[32], status[16];
    int64_t obs_id, alert_id, observations, first_at, last_at, snapshot_id;
    double max_score;
} seen;

static int key_seq;

static seen observe_in(const sh_principal *who, sh_observation_in *in)
{
    seen s = {0};
    char key[32];
    if (!in->idempotency_key) {
        snprintf(key, sizeof key, "k-%d", ++key_seq);
        in->idempotency_key = key;
    }
    if (!in->source)
        in->source = "ai_box";
    json_t *out = NULL;
    sh_err err = {0};
    s.rc = sh_observe(db, who, files_dir, in, NOW, &out, &s.duplicate, &err);
    snprintf(s.field, sizeof s.field, "%s", err.field);
    if (s.rc)
        return s;
    json_t *o = json_object_get(out, "observation"), *a = json_object_get(out, "alert");
    s.obs_id = json_integer_value(json_object_get(o, "id"));
    snprintf(s.outcome, sizeof s.outcome, "%s", json_string_value(json_object_get(o, "outcome")));
    const char *v = json_string_value(json_object_get(o, "violation"));
    snprintf(s.violation, sizeof s.violation, "%s", v ? v : "");
    s.snapshot_id = json_integer_value(json_object_get(o, "snapshot_id"));
    if (json_is_object(a)) {
        s.alert_id = json_integer_value(json_object_get(a, "id"));
        snprintf(s.status, sizeof s.status, "%s", json_string_value(json_object_get(a, "status")));
        s.observations = json_integer_value(json_object_get(a, "observations"));
        s.first_at = json_integer_value(json_object_get(a, "first_at"));
        s.last_at = json_integer_value(json_object_get(a, "last_at"));
        s.max_score = json_real_value(json_object_get(a, "max_score"));
        assert_int_equal(json_integer_value(json_object_get(o, "alert_id")), s.alert_id);
    } else {
        assert_true(json_is_null(a));
        assert_true(json_is_null(json_object_get(o, "alert_id")));
    }
    json_decref(out);
    return s;
}

static const double IN_ZONE[4] = {0.4, 0.5, 0.2, 0.3};     /* bottom centre (0.5, 0.8) */

static seen obs(int64_t camera, int64_t when, const char *label, double score, const double *box)
{
    sh_observation_in in = {.camera_id = camera, .observed_at = when, .label = label, .score = score};
    if (box) {
        in.has_box = 1;
        memcpy(in.box, box, sizeof in.box);
    }
    return observe_in(&t01, &in);
}

/* ---- pure rules ---- */

static void point_in_polygon(void **state)
{
    (void)state;
    const double square[] = {0.2, 0.2, 0.8, 0.2, 0.8, 0.8, 0.2, 0.8};
    assert_true(sh_point_in_polygon(0.5, 0.5, square, 4));
    assert_false(sh_point_in_polygon(0.1, 0.5, square, 4));
    assert_false(sh_point_in_polygon(0.5, 0.9, square, 4));
    /* an L: the notch at the upper right is outside */
    const double ell[] = {0, 0, 0.5, 0, 0.5, 0.5, 1, 0.5, 1, 1, 0, 1};
    assert_true(sh_point_in_polygon(0.25, 0.25, ell, 6));
    assert_true(sh_point_in_polygon(0.75, 0.75, ell, 6));
    assert_false(sh_point_in_polygon(0.75, 0.25, ell, 6));
    const double tri[] = {0, 0, 1, 0, 0, 1};
    assert_true(sh_point_in_polygon(0.2, 0.2, tri, 3));
    assert_false(sh_point_in_polygon(0.6, 0.6, tri, 3));
    assert_false(sh_point_in_polygon(0.1, 0.1, tri, 2)); /* not a polygon */
}

static void zones_bottom_centre(void **state)
{
    (void)state;
    json_t *z = json_loads("[{\"name\":\"灶台\",\"type\":\"include\",\"points\":[[0,0.5],[1,0.5],[1,1],[0,1]]},"
                           " {\"name\":\"窗\",\"type\":\"mask\",\"points\":[[0,0.5],[0.2,0.5],[0.2,1],[0,1]]}]",
                           0, NULL);
    assert_non_null(z);
    assert_true(sh_zones_admit(z, IN_ZONE));
    /* most of this box is in the upper half, but its bottom centre (0.5, 0.6) is in the zone */
    assert_true(sh_zones_admit(z, (double[]){0.3, 0.0, 0.4, 0.6}));
    /* most of this box is in the lower half, but it stands on (0.5, 0.45): outside */
    assert_false(sh_zones_admit(z, (double[]){0.3, 0.05, 0.4, 0.4}));
    /* standing in the mask, inside the include zone */
    assert_false(sh_zones_admit(z, (double[]){0.05, 0.6, 0.1, 0.2}));
    /* no zones: everywhere counts; only masks: anywhere but the mask */
    json_t *none = json_array();
    assert_true(sh_zones_admit(none, (double[]){0, 0, 0.1, 0.1}));
    json_t *mask = json_loads("[{\"name\":\"m\",\"type\":\"mask\",\"points\":[[0,0],[0.5,0],[0.5,1],[0,1]]}]", 0, NULL);
    assert_false(sh_zones_admit(mask, (double[]){0.1, 0.1, 0.2, 0.2}));
    assert_true(sh_zones_admit(mask, (double[]){0.6, 0.1, 0.2, 0.2}));
    json_decref(z);
    json_decref(none);
    json_decref(mask);
}

static void schedules_in_beijing_time(void **state)
{
    (void)state;
    int wd, minute;
    sh_beijing_day_minute(at("2026-11-22T16:30:00Z"), &wd, &minute); /* Sunday in UTC, Monday 00:30 in Beijing */
    assert_int_equal(wd, 1);
    assert_int_equal(minute, 30);
    json_t *day = json_loads("[{\"days\":[1,2,3,4,5],\"from\":\"08:00\",\"to\":\"17:00\"}]", 0, NULL);
    assert_true(sh_schedule_working(day, at("2026-11-23T10:00:00+08:00")));
    assert_true(sh_schedule_working(day, at("2026-11-23T00:00:00Z")));  /* 08:00 Beijing: the start counts */
    assert_false(sh_schedule_working(day, at("2026-11-22T23:59:00Z"))); /* 07:59 Beijing, though Sunday in UTC */
    assert_false(sh_schedule_working(day, at("2026-11-23T17:00:00+08:00"))); /* the end does not */
    assert_true(sh_schedule_working(day, at("2026-11-27T16:59:00+08:00")));  /* Friday */
    assert_false(sh_schedule_working(day, at("2026-11-28T10:00:00+08:00"))); /* Saturday */

    /* a night shift starting on Fridays at 22:00 runs into Saturday morning */
    json_t *night = json_loads("[{\"days\":[5],\"from\":\"22:00\",\"to\":\"06:00\"}]", 0, NULL);
    assert_true(sh_schedule_working(night, at("2026-11-27T23:00:00+08:00")));  /* Friday */
    assert_true(sh_schedule_working(night, at("2026-11-28T05:59:00+08:00")));  /* Saturday early */
    assert_true(sh_schedule_working(night, at("2026-11-27T21:30:00Z")));       /* = Saturday 05:30 Beijing */
    assert_false(sh_schedule_working(night, at("2026-11-28T06:00:00+08:00")));
    assert_false(sh_schedule_working(night, at("2026-11-27T05:00:00+08:00"))); /* Friday early: Thursday has no shift */
    assert_false(sh_schedule_working(night, at("2026-11-28T23:00:00+08:00"))); /* Saturday night */
    /* Sunday's night shift ends on Monday */
    json_t *sunday = json_loads("[{\"days\":[7],\"from\":\"20:00\",\"to\":\"02:00\"}]", 0, NULL);
    assert_true(sh_schedule_working(sunday, at("2026-11-30T01:00:00+08:00")));
    /* whole days, and always */
    json_t *whole = json_loads("[{\"days\":[6,7],\"from\":\"00:00\",\"to\":\"24:00\"}]", 0, NULL);
    assert_true(sh_schedule_working(whole, at("2026-11-29T23:59:00+08:00")));
    assert_false(sh_schedule_working(whole, at("2026-11-30T00:00:00+08:00")));
    json_t *always = json_array();
    assert_true(sh_schedule_working(always, at("2026-11-29T03:00:00+08:00")));
    json_decref(day);
    json_decref(night);
    json_decref(sunday);
    json_decref(whole);
    json_decref(always);
}

static void rule_outcomes(void **state)
{
    (void)state;
    sh_alert_rule rule = {.enabled = 1, .min_score = 0.6, .min_duration_s = 10, .cooldown_s = 600, .schedule = "working", .use_zones = 1,
                          .night_min_score = -1};
    json_t *rules = json_array(), *zones = json_loads("[{\"name\":\"z\",\"type\":\"include\",\"points\":[[0,0.5],[1,0.5],[1,1],[0,1]]}]", 0, NULL);
    json_t *sched = json_loads("[{\"days\":[1,2,3,4,5],\"from\":\"08:00\",\"to\":\"17:00\"}]", 0, NULL);
    sh_camera_setup cam = {rules, zones, sched};
    const double up[4] = {0.4, 0.1, 0.2, 0.2};
    assert_null(sh_rule_outcome("no_mask", &rule, &cam, 0.9, IN_ZONE, T0, 0));
    assert_string_equal(sh_rule_outcome(NULL, &rule, &cam, 0.9, IN_ZONE, T0, 0), "unmapped");
    assert_string_equal(sh_rule_outcome("no_mask", NULL, &cam, 0.9, IN_ZONE, T0, 0), "rule_off");
    assert_string_equal(sh_rule_outcome("no_mask", &rule, &cam, 0.59, IN_ZONE, T0, 0), "below_score");
    assert_null(sh_rule_outcome("no_mask", &rule, &cam, 0.6, IN_ZONE, T0, 0)); /* the minimum itself counts */
    /* a grey (infrared) picture: the day's minimum until the rule has a night one, then that */
    assert_string_equal(sh_rule_outcome("no_mask", &rule, &cam, 0.45, IN_ZONE, T0, 1), "below_score");
    rule.night_min_score = 0.4;
    assert_null(sh_rule_outcome("no_mask", &rule, &cam, 0.45, IN_ZONE, T0, 1));
    assert_string_equal(sh_rule_outcome("no_mask", &rule, &cam, 0.39, IN_ZONE, T0, 1), "below_score");
    assert_string_equal(sh_rule_outcome("no_mask", &rule, &cam, 0.45, IN_ZONE, T0, 0), "below_score"); /* not in colour */
    rule.night_min_score = -1;
    assert_string_equal(sh_rule_outcome("no_mask", &rule, &cam, 0.9, up, T0, 0), "outside_zone");
    assert_null(sh_rule_outcome("no_mask", &rule, &cam, 0.9, NULL, T0, 0)); /* no box: zones cannot exclude it */
    assert_string_equal(sh_rule_outcome("no_mask", &rule, &cam, 0.9, IN_ZONE, T0 + 12 * 60 * MIN, 0), "off_schedule");
    rule.use_zones = 0;
    assert_null(sh_rule_outcome("no_mask", &rule, &cam, 0.9, up, T0, 0));
    snprintf(rule.schedule, sizeof rule.schedule, "after_hours");
    assert_string_equal(sh_rule_outcome("no_mask", &rule, &cam, 0.9, IN_ZONE, T0, 0), "off_schedule");
    assert_null(sh_rule_outcome("no_mask", &rule, &cam, 0.9, IN_ZONE, T0 + 12 * 60 * MIN, 0));
    snprintf(rule.schedule, sizeof rule.schedule, "always");
    json_array_append_new(rules, json_string("smoking"));
    assert_string_equal(sh_rule_outcome("no_mask", &rule, &cam, 0.9, IN_ZONE, T0, 0), "rule_off");
    assert_null(sh_rule_outcome("smoking", &rule, &cam, 0.9, IN_ZONE, T0, 0));
    rule.enabled = 0;
    assert_string_equal(sh_rule_outcome("smoking", &rule, &cam, 0.9, IN_ZONE, T0, 0), "rule_off");
    /* pending → open */
    assert_string_equal(sh_alert_status_after("pending", T0, T0 + 9 * SEC, 10), "pending");
    assert_string_equal(sh_alert_status_after("pending", T0, T0 + 10 * SEC, 10), "open");
    assert_string_equal(sh_alert_status_after("pending", T0, T0, 0), "open");
    assert_string_equal(sh_alert_status_after("confirmed", T0, T0, 10), "confirmed");
    json_decref(rules);
    json_decref(zones);
    json_decref(sched);
}

static void parse_times(void **state)
{
    (void)state;
    int64_t ms;
    assert_int_equal(sh_parse_time("1970-01-01T00:00:00Z", &ms), 0);
    assert_int_equal(ms, 0);
    assert_int_equal(sh_parse_time("2026-11-23T10:00:00+08:00", &ms), 0);
    assert_int_equal(ms, 1795399200000LL);
    assert_int_equal(sh_parse_time("2026-11-23T02:00:00.250Z", &ms), 0);
    assert_int_equal(ms, 1795399200250LL);
    assert_int_equal(sh_parse_time("2026-11-23T10:00+0800", &ms), 0); /* no seconds, offset without a colon */
    assert_int_equal(ms, 1795399200000LL);
    assert_int_equal(sh_parse_time("2026-11-23T10:00:00", &ms), 0);   /* no offset: Beijing time */
    assert_int_equal(ms, 1795399200000LL);
    assert_int_equal(sh_parse_time("2026-11-22T21:00:00-05:00", &ms), 0);
    assert_int_equal(ms, 1795399200000LL);
    assert_int_equal(sh_parse_time("2024-02-29T00:00:00Z", &ms), 0);
    const char *bad[] = {"2026-02-29T00:00:00Z", "2026-11-23", "2026-11-23T25:00:00Z", "2026-11-23T10:00:00+8", "tomorrow",
                         "2026-11-23T10:00:00Zjunk", "", "2026-13-01T00:00:00Z"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (sh_parse_time(bad[i], &ms) == 0)
            fail_msg("accepted %s", bad[i]);
}

/* ---- storage and merging ---- */

static void burst_merges_into_one_alert(void **state)
{
    (void)state;
    /* no_mask: at least 10 s of presence, cooldown 600 s; observations every 3 s. The camera was
     * marked offline by the sweep. */
    exec("UPDATE cameras SET offline_since = 1, last_heartbeat_at = 1 WHERE id = 1");
    seen s = obs(1, T0, "no_mask", 0.7, IN_ZONE);
    assert_int_equal(s.rc, 0);
    assert_string_equal(s.outcome, "alert");
    assert_string_equal(s.violation, "no_mask");
    assert_string_equal(s.status, "pending");
    int64_t alert = s.alert_id;
    const double best[4] = {0.45, 0.55, 0.1, 0.3};
    for (int i = 1; i < 5; i++) {
        s = obs(1, T0 + i * 3 * SEC, "No_Mask", i == 2 ? 0.95 : 0.8, i == 2 ? best : IN_ZONE);
        assert_int_equal(s.rc, 0);
        assert_string_equal(s.outcome, "merged");
        assert_int_equal(s.alert_id, alert);
        assert_string_equal(s.status, i < 4 ? "pending" : "open"); /* 12 s ≥ 10 s */
    }
    assert_int_equal(s.observations, 5);
    assert_int_equal(s.first_at, T0);
    assert_int_equal(s.last_at, T0 + 12 * SEC);
    assert_true(s.max_score > 0.949 && s.max_score < 0.951);
    assert_int_equal(count("SELECT count(*) FROM alerts"), 1);
    assert_int_equal(count("SELECT count(*) FROM observations WHERE alert_id IS NOT NULL"), 5);
    assert_int_equal(count("SELECT count(*) FROM alerts WHERE box = '[0.45,0.55,0.1,0.3]'"), 1); /* the best one's box */
    /* past the cooldown: a new alert */
    s = obs(1, T0 + 12 * SEC + 601 * SEC, "no_mask", 0.7, IN_ZONE);
    assert_string_equal(s.outcome, "alert");
    assert_true(s.alert_id != alert);
    /* the camera shows life: heard from now, back on line */
    assert_int_equal(count("SELECT last_heartbeat_at FROM cameras WHERE id = 1"), NOW);
    assert_int_equal(count("SELECT count(*) FROM cameras WHERE id = 1 AND offline_since IS NULL"), 1);
}

static void out_of_order_and_after_review(void **state)
{
    (void)state;
    /* smoking: counts at once, cooldown 600 s; observations arrive late and out of order */
    seen a = obs(1, T0 + 100 * SEC, "smoking", 0.8, IN_ZONE);
    assert_string_equal(a.status, "open");
    seen b = obs(1, T0, "smoking", 0.7, IN_ZONE);
    seen c = obs(1, T0 + 50 * SEC, "smoking", 0.9, IN_ZONE);
    assert_int_equal(b.alert_id, a.alert_id);
    assert_int_equal(c.alert_id, a.alert_id);
    assert_int_equal(c.first_at, T0);
    assert_int_equal(c.last_at, T0 + 100 * SEC);
    assert_int_equal(c.observations, 3);
    /* earlier than the alert by more than the cooldown: a separate alert */
    seen d = obs(1, T0 - 601 * SEC, "smoking", 0.7, IN_ZONE);
    assert_true(d.alert_id != a.alert_id);
    assert_int_equal(count("SELECT count(*) FROM alerts WHERE violation = 'smoking'"), 2);

    /* no_mask (10 s minimum): the later one first, then the earlier: 15 s apart, so open */
    seen e = obs(1, T0 + 20 * SEC, "no_mask", 0.7, IN_ZONE);
    assert_string_equal(e.status, "pending");
    seen f = obs(1, T0 + 5 * SEC, "no_mask", 0.7, IN_ZONE);
    assert_int_equal(f.alert_id, e.alert_id);
    assert_string_equal(f.status, "open");
    assert_int_equal(f.first_at, T0 + 5 * SEC);
    assert_int_equal(f.last_at, T0 + 20 * SEC);

    /* a burst after a confirmation stays one hazard: merged, still confirmed */
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE alerts SET status = 'confirmed' WHERE id = %lld", (long long)a.alert_id);
    exec(sql);
    seen g = obs(1, T0 + 400 * SEC, "smoking", 0.6, IN_ZONE);
    assert_string_equal(g.outcome, "merged");
    assert_int_equal(g.alert_id, a.alert_id);
    assert_string_equal(g.status, "confirmed");
    assert_int_equal(g.observations, 4);
}

static void outcomes_without_alerts(void **state)
{
    (void)state;
    exec("UPDATE alert_rules SET enabled = 0 WHERE violation = 'phone'");
    struct { int64_t camera; int64_t when; const char *label; double score; const double *box; const char *outcome; } cases[] = {
        {1, T0, "no_mask", 0.3, IN_ZONE, "below_score"},
        {1, T0, "no_mask", 0.9, (double[]){0.4, 0.1, 0.2, 0.2}, "outside_zone"},
        {1, T0, "no_mask", 0.9, (double[]){0.05, 0.6, 0.1, 0.2}, "outside_zone"},       /* in the mask */
        {1, at("2026-11-22T10:00:00+08:00"), "no_mask", 0.9, IN_ZONE, "off_schedule"},  /* Sunday */
        {1, at("2026-11-23T07:30:00+08:00"), "no_mask", 0.9, IN_ZONE, "off_schedule"},  /* before the shift */
        {1, T0, "person_after_hours", 0.9, IN_ZONE, "off_schedule"},                     /* stranger rule: after hours only */
        {1, T0, "teapot", 0.9, IN_ZONE, "unmapped"},
        {1, T0, "cell phone", 0.9, IN_ZONE, "rule_off"},                                 /* phone rule disabled */
        {4, T0, "no_mask", 0.9, IN_ZONE, "rule_off"},                                    /* not among the camera's rules */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        seen s = obs(cases[i].camera, cases[i].when, cases[i].label, cases[i].score, cases[i].box);
        assert_int_equal(s.rc, 0);
        if (strcmp(s.outcome, cases[i].outcome))
            fail_msg("case %zu (%s): outcome %s, expected %s", i, cases[i].label, s.outcome, cases[i].outcome);
        assert_int_equal(s.alert_id, 0);
    }
    assert_int_equal(count("SELECT count(*) FROM alerts"), 0);
    assert_int_equal(count("SELECT count(*) FROM observations"), (int64_t)(sizeof cases / sizeof cases[0]));
    assert_int_equal(count("SELECT count(*) FROM observations WHERE label = 'teapot' AND violation IS NULL"), 1);
    /* the stranger rule counts at night; a camera's own rules let smoking through */
    assert_string_equal(obs(1, at("2026-11-23T06:00:00+08:00"), "person_after_hours", 0.9, IN_ZONE).outcome, "alert");
    assert_string_equal(obs(4, T0, "smoking", 0.9, NULL).outcome, "alert");
}

static void label_mapping_precedence(void **state)
{
    (void)state;
    exec("INSERT INTO label_map(source, label, violation) VALUES ('*', 'gadget', 'phone'), ('hikvision', 'gadget', 'animal')");
    sh_observation_in in = {.camera_id = 1, .observed_at = T0, .label = "Gadget", .score = 0.9, .source = "ai_box"};
    seen s = observe_in(&t01, &in);
    assert_string_equal(s.violation, "phone");
    sh_observation_in hik = {.camera_id = 1, .observed_at = T0, .label = "GADGET", .score = 0.9, .source = "hikvision"};
    s = observe_in(&t01, &hik);
    assert_string_equal(s.violation, "animal"); /* the source's own mapping wins */
    sh_observation_in cat = {.camera_id = 1, .observed_at = T0, .label = "cat", .score = 0.9, .source = "hikvision"};
    assert_string_equal(observe_in(&t01, &cat).violation, "animal"); /* falls back to '*' */
    assert_int_equal(count("SELECT count(*) FROM observations WHERE label = 'Gadget'"), 1); /* stored as sent */
    /* the shipped table: an AI box's mouse is the animal, NanoDet's (COCO) is a computer mouse */
    sh_observation_in box_mouse = {.camera_id = 1, .observed_at = T0, .label = "mouse", .score = 0.9, .source = "ai_box",
                                   .idempotency_key = "m1"};
    assert_string_equal(observe_in(&t01, &box_mouse).violation, "animal");
    sh_observation_in coco_mouse = {.camera_id = 1, .observed_at = T0, .label = "mouse", .score = 0.9,
                                    .source = "shian_vision", .idempotency_key = "m2"};
    seen m = observe_in(&t01, &coco_mouse);
    assert_string_equal(m.outcome, "unmapped");
}

static void duplicates_are_ignored(void **state)
{
    (void)state;
    sh_observation_in in = {.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 0.9, .idempotency_key = "box7-000123"};
    seen first = observe_in(&t01, &in);
    assert_int_equal(first.rc, 0);
    assert_false(first.duplicate);
    in.score = 0.5; /* a retry, even a garbled one, stores nothing */
    seen again = observe_in(&t01, &in);
    assert_int_equal(again.rc, 0);
    assert_true(again.duplicate);
    assert_int_equal(again.obs_id, first.obs_id);
    assert_int_equal(again.observations, 1);
    assert_int_equal(count("SELECT count(*) FROM observations"), 1);
    /* the same key from another source is another observation */
    in.source = "shian_vision";
    seen other = observe_in(&t01, &in);
    assert_false(other.duplicate);
    assert_int_equal(other.observations, 2);
}

static void jurisdiction_and_cameras(void **state)
{
    (void)state;
    assert_int_equal(obs(2, T0, "smoking", 0.9, NULL).rc, SH_ENOTFOUND);  /* another township's camera */
    assert_int_equal(obs(3, T0, "smoking", 0.9, NULL).rc, SH_ENOTFOUND);  /* disabled */
    assert_int_equal(obs(999, T0, "smoking", 0.9, NULL).rc, SH_ENOTFOUND);
    sh_observation_in in = {.device_id = "aa:bb:cc:dd:ee:ff:1", .observed_at = T0, .label = "smoking", .score = 0.9};
    seen s = observe_in(&t01, &in);
    assert_int_equal(s.rc, 0);
    sh_observation_in unknown = {.device_id = "00:00:00:00:00:00:1", .observed_at = T0, .label = "smoking", .score = 0.9};
    s = observe_in(&t01, &unknown);
    assert_int_equal(s.rc, SH_ENOTFOUND);
    assert_string_equal(s.field, "device_id");
    sh_principal t02, biz;
    fixture_official(&t02, SH_ROLE_TOWNSHIP, "360799102000", "t02");
    assert_int_equal(obs(1, T0, "smoking", 0.9, NULL).rc, 0);
    sh_observation_in mine = {.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 0.9};
    assert_int_equal(observe_in(&t02, &mine).rc, SH_ENOTFOUND);
    memset(&biz, 0, sizeof biz);
    biz.role = SH_ROLE_BUSINESS;
    biz.scope.kind = SH_SCOPE_ENTITY;
    biz.scope.entity_id = 1;
    sh_observation_in own = {.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 0.9};
    assert_int_equal(observe_in(&biz, &own).rc, SH_EPERM);
    assert_int_equal(count("SELECT count(*) FROM observations"), 2);
}

/* a real 16×9 PNG (IHDR, one IDAT, IEND): the probe walks its chunks */
static const unsigned char PNG[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
    0x00, 0x10, 0x00, 0x00, 0x00, 0x09, 0x08, 0x02, 0x00, 0x00, 0x00, 0xb4, 0x48, 0x3b, 0x65, 0x00, 0x00, 0x00,
    0x13, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x68, 0x70, 0x50, 0x20, 0x09, 0x31, 0x8c, 0x6a, 0x18, 0x14,
    0x1a, 0x00, 0xc5, 0x0d, 0x7e, 0x01, 0x7b, 0x47, 0xeb, 0xc8, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44,
    0xae, 0x42, 0x60, 0x82};

static void validation_stores_nothing(void **state)
{
    (void)state;
    char long_label[70], long_key[140];
    memset(long_label, 'a', 65);
    long_label[65] = '\0';
    memset(long_key, 'k', 129);
    long_key[129] = '\0';
    struct { sh_observation_in in; const char *field; int code; } cases[] = {
        {{.camera_id = 1, .observed_at = NOW + 6 * MIN, .label = "smoking", .score = 0.9}, "observed_at", SH_EINVAL},
        {{.camera_id = 1, .observed_at = NOW - 8 * 24 * 60 * MIN, .label = "smoking", .score = 0.9}, "observed_at", SH_EINVAL},
        {{.camera_id = 1, .observed_at = T0, .label = "", .score = 0.9}, "label", SH_EINVAL},
        {{.camera_id = 1, .observed_at = T0, .label = long_label, .score = 0.9}, "label", SH_EINVAL},
        {{.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 1.5}, "score", SH_EINVAL},
        {{.camera_id = 1, .observed_at = T0, .label = "smoking", .score = -0.1}, "score", SH_EINVAL},
        {{.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 0.9, .has_box = 1, .box = {0.8, 0.5, 0.3, 0.2}}, "box", SH_EINVAL},
        {{.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 0.9, .has_box = 1, .box = {0.1, 0.5, 0, 0.2}}, "box", SH_EINVAL},
        {{.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 0.9, .has_box = 1, .box = {-0.1, 0.5, 0.2, 0.2}}, "box", SH_EINVAL},
        {{.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 0.9, .idempotency_key = "a\nb"}, "idempotency_key", SH_EINVAL},
        {{.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 0.9, .idempotency_key = long_key}, "idempotency_key", SH_EINVAL},
        {{.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 0.9, .source = "webcam"}, "source", SH_EINVAL},
        {{.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 0.9, .snapshot = (const unsigned char *)"GIF89a not really",
          .snapshot_len = 17}, "snapshot", SH_EINVAL},
        {{.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 0.9, .snapshot = PNG, .snapshot_len = sizeof PNG - 4},
         "snapshot", SH_EINVAL}, /* truncated */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        seen s = observe_in(&t01, &cases[i].in);
        if (s.rc != cases[i].code || strcmp(s.field, cases[i].field))
            fail_msg("case %zu: rc %d field %s, expected %d %s", i, s.rc, s.field, cases[i].code, cases[i].field);
    }
    /* a box touching the edges is fine (within rounding) */
    sh_observation_in edge = {.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 1,
                              .has_box = 1, .box = {0.7, 0.5, 0.3000000001, 0.5}};
    assert_int_equal(observe_in(&t01, &edge).rc, 0);
    /* bigger than the setting */
    assert_int_equal(sh_setting_set(db, "max_snapshot_bytes", "40", NULL), 0);
    sh_observation_in big = {.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 0.9, .snapshot = PNG, .snapshot_len = sizeof PNG};
    assert_int_equal(observe_in(&t01, &big).rc, SH_ETOOBIG);
    assert_int_equal(count("SELECT count(*) FROM observations"), 1);
    assert_int_equal(count("SELECT count(*) FROM attachments"), 0);
}

static void snapshot_in_the_same_transaction(void **state)
{
    (void)state;
    sh_observation_in in = {.camera_id = 1, .observed_at = T0, .label = "smoking", .score = 0.9, .snapshot = PNG, .snapshot_len = sizeof PNG};
    seen s = observe_in(&t01, &in);
    assert_int_equal(s.rc, 0);
    assert_true(s.snapshot_id > 0);
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM attachments WHERE id = %lld AND owner_type = 'observation' AND owner_id = %lld"
             " AND entity_id = 1 AND mime = 'image/png' AND width = 16", (long long)s.snapshot_id, (long long)s.obs_id);
    assert_int_equal(count(sql), 1);
    assert_int_equal(count("SELECT last_snapshot_id FROM cameras WHERE id = 1"), s.snapshot_id);
    snprintf(sql, sizeof sql, "SELECT snapshot_id FROM alerts WHERE id = %lld", (long long)s.alert_id);
    assert_int_equal(count(sql), s.snapshot_id);
    /* a later, weaker observation without a picture keeps the alert's picture */
    seen t = obs(1, T0 + 10 * SEC, "smoking", 0.6, NULL);
    assert_int_equal(t.alert_id, s.alert_id);
    assert_int_equal(count(sql), s.snapshot_id);
    /* a camera out of reach stores no picture either */
    sh_observation_in far = {.camera_id = 2, .observed_at = T0, .label = "smoking", .score = 0.9, .snapshot = PNG, .snapshot_len = sizeof PNG};
    assert_int_equal(observe_in(&t01, &far).rc, SH_ENOTFOUND);
    assert_int_equal(count("SELECT count(*) FROM attachments"), 1);
}

/* ---- Hikvision ISAPI ---- */

static const char *HIK_XML =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<EventNotificationAlert version=\"2.0\" xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">\n"
    "<ipAddress>192.168.1.64</ipAddress>\n<portNo>80</portNo>\n<protocol>HTTP</protocol>\n"
    "<macAddress>AA:BB:CC:DD:EE:FF</macAddress>\n<channelID>1</channelID>\n"
    "<dateTime>2026-11-23T10:00:00+08:00</dateTime>\n<activePostCount>3</activePostCount>\n"
    "<eventType>noMaskDetection</eventType>\n<eventState>active</eventState>\n"
    "<eventDescription>no mask alarm</eventDescription>\n<channelName>后厨</channelName>\n"
    "<DetectionRegionList><DetectionRegionEntry><regionID>1</regionID><sensitivityLevel>50</sensitivityLevel>"
    "<RegionCoordinatesList>"
    "<RegionCoordinates><positionX>400</positionX><positionY>500</positionY></RegionCoordinates>"
    "<RegionCoordinates><positionX>600</positionX><positionY>500</positionY></RegionCoordinates>"
    "<RegionCoordinates><positionX>600</positionX><positionY>800</positionY></RegionCoordinates>"
    "<RegionCoordinates><positionX>400</positionX><positionY>800</positionY></RegionCoordinates>"
    "</RegionCoordinatesList><confidence>87</confidence></DetectionRegionEntry></DetectionRegionList>\n"
    "</EventNotificationAlert>\n";

static void isapi_xml(void **state)
{
    (void)state;
    sh_isapi_event ev;
    sh_err err = {0};
    if (sh_isapi_parse(HIK_XML, strlen(HIK_XML), &ev, &err) != 0)
        fail_msg("%s: %s", err.field, err.message);
    assert_string_equal(ev.device_id, "aa:bb:cc:dd:ee:ff:1");
    assert_string_equal(ev.label, "nomaskdetection");
    assert_true(ev.active);
    assert_int_equal(ev.observed_at, T0);
    assert_true(ev.has_confidence);
    assert_true(ev.has_box);
    assert_true(ev.box[0] > 0.399 && ev.box[0] < 0.401 && ev.box[1] > 0.499 && ev.box[1] < 0.501);
    assert_true(ev.box[2] > 0.199 && ev.box[2] < 0.201 && ev.box[3] > 0.299 && ev.box[3] < 0.301);
    assert_int_equal((int)strlen(ev.idempotency_key), 68);
    sh_observation_in in;
    sh_isapi_observation(&ev, &in);
    assert_string_equal(in.source, "hikvision");
    assert_true(in.score > 0.869 && in.score < 0.871);

    /* stored against the camera registered under mac:channel, mapped by the hikvision labels */
    seen s = observe_in(&t01, &in);
    assert_int_equal(s.rc, 0);
    assert_string_equal(s.violation, "no_mask");
    assert_string_equal(s.outcome, "alert");
    /* the same push again is a duplicate; the next post count is a new observation */
    assert_true(observe_in(&t01, &in).duplicate);
    char *next = strdup(HIK_XML);
    memcpy(strstr(next, "<activePostCount>3") + 17, "4", 1);
    sh_isapi_event ev2;
    assert_int_equal(sh_isapi_parse(next, strlen(next), &ev2, &err), 0);
    assert_string_not_equal(ev2.idempotency_key, ev.idempotency_key);
    free(next);

    /* newer firmware's namespace; no region, no confidence; an inactive state */
    const char *inactive = "<EventNotificationAlert xmlns=\"http://www.isapi.org/ver20/XMLSchema\"><macAddress>aa:bb:cc:dd:ee:ff</macAddress>"
                           "<channelID>1</channelID><dateTime>2026-11-23T10:00:00+08:00</dateTime><activePostCount>0</activePostCount>"
                           "<eventType>videoloss</eventType><eventState>inactive</eventState></EventNotificationAlert>";
    assert_int_equal(sh_isapi_parse(inactive, strlen(inactive), &ev, &err), 0);
    assert_false(ev.active);
    assert_false(ev.has_box);
    sh_isapi_observation(&ev, &in);
    assert_true(in.score == 1.0);
}

static void isapi_json(void **state)
{
    (void)state;
    const char *flat = "{\"ipAddress\":\"10.0.0.8\",\"macAddress\":\"aa:bb:cc:dd:ee:ff\",\"channelID\":1,"
                       "\"dateTime\":\"2026-11-23T02:00:00Z\",\"activePostCount\":1,\"eventType\":\"smokeDetection\","
                       "\"eventState\":\"active\",\"eventDescription\":\"smoking\","
                       "\"DetectionRegionList\":[{\"DetectionRegionEntry\":{\"RegionCoordinatesList\":["
                       "{\"RegionCoordinates\":{\"positionX\":100,\"positionY\":200}},{\"RegionCoordinates\":{\"positionX\":300,\"positionY\":600}}]}}],"
                       "\"Target\":[{\"confidence\":64}]}";
    sh_isapi_event ev;
    sh_err err = {0};
    if (sh_isapi_parse(flat, strlen(flat), &ev, &err) != 0)
        fail_msg("%s: %s", err.field, err.message);
    assert_string_equal(ev.device_id, "aa:bb:cc:dd:ee:ff:1");
    assert_string_equal(ev.label, "smokedetection");
    assert_int_equal(ev.observed_at, T0);
    assert_true(ev.has_box && ev.box[2] > 0.199 && ev.box[2] < 0.201 && ev.box[3] > 0.399 && ev.box[3] < 0.401);
    assert_true(ev.has_confidence && ev.confidence == 64);
    /* wrapped, channel as text, MAC with dashes, points without the RegionCoordinates level */
    const char *wrapped = "{\"EventNotificationAlert\":{\"macAddress\":\"AA-BB-CC-DD-EE-01\",\"channelID\":\"2\",\"dateTime\":\"2026-11-23T10:00:00+08:00\","
                          "\"activePostCount\":\"7\",\"eventType\":\"mouseDetection\",\"eventState\":\"active\","
                          "\"DetectionRegionList\":[{\"RegionCoordinatesList\":[{\"positionX\":0,\"positionY\":0},{\"positionX\":1000,\"positionY\":1000}]}]}}";
    assert_int_equal(sh_isapi_parse(wrapped, strlen(wrapped), &ev, &err), 0);
    assert_string_equal(ev.device_id, "aa:bb:cc:dd:ee:01:2"); /* written as at registration (core/mac.h) */
    assert_true(ev.box[0] == 0 && ev.box[2] == 1);
    /* broken ones name what is wrong */
    struct { const char *doc; const char *field; } bad[] = {
        {"{\"macAddress\":\"aa:bb:cc:dd:ee:ff\",\"channelID\":1,\"dateTime\":\"2026-11-23T02:00:00Z\",\"eventState\":\"active\"}", "eventType"},
        {"{\"macAddress\":\"aa:bb:cc:dd:ee:ff\",\"channelID\":1,\"dateTime\":\"yesterday\",\"eventType\":\"x\",\"eventState\":\"active\"}", "dateTime"},
        {"{\"macAddress\":\"aa:bb:cc:dd:ee:ff\",\"dateTime\":\"2026-11-23T02:00:00Z\",\"eventType\":\"x\",\"eventState\":\"active\"}", "channelID"},
        {"{\"macAddress\":\"zz\",\"channelID\":1,\"dateTime\":\"2026-11-23T02:00:00Z\",\"eventType\":\"x\",\"eventState\":\"active\"}", "macAddress"},
        {"{\"macAddress\":\"aa:bb:cc:dd:ee:ff\",\"channelID\":1,\"dateTime\":\"2026-11-23T02:00:00Z\",\"eventType\":\"x\",\"eventState\":\"maybe\"}", "eventState"},
        {"{\"macAddress\":\"aa:bb:cc:dd:ee:ff\",\"channelID\":1,\"dateTime\":\"2026-11-23T02:00:00Z\",\"eventType\":\"x\",\"eventState\":\"active\",\"confidence\":150}", "confidence"},
        {"{\"macAddress\":\"aa:bb:cc:dd:ee:ff\",\"channelID\":1,\"dateTime\":\"2026-11-23T02:00:00Z\",\"eventType\":\"x\",\"eventState\":\"active\","
         "\"DetectionRegionList\":[{\"RegionCoordinatesList\":[{\"positionX\":0,\"positionY\":5000}]}]}", "RegionCoordinates"},
        {"{\"macAddress\": ", "body"},
        {"[1, 2]", "body"},
        {"hello", "body"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&err, 0, sizeof err);
        if (sh_isapi_parse(bad[i].doc, strlen(bad[i].doc), &ev, &err) != SH_EINVAL || strcmp(err.field, bad[i].field))
            fail_msg("case %zu: field %s, expected %s", i, err.field, bad[i].field);
    }
}

static void isapi_hostile_xml(void **state)
{
    (void)state;
    const char *laughs =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
        " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
        " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
        " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
        " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
        " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
        " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
        " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n]>\n"
        "<EventNotificationAlert xmlns=\"http://www.hikvision.com/ver20/XMLSchema\"><macAddress>aa</macAddress><channelID>1</channelID>"
        "<dateTime>2026-11-23T10:00:00+08:00</dateTime><eventType>&lol9;</eventType><eventState>active</eventState></EventNotificationAlert>";
    sh_isapi_event ev;
    sh_err err = {0};
    int64_t t = sh_mono_ns();
    assert_int_equal(sh_isapi_parse(laughs, strlen(laughs), &ev, &err), SH_EINVAL);
    assert_string_equal(err.field, "body");

    /* the same document in UTF-16, where a byte search for the DTD sees nothing: libxml2 parses it
     * (without substituting entities) and the DTD is refused afterwards */
    size_t n = strlen(laughs);
    unsigned char *u16 = malloc(2 * n + 2);
    u16[0] = 0xFF;
    u16[1] = 0xFE;
    for (size_t i = 0; i < n; i++) {
        u16[2 + 2 * i] = (unsigned char)laughs[i];
        u16[3 + 2 * i] = 0;
    }
    memset(&err, 0, sizeof err);
    assert_int_equal(sh_isapi_parse_xml((const char *)u16, 2 * n + 2, &ev, &err), SH_EINVAL);
    free(u16);
    if (sh_mono_ns() - t > 2000000000LL)
        fail_msg("hostile XML took %lld ms", (long long)((sh_mono_ns() - t) / 1000000));

    struct { const char *doc; const char *field; } bad[] = {
        /* external entity (XXE) */
        {"<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
         "<EventNotificationAlert xmlns=\"http://www.hikvision.com/ver20/XMLSchema\"><eventType>&x;</eventType></EventNotificationAlert>", "body"},
        /* an undeclared entity is not well-formed */
        {"<EventNotificationAlert xmlns=\"http://www.hikvision.com/ver20/XMLSchema\"><eventType>&x;</eventType></EventNotificationAlert>", "body"},
        {"<EventNotificationAlert xmlns=\"http://www.hikvision.com/ver20/XMLSchema\"><macAddress>aa</macAddress>", "body"},
        {"<EventNotificationAlert xmlns=\"http://example.com/other\"><macAddress>aa</macAddress></EventNotificationAlert>", "body"},
        {"<Other xmlns=\"http://www.hikvision.com/ver20/XMLSchema\"/>", "body"},
        {"<EventNotificationAlert xmlns=\"http://www.hikvision.com/ver20/XMLSchema\"><macAddress>aa:bb:cc:dd:ee:ff</macAddress><channelID>1</channelID>"
         "<dateTime>2026-11-23T10:00:00+08:00</dateTime><eventType>x</eventType></EventNotificationAlert>", "eventState"},
        /* a MAC address is twelve hex digits */
        {"<EventNotificationAlert xmlns=\"http://www.hikvision.com/ver20/XMLSchema\"><macAddress>aa</macAddress><channelID>1</channelID>"
         "<dateTime>2026-11-23T10:00:00+08:00</dateTime><eventType>x</eventType><eventState>active</eventState></EventNotificationAlert>", "macAddress"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&err, 0, sizeof err);
        if (sh_isapi_parse(bad[i].doc, strlen(bad[i].doc), &ev, &err) != SH_EINVAL || strcmp(err.field, bad[i].field))
            fail_msg("case %zu: field %s, expected %s", i, err.field, bad[i].field);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(point_in_polygon),
        cmocka_unit_test(zones_bottom_centre),
        cmocka_unit_test_setup_teardown(schedules_in_beijing_time, setup, teardown),
        cmocka_unit_test_setup_teardown(rule_outcomes, setup, teardown),
        cmocka_unit_test(parse_times),
        cmocka_unit_test_setup_teardown(burst_merges_into_one_alert, setup, teardown),
        cmocka_unit_test_setup_teardown(out_of_order_and_after_review, setup, teardown),
        cmocka_unit_test_setup_teardown(outcomes_without_alerts, setup, teardown),
        cmocka_unit_test_setup_teardown(label_mapping_precedence, setup, teardown),
        cmocka_unit_test_setup_teardown(duplicates_are_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(jurisdiction_and_cameras, setup, teardown),
        cmocka_unit_test_setup_teardown(validation_stores_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(snapshot_in_the_same_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(isapi_xml, setup, teardown),
        cmocka_unit_test_setup_teardown(isapi_json, setup, teardown),
        cmocka_unit_test_setup_teardown(isapi_hostile_xml, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
