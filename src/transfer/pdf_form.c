/* The ruled table of a form (审批表, 送达回证) (pdf_doc.h sh_pdf_form). */
#include "transfer/pdf_flow.h"

#include <stdlib.h>

#define CELL_PT 14.0 /* 四号 */
#define PAD 4.0
#define MAX_COLS 12  /* a column narrower than this fits too few characters to read */

/* The bottom of the last line of l ending at or above limit (pango units, from the layout's top),
 * after `from`; or, when none does, of the first line after `from` when `force`, else from. */
static int cut_at(PangoLayout *l, int from, int limit, int force)
{
    int cut = from, first = -1;
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        int y0, y1;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        if (y1 <= from)
            continue;
        if (first < 0)
            first = y1;
        if (y1 <= limit)
            cut = y1;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return cut == from && force && first > 0 ? first : cut;
}

/* One row: as much of every cell as fits on the page, ruled; the rest on the next pages. */
static void row(sh_pdf_doc *d, PangoLayout **cell, int cols)
{
    double cw = PDF_TEXT_W / cols;
    int height = 0, *done = sh_xcalloc((size_t)cols, sizeof *done), *cut = sh_xcalloc((size_t)cols, sizeof *cut);
    for (int c = 0; c < cols; c++) {
        PangoRectangle logical;
        pango_layout_get_extents(cell[c], NULL, &logical);
        if (logical.height > height)
            height = logical.height;
    }
    double whole = (double)height / PANGO_SCALE + 2 * PAD;
    if (whole <= PDF_BOTTOM - PDF_TOP)
        pdf_need(d, whole); /* whole on the next page when it fits there */
    for (;;) {
        int limit = (int)((PDF_BOTTOM - d->y - 2 * PAD) * PANGO_SCALE), seg = 0, left = 0;
        for (int c = 0; c < cols; c++) {
            cut[c] = cut_at(cell[c], done[c], done[c] + limit, d->y <= PDF_TOP);
            if (cut[c] - done[c] > seg)
                seg = cut[c] - done[c];
        }
        if (seg == 0 && d->y > PDF_TOP) { /* not one more line fits here */
            pdf_new_page(d);
            continue;
        }
        double h = (double)seg / PANGO_SCALE + 2 * PAD;
        for (int c = 0; c < cols; c++) {
            double x = PDF_LEFT + c * cw;
            cairo_save(d->cr);
            cairo_rectangle(d->cr, x, d->y + PAD, cw, (double)(cut[c] - done[c]) / PANGO_SCALE);
            cairo_clip(d->cr); /* lines past the cut wait for the next page */
            cairo_move_to(d->cr, x + PAD, d->y + PAD - (double)done[c] / PANGO_SCALE);
            pango_cairo_show_layout(d->cr, cell[c]);
            cairo_restore(d->cr);
            done[c] = cut[c];
            PangoRectangle logical;
            pango_layout_get_extents(cell[c], NULL, &logical);
            left |= done[c] < logical.y + logical.height;
        }
        for (int c = 0; c < cols; c++) /* after the text: a clip takes the current path */
            cairo_rectangle(d->cr, PDF_LEFT + c * cw, d->y, cw, h);
        cairo_set_line_width(d->cr, 0.75);
        cairo_stroke(d->cr);
        d->y += h;
        if (!left)
            break;
        pdf_new_page(d);
    }
    free(done);
    free(cut);
}

void sh_pdf_form(sh_pdf_doc *d, const char *const *cells, int rows, int cols)
{
    if (rows <= 0 || cols <= 0 || cols > MAX_COLS || !cells) {
        pdf_fail(d, SH_EINVAL, "cells", "表格的行列数不正确（每行 1 至 12 栏）");
        return;
    }
    pdf_style s = {.size = CELL_PT, .align = PANGO_ALIGN_LEFT, .width = PDF_TEXT_W / cols - 2 * PAD};
    PangoLayout **cell = sh_xcalloc((size_t)cols, sizeof *cell);
    pdf_lock();
    for (int r = 0; r < rows && !d->code; r++) {
        int ok = 1;
        for (int c = 0; c < cols; c++) {
            const char *text = pdf_text(d, cells[r * cols + c], "cells");
            ok &= text != NULL;
            cell[c] = pdf_layout(d, &s, text ? text : "", 0);
        }
        if (ok)
            row(d, cell, cols);
        for (int c = 0; c < cols; c++)
            g_object_unref(cell[c]);
    }
    pdf_unlock();
    free(cell);
}
