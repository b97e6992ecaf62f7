/* The flow of text down the pages (pdf_flow.h). */
#include "transfer/pdf_flow.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* One font map for the process, made on first use and kept. Pango's default map is one per thread
 * (since 1.32.6, because a map takes no lock): each HTTP worker thread would load the fonts again,
 * about 9 MB and half a second on its first document (measured), while two threads render no faster
 * than one here (bench/RESULTS.md: the time is cairo copying font data), so one map under a lock. */
static pthread_once_t map_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t map_lock = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap *map;

static void make_map(void)
{
    map = pango_cairo_font_map_new();
}

void pdf_lock(void)
{
    pthread_once(&map_once, make_map);
    pthread_mutex_lock(&map_lock);
}

void pdf_unlock(void)
{
    pthread_mutex_unlock(&map_lock);
}

PangoFontMap *pdf_font_map(void)
{
    return map;
}

pdf_style pdf_body(void)
{
    /* GB/T 9704 asks for 28 characters a line filling the 156 mm type area; 28 × 16 pt is 448 pt, a
     * little more than its 442 pt, so the characters close up by a quarter of a point. The line is 1 pt
     * short of the area: a justified line with Latin text in it can end half a point past its width. */
    double width = PDF_TEXT_W - 1, spacing = (width - 28 * PDF_BODY) / 28 - 0.01;
    return (pdf_style){.size = PDF_BODY, .align = PANGO_ALIGN_LEFT, .justify = 1, .indent = 2 * (PDF_BODY + spacing),
                       .width = width, .spacing = spacing};
}

void pdf_fail(sh_pdf_doc *d, int code, const char *field, const char *message)
{
    if (d->code)
        return;
    d->code = sh_fail(&d->err, code, field, "%s", message);
}

const char *pdf_text(sh_pdf_doc *d, const char *text, const char *field)
{
    if (!text)
        return "";
    if (!g_utf8_validate(text, -1, NULL)) {
        pdf_fail(d, SH_EINVAL, field, "文书文字不是有效的 UTF-8 编码");
        return NULL;
    }
    return text;
}

PangoLayout *pdf_layout(sh_pdf_doc *d, const pdf_style *s, const char *text, int bold_len)
{
    PangoLayout *l = pango_layout_new(d->pango);
    PangoFontDescription *f = pango_font_description_new();
    pango_font_description_set_family_static(f, PDF_FONT);
    pango_font_description_set_weight(f, s->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(f, s->size * PANGO_SCALE);
    pango_layout_set_font_description(l, f);
    pango_font_description_free(f);
    pango_layout_set_width(l, (int)(s->width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR); /* a word longer than the line breaks anywhere */
    pango_layout_set_alignment(l, s->align);
    pango_layout_set_justify(l, s->justify);
    pango_layout_set_indent(l, (int)(s->indent * PANGO_SCALE));
    PangoAttrList *attrs = pango_attr_list_new();
    if (s->spacing != 0)
        pango_attr_list_insert(attrs, pango_attr_letter_spacing_new((int)(s->spacing * PANGO_SCALE)));
    if (bold_len > 0) {
        PangoAttribute *b = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
        b->end_index = (guint)bold_len;
        pango_attr_list_insert(attrs, b);
    }
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    pango_layout_set_text(l, text, -1);
    return l;
}

void pdf_flow(sh_pdf_doc *d, PangoLayout *l, double x, double pitch)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle ink, logical;
        pango_layout_iter_get_line_extents(it, &ink, &logical);
        double h = (double)logical.height / PANGO_SCALE;
        double box = h > pitch ? h : pitch;
        pdf_need(d, box);
        /* the line centred in its box of the grid */
        double baseline = d->y + (box - h) / 2 + (double)(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
        cairo_move_to(d->cr, x + (double)logical.x / PANGO_SCALE, baseline);
        pango_cairo_show_layout_line(d->cr, pango_layout_iter_get_line_readonly(it));
        d->y += box;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

void pdf_need(sh_pdf_doc *d, double h)
{
    if (d->y > PDF_TOP && d->y + h > PDF_BOTTOM + 0.01)
        pdf_new_page(d);
}

void pdf_new_page(sh_pdf_doc *d)
{
    pdf_page_number(d);
    cairo_show_page(d->cr);
    d->page++;
    d->y = PDF_TOP;
}

void pdf_page_number(sh_pdf_doc *d)
{
    char text[32];
    snprintf(text, sizeof text, "— %d —", d->page);
    pdf_style s = {.size = 14, .align = PANGO_ALIGN_CENTER, .width = PDF_TEXT_W};
    PangoLayout *l = pdf_layout(d, &s, text, 0);
    cairo_move_to(d->cr, PDF_LEFT, PDF_BOTTOM + PDF_MM(7.0));
    pango_cairo_show_layout(d->cr, l);
    g_object_unref(l);
}
