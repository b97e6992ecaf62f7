/* The hazard closed loop of video supervision: review rules, the hazard a confirmation opens (order,
 * push, risk), the figures, the dynamic risk factor, the outbox, and online patrols (week, draw
 * reproducible and confined to the jurisdiction, recording, completion). Rows of cameras and alerts
 * are inserted directly, as ingestion would leave them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/video/alert.h"
#include "domain/base/calendar.h"
#include "domain/loop/outbox.h"
#include "domain/video/patrol.h"
#include "domain/loop/rectify.h"
#include "domain/risk/risk.h"
#include "testutil.h"

static sh_db *db;

#define N(o, k) json_integer_value(json_object_get(o, k))

/* Businesses: 1 梅林餐馆 (township 101, grid 1), 2 青石小吃 (township 102, grid 2), 3 梅林超市 (101).
 * Cameras: 11, 12 on business 1, 13 on business 3, 21 on business 2, 14 disabled on business 1.
 * Users: 50 county, 51 township 101, 52 township 102, 53 village (grid 1), 54 business 1. */
static int setup(void **state)
{
    (void)state;
    db = fixture_db();
    if (!db)
        return -1;
    sh_err err = {0};
    const char *sql =
        "INSERT INTO entities(id, kind, name, division_code, grid_id, legal_rep_phone, officer_phone, status, created_at, updated_at) VALUES"
        " (1, 'caterer', '梅林餐馆', '360799101201', 1, '13800000001', '13900000001', 'active', 0, 0),"
        " (2, 'caterer', '青石小吃', '360799102201', 2, NULL, '13900000002', 'active', 0, 0),"
        " (3, 'seller', '梅林超市', '360799101201', 1, NULL, NULL, 'active', 0, 0);"
        "INSERT INTO cameras(id, entity_id, name, area, stream_url, enabled, created_at, updated_at) VALUES"
        " (11, 1, '后厨1号', 'kitchen', 'file:k1.mp4', 1, 0, 0), (12, 1, '后厨2号', 'kitchen', 'file:k2.mp4', 1, 0, 0),"
        " (13, 3, '仓库', 'storage', 'file:s.mp4', 1, 0, 0), (21, 2, '青石后厨', 'kitchen', 'file:q.mp4', 1, 0, 0),"
        " (14, 1, '停用', 'dining', 'file:d.mp4', 0, 0, 0);"
        "INSERT INTO users(id, username, display_name, role, division_code, grid_id, entity_id, password_hash, created_at) VALUES"
        " (50, 'cty', '县局', 'county', '360799', NULL, NULL, 'x', 0),"
        " (51, 'tw1', '梅林镇干部', 'township', '360799101000', NULL, NULL, 'x', 0),"
        " (52, 'tw2', '青石镇干部', 'township', '360799102000', NULL, NULL, 'x', 0),"
        " (53, 'vg1', '东坑网格员', 'village', NULL, 1, NULL, 'x', 0),"
        " (54, 'biz1', '梅林餐馆', 'business', NULL, NULL, 1, 'x', 0);";
    if (sh_db_exec(db, sql, &err) != 0) {
        fprintf(stderr, "setup: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sh_db_close(db);
    return 0;
}

static void load(int64_t id, sh_principal *p)
{
    sh_err err = {0};
    if (sh_principal_load(db, id, p, &err) != 0)
        fail_msg("load user %lld: %s", (long long)id, err.message);
}

static void exec(const char *fmt, ...)
{
    char sql[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    sh_err err = {0};
    if (sh_db_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
}

static int64_t q(const char *fmt, ...)
{
    char sql[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    int64_t v = -1;
    sh_err err = {0};
    if (sh_db_query_int64(db, sql, -1, &v, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
    return v;
}

static void text_of(char *out, size_t n, const char *sql_fmt, int64_t id)
{
    char sql[512];
    snprintf(sql, sizeof sql, sql_fmt, (long long)id);
    sh_stmt *st = sh_db_prepare(db, sql, NULL);
    assert_non_null(st);
    out[0] = '\0';
    if (sh_stmt_step(st, NULL) == SH_ROW)
        snprintf(out, n, "%s", sh_col_text(st, 0));
    sh_stmt_done(st);
}

/* An alert row as ingestion leaves it. */
static int64_t alert(int64_t camera, int64_t entity, const char *violation, const char *status, int64_t first_at)
{
    exec("INSERT INTO alerts(camera_id, entity_id, violation, first_at, last_at, observations, max_score, box, snapshot_id,"
         " status, created_at) VALUES (%lld, %lld, '%s', %lld, %lld, 3, 0.91, '[0.1,0.2,0.3,0.4]', 77, '%s', %lld)",
         (long long)camera, (long long)entity, violation, (long long)first_at, (long long)first_at + 5000, status,
         (long long)first_at);
    return sh_db_last_id(db);
}

static void review_rules(void **state)
{
    (void)state;
    sh_principal tw1, tw2, village, county, biz;
    load(51, &tw1);
    load(52, &tw2);
    load(53, &village);
    load(50, &county);
    load(54, &biz);
    int64_t now = sh_now_ms();
    int64_t a1 = alert(11, 1, "smoking", "open", now - 60000);
    int64_t pending = alert(12, 1, "no_mask", "pending", now - 30000);
    int64_t a3 = alert(21, 2, "animal", "open", now - 20000);
    sh_err err = {0};
    int64_t order = -1;
    /* who may review, what, and nothing changes on a refusal */
    assert_int_equal(sh_alert_review(db, &tw2, a1, "confirm", NULL, &order, &err), SH_ENOTFOUND);
    assert_int_equal(sh_alert_review(db, &village, a1, "confirm", NULL, &order, &err), SH_EPERM);
    assert_int_equal(sh_alert_review(db, &biz, a1, "confirm", NULL, &order, &err), SH_EPERM);
    assert_int_equal(sh_alert_review(db, &tw1, a1, "maybe", NULL, &order, &err), SH_EINVAL);
    assert_string_equal(err.field, "decision");
    assert_int_equal(sh_alert_review(db, &tw1, 99999, "confirm", NULL, &order, &err), SH_ENOTFOUND);
    assert_int_equal(sh_alert_review(db, &tw1, pending, "confirm", NULL, &order, &err), SH_EEXIST);
    assert_string_equal(err.field, "status");
    assert_non_null(strstr(err.message, "pending"));
    assert_int_equal(q("SELECT count(*) FROM alerts WHERE status IN ('confirmed', 'false_positive')"), 0);
    assert_int_equal(q("SELECT count(*) FROM rectifications"), 0);
    assert_int_equal(q("SELECT count(*) FROM outbox"), 0);

    /* confirm: the hazard */
    if (sh_alert_review(db, &tw1, a1, "confirm", "厨师在灶台边吸烟", &order, &err) != 0)
        fail_msg("confirm: %s", err.message);
    assert_true(order > 0);
    char text[4096], today[11], due[11];
    text_of(text, sizeof text, "SELECT status || '|' || rectification_id || '|' || reviewed_by || '|' || review_note FROM alerts WHERE id = %lld", a1);
    char want[200];
    snprintf(want, sizeof want, "confirmed|%lld|51|厨师在灶台边吸烟", (long long)order);
    assert_string_equal(text, want);
    text_of(text, sizeof text, "SELECT source_type || '|' || source_id || '|' || entity_id || '|' || title || '|' || requirement FROM rectifications WHERE id = %lld", order);
    snprintf(want, sizeof want, "video_alert|%lld|1|视频监控发现吸烟（后厨1号）|食品处理区禁止吸烟，对相关人员进行教育并上传培训记录", (long long)a1);
    assert_string_equal(text, want);
    sh_today(today);
    assert_int_equal(sh_workdays_add(db, today, 3, due, &err), 0); /* smoking: deadline_wd 3 */
    text_of(text, sizeof text, "SELECT deadline FROM rectifications WHERE id = %lld", order);
    assert_string_equal(text, due);
    /* the push: one hazard.created with what a gateway needs */
    assert_int_equal(q("SELECT count(*) FROM outbox WHERE topic = 'hazard.created' AND entity_id = 1"), 1);
    text_of(text, sizeof text, "SELECT payload FROM outbox WHERE entity_id = %lld", 1);
    json_t *p = json_loads(text, 0, NULL);
    assert_non_null(p);
    assert_string_equal(json_string_value(json_object_get(p, "phone")), "13800000001");
    assert_string_equal(json_string_value(json_object_get(p, "entity_name")), "梅林餐馆");
    assert_string_equal(json_string_value(json_object_get(p, "deadline")), due);
    assert_int_equal(json_integer_value(json_object_get(p, "alert_id")), a1);
    assert_int_equal(json_integer_value(json_object_get(p, "order_id")), order);
    assert_string_equal(json_string_value(json_object_get(p, "snapshot_path")), "/api/v1/attachments/77");
    assert_non_null(strstr(json_string_value(json_object_get(p, "message")), "吸烟"));
    json_decref(p);
    /* regraded, but a confirmed hazard still within its deadline adds no risk (issue 10: only a hazard
     * not rectified in time counts, DOMAIN.md "Risk grading", dynamic factors) — changed rule */
    text_of(text, sizeof text, "SELECT reasons FROM entity_grades WHERE entity_id = %lld", 1);
    assert_null(strstr(text, "\"factor\":\"video_hazard\""));
    assert_int_equal(q("SELECT count(*) FROM audit_log WHERE action = 'review' AND object_type = 'alert' AND object_id = %lld", a1), 1);
    /* once only */
    int64_t none = -1;
    assert_int_equal(sh_alert_review(db, &tw1, a1, "false_positive", NULL, &none, &err), SH_EEXIST);
    assert_non_null(strstr(err.message, "confirmed"));

    /* a false positive: recorded with the note, no order, no push */
    if (sh_alert_review(db, &county, a3, "false_positive", "是员工的帽子", &none, &err) != 0)
        fail_msg("false positive: %s", err.message);
    assert_int_equal(none, 0);
    text_of(text, sizeof text, "SELECT status || '|' || review_note || '|' || (rectification_id IS NULL) FROM alerts WHERE id = %lld", a3);
    assert_string_equal(text, "false_positive|是员工的帽子|1");
    assert_int_equal(q("SELECT count(*) FROM rectifications"), 1);
    assert_int_equal(q("SELECT count(*) FROM outbox"), 1);

    /* the queue is confined: township 102 sees nothing of 101; the business sees its confirmed alert only */
    json_t *out = NULL;
    sh_alert_filter f = {.status = "confirmed", .limit = 50};
    assert_int_equal(sh_alerts_list(db, &tw2, &f, &out, &err), 0);
    assert_int_equal(json_array_size(json_object_get(out, "items")), 0);
    json_decref(out);
    f.status = NULL;
    assert_int_equal(sh_alerts_list(db, &biz, &f, &out, &err), 0);
    assert_int_equal(json_array_size(json_object_get(out, "items")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(out, "items"), 0), "id")), a1);
    json_decref(out);
    f.status = "pending";
    assert_int_equal(sh_alerts_list(db, &biz, &f, &out, &err), SH_EPERM);
    assert_int_equal(sh_alert_get(db, &biz, pending, &(sh_page){50, 0}, &out, &err), SH_ENOTFOUND);
    assert_int_equal(sh_alert_get(db, &tw2, a1, &(sh_page){50, 0}, &out, &err), SH_ENOTFOUND);
    assert_int_equal(sh_alert_get(db, &tw1, a1, &(sh_page){50, 0}, &out, &err), 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(out, "rectification"), "deadline")), due);
    assert_true(json_is_array(json_object_get(out, "observations")));
    json_decref(out);
    /* the order shows the alert's picture */
    if (sh_rectify_get(db, &biz, order, &out, &err) != 0)
        fail_msg("%s", err.message);
    assert_int_equal(json_integer_value(json_object_get(out, "snapshot_id")), 77);
    json_decref(out);
}

static void queue_pages_newest_first(void **state)
{
    (void)state;
    sh_principal county;
    load(50, &county);
    exec("DELETE FROM alerts WHERE rectification_id IS NULL");
    int64_t ids[5];
    int64_t t0 = sh_now_ms() - 3600000;
    for (int i = 0; i < 5; i++)
        ids[i] = alert(i % 2 ? 12 : 13, i % 2 ? 1 : 3, i < 4 ? "no_hat" : "phone", "open", t0 + i * 1000);
    sh_err err = {0};
    json_t *out = NULL;
    sh_alert_filter f = {.limit = 2};
    assert_int_equal(sh_alerts_list(db, &county, &f, &out, &err), 0);
    json_t *items = json_object_get(out, "items");
    assert_int_equal(json_array_size(items), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "id")), ids[4]);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 1), "id")), ids[3]);
    f.cursor = atoll(json_string_value(json_object_get(out, "next_cursor")));
    json_decref(out);
    assert_int_equal(f.cursor, ids[3]);
    assert_int_equal(sh_alerts_list(db, &county, &f, &out, &err), 0);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(out, "items"), 0), "id")), ids[2]);
    json_decref(out);
    /* filters: violation, camera, bad values named */
    sh_alert_filter g = {.violation = "no_hat", .camera_id = 12, .limit = 50};
    assert_int_equal(sh_alerts_list(db, &county, &g, &out, &err), 0);
    assert_int_equal(json_array_size(json_object_get(out, "items")), 2); /* ids 1 and 3 */
    json_t *first = json_array_get(json_object_get(out, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "camera_name")), "后厨2号");
    assert_string_equal(json_string_value(json_object_get(first, "township_name")), "梅林镇");
    assert_int_equal(json_array_size(json_object_get(first, "box")), 4);
    json_decref(out);
    g = (sh_alert_filter){.violation = "dancing", .limit = 50};
    assert_int_equal(sh_alerts_list(db, &county, &g, &out, &err), SH_EINVAL);
    assert_string_equal(err.field, "violation");
    g = (sh_alert_filter){.from = "2026-02-30", .limit = 50};
    assert_int_equal(sh_alerts_list(db, &county, &g, &out, &err), SH_EINVAL);
    assert_string_equal(err.field, "from");
    g = (sh_alert_filter){.status = "closed", .limit = 50};
    assert_int_equal(sh_alerts_list(db, &county, &g, &out, &err), SH_EINVAL);
    assert_string_equal(err.field, "status");
    exec("DELETE FROM alerts WHERE rectification_id IS NULL");
}

