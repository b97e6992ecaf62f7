/* The demo county: the counts asked for, valid and unique codes, consistent places, every business
 * accepted by the registry's own validation, the same rows from the same seed, and no second run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/timeutil.h"
#include "core/validate.h"
#include "domain/video/alert.h"
#include "domain/identity/auth.h"
#include "domain/base/calendar.h"
#include "domain/video/camera.h"
#include "demo/demo_cameras.h"
#include "demo/demo.h"
#include "domain/domain.h"
#include "demo/demo_video.h"
#include "domain/video/rules.h"
#include "domain/base/settings.h"
#include "domain/registry/entity.h"
#include "domain/identity/secret.h"
#include "domain/sampling/judge.h"
#include "domain/sampling/limits.h"
#include "domain/seed.h"

/* The demo county's reports are PDFs (cairo, pango, fontconfig): what those libraries keep for the life of
 * the process is theirs, as src/cli/sanitizer.c says for the binary this test does not link. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libcairo.so\nleak:libfontconfig.so\n"; }

static sh_db *empty_db(void)
{
    sh_db *db = NULL;
    sh_err err = {0};
    assert_int_equal(sh_db_open(":memory:", &db, &err), 0);
    assert_int_equal(sh_migrate(db, NULL, &err), 0);
    sh_settings_forget(); /* settings are cached per process: this is a new database */
    return db;
}

static sh_db *make(uint64_t seed, long entities, sh_demo_summary *sum)
{
    sh_db *db = empty_db();
    sh_demo_opts o;
    sh_demo_opts_default(&o);
    o.seed = seed;
    o.entities = entities;
    sh_demo_summary s;
    sh_err err = {0};
    assert_int_equal(sh_domain_init(), 0); /* the generator grades the workshops it recognises (demo_famous.c), as the CLI would */
    if (sh_demo_generate(db, &o, sum ? sum : &s, &err) != 0)
        fail_msg("generate: %s %s", err.field, err.message);
    return db;
}

static int64_t scalar(sh_db *db, const char *sql)
{
    int64_t v = -1;
    sh_err err = {0};
    if (sh_db_query_int64(db, sql, -1, &v, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
    return v;
}

/* SHA-256 over the rows of a query (ncols columns as text, NULL distinct from ""); *ret_rows how many. */
static void digest_rows(sh_db *db, const char *sql, int ncols, unsigned char out[32], long *ret_rows)
{
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    sh_stmt *st = sh_db_prepare(db, sql, NULL);
    assert_non_null(st);
    long rows = 0;
    while (sh_stmt_step(st, NULL) == SH_ROW) {
        rows++;
        for (int c = 0; c < ncols; c++) {
            const char *t = sh_col_is_null(st, c) ? "\x01NULL" : sh_col_text(st, c);
            crypto_hash_sha256_update(&h, (const unsigned char *)t, strlen(t) + 1);
        }
    }
    sh_stmt_done(st);
    crypto_hash_sha256_final(&h, out);
    *ret_rows = rows;
}

static void digest(sh_db *db, const char *sql, int ncols, unsigned char out[32])
{
    long rows = 0;
    digest_rows(db, sql, ncols, out, &rows);
    assert_true(rows > 0);
}

#define ENTITY_ROWS "SELECT * FROM entities ORDER BY id"
#define ENTITY_COLS 25
#define DIVISION_ROWS "SELECT code, name, level, parent_code FROM divisions ORDER BY code"
#define GRID_ROWS "SELECT id, code, name, division_code, leader_user_id, created_at FROM grids ORDER BY id"
/* the password hash has a random salt: everything else must match */
#define USER_ROWS "SELECT id, username, display_name, role, division_code, grid_id, entity_id, phone, created_at" \
                  " FROM users ORDER BY id"
/* the sealed password has a random nonce and heartbeats are stamped at generation: the rest must match */
/* the video history counts back from today: the same seed on the same day gives the same rows */
#define ALERT_ROWS "SELECT * FROM alerts ORDER BY id"
#define OBS_ROWS "SELECT * FROM observations ORDER BY id"
#define RECT_ROWS "SELECT * FROM rectifications ORDER BY id"
#define OUTBOX_ROWS "SELECT * FROM outbox ORDER BY id"
#define CAMERA_ROWS "SELECT id, entity_id, name, area, stream_url, stream_user, device_id, schedule, zones, rules, enabled," \
                    " last_heartbeat_at IS NULL, offline_since IS NULL, health, created_at, updated_at FROM cameras ORDER BY id"

/* Places: divisions form a tree of the right levels and codes; each grid lies in its township; each
 * business lies in a village whose township is its grid's. */
static void check_places(sh_db *db, const sh_demo_summary *sum)
{
    assert_int_equal(scalar(db, "SELECT count(*) FROM divisions WHERE level = 1 AND code = '360799' AND parent_code IS NULL"), 1);
    assert_int_equal(scalar(db, "SELECT count(*) FROM divisions WHERE level = 2"), sum->townships);
    assert_int_equal(scalar(db, "SELECT count(*) FROM divisions WHERE level = 3"), sum->villages);
    /* township codes: county + 001-099 streets, 100-199 towns, 200-399 xiang + 000, named to match */
    assert_int_equal(scalar(db, "SELECT count(*) FROM divisions WHERE level = 2 AND NOT (parent_code = '360799'"
                                " AND length(code) = 12 AND substr(code, 1, 6) = '360799' AND substr(code, 10) = '000'"
                                " AND ((substr(code, 7, 3) BETWEEN '001' AND '099' AND name LIKE '%街道')"
                                "   OR (substr(code, 7, 3) BETWEEN '100' AND '199' AND name LIKE '%镇')"
                                "   OR (substr(code, 7, 3) BETWEEN '200' AND '399' AND name LIKE '%乡')))"),
                     0);
    /* village codes: township's 9 digits + 001-199 community or 200-399 village committee */
    assert_int_equal(scalar(db, "SELECT count(*) FROM divisions v JOIN divisions t ON t.code = v.parent_code"
                                " WHERE v.level = 3 AND NOT (t.level = 2 AND length(v.code) = 12"
                                " AND substr(v.code, 1, 9) = substr(t.code, 1, 9)"
                                " AND ((substr(v.code, 10) BETWEEN '001' AND '199' AND v.name LIKE '%社区')"
                                "   OR (substr(v.code, 10) BETWEEN '200' AND '399' AND v.name LIKE '%村')))"),
                     0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM divisions WHERE level = 3 AND parent_code NOT IN"
                                " (SELECT code FROM divisions WHERE level = 2)"),
                     0);
    /* 8-15 villages per township, names unique within it */
    assert_int_equal(scalar(db, "SELECT count(*) FROM (SELECT parent_code, count(*) n FROM divisions WHERE level = 3"
                                " GROUP BY parent_code) WHERE n < 8 OR n > 15"),
                     0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM (SELECT 1 FROM divisions WHERE level = 3"
                                " GROUP BY parent_code, name HAVING count(*) > 1)"),
                     0);
    assert_int_equal(scalar(db, "SELECT count(DISTINCT name) FROM divisions WHERE level = 2"), sum->townships);

    /* grids: the count asked for, every township has one, each lies in a village or its township */
    assert_int_equal(scalar(db, "SELECT count(*) FROM grids"), sum->grids);
    assert_int_equal(scalar(db, "SELECT count(DISTINCT substr(division_code, 1, 9)) FROM grids"), sum->townships);
    assert_int_equal(scalar(db, "SELECT count(*) FROM grids g JOIN divisions d ON d.code = g.division_code"
                                " JOIN divisions t ON t.code = substr(g.division_code, 1, 9) || '000'"
                                " WHERE d.level = 1 OR g.code <> 'G' || substr(g.division_code, 1, 9) || substr(g.code, 11)"
                                " OR g.name NOT LIKE t.name || '第%网格'"),
                     0);
    /* every grid has its leader: a village grid member of that grid, username g + 4-digit grid id */
    assert_int_equal(scalar(db, "SELECT count(*) FROM grids g LEFT JOIN users u ON u.id = g.leader_user_id"
                                " WHERE u.role IS NOT 'village' OR u.grid_id IS NOT g.id"
                                " OR u.username <> printf('g%04d', g.id)"),
                     0);

    /* businesses: in a village, whose township is the township of the grid */
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities e JOIN divisions v ON v.code = e.division_code"
                                " WHERE v.level <> 3"),
                     0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities e"
                                " JOIN divisions v ON v.code = e.division_code"
                                " JOIN grids g ON g.id = e.grid_id"
                                " JOIN divisions gd ON gd.code = g.division_code"
                                " WHERE v.parent_code <> CASE gd.level WHEN 3 THEN gd.parent_code ELSE gd.code END"
                                " OR (gd.level = 3 AND gd.code <> v.code)"),
                     0);
    /* the address names the township and the village */
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities e JOIN divisions v ON v.code = e.division_code"
                                " JOIN divisions t ON t.code = v.parent_code WHERE e.address NOT LIKE t.name || v.name || '%号'"),
                     0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities WHERE lat IS NOT NULL AND"
                                " (lat < 25.1 OR lat > 25.9 OR lng < 114.9 OR lng > 115.7 OR lng IS NULL)"),
                     0);
}

