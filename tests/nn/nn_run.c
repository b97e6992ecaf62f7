/* nn-run: runs a TF.js graph model with shian's runner and reports what it computed, for the
 * reference comparison (tests/nn/ tests) and the benchmark (bench/nn.sh).
 *
 *   nn-run MODEL.json --input x.f32 [--shape 1,224,224,3] --out-dir DIR [--repeat N]
 *   nn-run MODEL.json --image photo.jpg --nanodet [--keep label,..] [--max-det N] --out-dir DIR [--repeat N]
 *        (--keep: only the labels listed count, applied before the cap of --max-det, as the analyser
 *        applies its label map)
 *   nn-run MODEL.json --image photo.jpg --blazeface [--max-faces N] --out-dir DIR [--repeat N]
 *
 * Writes each output tensor as raw little-endian float32 / int32 into DIR, and with --image also
 * the decoded RGB bytes (rgb.u8) and the model's input tensor (input.f32), so that another
 * implementation can be fed exactly the same numbers. Prints one JSON object on stdout: shapes,
 * files, detections (with --nanodet), faces (with --blazeface), run times in ms, the convolution FLOPs and peak memory. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nn/blazeface.h"
#include "nn/model.h"
#include "nn/nanodet.h"
#include "vision/jpeg.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of the process: on a shared machine it moves less with the other load than the wall clock. */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void sort(double *v, int n)
{
    for (int i = 1; i < n; i++) /* insertion sort for the median */
        for (int j = i; j > 0 && v[j] < v[j - 1]; j--) {
            double x = v[j];
            v[j] = v[j - 1];
            v[j - 1] = x;
        }
}

static int write_file(const char *dir, const char *name, const void *data, size_t len, char *path, size_t plen)
{
    snprintf(path, plen, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len) {
        if (f)
            fclose(f);
        fprintf(stderr, "nn-run: cannot write %s\n", path);
        return -1;
    }
    return fclose(f);
}

static json_t *shape_json(const sh_tensor *t)
{
    json_t *a = json_array();
    for (int i = 0; i < t->ndim; i++)
        json_array_append_new(a, json_integer(t->shape[i]));
    return a;
}

static int read_input(const char *path, const char *shape_s, const sh_nn_io *io, sh_tensor **ret)
{
    int shape[SH_NN_MAXDIM], nd = 0;
    if (shape_s) {
        for (const char *p = shape_s; *p && nd < SH_NN_MAXDIM; nd++) {
            shape[nd] = atoi(p);
            p = strchr(p, ',');
            if (!p)
                { nd++; break; }
            p++;
        }
    } else {
        nd = io->ndim;
        for (int i = 0; i < nd; i++)
            shape[i] = io->shape[i] < 0 ? 1 : io->shape[i];
    }
    sh_err err = {0};
    if (sh_tensor_new(io->dtype, nd, shape, ret, &err)) {
        fprintf(stderr, "nn-run: %s\n", err.message);
        return -1;
    }
    FILE *f = fopen(path, "rb");
    size_t got = f ? fread((*ret)->data, 4, (*ret)->size, f) : 0;
    if (f)
        fclose(f);
    if (got != (*ret)->size) {
        fprintf(stderr, "nn-run: %s does not hold %zu values\n", path, (*ret)->size);
        return -1;
    }
    return 0;
}