/* The dynamic factor by hand: a caterer (static 16) with confirmed video hazards in the last two years.
 * DOMAIN.md "Risk grading" (2016 trial measures, dynamic factors: "AI alerts not rectified in time"):
 * a hazard rectified on time adds nothing; one whose order ran past its deadline counts once — as a
 * video hazard, not again as an overdue order (issue 10 changed this rule: every confirmed alert counted). */
static void risk_factor_video_hazard(void **state)
{
    (void)state;
    int64_t now = sh_now_ms(), day = 86400000;
    exec("INSERT INTO entities(id, kind, name, division_code, status, created_at, updated_at)"
         " VALUES (4, 'caterer', '风险测试', '360799101201', 'active', 0, 0)");
    exec("INSERT INTO cameras(id, entity_id, name, area, stream_url, created_at, updated_at) VALUES (41, 4, 'k', 'kitchen', 'file:x', 0, 0)");
    int64_t late1 = alert(41, 4, "smoking", "confirmed", now - 10 * day);
    int64_t late2 = alert(41, 4, "animal", "confirmed", now - 400 * day);
    int64_t old = alert(41, 4, "animal", "confirmed", now - 800 * day); /* escalated over two years ago: not counted */
    int64_t ontime = alert(41, 4, "smoking", "confirmed", now - 20 * day);
    alert(41, 4, "no_mask", "false_positive", now - day);
    alert(41, 4, "no_mask", "open", now - day);
    int64_t esc[4][2] = {{late1, now - 5 * day}, {late2, now - 390 * day}, {old, now - 790 * day}, {ontime, 0}};
    for (int i = 0; i < 4; i++) {
        exec("INSERT INTO rectifications(entity_id, source_type, source_id, title, deadline, status, created_at, escalated_at)"
             " VALUES (4, 'video_alert', %lld, 't', '2026-01-01', '%s', 0, %s)", (long long)esc[i][0],
             esc[i][1] ? "open" : "verified", esc[i][1] ? "0" : "NULL");
        int64_t r = sh_db_last_id(db);
        if (esc[i][1])
            exec("UPDATE rectifications SET escalated_at = %lld WHERE id = %lld", (long long)esc[i][1], (long long)r);
        exec("UPDATE alerts SET rectification_id = %lld WHERE id = %lld", (long long)r, (long long)esc[i][0]);
    }
    sh_err err = {0};
    char grade[2];
    assert_int_equal(sh_risk_regrade(db, 4, "test", grade, &err), 0);
    char text[600];
    text_of(text, sizeof text, "SELECT static_score || '|' || dynamic_score || '|' || score || '|' || grade FROM entity_grades WHERE entity_id = %lld", 4);
    assert_string_equal(text, "16|4|20|A"); /* 2 overdue hazards × 2 points; the on-time one adds nothing */
    text_of(text, sizeof text, "SELECT reasons FROM entity_grades WHERE entity_id = %lld", 4);
    assert_non_null(strstr(text, "{\"factor\":\"video_hazard\",\"points\":4,\"detail\":\"近两年视频监控隐患逾期未整改2次\"}"));
    assert_null(strstr(text, "order_escalated")); /* counted once */
    /* the points per hazard are a setting */
    assert_int_equal(sh_setting_set(db, "risk_video_hazard", "8", NULL), 0);
    assert_int_equal(sh_risk_regrade(db, 4, "test", grade, &err), 0);
    text_of(text, sizeof text, "SELECT static_score || '|' || dynamic_score || '|' || score || '|' || grade FROM entity_grades WHERE entity_id = %lld", 4);
    assert_string_equal(text, "16|16|32|B");
    assert_int_equal(sh_setting_set(db, "risk_video_hazard", "2", NULL), 0);
    exec("UPDATE entities SET status = 'closed' WHERE id = 4"); /* out of the figures and patrols below */
}

