/* Cameras: validation of every field, sealing of credentials, jurisdiction, the offline sweep and
 * the coverage arithmetic on a small fixture. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/timeutil.h"
#include "domain/video/camera.h"
#include "domain/identity/secret.h"
#include "testutil.h"

static sh_db *db;
static char tmpdir[64];
static char keyfile[128];

static int64_t scalar(const char *sql)
{
    int64_t v = -1;
    sh_err err = {0};
    if (sh_db_query_int64(db, sql, -1, &v, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
    return v;
}

static void exec(const char *sql)
{
    sh_err err = {0};
    if (sh_db_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
}

static int64_t add_entity(const char *kind, const char *name, const char *village, const char *status)
{
    sh_stmt *st = sh_db_prepare(db, "INSERT INTO entities(kind, name, division_code, status, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)",
                                NULL);
    assert_non_null(st);
    sh_bind_text(st, 1, kind);
    sh_bind_text(st, 2, name);
    sh_bind_text(st, 3, village);
    sh_bind_text(st, 4, status);
    assert_true(sh_stmt_step(st, NULL) >= 0);
    sh_stmt_done(st);
    return sh_db_last_id(db);
}

static void business(sh_principal *p, int64_t entity_id)
{
    memset(p, 0, sizeof *p);
    strcpy(p->username, "biz");
    p->role = SH_ROLE_BUSINESS;
    p->entity_id = entity_id;
    p->scope.kind = SH_SCOPE_ENTITY;
    p->scope.entity_id = entity_id;
}

/* Creates a camera from JSON text as `who`; returns its id, or fails the test. */
static int64_t camera(const sh_principal *who, const char *json)
{
    json_error_t je;
    json_t *body = json_loads(json, 0, &je);
    if (!body)
        fail_msg("bad test JSON %s: %s", json, je.text);
    int64_t id = 0;
    sh_err err = {0};
    int rc = sh_camera_create(db, who, body, &id, &err);
    json_decref(body);
    if (rc)
        fail_msg("create %s: %s %s", json, err.field, err.message);
    return id;
}

/* Expects creating from JSON text to fail with code on field; nothing stored. */
static void refused(const sh_principal *who, const char *json, int code, const char *field)
{
    int64_t before = scalar("SELECT count(*) FROM cameras");
    json_t *body = json_loads(json, 0, NULL);
    assert_non_null(body);
    int64_t id = 0;
    sh_err err = {0};
    int rc = sh_camera_create(db, who, body, &id, &err);
    json_decref(body);
    if (rc != code || strcmp(err.field, field))
        fail_msg("%s: got %d %s (%s), expected %d %s", json, rc, err.field, err.message, code, field);
    assert_int_equal(scalar("SELECT count(*) FROM cameras"), before);
}

/* Files a business's change request from JSON text (camera_id 0: a new camera); expects code (0, or
 * an error on field) and returns the request's id. */
static int64_t file_request(const sh_principal *who, int64_t camera_id, const char *json, int code, const char *field)
{
    json_t *body = json_loads(json, 0, NULL);
    assert_non_null(body);
    int64_t before = scalar("SELECT count(*) FROM camera_requests"), id = 0;
    sh_err err = {0};
    int rc = sh_camera_request_file(db, who, camera_id, body, &id, &err);
    json_decref(body);
    if (rc != code || (code && strcmp(err.field, field)))
        fail_msg("request %s: got %d %s (%s), expected %d %s", json, rc, err.field, err.message, code, field ? field : "");
    assert_int_equal(scalar("SELECT count(*) FROM camera_requests"), before + (code == 0));
    return id;
}

static int decide(const sh_principal *who, int64_t request, const char *json, sh_err *err)
{
    json_t *body = json_loads(json, 0, NULL);
    int rc = sh_camera_request_decide(db, who, request, body, err);
    json_decref(body);
    return rc;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/shian-camera-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(keyfile, sizeof keyfile, "%s/keys/secret.key", tmpdir);
    sh_secret_use_key_file(keyfile);
    db = fixture_db();
    return db ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    sh_db_close(db);
    char path[160];
    unlink(keyfile);
    snprintf(path, sizeof path, "%s/keys", tmpdir);
    rmdir(path);
    rmdir(tmpdir);
    return 0;
}

static void url_split(const char *in, const char *want_url, const char *want_user, const char *want_pass)
{
    char *url, *user, *pass;
    sh_err err = {0};
    if (sh_camera_check_url(in, &url, &user, &pass, &err) != 0)
        fail_msg("%s: %s", in, err.message);
    assert_string_equal(url, want_url);
    if (want_user) assert_string_equal(user, want_user); else assert_null(user);
    if (want_pass) assert_string_equal(pass, want_pass); else assert_null(pass);
    free(url);
    free(user);
    free(pass);
}

