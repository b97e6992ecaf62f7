/* Charts drawn with cairo into a document (pdf_doc.h): a bar chart of one figure by row (a ranking of
 * townships) and a line chart of rates by month. Both take the room they need below the cursor, on a new
 * page when the page has too little left, and leave the cursor under them. */
#include "transfer/pdf_flow.h"

#include <math.h>
#include <stdio.h>

#define CHART_TEXT 11.0
#define CAPTION 14.0

/* Text at (x, y) (its top), left-aligned in width w, or right-aligned when right. */
static void text_at(sh_pdf_doc *d, const char *text, double size, int bold, double x, double y, double w, int right)
{
    pdf_style s = {.size = size, .bold = bold, .align = right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, .width = w};
    PangoLayout *l = pdf_layout(d, &s, text, 0);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, l);
    g_object_unref(l);
}

static void caption(sh_pdf_doc *d, const char *text, double y)
{
    pdf_style s = {.size = CAPTION, .bold = 1, .align = PANGO_ALIGN_CENTER, .width = PDF_TEXT_W};
    PangoLayout *l = pdf_layout(d, &s, text, 0);
    cairo_move_to(d->cr, PDF_LEFT, y);
    pango_cairo_show_layout(d->cr, l);
    g_object_unref(l);
}

static const double COLOURS[][3] = {{0.16, 0.42, 0.75}, {0.85, 0.38, 0.12}, {0.20, 0.60, 0.30}};

void sh_pdf_page_break(sh_pdf_doc *d)
{
    if (d->y > PDF_TOP)
        pdf_new_page(d);
}

void sh_pdf_bar_chart(sh_pdf_doc *d, const char *title, const char *const *labels, const double *percent, int n)
{
    const double row = 20.0, head = 28.0, label_w = PDF_TEXT_W * 0.28, value_w = 50.0;
    const double bar_x = PDF_LEFT + label_w + 6, bar_w = PDF_TEXT_W - label_w - value_w - 12;
    pdf_need(d, head + row * (n < 6 ? n : 6) + 10);
    caption(d, title, d->y);
    double y = d->y + head;
    cairo_save(d->cr);
    for (int i = 0; i < n; i++) {
        if (y + row > PDF_BOTTOM) {
            pdf_new_page(d);
            y = d->y;
        }
        char value[16];
        text_at(d, labels[i], CHART_TEXT, 0, PDF_LEFT, y + 3, label_w, 1);
        cairo_set_source_rgb(d->cr, 0.93, 0.93, 0.93);
        cairo_rectangle(d->cr, bar_x, y + 4, bar_w, row - 8);
        cairo_fill(d->cr);
        if (isnan(percent[i])) {
            snprintf(value, sizeof value, "—");
        } else {
            double p = percent[i] < 0 ? 0 : percent[i] > 100 ? 100 : percent[i];
            cairo_set_source_rgb(d->cr, COLOURS[0][0], COLOURS[0][1], COLOURS[0][2]);
            cairo_rectangle(d->cr, bar_x, y + 4, bar_w * p / 100.0, row - 8);
            cairo_fill(d->cr);
            snprintf(value, sizeof value, "%.1f%%", percent[i]);
        }
        cairo_set_source_rgb(d->cr, 0, 0, 0);
        text_at(d, value, CHART_TEXT, 0, bar_x + bar_w + 6, y + 3, value_w, 0);
        y += row;
    }
    cairo_restore(d->cr);
    d->y = y + 12;
}

void sh_pdf_line_chart(sh_pdf_doc *d, const char *title, const char *const *labels, int n, const char *const *names,
                       const double *const *percent, int nseries)
{
    const double head = 28.0, plot_h = PDF_MM(60.0), axis_w = 40.0, foot = 22.0, legend = 22.0;
    pdf_need(d, head + plot_h + foot + legend);
    caption(d, title, d->y);
    double top = d->y + head, x0 = PDF_LEFT + axis_w, w = PDF_TEXT_W - axis_w - 10, bottom = top + plot_h;
    cairo_save(d->cr);
    cairo_set_line_width(d->cr, 0.5);
    for (int g = 0; g <= 4; g++) { /* 0, 25, 50, 75, 100 % */
        double y = bottom - plot_h * g / 4.0;
        char tick[8];
        snprintf(tick, sizeof tick, "%d%%", g * 25);
        cairo_set_source_rgb(d->cr, 0.8, 0.8, 0.8);
        cairo_move_to(d->cr, x0, y);
        cairo_line_to(d->cr, x0 + w, y);
        cairo_stroke(d->cr);
        cairo_set_source_rgb(d->cr, 0, 0, 0);
        text_at(d, tick, CHART_TEXT, 0, PDF_LEFT, y - 7, axis_w - 6, 1);
    }
    double step = n > 1 ? w / (n - 1) : 0;
    for (int i = 0; i < n; i++)
        text_at(d, labels[i], CHART_TEXT, 0, x0 + step * i - 15, bottom + 4, 30, 0);
    cairo_set_line_width(d->cr, 2.0);
    for (int s = 0; s < nseries; s++) {
        const double *c = COLOURS[s % 3];
        cairo_set_source_rgb(d->cr, c[0], c[1], c[2]);
        int drawing = 0;
        for (int i = 0; i < n; i++) { /* a month with nothing to divide breaks the line */
            if (isnan(percent[s][i])) {
                drawing = 0;
                continue;
            }
            double x = x0 + step * i, y = bottom - plot_h * percent[s][i] / 100.0;
            if (drawing)
                cairo_line_to(d->cr, x, y);
            else
                cairo_move_to(d->cr, x, y);
            drawing = 1;
        }
        cairo_stroke(d->cr);
        for (int i = 0; i < n; i++)
            if (!isnan(percent[s][i])) {
                cairo_new_sub_path(d->cr);
                cairo_arc(d->cr, x0 + step * i, bottom - plot_h * percent[s][i] / 100.0, 2.5, 0, 2 * G_PI);
                cairo_fill(d->cr);
            }
        double lx = x0 + s * 150.0, ly = bottom + foot + 6;
        cairo_rectangle(d->cr, lx, ly + 3, 16, 8);
        cairo_fill(d->cr);
        cairo_set_source_rgb(d->cr, 0, 0, 0);
        text_at(d, names[s], CHART_TEXT, 0, lx + 20, ly, 120, 0);
    }
    cairo_restore(d->cr);
    d->y = bottom + foot + legend + 12;
}
