/* shian-vision's parts that need no video: the local pre-filter (label mapping, the platform's rules,
 * minimum frames, cooldown, the after-hours person), the JPEG snapshot, the bounded queue of
 * observations, the Prometheus text and the scrubbing of credentials from log lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "nn/tensor.h"
#include "vision/analyser.h"
#include "vision/grey.h"
#include "vision/jpeg.h"
#include "vision/metrics.h"
#include "vision/prefilter.h"
#include "vision/queue.h"
#include "vision/snapshot.h"

/* Monday 2026-11-23 00:00 in Beijing (UTC+8) */
#define MONDAY_BJ 1795363200000LL
#define AT(h, m) (MONDAY_BJ + ((h) * 60LL + (m)) * 60000LL)

/* The server's configuration as GET /api/v1/vision/cameras gives it (the rows of db/011_video.sql
 * that matter here, plus a vendor row of another source that must be ignored). */
static const char *CONFIG =
    "{\"label_map\": ["
    "{\"source\": \"*\", \"label\": \"cat\", \"violation\": \"animal\"},"
    "{\"source\": \"*\", \"label\": \"dog\", \"violation\": \"animal\"},"
    "{\"source\": \"*\", \"label\": \"cell phone\", \"violation\": \"phone\"},"
    "{\"source\": \"*\", \"label\": \"person_after_hours\", \"violation\": \"stranger\"},"
    "{\"source\": \"hikvision\", \"label\": \"bicycle\", \"violation\": \"animal\"}],"
    "\"alert_rules\": ["
    "{\"violation\": \"animal\", \"enabled\": true, \"min_score\": 0.45, \"night_min_score\": 0.35, \"min_duration_s\": 0, \"cooldown_s\": 900, \"schedule\": \"always\", \"use_zones\": true},"
    "{\"violation\": \"phone\", \"enabled\": true, \"min_score\": 0.6, \"min_duration_s\": 10, \"cooldown_s\": 600, \"schedule\": \"working\", \"use_zones\": true},"
    "{\"violation\": \"stranger\", \"enabled\": true, \"min_score\": 0.6, \"min_duration_s\": 0, \"cooldown_s\": 1800, \"schedule\": \"after_hours\", \"use_zones\": true}]}";

static sh_vrules *rules(void)
{
    json_t *c = json_loads(CONFIG, 0, NULL);
    assert_non_null(c);
    sh_vrules *r;
    assert_int_equal(sh_vrules_from_json(c, &r, NULL), 0);
    json_decref(c);
    return r;
}

static sh_detection det(const char *label, float score, float x, float y)
{
    return (sh_detection){.label = label, .score = score, .box = {x, y, 0.2f, 0.3f}};
}

static void test_labels_and_rules(void **state)
{
    (void)state;
    sh_vrules *r = rules();
    json_t *sched = json_loads("[{\"days\": [1,2,3,4,5,6,7], \"from\": \"08:00\", \"to\": \"17:00\"}]", 0, NULL);
    json_t *empty = json_array();
    sh_camera_setup cam = {.rules = empty, .zones = empty, .schedule = sched};
    char out[64];
    /* COCO labels go as their own text when the label map knows them */
    assert_string_equal(sh_prefilter_label(r, &cam, "dog", AT(10, 0), out, sizeof out), "dog");
    assert_string_equal(sh_prefilter_label(r, &cam, "cell phone", AT(10, 0), out, sizeof out), "cell phone");
    assert_null(sh_prefilter_label(r, &cam, "bicycle", AT(10, 0), out, sizeof out)); /* only Hikvision's map has it */
    assert_null(sh_prefilter_label(r, &cam, "car", AT(10, 0), out, sizeof out));
    /* a person matters only outside the camera's working hours */
    assert_null(sh_prefilter_label(r, &cam, "person", AT(10, 0), out, sizeof out));
    assert_string_equal(sh_prefilter_label(r, &cam, "person", AT(23, 0), out, sizeof out), "person_after_hours");
    assert_string_equal(sh_prefilter_label(r, &cam, "person", AT(7, 59), out, sizeof out), "person_after_hours");
    cam.schedule = empty; /* no schedule: always working, never a stranger */
    assert_null(sh_prefilter_label(r, &cam, "person", AT(3, 0), out, sizeof out));
    assert_string_equal(sh_vrules_violation(r, "dog"), "animal");
    assert_null(sh_vrules_violation(r, "bicycle"));
    assert_true(sh_vrules_rule(r, "phone")->min_duration_s == 10);
    json_decref(sched);
    json_decref(empty);
    sh_vrules_free(r);
}

