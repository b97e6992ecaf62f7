/* The neural-network runner's own contracts: weight decoding, the im2col convolution against a
 * direct loop, the executor freeing intermediates, the loader's errors, NMS, JPEG decoding. The
 * operators' numbers are checked against TF.js in tests/nn/. */
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
#include <unistd.h>

#include "core/image.h"
#include "nn/graph.h"
#include "nn/nanodet.h"
#include "vision/jpeg.h"

/* IEEE 754 binary16 encodings and their values (the standard's format: 1 sign, 5 exponent bits
 * biased by 15, 10 fraction bits; e.g. the table in Wikipedia's "Half-precision floating-point
 * format"). */
static void test_half_to_float(void **state)
{
    (void)state;
    assert_true(sh_half_to_float(0x3C00) == 1.0f);
    assert_true(sh_half_to_float(0xC000) == -2.0f);
    assert_true(sh_half_to_float(0x7BFF) == 65504.0f);           /* largest normal */
    assert_true(sh_half_to_float(0x0400) == ldexpf(1, -14));     /* smallest normal */
    assert_true(sh_half_to_float(0x0001) == ldexpf(1, -24));     /* smallest subnormal */
    assert_true(sh_half_to_float(0x03FF) == ldexpf(1023, -24));  /* largest subnormal */
    assert_true(sh_half_to_float(0x3555) == 0.333251953125f);    /* nearest to 1/3 */
    assert_true(isinf(sh_half_to_float(0x7C00)) && sh_half_to_float(0x7C00) > 0);
    assert_true(isinf(sh_half_to_float(0xFC00)) && sh_half_to_float(0xFC00) < 0);
    assert_true(isnan(sh_half_to_float(0x7E00)));
    assert_true(signbit(sh_half_to_float(0x8000)) && sh_half_to_float(0x8000) == 0);
}

static float frand(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (float)((*s >> 8) & 0xffff) / 32768.0f - 1.0f;
}

static sh_tensor *rand_tensor(int nd, const int *shape, unsigned seed)
{
    sh_tensor *t;
    assert_int_equal(sh_tensor_new(SH_F32, nd, shape, &t, NULL), 0);
    for (size_t i = 0; i < t->size; i++)
        sh_f32(t)[i] = frand(&seed);
    return t;
}

/* {"list":{"i":["a",...]}} from n ints */
static json_t *int_list(int n, const int *v)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        char b[16];
        snprintf(b, sizeof b, "%d", v[i]);
        json_array_append_new(arr, json_string(b));
    }
    return json_pack("{s:{s:o}}", "list", "i", arr);
}

/* A convolution through the operator table against a direct 7-deep loop over the same explicit
 * padding, with enough output rows that im2col works in several bands. */