static int demo_county(const char *code6, void *ctx)
{
    (void)ctx;
    return strcmp(code6, "360799") == 0;
}

/* Every credit code and licence number valid in form, matching the kind, within the county, unique. */
static void check_codes(sh_db *db, long entities)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT kind, uscc, licence_kind, licence_no, licence_valid_until FROM entities", NULL);
    assert_non_null(st);
    long n = 0;
    while (sh_stmt_step(st, NULL) == SH_ROW) {
        sh_err err = {0};
        const char *kind = sh_col_text(st, 0), *uscc = sh_col_text(st, 1), *lk = sh_col_text(st, 2),
                   *no = sh_col_text(st, 3), *until = sh_col_text(st, 4);
        int stall = !strcmp(kind, "stall");
        if (stall) {
            assert_true(sh_col_is_null(st, 1));
        } else {
            if (sh_check_uscc(uscc, "uscc", &err) != 0)
                fail_msg("%s %s: %s", kind, uscc, err.message);
            /* no warning: the GB 11714 check digit right, the area the platform's own county */
            sh_warning w[2];
            if (sh_uscc_warnings(uscc, "uscc", demo_county, NULL, w, 2) != 0)
                fail_msg("%s %s: %s", kind, uscc, w[0].message);
            assert_memory_equal(uscc + 2, "360799", 6);
            /* 9 market regulation (1 enterprise, 2 individual), 1 organs and institutions, 5 civil affairs */
            if (!strchr("159", uscc[0]) || !strchr("12", uscc[1]))
                fail_msg("%s %s", kind, uscc);
        }
        assert_false(sh_col_is_null(st, 3));
        const char *want = !strcmp(kind, "producer") ? "sc"
                           : !strcmp(kind, "workshop") ? "workshop_reg"
                           : stall ? "stall_record"
                           : !strcmp(kind, "seller") && !strcmp(lk, "filing") ? "filing"
                           : "jy";
        if (strcmp(lk, want) != 0)
            fail_msg("%s holds %s", kind, lk);
        if (!strcmp(lk, "sc")) {
            if (sh_check_sc_licence(no, "licence_no", &err) != 0)
                fail_msg("%s: %s", no, err.message);
            assert_memory_equal(no + 5, "360799", 6);
        } else if (!strcmp(lk, "jy")) {
            if (sh_check_jy_licence(no, "licence_no", &err) != 0)
                fail_msg("%s: %s", no, err.message);
            char type = !strcmp(kind, "seller") ? '1' : strstr(kind, "canteen") ? '3' : '2';
            if (no[2] != type)
                fail_msg("%s has %s", kind, no);
            assert_memory_equal(no + 3, "360799", 6);
        } else if (!strcmp(lk, "filing")) {
            /* YB + 14 digits (SAMR Order 78, 2023; data/licence-patterns.csv): 1 sales, the county */
            assert_int_equal(strlen(no), 16);
            assert_memory_equal(no, "YB1360799", 9);
        }
        /* every number passes the licence rules of its kind and the province's pattern */
        if (sh_check_licence_number(lk, "36", no, "licence_no", &err) != 0)
            fail_msg("%s %s: %s", lk, no, err.message);
        if (!strcmp(lk, "sc") || !strcmp(lk, "jy")) {
            int y;
            if (!sh_date_valid(until, &y, NULL, NULL) || y < 2025 || y > 2030)
                fail_msg("%s valid until %s", no, until);
        }
        n++;
    }
    sh_stmt_done(st);
    assert_int_equal(n, entities);
    assert_int_equal(scalar(db, "SELECT count(DISTINCT uscc) FROM entities"), scalar(db, "SELECT count(uscc) FROM entities"));
    assert_int_equal(scalar(db, "SELECT count(DISTINCT licence_no) FROM entities"), entities);
}

/* Every business passes the registry's own validation and duplicate check; about 2 % of archives
 * lack a required field, the others are complete. */
static void check_registry_accepts(sh_db *db, long entities)
{
    sh_principal sys;
    sh_principal_system(&sys);
    long incomplete = 0;
    for (int64_t id = 1; id <= entities; id++) {
        sh_entity e;
        sh_err err = {0};
        assert_int_equal(sh_entity_get(db, &sys, id, &e, &err), 0);
        json_t *missing = sh_entity_missing_fields(&e);
        incomplete += json_array_size(missing) > 0;
        json_decref(missing);
        if (sh_entity_validate(db, &e, &err) != 0 || sh_entity_check_duplicate(db, &e, id, &err) != 0)
            fail_msg("business %lld (%s): %s %s", (long long)id, e.f[EF_NAME], err.field, err.message);
        /* and draws no warning: GB 11714 check digit right, area the platform's own county (360799) */
        json_t *warnings = sh_entity_warnings(db, &e);
        if (json_array_size(warnings) > 0) {
            char *w = json_dumps(warnings, JSON_COMPACT);
            fail_msg("business %lld (%s %s): %s", (long long)id, e.f[EF_NAME], e.f[EF_USCC], w);
        }
        json_decref(warnings);
        static const sh_entity_field_id mobiles[] = {EF_LEGAL_REP_PHONE, EF_DIRECTOR_PHONE, EF_OFFICER_PHONE};
        for (size_t i = 0; i < 3; i++) /* mobiles, not landlines */
            if (e.f[mobiles[i]] && strlen(e.f[mobiles[i]]) != 11)
                fail_msg("phone %s", e.f[mobiles[i]]);
        sh_entity_release(&e);
    }
    if (incomplete < 1 || incomplete > entities / 20)
        fail_msg("%ld of %ld archives incomplete", incomplete, entities);
}

/* Cameras: about 60 % of the active businesses whose kind must have cameras, each required area
 * watched, private rtsp addresses, credentials apart and sealed, Hikvision-style device ids, every
 * value accepted by the registry's own checks, about 90 % on line. */