static void test_min_frames_and_cooldown(void **state)
{
    (void)state;
    sh_vrules *r = rules();
    json_t *empty = json_array();
    sh_camera_setup cam = {.rules = empty, .zones = empty, .schedule = empty};
    sh_prefilter *p;
    assert_int_equal(sh_prefilter_new(&(sh_prefilter_opts){.min_frames = 2, .cooldown_s = 30, .gap_ms = 3000}, &p, NULL), 0);
    sh_candidate c[4];
    sh_detection d[3] = {det("dog", 0.6f, 0.1f, 0.2f), det("dog", 0.7f, 0.5f, 0.5f), det("car", 0.9f, 0, 0)};
    int64_t t = AT(12, 0);
    /* the first sighting is held; the second, 200 ms later, is posted: the best dog of the run */
    assert_int_equal(sh_prefilter_run(p, r, &cam, t, 0, d, 3, c, 4), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, t + 200, 0, d, 3, c, 4), 1);
    assert_string_equal(c[0].label, "dog");
    assert_string_equal(c[0].violation, "animal");
    assert_true(c[0].score > 0.69f && c[0].box[0] == 0.5f);
    /* a still dog, five times a second for 29.8 s: nothing more */
    int posts = 0;
    for (int64_t ms = t + 400; ms < t + 30000; ms += 200)
        posts += sh_prefilter_run(p, r, &cam, ms, 0, d, 3, c, 4);
    assert_int_equal(posts, 0);
    /* once the cooldown is over: one more */
    assert_int_equal(sh_prefilter_run(p, r, &cam, t + 30200, 0, d, 3, c, 4), 1);
    /* a cat is a label of its own (its own count and cooldown), though the same violation */
    sh_detection cat = det("cat", 0.5f, 0.3f, 0.3f);
    assert_int_equal(sh_prefilter_run(p, r, &cam, t + 30400, 0, &cat, 1, c, 4), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, t + 30600, 0, &cat, 1, c, 4), 1);
    assert_string_equal(c[0].label, "cat");
    /* below the rule's minimum score (0.45): not a sighting at all */
    sh_detection faint = det("dog", 0.44f, 0.1f, 0.1f);
    sh_prefilter_stats st;
    sh_prefilter_stats_get(p, &st);
    int64_t passed = st.passed;
    assert_int_equal(sh_prefilter_run(p, r, &cam, t + 80000, 0, &faint, 1, c, 4), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, t + 80200, 0, &faint, 1, c, 4), 0);
    sh_prefilter_stats_get(p, &st);
    assert_int_equal(st.passed, passed);
    /* the same dog on a grey (infrared) frame: the rule's night minimum (0.35) applies, and the
     * candidate says so */
    assert_int_equal(sh_prefilter_run(p, r, &cam, t + 90000, 1, &faint, 1, c, 4), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, t + 90200, 1, &faint, 1, c, 4), 1);
    assert_true(c[0].night && c[0].score == 0.44f);
    sh_detection fainter = det("cat", 0.34f, 0.1f, 0.1f);
    assert_int_equal(sh_prefilter_run(p, r, &cam, t + 91000, 1, &fainter, 1, c, 4), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, t + 91200, 1, &fainter, 1, c, 4), 0);
    assert_true(st.emitted == 3 && st.held_cooldown > 100 && st.held_frames >= 2);
    sh_prefilter_free(p);

    /* two sightings too far apart are not "present" (gap 3 s); min_frames 3 needs three in a row */
    assert_int_equal(sh_prefilter_new(&(sh_prefilter_opts){.min_frames = 3, .cooldown_s = 30, .gap_ms = 3000}, &p, NULL), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, t, 0, d, 1, c, 4), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, t + 1000, 0, d, 1, c, 4), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, t + 5000, 0, d, 1, c, 4), 0); /* restarts at 1 */
    assert_int_equal(sh_prefilter_run(p, r, &cam, t + 6000, 0, d, 1, c, 4), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, t + 7000, 0, d, 1, c, 4), 1);
    sh_prefilter_free(p);

    /* min_frames 1: at once; a rule with a minimum duration (phone: 10 s) shortens the cooldown to it,
       so that the server's pending alert hears again in time to open */
    assert_int_equal(sh_prefilter_new(&(sh_prefilter_opts){.min_frames = 1, .cooldown_s = 60, .gap_ms = 3000}, &p, NULL), 0);
    sh_detection phone = det("cell phone", 0.8f, 0.4f, 0.4f);
    posts = 0;
    for (int64_t ms = t; ms <= t + 25000; ms += 500)
        posts += sh_prefilter_run(p, r, &cam, ms, 0, &phone, 1, c, 4);
    assert_int_equal(posts, 3); /* at 0, 10 and 20 s */
    sh_prefilter_free(p);
    assert_int_equal(sh_prefilter_new(&(sh_prefilter_opts){.min_frames = 0}, &p, NULL), SH_EINVAL);
    json_decref(empty);
    sh_vrules_free(r);
}

