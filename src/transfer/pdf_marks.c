/* The marks of issue (pdf_doc.h): the signature with the seal's place, and the QR code that verifies
 * the document. */
#include "transfer/pdf_flow.h"

#include <stdlib.h>
#include <string.h>

#include "core/qr.h"

#define SEAL_R (PDF_MM(42.0) / 2)
#define QR_SIZE PDF_MM(28.0)

/* Width of text on one line in style s. */
static double width_of(sh_pdf_doc *d, const pdf_style *s, const char *text)
{
    PangoLayout *l = pdf_layout(d, s, text, 0);
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    g_object_unref(l);
    return (double)logical.width / PANGO_SCALE;
}

/* One line of text centred on cx, in a box of the grid at the cursor. */
static void line_at(sh_pdf_doc *d, const pdf_style *s, const char *text, double cx)
{
    double x = cx - width_of(d, s, text) / 2;
    PangoLayout *l = pdf_layout(d, s, text, 0);
    pdf_flow(d, l, x < PDF_LEFT ? PDF_LEFT : x, PDF_PITCH);
    g_object_unref(l);
}

static void signature(sh_pdf_doc *d, const char *agency, const char *date_text)
{
    pdf_style s = {.size = PDF_BODY, .align = PANGO_ALIGN_LEFT, .width = PDF_TEXT_W};
    /* GB/T 9704 7.3.5.1: the date 4 characters in from the right, the name centred over it, the seal
     * pressing on both with them in its lower half */
    double cx = PDF_RIGHT - 4 * PDF_BODY - width_of(d, &s, date_text) / 2;
    double half = width_of(d, &s, agency) / 2;
    if (cx + half > PDF_RIGHT)
        cx = PDF_RIGHT - half;
    pdf_need(d, 2 * SEAL_R);
    double cy = d->y + SEAL_R;

    cairo_save(d->cr);
    cairo_set_source_rgb(d->cr, 0.86, 0.08, 0.08);
    cairo_set_line_width(d->cr, 1.5);
    cairo_new_sub_path(d->cr);
    cairo_arc(d->cr, cx, cy, SEAL_R, 0, 2 * G_PI);
    cairo_stroke(d->cr);
    pdf_style label = {.size = 12, .align = PANGO_ALIGN_LEFT, .width = PDF_TEXT_W};
    double saved = d->y;
    d->y = cy - SEAL_R / 2 - PDF_PITCH / 2;
    line_at(d, &label, "（印章）", cx);
    cairo_restore(d->cr);

    d->y = cy - PDF_PITCH / 2;
    line_at(d, &s, agency, cx);
    line_at(d, &s, date_text, cx);
    d->y = saved + 2 * SEAL_R;
}

void sh_pdf_signature(sh_pdf_doc *d, const char *agency, const char *date_text)
{
    if (!(agency = pdf_text(d, agency, "agency")) || !(date_text = pdf_text(d, date_text, "date")))
        return;
    pdf_lock();
    signature(d, agency, date_text);
    pdf_unlock();
}

void sh_pdf_qr(sh_pdf_doc *d, const char *url, const char *caption)
{
    if (!(url = pdf_text(d, url, "url")) || !(caption = pdf_text(d, caption, "caption")))
        return;
    free(d->qr_url);
    free(d->qr_caption);
    d->qr_url = sh_xstrdup(url);
    d->qr_caption = sh_xstrdup(caption);
}

typedef struct png_reader {
    const unsigned char *p;
    size_t left;
} png_reader;

static cairo_status_t read_png(void *closure, unsigned char *data, unsigned int length)
{
    png_reader *r = closure;
    if (length > r->left)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->p, length);
    r->p += length;
    r->left -= length;
    return CAIRO_STATUS_SUCCESS;
}

void pdf_draw_qr(sh_pdf_doc *d)
{
    if (!d->qr_url)
        return;
    sh_buf png = SH_BUF_INIT;
    sh_err err = {0};
    if (sh_qr_png(d->qr_url, "url", &png, &err) < 0) {
        pdf_fail(d, err.code, err.field, err.message);
        return;
    }
    png_reader r = {(const unsigned char *)png.data, png.len};
    cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_png, &r);
    sh_buf_release(&png);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        pdf_fail(d, SH_EINTERNAL, "url", "二维码图像无法读入");
        cairo_surface_destroy(img);
        return;
    }
    pdf_style s = {.size = 12, .align = PANGO_ALIGN_CENTER, .width = QR_SIZE};
    PangoLayout *cap = pdf_layout(d, &s, d->qr_caption, 0);
    PangoRectangle logical;
    pango_layout_get_extents(cap, NULL, &logical);
    double block = QR_SIZE + (double)logical.height / PANGO_SCALE;
    pdf_need(d, block); /* the last page keeps it only when the text ends above it */
    double x = PDF_RIGHT - QR_SIZE, top = PDF_BOTTOM - block;

    cairo_save(d->cr);
    cairo_translate(d->cr, x, top);
    double scale = QR_SIZE / cairo_image_surface_get_width(img);
    cairo_scale(d->cr, scale, scale);
    cairo_set_source_surface(d->cr, img, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(d->cr), CAIRO_FILTER_NEAREST); /* sharp modules, no smoothing */
    cairo_paint(d->cr);
    cairo_restore(d->cr);
    cairo_surface_destroy(img);

    cairo_move_to(d->cr, x, top + QR_SIZE);
    pango_cairo_show_layout(d->cr, cap);
    g_object_unref(cap);
    d->y = PDF_BOTTOM;
}