static void conv_case(int h, int w, int c, int kh, int kw, int cout, int sh, int sw, int dh, int dw, const int pads[4])
{
    int xs[4] = {1, h, w, c}, fs[4] = {kh, kw, c, cout};
    sh_tensor *x = rand_tensor(4, xs, 1u + (unsigned)h), *f = rand_tensor(4, fs, 7u + (unsigned)kh);
    int st[4] = {1, sh, sw, 1}, dl[4] = {1, dh, dw, 1}, ep[8] = {0, 0, pads[0], pads[1], pads[2], pads[3], 0, 0};
    json_t *attr = json_pack("{s:o,s:o,s:o,s:{s:s},s:{s:s}}", "strides", int_list(4, st), "dilations", int_list(4, dl), "explicit_paddings",
                             int_list(8, ep), "padding", "s", "RVhQTElDSVQ=" /* EXPLICIT */, "data_format", "s", "TkhXQw==" /* NHWC */);
    sh_nn_node node = {.name = "conv", .op = "Conv2D", .attr = attr, .n_out = 1};
    const sh_tensor *ins[2] = {x, f};
    sh_tensor *out[1] = {0};
    sh_err err = {0};
    sh_nn_model model = {0}; /* the kernels' working memory lives in the model */
    sh_nn_op op = {.node = &node, .in = ins, .n_in = 2, .out = out, .n_out = 1, .err = &err, .model = &model};
    int rc = sh_nn_op_find("Conv2D")->fn(&op);
    free(model.scratch);
    if (rc)
        fail_msg("%s", err.message);
    int oh = (h + pads[0] + pads[1] - ((kh - 1) * dh + 1)) / sh + 1, ow = (w + pads[2] + pads[3] - ((kw - 1) * dw + 1)) / sw + 1;
    assert_int_equal(out[0]->shape[1], oh);
    assert_int_equal(out[0]->shape[2], ow);
    assert_int_equal(out[0]->shape[3], cout);
    double worst = 0;
    for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
            for (int co = 0; co < cout; co++) {
                double acc = 0;
                for (int ky = 0; ky < kh; ky++)
                    for (int kx = 0; kx < kw; kx++)
                        for (int ci = 0; ci < c; ci++) {
                            int iy = oy * sh + ky * dh - pads[0], ix = ox * sw + kx * dw - pads[2];
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                                continue;
                            acc += (double)sh_f32(x)[((size_t)iy * w + ix) * c + ci] * sh_f32(f)[(((size_t)ky * kw + kx) * c + ci) * cout + co];
                        }
                double d = fabs(acc - sh_f32(out[0])[(((size_t)oy * ow + ox) * cout) + co]);
                worst = d > worst ? d : worst;
            }
    assert_true(worst < 1e-4);
    assert_true(op.flops == 2.0 * oh * ow * kh * kw * c * cout);
    sh_tensor_free(out[0]);
    sh_tensor_free(x);
    sh_tensor_free(f);
    json_decref(attr);
}

static void test_conv_im2col(void **state)
{
    (void)state;
    conv_case(60, 40, 64, 3, 3, 16, 1, 1, 1, 1, (int[]){1, 1, 1, 1}); /* several im2col bands */
    conv_case(17, 13, 5, 3, 2, 7, 2, 3, 1, 1, (int[]){0, 2, 1, 0});
    conv_case(15, 15, 4, 3, 3, 3, 1, 1, 2, 3, (int[]){2, 2, 3, 3});   /* dilated */
    conv_case(9, 11, 8, 1, 1, 6, 1, 1, 1, 1, (int[]){0, 0, 0, 0});    /* 1x1: sgemm on the input itself */
}