static void test_after_hours_zones_and_camera_rules(void **state)
{
    (void)state;
    sh_vrules *r = rules();
    json_t *sched = json_loads("[{\"days\": [1,2,3,4,5], \"from\": \"08:00\", \"to\": \"17:00\"}]", 0, NULL);
    /* only the lower half counts (bottom centre of the box), the top-left corner masked */
    json_t *zones = json_loads("[{\"name\": \"floor\", \"type\": \"include\", \"points\": [[0,0.5],[1,0.5],[1,1],[0,1]]}]", 0, NULL);
    json_t *empty = json_array();
    sh_camera_setup cam = {.rules = empty, .zones = empty, .schedule = sched};
    sh_prefilter *p;
    assert_int_equal(sh_prefilter_new(&(sh_prefilter_opts){.min_frames = 2, .cooldown_s = 30, .gap_ms = 3000}, &p, NULL), 0);
    sh_candidate c[4];
    sh_detection person = det("person", 0.8f, 0.4f, 0.4f);
    /* Monday 10:00, working: a person is nobody's business here */
    for (int i = 0; i < 5; i++)
        assert_int_equal(sh_prefilter_run(p, r, &cam, AT(10, 0) + i * 200, 0, &person, 1, c, 4), 0);
    /* Monday 22:00: a stranger */
    assert_int_equal(sh_prefilter_run(p, r, &cam, AT(22, 0), 0, &person, 1, c, 4), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, AT(22, 0) + 200, 0, &person, 1, c, 4), 1);
    assert_string_equal(c[0].label, "person_after_hours");
    assert_string_equal(c[0].violation, "stranger");
    /* Saturday 10:00 (no work on weekends in this schedule): a stranger too; a faint one (0.5 < 0.6) not */
    int64_t sat = AT(10, 0) + 5 * 86400000LL;
    assert_int_equal(sh_prefilter_run(p, r, &cam, sat, 0, &person, 1, c, 4), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, sat + 200, 0, &person, 1, c, 4), 1);
    sh_detection faint = det("person", 0.5f, 0.4f, 0.4f);
    assert_int_equal(sh_prefilter_run(p, r, &cam, sat + 40000, 0, &faint, 1, c, 4), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, sat + 40200, 0, &faint, 1, c, 4), 0);
    /* a phone only in working hours (the phone rule's schedule) */
    sh_detection phone = det("cell phone", 0.9f, 0.4f, 0.4f);
    assert_int_equal(sh_prefilter_run(p, r, &cam, AT(22, 0), 0, &phone, 1, c, 4), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, AT(22, 0) + 200, 0, &phone, 1, c, 4), 0);
    sh_prefilter_free(p);

    /* zones: a dog standing in the upper half does not count; on the floor it does */
    cam.zones = zones;
    assert_int_equal(sh_prefilter_new(&(sh_prefilter_opts){.min_frames = 1, .cooldown_s = 30, .gap_ms = 3000}, &p, NULL), 0);
    sh_detection up = {.label = "dog", .score = 0.9f, .box = {0.1f, 0.0f, 0.2f, 0.3f}};
    sh_detection floor = {.label = "dog", .score = 0.9f, .box = {0.1f, 0.4f, 0.2f, 0.3f}};
    assert_int_equal(sh_prefilter_run(p, r, &cam, AT(10, 0), 0, &up, 1, c, 4), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, AT(10, 0) + 200, 0, &floor, 1, c, 4), 1);
    sh_prefilter_free(p);

    /* a camera that enables only the phone rule: no animals from it */
    json_t *only_phone = json_loads("[\"phone\"]", 0, NULL);
    cam.zones = empty;
    cam.rules = only_phone;
    assert_int_equal(sh_prefilter_new(&(sh_prefilter_opts){.min_frames = 1, .cooldown_s = 30, .gap_ms = 3000}, &p, NULL), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, AT(10, 0), 0, &floor, 1, c, 4), 0);
    assert_int_equal(sh_prefilter_run(p, r, &cam, AT(10, 0), 0, &phone, 1, c, 4), 1);
    sh_prefilter_free(p);
    json_decref(only_phone);
    json_decref(sched);
    json_decref(zones);
    json_decref(empty);
    sh_vrules_free(r);
}

