/* The PDF renderer (transfer/pdf_doc.h), read back with poppler-utils as a person or a program would
 * read the issued document: pages and size (pdfinfo), the Chinese text in order (pdftotext, which
 * only works when the fonts are embedded with their ToUnicode maps), ink on the page (pdftoppm and
 * libpng), the QR code decoding to the exact URL (zbarimg), nothing past the right margin
 * (pdftotext -bbox). A missing tool fails the test by name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <png.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "transfer/pdf_doc.h"

#define URL "https://shian.example.gov.cn/v/doc/2026-0012?k=7f3a9c"
#define RIGHT_EDGE_PT (595.276 - 26.0 * 72.0 / 25.4)

/* The openings of the body's paragraphs, each followed by enough text to fill three pages. */
static const char *const OPENINGS[] = {
    "经查，当事人于2026年9月3日", "上述事实，有现场检查笔录", "本局认为，当事人经营",
    "依据《中华人民共和国食品安全法》", "当事人应当自收到本决定书之日起", "如不服本处罚决定，可以在",
};
#define N_OPENINGS (int)(sizeof OPENINGS / sizeof *OPENINGS)
static const char FILLER[] =
    "执法人员在其经营场所内发现超过保质期的预包装食品共计十二批次，货值金额合计人民币三千六百元，"
    "当事人不能提供进货查验记录和供货者的许可证明文件，其行为违反了相关规定，依法应予处罚。";
static const char *const LABELS[] = {"当事人", "统一社会信用代码", "住所", "法定代表人"};

/* LeakSanitizer: what Debian 12's libraries keep. cairo 1.16 loses ~1.5 KB a document while
 * finishing a PDF with a CFF (OpenType) font such as Noto CJK (not with a TrueType one: measured);
 * fontconfig keeps its parsed configuration. Our own allocations never pass through these frames.
 * libcairo has no frame pointers: the full stack, which names cairo_surface_finish, needs the slow
 * unwinder. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "fast_unwind_on_malloc=0";
}

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:cairo_surface_finish\nleak:libfontconfig.so\n";
}

static void need_tool(const char *tool, const char *package)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
    if (system(cmd) != 0)
        fail_msg("%s is not installed: scripts/deps.sh test installs %s", tool, package);
}

/* stdout of cmd (malloc'd), failing the test when it exits non-zero. */
static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    sh_buf out = SH_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        sh_buf_add(&out, chunk, n);
    int rc = pclose(p);
    if (rc != 0)
        fail_msg("`%s` exited with %d", cmd, rc);
    return sh_buf_detach(&out, NULL);
}

static char *save(const sh_buf *pdf, char *path)
{
    strcpy(path, "/tmp/shian-pdf-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, pdf->data, pdf->len), (ssize_t)pdf->len);
    close(fd);
    return path;
}

/* Finishes d (it must succeed) into a temporary file named in path. */
static void finish_to(sh_pdf_doc *d, char *path)
{
    sh_buf pdf = SH_BUF_INIT;
    sh_err err = {0};
    assert_int_equal(sh_pdf_finish(d, &pdf, &err), 0);
    save(&pdf, path);
    sh_buf_release(&pdf);
}

/* pdftotext's reading of the file (malloc'd), with options such as "-layout". */
static char *text_of(const char *path, const char *options)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "pdftotext %s %s -", options, path);
    return run(cmd);
}

static int pages_of(const char *path)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "pdfinfo %s", path);
    char *info = run(cmd);
    const char *p = strstr(info, "\nPages:");
    assert_non_null(p);
    int pages = atoi(p + strlen("\nPages:"));
    double w = 0, h = 0;
    p = strstr(info, "\nPage size:");
    assert_non_null(p);
    assert_int_equal(sscanf(p + strlen("\nPage size:"), " %lf x %lf pts", &w, &h), 2);
    assert_true(w > 594.5 && w < 596 && h > 841 && h < 842.5);
    assert_non_null(strstr(p, "(A4)"));
    free(info);
    return pages;
}

/* Non-white pixels of a grey PNG (libpng's simplified API). */
static long ink_of(const char *png_path)
{
    png_image img = {.version = PNG_IMAGE_VERSION};
    assert_true(png_image_begin_read_from_file(&img, png_path));
    img.format = PNG_FORMAT_GRAY;
    unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
    assert_true(png_image_finish_read(&img, NULL, px, 0, NULL));
    long ink = 0;
    for (size_t i = 0; i < PNG_IMAGE_SIZE(img); i++)
        ink += px[i] < 200;
    free(px);
    return ink;
}

