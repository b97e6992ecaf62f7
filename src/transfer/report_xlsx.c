/* A report as an Excel workbook (report.h): the sheet 主要指标 (each catalogue figure of the area with its
 * counts and definition) and the sheet 分乡镇 (the townships ranked, one column per figure, and the total).
 * Headers in Chinese, rates as percentages, "—" where there is nothing to divide. */
#include "transfer/report.h"

#include <stdio.h>

#include "transfer/xlsx_table.h"

typedef struct fmts {
    lxw_format *title, *head, *text, *num, *pct;
} fmts;

static void make_formats(lxw_workbook *wb, fmts *f)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    f->head = workbook_add_format(wb);
    format_set_bold(f->head);
    format_set_border(f->head, LXW_BORDER_THIN);
    format_set_bg_color(f->head, 0xDDEBF7);
    format_set_text_wrap(f->head);
    f->text = workbook_add_format(wb);
    format_set_border(f->text, LXW_BORDER_THIN);
    format_set_text_wrap(f->text);
    f->num = workbook_add_format(wb);
    format_set_border(f->num, LXW_BORDER_THIN);
    format_set_num_format(f->num, "0");
    f->pct = workbook_add_format(wb);
    format_set_border(f->pct, LXW_BORDER_THIN);
    format_set_num_format(f->pct, "0.0%");
}

static const char *T(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* A figure of a row: a rate as a percentage ("—" when null), a count as a number. */
static void figure_cell(lxw_worksheet *ws, const fmts *f, lxw_row_t r, lxw_col_t c, const json_t *row, const json_t *fig)
{
    const json_t *v = json_object_get(row, T(fig, "key"));
    int rate = json_object_get(fig, "numerator") && json_is_string(json_object_get(fig, "numerator"));
    if (json_is_number(v))
        worksheet_write_number(ws, r, c, json_number_value(v), rate ? f->pct : f->num);
    else
        worksheet_write_string(ws, r, c, "—", f->text);
}

static void headline_sheet(lxw_workbook *wb, const fmts *f, const json_t *c, const char *title)
{
    static const char *const HEAD[] = {"指标", "数值", "分子", "分母", "单位", "计算口径"};
    lxw_worksheet *ws = workbook_add_worksheet(wb, "主要指标");
    worksheet_write_string(ws, 0, 0, title, f->title);
    for (lxw_col_t k = 0; k < 6; k++)
        worksheet_write_string(ws, 1, k, HEAD[k], f->head);
    worksheet_set_column(ws, 0, 0, 18, NULL);
    worksheet_set_column(ws, 1, 4, 12, NULL);
    worksheet_set_column(ws, 5, 5, 60, NULL);
    const json_t *figures = json_object_get(c, "figures"), *total = json_object_get(c, "total"), *fig;
    size_t i;
    json_array_foreach(figures, i, fig)
    {
        lxw_row_t r = (lxw_row_t)(i + 2);
        worksheet_write_string(ws, r, 0, T(fig, "label"), f->text);
        figure_cell(ws, f, r, 1, total, fig);
        if (*T(fig, "numerator")) {
            worksheet_write_number(ws, r, 2, (double)json_integer_value(json_object_get(total, T(fig, "numerator"))), f->num);
            worksheet_write_number(ws, r, 3, (double)json_integer_value(json_object_get(total, T(fig, "denominator"))), f->num);
        } else {
            worksheet_write_string(ws, r, 2, "", f->text);
            worksheet_write_string(ws, r, 3, "", f->text);
        }
        worksheet_write_string(ws, r, 4, T(fig, "unit"), f->text);
        worksheet_write_string(ws, r, 5, T(fig, "definition"), f->text);
    }
}

static void township_sheet(lxw_workbook *wb, const fmts *f, const json_t *c, const char *title)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "分乡镇");
    worksheet_write_string(ws, 0, 0, title, f->title);
    worksheet_write_string(ws, 1, 0, "排名", f->head);
    worksheet_write_string(ws, 1, 1, "乡镇（街道）", f->head);
    const json_t *figures = json_object_get(c, "figures"), *fig, *towns = json_object_get(c, "townships"), *t;
    size_t i, k;
    json_array_foreach(figures, k, fig) worksheet_write_string(ws, 1, (lxw_col_t)(k + 2), T(fig, "label"), f->head);
    worksheet_set_column(ws, 0, 0, 6, NULL);
    worksheet_set_column(ws, 1, 1, 16, NULL);
    worksheet_set_column(ws, 2, (lxw_col_t)(json_array_size(figures) + 1), 12, NULL);
    json_array_foreach(towns, i, t)
    {
        lxw_row_t r = (lxw_row_t)(i + 2);
        worksheet_write_number(ws, r, 0, (double)json_integer_value(json_object_get(t, "rank")), f->num);
        worksheet_write_string(ws, r, 1, T(t, "name"), f->text);
        json_array_foreach(figures, k, fig) figure_cell(ws, f, r, (lxw_col_t)(k + 2), t, fig);
    }
    lxw_row_t r = (lxw_row_t)(json_array_size(towns) + 2);
    worksheet_write_string(ws, r, 0, "", f->text);
    worksheet_write_string(ws, r, 1, "合计", f->text);
    json_array_foreach(figures, k, fig) figure_cell(ws, f, r, (lxw_col_t)(k + 2), json_object_get(c, "total"), fig);
    worksheet_freeze_panes(ws, 2, 2);
}

int sh_report_xlsx(const json_t *content, sh_buf *out, sh_err *err)
{
    char path[32], title[320];
    lxw_workbook *wb = sh_xlsx_open(path, err);
    if (!wb)
        return SH_EINTERNAL;
    fmts f;
    make_formats(wb, &f);
    snprintf(title, sizeof title, "%s（%s）", T(content, "title"), T(content, "period_label"));
    headline_sheet(wb, &f, content, title);
    township_sheet(wb, &f, content, title);
    return sh_xlsx_close(wb, path, out, err);
}