static void check_cameras(sh_db *db)
{
    int64_t must = scalar(db, "SELECT count(*) FROM entities WHERE status = 'active' AND kind IN (SELECT kind FROM camera_required_areas)");
    int64_t with = scalar(db, "SELECT count(DISTINCT entity_id) FROM cameras");
    if (with < must * 50 / 100 || with > must * 70 / 100)
        fail_msg("%lld of %lld businesses have cameras", (long long)with, (long long)must);
    assert_int_equal(scalar(db, "SELECT count(*) FROM cameras c JOIN entities e ON e.id = c.entity_id WHERE e.status <> 'active'"
                                " OR e.kind NOT IN (SELECT kind FROM camera_required_areas)"),
                     0);
    /* each required area of such a business has its camera, and only dining or storage come on top */
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities e JOIN camera_required_areas r ON r.kind = e.kind"
                                " WHERE e.id IN (SELECT entity_id FROM cameras)"
                                " AND NOT EXISTS (SELECT 1 FROM cameras c WHERE c.entity_id = e.id AND c.area = r.area)"),
                     0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM cameras c JOIN entities e ON e.id = c.entity_id WHERE c.area NOT IN"
                                " (SELECT area FROM camera_required_areas r WHERE r.kind = e.kind) AND c.area NOT IN ('dining', 'storage')"),
                     0);
    assert_true(scalar(db, "SELECT count(*) FROM cameras WHERE area IN ('dining', 'storage')") > 0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM cameras WHERE name NOT LIKE '%1号' OR stream_user IS NULL OR stream_secret IS NULL"
                                " OR NOT (stream_url LIKE 'rtsp://10.%' OR stream_url LIKE 'rtsp://192.168.%') OR stream_url LIKE '%@%'"
                                " OR device_id NOT GLOB '[0-9A-F][0-9A-F]:[0-9A-F][0-9A-F]:[0-9A-F][0-9A-F]:[0-9A-F][0-9A-F]:[0-9A-F][0-9A-F]:[0-9A-F][0-9A-F]:[1-9]'"),
                     0);
    /* one recorder per business: one address and one MAC for its channels */
    assert_int_equal(scalar(db, "SELECT count(*) FROM (SELECT entity_id FROM cameras GROUP BY entity_id"
                                " HAVING count(DISTINCT substr(device_id, 1, 17)) > 1 OR count(DISTINCT substr(stream_url, 1, 22)) > 1)"),
                     0);
    assert_int_equal(scalar(db, "SELECT count(DISTINCT substr(device_id, 1, 17)) FROM cameras"), with);
    /* about 90 % heard from at generation; the silent ones offline since they were last heard or installed */
    int64_t all = scalar(db, "SELECT count(*) FROM cameras"), heard = scalar(db, "SELECT count(*) FROM cameras WHERE last_heartbeat_at IS NOT NULL AND offline_since IS NULL");
    if (heard < all * 85 / 100 || heard > all * 95 / 100)
        fail_msg("%lld of %lld cameras on line", (long long)heard, (long long)all);
    assert_int_equal(scalar(db, "SELECT count(*) FROM cameras WHERE enabled = 1 AND offline_since IS NOT NULL"
                                " AND offline_since <> coalesce(last_heartbeat_at, created_at)"),
                     0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM cameras c JOIN entities e ON e.id = c.entity_id WHERE c.created_at <= e.created_at"
                                " OR c.updated_at <> c.created_at"),
                     0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM cameras c JOIN audit_log a ON a.object_type = 'camera' AND a.object_id = c.id"
                                " AND a.action = 'create' AND a.at = c.created_at"),
                     all);
    /* every value as the registry would accept it, and the password opens */
    sh_stmt *st = sh_db_prepare(db, "SELECT stream_url, stream_secret, schedule, zones, rules, health FROM cameras", NULL);
    assert_non_null(st);
    while (sh_stmt_step(st, NULL) == SH_ROW) {
        sh_err err = {0};
        char *url, *user, *pass, *secret;
        if (sh_camera_check_url(sh_col_text(st, 0), &url, &user, &pass, &err) != 0)
            fail_msg("%s: %s", sh_col_text(st, 0), err.message);
        assert_string_equal(url, sh_col_text(st, 0));
        assert_null(user);
        free(url);
        assert_int_equal(sh_secret_open(sh_col_text(st, 1), &secret, &err), 0);
        assert_true(strlen(secret) >= 8);
        free(secret);
        for (int c = 2; c <= 4; c++) {
            json_t *v = json_loads(sh_col_text(st, c), 0, NULL), *ok;
            assert_non_null(v);
            ok = c == 2 ? sh_camera_check_schedule(v, &err) : c == 3 ? sh_camera_check_zones(v, &err) : sh_camera_check_rules(db, v, &err);
            if (!ok)
                fail_msg("%s: %s %s", sh_col_text(st, c), err.field, err.message);
            json_decref(ok);
            json_decref(v);
        }
        if (!sh_col_is_null(st, 5)) {
            json_t *v = json_loads(sh_col_text(st, 5), 0, NULL), *ok = sh_camera_check_health(v, "health", &err);
            assert_non_null(ok);
            json_decref(ok);
            json_decref(v);
        }
    }
    sh_stmt_done(st);
    /* the registry's own reading agrees: on line now, coverage counts them */
    sh_principal sys;
    sh_principal_system(&sys);
    json_t *cov = NULL;
    sh_err err = {0};
    assert_int_equal(sh_camera_coverage(db, &sys, &cov, &err), 0);
    json_t *total = json_object_get(cov, "total");
    assert_int_equal(json_integer_value(json_object_get(total, "required")), must);
    assert_int_equal(json_integer_value(json_object_get(total, "cameras")), scalar(db, "SELECT count(*) FROM cameras WHERE enabled = 1"));
    assert_int_equal(json_integer_value(json_object_get(total, "online")),
                     scalar(db, "SELECT count(*) FROM cameras WHERE enabled = 1 AND offline_since IS NULL AND last_heartbeat_at IS NOT NULL"));
    int64_t covered = json_integer_value(json_object_get(total, "covered"));
    assert_true(covered > with / 2 && covered <= with);
    json_decref(cov);

    /* an hour later, with no heartbeat, every camera is silent; the demo's simulated devices bring the
     * working ones back (and only those), as the server's sweep does every minute */
    int64_t later = scalar(db, "SELECT max(last_heartbeat_at) FROM cameras") + 3600 * 1000;
    int64_t working = scalar(db, "SELECT count(*) FROM cameras WHERE enabled = 1 AND last_heartbeat_at IS NOT NULL AND offline_since IS NULL");
    int off = 0, beats = 0;
    assert_int_equal(sh_camera_sweep_offline(db, later, &off, &err), 0);
    assert_int_equal(off, working);
    assert_int_equal(sh_demo_devices_beat(db, later, &beats, &err), 0);
    assert_int_equal(beats, working);
    assert_int_equal(sh_camera_sweep_offline(db, later + 1000, &off, &err), 0);
    assert_int_equal(off, 0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM cameras WHERE enabled = 1 AND offline_since IS NULL"), working);
    /* outside a demo county nothing is simulated */
    assert_int_equal(sh_setting_set(db, "demo_devices", "0", &err), 0);
    assert_int_equal(sh_demo_devices_beat(db, later + 2000, &beats, &err), 0);
    assert_int_equal(beats, 0);
    assert_int_equal(sh_setting_set(db, "demo_devices", "1", &err), 0);
}


static int64_t count_where(sh_db *db, const char *sql)
{
    int64_t n = scalar(db, sql);
    if (n != 0)
        fail_msg("%lld rows: %s", (long long)n, sql);
    return n;
}

static void in_range(sh_db *db, const char *what, const char *sql, int64_t lo, int64_t hi)
{
    int64_t n = scalar(db, sql);
    if (n < lo || n > hi)
        fail_msg("%s: %lld, not %lld-%lld", what, (long long)n, (long long)lo, (long long)hi);
}

/* The video history: alerts as the rules make them from their observations, reviewed by the right
 * officials, each confirmed one with its order, times in order, and the figures agreeing. */