/* A busy kitchen as NanoDet's six outputs: twelve cups (COCO 41) at .90 and a cat (COCO 15) at .50,
 * each on a cell of its own in the 13x13 grid, far enough apart that suppression leaves them all. */
static void busy_outputs(sh_tensor *outs[6])
{
    static const int bases[3] = {13, 26, 52};
    for (int s = 0; s < 3; s++) {
        int cells = bases[s] * bases[s];
        int sc[3] = {1, cells, 80}, ft[3] = {1, cells, 44};
        assert_int_equal(sh_tensor_new(SH_F32, 3, sc, &outs[2 * s], NULL), 0);
        assert_int_equal(sh_tensor_new(SH_F32, 3, ft, &outs[2 * s + 1], NULL), 0);
    }
    float *score = sh_f32(outs[0]), *feat = sh_f32(outs[1]);
    for (int k = 0; k < 13; k++) {
        int cell = (k / 4) * 4 * 13 + (k % 4) * 3; /* rows 0, 4, 8, 12; columns 0, 3, 6, 9 */
        score[cell * 80 + (k < 12 ? 41 : 15)] = k < 12 ? 0.9f : 0.5f;
        for (int side = 0; side < 4; side++)
            feat[cell * 44 + side * 11 + 1] = 1; /* each side one bin out: a box about 0.16 wide */
    }
}

static void test_map_before_cap(void **state)
{
    (void)state;
    sh_tensor *outs[6];
    busy_outputs(outs);
    sh_detection d[32];
    int n = 0;
    sh_nanodet_opts o = SH_NANODET_DEFAULTS;
    /* without the label map the ten best are cups: the cat is pushed out */
    assert_int_equal(sh_nanodet_decode(outs, 416, &o, d, 32, &n, NULL), 0);
    assert_int_equal(n, 10);
    for (int i = 0; i < n; i++)
        assert_string_equal(d[i].label, "cup");
    /* the label map first (cups map to nothing), then the cap: the cat is found */
    sh_vrules *r = rules();
    json_t *empty = json_array();
    sh_camera_setup cam = {.rules = empty, .zones = empty, .schedule = empty};
    sh_prefilter_keep keep = {.rules = r, .cam = &cam, .ms = AT(10, 0)};
    o.keep = sh_prefilter_keeps;
    o.keep_ctx = &keep;
    assert_int_equal(sh_nanodet_decode(outs, 416, &o, d, 32, &n, NULL), 0);
    assert_int_equal(n, 1);
    assert_string_equal(d[0].label, "cat");
    assert_true(d[0].score == 0.5f);
    /* and it reaches the pre-filter as a finding */
    sh_prefilter *p;
    assert_int_equal(sh_prefilter_new(&(sh_prefilter_opts){.min_frames = 1, .cooldown_s = 30, .gap_ms = 3000}, &p, NULL), 0);
    sh_candidate c[4];
    assert_int_equal(sh_prefilter_run(p, r, &cam, AT(10, 0), 0, d, n, c, 4), 1);
    assert_string_equal(c[0].violation, "animal");
    sh_prefilter_free(p);
    json_decref(empty);
    sh_vrules_free(r);
    for (int i = 0; i < 6; i++)
        sh_tensor_free(outs[i]);
}

/* Grey (infrared) frames: equal channels, or nearly (a codec's rounding), are grey; a dim colour
 * scene (the test videos' wall, 0x8a8276) is not. */