/* Writes text into dir/name. */
static void put(const char *dir, const char *name, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char tmpdir[64];

static int setup_dir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/shian-nn-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static int load(const char *json, sh_nn_model **m, sh_err *err)
{
    put(tmpdir, "model.json", json);
    char p[512];
    snprintf(p, sizeof p, "%s/model.json", tmpdir);
    return sh_nn_model_load(p, m, err);
}

#define PLACEHOLDER(shape) "{\"name\":\"x\",\"op\":\"Placeholder\",\"attr\":{\"dtype\":{\"type\":\"DT_FLOAT\"},\"shape\":{\"shape\":{\"dim\":" shape "}}}}"

/* A chain of 20 Relu: with each intermediate freed after its one consumer, no more than two
 * tensors are ever alive at once. */
static void test_exec_frees_intermediates(void **state)
{
    (void)state;
    char json[8192] = "{\"modelTopology\":{\"node\":[" PLACEHOLDER("[{\"size\":\"1\"},{\"size\":\"1000\"}]");
    for (int i = 0; i < 20; i++) {
        char prev[16], node[160];
        snprintf(prev, sizeof prev, i ? "r%d" : "x", i - 1);
        snprintf(node, sizeof node, ",{\"name\":\"r%d\",\"op\":\"Relu\",\"input\":[\"%s\"]}", i, prev);
        strcat(json, node);
    }
    strcat(json, "]},\"weightsManifest\":[]}");
    sh_nn_model *m;
    sh_err err = {0};
    if (load(json, &m, &err))
        fail_msg("%s", err.message);
    assert_int_equal(sh_nn_model_n_outputs(m), 1);
    assert_string_equal(sh_nn_model_output(m, 0), "r19");
    int shape[2] = {1, 1000};
    sh_tensor *x = rand_tensor(2, shape, 3), *y;
    sh_nn_stats st;
    assert_int_equal(sh_nn_model_run(m, &x, 1, NULL, 0, &y, &st, &err), 0);
    assert_int_equal(st.nodes_run, 20);
    assert_true(st.peak_bytes <= 2 * 1000 * sizeof(float));
    for (size_t i = 0; i < y->size; i++)
        assert_true(sh_f32(y)[i] == (sh_f32(x)[i] > 0 ? sh_f32(x)[i] : 0));
    sh_tensor_free(y);
    /* asking for an intermediate as well keeps it alive and hands over a copy of a shared one */
    const char *names[3] = {"r3", "r19", "r19"};
    sh_tensor *outs[3];
    assert_int_equal(sh_nn_model_run(m, &x, 1, names, 3, outs, NULL, &err), 0);
    assert_true(outs[1] != outs[2] && !memcmp(outs[1]->data, outs[2]->data, 4000));
    for (int i = 0; i < 3; i++)
        sh_tensor_free(outs[i]);
    /* a wrong input shape is refused, naming the input */
    int bad[2] = {1, 999};
    sh_tensor *xb = rand_tensor(2, bad, 4);
    assert_int_equal(sh_nn_model_run(m, &xb, 1, NULL, 0, &y, NULL, &err), SH_EINVAL);
    assert_non_null(strstr(err.message, "input x"));
    names[0] = "nope";
    assert_int_equal(sh_nn_model_run(m, &x, 1, names, 1, outs, NULL, &err), SH_EINVAL);
    sh_tensor_free(xb);
    sh_tensor_free(x);
    sh_nn_model_free(m);
}

static void test_loader_errors(void **state)
{
    (void)state;
    sh_nn_model *m = NULL;
    sh_err err = {0};
    /* an operator the runner lacks: named with its node */
    assert_int_equal(load("{\"modelTopology\":{\"node\":[" PLACEHOLDER("[]") ",{\"name\":\"odd\",\"op\":\"FancyOp\",\"input\":[\"x\"]}]},\"weightsManifest\":[]}", &m, &err),
                     SH_EINVAL);
    assert_non_null(strstr(err.message, "'odd'"));
    assert_non_null(strstr(err.message, "'FancyOp'"));
    /* a Const without a weight */
    assert_int_equal(load("{\"modelTopology\":{\"node\":[{\"name\":\"c\",\"op\":\"Const\"}]},\"weightsManifest\":[]}", &m, &err), SH_EINVAL);
    assert_non_null(strstr(err.message, "'c'"));
    /* a missing shard, and a shard outside the model's folder */
    assert_int_equal(load("{\"modelTopology\":{\"node\":[{\"name\":\"c\",\"op\":\"Const\"}]},\"weightsManifest\":[{\"paths\":[\"none.bin\"],"
                          "\"weights\":[{\"name\":\"c\",\"shape\":[2],\"dtype\":\"float32\"}]}]}",
                          &m, &err),
                     SH_ENOTFOUND);
    assert_int_equal(load("{\"modelTopology\":{\"node\":[{\"name\":\"c\",\"op\":\"Const\"}]},\"weightsManifest\":[{\"paths\":[\"../etc.bin\"],"
                          "\"weights\":[{\"name\":\"c\",\"shape\":[2],\"dtype\":\"float32\"}]}]}",
                          &m, &err),
                     SH_EINVAL);
    /* a weight longer than its shard */
    put(tmpdir, "w.bin", "12345678");
    assert_int_equal(load("{\"modelTopology\":{\"node\":[{\"name\":\"c\",\"op\":\"Const\"}]},\"weightsManifest\":[{\"paths\":[\"w.bin\"],"
                          "\"weights\":[{\"name\":\"c\",\"shape\":[3],\"dtype\":\"float32\"}]}]}",
                          &m, &err),
                     SH_EINVAL);
    assert_non_null(strstr(err.message, "past the end"));
    /* the same weight fits */
    assert_int_equal(load("{\"modelTopology\":{\"node\":[{\"name\":\"c\",\"op\":\"Const\"}]},\"weightsManifest\":[{\"paths\":[\"w.bin\"],"
                          "\"weights\":[{\"name\":\"c\",\"shape\":[2],\"dtype\":\"float32\"}]}]}",
                          &m, &err),
                     0);
    sh_nn_model_free(m);
    /* a cycle, an input naming no node, output slots that do not exist */
    assert_int_equal(load("{\"modelTopology\":{\"node\":[{\"name\":\"a\",\"op\":\"Relu\",\"input\":[\"b\"]},{\"name\":\"b\",\"op\":\"Relu\",\"input\":[\"a\"]}]},"
                          "\"weightsManifest\":[]}",
                          &m, &err),
                     SH_EINVAL);
    assert_non_null(strstr(err.message, "cycle"));
    assert_int_equal(load("{\"modelTopology\":{\"node\":[{\"name\":\"a\",\"op\":\"Relu\",\"input\":[\"ghost\"]}]},\"weightsManifest\":[]}", &m, &err), SH_EINVAL);
    assert_int_equal(load("{\"modelTopology\":{\"node\":[" PLACEHOLDER("[]") ",{\"name\":\"a\",\"op\":\"Relu\",\"input\":[\"x:1\"]}]},\"weightsManifest\":[]}", &m, &err),
                     SH_EINVAL);
    /* not JSON, not a graph model */
    assert_int_equal(load("{\"modelTopology\":", &m, &err), SH_EINVAL);
    assert_int_equal(load("{\"format\":\"layers-model\"}", &m, &err), SH_EINVAL);
}

/* A convolution, its bias and activation fuse at load: the intermediates are then refused as
 * outputs instead of returning values the graph does not define. */
static void test_fused_intermediate_refused(void **state)
{
    (void)state;
    const float w[2] = {2.0f, 0.5f}; /* filter [1,1,1,1] = 2, bias [1] = 0.5 */
    char p[512];
    snprintf(p, sizeof p, "%s/w.bin", tmpdir);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(w, sizeof w, 1, f), 1);
    fclose(f);
    sh_nn_model *m;
    sh_err err = {0};
    int rc = load("{\"modelTopology\":{\"node\":[" PLACEHOLDER("[{\"size\":\"1\"},{\"size\":\"2\"},{\"size\":\"2\"},{\"size\":\"1\"}]")
                  ",{\"name\":\"f\",\"op\":\"Const\"},{\"name\":\"b\",\"op\":\"Const\"}"
                  ",{\"name\":\"conv\",\"op\":\"Conv2D\",\"input\":[\"x\",\"f\"],\"attr\":{\"padding\":{\"s\":\"VkFMSUQ=\"},\"strides\":{\"list\":{\"i\":[\"1\",\"1\",\"1\",\"1\"]}}}}"
                  ",{\"name\":\"add\",\"op\":\"Add\",\"input\":[\"conv\",\"b\"]},{\"name\":\"relu\",\"op\":\"Relu\",\"input\":[\"add\"]}]},"
                  "\"weightsManifest\":[{\"paths\":[\"w.bin\"],\"weights\":[{\"name\":\"f\",\"shape\":[1,1,1,1],\"dtype\":\"float32\"},"
                  "{\"name\":\"b\",\"shape\":[1],\"dtype\":\"float32\"}]}]}",
                  &m, &err);
    if (rc)
        fail_msg("%s", err.message);
    int shape[4] = {1, 2, 2, 1};
    sh_tensor *x, *y;
    assert_int_equal(sh_tensor_new(SH_F32, 4, shape, &x, NULL), 0);
    const float xv[4] = {1, -1, 0, -0.25f};
    memcpy(x->data, xv, sizeof xv);
    assert_int_equal(sh_nn_model_run(m, &x, 1, NULL, 0, &y, NULL, &err), 0);
    for (int i = 0; i < 4; i++) { /* relu(2x + 0.5) */
        float want = 2 * xv[i] + 0.5f;
        assert_true(sh_f32(y)[i] == (want > 0 ? want : 0));
    }
    sh_tensor_free(y);
    const char *names[1] = {"add"};
    assert_int_equal(sh_nn_model_run(m, &x, 1, names, 1, &y, NULL, &err), SH_EINVAL);
    assert_non_null(strstr(err.message, "fused"));
    sh_tensor_free(x);
    sh_nn_model_free(m);
}