static void check_video(sh_db *db)
{
    char today[11];
    sh_today(today);
    int64_t cutoff = 0;
    sh_err err = {0};
    assert_int_equal(sh_local_day_ms(today, "today", &cutoff, &err), 0);
    int64_t eligible = scalar(db, "SELECT count(*) FROM cameras WHERE enabled = 1 AND last_heartbeat_at IS NOT NULL");
    int64_t alerts = scalar(db, "SELECT count(*) FROM alerts");
    in_range(db, "cameras with alerts", "SELECT count(DISTINCT camera_id) FROM alerts", eligible * 3 / 100, eligible * 15 / 100);
    assert_true(alerts >= 40);
    in_range(db, "confirmed", "SELECT count(*) FROM alerts WHERE status = 'confirmed'", alerts * 55 / 100, alerts * 85 / 100);
    in_range(db, "false positives", "SELECT count(*) FROM alerts WHERE status = 'false_positive'", alerts * 6 / 100, alerts * 25 / 100);
    in_range(db, "open", "SELECT count(*) FROM alerts WHERE status = 'open'", 1, alerts * 20 / 100);
    in_range(db, "pending", "SELECT count(*) FROM alerts WHERE status = 'pending'", 0, alerts * 12 / 100);
    in_range(db, "observations per alert", "SELECT count(*) / count(DISTINCT alert_id) FROM observations", 2, 6);

    /* every alert is what the rules make of its observations; no picture */
    count_where(db, "SELECT count(*) FROM alerts a WHERE a.snapshot_id IS NOT NULL"
                    " OR a.observations <> (SELECT count(*) FROM observations o WHERE o.alert_id = a.id)"
                    " OR a.first_at <> (SELECT min(observed_at) FROM observations o WHERE o.alert_id = a.id)"
                    " OR a.last_at <> (SELECT max(observed_at) FROM observations o WHERE o.alert_id = a.id)"
                    " OR a.max_score <> (SELECT max(score) FROM observations o WHERE o.alert_id = a.id)"
                    " OR a.box IS NOT (SELECT box FROM observations o WHERE o.alert_id = a.id ORDER BY score DESC, observed_at LIMIT 1)"
                    " OR a.created_at <> (SELECT created_at FROM observations o WHERE o.alert_id = a.id ORDER BY observed_at LIMIT 1)"
                    " OR a.entity_id <> (SELECT entity_id FROM cameras c WHERE c.id = a.camera_id)");
    count_where(db, "SELECT count(*) FROM observations o JOIN alerts a ON a.id = o.alert_id JOIN alert_rules ru ON ru.violation = a.violation"
                    " WHERE o.source <> 'ai_box' OR o.idempotency_key <> 'demo-' || o.id OR o.snapshot_id IS NOT NULL"
                    " OR o.created_by IS NOT (SELECT id FROM users WHERE username = 'county')"
                    " OR o.violation <> a.violation OR o.camera_id <> a.camera_id OR o.entity_id <> a.entity_id"
                    " OR o.score < max(0.6, ru.min_score) OR o.score > 0.98 OR o.created_at <= o.observed_at"
                    " OR o.violation <> (SELECT violation FROM label_map m WHERE m.label = o.label AND m.source IN ('ai_box', '*')"
                    "   ORDER BY m.source = '*' LIMIT 1)"
                    " OR o.outcome <> CASE WHEN o.observed_at = a.first_at THEN 'alert' ELSE 'merged' END"
                    " OR json_extract(o.box, '$[0]') < 0 OR json_extract(o.box, '$[1]') < 0"
                    " OR json_extract(o.box, '$[0]') + json_extract(o.box, '$[2]') > 1 OR json_extract(o.box, '$[1]') + json_extract(o.box, '$[3]') > 1"
                    " OR json_array_length(o.box) <> 4");
    /* within an alert each observation follows the one before within the cooldown; alerts of a camera
     * and violation are farther apart, or they would have merged */
    count_where(db, "SELECT count(*) FROM (SELECT o.observed_at - lag(o.observed_at) OVER (PARTITION BY o.alert_id ORDER BY o.observed_at) AS gap,"
                    " ru.cooldown_s FROM observations o JOIN alerts a ON a.id = o.alert_id JOIN alert_rules ru ON ru.violation = a.violation)"
                    " WHERE gap IS NOT NULL AND (gap <= 0 OR gap > cooldown_s * 1000)");
    count_where(db, "SELECT count(*) FROM alerts a JOIN alerts b ON b.camera_id = a.camera_id AND b.violation = a.violation AND b.id > a.id"
                    " JOIN alert_rules ru ON ru.violation = a.violation"
                    " WHERE b.first_at <= a.last_at + ru.cooldown_s * 1000 AND a.first_at <= b.last_at + ru.cooldown_s * 1000");
    /* pending exactly when not yet present for the rule's minimum duration; ids in time order */
    count_where(db, "SELECT count(*) FROM alerts a JOIN alert_rules ru ON ru.violation = a.violation"
                    " WHERE (a.status = 'pending') <> (a.last_at - a.first_at < ru.min_duration_s * 1000)");
    count_where(db, "SELECT count(*) FROM alerts a JOIN alerts b ON b.id = a.id + 1 WHERE b.first_at < a.first_at");
    /* the camera was installed, enabled and at its post; its rules admit the violation */
    count_where(db, "SELECT count(*) FROM alerts a JOIN cameras c ON c.id = a.camera_id WHERE a.first_at <= c.created_at"
                    " OR c.enabled = 0 OR c.last_heartbeat_at IS NULL OR (c.rules <> '[]' AND NOT EXISTS"
                    " (SELECT 1 FROM json_each(c.rules) j WHERE j.value = a.violation))");
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM alerts WHERE last_at >= %lld OR (status = 'open' AND first_at < %lld)",
             (long long)cutoff, (long long)(cutoff - 5 * 86400000LL));
    count_where(db, sql);
    /* schedules and zones, as the rules read them */
    sh_stmt *st = sh_db_prepare(db, "SELECT o.observed_at, ru.schedule, c.schedule, c.zones, o.box FROM observations o"
                                    " JOIN alert_rules ru ON ru.violation = o.violation JOIN cameras c ON c.id = o.camera_id", NULL);
    assert_non_null(st);
    while (sh_stmt_step(st, NULL) == SH_ROW) {
        json_t *sched = json_loads(sh_col_text(st, 2), 0, NULL), *zones = json_loads(sh_col_text(st, 3), 0, NULL),
               *box = json_loads(sh_col_text(st, 4), 0, NULL);
        int working = sh_schedule_working(sched, sh_col_int64(st, 0));
        const char *rule = sh_col_text(st, 1);
        if ((!strcmp(rule, "working") && !working) || (!strcmp(rule, "after_hours") && working))
            fail_msg("observation at %lld off the %s schedule %s", (long long)sh_col_int64(st, 0), rule, sh_col_text(st, 2));
        double b[4];
        for (int i = 0; i < 4; i++)
            b[i] = json_number_value(json_array_get(box, (size_t)i));
        if (!sh_zones_admit(zones, b))
            fail_msg("box %s outside the zones %s", sh_col_text(st, 4), sh_col_text(st, 3));
        json_decref(sched);
        json_decref(zones);
        json_decref(box);
    }
    sh_stmt_done(st);

    /* reviews: by an official of the business's township (or the county), after the alert */
    count_where(db, "SELECT count(*) FROM alerts WHERE (status IN ('confirmed', 'false_positive'))"
                    " <> (reviewed_by IS NOT NULL AND reviewed_at IS NOT NULL) OR (status = 'false_positive' AND review_note NOT LIKE '误报：%')"
                    " OR reviewed_at < last_at");
    count_where(db, "SELECT count(*) FROM alerts a JOIN entities e ON e.id = a.entity_id JOIN users u ON u.id = a.reviewed_by"
                    " WHERE NOT (u.role = 'township' AND u.division_code = substr(e.division_code, 1, 9) || '000')"
                    " AND NOT (a.status = 'confirmed' AND u.role = 'county')");
    /* every confirmed alert has exactly one order whose source it is, and only those */
    count_where(db, "SELECT count(*) FROM alerts a WHERE (a.status = 'confirmed') <> (a.rectification_id IS NOT NULL)"
                    " OR (a.status = 'confirmed' AND (SELECT count(*) FROM rectifications r WHERE r.source_type = 'video_alert'"
                    " AND r.source_id = a.id AND r.id = a.rectification_id) <> 1)");
    assert_int_equal(scalar(db, "SELECT count(*) FROM rectifications"), scalar(db, "SELECT count(*) FROM alerts WHERE status = 'confirmed'"));
    count_where(db, "SELECT count(*) FROM rectifications r JOIN alerts a ON a.id = r.source_id JOIN cameras c ON c.id = a.camera_id"
                    " JOIN violation_types v ON v.code = a.violation JOIN entities e ON e.id = r.entity_id"
                    " WHERE r.entity_id <> a.entity_id OR r.title <> '视频监控发现' || v.label || '（' || c.name || '）'"
                    " OR r.requirement <> v.requirement OR r.created_by <> a.reviewed_by OR r.created_at <> a.reviewed_at"
                    " OR r.deadline <= date(r.created_at / 1000 + 28800, 'unixepoch') OR r.rejections <> 0"
                    " OR (r.status = 'open') <> (r.submitted_at IS NULL) OR (r.status = 'verified') <> (r.verified_at IS NOT NULL)"
                    " OR (r.submitted_at IS NULL) <> (r.evidence_note IS NULL) OR (r.status = 'verified') <> (r.reviewed_by IS NOT NULL)"
                    " OR r.submitted_at < r.created_at OR r.verified_at < r.submitted_at");
    /* first_at <= last_at <= reviewed_at <= order created_at <= verified_at, all before today */
    snprintf(sql, sizeof sql, "SELECT count(*) FROM rectifications WHERE max(created_at, coalesce(submitted_at, 0), coalesce(verified_at, 0),"
                              " coalesce(escalated_at, 0)) > %lld", (long long)cutoff);
    count_where(db, sql);
    count_where(db, "SELECT count(*) FROM alerts a JOIN rectifications r ON r.id = a.rectification_id"
                    " WHERE NOT (a.first_at <= a.last_at AND a.last_at <= a.reviewed_at AND a.reviewed_at <= r.created_at"
                    " AND r.created_at <= coalesce(r.verified_at, r.created_at))");
    /* escalated once past the deadline unless verified by then; the sweep did it just after midnight */
    snprintf(sql, sizeof sql, "SELECT count(*) FROM rectifications WHERE (escalated_at IS NOT NULL) <> (deadline < '%s'"
                              " AND coalesce(date(verified_at / 1000 + 28800, 'unixepoch'), '9999') > deadline)"
                              " OR date(escalated_at / 1000 + 28800, 'unixepoch') <> date(deadline, '+1 day')", today);
    count_where(db, sql);
    /* the deadline: the rule's working days on the calendar from the day of the review */
    st = sh_db_prepare(db, "SELECT date(r.created_at / 1000 + 28800, 'unixepoch'), ru.deadline_wd, r.deadline FROM rectifications r"
                           " JOIN alerts a ON a.id = r.source_id JOIN alert_rules ru ON ru.violation = a.violation", NULL);
    assert_non_null(st);
    while (sh_stmt_step(st, NULL) == SH_ROW) {
        char due[11];
        assert_int_equal(sh_workdays_add(db, sh_col_text(st, 0), (int)sh_col_int64(st, 1), due, &err), 0);
        assert_string_equal(due, sh_col_text(st, 2));
    }
    sh_stmt_done(st);
    /* pushes: one per order, one more for each escalation, all taken by the gateway; the orders' history */
    count_where(db, "SELECT count(*) FROM rectifications r WHERE (SELECT count(*) FROM outbox o WHERE o.topic = 'hazard.created'"
                    " AND json_extract(o.payload, '$.order_id') = r.id AND o.created_at = r.created_at) <> 1"
                    " OR (SELECT count(*) FROM outbox o WHERE o.topic = 'hazard.overdue' AND json_extract(o.payload, '$.order_id') = r.id"
                    " AND o.created_at = r.escalated_at) <> (r.escalated_at IS NOT NULL)");
    count_where(db, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL OR delivered_at < created_at OR attempts <> 1");
    assert_int_equal(scalar(db, "SELECT count(*) FROM outbox WHERE topic NOT LIKE 'workshop.%' AND topic NOT LIKE 'licence.%'"
                                " AND topic NOT LIKE 'training.%'"),
                     scalar(db, "SELECT count(*) + count(escalated_at) FROM rectifications"));
    /* the workshop applicants told of their review: returned, accepted, refused (demo_workshops.c) */
    assert_int_equal(scalar(db, "SELECT count(*) FROM outbox WHERE topic = 'workshop.reviewed'"), 3);
    assert_int_equal(scalar(db, "SELECT count(*) FROM workshop_applications"), 4);
    /* licence applications in each state, their notices (demo_licences.c): refused 1, issued 5, three
     * ordered to correct, one correction confirmed; each invited business told once (demo_people.c) */
    assert_int_equal(scalar(db, "SELECT count(DISTINCT status || '/' || COALESCE(verify_result, '') || '/' || COALESCE(corrected_on, '')"
                                " || '/' || COALESCE(correct_confirmed_on, '')) FROM licence_applications"), 7);
    assert_int_equal(scalar(db, "SELECT count(*) FROM outbox WHERE topic LIKE 'licence.%'"), 10);
    assert_int_equal(scalar(db, "SELECT count(*) FROM outbox WHERE topic = 'training.invited'"),
                     scalar(db, "SELECT count(*) FROM training_invitations"));
    assert_int_equal(scalar(db, "SELECT count(*) FROM seal_uses"), 30);
    count_where(db, "SELECT count(*) FROM rectifications r WHERE (SELECT count(*) FROM audit_log l JOIN users u ON u.id = l.user_id"
                    " WHERE l.object_type = 'rectification' AND l.object_id = r.id AND l.action = 'create' AND l.at = r.created_at"
                    " AND l.user_id = r.created_by AND l.actor = u.username AND json_extract(l.after_json, '$.deadline') = r.deadline) <> 1");

    /* the figures agree with the rows, and have something to show */
    sh_principal sys;
    sh_principal_system(&sys);
    json_t *fig = NULL;
    assert_int_equal(sh_video_stats(db, &sys, NULL, NULL, "violation", today, &fig, &err), 0);
    json_t *t = json_object_get(fig, "totals");
    static const struct { const char *key, *sql; } want[] = {
        {"found", "SELECT count(*) FROM alerts WHERE status <> 'pending'"},
        {"confirmed", "SELECT count(*) FROM alerts WHERE status = 'confirmed'"},
        {"false_positive", "SELECT count(*) FROM alerts WHERE status = 'false_positive'"},
        {"awaiting", "SELECT count(*) FROM alerts WHERE status = 'open'"},
        {"rectified", "SELECT count(*) FROM rectifications WHERE status = 'verified'"},
        {"rectified_on_time", "SELECT count(*) FROM rectifications WHERE status = 'verified'"
                              " AND date(verified_at / 1000 + 28800, 'unixepoch') <= deadline AND escalated_at IS NULL"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int64_t n = scalar(db, want[i].sql);
        if (json_integer_value(json_object_get(t, want[i].key)) != n || n <= 0)
            fail_msg("%s: %lld in the figures, %lld rows", want[i].key, (long long)json_integer_value(json_object_get(t, want[i].key)),
                     (long long)n);
    }
    snprintf(sql, sizeof sql, "SELECT count(*) FROM rectifications WHERE status <> 'verified' AND deadline < '%s'", today);
    int64_t overdue = scalar(db, sql);
    assert_true(overdue > 0);
    assert_int_equal(json_integer_value(json_object_get(t, "overdue")), overdue);
    assert_int_equal(overdue, scalar(db, "SELECT count(*) FROM rectifications WHERE status <> 'verified' AND escalated_at IS NOT NULL"));
    json_decref(fig);
    /* the review queue has work, and the business sees its hazard */
    sh_alert_filter f = {.status = "open", .limit = 50};
    json_t *queue = NULL;
    assert_int_equal(sh_alerts_list(db, &sys, &f, &queue, &err), 0);
    assert_true(json_array_size(json_object_get(queue, "items")) > 0);
    json_decref(queue);
}

static void county_as_asked(void **state)
{
    (void)state;
    sh_demo_summary sum;
    sh_db *db = make(7, 800, &sum);
    assert_string_equal(sum.county_code, "360799");
    assert_true(strlen(sum.county_name) > 0);
    assert_int_equal(sum.entities, 800);
    assert_int_equal(sum.townships, 42);
    assert_int_equal(sum.grids, 475);
    assert_true(sum.villages >= 42 * 8 && sum.villages <= 42 * 15);
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities"), 800);
    check_places(db, &sum);
    check_codes(db, 800);
    check_registry_accepts(db, 800);
    check_cameras(db);
    check_video(db);

    /* the mix of kinds, roughly as a county has it */
    static const struct { const char *kind; int lo, hi; } mix[] = {
        {"caterer", 260, 380}, {"seller", 210, 320}, {"stall", 35, 100}, {"workshop", 25, 80},
        {"producer", 20, 70}, {"school_canteen", 15, 60}, {"unit_canteen", 10, 50}, {"central_kitchen", 1, 25},
    };
    for (size_t i = 0; i < sizeof mix / sizeof mix[0]; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM entities WHERE kind = '%s'", mix[i].kind);
        int64_t n = scalar(db, sql);
        if (n < mix[i].lo || n > mix[i].hi)
            fail_msg("%s: %lld", mix[i].kind, (long long)n);
    }
    assert_true(scalar(db, "SELECT count(*) FROM entities WHERE licence_kind = 'filing'") > 0);
    assert_true(scalar(db, "SELECT count(*) FROM entities WHERE status = 'active'") >= 720);
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities WHERE (status = 'active') <> (status_reason IS NULL)"), 0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities WHERE kind = 'stall' AND"
                                " (scale <> 'micro' OR officer_name IS NOT NULL OR director_name IS NOT NULL)"),
                     0);
    /* every archive's history starts with its registration, at its creation time */
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities e JOIN audit_log a ON a.object_type = 'entity'"
                                " AND a.object_id = e.id AND a.action = 'create' AND a.at = e.created_at"),
                     800);
    /* as generated, but for the five whose change of premises the demo's licence steps issued (demo_licences.c) */
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities WHERE (version <> 1 OR updated_at <> created_at"
                                " OR created_at < 1704038400000 OR categories NOT LIKE '[\"%\"]')"
                                " AND id NOT IN (SELECT entity_id FROM licence_applications WHERE status = 'issued')"),
                     0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities e JOIN licence_applications a ON a.entity_id = e.id AND a.status = 'issued'"
                                " WHERE e.version = 2 AND e.address = a.address AND e.licence_no = a.licence_no"),
                     5);

    /* users: officials, grid leaders, and a login for every business (default min(entities, 20000)) */
    static const struct { const char *sql; int64_t want; } users[] = {
        {"SELECT count(*) FROM users WHERE username = 'admin' AND role = 'admin' AND division_code IS NULL", 1},
        {"SELECT count(*) FROM users WHERE username = 'county' AND role = 'county' AND division_code = '360799'", 1},
        {"SELECT count(*) FROM users WHERE role = 'inspector' AND division_code = '360799' AND username LIKE 'inspector__'", 12},
        {"SELECT count(*) FROM users WHERE role = 'sampler' AND division_code = '360799' AND username LIKE 'sampler__'", 4},
        {"SELECT count(*) FROM users u JOIN divisions d ON d.code = u.division_code"
         " WHERE u.role = 'township' AND d.level = 2 AND u.username LIKE 't__'", 42},
        {"SELECT count(*) FROM users WHERE role = 'village' AND grid_id IS NOT NULL", 475},
        {"SELECT count(*) FROM users WHERE role = 'business' AND username = 'b' || entity_id", 800},
        {"SELECT count(DISTINCT password_hash) FROM users", 1},
    };
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
        if (scalar(db, users[i].sql) != users[i].want)
            fail_msg("%s: %lld, not %lld", users[i].sql, (long long)scalar(db, users[i].sql), (long long)users[i].want);
    assert_int_equal(scalar(db, "SELECT count(*) FROM users"), sum.users);
    assert_int_equal(sum.users, 1 + 1 + 12 + 4 + 42 + 475 + 800);

    sh_stmt *st = sh_db_prepare(db, "SELECT password_hash FROM users WHERE username = 'b1'", NULL);
    assert_int_equal(sh_stmt_step(st, NULL), SH_ROW);
    assert_true(sh_password_verify(sh_col_text(st, 0), "Shian@2026"));
    assert_false(sh_password_verify(sh_col_text(st, 0), "Shian@2027"));
    sh_stmt_done(st);
    sh_db_close(db);
}

