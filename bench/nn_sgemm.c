/* nn-sgemm: OpenBLAS single-precision matrix multiply on this machine, in GFLOP/s: the ceiling for
 * the runner's im2col convolutions. Prints one JSON object: the best rate over square sizes and
 * over shapes like NanoDet's convolutions (M = output pixels, N = output channels, K = kh*kw*cin). */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* best GFLOP/s of repeated M x K by K x N products over about 0.3 s */
static double rate(int M, int N, int K)
{
    float *a = malloc(sizeof(float) * (size_t)M * K), *b = malloc(sizeof(float) * (size_t)K * N), *c = malloc(sizeof(float) * (size_t)M * N);
    if (!a || !b || !c) {
        fprintf(stderr, "nn-sgemm: out of memory\n");
        exit(1);
    }
    for (size_t i = 0; i < (size_t)M * K; i++)
        a[i] = (float)(i % 7) * 0.1f;
    for (size_t i = 0; i < (size_t)K * N; i++)
        b[i] = (float)(i % 5) * 0.1f;
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, N, K, 1, a, K, b, N, 0, c, N); /* warm-up */
    double best = 0, start = now_s();
    while (now_s() - start < 0.3) {
        double t = now_s();
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, N, K, 1, a, K, b, N, 0, c, N);
        double g = 2.0 * M * N * K / (now_s() - t) / 1e9;
        best = g > best ? g : best;
    }
    free(a), free(b), free(c);
    return best;
}

int main(void)
{
    static const int shapes[][3] = {{1024, 1024, 1024}, {2048, 2048, 2048}, {2704, 128, 1152}, {676, 256, 2304}, {10816, 32, 288}, {169, 128, 512}};
    int threads = openblas_get_num_threads();
    double peak = 0, peak1 = 0;
    printf("{\"threads\": %d, \"config\": \"%s\", \"shapes\": [", threads, openblas_get_config());
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
        double g = rate(shapes[i][0], shapes[i][1], shapes[i][2]);
        peak = g > peak ? g : peak;
        printf("%s{\"M\": %d, \"N\": %d, \"K\": %d, \"gflops\": %.1f}", i ? ", " : "", shapes[i][0], shapes[i][1], shapes[i][2], g);
    }
    openblas_set_num_threads(1);
    for (size_t i = 0; i < 2; i++) { /* the square sizes again on one thread */
        double g = rate(shapes[i][0], shapes[i][1], shapes[i][2]);
        peak1 = g > peak1 ? g : peak1;
    }
    printf("], \"peak_gflops\": %.1f, \"peak_gflops_1thread\": %.1f}\n", peak, peak1);
    return 0;
}