static void figures_arithmetic(void **state)
{
    (void)state;
    sh_principal county, tw2, village, biz;
    load(50, &county);
    load(52, &tw2);
    load(53, &village);
    load(54, &biz);
    exec("DELETE FROM outbox; DELETE FROM alerts; DELETE FROM rectifications;");
    int64_t mar3, mar10, feb20, may1;
    assert_int_equal(sh_local_day_ms("2026-03-03", "d", &mar3, NULL), 0);
    assert_int_equal(sh_local_day_ms("2026-03-10", "d", &mar10, NULL), 0);
    assert_int_equal(sh_local_day_ms("2026-02-20", "d", &feb20, NULL), 0);
    assert_int_equal(sh_local_day_ms("2026-05-01", "d", &may1, NULL), 0);
    /* hazards of March 2026: on time (verified on its deadline, 23:00 Beijing), late, overdue, still in time */
    int64_t a = alert(11, 1, "smoking", "confirmed", mar3 + 3600000);
    exec("INSERT INTO rectifications(entity_id, source_type, source_id, title, deadline, status, verified_at, created_at)"
         " VALUES (1, 'video_alert', %lld, 't', '2026-03-06', 'verified', %lld, 0)", (long long)a, (long long)(mar3 + 3 * 86400000LL + 23 * 3600000LL));
    exec("UPDATE alerts SET rectification_id = last_insert_rowid() WHERE id = %lld", (long long)a);
    a = alert(11, 1, "smoking", "confirmed", mar3 + 7200000);
    exec("INSERT INTO rectifications(entity_id, source_type, source_id, title, deadline, status, verified_at, created_at)"
         " VALUES (1, 'video_alert', %lld, 't', '2026-03-06', 'verified', %lld, 0)", (long long)a, (long long)(mar3 + 4 * 86400000LL + 3600000LL));
    exec("UPDATE alerts SET rectification_id = last_insert_rowid() WHERE id = %lld", (long long)a);
    a = alert(21, 2, "animal", "confirmed", mar10);
    exec("INSERT INTO rectifications(entity_id, source_type, source_id, title, deadline, status, created_at)"
         " VALUES (2, 'video_alert', %lld, 't', '2026-03-13', 'submitted', 0)", (long long)a);
    exec("UPDATE alerts SET rectification_id = last_insert_rowid() WHERE id = %lld", (long long)a);
    a = alert(13, 3, "animal", "confirmed", mar10 + 1000);
    exec("INSERT INTO rectifications(entity_id, source_type, source_id, title, deadline, status, created_at)"
         " VALUES (3, 'video_alert', %lld, 't', '2026-03-20', 'open', 0)", (long long)a);
    exec("UPDATE alerts SET rectification_id = last_insert_rowid() WHERE id = %lld", (long long)a);
    alert(12, 1, "no_mask", "false_positive", mar10 + 2000);
    alert(21, 2, "no_mask", "open", mar10 + 3000);
    alert(21, 2, "no_mask", "pending", mar10 + 4000); /* never reached review: not found */
    alert(11, 1, "smoking", "open", feb20);           /* February */
    alert(11, 1, "smoking", "open", may1);            /* outside the period below */

    sh_err err = {0};
    json_t *out = NULL;
    /* today 2026-03-16: the order due 03-13 is overdue, the one due 03-20 is not */
    assert_int_equal(sh_video_stats(db, &county, "2026-02-01", "2026-03-31", "violation", "2026-03-16", &out, &err), 0);
    json_t *t = json_object_get(out, "totals");
    assert_int_equal(N(t, "found"), 7); /* the pending one and May's are not counted */
    assert_int_equal(N(t, "confirmed"), 4);
    assert_int_equal(N(t, "false_positive"), 1);
    assert_int_equal(N(t, "awaiting"), 2);
    assert_int_equal(N(t, "rectified"), 2);
    assert_int_equal(N(t, "rectified_on_time"), 1);
    assert_int_equal(N(t, "overdue"), 1);
    json_t *items = json_object_get(out, "items");
    assert_int_equal(json_array_size(items), 3); /* animal, no_mask, smoking */
    json_t *smoking = json_array_get(items, 2), *animal = json_array_get(items, 0);
    assert_string_equal(json_string_value(json_object_get(smoking, "key")), "smoking");
    assert_string_equal(json_string_value(json_object_get(smoking, "label")), "吸烟");
    assert_int_equal(N(smoking, "found"), 3);
    assert_int_equal(N(smoking, "rectified"), 2);
    assert_int_equal(N(smoking, "rectified_on_time"), 1);
    assert_int_equal(N(animal, "overdue"), 1);
    json_decref(out);
    /* by month, township; confined: township 102 sees only its own */
    assert_int_equal(sh_video_stats(db, &county, NULL, NULL, "month", "2026-03-16", &out, &err), 0);
    items = json_object_get(out, "items");
    assert_int_equal(json_array_size(items), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "key")), "2026-02");
    assert_int_equal(N(json_array_get(items, 1), "found"), 6);
    assert_int_equal(N(json_array_get(items, 2), "found"), 1);
    json_decref(out);
    assert_int_equal(sh_video_stats(db, &tw2, "2026-03-01", "2026-03-31", "township", "2026-03-16", &out, &err), 0);
    items = json_object_get(out, "items");
    assert_int_equal(json_array_size(items), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "label")), "青石镇");
    assert_int_equal(N(json_object_get(out, "totals"), "found"), 2);
    assert_int_equal(N(json_object_get(out, "totals"), "overdue"), 1);
    json_decref(out);
    assert_int_equal(sh_video_stats(db, &village, NULL, NULL, "entity", "2026-03-16", &out, &err), 0);
    items = json_object_get(out, "items");
    assert_int_equal(json_array_size(items), 2); /* businesses 1 and 3 are in grid 1 */
    assert_int_equal(N(json_array_get(items, 0), "entity_id"), 1);
    json_decref(out);
    assert_int_equal(sh_video_stats(db, &county, NULL, NULL, "camera", "2026-03-16", &out, &err), SH_EINVAL);
    assert_string_equal(err.field, "group");
    assert_int_equal(sh_video_stats(db, &county, "2026-03-31", "2026-03-01", NULL, "2026-03-16", &out, &err), SH_EINVAL);
    assert_string_equal(err.field, "to");
    assert_int_equal(sh_video_stats(db, &biz, NULL, NULL, NULL, "2026-03-16", &out, &err), SH_EPERM);

    /* accuracy: reviewed = confirmed + false positives, per violation and per camera */
    exec("UPDATE alerts SET reviewed_at = first_at WHERE status IN ('confirmed', 'false_positive')");
    assert_int_equal(sh_alert_accuracy(db, &county, NULL, NULL, &out, &err), 0);
    t = json_object_get(out, "totals");
    assert_int_equal(N(t, "reviewed"), 5);
    assert_int_equal(N(t, "false_positive"), 1);
    assert_true(json_real_value(json_object_get(t, "false_positive_rate")) > 0.199 &&
                json_real_value(json_object_get(t, "false_positive_rate")) < 0.201);
    json_t *byv = json_object_get(out, "by_violation");
    assert_int_equal(json_array_size(byv), 3);
    json_t *nomask = json_array_get(byv, 1);
    assert_string_equal(json_string_value(json_object_get(nomask, "violation")), "no_mask");
    assert_int_equal(N(nomask, "reviewed"), 1);
    assert_true(json_real_value(json_object_get(nomask, "false_positive_rate")) == 1.0);
    json_t *worst = json_array_get(json_object_get(out, "by_camera"), 0); /* the most false positives first */
    assert_int_equal(N(worst, "camera_id"), 12);
    json_decref(out);
}