static sh_buf full_document(void)
{
    sh_pdf_doc *d = sh_pdf_new();
    sh_pdf_created(d, "2026-12-06T10:30:00+08:00");
    sh_pdf_agency(d, "青禾县市场监督管理局");
    sh_pdf_title(d, "行政处罚决定书");
    sh_pdf_number(d, "青市监罚〔2026〕12号");
    sh_pdf_field(d, LABELS[0], "青禾县梅林镇好味道餐饮店");
    sh_pdf_field(d, LABELS[1], "92360799MA35XXXX1K");
    sh_pdf_field(d, LABELS[2], "青禾县梅林镇东坑村新街18号");
    sh_pdf_field(d, LABELS[3], "李四");
    for (int i = 0; i < N_OPENINGS; i++) {
        sh_buf p = SH_BUF_INIT;
        sh_buf_printf(&p, "%s，%s%s%s", OPENINGS[i], FILLER, FILLER, FILLER);
        sh_pdf_paragraph(d, p.data);
        sh_buf_release(&p);
    }
    const char *cells[] = {"受送达人", "青禾县梅林镇好味道餐饮店", "送达方式：直接送达",
                           "送达文书", "行政处罚决定书（青市监罚〔2026〕12号）", "一份",
                           "送达地点", "青禾县梅林镇东坑村新街18号", "",
                           "受送达人签名", "", "年　月　日"};
    sh_pdf_form(d, cells, 4, 3);
    sh_pdf_signature(d, "青禾县市场监督管理局", "二〇二六年十二月六日");
    sh_pdf_qr(d, URL, "扫码核验");
    sh_buf out = SH_BUF_INIT;
    sh_err err = {0};
    assert_int_equal(sh_pdf_finish(d, &out, &err), 0);
    assert_true(out.len > 1000 && !memcmp(out.data, "%PDF-", 5));
    return out;
}

/* Drops the spaces: pdftotext reads the narrow ones around a page number ("— 1 —") as none, or not. */
static char *squeeze(char *text)
{
    char *w = text;
    for (const char *r = text; *r; r++)
        if (*r != ' ')
            *w++ = *r;
    *w = '\0';
    return text;
}

/* Fails unless every needle occurs in hay, each after the one before. */
static void in_order(const char *hay, const char *const *needles, int n)
{
    const char *at = hay;
    for (int i = 0; i < n; i++) {
        const char *p = strstr(at, needles[i]);
        if (!p)
            fail_msg("\"%s\" not found (in order) in the text read back:\n%s", needles[i], hay);
        at = p + strlen(needles[i]);
    }
}

static void tools(void **state)
{
    (void)state;
    need_tool("pdfinfo", "poppler-utils");
    need_tool("pdftotext", "poppler-utils");
    need_tool("pdftoppm", "poppler-utils");
    need_tool("zbarimg", "zbar-tools");
}

static void document_reads_back(void **state)
{
    (void)state;
    sh_buf pdf = full_document();
    char path[64], cmd[512];
    save(&pdf, path);
    int pages = pages_of(path);
    assert_true(pages >= 3);

    snprintf(cmd, sizeof cmd, "pdfinfo %s", path);
    char *info = run(cmd);
    assert_non_null(strstr(info, "Title:"));
    assert_non_null(strstr(strstr(info, "Title:"), "行政处罚决定书\n"));
    assert_non_null(strstr(info, "Creator:"));
    assert_non_null(strstr(strstr(info, "Creator:"), "shian\n"));
    assert_non_null(strstr(info, "CreationDate:"));
    assert_non_null(strstr(strstr(info, "CreationDate:"), "2026"));
    free(info);

    char *text = text_of(path, "-layout");
    const char *order[3 + 4 + N_OPENINGS + 3];
    int n = 0;
    order[n++] = "青禾县市场监督管理局";
    order[n++] = "行政处罚决定书";
    order[n++] = "青市监罚〔2026〕12号";
    for (int i = 0; i < 4; i++)
        order[n++] = LABELS[i];
    for (int i = 0; i < N_OPENINGS; i++)
        order[n++] = OPENINGS[i];
    order[n++] = "受送达人签名";
    order[n++] = "二〇二六年十二月六日";
    order[n++] = "扫码核验";
    in_order(text, order, n);
    assert_non_null(strstr(text, "（印章）"));
    squeeze(text);
    assert_non_null(strstr(text, "—1—"));
    char last[32];
    snprintf(last, sizeof last, "—%d—", pages);
    assert_non_null(strstr(text, last));
    free(text);

    /* page 2, body text only: GB/T 9704's grid of 22 lines of 28 characters (and the page number) */
    char *page2 = text_of(path, "-layout -f 2 -l 2");
    int lines = 0, full = 0;
    for (char *line = strtok(page2, "\n\f"); line; line = strtok(NULL, "\n\f")) {
        long chars = (long)g_utf8_strlen(squeeze(line), -1);
        lines += chars > 0;
        full += chars == 28;
    }
    free(page2);
    assert_int_equal(lines, 22 + 1);
    assert_true(full >= 18);

    /* page 1 has ink */
    char png[96];
    snprintf(png, sizeof png, "%s-p1", path);
    snprintf(cmd, sizeof cmd, "pdftoppm -r 100 -png -gray -f 1 -l 1 -singlefile %s %s", path, png);
    free(run(cmd));
    strcat(png, ".png");
    long ink = ink_of(png);
    unlink(png);
    assert_true(ink > 5000);

    /* the last page's QR code opens the document's URL */
    snprintf(png, sizeof png, "%s-last", path);
    snprintf(cmd, sizeof cmd, "pdftoppm -r 200 -png -f %d -l %d -singlefile %s %s", pages, pages, path, png);
    free(run(cmd));
    strcat(png, ".png");
    snprintf(cmd, sizeof cmd, "zbarimg --raw -q %s 2>/dev/null", png);
    char *decoded = run(cmd);
    unlink(png);
    assert_string_equal(decoded, URL "\n");
    free(decoded);
    unlink(path);
    sh_buf_release(&pdf);
}