static void url_bad(const char *in)
{
    char *url, *user, *pass;
    sh_err err = {0};
    if (sh_camera_check_url(in, &url, &user, &pass, &err) != SH_EINVAL)
        fail_msg("%s accepted", in);
    assert_string_equal(err.field, "stream_url");
    assert_null(url);
    assert_null(user);
}

static void stream_urls(void **state)
{
    (void)state;
    url_split("rtsp://10.12.3.4:554/Streaming/Channels/101", "rtsp://10.12.3.4:554/Streaming/Channels/101", NULL, NULL);
    url_split("RTSP://admin:Hik%4012345@10.12.3.4:554/Streaming/Channels/101?transportmode=unicast",
              "rtsp://10.12.3.4:554/Streaming/Channels/101?transportmode=unicast", "admin", "Hik@12345");
    url_split("rtsps://viewer@cam.example.cn/live", "rtsps://cam.example.cn/live", "viewer", NULL);
    url_split("http://[fd00::12]:8000/ISAPI/Streaming/channels/101/picture", "http://[fd00::12]:8000/ISAPI/Streaming/channels/101/picture", NULL, NULL);
    url_split("file:///srv/video/kitchen.mp4", "file:///srv/video/kitchen.mp4", NULL, NULL);
    url_split("file:/srv/video/kitchen.mp4", "file:///srv/video/kitchen.mp4", NULL, NULL);
    url_bad("");
    url_bad("ftp://10.1.1.1/a");
    url_bad("javascript:alert(1)");
    url_bad("rtsp:/10.1.1.1/a");
    url_bad("rtsp://10.1.1.1:99999/a");
    url_bad("rtsp://:554/a");
    url_bad("rtsp://user:@10.1.1.1/a");
    url_bad("rtsp://us%4ger:x@10.1.1.1/a");
    url_bad("rtsp://us%0aer:x@10.1.1.1/a");
    url_bad("rtsp://10.1.1.1/a b");
    url_bad("rtsp://10.1.1.1/后厨");
    url_bad("file://otherhost/x.mp4");
    char longurl[600];
    snprintf(longurl, sizeof longurl, "rtsp://10.1.1.1/%0490d", 0);
    url_bad(longurl);
    /* credentials written back for the analyser, percent-encoded */
    char *u = sh_camera_url_with_credentials("rtsp://10.1.1.1/a", "ad:min", "p@ss/w:rd");
    assert_string_equal(u, "rtsp://ad%3Amin:p%40ss%2Fw:rd@10.1.1.1/a");
    free(u);
    u = sh_camera_url_with_credentials("rtsp://10.1.1.1/a", NULL, NULL);
    assert_string_equal(u, "rtsp://10.1.1.1/a");
    free(u);

    /* credentials in the query (CGI cameras: loginuse/loginpas, user/pwd, user/password) are sealed
     * as user:pass@ are: the names stay, the values go; written back in the device's own form */
    url_split("http://10.12.3.9:81/videostream.cgi?loginuse=admin&loginpas=P%40ss%26w&resolution=32",
              "http://10.12.3.9:81/videostream.cgi?loginuse=&loginpas=&resolution=32", "admin", "P@ss&w");
    url_split("rtsp://10.12.3.10:554/live?channel=1&USER=viewer&Pwd=123456#x",
              "rtsp://10.12.3.10:554/live?channel=1&USER=&Pwd=#x", "viewer", "123456");
    url_split("rtsp://10.12.3.11/cam/realmonitor?channel=1&subtype=0", "rtsp://10.12.3.11/cam/realmonitor?channel=1&subtype=0", NULL, NULL);
    url_split("http://10.12.3.12/snap.cgi?user=&pwd=", "http://10.12.3.12/snap.cgi?user=&pwd=", NULL, NULL);
    url_bad("http://10.12.3.9/videostream.cgi?loginpas=secret");           /* a password without its user */
    url_bad("http://10.12.3.9/videostream.cgi?loginuse=admin");            /* a user without its password */
    url_bad("http://a:b@10.12.3.9/videostream.cgi?loginuse=admin&loginpas=x"); /* two places at once */
    url_bad("http://10.12.3.9/v.cgi?user=a&user=b&pwd=x");
    url_bad("http://10.12.3.9/v.cgi?user=a&pwd=%0a");
    u = sh_camera_url_with_credentials("http://10.12.3.9:81/videostream.cgi?loginuse=&loginpas=&resolution=32", "admin", "P@ss&w");
    assert_string_equal(u, "http://10.12.3.9:81/videostream.cgi?loginuse=admin&loginpas=P%40ss%26w&resolution=32");
    free(u);
    /* an official who keeps the query names and sends the user name and password apart gets the same */
    u = sh_camera_url_with_credentials("rtsp://10.12.3.10:554/live?channel=1&USER=&Pwd=#x", "viewer", "1 2");
    assert_string_equal(u, "rtsp://10.12.3.10:554/live?channel=1&USER=viewer&Pwd=1%202#x");
    free(u);
}