/* --keep: a comma-separated list of the labels that count (the analyser's label map) */
static int keep_listed(void *ctx, const char *label)
{
    const char *list = ctx;
    size_t n = strlen(label);
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        if (len == n && !strncmp(p, label, n))
            return 1;
        p += len + (p[len] == ',');
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *model = NULL, *input = NULL, *image = NULL, *shape = NULL, *dir = NULL, *keep = NULL;
    int max_det = SH_NANODET_DEFAULTS.max_det;
    int repeat = 1, nanodet = 0, blazeface = 0, max_faces = SH_BLAZEFACE_DEFAULTS.max_faces;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--input") && i + 1 < argc)
            input = argv[++i];
        else if (!strcmp(argv[i], "--image") && i + 1 < argc)
            image = argv[++i];
        else if (!strcmp(argv[i], "--shape") && i + 1 < argc)
            shape = argv[++i];
        else if (!strcmp(argv[i], "--out-dir") && i + 1 < argc)
            dir = argv[++i];
        else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
            repeat = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--nanodet"))
            nanodet = 1;
        else if (!strcmp(argv[i], "--blazeface"))
            blazeface = 1;
        else if (!strcmp(argv[i], "--max-faces") && i + 1 < argc)
            max_faces = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--keep") && i + 1 < argc)
            keep = argv[++i];
        else if (!strcmp(argv[i], "--max-det") && i + 1 < argc)
            max_det = atoi(argv[++i]);
        else if (argv[i][0] != '-' && !model)
            model = argv[i];
        else {
            fprintf(stderr, "usage: nn-run MODEL.json (--input x.f32 [--shape d,d,..] | --image photo.jpg (--nanodet [--keep label,..] [--max-det N] | --blazeface [--max-faces N])) [--out-dir DIR] [--repeat N]\n");
            return 2;
        }
    }
    if (!model || (!input && !image) || (image && nanodet + blazeface != 1) || (!image && (nanodet || blazeface)) || repeat < 1 ||
        max_faces < 1 || max_faces > 64 || max_det < 1 || max_det > 64) {
        fprintf(stderr, "nn-run: a model and --input, or --image with --nanodet or --blazeface, are required\n");
        return 2;
    }
    sh_err err = {0};
    sh_nanodet *nd = NULL;
    sh_blazeface *bf = NULL;
    sh_nn_model *m = NULL;
    double t0 = now_ms();
    if (nanodet ? sh_nanodet_open(model, &nd, &err) : blazeface ? sh_blazeface_open(model, &bf, &err) : sh_nn_model_load(model, &m, &err)) {
        fprintf(stderr, "nn-run: %s\n", err.message);
        return 1;
    }
    double load_ms = now_ms() - t0;
    if (nd)
        m = nd->model;
    if (bf)
        m = bf->model;
    json_t *out = json_object();
    json_object_set_new(out, "model", json_string(model));
    json_object_set_new(out, "load_ms", json_real(load_ms));
    sh_tensor *in = NULL, *outs[64] = {0};
    sh_rgb_image img = {0};
    char path[4096];
    int rc = 1;
    if (image) {
        if (sh_jpeg_read_file(image, &img, &err) ||
            (nd ? sh_nanodet_input(nd, img.pixels, img.width, img.height, img.width * 3, &in, &err)
                : sh_blazeface_input(bf, img.pixels, img.width, img.height, img.width * 3, &in, &err))) {
            fprintf(stderr, "nn-run: %s\n", err.message);
            goto done;
        }
        json_t *ji = json_pack("{s:i,s:i}", "width", img.width, "height", img.height);
        if (dir) {
            if (write_file(dir, "rgb.u8", img.pixels, (size_t)img.width * img.height * 3, path, sizeof path))
                goto done;
            json_object_set_new(ji, "file", json_string(path));
        }
        json_object_set_new(out, "image", ji);
    } else if (read_input(input, shape, sh_nn_model_input(m, 0), &in)) {
        goto done;
    }
    json_t *jin = json_pack("{s:s,s:o}", "name", sh_nn_model_input(m, 0)->name, "shape", shape_json(in));
    if (dir && image) {
        if (write_file(dir, "input.f32", in->data, in->size * 4, path, sizeof path))
            goto done;
        json_object_set_new(jin, "file", json_string(path));
    }
    json_object_set_new(out, "input", jin);

    int n_out = nd ? 6 : bf ? 4 : sh_nn_model_n_outputs(m);
    const char *const *names = nd ? nd->names : bf ? bf->names : NULL;
    if (n_out > 64) {
        fprintf(stderr, "nn-run: more than 64 outputs\n");
        goto done;
    }
    double *ms = calloc((size_t)repeat, sizeof *ms), *cpu = calloc((size_t)repeat, sizeof *cpu);
    sh_nn_stats st = {0};
    for (int r = 0; r < repeat; r++) {
        for (int i = 0; i < n_out; i++)
            sh_tensor_free(outs[i]), outs[i] = NULL;
        double t = now_ms(), c = cpu_ms();
        if (sh_nn_model_run(m, &in, 1, names, n_out, outs, &st, &err)) {
            fprintf(stderr, "nn-run: %s\n", err.message);
            free(ms);
            free(cpu);
            goto done;
        }
        ms[r] = now_ms() - t;
        cpu[r] = cpu_ms() - c;
    }
    sort(ms, repeat);
    sort(cpu, repeat);
    json_object_set_new(out, "run_ms", json_pack("{s:f,s:f,s:f,s:i}", "median", ms[repeat / 2], "min", ms[0], "max", ms[repeat - 1], "runs", repeat));
    json_object_set_new(out, "cpu_ms", json_pack("{s:f,s:f}", "median", cpu[repeat / 2], "min", cpu[0]));
    free(ms);
    free(cpu);
    json_object_set_new(out, "flops", json_real(st.flops));
    json_object_set_new(out, "peak_bytes", json_integer((json_int_t)st.peak_bytes));
    json_object_set_new(out, "nodes_run", json_integer(st.nodes_run));
    json_t *jp = json_array(); /* the last run's time by operator */
    for (int i = 0; i < st.n_ops; i++)
        json_array_append_new(jp, json_pack("{s:s,s:i,s:f}", "op", st.by_op[i].op, "count", st.by_op[i].count, "ms", st.by_op[i].ms));
    json_object_set_new(out, "by_op", jp);
    json_t *jouts = json_array();
    for (int i = 0; i < n_out; i++) {
        json_t *jo = json_pack("{s:s,s:o,s:s}", "name", names ? names[i] : sh_nn_model_output(m, i), "shape", shape_json(outs[i]), "dtype",
                               outs[i]->dtype == SH_F32 ? "float32" : "int32");
        if (dir) {
            char fn[32];
            snprintf(fn, sizeof fn, "out%d.bin", i);
            if (write_file(dir, fn, outs[i]->data, outs[i]->size * 4, path, sizeof path))
                goto done;
            json_object_set_new(jo, "file", json_string(path));
        }
        json_array_append_new(jouts, jo);
    }
    json_object_set_new(out, "outputs", jouts);
    if (nd) {
        sh_nanodet_opts o = SH_NANODET_DEFAULTS;
        o.max_det = max_det;
        if (keep) {
            o.keep = keep_listed;
            o.keep_ctx = (void *)keep;
        }
        sh_detection det[64];
        int n;
        if (sh_nanodet_decode(outs, nd->size, &o, det, 64, &n, &err)) {
            fprintf(stderr, "nn-run: %s\n", err.message);
            goto done;
        }
        json_t *jd = json_array();
        for (int i = 0; i < n; i++)
            json_array_append_new(jd, json_pack("{s:i,s:s,s:f,s:[f,f,f,f]}", "class", det[i].class_id, "label", det[i].label, "score",
                                                (double)det[i].score, "box", (double)det[i].box[0], (double)det[i].box[1],
                                                (double)det[i].box[2], (double)det[i].box[3]));
        json_object_set_new(out, "detections", jd);
    }
    if (bf) {
        sh_blazeface_opts o = SH_BLAZEFACE_DEFAULTS;
        o.max_faces = max_faces;
        sh_face faces[64];
        int n;
        if (sh_blazeface_decode(bf, outs, &o, faces, 64, &n, &err)) {
            fprintf(stderr, "nn-run: %s\n", err.message);
            goto done;
        }
        json_t *jf = json_array();
        for (int i = 0; i < n; i++) {
            json_t *kp = json_array();
            for (int p = 0; p < SH_BLAZEFACE_KEYPOINTS; p++)
                json_array_append_new(kp, json_pack("[f,f]", (double)faces[i].keypoints[p][0], (double)faces[i].keypoints[p][1]));
            json_array_append_new(jf, json_pack("{s:f,s:[f,f,f,f],s:o}", "score", (double)faces[i].score, "box", (double)faces[i].box[0],
                                                (double)faces[i].box[1], (double)faces[i].box[2], (double)faces[i].box[3], "keypoints", kp));
        }
        json_object_set_new(out, "faces", jf);
        json_object_set_new(out, "max_faces", json_integer(max_faces));
    }
    char *s = json_dumps(out, JSON_INDENT(1) | JSON_REAL_PRECISION(9));
    puts(s);
    free(s);
    rc = 0;
done:
    for (int i = 0; i < 64; i++)
        sh_tensor_free(outs[i]);
    json_decref(out);
    sh_tensor_free(in);
    sh_rgb_image_free(&img);
    if (nd)
        sh_nanodet_close(nd);
    else if (bf)
        sh_blazeface_close(bf);
    else
        sh_nn_model_free(m);
    return rc;
}