static void empty_document(void **state)
{
    (void)state;
    char path[64];
    finish_to(sh_pdf_new(), path);
    assert_int_equal(pages_of(path), 1);
    char *text = squeeze(text_of(path, "-layout"));
    assert_non_null(strstr(text, "—1—"));
    free(text);
    unlink(path);
}

/* A word longer than a line, in a paragraph and in a form cell, breaks inside the type area. */
static void long_word_wraps(void **state)
{
    (void)state;
    char word[400];
    for (size_t i = 0; i < sizeof word - 1; i++)
        word[i] = (char)('a' + i % 26);
    word[sizeof word - 1] = '\0';
    sh_pdf_doc *d = sh_pdf_new();
    sh_buf p = SH_BUF_INIT;
    sh_buf_printf(&p, "网址：https://example.gov.cn/%s 见附件。", word);
    sh_pdf_paragraph(d, p.data);
    const char *cells[] = {"附件", word};
    sh_pdf_form(d, cells, 1, 2);
    char path[64];
    finish_to(d, path);
    char *html = text_of(path, "-bbox");
    int words = 0;
    for (const char *w = strstr(html, "<word "); w; w = strstr(w + 1, "<word ")) {
        const char *x = strstr(w, "xMax=\"");
        assert_non_null(x);
        double xmax = atof(x + strlen("xMax=\""));
        if (xmax > RIGHT_EDGE_PT + 0.5)
            fail_msg("a word ends at x = %.1f pt, past the right margin at %.1f pt", xmax, RIGHT_EDGE_PT);
        words++;
    }
    assert_true(words > 5); /* the long word came out in several pieces */
    free(html);
    unlink(path);
    sh_buf_release(&p);
}

/* A form row taller than a page continues on the next pages rather than running off the bottom. */
static void tall_row_splits(void **state)
{
    (void)state;
    sh_buf long_cell = SH_BUF_INIT;
    for (int i = 0; i < 40; i++)
        sh_buf_printf(&long_cell, "第%d项：核对进货查验记录。", i + 1);
    const char *cells[] = {"审批意见", long_cell.data};
    sh_pdf_doc *d = sh_pdf_new();
    sh_pdf_paragraph(d, "立案审批表");
    sh_pdf_form(d, cells, 1, 2);
    char path[64];
    finish_to(d, path);
    assert_true(pages_of(path) >= 2);
    /* it starts on page 1, under the line before it, rather than leaving the page empty */
    char *first = text_of(path, "-layout -f 1 -l 1");
    assert_non_null(strstr(first, "第1项"));
    free(first);
    char *text = text_of(path, "-layout");
    const char *order[] = {"第1项", "第20项", "第40项"};
    in_order(text, order, 3);
    free(text);
    unlink(path);
    sh_buf_release(&long_cell);
}

static void refused(void **state)
{
    (void)state;
    sh_buf pdf = SH_BUF_INIT;
    sh_err err = {0};
    sh_pdf_doc *d = sh_pdf_new();
    sh_pdf_paragraph(d, "正文\xff\xfe");
    assert_int_equal(sh_pdf_finish(d, &pdf, &err), SH_EINVAL);
    assert_string_equal(err.field, "text");
    d = sh_pdf_new();
    sh_pdf_qr(d, "", "扫码核验");
    err = (sh_err){0};
    assert_int_equal(sh_pdf_finish(d, &pdf, &err), SH_EINVAL);
    assert_string_equal(err.field, "url");
    d = sh_pdf_new();
    sh_pdf_form(d, NULL, 2, 0);
    assert_int_equal(sh_pdf_finish(d, &pdf, &err), SH_EINVAL);
    assert_int_equal(pdf.len, 0);
}

static void *render(void *arg)
{
    *(sh_buf *)arg = full_document();
    return NULL;
}

/* Documents rendered on several threads at once come out byte for byte the same as on this one. */
static void threads_render_alike(void **state)
{
    (void)state;
    sh_buf alone = full_document(), each[3];
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        assert_int_equal(pthread_create(&t[i], NULL, render, &each[i]), 0);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(pthread_join(t[i], NULL), 0);
        assert_int_equal(each[i].len, alone.len);
        assert_memory_equal(each[i].data, alone.data, alone.len);
        sh_buf_release(&each[i]);
    }
    sh_buf_release(&alone);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tools),           cmocka_unit_test(document_reads_back), cmocka_unit_test(empty_document),
        cmocka_unit_test(long_word_wraps), cmocka_unit_test(tall_row_splits),     cmocka_unit_test(refused),
        cmocka_unit_test(threads_render_alike),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
