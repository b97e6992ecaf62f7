/* A report as PDF (report.h): a title page with the bureau, the area and the period; the headline figures
 * of the metric catalogue; the townships ranked; a bar chart of inspection completion by township and a
 * line chart of the year's months. Every figure is one of the catalogue's (domain/home/dashboard.c). */
#include "transfer/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "transfer/pdf_doc.h"

static const char *T(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* A rate as "87.5%", "—" when there is nothing to divide. */
static void percent(const json_t *v, char out[16])
{
    if (json_is_number(v))
        snprintf(out, 16, "%.1f%%", json_number_value(v) * 100.0);
    else
        snprintf(out, 16, "—");
}

static double percent_or_nan(const json_t *v) { return json_is_number(v) ? json_number_value(v) * 100.0 : NAN; }

/* 2026-12-06 → 2026年12月6日 */
static void date_zh(const char *iso, char out[32])
{
    snprintf(out, 32, "%.4s年%d月%d日", iso, atoi(iso + 5), atoi(iso + 8));
}

static void title_page(sh_pdf_doc *d, const json_t *c)
{
    char from[32], to[32], span[80], made[32];
    date_zh(T(c, "from"), from);
    date_zh(T(c, "to"), to);
    date_zh(T(c, "generated_on"), made);
    snprintf(span, sizeof span, "%s至%s", from, to);
    sh_pdf_agency(d, T(c, "agency"));
    sh_pdf_title(d, T(c, "title"));
    sh_pdf_number(d, T(c, "period_label"));
    sh_pdf_field(d, "报告范围", T(c, "area_name"));
    sh_pdf_field(d, "报告期", span);
    sh_pdf_field(d, "生成日期", made);
    sh_pdf_paragraph(d, "本报告的各项指标均按平台指标目录的口径计算：发现隐患、隐患整改率、抽检合格率、投诉举报办结率按报告期统计；"
                        "监督检查完成率按报告期所在年度统计；包保走访完成率按报告期末所在的走访周期统计；在册主体、建档率、包保落实率为生成时的数据。");
    sh_pdf_signature(d, T(c, "agency"), made);
}

/* One line per catalogue figure: its name, the total and its counts, its definition. */
static void headline(sh_pdf_doc *d, const json_t *c)
{
    const json_t *figures = json_object_get(c, "figures"), *total = json_object_get(c, "total");
    size_t n = json_array_size(figures);
    const char **cells = calloc((n + 1) * 3, sizeof *cells);
    char (*values)[96] = calloc(n, sizeof *values);
    cells[0] = "指标", cells[1] = "数值", cells[2] = "计算口径";
    for (size_t i = 0; i < n; i++) {
        const json_t *f = json_array_get(figures, i);
        const char *key = T(f, "key"), *num = T(f, "numerator"), *den = T(f, "denominator");
        if (*num) {
            char pct[16];
            percent(json_object_get(total, key), pct);
            snprintf(values[i], sizeof values[i], "%s（%lld/%lld）", pct, (long long)json_integer_value(json_object_get(total, num)),
                     (long long)json_integer_value(json_object_get(total, den)));
        } else {
            snprintf(values[i], sizeof values[i], "%lld%s", (long long)json_integer_value(json_object_get(total, key)), T(f, "unit"));
        }
        cells[(i + 1) * 3] = T(f, "label");
        cells[(i + 1) * 3 + 1] = values[i];
        cells[(i + 1) * 3 + 2] = T(f, "definition");
    }
    sh_pdf_paragraph(d, "一、主要指标");
    sh_pdf_form(d, cells, (int)n + 1, 3);
    free(cells);
    free(values);
}

#define RANK_COLS 6
static const char *const RANK_HEAD[RANK_COLS] = {"名次 乡镇（街道）", "建档率", "监督检查完成率", "隐患整改率", "抽检合格率", "投诉举报办结率"};
static const char *const RANK_KEYS[RANK_COLS - 1] = {"archive_rate", "inspection_rate", "rectification_rate", "pass_rate", "completion_rate"};

static void ranking(sh_pdf_doc *d, const json_t *c)
{
    const json_t *towns = json_object_get(c, "townships");
    size_t n = json_array_size(towns);
    const char **cells = calloc((n + 1) * RANK_COLS, sizeof *cells);
    char (*text)[RANK_COLS][112] = calloc(n ? n : 1, sizeof *text);
    for (int k = 0; k < RANK_COLS; k++)
        cells[k] = RANK_HEAD[k];
    for (size_t i = 0; i < n; i++) {
        const json_t *t = json_array_get(towns, i);
        snprintf(text[i][0], sizeof text[i][0], "%lld %s", (long long)json_integer_value(json_object_get(t, "rank")), T(t, "name"));
        cells[(i + 1) * RANK_COLS] = text[i][0];
        for (int k = 0; k < RANK_COLS - 1; k++) {
            percent(json_object_get(t, RANK_KEYS[k]), text[i][k + 1]);
            cells[(i + 1) * RANK_COLS + 1 + k] = text[i][k + 1];
        }
    }
    sh_pdf_page_break(d);
    sh_pdf_paragraph(d, "二、各乡镇（街道）排名（按监督检查完成率）");
    sh_pdf_form(d, cells, (int)n + 1, RANK_COLS);
    free(cells);
    free(text);
}

static void charts(sh_pdf_doc *d, const json_t *c)
{
    const json_t *towns = json_object_get(c, "townships"), *trend = json_object_get(c, "trend");
    size_t n = json_array_size(towns), m = json_array_size(trend);
    const char **names = calloc(n ? n : 1, sizeof *names);
    double *rates = calloc(n ? n : 1, sizeof *rates);
    for (size_t i = 0; i < n; i++) {
        names[i] = T(json_array_get(towns, i), "name");
        rates[i] = percent_or_nan(json_object_get(json_array_get(towns, i), "inspection_rate"));
    }
    sh_pdf_paragraph(d, "三、图表");
    sh_pdf_bar_chart(d, "图1  各乡镇（街道）监督检查完成率", names, rates, (int)n);
    char (*months)[12] = calloc(m ? m : 1, sizeof *months);
    const char **labels = calloc(m ? m : 1, sizeof *labels);
    double *rectified = calloc(m ? m : 1, sizeof *rectified), *passed = calloc(m ? m : 1, sizeof *passed);
    for (size_t i = 0; i < m; i++) {
        const json_t *row = json_array_get(trend, i);
        snprintf(months[i], sizeof months[i], "%lld月", (long long)json_integer_value(json_object_get(row, "month")));
        labels[i] = months[i];
        rectified[i] = percent_or_nan(json_object_get(row, "rectification_rate"));
        passed[i] = percent_or_nan(json_object_get(row, "pass_rate"));
    }
    char title[96];
    snprintf(title, sizeof title, "图2  %.4s年逐月隐患整改率与抽检合格率", T(c, "from"));
    const char *series[] = {"隐患整改率", "抽检合格率"};
    const double *values[] = {rectified, passed};
    sh_pdf_line_chart(d, title, labels, (int)m, series, values, 2);
    free(names);
    free(rates);
    free(months);
    free(labels);
    free(rectified);
    free(passed);
}

int sh_report_pdf(const json_t *content, sh_buf *out, sh_err *err)
{
    sh_pdf_doc *d = sh_pdf_new();
    char created[40];
    snprintf(created, sizeof created, "%sT00:00:00+08:00", T(content, "generated_on"));
    sh_pdf_created(d, created);
    title_page(d, content);
    sh_pdf_page_break(d);
    headline(d, content);
    ranking(d, content);
    sh_pdf_page_break(d);
    charts(d, content);
    return sh_pdf_finish(d, out, err);
}