static void test_grey_frames(void **state)
{
    (void)state;
    enum { W = 64, H = 48, S = W * 3 + 5 };
    static uint8_t img[H * S];
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint8_t *p = img + y * S + 3 * x;
            p[0] = p[1] = p[2] = (uint8_t)(x * 4);
            p[(x + y) % 3] += (x + y) % 2; /* a level of codec noise */
        }
    assert_true(sh_frame_is_grey(img, W, H, S));
    assert_true(sh_frame_chroma(img, W, H, S) < 1);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint8_t *p = img + y * S + 3 * x;
            p[0] = 0x8a, p[1] = 0x82, p[2] = 0x76;
        }
    assert_false(sh_frame_is_grey(img, W, H, S));
    assert_true(sh_frame_chroma(img, W, H, S) == 20);
    assert_false(sh_frame_is_grey(img, 0, 0, S));
}

/* One sampled frame (a JPEG given as a video, --once): rates over its sampling period, and the
 * inference time it took, not zeros. */
static void test_metrics_one_frame(void **state)
{
    (void)state;
    sh_metrics *m;
    assert_int_equal(sh_metrics_new(&m, NULL), 0);
    sh_metrics_camera(m, 9, "照片", 1);
    sh_metrics_camera_add(m, 9, &(sh_cam_delta){.decoded = 1, .frames = 1, .detect_runs = 1, .inference_ms = 80});
    sh_metrics_summarise(m, 5);
    json_t *h = sh_metrics_health(m, 9);
    assert_true(json_real_value(json_object_get(h, "inference_ms")) == 80.0);
    assert_true(json_real_value(json_object_get(h, "detect_fps")) == 5.0);
    assert_true(json_real_value(json_object_get(h, "decode_fps")) == 5.0);
    assert_int_equal(json_integer_value(json_object_get(h, "grey_frames")), 0);
    json_decref(h);
    sh_metrics_free(m);
}

static void test_snapshot(void **state)
{
    (void)state;
    int w = 640, h = 480;
    uint8_t *rgb = malloc((size_t)w * h * 3);
    assert_non_null(rgb);
    /* a smooth picture and a noisy one (which compresses badly) */
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint8_t *p = rgb + ((size_t)y * w + x) * 3;
            p[0] = (uint8_t)x, p[1] = (uint8_t)y, p[2] = 128;
        }
    unsigned char *jpg;
    size_t len;
    assert_int_equal(sh_snapshot_jpeg(rgb, w, h, w * 3, 200000, &jpg, &len, NULL), 0);
    assert_true(len > 1000 && len < 200000 && jpg[0] == 0xFF && jpg[1] == 0xD8);
    sh_rgb_image img;
    assert_int_equal(sh_jpeg_decode(jpg, len, &img, NULL), 0);
    assert_true(img.width == w && img.height == h);
    assert_true(abs(img.pixels[(100 * w + 200) * 3] - 200) < 8 && abs(img.pixels[(100 * w + 200) * 3 + 1] - 100) < 8);
    sh_rgb_image_free(&img);
    free(jpg);
    uint32_t s = 12345;
    for (size_t i = 0; i < (size_t)w * h * 3; i++) {
        s = s * 1103515245u + 12345u;
        rgb[i] = (uint8_t)(s >> 24);
    }
    assert_int_equal(sh_snapshot_jpeg(rgb, w, h, w * 3, 200000, &jpg, &len, NULL), 0);
    assert_true(len <= 200000);
    free(jpg);
    /* a tight cap: lower quality, then halved, still a decodable JPEG */
    assert_int_equal(sh_snapshot_jpeg(rgb, w, h, w * 3, 30000, &jpg, &len, NULL), 0);
    assert_true(len <= 30000);
    assert_int_equal(sh_jpeg_decode(jpg, len, &img, NULL), 0);
    assert_true(img.width < w);
    sh_rgb_image_free(&img);
    free(jpg);
    sh_err err;
    assert_int_equal(sh_snapshot_jpeg(rgb, w, h, w * 3, 100, &jpg, &len, &err), SH_ETOOBIG);
    assert_int_equal(sh_snapshot_jpeg(rgb, 0, h, w * 3, 200000, &jpg, &len, &err), SH_EINVAL);
    free(rgb);
}

static sh_obs_item *item(int n)
{
    sh_obs_item *it = calloc(1, sizeof *it);
    it->camera_id = n;
    it->json = strdup("{}");
    return it;
}