/* Boxes [y1,x1,y2,x2]: b overlaps a by half of their union (IoU 1/3), c is apart. */
static void test_nms(void **state)
{
    (void)state;
    const float boxes[] = {
        0, 0, 1, 1,     /* a */
        0, 0.5f, 1, 1.5f, /* b: intersection 0.5, union 1.5 */
        2, 2, 3, 3,     /* c */
        0, 0, 1, 1,     /* d: the same as a */
    };
    const float scores[] = {0.9f, 0.8f, 0.7f, 0.9f};
    int keep[4];
    /* IoU 1/3 < 0.4: b stays; d equals a, ties go to the lower index, so a stays and d goes */
    assert_int_equal(sh_nms(boxes, scores, 4, 4, 0.4, 0.2, keep), 3);
    assert_int_equal(keep[0], 0);
    assert_int_equal(keep[1], 1);
    assert_int_equal(keep[2], 2);
    /* IoU 1/3 >= 0.3: b goes */
    assert_int_equal(sh_nms(boxes, scores, 4, 4, 0.3, 0.2, keep), 2);
    assert_int_equal(keep[1], 2);
    /* the score threshold is strict (b's 0.8 is out, leaving a and its twin d), and max_out caps */
    assert_int_equal(sh_nms(boxes, scores, 4, 4, 0.4, 0.8f, keep), 1);
    assert_int_equal(keep[0], 0);
    assert_int_equal(sh_nms(boxes, scores, 4, 1, 0.4, 0.2, keep), 1);
}