static void same_seed_same_county(void **state)
{
    (void)state;
    /* the video history counts back from today (Beijing time): both counties are made on one day */
    char day0[11], day1[11];
    sh_db *x, *y, *z;
    for (;;) {
        sh_today(day0);
        x = make(7, 400, NULL), y = make(7, 400, NULL), z = make(8, 400, NULL);
        sh_today(day1);
        if (!strcmp(day0, day1))
            break;
        sh_db_close(x), sh_db_close(y), sh_db_close(z); /* made across midnight: again */
    }
    static const struct { const char *sql; int cols; } q[] = {
        {ENTITY_ROWS, ENTITY_COLS}, {DIVISION_ROWS, 4}, {GRID_ROWS, 6}, {USER_ROWS, 9}, {CAMERA_ROWS, 16},
        {ALERT_ROWS, 17}, {OBS_ROWS, 15}, {RECT_ROWS, 19}, {OUTBOX_ROWS, 7},
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        unsigned char a[32], b[32], c[32];
        digest(x, q[i].sql, q[i].cols, a);
        digest(y, q[i].sql, q[i].cols, b);
        digest(z, q[i].sql, q[i].cols, c);
        assert_memory_equal(a, b, 32);
        assert_memory_not_equal(a, c, 32);
    }
    sh_db_close(x);
    sh_db_close(y);
    sh_db_close(z);
}