static void test_queue(void **state)
{
    (void)state;
    sh_obs_queue *q;
    assert_int_equal(sh_obs_queue_new(1, &q, NULL), SH_EINVAL);
    assert_int_equal(sh_obs_queue_new(3, &q, NULL), 0);
    assert_null(sh_obs_queue_peek(q, 0));
    for (int i = 1; i <= 5; i++)
        sh_obs_queue_push(q, item(i));
    sh_obs_queue_stats st;
    sh_obs_queue_stats_get(q, &st);
    assert_true(st.length == 3 && st.dropped == 2 && st.queued == 5);
    /* the oldest went: 3, 4, 5 remain */
    sh_obs_item *it = sh_obs_queue_peek(q, 0);
    assert_int_equal(it->camera_id, 3);
    /* while the sender holds 3 (a post in flight), a full queue drops the next oldest instead */
    sh_obs_queue_push(q, item(6));
    assert_int_equal(sh_obs_queue_peek(q, 0), it);
    sh_obs_queue_pop(q, it);
    assert_int_equal(sh_obs_queue_peek(q, 0)->camera_id, 5);
    sh_obs_queue_pop(q, sh_obs_queue_peek(q, 0));
    assert_int_equal(sh_obs_queue_peek(q, 0)->camera_id, 6);
    sh_obs_queue_stats_get(q, &st);
    assert_true(st.length == 1 && st.dropped == 3);
    sh_obs_queue_close(q);
    sh_obs_queue_free(q); /* frees what is left */
}

static void test_metrics_and_scrub(void **state)
{
    (void)state;
    sh_metrics *m;
    assert_int_equal(sh_metrics_new(&m, NULL), 0);
    sh_metrics_camera(m, 7, "后厨 \"A\"", 1);
    sh_metrics_tick(m, 1000, 0);
    for (int i = 0; i < 50; i++)
        sh_metrics_camera_add(m, 7, &(sh_cam_delta){.decoded = 2, .frames = 1, .motion = i < 10, .detect_runs = i < 5, .inference_ms = i < 5 ? 20 : 0});
    sh_metrics_model_add(m, "nanodet", 20);
    sh_metrics_tick(m, 11000, 1000);
    json_t *h = sh_metrics_health(m, 7);
    assert_true(json_real_value(json_object_get(h, "decode_fps")) == 10.0);
    assert_true(json_real_value(json_object_get(h, "sample_fps")) == 5.0);
    assert_true(json_real_value(json_object_get(h, "detect_fps")) == 0.5);
    assert_true(json_real_value(json_object_get(h, "motion_share")) == 0.2);
    assert_true(json_real_value(json_object_get(h, "inference_ms")) == 20.0);
    json_decref(h);
    assert_null(sh_metrics_health(m, 8));
    assert_true(sh_metrics_camera_heard(m, 7));
    assert_false(sh_metrics_camera_heard(m, 7));
    char *text = sh_metrics_render(m);
    assert_non_null(strstr(text, "# TYPE shian_vision_camera_decode_fps gauge\nshian_vision_camera_decode_fps{camera=\"7\",name=\"后厨 \\\"A\\\"\"} 10\n"));
    assert_non_null(strstr(text, "shian_vision_camera_frames_total{camera=\"7\"} 50\n"));
    assert_non_null(strstr(text, "shian_vision_model_inference_ms{model=\"nanodet\"} 20\n"));
    assert_non_null(strstr(text, "shian_vision_queue_dropped_total 0\n"));
    free(text);
    sh_metrics_free(m);

    char out[128];
    assert_string_equal(sh_redact_url("rtsp://admin:p%40ss@10.0.0.5:554/Streaming/Channels/101", out, sizeof out),
                        "rtsp://***@10.0.0.5:554/Streaming/Channels/101");
    assert_string_equal(sh_redact_url("file:///tmp/a@b.mp4", out, sizeof out), "file:///tmp/a@b.mp4");
    char msg[200] = "cannot open rtsp://admin:Cam@secret@10.0.0.5/x: refused; and http://u:p@h/y";
    sh_scrub_credentials(msg);
    assert_string_equal(msg, "cannot open rtsp://***@10.0.0.5/x: refused; and http://***@h/y");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels_and_rules),
        cmocka_unit_test(test_min_frames_and_cooldown),
        cmocka_unit_test(test_after_hours_zones_and_camera_rules),
        cmocka_unit_test(test_map_before_cap),
        cmocka_unit_test(test_grey_frames),
        cmocka_unit_test(test_metrics_one_frame),
        cmocka_unit_test(test_snapshot),
        cmocka_unit_test(test_queue),
        cmocka_unit_test(test_metrics_and_scrub),
    };
    return cmocka_run_group_tests_name("nn_prefilter", tests, NULL, NULL);
}
