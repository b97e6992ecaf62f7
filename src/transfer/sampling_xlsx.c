/* The sampling figures as an Excel workbook (sampling_xlsx.h). */
#include "transfer/sampling_xlsx.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "domain/sampling/figures.h"

typedef struct fmts {
    lxw_format *title, *head, *text, *num, *pct, *dec, *bold_num, *bold_pct, *bold_text;
} fmts;

static void make_formats(lxw_workbook *wb, fmts *f)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    format_set_align(f->title, LXW_ALIGN_CENTER);
    format_set_align(f->title, LXW_ALIGN_VERTICAL_CENTER);
    f->head = workbook_add_format(wb);
    format_set_bold(f->head);
    format_set_border(f->head, LXW_BORDER_THIN);
    format_set_align(f->head, LXW_ALIGN_CENTER);
    format_set_bg_color(f->head, 0xDDEBF7);
    format_set_text_wrap(f->head);
    f->text = workbook_add_format(wb);
    format_set_border(f->text, LXW_BORDER_THIN);
    f->num = workbook_add_format(wb);
    format_set_border(f->num, LXW_BORDER_THIN);
    format_set_num_format(f->num, "0");
    f->pct = workbook_add_format(wb);
    format_set_border(f->pct, LXW_BORDER_THIN);
    format_set_num_format(f->pct, "0.00%");
    f->dec = workbook_add_format(wb);
    format_set_border(f->dec, LXW_BORDER_THIN);
    format_set_num_format(f->dec, "0.00");
    f->bold_num = workbook_add_format(wb);
    format_set_border(f->bold_num, LXW_BORDER_THIN);
    format_set_bold(f->bold_num);
    f->bold_pct = workbook_add_format(wb);
    format_set_border(f->bold_pct, LXW_BORDER_THIN);
    format_set_bold(f->bold_pct);
    format_set_num_format(f->bold_pct, "0.00%");
    f->bold_text = workbook_add_format(wb);
    format_set_border(f->bold_text, LXW_BORDER_THIN);
    format_set_bold(f->bold_text);
}

/* A number cell, or "—" for null (nothing to divide by, no population). */
static void cell_value(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, json_t *v, lxw_format *fmt, lxw_format *text)
{
    if (json_is_number(v))
        worksheet_write_number(ws, r, c, json_number_value(v), fmt);
    else
        worksheet_write_string(ws, r, c, "—", text);
}

/* Title (merged over ncols), unit and year, and the header row; returns the first data row. */
static lxw_row_t sheet_head(lxw_worksheet *ws, const fmts *f, json_t *fig, const char *title, const char *const *headers,
                            int ncols)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s%d年%s", json_string_value(json_object_get(fig, "area_name")),
             (int)json_integer_value(json_object_get(fig, "year")), title);
    worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(ncols - 1), buf, f->title);
    worksheet_set_row(ws, 0, 28, NULL);
    snprintf(buf, sizeof buf, "填报单位：%s", json_string_value(json_object_get(fig, "area_name")));
    worksheet_write_string(ws, 1, 0, buf, NULL);
    snprintf(buf, sizeof buf, "统计年度：%d年", (int)json_integer_value(json_object_get(fig, "year")));
    worksheet_write_string(ws, 1, (lxw_col_t)(ncols > 3 ? 2 : 1), buf, NULL);
    snprintf(buf, sizeof buf, "统计截止日期：%s", json_string_value(json_object_get(fig, "today")));
    worksheet_write_string(ws, 1, (lxw_col_t)(ncols - 1), buf, NULL);
    for (int c = 0; c < ncols; c++)
        worksheet_write_string(ws, 2, (lxw_col_t)c, headers[c], f->head);
    worksheet_set_column(ws, 0, 0, 6, NULL);
    worksheet_set_column(ws, 1, (lxw_col_t)(ncols - 1), 16, NULL);
    return 3;
}

static void summary_line(lxw_worksheet *ws, const fmts *f, lxw_row_t r, int no, const char *label, json_t *v, lxw_format *fmt,
                         const char *note)
{
    worksheet_write_number(ws, r, 0, no, f->num);
    worksheet_write_string(ws, r, 1, label, f->text);
    cell_value(ws, r, 2, v, fmt, f->text);
    worksheet_write_string(ws, r, 3, note ? note : "", f->text);
}