static void refuses_a_database_in_use(void **state)
{
    (void)state;
    sh_db *db = make(3, 100, NULL);
    int64_t users = scalar(db, "SELECT count(*) FROM users");
    sh_demo_opts o;
    sh_demo_opts_default(&o);
    o.entities = 10;
    sh_err err = {0};
    assert_int_equal(sh_demo_generate(db, &o, NULL, &err), SH_EEXIST);
    assert_int_equal(scalar(db, "SELECT count(*) FROM entities"), 100);
    assert_int_equal(scalar(db, "SELECT count(*) FROM users"), users);
    sh_db_close(db);

    /* an administrator created first: the demo's logins would clash, so it refuses too */
    db = empty_db();
    assert_int_equal(sh_db_exec(db, "INSERT INTO users(username, display_name, role, password_hash, created_at)"
                                    " VALUES ('admin', 'x', 'admin', 'x', 0)", &err), 0);
    assert_int_equal(sh_demo_generate(db, &o, NULL, &err), SH_EEXIST);
    assert_int_equal(scalar(db, "SELECT count(*) FROM divisions"), 0);
    sh_db_close(db);

    db = empty_db();
    o.entities = -1;
    assert_int_equal(sh_demo_generate(db, &o, NULL, &err), SH_EINVAL);
    assert_string_equal(err.field, "entities");
    o.entities = 10;
    o.townships = 0;
    assert_int_equal(sh_demo_generate(db, &o, NULL, &err), SH_EINVAL);
    assert_string_equal(err.field, "townships");
    assert_int_equal(scalar(db, "SELECT count(*) FROM divisions"), 0);
    sh_db_close(db);
}

struct progress { long calls, last, total; int ordered; };

static void on_progress(long done, long total, void *ctx)
{
    struct progress *p = ctx;
    p->ordered &= done > p->last && total == p->total;
    p->last = done;
    p->calls++;
}

/* Few grids (several villages share one) and many grids (several per village), fewer logins than
 * businesses, progress reported about every 1 %. */
static void other_shapes(void **state)
{
    (void)state;
    static const struct { int townships, grids; long entities, logins; } shapes[] = {
        {3, 2, 300, 7},    /* grids raised to one per township */
        {5, 20, 250, 0},   /* fewer grids than villages */
        {4, 150, 420, 420},/* several grids per village */
    };
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        sh_db *db = empty_db();
        sh_demo_opts o;
        sh_demo_opts_default(&o);
        o.seed = 100 + i;
        o.townships = shapes[i].townships;
        o.grids = shapes[i].grids;
        o.entities = shapes[i].entities;
        o.business_users = shapes[i].logins;
        o.password = "Another#2026";
        struct progress p = {0, 0, shapes[i].entities, 1};
        o.progress = on_progress;
        o.progress_ctx = &p;
        sh_demo_summary sum;
        sh_err err = {0};
        if (sh_demo_generate(db, &o, &sum, &err) != 0)
            fail_msg("%s", err.message);
        assert_int_equal(sum.townships, shapes[i].townships);
        assert_int_equal(sum.grids, shapes[i].grids < shapes[i].townships ? shapes[i].townships : shapes[i].grids);
        check_places(db, &sum);
        check_codes(db, shapes[i].entities);
        assert_int_equal(scalar(db, "SELECT count(*) FROM users WHERE role = 'business'"), shapes[i].logins);
        assert_int_equal(scalar(db, "SELECT count(*) FROM users WHERE role = 'township'"), shapes[i].townships);
        assert_true(p.ordered);
        assert_int_equal(p.last, shapes[i].entities);
        assert_int_equal(p.calls, 100);
        sh_stmt *st = sh_db_prepare(db, "SELECT password_hash FROM users WHERE username = 't01'", NULL);
        assert_int_equal(sh_stmt_step(st, NULL), SH_ROW);
        assert_true(sh_password_verify(sh_col_text(st, 0), "Another#2026"));
        sh_stmt_done(st);
        sh_db_close(db);
    }
}

/* ---- the sampling history (demo_sampling.c) ---- */

/* A county made as `shian demo` makes it: on a database with its reference data (the limit tables). */
static sh_db *make_seeded(uint64_t seed, long entities)
{
    sh_db *db = empty_db();
    sh_err err = {0};
    if (sh_seed_reference_data(db, &err) != 0)
        fail_msg("seed: %s", err.message);
    sh_demo_opts o;
    sh_demo_opts_default(&o);
    o.seed = seed;
    o.entities = entities;
    if (sh_demo_generate(db, &o, NULL, &err) != 0)
        fail_msg("generate: %s %s", err.field, err.message);
    return db;
}

/* Each round of each reported sample, judged again by sh_sampling_judge from the results as stored:
 * the same verdict for every item and the sample, the same basis, the same limit. *ret_fails: the
 * samples that failed their first round. */