static void escalation_pushes_video_hazards(void **state)
{
    (void)state;
    exec("DELETE FROM outbox");
    exec("UPDATE rectifications SET escalated_at = 1");
    int64_t a = alert(11, 1, "open_bin", "confirmed", sh_now_ms());
    exec("INSERT INTO rectifications(entity_id, source_type, source_id, title, deadline, status, created_at)"
         " VALUES (1, 'video_alert', %lld, '垃圾桶未加盖', '2026-04-01', 'open', 0),"
         " (1, 'inspection', 1, '地面积水', '2026-04-01', 'open', 0)", (long long)a);
    int n = 0;
    sh_err err = {0};
    if (sh_rectify_escalate(db, "2026-04-02", &n, &err) != 0)
        fail_msg("%s", err.message);
    assert_int_equal(n, 2);
    assert_int_equal(q("SELECT count(*) FROM outbox"), 1); /* the inspection's order is not a video hazard */
    char text[1200];
    text_of(text, sizeof text, "SELECT topic || '|' || payload FROM outbox WHERE entity_id = %lld", 1);
    assert_non_null(strstr(text, "hazard.overdue|"));
    assert_non_null(strstr(text, "已超过整改期限"));

    /* the gateway: county lists and acknowledges; a township official may not */
    sh_principal county, tw1, tw2;
    load(50, &county);
    load(51, &tw1);
    load(52, &tw2);
    json_t *out = NULL;
    assert_int_equal(sh_outbox_list(db, &tw1, 0, 100, &out, &err), SH_EPERM);
    assert_int_equal(sh_outbox_list(db, &county, 0, 100, &out, &err), 0);
    json_t *items = json_object_get(out, "items");
    assert_int_equal(json_array_size(items), 1);
    int64_t id = json_integer_value(json_object_get(json_array_get(items, 0), "id"));
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_array_get(items, 0), "payload"), "phone")), "13800000001");
    json_decref(out);
    assert_int_equal(sh_outbox_ack(db, &county, id, 0, "短信网关超时", &out, &err), 0);
    assert_int_equal(N(out, "attempts"), 1);
    assert_true(json_is_null(json_object_get(out, "delivered_at")));
    json_decref(out);
    assert_int_equal(sh_outbox_ack(db, &county, id, 1, NULL, &out, &err), 0);
    int64_t at = N(out, "delivered_at");
    assert_true(at > 0);
    json_decref(out);
    assert_int_equal(sh_outbox_ack(db, &county, id, 1, NULL, &out, &err), 0); /* idempotent */
    assert_int_equal(N(out, "delivered_at"), at);
    assert_int_equal(N(out, "attempts"), 2);
    json_decref(out);
    assert_int_equal(q("SELECT count(*) FROM audit_log WHERE object_type = 'outbox'"), 2);
    assert_int_equal(sh_outbox_ack(db, &county, 9999, 1, NULL, &out, &err), SH_ENOTFOUND);
    assert_int_equal(sh_outbox_list(db, &county, 0, 100, &out, &err), 0);
    assert_int_equal(json_array_size(json_object_get(out, "items")), 0);
    json_decref(out);
}

