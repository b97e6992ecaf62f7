/* Hikvision ISAPI pushes as devices really send them: every namespace the firmware families write
 * (and none), MAC addresses and channels written any way and matched to the camera as registered,
 * the target's box (not the zone's) for line crossing and field / region detection, and heartbeats
 * (heartBeat, videoloss inactive) that keep a push-only camera on line without an alert.
 *
 * The fixtures follow ISAPI's event notification (EventNotificationAlert, version 2.0: ipAddress,
 * portNo, protocol, macAddress, channelID, dateTime, activePostCount, eventType, eventState,
 * eventDescription, channelName, DetectionRegionList / DetectionRegionEntry { regionID,
 * sensitivityLevel, RegionCoordinatesList / RegionCoordinates { positionX, positionY } (0..1000),
 * TargetRect { X, Y, width, height } }), as cameras post it to an HTTP listening host and as it is
 * quoted in public bug reports of Hikvision integrations (e.g. home-assistant/core#82767 and
 * maciej-or/hikvision_next#191 for the isapi.org namespace, the empty channelID of an NVR's
 * videoloss heartbeat and fielddetection's region list). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "adapters/isapi.h"
#include "core/mac.h"
#include "core/timeutil.h"
#include "domain/identity/secret.h"
#include "domain/video/camera.h"
#include "domain/video/observe.h"
#include "testutil.h"

static sh_db *db;
static sh_principal t01; /* township 梅林镇 (101): sees entity 1 */
static char tmpdir[64], keyfile[128];

#define NEAR(a, b) ((a) > (b) - 1e-9 && (a) < (b) + 1e-9)