static void check_judged(sh_db *db, int64_t *ret_reported, int64_t *ret_fails)
{
    sh_stmt *st = sh_db_prepare(db, "SELECT id, food_category, verdict, final_verdict FROM samples WHERE status = 'reported' ORDER BY id", NULL);
    assert_non_null(st);
    json_t *samples = json_array();
    while (sh_stmt_step(st, NULL) == SH_ROW)
        json_array_append_new(samples, json_pack("{s:I, s:s, s:s, s:s?}", "id", (json_int_t)sh_col_int64(st, 0), "category",
                                                 sh_col_text(st, 1), "verdict", sh_col_text(st, 2), "final",
                                                 sh_col_is_null(st, 3) ? NULL : sh_col_text(st, 3)));
    sh_stmt_done(st);
    *ret_reported = (int64_t)json_array_size(samples);
    *ret_fails = 0;
    size_t i;
    json_t *sample;
    json_array_foreach(samples, i, sample) {
        int64_t id = json_integer_value(json_object_get(sample, "id"));
        for (int round = 1; round <= 2; round++) {
            json_t *results = json_array(), *stored = json_array();
            st = sh_db_prepare(db, "SELECT analyte, result, verdict, basis, limit_json FROM sample_results WHERE sample_id = ? AND round = ?"
                                   " ORDER BY id", NULL);
            sh_bind_int64(st, 1, id);
            sh_bind_int64(st, 2, round);
            while (sh_stmt_step(st, NULL) == SH_ROW) {
                json_t *r = json_loads(sh_col_text(st, 1), 0, NULL);
                assert_non_null(r);
                assert_string_equal(json_string_value(json_object_get(r, "analyte")), sh_col_text(st, 0));
                json_array_append_new(results, r);
                json_array_append_new(stored, json_pack("{s:s, s:s, s:s}", "verdict", sh_col_text(st, 2), "basis", sh_col_text(st, 3),
                                                        "limit", sh_col_text(st, 4)));
            }
            sh_stmt_done(st);
            if (round == 1)
                assert_true(json_array_size(results) > 0);
            if (json_array_size(results)) {
                json_t *req = json_pack("{s:s, s:O}", "food_category", json_string_value(json_object_get(sample, "category")), "results", results);
                json_t *judged = NULL;
                sh_err err = {0};
                if (sh_sampling_judge(db, req, &judged, &err) != 0)
                    fail_msg("sample %lld round %d: %s %s", (long long)id, round, err.field, err.message);
                const char *want = round == 1 ? json_string_value(json_object_get(sample, "verdict"))
                                              : json_string_value(json_object_get(sample, "final"));
                if (!want || strcmp(json_string_value(json_object_get(judged, "verdict")), want))
                    fail_msg("sample %lld round %d: stored %s, judged %s", (long long)id, round, want ? want : "null",
                             json_string_value(json_object_get(judged, "verdict")));
                size_t k;
                json_t *item;
                json_array_foreach(json_object_get(judged, "items"), k, item) {
                    json_t *row = json_array_get(stored, k);
                    char *lim = json_dumps(json_object_get(item, "limit"), JSON_COMPACT);
                    assert_string_equal(json_string_value(json_object_get(item, "verdict")), json_string_value(json_object_get(row, "verdict")));
                    assert_string_equal(json_string_value(json_object_get(item, "basis")), json_string_value(json_object_get(row, "basis")));
                    assert_string_equal(lim, json_string_value(json_object_get(row, "limit")));
                    free(lim);
                }
                if (round == 1 && !strcmp(want, "fail"))
                    (*ret_fails)++;
                json_decref(judged);
                json_decref(req);
            }
            json_decref(results);
            json_decref(stored);
        }
    }
    json_decref(samples);
}

/* Every deadline stored is the calendar's count from the date it starts from. */
static void check_deadlines(sh_db *db)
{
    static const struct {
        const char *due, *from;
        int wd;
    } rules[] = {{"delivery_due", "sampled_on", 5}, {"report_due", "received_on", 20}, {"notice_due", "reported_on", 2},
                 {"retest_due", "notice_received_on", 7}};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT %s, %s FROM samples WHERE %s IS NOT NULL", rules[i].from, rules[i].due, rules[i].due);
        sh_stmt *st = sh_db_prepare(db, sql, NULL);
        assert_non_null(st);
        int n = 0;
        while (sh_stmt_step(st, NULL) == SH_ROW) {
            char due[11];
            sh_err err = {0};
            assert_int_equal(sh_workdays_add(db, sh_col_text(st, 0), rules[i].wd, due, &err), 0);
            if (strcmp(due, sh_col_text(st, 1)))
                fail_msg("%s %s after %s %s: %s, not %s", rules[i].due, sh_col_text(st, 1), rules[i].from, sh_col_text(st, 0), due,
                         sh_col_text(st, 1));
            n++;
        }
        sh_stmt_done(st);
        assert_true(n > 0);
    }
    /* the backup kept 3 months after a pass, 6 after a fail */
    count_where(db, "SELECT count(*) FROM samples WHERE reported_on IS NOT NULL AND backup_keep_until <>"
                    " date(reported_on, CASE verdict WHEN 'fail' THEN '+6 months' ELSE '+3 months' END)"
                    " AND substr(reported_on, 9) <= '28'");
    /* the follow-up 90 days after the report, moved off a day off: never before, at most a week after */
    count_where(db, "SELECT count(*) FROM samples WHERE verdict = 'fail' AND followup_due IS NOT NULL AND"
                    " (julianday(followup_due) - julianday(reported_on) < 90 OR julianday(followup_due) - julianday(reported_on) > 97)");
}

#define SAMPLING_ROWS                                                                                                \
    {"SELECT * FROM labs ORDER BY id", 11}, {"SELECT * FROM sampling_plans ORDER BY id", 10},                       \
        {"SELECT * FROM sampling_plan_items ORDER BY id", 10}, {"SELECT * FROM samples ORDER BY id", 49},            \
        {"SELECT * FROM sample_samplers ORDER BY sample_id, user_id", 2}, {"SELECT * FROM sample_results ORDER BY id", 11}, \
        {"SELECT * FROM sample_disposals ORDER BY id", 9}, {"SELECT * FROM sample_followups ORDER BY id", 8},         \
        {"SELECT * FROM rectifications WHERE source_type = 'sample' ORDER BY id", 21}