static void patrol_week_and_pick(void **state)
{
    (void)state;
    char w[11];
    sh_err err = {0};
    assert_int_equal(sh_patrol_week("2026-03-11", w, &err), 0); /* Wednesday */
    assert_string_equal(w, "2026-03-09");
    assert_int_equal(sh_patrol_week("2026-03-09", w, &err), 0); /* Monday */
    assert_string_equal(w, "2026-03-09");
    assert_int_equal(sh_patrol_week("2026-03-15", w, &err), 0); /* Sunday */
    assert_string_equal(w, "2026-03-09");
    assert_int_equal(sh_patrol_week("2026-01-01", w, &err), 0); /* Thursday, across the year */
    assert_string_equal(w, "2025-12-29");
    assert_int_equal(sh_patrol_week("2026-02-30", w, &err), SH_EINVAL);
    assert_string_equal(err.field, "week");
    assert_int_equal(sh_patrol_seed(7, "1970-01-05"), (7ULL << 32) ^ 4ULL);

    int64_t cands[20], a[20], b[20];
    for (int i = 0; i < 20; i++)
        cands[i] = 100 + i;
    size_t n = sh_patrol_pick(cands, 20, 42, 5, a);
    assert_int_equal(n, 5);
    assert_int_equal(sh_patrol_pick(cands, 20, 42, 5, b), 5);
    assert_memory_equal(a, b, sizeof a[0] * 5); /* reproducible */
    for (size_t i = 0; i < n; i++) {
        assert_true(a[i] >= 100 && a[i] < 120);
        for (size_t j = 0; j < i; j++)
            assert_true(a[i] != a[j]);
    }
    int differs = 0;
    for (uint64_t seed = 43; seed < 48 && !differs; seed++) {
        sh_patrol_pick(cands, 20, seed, 5, b);
        differs = memcmp(a, b, sizeof a[0] * 5) != 0;
    }
    assert_true(differs);
    assert_int_equal(sh_patrol_pick(cands, 3, 42, 5, a), 3); /* fewer when fewer exist */
    assert_int_equal(sh_patrol_pick(cands, 0, 42, 5, a), 0);
}