static void write_summary(lxw_workbook *wb, const fmts *f, json_t *fig)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "汇总");
    static const char *const heads[] = {"序号", "指标", "数值", "说明"};
    lxw_row_t r = sheet_head(ws, f, fig, "食品安全抽检监测工作统计表", heads, 4);
    worksheet_set_column(ws, 1, 1, 28, NULL);
    worksheet_set_column(ws, 3, 3, 40, NULL);
    json_t *plan = json_object_get(fig, "plan"), *rt = json_object_get(fig, "retests"), *od = json_object_get(fig, "overdue");
    json_t *st = json_object_get(rt, "by_status"), *vd = json_object_get(rt, "by_verdict");
    struct { const char *label; json_t *v; lxw_format *fmt; const char *note; } lines[] = {
        {"常住人口（人）", json_object_get(fig, "population"), f->num, "本年度抽检计划所依据的人口"},
        {"计划抽检批次", json_object_get(plan, "target"), f->num, "本年度抽检计划任务量"},
        {"完成计划批次", json_object_get(plan, "done"), f->num, "计划内已完成抽样的批次"},
        {"计划完成率", json_object_get(plan, "rate"), f->pct, NULL},
        {"抽检批次", json_object_get(fig, "sampled"), f->num, "本年度已完成抽样的批次"},
        {"每千人抽检批次", json_object_get(fig, "batches_per_1000"), f->dec, "抽检批次 ÷ 常住人口 × 1000"},
        {"已出结论批次", json_object_get(fig, "judged"), f->num, "有检验结论的批次（复检以复检结论为准）"},
        {"合格批次", json_object_get(fig, "passed"), f->num, NULL},
        {"不合格批次", json_object_get(fig, "failed"), f->num, NULL},
        {"合格率", json_object_get(fig, "pass_rate"), f->pct, "合格批次 ÷ 已出结论批次"},
        {"复检申请", json_object_get(rt, "total"), f->num, NULL},
        {"复检已受理", json_object_get(st, "accepted"), f->num, "已受理、尚未出复检结论"},
        {"复检不予受理", json_object_get(st, "refused"), f->num, NULL},
        {"复检已出结论", json_object_get(st, "reported"), f->num, NULL},
        {"复检结论合格", json_object_get(vd, "pass"), f->num, "初检结论未被复检维持"},
        {"复检结论不合格", json_object_get(vd, "fail"), f->num, NULL},
        {"逾期未送检", json_object_get(od, "delivery"), f->num, "抽样后5个工作日内未送达检验机构"},
        {"逾期未出检验报告", json_object_get(od, "report"), f->num, "收样后20个工作日内未出报告"},
        {"逾期未送达不合格通知", json_object_get(od, "notice"), f->num, "报告后2个工作日内未通知"},
        {"逾期未作复检决定", json_object_get(od, "retest_decision"), f->num, NULL},
        {"复检逾期未出报告", json_object_get(od, "retest_report"), f->num, NULL},
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        summary_line(ws, f, r++, (int)i + 1, lines[i].label, lines[i].v, lines[i].fmt, lines[i].note);
    /* by kind */
    r++;
    static const char *const kh[] = {"抽检类型", "抽检批次", "已出结论批次", "合格批次", "不合格批次", "合格率"};
    for (int c = 0; c < 6; c++)
        worksheet_write_string(ws, r, (lxw_col_t)c, kh[c], f->head);
    r++;
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(fig, "by_kind"), i, row) {
        worksheet_write_string(ws, r, 0, json_string_value(json_object_get(row, "name")), f->text);
        static const char *const cols[] = {"sampled", "judged", "passed", "failed"};
        for (int c = 0; c < 4; c++)
            cell_value(ws, r, (lxw_col_t)(c + 1), json_object_get(row, cols[c]), f->num, f->text);
        cell_value(ws, r, 5, json_object_get(row, "pass_rate"), f->pct, f->text);
        r++;
    }
    /* the monthly failure trend */
    r++;
    static const char *const mh[] = {"月份", "抽检批次", "已出结论批次", "不合格批次", "不合格率"};
    for (int c = 0; c < 5; c++)
        worksheet_write_string(ws, r, (lxw_col_t)c, mh[c], f->head);
    r++;
    json_array_foreach(json_object_get(fig, "by_month"), i, row) {
        char m[16];
        snprintf(m, sizeof m, "%d月", (int)json_integer_value(json_object_get(row, "month")));
        worksheet_write_string(ws, r, 0, m, f->text);
        cell_value(ws, r, 1, json_object_get(row, "sampled"), f->num, f->text);
        cell_value(ws, r, 2, json_object_get(row, "judged"), f->num, f->text);
        cell_value(ws, r, 3, json_object_get(row, "failed"), f->num, f->text);
        cell_value(ws, r, 4, json_object_get(row, "failure_rate"), f->pct, f->text);
        r++;
    }
}