static void sampling_history(void **state)
{
    (void)state;
    char day0[11], day1[11];
    sh_db *x, *y, *z;
    for (;;) { /* the history counts back from today: all three made on one day */
        sh_today(day0);
        x = make_seeded(7, 1200), y = make_seeded(7, 1200), z = make_seeded(8, 1200);
        sh_today(day1);
        if (!strcmp(day0, day1))
            break;
        sh_db_close(x), sh_db_close(y), sh_db_close(z);
    }
    /* deterministic for a seed: the same rows; another seed, other samples and results (the labs are
     * the county's, alike; what follows a failure may be empty in a small county) */
    static const struct { const char *sql; int cols; } q[] = {SAMPLING_ROWS};
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        unsigned char a[32], b[32], c[32];
        long na = 0, nb = 0, nc = 0;
        digest_rows(x, q[i].sql, q[i].cols, a, &na);
        digest_rows(y, q[i].sql, q[i].cols, b, &nb);
        digest_rows(z, q[i].sql, q[i].cols, c, &nc);
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, 32);
        if (i < 6)
            assert_true(na > 0 && nc > 0);
        if (i >= 3 && i < 6)
            assert_memory_not_equal(a, c, 32);
    }
    sh_db_close(y);
    sh_db_close(z);

    /* three labs, one of them the rapid-test station; this year's county plan sized by population */
    assert_int_equal(scalar(x, "SELECT count(*) FROM labs WHERE active = 1"), 3);
    assert_int_equal(scalar(x, "SELECT count(*) FROM labs WHERE rapid = 1 AND name = '城关快检室'"), 1);
    char sql[400];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM sampling_plans WHERE year = %.4s AND kind = 'supervision' AND division_code = '360799'"
                              " AND population = 1200 * 40 AND per_thousand = 4 AND target = 192", day0);
    assert_int_equal(scalar(x, sql), 1);
    /* its items split the target over the townships; each analyte has a limit on the category's path */
    count_where(x, "SELECT count(*) FROM sampling_plans p WHERE p.target <> (SELECT sum(target) FROM sampling_plan_items i WHERE i.plan_id = p.id)");
    assert_true(scalar(x, "SELECT count(DISTINCT food_category) FROM sampling_plan_items") >= 5);
    assert_true(scalar(x, "SELECT count(DISTINCT township_code) FROM sampling_plan_items") >= 20);
    sh_stmt *st = sh_db_prepare(x, "SELECT DISTINCT food_category, analytes FROM sampling_plan_items UNION"
                                   " SELECT DISTINCT food_category, analytes FROM samples", NULL);
    assert_non_null(st);
    while (sh_stmt_step(st, NULL) == SH_ROW) {
        json_t *list = json_loads(sh_col_text(st, 1), 0, NULL);
        size_t i;
        json_t *a;
        assert_true(json_array_size(list) > 0);
        json_array_foreach(list, i, a) {
            sh_limit limit;
            sh_err err = {0};
            if (sh_limit_find(x, json_string_value(a), sh_col_text(st, 0), "analyte", &limit, &err) != 0)
                fail_msg("%s on %s: %s", json_string_value(a), sh_col_text(st, 0), err.message);
        }
        json_decref(list);
    }
    sh_stmt_done(st);

    /* about one business in 12, of the kinds that make or sell food, active, in every stage */
    in_range(x, "samples", "SELECT count(*) FROM samples", 1200 / 12 * 7 / 10, 1200 / 12 * 13 / 10 + 3);
    count_where(x, "SELECT count(*) FROM samples s JOIN entities e ON e.id = s.entity_id WHERE e.status <> 'active'"
                   " OR e.kind NOT IN ('producer', 'workshop', 'seller', 'caterer', 'central_kitchen', 'stall')");
    count_where(x, "SELECT count(*) FROM (SELECT entity_id FROM samples GROUP BY entity_id HAVING count(*) > 1)");
    static const char *const stages[] = {"assigned", "received", "reported"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(sql, sizeof sql, "SELECT count(*) FROM samples WHERE status = '%s'", stages[i]);
        assert_true(scalar(x, sql) > 0);
    }
    assert_true(scalar(x, "SELECT count(*) FROM samples WHERE status IN ('sampled', 'delivered')") > 0);
    /* two samplers each, of the demo's samplers; sampler01 has tasks for today */
    count_where(x, "SELECT count(*) FROM samples s WHERE (SELECT count(*) FROM sample_samplers x JOIN users u ON u.id = x.user_id"
                   " WHERE x.sample_id = s.id AND u.role = 'sampler') <> 2");
    assert_true(scalar(x, "SELECT count(*) FROM samples s JOIN sample_samplers x ON x.sample_id = s.id JOIN users u ON u.id = x.user_id"
                          " WHERE u.username = 'sampler01' AND s.status = 'assigned'") >= 3);
    /* every step before today, in order; codes numbered by the time the task was given */
    int64_t cutoff = 0;
    sh_err err = {0};
    assert_int_equal(sh_local_day_ms(day0, "today", &cutoff, &err), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM samples WHERE max(created_at, coalesce(sampled_at, 0), coalesce(reported_at, 0),"
                              " coalesce(published_at, 0), updated_at) >= %lld OR sampled_at < created_at", (long long)cutoff);
    count_where(x, sql);
    count_where(x, "SELECT count(*) FROM samples WHERE NOT (coalesce(sampled_on, '') <= coalesce(delivered_on, '9')"
                   " AND coalesce(delivered_on, '') <= coalesce(received_on, '9') AND coalesce(received_on, '') <= coalesce(reported_on, '9'))");
    count_where(x, "SELECT count(*) FROM samples a JOIN samples b ON b.id = a.id + 1 WHERE b.created_at < a.created_at");
    count_where(x, "SELECT count(*) FROM samples WHERE code NOT LIKE 'CY' || substr(date(created_at / 1000, 'unixepoch', '+8 hours'), 1, 4)"
                   " || '-360799-%'");
    /* a few steps overdue on purpose: received long ago without a report, taken and never delivered */
    snprintf(sql, sizeof sql, "SELECT count(*) FROM samples WHERE status = 'received' AND report_due < '%s'", day0);
    assert_true(scalar(x, sql) >= 2);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM samples WHERE status = 'sampled' AND delivery_due < '%s'", day0);
    assert_true(scalar(x, sql) >= 1);

    /* the verdicts are the judge's; about 5 % fail */
    int64_t reported = 0, fails = 0;
    check_judged(x, &reported, &fails);
    assert_true(reported >= 40);
    assert_true(fails >= 1 && fails * 100 <= reported * 12);
    check_deadlines(x);
    /* a failure: notice served after the report; the follow-up's order through the loop, never late */
    count_where(x, "SELECT count(*) FROM samples WHERE verdict = 'fail' AND (notice_due IS NULL OR notice_sent_on < reported_on"
                   " OR notice_received_on < notice_sent_on)");
    count_where(x, "SELECT count(*) FROM samples WHERE verdict = 'pass' AND (notice_due IS NOT NULL OR final_verdict <> 'pass')");
    count_where(x, "SELECT count(*) FROM sample_followups f WHERE f.action = 'rectification' AND NOT EXISTS"
                   " (SELECT 1 FROM rectifications r WHERE r.id = f.ref_id AND r.source_type = 'sample' AND r.source_id = f.sample_id)");
    count_where(x, "SELECT count(*) FROM samples s WHERE (s.followup_done_on IS NULL) <> NOT EXISTS"
                   " (SELECT 1 FROM sample_followups f WHERE f.sample_id = s.id)");
    count_where(x, "SELECT count(*) FROM rectifications WHERE source_type = 'sample' AND escalated_at IS NOT NULL");
    count_where(x, "SELECT count(*) FROM sample_disposals d JOIN samples s ON s.id = d.sample_id WHERE s.verdict <> 'fail'"
                   " OR d.done_on < s.reported_on");
    sh_db_close(x);
}

/* ---- the pictures (demo_pictures.c) ---- */

static sh_db *make_pictured(const char *files_dir, const char *photos_dir, sh_demo_summary *sum)
{
    sh_db *db = empty_db();
    sh_demo_opts o;
    sh_demo_opts_default(&o);
    o.seed = 7;
    o.entities = 300;
    o.files_dir = files_dir;
    o.photos_dir = photos_dir;
    sh_err err = {0};
    assert_int_equal(sh_domain_init(), 0);
    if (sh_demo_generate(db, &o, sum, &err) != 0)
        fail_msg("generate: %s %s", err.field, err.message);
    return db;
}

/* With darknet's photos: every camera heard from shows one, stored as a post is; the AI snapshots
 * belong to their observations, and each alert shows its best observation's. Without: nothing, and
 * the county is made all the same. */
static void pictures_from_the_photos(void **state)
{
    (void)state;
    char dir[] = "/tmp/shian-demo-pictures-XXXXXX";
    assert_non_null(mkdtemp(dir));
    sh_demo_summary sum;
    sh_db *db = make_pictured(dir, "/usr/share/darknet/data", &sum);
    assert_int_equal(sum.photos, 6);
    assert_true(sum.pictures > 50);
    assert_int_equal(sum.pictures, scalar(db, "SELECT count(*) FROM cameras WHERE last_heartbeat_at IS NOT NULL"));
    assert_int_equal(sum.pictures, scalar(db, "SELECT count(*) FROM cameras c JOIN attachments a ON a.id = c.last_snapshot_id"
                                             " AND a.owner_type = 'camera' AND a.owner_id = c.id AND a.entity_id = c.entity_id"
                                             " AND a.created_at = c.last_heartbeat_at"));
    assert_int_equal(scalar(db, "SELECT count(DISTINCT sha256) FROM attachments"), 6);
    assert_true(sum.snapshots > 0);
    assert_int_equal(sum.snapshots, scalar(db, "SELECT count(*) FROM observations o JOIN attachments a ON a.id = o.snapshot_id"
                                              " AND a.owner_type = 'observation' AND a.owner_id = o.id"));
    assert_int_equal(0, scalar(db, "SELECT count(*) FROM alerts a WHERE a.snapshot_id IS NOT NULL AND NOT EXISTS"
                                   " (SELECT 1 FROM observations o WHERE o.alert_id = a.id AND o.snapshot_id = a.snapshot_id)"));
    assert_int_equal(0, scalar(db, "SELECT count(*) FROM alerts WHERE snapshot_id IS NOT NULL AND violation = 'open_bin'"));
    assert_int_equal(0, scalar(db, "SELECT count(*) FROM rectifications r JOIN alerts a ON a.id = r.source_id"
                                   " WHERE r.source_type = 'video_alert' AND coalesce(r.snapshot_id, 0) <> coalesce(a.snapshot_id, 0)"));
    sh_db_close(db);

    db = make_pictured(dir, "/nonexistent-photos", &sum);
    assert_int_equal(sum.photos, 0);
    assert_int_equal(sum.pictures + sum.snapshots, 0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM attachments"), 0);
    assert_true(scalar(db, "SELECT count(*) FROM alerts") > 0);
    sh_db_close(db);
    char cmd[80];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    sh_password_params(1, 8192); /* the cheapest argon2id: the demo hashes once either way */
    /* the demo seals camera passwords: under a key of this run, not var/secret.key */
    char keyfile[64];
    snprintf(keyfile, sizeof keyfile, "/tmp/shian-demo-test-%ld.key", (long)getpid());
    sh_secret_use_key_file(keyfile);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(county_as_asked),
        cmocka_unit_test(same_seed_same_county),
        cmocka_unit_test(refuses_a_database_in_use),
        cmocka_unit_test(other_shapes),
        cmocka_unit_test(sampling_history),
        cmocka_unit_test(pictures_from_the_photos),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    unlink(keyfile);
    return failed;
}
