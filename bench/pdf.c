/* Rendering an official document (transfer/pdf_doc.h): a two-page 行政处罚决定书 with its fields, a
 * 送达 table, the signature and the QR code, 200 times on one thread, then the same split over two
 * threads. Prints the first document (fonts loading on the thread) apart from the others' mean.
 *
 *   make bench BENCH=pdf          (or: build/rel/bench-pdf [documents [file.pdf to keep one]])
 * The monotonic clock times the runs; the renderer itself never reads a clock. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "transfer/pdf_doc.h"

static const char FACTS[] =
    "经查，当事人在其经营场所内销售的散装熟食未按规定标明生产日期和保质期，冷藏柜温度记录缺失，"
    "从业人员健康证明已过有效期。执法人员当场制作了现场检查笔录，提取了相关票据并拍照取证。";

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static const char *keep; /* a path to write the first document to, for a look at it */

static size_t render_one(void)
{
    sh_pdf_doc *d = sh_pdf_new();
    sh_pdf_created(d, "2026-12-06T10:30:00+08:00");
    sh_pdf_agency(d, "青禾县市场监督管理局");
    sh_pdf_title(d, "行政处罚决定书");
    sh_pdf_number(d, "青市监罚〔2026〕12号");
    sh_pdf_field(d, "当事人", "青禾县梅林镇好味道餐饮店");
    sh_pdf_field(d, "统一社会信用代码", "92360799MA35XXXX1K");
    sh_pdf_field(d, "经营场所", "青禾县梅林镇东坑村新街18号");
    for (int i = 0; i < 5; i++)
        sh_pdf_paragraph(d, FACTS);
    const char *cells[] = {"受送达人", "青禾县梅林镇好味道餐饮店", "送达方式", "直接送达",
                           "送达地点", "青禾县梅林镇东坑村新街18号", "送达日期", "年　月　日"};
    sh_pdf_form(d, cells, 2, 4);
    sh_pdf_signature(d, "青禾县市场监督管理局", "二〇二六年十二月六日");
    sh_pdf_qr(d, "https://shian.example.gov.cn/v/doc/2026-0012?k=7f3a9c", "扫码核验");
    sh_buf out = SH_BUF_INIT;
    sh_err err = {0};
    if (sh_pdf_finish(d, &out, &err) != 0) {
        fprintf(stderr, "bench-pdf: %s\n", err.message);
        exit(1);
    }
    size_t n = out.len;
    FILE *f = keep ? fopen(keep, "wb") : NULL;
    if (f) {
        fwrite(out.data, 1, out.len, f);
        fclose(f);
    }
    keep = NULL;
    sh_buf_release(&out);
    return n;
}

static int per_thread;

static void *run(void *arg)
{
    (void)arg;
    for (int i = 0; i < per_thread; i++)
        render_one();
    return NULL;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 200;
    keep = argc > 2 ? argv[2] : NULL;
    if (n < 2)
        n = 2;
    double t0 = now_ms();
    size_t bytes = render_one();
    double t1 = now_ms();
    for (int i = 1; i < n; i++)
        render_one();
    double t2 = now_ms();
    printf("pdf: 2-page 行政处罚决定书, %zu bytes\n", bytes);
    printf("  one thread: first %.1f ms (fonts load), then %.2f ms a document over %d\n", t1 - t0, (t2 - t1) / (n - 1), n - 1);

    per_thread = n / 2;
    pthread_t t[2];
    double t3 = now_ms();
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, run, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    double t4 = now_ms();
    printf("  two threads: %d documents in %.0f ms, %.1f documents/s (first of each thread included)\n", 2 * per_thread,
           t4 - t3, 2 * per_thread / ((t4 - t3) / 1e3));
    return 0;
}