static void patrols_drawn_confined_and_recorded(void **state)
{
    (void)state;
    sh_principal tw1, tw2, village, county, biz;
    load(51, &tw1);
    load(52, &tw2);
    load(53, &village);
    load(50, &county);
    load(54, &biz);
    exec("DELETE FROM outbox");
    assert_int_equal(sh_setting_set(db, "patrol_cameras_per_week", "2", NULL), 0);
    sh_err err = {0};
    json_t *out = NULL;
    assert_int_equal(sh_patrols_mine(db, &biz, NULL, "2026-03-11", &out, &err), SH_EPERM);
    assert_int_equal(sh_patrols_mine(db, &tw1, "2026-03-16", "2026-03-11", &out, &err), SH_EINVAL); /* next week */
    assert_string_equal(err.field, "week");
    /* township 101: enabled cameras 11, 12 (business 1), 13 (business 3); 14 is disabled, 21 elsewhere */
    if (sh_patrols_mine(db, &tw1, "2026-03-12", "2026-03-11", &out, &err) != 0)
        fail_msg("%s", err.message);
    assert_string_equal(json_string_value(json_object_get(out, "week")), "2026-03-09");
    json_t *draw = json_object_get(out, "draw"), *items = json_object_get(out, "items");
    assert_int_equal(json_array_size(items), 2);
    json_t *cands = json_object_get(draw, "candidates");
    assert_int_equal(json_array_size(cands), 3);
    int64_t want[3] = {11, 12, 13};
    for (int i = 0; i < 3; i++)
        assert_int_equal(json_integer_value(json_array_get(cands, (size_t)i)), want[i]);
    assert_int_equal(json_integer_value(json_object_get(draw, "seed")), (json_int_t)sh_patrol_seed(51, "2026-03-09"));
    /* replayed from what was kept: the same cameras */
    int64_t picked[3];
    assert_int_equal(sh_patrol_pick(want, 3, sh_patrol_seed(51, "2026-03-09"), 2, picked), 2);
    for (int i = 0; i < 2; i++)
        assert_int_equal(json_integer_value(json_object_get(json_array_get(items, (size_t)i), "camera_id")), picked[i]);
    json_t *task = json_array_get(items, 0);
    int64_t task_id = json_integer_value(json_object_get(task, "id"));
    int64_t other_task = json_integer_value(json_object_get(json_array_get(items, 1), "id"));
    assert_false(json_is_true(json_object_get(task, "online")));
    json_decref(out);
    /* a second call: the same tasks, nothing drawn again */
    assert_int_equal(sh_patrols_mine(db, &tw1, NULL, "2026-03-11", &out, &err), 0);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(out, "items"), 0), "id")), task_id);
    json_decref(out);
    assert_int_equal(q("SELECT count(*) FROM patrol_tasks WHERE user_id = 51"), 2);
    assert_int_equal(q("SELECT count(*) FROM audit_log WHERE action = 'patrol_draw'"), 1);
    /* township 102 has one camera: fewer than two; a past week is shown, not drawn */
    assert_int_equal(sh_patrols_mine(db, &tw2, NULL, "2026-03-11", &out, &err), 0);
    assert_int_equal(json_array_size(json_object_get(out, "items")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(out, "items"), 0), "camera_id")), 21);
    json_decref(out);
    assert_int_equal(sh_patrols_mine(db, &tw2, "2026-03-02", "2026-03-11", &out, &err), 0);
    assert_int_equal(json_array_size(json_object_get(out, "items")), 0);
    assert_true(json_is_null(json_object_get(out, "draw")));
    json_decref(out);

    /* recording: the task's official only, once, with a valid outcome */
    json_t *body = json_pack("{s:s, s:s}", "outcome", "problem", "findings", "操作人员未戴口罩，案板生熟未分开");
    assert_int_equal(sh_patrol_record(db, &tw2, task_id, body, "2026-03-11", &out, &err), SH_ENOTFOUND);
    assert_int_equal(sh_patrol_record(db, &county, task_id, body, "2026-03-11", &out, &err), SH_ENOTFOUND);
    assert_int_equal(sh_patrol_record(db, &tw1, task_id, body, "2026-03-18", &out, &err), SH_EINVAL); /* the week is over */
    assert_string_equal(err.field, "week");
    json_t *bad = json_pack("{s:s}", "outcome", "problem");
    assert_int_equal(sh_patrol_record(db, &tw1, task_id, bad, "2026-03-11", &out, &err), SH_EINVAL);
    assert_string_equal(err.field, "findings");
    json_decref(bad);
    bad = json_pack("{s:s}", "outcome", "fine");
    assert_int_equal(sh_patrol_record(db, &tw1, task_id, bad, "2026-03-11", &out, &err), SH_EINVAL);
    assert_string_equal(err.field, "outcome");
    json_decref(bad);
    assert_int_equal(q("SELECT count(*) FROM patrol_tasks WHERE status = 'done'"), 0);
    assert_int_equal(q("SELECT count(*) FROM rectifications WHERE source_type = 'patrol'"), 0);
    exec("UPDATE cameras SET last_snapshot_id = 88");
    if (sh_patrol_record(db, &tw1, task_id, body, "2026-03-11", &out, &err) != 0)
        fail_msg("%s", err.message);
    json_decref(body);
    assert_string_equal(json_string_value(json_object_get(out, "status")), "done");
    assert_int_equal(json_integer_value(json_object_get(out, "snapshot_id")), 88);
    int64_t order = json_integer_value(json_object_get(out, "rectification_id"));
    assert_true(order > 0);
    json_decref(out);
    char text[600], today[11], due[11];
    text_of(text, sizeof text, "SELECT source_type || '|' || source_id || '|' || title || '|' || requirement || '|' || deadline FROM rectifications WHERE id = %lld", order);
    sh_today(today);
    assert_int_equal(sh_workdays_add(db, today, 3, due, &err), 0); /* patrol_rectify_days */
    char expect[600];
    snprintf(expect, sizeof expect, "patrol|%lld|在线巡查发现问题（%s）|操作人员未戴口罩，案板生熟未分开|%s", (long long)task_id,
             q("SELECT camera_id FROM patrol_tasks WHERE id = %lld", task_id) == 13 ? "仓库" : q("SELECT camera_id FROM patrol_tasks WHERE id = %lld", task_id) == 11 ? "后厨1号" : "后厨2号", due);
    assert_string_equal(text, expect);
    assert_int_equal(q("SELECT count(*) FROM outbox WHERE topic = 'hazard.created'"), 1);
    body = json_pack("{s:s}", "outcome", "normal");
    assert_int_equal(sh_patrol_record(db, &tw1, task_id, body, "2026-03-11", &out, &err), SH_EEXIST);
    assert_int_equal(sh_patrol_record(db, &tw1, other_task, body, "2026-03-11", &out, &err), 0);
    assert_true(json_is_null(json_object_get(out, "rectification_id")));
    json_decref(out);
    json_decref(body);

    /* completion: township 101 sees its own officials (itself and the grid member), not 102's */
    assert_int_equal(sh_patrol_completion(db, &tw1, "2026-03-11", "2026-03-11", &out, &err), 0);
    items = json_object_get(out, "items");
    assert_int_equal(json_array_size(items), 2);
    json_t *me = json_array_get(items, 0), *grid = json_array_get(items, 1);
    assert_int_equal(N(me, "user_id"), 51);
    assert_int_equal(N(me, "assigned"), 2);
    assert_int_equal(N(me, "done"), 2);
    assert_int_equal(N(grid, "user_id"), 53);
    assert_false(json_is_true(json_object_get(grid, "drawn")));
    assert_int_equal(N(grid, "assigned"), 2); /* it would be given 2 of the 3 cameras of grid 1 */
    assert_int_equal(N(grid, "done"), 0);
    assert_int_equal(N(json_object_get(out, "totals"), "assigned"), 4);
    assert_int_equal(N(json_object_get(out, "totals"), "done"), 2);
    json_decref(out);
    assert_int_equal(sh_patrol_completion(db, &county, NULL, "2026-03-11", &out, &err), 0);
    assert_int_equal(json_array_size(json_object_get(out, "items")), 4); /* county, two townships, the grid member */
    json_decref(out);
    assert_int_equal(sh_setting_set(db, "patrol_cameras_per_week", "5", NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(review_rules),
        cmocka_unit_test(queue_pages_newest_first),
        cmocka_unit_test(risk_factor_video_hazard),
        cmocka_unit_test(figures_arithmetic),
        cmocka_unit_test(escalation_pushes_video_hazards),
        cmocka_unit_test(patrol_week_and_pick),
        cmocka_unit_test(patrols_drawn_confined_and_recorded),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