static void test_jpeg(void **state)
{
    (void)state;
    const char *path = "/usr/share/darknet/data/dog.jpg";
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("%s missing: scripts/deps.sh test installs Debian's darknet", path);
    static unsigned char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    sh_image_info info;
    sh_err err = {0};
    assert_int_equal(sh_image_probe(buf, n, &info, &err), 0);
    sh_rgb_image img;
    assert_int_equal(sh_jpeg_decode(buf, n, &img, &err), 0);
    assert_int_equal(img.width, info.width);
    assert_int_equal(img.height, info.height);
    sh_rgb_image_free(&img);
    /* garbage and a cut-off header fail cleanly */
    assert_int_equal(sh_jpeg_decode((const unsigned char *)"not a jpeg at all", 17, &img, &err), SH_EINVAL);
    assert_int_equal(sh_jpeg_decode(buf, 40, &img, &err), SH_EINVAL);
    assert_int_equal(sh_jpeg_read_file("/nonexistent.jpg", &img, &err), SH_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_half_to_float),
        cmocka_unit_test(test_conv_im2col),
        cmocka_unit_test_setup_teardown(test_exec_frees_intermediates, setup_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_loader_errors, setup_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_fused_intermediate_refused, setup_dir, remove_dir),
        cmocka_unit_test(test_nms),
        cmocka_unit_test(test_jpeg),
    };
    return cmocka_run_group_tests_name("nn", tests, NULL, NULL);
}