static void expect_field(json_t *(*check)(json_t *, sh_err *), const char *json, const char *field)
{
    json_t *v = json_loads(json, JSON_DECODE_ANY, NULL);
    assert_non_null(v);
    sh_err err = {0};
    json_t *out = check(v, &err);
    json_decref(v);
    if (out) {
        json_decref(out);
        fail_msg("%s accepted", json);
    }
    if (strcmp(err.field, field))
        fail_msg("%s: field %s (%s), expected %s", json, err.field, err.message, field);
}

static void schedules_and_zones(void **state)
{
    (void)state;
    json_t *v = json_loads("[{\"days\":[5,1,3],\"from\":\"22:00\",\"to\":\"06:00\"},{\"days\":[6,7],\"from\":\"09:00\",\"to\":\"24:00\"}]", 0, NULL);
    sh_err err = {0};
    json_t *s = sh_camera_check_schedule(v, &err);
    assert_non_null(s);
    char *text = json_dumps(s, JSON_COMPACT);
    assert_string_equal(text, "[{\"days\":[1,3,5],\"from\":\"22:00\",\"to\":\"06:00\"},{\"days\":[6,7],\"from\":\"09:00\",\"to\":\"24:00\"}]");
    free(text);
    json_decref(s);
    json_decref(v);
    expect_field(sh_camera_check_schedule, "{}", "schedule");
    expect_field(sh_camera_check_schedule, "[{\"days\":[],\"from\":\"08:00\",\"to\":\"17:00\"}]", "schedule[0].days");
    expect_field(sh_camera_check_schedule, "[{\"days\":[1,8],\"from\":\"08:00\",\"to\":\"17:00\"}]", "schedule[0].days");
    expect_field(sh_camera_check_schedule, "[{\"days\":[1,1],\"from\":\"08:00\",\"to\":\"17:00\"}]", "schedule[0].days");
    expect_field(sh_camera_check_schedule, "[{\"days\":[1],\"from\":\"08:00\",\"to\":\"17:00\"},{\"days\":[2],\"from\":\"8:00\",\"to\":\"17:00\"}]",
                 "schedule[1].from");
    expect_field(sh_camera_check_schedule, "[{\"days\":[1],\"from\":\"08:00\",\"to\":\"17:60\"}]", "schedule[0].to");
    expect_field(sh_camera_check_schedule, "[{\"days\":[1],\"from\":\"24:00\",\"to\":\"17:00\"}]", "schedule[0].from");
    expect_field(sh_camera_check_schedule, "[{\"days\":[1],\"from\":\"08:00\",\"to\":\"08:00\"}]", "schedule[0].to");
    expect_field(sh_camera_check_schedule, "[{\"days\":[1],\"from\":\"08:00\",\"to\":\"09:00\",\"tz\":8}]", "schedule[0]");

    v = json_loads("[{\"name\":\"灶台\",\"type\":\"include\",\"points\":[[0,0],[1,0],[0.5,0.25]]}]", 0, NULL);
    json_t *z = sh_camera_check_zones(v, &err);
    assert_non_null(z);
    text = json_dumps(z, JSON_COMPACT | JSON_REAL_PRECISION(6));
    assert_string_equal(text, "[{\"name\":\"灶台\",\"type\":\"include\",\"points\":[[0.0,0.0],[1.0,0.0],[0.5,0.25]]}]");
    free(text);
    json_decref(z);
    json_decref(v);
    expect_field(sh_camera_check_zones, "[{\"name\":\"\",\"type\":\"include\",\"points\":[[0,0],[1,0],[1,1]]}]", "zones[0].name");
    expect_field(sh_camera_check_zones, "[{\"name\":\"门\",\"type\":\"exclude\",\"points\":[[0,0],[1,0],[1,1]]}]", "zones[0].type");
    expect_field(sh_camera_check_zones, "[{\"name\":\"门\",\"type\":\"mask\",\"points\":[[0,0],[1,0]]}]", "zones[0].points");
    expect_field(sh_camera_check_zones, "[{\"name\":\"门\",\"type\":\"mask\",\"points\":[[0,0],[1,0],[1,1.5]]}]", "zones[0].points[2]");
    expect_field(sh_camera_check_zones, "[{\"name\":\"门\",\"type\":\"mask\",\"points\":[[0,0],[1,0],[\"1\",1]]}]", "zones[0].points[2]");
    expect_field(sh_camera_check_zones, "[{\"name\":\"门\",\"type\":\"mask\",\"points\":[[0,0],[1,0],[1,1,1]]}]", "zones[0].points[2]");

    v = json_loads("[\"no_mask\", \"animal\"]", 0, NULL);
    json_t *r = sh_camera_check_rules(db, v, &err);
    assert_true(json_equal(r, v));
    json_decref(r);
    json_decref(v);
    v = json_loads("[\"no_mask\", \"flying\"]", 0, NULL);
    assert_null(sh_camera_check_rules(db, v, &err));
    assert_string_equal(err.field, "rules[1]");
    json_decref(v);
    v = json_loads("[\"no_mask\", \"no_mask\"]", 0, NULL);
    assert_null(sh_camera_check_rules(db, v, &err));
    assert_string_equal(err.field, "rules[1]");
    json_decref(v);

    v = json_loads("{\"decode_fps\": 25, \"inference_ms\": 41.5}", 0, NULL);
    json_t *h = sh_camera_check_health(v, "health", &err);
    assert_true(json_equal(h, v));
    json_decref(h);
    json_decref(v);
    v = json_loads("{\"decode_fps\": \"25\"}", 0, NULL);
    assert_null(sh_camera_check_health(v, "health", &err));
    assert_string_equal(err.field, "health.decode_fps");
    json_decref(v);

    assert_int_equal(sh_camera_check_device_id("A4:14:37:0B:2C:9E:1", "device_id", &err), 0);
    assert_int_equal(sh_camera_check_device_id("has space", "device_id", &err), SH_EINVAL);
    assert_int_equal(sh_camera_check_device_id("", "device_id", &err), SH_EINVAL);
}