static int64_t scalar(const char *sql)
{
    int64_t v = -1;
    sh_err err = {0};
    if (sh_db_query_int64(db, sql, -1, &v, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
    return v;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/shian-isapi-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(keyfile, sizeof keyfile, "%s/secret.key", tmpdir);
    sh_secret_use_key_file(keyfile);
    db = fixture_db();
    if (!db)
        return -1;
    sh_err err = {0};
    if (sh_db_exec(db,
                   "INSERT INTO entities(id, kind, name, division_code, status, created_at, updated_at)"
                   " VALUES (1, 'caterer', '梅林饭店', '360799101201', 'active', 0, 0),"
                   " (2, 'caterer', '青石饭店', '360799102201', 'active', 0, 0)",
                   &err) != 0)
        return -1;
    fixture_official(&t01, SH_ROLE_TOWNSHIP, "360799101000", "t01");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sh_db_close(db);
    unlink(keyfile);
    rmdir(tmpdir);
    return 0;
}

static sh_isapi_event parsed(const char *doc)
{
    sh_isapi_event ev;
    sh_err err = {0};
    if (sh_isapi_parse(doc, strlen(doc), &ev, &err) != 0)
        fail_msg("%s: %s\n%s", err.field, err.message, doc);
    return ev;
}

static void refused(const char *doc, const char *field)
{
    sh_isapi_event ev;
    sh_err err = {0};
    int rc = sh_isapi_parse(doc, strlen(doc), &ev, &err);
    if (rc != SH_EINVAL || strcmp(err.field, field))
        fail_msg("expected %s refused, got %d %s (%s)\n%s", field, rc, err.field, err.message, doc);
}

/* ---- MAC addresses and device ids (core/mac.c) ---- */

static void mac_forms(void **state)
{
    (void)state;
    char mac[SH_MAC_LEN + 1], id[96];
    const char *same[] = {"44:19:B6:0A:0B:0C", "44-19-b6-0a-0b-0c", "4419B60A0B0C", "4419.b60a.0b0c", "44:19:b6:0a:0b:0c"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        if (!sh_mac_normalize(same[i], mac))
            fail_msg("%s not read as a MAC", same[i]);
        assert_string_equal(mac, "44:19:b6:0a:0b:0c");
    }
    const char *not_mac[] = {"", "44:19:b6:0a:0b", "44:19-b6:0a:0b:0c", "44:19:b6:0a:0b:0g", "4419B60A0B0C0D", "aa", "camera-7"};
    for (size_t i = 0; i < sizeof not_mac / sizeof not_mac[0]; i++)
        if (sh_mac_normalize(not_mac[i], mac))
            fail_msg("%s read as a MAC", not_mac[i]);
    /* a MAC and a channel, however written, are one device id; the channel 01 is 1 */
    const char *cam[] = {"44:19:B6:0A:0B:0C:01", "44-19-B6-0A-0B-0C-1", "4419b60a0b0c:001", "4419B60A0B0C_1", "44:19:b6:0a:0b:0c/1",
                         "44:19:b6:0a:0b:0c:1"};
    for (size_t i = 0; i < sizeof cam / sizeof cam[0]; i++)
        assert_string_equal(sh_device_id_normalize(cam[i], id, sizeof id), "44:19:b6:0a:0b:0c:1");
    assert_string_equal(sh_device_id_normalize("44-19-B6-0A-0B-0C", id, sizeof id), "44:19:b6:0a:0b:0c");
    assert_string_equal(sh_device_id_normalize("44:19:b6:0a:0b:0c:0", id, sizeof id), "44:19:b6:0a:0b:0c:0");
    /* other naming is the box's own and stays as it is, case included */
    const char *other[] = {"BOX7-cam-3", "hik-nvr/ch12", "4419B60A0B0C0D:1", "44:19:b6:0a:0b:0c:x1", "44:19:b6:0a:0b:0c:"};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        assert_string_equal(sh_device_id_normalize(other[i], id, sizeof id), other[i]);
}

/* ---- namespaces ---- */

static const char *ALERT_FMT =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<EventNotificationAlert version=\"2.0\"%s>\n"
    "<ipAddress>192.168.1.64</ipAddress>\n<portNo>80</portNo>\n<protocol>HTTP</protocol>\n"
    "<macAddress>44:19:b6:0a:0b:0c</macAddress>\n<channelID>1</channelID>\n"
    "<dateTime>2026-11-23T10:00:00+08:00</dateTime>\n<activePostCount>1</activePostCount>\n"
    "<eventType>smokeDetection</eventType>\n<eventState>active</eventState>\n"
    "<eventDescription>smoke detection alarm</eventDescription>\n<channelName>后厨</channelName>\n"
    "<DetectionRegionList>\n<DetectionRegionEntry>\n<regionID>1</regionID>\n<sensitivityLevel>50</sensitivityLevel>\n"
    "<RegionCoordinatesList>\n"
    "<RegionCoordinates><positionX>400</positionX><positionY>500</positionY></RegionCoordinates>\n"
    "<RegionCoordinates><positionX>600</positionX><positionY>800</positionY></RegionCoordinates>\n"
    "</RegionCoordinatesList>\n</DetectionRegionEntry>\n</DetectionRegionList>\n"
    "</EventNotificationAlert>\n";

static void namespaces_read_alike(void **state)
{
    (void)state;
    const char *spaces[] = {
        " xmlns=\"http://www.isapi.org/ver20/XMLSchema\"",
        " xmlns=\"http://www.std-cgi.com/ver20/XMLSchema\"",
        " xmlns=\"http://www.hikvision.com/ver20/XMLSchema\"",
        " xmlns=\"http://www.hikvision.com/ver10/XMLSchema\"", /* older cameras (pyHik#62) */
        " xmlns=\"urn:psialliance-org\"",
        "", /* boxes that copy the structure without a namespace */
    };
    char doc[2048];
    sh_isapi_event first = {0};
    for (size_t i = 0; i < sizeof spaces / sizeof spaces[0]; i++) {
        snprintf(doc, sizeof doc, ALERT_FMT, spaces[i]);
        sh_isapi_event ev = parsed(doc);
        assert_string_equal(ev.device_id, "44:19:b6:0a:0b:0c:1");
        assert_string_equal(ev.label, "smokedetection");
        assert_true(ev.active && ev.has_box && !ev.heartbeat);
        assert_true(NEAR(ev.box[0], 0.4) && NEAR(ev.box[1], 0.5) && NEAR(ev.box[2], 0.2) && NEAR(ev.box[3], 0.3));
        if (i == 0)
            first = ev;
        /* the same event is the same event whatever the namespace: one idempotency key */
        assert_string_equal(ev.idempotency_key, first.idempotency_key);
    }
    /* a prefixed root in one of them reads the same too */
    const char *prefixed = "<isapi:EventNotificationAlert xmlns:isapi=\"http://www.isapi.org/ver20/XMLSchema\">"
                           "<isapi:macAddress>44:19:b6:0a:0b:0c</isapi:macAddress><isapi:channelID>1</isapi:channelID>"
                           "<isapi:dateTime>2026-11-23T10:00:00+08:00</isapi:dateTime><isapi:activePostCount>1</isapi:activePostCount>"
                           "<isapi:eventType>smokeDetection</isapi:eventType><isapi:eventState>active</isapi:eventState>"
                           "</isapi:EventNotificationAlert>";
    assert_string_equal(parsed(prefixed).idempotency_key, first.idempotency_key);
    snprintf(doc, sizeof doc, ALERT_FMT, " xmlns=\"http://example.com/ver20/XMLSchema\"");
    refused(doc, "body");
}

/* ---- the target's box ---- */

/* Line crossing on a camera: the line is two points of the RegionCoordinatesList; the person who
 * crossed it is the TargetRect. */
static const char *LINE_XML =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<EventNotificationAlert version=\"2.0\" xmlns=\"http://www.isapi.org/ver20/XMLSchema\">\n"
    "<ipAddress>192.168.1.64</ipAddress>\n<ipv6Address>::ffff:192.168.1.64</ipv6Address>\n<portNo>80</portNo>\n"
    "<protocol>HTTP</protocol>\n<macAddress>44-19-B6-0A-0B-0C</macAddress>\n<channelID>01</channelID>\n"
    "<dateTime>2026-11-23T10:00:00+08:00</dateTime>\n<activePostCount>1</activePostCount>\n"
    "<eventType>linedetection</eventType>\n<eventState>active</eventState>\n"
    "<eventDescription>linedetection alarm</eventDescription>\n<channelName>后厨</channelName>\n"
    "<DetectionRegionList>\n<DetectionRegionEntry>\n<regionID>1</regionID>\n<sensitivityLevel>50</sensitivityLevel>\n"
    "<RegionCoordinatesList>\n"
    "<RegionCoordinates><positionX>100</positionX><positionY>300</positionY></RegionCoordinates>\n"
    "<RegionCoordinates><positionX>900</positionX><positionY>350</positionY></RegionCoordinates>\n"
    "</RegionCoordinatesList>\n"
    "<detectionTarget>human</detectionTarget>\n"
    "<TargetRect><X>250</X><Y>120</Y><width>100</width><height>400</height></TargetRect>\n"
    "</DetectionRegionEntry>\n</DetectionRegionList>\n"
    "</EventNotificationAlert>\n";

static void target_box_not_zone(void **state)
{
    (void)state;
    sh_isapi_event ev = parsed(LINE_XML);
    assert_string_equal(ev.device_id, "44:19:b6:0a:0b:0c:1");
    assert_string_equal(ev.channel, "1");
    assert_true(ev.has_box && ev.box_from_target);
    assert_true(NEAR(ev.box[0], 0.25) && NEAR(ev.box[1], 0.12) && NEAR(ev.box[2], 0.1) && NEAR(ev.box[3], 0.4));

    /* field detection without a target: the zone (a big quadrilateral) is not the target's box */
    const char *field_xml =
        "<EventNotificationAlert version=\"2.0\" xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">"
        "<ipAddress>192.168.2.5</ipAddress><portNo>80</portNo><protocol>HTTP</protocol>"
        "<macAddress>ac:b9:2f:49:44:75</macAddress><channelID>1</channelID><dateTime>2026-11-23T10:00:00+08:00</dateTime>"
        "<activePostCount>1</activePostCount><eventType>fielddetection</eventType><eventState>active</eventState>"
        "<eventDescription>fielddetection alarm</eventDescription><DetectionRegionList><DetectionRegionEntry>"
        "<regionID>3</regionID><sensitivityLevel>50</sensitivityLevel><RegionCoordinatesList>"
        "<RegionCoordinates><positionX>572</positionX><positionY>100</positionY></RegionCoordinates>"
        "<RegionCoordinates><positionX>572</positionX><positionY>995</positionY></RegionCoordinates>"
        "<RegionCoordinates><positionX>999</positionX><positionY>998</positionY></RegionCoordinates>"
        "<RegionCoordinates><positionX>992</positionX><positionY>210</positionY></RegionCoordinates>"
        "</RegionCoordinatesList><detectionTarget>human</detectionTarget></DetectionRegionEntry></DetectionRegionList>"
        "</EventNotificationAlert>";
    ev = parsed(field_xml);
    assert_false(ev.has_box);
    /* with the target: its box */
    char *with = malloc(strlen(field_xml) + 200);
    strcpy(with, field_xml);
    char *at = strstr(with, "</DetectionRegionEntry>");
    memmove(at + 70, at, strlen(at) + 1);
    memcpy(at, "<TargetRect><X>600</X><Y>400</Y><width>80</width><height>300</height></TargetRect>", 70);
    /* (70 characters exactly: the rectangle above) */
    assert_int_equal(strlen("<TargetRect><X>600</X><Y>400</Y><width>80</width><height>300</height></TargetRect>"), 82);
    free(with);
    with = malloc(strlen(field_xml) + 200);
    strcpy(with, field_xml);
    at = strstr(with, "</DetectionRegionEntry>");
    const char *rect = "<TargetRect><X>600</X><Y>400</Y><width>80</width><height>300</height></TargetRect>";
    memmove(at + strlen(rect), at, strlen(at) + 1);
    memcpy(at, rect, strlen(rect));
    ev = parsed(with);
    assert_true(ev.has_box && ev.box_from_target);
    assert_true(NEAR(ev.box[0], 0.6) && NEAR(ev.box[1], 0.4) && NEAR(ev.box[2], 0.08) && NEAR(ev.box[3], 0.3));
    free(with);

    /* region entrance with the rectangle as fractions, in a Target element (newer firmware) */
    const char *entrance =
        "<EventNotificationAlert version=\"2.0\" xmlns=\"http://www.std-cgi.com/ver20/XMLSchema\">"
        "<macAddress>4419B60A0B0C</macAddress><channelID>2</channelID><dateTime>2026-11-23T10:00:00+08:00</dateTime>"
        "<activePostCount>1</activePostCount><eventType>regionEntrance</eventType><eventState>active</eventState>"
        "<DetectionRegionList><DetectionRegionEntry><regionID>1</regionID><RegionCoordinatesList>"
        "<RegionCoordinates><positionX>0</positionX><positionY>0</positionY></RegionCoordinates>"
        "<RegionCoordinates><positionX>1000</positionX><positionY>1000</positionY></RegionCoordinates>"
        "</RegionCoordinatesList></DetectionRegionEntry></DetectionRegionList>"
        "<TargetList><Target><targetType>human</targetType><Rect><height>0.250</height><width>0.125</width>"
        "<x>0.500</x><y>0.375</y></Rect></Target></TargetList></EventNotificationAlert>";
    ev = parsed(entrance);
    assert_string_equal(ev.device_id, "44:19:b6:0a:0b:0c:2");
    assert_true(ev.has_box && ev.box_from_target);
    assert_true(NEAR(ev.box[0], 0.5) && NEAR(ev.box[1], 0.375) && NEAR(ev.box[2], 0.125) && NEAR(ev.box[3], 0.25));

    /* region exiting in JSON with targetRect */
    const char *exiting =
        "{\"ipAddress\":\"192.168.1.64\",\"macAddress\":\"44:19:B6:0A:0B:0C\",\"channelID\":1,"
        "\"dateTime\":\"2026-11-23T10:00:00+08:00\",\"activePostCount\":1,\"eventType\":\"regionExiting\",\"eventState\":\"active\","
        "\"DetectionRegionList\":[{\"DetectionRegionEntry\":{\"regionID\":1,\"RegionCoordinatesList\":["
        "{\"RegionCoordinates\":{\"positionX\":100,\"positionY\":100}},{\"RegionCoordinates\":{\"positionX\":900,\"positionY\":900}}],"
        "\"targetRect\":{\"x\":300,\"y\":200,\"width\":150,\"height\":500}}}]}";
    ev = parsed(exiting);
    assert_true(ev.has_box && ev.box_from_target);
    assert_true(NEAR(ev.box[0], 0.3) && NEAR(ev.box[1], 0.2) && NEAR(ev.box[2], 0.15) && NEAR(ev.box[3], 0.5));
    /* the same event as JSON without a target: no box from the zone */
    const char *exiting_zone =
        "{\"macAddress\":\"44:19:B6:0A:0B:0C\",\"channelID\":1,\"dateTime\":\"2026-11-23T10:00:00+08:00\","
        "\"eventType\":\"regionExiting\",\"eventState\":\"active\",\"DetectionRegionList\":[{\"RegionCoordinatesList\":["
        "{\"positionX\":100,\"positionY\":100},{\"positionX\":900,\"positionY\":900}]}]}";
    assert_false(parsed(exiting_zone).has_box);

    /* a rectangle out of the picture, or without all four values, is refused */
    const char *bad_rect[] = {"<TargetRect><X>900</X><Y>100</Y><width>200</width><height>100</height></TargetRect>",
                              "<TargetRect><X>9000</X><Y>100</Y><width>20</width><height>100</height></TargetRect>",
                              "<TargetRect><X>100</X><Y>100</Y><width>20</width></TargetRect>"};
    for (size_t i = 0; i < sizeof bad_rect / sizeof bad_rect[0]; i++) {
        char *doc = malloc(strlen(LINE_XML) + 200);
        strcpy(doc, LINE_XML);
        char *r0 = strstr(doc, "<TargetRect>"), *r1 = strstr(doc, "</TargetRect>") + strlen("</TargetRect>");
        memmove(r0 + strlen(bad_rect[i]), r1, strlen(r1) + 1);
        memcpy(r0, bad_rect[i], strlen(bad_rect[i]));
        refused(doc, "TargetRect");
        free(doc);
    }
}

/* ---- heartbeats ---- */

/* What an idle camera sends every few seconds on its alert stream (home-assistant/core#82767). */
static const char *VIDEOLOSS_IDLE =
    "<EventNotificationAlert version=\"2.0\" xmlns=\"http://www.isapi.org/ver20/XMLSchema\">\n"
    "<ipAddress>192.168.20.88</ipAddress>\n<portNo>80</portNo>\n<protocolType>HTTP</protocolType>\n"
    "<macAddress>44:19:B6:0A:0B:0C</macAddress>\n<dynChannelID/>\n<channelID>01</channelID>\n"
    "<dateTime>2026-11-23T10:00:00+08:00</dateTime>\n<activePostCount>0</activePostCount>\n"
    "<eventType>videoloss</eventType>\n<eventState>inactive</eventState>\n"
    "<eventDescription>videoloss alarm</eventDescription>\n</EventNotificationAlert>\n";

static void heartbeats_parse(void **state)
{
    (void)state;
    sh_isapi_event ev = parsed(VIDEOLOSS_IDLE);
    assert_true(ev.heartbeat);
    assert_false(ev.active);
    assert_string_equal(ev.device_id, "44:19:b6:0a:0b:0c:1");
    /* an NVR's heartbeat for the whole device: channel empty, no time or state */
    ev = parsed("<EventNotificationAlert version=\"2.0\" xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">"
                "<ipAddress>192.168.1.10</ipAddress><macAddress>44-19-B6-0A-0B-0C</macAddress><channelID></channelID>"
                "<eventType>heartBeat</eventType></EventNotificationAlert>");
    assert_true(ev.heartbeat);
    assert_string_equal(ev.device_id, "44:19:b6:0a:0b:0c");
    ev = parsed("{\"macAddress\":\"44:19:b6:0a:0b:0c\",\"channelID\":0,\"dateTime\":\"2026-11-23T10:00:00+08:00\","
                "\"eventType\":\"videoloss\",\"eventState\":\"inactive\",\"activePostCount\":0}");
    assert_true(ev.heartbeat);
    assert_string_equal(ev.device_id, "44:19:b6:0a:0b:0c");
    /* a real video loss is no sign of life */
    char *lost = strdup(VIDEOLOSS_IDLE);
    memcpy(strstr(lost, ">inactive<") + 1, "active</eventState>  ", 21);
    ev = parsed(lost);
    free(lost);
    assert_false(ev.heartbeat);
    assert_true(ev.active);
    /* an alarm still needs its channel and time */
    refused("<EventNotificationAlert><macAddress>44:19:b6:0a:0b:0c</macAddress><dateTime>2026-11-23T10:00:00+08:00</dateTime>"
            "<eventType>fielddetection</eventType><eventState>active</eventState></EventNotificationAlert>",
            "channelID");
    refused("<EventNotificationAlert><macAddress>44:19:b6:0a:0b:0c</macAddress><channelID>1</channelID>"
            "<eventType>fielddetection</eventType><eventState>active</eventState></EventNotificationAlert>",
            "dateTime");
}

static int64_t heard(int64_t camera)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT coalesce(last_heartbeat_at, 0) FROM cameras WHERE id = %lld", (long long)camera);
    return scalar(sql);
}

static void heartbeat_keeps_camera_online(void **state)
{
    (void)state;
    sh_err err = {0};
    /* registered in another spelling; a second channel of the same recorder; another township's */
    assert_int_equal(sh_db_exec(db,
                                "INSERT INTO cameras(id, entity_id, name, area, stream_url, device_id, schedule, zones, rules, enabled,"
                                " offline_since, created_at, updated_at) VALUES"
                                " (11, 1, '后厨', 'kitchen', 'file:a.mp4', '44:19:b6:0a:0b:0c:1', '[]', '[]', '[]', 1, 5, 0, 0),"
                                " (12, 1, '仓库', 'storage', 'file:b.mp4', '44:19:b6:0a:0b:0c:2', '[]', '[]', '[]', 1, NULL, 0, 0),"
                                " (13, 2, '后厨', 'kitchen', 'file:c.mp4', '44:19:b6:0a:0b:0c:3', '[]', '[]', '[]', 1, NULL, 0, 0)",
                                &err),
                     0);
    sh_isapi_event ev = parsed(VIDEOLOSS_IDLE);
    int n = 0;
    sh_clock_pin(1795400000000LL);
    assert_int_equal(sh_camera_heard_device(db, &t01, ev.device_id, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_true(heard(11) >= 1795400000000LL && heard(11) <= sh_now_ms());
    assert_int_equal(scalar("SELECT count(*) FROM cameras WHERE id = 11 AND offline_since IS NULL"), 1);
    assert_int_equal(heard(12), 0);
    /* nothing stored as an observation or an alert */
    assert_int_equal(scalar("SELECT count(*) FROM observations"), 0);
    assert_int_equal(scalar("SELECT count(*) FROM alerts"), 0);
    /* a device-wide heartbeat: every channel of the recorder in the jurisdiction */
    sh_clock_pin(1795400060000LL);
    assert_int_equal(sh_camera_heard_device(db, &t01, "4419B60A0B0C", &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(heard(11), heard(12));
    assert_int_equal(heard(13), 0);
    /* unknown devices and a business cannot keep anything on line */
    assert_int_equal(sh_camera_heard_device(db, &t01, "00:00:00:00:00:99:1", &n, &err), SH_ENOTFOUND);
    assert_string_equal(err.field, "device_id");
    sh_principal biz = {.role = SH_ROLE_BUSINESS, .entity_id = 1, .scope = {.kind = SH_SCOPE_ENTITY, .entity_id = 1}};
    int64_t before = heard(11);
    sh_clock_pin(1795400120000LL);
    assert_int_equal(sh_camera_heard_device(db, &biz, ev.device_id, &n, &err), SH_ENOTFOUND);
    assert_int_equal(heard(11), before);
}

/* ---- registration and ingestion agree ---- */

static void registration_matches_ingestion(void **state)
{
    (void)state;
    json_t *body = json_pack("{s:i, s:s, s:s, s:s, s:s}", "entity_id", 1, "name", "后厨", "area", "kitchen", "stream_url",
                             "rtsp://10.0.0.5/Streaming/Channels/101", "device_id", "44-19-B6-0A-0B-0D-01");
    int64_t id = 0;
    sh_err err = {0};
    if (sh_camera_create(db, &t01, body, &id, &err) != 0)
        fail_msg("%s: %s", err.field, err.message);
    json_decref(body);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM cameras WHERE id = %lld AND device_id = '44:19:b6:0a:0b:0d:1'", (long long)id);
    assert_int_equal(scalar(sql), 1);
    /* the same device written another way is the same camera: refused as a duplicate */
    body = json_pack("{s:i, s:s, s:s, s:s, s:s}", "entity_id", 1, "name", "后厨2", "area", "kitchen", "stream_url",
                     "rtsp://10.0.0.6/s", "device_id", "4419b60a0b0d:1");
    int64_t id2 = 0;
    assert_int_equal(sh_camera_create(db, &t01, body, &id2, &err), SH_EEXIST);
    json_decref(body);
    /* the push, with the MAC in capitals without separators and channel 001, finds it */
    sh_isapi_event ev = parsed("<EventNotificationAlert version=\"2.0\" xmlns=\"http://www.isapi.org/ver20/XMLSchema\">"
                               "<macAddress>4419B60A0B0D</macAddress><channelID>001</channelID>"
                               "<dateTime>2026-11-23T10:00:00+08:00</dateTime><activePostCount>1</activePostCount>"
                               "<eventType>smokeDetection</eventType><eventState>active</eventState></EventNotificationAlert>");
    sh_observation_in in;
    sh_isapi_observation(&ev, &in);
    json_t *out = NULL;
    int dup = 0;
    int64_t now = 0;
    assert_int_equal(sh_parse_time("2026-11-23T10:01:00+08:00", &now), 0);
    if (sh_observe(db, &t01, tmpdir, &in, now, &out, &dup, &err) != 0)
        fail_msg("%s: %s", err.field, err.message);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(out, "observation"), "camera_id")), id);
    json_decref(out);
    /* an AI box naming the camera by device_id in yet another spelling finds it too */
    sh_observation_in box = {.device_id = "44:19:B6:0A:0B:0D:1", .observed_at = now - 1000, .label = "smoking", .score = 0.9,
                             .idempotency_key = "box-1", .source = "ai_box"};
    out = NULL;
    if (sh_observe(db, &t01, tmpdir, &box, now, &out, &dup, &err) != 0)
        fail_msg("%s: %s", err.field, err.message);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(out, "observation"), "camera_id")), id);
    json_decref(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mac_forms),
        cmocka_unit_test(namespaces_read_alike),
        cmocka_unit_test(target_box_not_zone),
        cmocka_unit_test(heartbeats_parse),
        cmocka_unit_test_setup_teardown(heartbeat_keeps_camera_online, setup, teardown),
        cmocka_unit_test_setup_teardown(registration_matches_ingestion, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