/* A breakdown sheet: the rows of list (key column, name), the plan target where with_target, the
 * counts and pass rate, and a 合计 row. */
static void write_breakdown(lxw_workbook *wb, const fmts *f, json_t *fig, const char *sheet, const char *title,
                            const char *list, const char *key, const char *const *heads, int ncols, int with_target)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    lxw_row_t r = sheet_head(ws, f, fig, title, heads, ncols);
    int64_t sums[5] = {0};
    size_t i;
    json_t *row;
    static const char *const cols[] = {"sampled", "judged", "passed", "failed"};
    json_array_foreach(json_object_get(fig, list), i, row) {
        lxw_col_t c = 0;
        worksheet_write_number(ws, r, c++, (double)i + 1, f->num);
        worksheet_write_string(ws, r, c++, json_string_value(json_object_get(row, "name")), f->text);
        worksheet_write_string(ws, r, c++, json_string_value(json_object_get(row, key)), f->text);
        if (with_target) {
            json_t *t = json_object_get(row, "plan_target");
            cell_value(ws, r, c++, t, f->num, f->text);
            sums[4] += json_integer_value(t);
        }
        for (int k = 0; k < 4; k++) {
            json_t *v = json_object_get(row, cols[k]);
            cell_value(ws, r, c++, v, f->num, f->text);
            sums[k] += json_integer_value(v);
        }
        cell_value(ws, r, c, json_object_get(row, "pass_rate"), f->pct, f->text);
        r++;
    }
    lxw_col_t c = 0;
    worksheet_write_string(ws, r, c++, "", f->bold_text);
    worksheet_write_string(ws, r, c++, "合计", f->bold_text);
    worksheet_write_string(ws, r, c++, "", f->bold_text);
    if (with_target)
        worksheet_write_number(ws, r, c++, (double)sums[4], f->bold_num);
    for (int k = 0; k < 4; k++)
        worksheet_write_number(ws, r, c++, (double)sums[k], f->bold_num);
    if (sums[1] > 0)
        worksheet_write_number(ws, r, c, (double)sums[2] / (double)sums[1], f->bold_pct);
    else
        worksheet_write_string(ws, r, c, "—", f->bold_text);
}

int sh_sampling_figures_xlsx(sh_db *db, const sh_principal *actor, int year, sh_buf *out, sh_err *err)
{
    json_t *fig = NULL;
    int rc = sh_sampling_figures(db, actor, year, &fig, err);
    if (rc)
        return rc;
    char path[] = "/tmp/shian-sampling-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        json_decref(fig);
        return sh_fail(err, SH_EINTERNAL, "", "cannot create a temporary file");
    }
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        unlink(path);
        json_decref(fig);
        return sh_fail(err, SH_EINTERNAL, "", "cannot create the workbook");
    }
    fmts f;
    make_formats(wb, &f);
    write_summary(wb, &f, fig);
    static const char *const ch[] = {"序号", "食品类别", "类别编码", "抽检批次", "已出结论批次", "合格批次", "不合格批次", "合格率"};
    write_breakdown(wb, &f, fig, "按食品类别", "食品安全抽检情况（按食品类别）", "by_category", "food_category", ch, 8, 0);
    static const char *const th[] = {"序号", "乡镇（街道）", "区划代码", "计划批次", "抽检批次", "已出结论批次", "合格批次",
                                     "不合格批次", "合格率"};
    write_breakdown(wb, &f, fig, "按乡镇", "食品安全抽检情况（按乡镇）", "by_township", "township_code", th, 9, 1);
    lxw_error le = workbook_close(wb);
    json_decref(fig);
    if (le != LXW_NO_ERROR)
        rc = sh_fail(err, SH_EINTERNAL, "", "writing the workbook failed: %s", lxw_strerror(le));
    if (rc == 0) {
        FILE *fp = fopen(path, "rb");
        char chunk[65536];
        size_t n;
        while (fp && (n = fread(chunk, 1, sizeof chunk, fp)) > 0)
            sh_buf_add(out, chunk, n);
        if (!fp)
            rc = sh_fail(err, SH_EINTERNAL, "", "cannot read the workbook back");
        else
            fclose(fp);
    }
    unlink(path);
    return rc;
}