static void sealing(void **state)
{
    (void)state;
    char *box = NULL, *plain = NULL, *box2 = NULL;
    sh_err err = {0};
    assert_int_equal(sh_secret_seal("Hik@12345", &box, &err), 0);
    /* the key file was created, with its folder, readable by the owner only */
    struct stat sb;
    assert_int_equal(stat(keyfile, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(sb.st_size, 32);
    assert_null(strstr(box, "Hik"));
    assert_int_equal(sh_secret_open(box, &plain, &err), 0);
    assert_string_equal(plain, "Hik@12345");
    free(plain);
    /* a fresh nonce each time */
    assert_int_equal(sh_secret_seal("Hik@12345", &box2, &err), 0);
    assert_string_not_equal(box, box2);
    free(box2);
    /* a changed byte does not open */
    char *bad = strdup(box);
    bad[30] = bad[30] == 'A' ? 'B' : 'A';
    assert_int_equal(sh_secret_open(bad, &plain, &err), SH_EINTERNAL);
    free(bad);
    assert_int_equal(sh_secret_open("not base64!", &plain, &err), SH_EINTERNAL);
    /* nor under another key; the same key again after reloading the file */
    char other[160];
    snprintf(other, sizeof other, "%s/other.key", tmpdir);
    sh_secret_use_key_file(other);
    assert_int_equal(sh_secret_open(box, &plain, &err), SH_EINTERNAL);
    sh_secret_use_key_file(keyfile);
    assert_int_equal(sh_secret_open(box, &plain, &err), 0);
    assert_string_equal(plain, "Hik@12345");
    free(plain);
    free(box);
    unlink(other);
}

static void registry_and_jurisdiction(void **state)
{
    (void)state;
    int64_t shop = add_entity("caterer", "梅林小吃店", "360799101201", "active");
    int64_t other = add_entity("caterer", "青石面馆", "360799102201", "active");
    int64_t closed = add_entity("caterer", "已注销饭店", "360799101201", "closed");
    sh_principal t101, t102, biz, village;
    fixture_official(&t101, SH_ROLE_TOWNSHIP, "360799101000", "t101");
    fixture_official(&t102, SH_ROLE_TOWNSHIP, "360799102000", "t102");
    fixture_official(&village, SH_ROLE_VILLAGE, "360799101201", "v");
    business(&biz, shop);
    char json[512];
    snprintf(json, sizeof json,
             "{\"entity_id\":%lld,\"name\":\"后厨1号\",\"area\":\"kitchen\",\"stream_url\":\"rtsp://admin:Hik%%4012345@10.12.3.4/Streaming/Channels/101\","
             "\"device_id\":\"A4:14:37:0B:2C:9E:1\",\"rules\":[\"no_mask\"]}",
             (long long)shop);
    int64_t id = camera(&t101, json);
    /* stored without credentials in the URL; the password sealed, the user apart */
    assert_int_equal(scalar("SELECT count(*) FROM cameras WHERE stream_url = 'rtsp://10.12.3.4/Streaming/Channels/101'"
                            " AND stream_user = 'admin' AND stream_secret NOT LIKE '%Hik%' AND length(stream_secret) > 40"),
                     1);
    json_t *c = NULL;
    sh_err err = {0};
    assert_int_equal(sh_camera_get(db, &biz, id, &c, &err), 0);
    char *text = json_dumps(c, 0);
    assert_null(strstr(text, "Hik"));
    assert_null(strstr(text, "admin"));
    free(text);
    assert_true(json_is_true(json_object_get(c, "has_credentials")));
    assert_false(json_is_true(json_object_get(c, "online")));
    json_decref(c);
    /* the audit trail has no credentials either */
    assert_int_equal(scalar("SELECT count(*) FROM audit_log WHERE object_type = 'camera' AND (after_json LIKE '%Hik%' OR after_json LIKE '%admin%')"), 0);

    /* another township, another business: as if it did not exist */
    assert_int_equal(sh_camera_get(db, &t102, id, &c, &err), SH_ENOTFOUND);
    sh_principal biz2;
    business(&biz2, other);
    assert_int_equal(sh_camera_get(db, &biz2, id, &c, &err), SH_ENOTFOUND);
    json_t *patch = json_pack("{s:s}", "name", "改名");
    assert_int_equal(sh_camera_update(db, &t102, id, patch, &err), SH_ENOTFOUND);
    assert_int_equal(sh_camera_update(db, &biz2, id, patch, &err), SH_ENOTFOUND);
    assert_int_equal(sh_camera_update(db, &village, id, patch, &err), SH_EPERM);
    json_decref(patch);
    assert_int_equal(scalar("SELECT count(*) FROM cameras WHERE name = '改名'"), 0);
    sh_camera_ref ref;
    assert_int_equal(sh_camera_find(db, &t102, 0, "A4:14:37:0B:2C:9E:1", &ref, &err), SH_ENOTFOUND);
    assert_int_equal(sh_camera_find(db, &t101, 0, "A4:14:37:0B:2C:9E:1", &ref, &err), 0);
    assert_int_equal(ref.id, id);

    /* a business does not register cameras itself: it files a request, checked as a real change (its
     * own business only), and a township official of the jurisdiction approves it */
    snprintf(json, sizeof json, "{\"entity_id\":%lld,\"name\":\"仓库\",\"area\":\"storage\",\"stream_url\":\"rtsp://a:S3cret@10.12.3.5/1\"}", (long long)shop);
    refused(&biz, json, SH_EPERM, "");
    int64_t cams_before = scalar("SELECT count(*) FROM cameras");
    int64_t request = file_request(&biz, 0, json, 0, NULL);
    assert_int_equal(scalar("SELECT count(*) FROM cameras"), cams_before);
    assert_int_equal(scalar("SELECT count(*) FROM camera_requests WHERE body_sealed LIKE '%S3cret%' OR summary LIKE '%S3cret%'"), 0);
    assert_int_equal(decide(&t102, request, "{\"approve\":true}", &err), SH_ENOTFOUND); /* another township */
    assert_int_equal(decide(&biz, request, "{\"approve\":true}", &err), SH_EPERM);
    assert_int_equal(decide(&t101, request, "{\"approve\":false}", &err), SH_EINVAL); /* a rejection needs a reason */
    assert_string_equal(err.field, "note");
    assert_int_equal(decide(&t101, request, "{\"approve\":true}", &err), 0);
    assert_int_equal(scalar("SELECT count(*) FROM cameras"), cams_before + 1);
    assert_int_equal(scalar("SELECT count(*) FROM cameras c JOIN camera_requests r ON r.camera_id = c.id AND r.status = 'approved'"
                            " WHERE c.stream_user = 'a' AND c.stream_secret IS NOT NULL"), 1);
    assert_int_equal(decide(&t101, request, "{\"approve\":true}", &err), SH_EEXIST); /* decided once */
    assert_int_equal(scalar("SELECT count(*) FROM cameras"), cams_before + 1);
    snprintf(json, sizeof json, "{\"entity_id\":%lld,\"name\":\"仓库\",\"area\":\"storage\",\"stream_url\":\"rtsp://10.12.3.5/1\"}", (long long)other);
    file_request(&biz, 0, json, SH_EINVAL, "entity_id");
    file_request(&t101, 0, json, SH_EPERM, "");
    refused(&t101, json, SH_EINVAL, "entity_id");
    refused(&village, json, SH_EPERM, "");
    snprintf(json, sizeof json, "{\"entity_id\":%lld,\"name\":\"仓库\",\"area\":\"storage\",\"stream_url\":\"rtsp://10.12.3.5/1\"}", (long long)closed);
    refused(&t101, json, SH_EINVAL, "entity_id");

    /* each bad value names its field */
#define BASE "{\"entity_id\":%lld,\"name\":\"n\",\"area\":\"kitchen\",\"stream_url\":\"rtsp://10.1.1.1/1\""
    static const struct { const char *extra, *field; int code; } bad[] = {
        {",\"area\":\"roof\"}", "area", SH_EINVAL},
        {",\"device_id\":\"A4:14:37:0B:2C:9E:1\"}", "device_id", SH_EEXIST},
        {",\"device_id\":\"a b\"}", "device_id", SH_EINVAL},
        {",\"schedule\":[{\"days\":[0],\"from\":\"08:00\",\"to\":\"17:00\"}]}", "schedule[0].days", SH_EINVAL},
        {",\"zones\":[{\"name\":\"z\",\"type\":\"mask\",\"points\":[[0,0],[1,1],[2,0]]}]}", "zones[0].points[2]", SH_EINVAL},
        {",\"rules\":[\"napping\"]}", "rules[0]", SH_EINVAL},
        /* zones that leave nothing watched: a mask over the frame, an include zone under a mask */
        {",\"zones\":[{\"name\":\"z\",\"type\":\"mask\",\"points\":[[0,0],[1,0],[1,1],[0,1]]}]}", "zones", SH_EINVAL},
        {",\"zones\":[{\"name\":\"i\",\"type\":\"include\",\"points\":[[0.1,0.1],[0.3,0.1],[0.3,0.3]]},"
         "{\"name\":\"m\",\"type\":\"mask\",\"points\":[[0,0],[0.5,0],[0.5,0.5],[0,0.5]]}]}", "zones", SH_EINVAL},
        {",\"enabled\":\"yes\"}", "enabled", SH_EINVAL},
        {",\"password\":\"x\"}", "username", SH_EINVAL},
        {",\"colour\":\"red\"}", "colour", SH_EINVAL},
        {",\"username\":\"u\",\"password\":\"p\",\"stream_url\":\"rtsp://a:b@10.1.1.1/1\"}", "stream_url", SH_EINVAL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char j[600];
        snprintf(j, sizeof j, BASE "%s", (long long)shop, bad[i].extra);
        refused(&t101, j, bad[i].code, bad[i].field);
    }
    snprintf(json, sizeof json, "{\"entity_id\":%lld,\"name\":\"\",\"area\":\"kitchen\",\"stream_url\":\"rtsp://10.1.1.1/1\"}", (long long)shop);
    refused(&t101, json, SH_EINVAL, "name");
    snprintf(json, sizeof json, "{\"entity_id\":%lld,\"area\":\"kitchen\",\"stream_url\":\"rtsp://10.1.1.1/1\"}", (long long)shop);
    refused(&t101, json, SH_EINVAL, "name");
    snprintf(json, sizeof json, "{\"entity_id\":%lld,\"name\":\"n\",\"area\":\"kitchen\"}", (long long)shop);
    refused(&t101, json, SH_EINVAL, "stream_url");

    /* update: a new URL keeps the credentials; null removes them; no moving to another business */
    patch = json_pack("{s:s, s:b}", "stream_url", "rtsp://10.12.3.9/Streaming/Channels/101", "enabled", 0);
    assert_int_equal(sh_camera_update(db, &biz, id, patch, &err), SH_EPERM);
    assert_int_equal(sh_camera_update(db, &t101, id, patch, &err), 0);
    json_decref(patch);
    /* a business may not switch a camera off, even by request; another change is a request */
    file_request(&biz, id, "{\"enabled\":false}", SH_EINVAL, "enabled");
    file_request(&biz, id, "{\"zones\":[{\"name\":\"z\",\"type\":\"mask\",\"points\":[[0,0],[1,0],[1,1],[0,1]]}]}", SH_EINVAL, "zones");
    request = file_request(&biz, id, "{\"name\":\"后厨主镜头\"}", 0, NULL);
    assert_int_equal(decide(&t101, request, "{\"approve\":false,\"note\":\"名称与现场不符\"}", &err), 0);
    assert_int_equal(scalar("SELECT count(*) FROM cameras WHERE name = '后厨主镜头'"), 0);
    assert_int_equal(scalar("SELECT count(*) FROM camera_requests WHERE status = 'rejected' AND decision_note = '名称与现场不符'"), 1);
    assert_int_equal(scalar("SELECT count(*) FROM cameras WHERE stream_url = 'rtsp://10.12.3.9/Streaming/Channels/101' AND stream_user = 'admin'"
                            " AND stream_secret IS NOT NULL AND enabled = 0"),
                     1);
    patch = json_pack("{s:I}", "entity_id", (json_int_t)other);
    assert_int_equal(sh_camera_update(db, &t101, id, patch, &err), SH_EINVAL);
    assert_string_equal(err.field, "entity_id");
    json_decref(patch);
    patch = json_pack("{s:n}", "username");
    assert_int_equal(sh_camera_update(db, &t101, id, patch, &err), 0);
    json_decref(patch);
    /* this one only: the business's camera keeps its credentials */
    assert_int_equal(scalar("SELECT count(*) FROM cameras WHERE stream_user IS NULL AND stream_secret IS NULL"), 1);
    assert_int_equal(scalar("SELECT count(*) FROM audit_log WHERE object_type = 'camera' AND action = 'update'"), 2);
}

static void offline_sweep(void **state)
{
    (void)state;
    exec("DELETE FROM camera_requests; DELETE FROM cameras; DELETE FROM audit_log;");
    int64_t shop = add_entity("caterer", "扫描测试店", "360799101201", "active");
    sh_principal sys;
    sh_principal_system(&sys);
    char json[300];
    int64_t ids[4];
    for (int i = 0; i < 4; i++) {
        snprintf(json, sizeof json, "{\"entity_id\":%lld,\"name\":\"cam%d\",\"area\":\"kitchen\",\"stream_url\":\"rtsp://10.1.1.%d/1\"}",
                 (long long)shop, i, i + 1);
        ids[i] = camera(&sys, json);
    }
    int64_t now = sh_now_ms();
    char sql[400];
    /* 0: heard 10 minutes ago; 1: heard just now; 2: never heard, registered an hour ago; 3: disabled and silent */
    snprintf(sql, sizeof sql,
             "UPDATE cameras SET last_heartbeat_at = %lld WHERE id = %lld;"
             "UPDATE cameras SET last_heartbeat_at = %lld WHERE id = %lld;"
             "UPDATE cameras SET created_at = %lld WHERE id IN (%lld, %lld);"
             "UPDATE cameras SET enabled = 0 WHERE id = %lld;",
             (long long)(now - 600000), (long long)ids[0], (long long)now, (long long)ids[1], (long long)(now - 3600000),
             (long long)ids[2], (long long)ids[3], (long long)ids[3]);
    exec(sql);
    int n = -1;
    sh_err err = {0};
    assert_int_equal(sh_camera_sweep_offline(db, now, &n, &err), 0);
    assert_int_equal(n, 2);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM cameras WHERE (id = %lld AND offline_since = %lld) OR (id = %lld AND offline_since = %lld)",
             (long long)ids[0], (long long)(now - 600000), (long long)ids[2], (long long)(now - 3600000));
    assert_int_equal(scalar(sql), 2);
    assert_int_equal(scalar("SELECT count(*) FROM cameras WHERE offline_since IS NOT NULL"), 2);
    /* once: a second sweep changes nothing */
    assert_int_equal(sh_camera_sweep_offline(db, now + 60000, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(scalar("SELECT count(*) FROM audit_log WHERE action = 'offline' AND actor = 'system'"), 2);
    /* the list: longest first, with since */
    json_t *items = NULL;
    assert_int_equal(sh_camera_offline_list(db, &sys, 100, &items, &err), 0);
    assert_int_equal(json_array_size(items), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "id")), ids[2]);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "since")), now - 3600000);
    assert_true(json_integer_value(json_object_get(json_array_get(items, 0), "offline_s")) >= 3600);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 1), "id")), ids[0]);
    json_decref(items);
    /* a heartbeat brings it back (audited once), and the sweep leaves it alone */
    json_t *health = json_pack("{s:i, s:f}", "decode_fps", 25, "inference_ms", 38.5);
    assert_int_equal(sh_camera_heartbeat(db, &sys, ids[0], health, &err), 0);
    json_decref(health);
    assert_int_equal(sh_camera_heartbeat(db, &sys, ids[0], NULL, &err), 0);
    assert_int_equal(scalar("SELECT count(*) FROM audit_log WHERE action = 'online'"), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM cameras WHERE id = %lld AND offline_since IS NULL AND last_heartbeat_at >= %lld"
                              " AND health = '{\"decode_fps\":25,\"inference_ms\":38.5}'",
             (long long)ids[0], (long long)now);
    assert_int_equal(scalar(sql), 1);
    assert_int_equal(sh_camera_sweep_offline(db, sh_now_ms(), &n, &err), 0);
    assert_int_equal(n, 0);
    /* the setting decides: with a limit of 1 s, the two heard "just now" are silent 5 s later */
    assert_int_equal(sh_setting_set(db, "camera_offline_after_s", "1", NULL), 0);
    assert_int_equal(sh_camera_sweep_offline(db, sh_now_ms() + 5000, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(sh_setting_set(db, "camera_offline_after_s", "300", NULL), 0);
}

static json_t *row(json_t *arr, const char *key, const char *value)
{
    size_t i;
    json_t *g;
    json_array_foreach(arr, i, g)
        if (!strcmp(json_string_value(json_object_get(g, key)), value))
            return g;
    fail_msg("no row %s = %s", key, value);
    return NULL;
}

static void counts(json_t *g, int required, int covered, int cameras, int online)
{
    assert_int_equal(json_integer_value(json_object_get(g, "required")), required);
    assert_int_equal(json_integer_value(json_object_get(g, "covered")), covered);
    assert_int_equal(json_integer_value(json_object_get(g, "cameras")), cameras);
    assert_int_equal(json_integer_value(json_object_get(g, "online")), online);
    json_t *share = json_object_get(g, "share");
    if (required)
        assert_true(fabs(json_real_value(share) - (double)covered / required) < 1e-12);
    else
        assert_true(json_is_null(share));
}

static void coverage(void **state)
{
    (void)state;
    exec("DELETE FROM camera_requests; DELETE FROM cameras; DELETE FROM entities;");
    sh_principal sys, t101;
    sh_principal_system(&sys);
    fixture_official(&t101, SH_ROLE_TOWNSHIP, "360799101000", "t101");
    int64_t a = add_entity("caterer", "A餐馆", "360799101201", "active");          /* kitchen */
    int64_t s = add_entity("school_canteen", "S学校食堂", "360799101201", "active"); /* raw_material, kitchen, washing */
    int64_t x = add_entity("seller", "X超市", "360799101201", "active");            /* nothing required */
    int64_t b = add_entity("caterer", "B面馆", "360799102201", "active");
    add_entity("caterer", "停业饭店", "360799102201", "suspended"); /* not counted */
    struct { int64_t e; const char *area; int heard; int enabled; } cams[] = {
        {a, "kitchen", 1, 1},
        {s, "raw_material", 1, 1}, {s, "kitchen", 1, 1}, {s, "washing", 0, 1},
        {x, "storage", 1, 1},
        {b, "kitchen", 1, 0},
    };
    int64_t now = sh_now_ms(), washing = 0;
    for (size_t i = 0; i < sizeof cams / sizeof cams[0]; i++) {
        char json[300];
        snprintf(json, sizeof json, "{\"entity_id\":%lld,\"name\":\"c%zu\",\"area\":\"%s\",\"stream_url\":\"rtsp://10.2.2.%zu/1\",\"enabled\":%s}",
                 (long long)cams[i].e, i, cams[i].area, i + 1, cams[i].enabled ? "true" : "false");
        int64_t id = camera(&sys, json);
        char sql[200];
        snprintf(sql, sizeof sql, "UPDATE cameras SET last_heartbeat_at = %lld WHERE id = %lld",
                 (long long)(cams[i].heard ? now : now - 3600000), (long long)id);
        exec(sql);
        if (!cams[i].heard)
            washing = id;
    }
    json_t *c = NULL;
    sh_err err = {0};
    assert_int_equal(sh_camera_coverage(db, &sys, &c, &err), 0);
    json_t *towns = json_object_get(c, "townships"), *kinds = json_object_get(c, "kinds");
    counts(json_object_get(c, "total"), 3, 1, 5, 4);
    assert_int_equal(json_array_size(towns), 2);
    counts(row(towns, "township_code", "360799101000"), 2, 1, 5, 4);
    assert_string_equal(json_string_value(json_object_get(row(towns, "township_code", "360799101000"), "township_name")), "梅林镇");
    counts(row(towns, "township_code", "360799102000"), 1, 0, 0, 0);
    counts(row(kinds, "kind", "caterer"), 2, 1, 1, 1);
    counts(row(kinds, "kind", "school_canteen"), 1, 0, 3, 2);
    counts(row(kinds, "kind", "seller"), 0, 0, 1, 1);
    counts(row(kinds, "kind", "producer"), 0, 0, 0, 0);
    assert_int_equal(json_array_size(json_object_get(row(kinds, "kind", "school_canteen"), "required_areas")), 3);
    json_decref(c);

    /* the washing camera comes on line: the school is covered; a township official sees its own */
    assert_int_equal(sh_camera_heartbeat(db, &sys, washing, NULL, &err), 0);
    assert_int_equal(sh_camera_coverage(db, &t101, &c, &err), 0);
    towns = json_object_get(c, "townships");
    assert_int_equal(json_array_size(towns), 1);
    counts(json_array_get(towns, 0), 2, 2, 5, 5);
    counts(json_object_get(c, "total"), 2, 2, 5, 5);
    json_decref(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stream_urls),
        cmocka_unit_test(schedules_and_zones),
        cmocka_unit_test(sealing),
        cmocka_unit_test(registry_and_jurisdiction),
        cmocka_unit_test(offline_sweep),
        cmocka_unit_test(coverage),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
