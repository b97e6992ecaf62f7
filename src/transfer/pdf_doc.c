/* The document's lifecycle and its text blocks (pdf_doc.h); the table is pdf_form.c, the signature
 * and the QR code pdf_marks.c. */
#include "transfer/pdf_flow.h"

#include <stdlib.h>
#include <string.h>

static cairo_status_t write_bytes(void *closure, const unsigned char *data, unsigned int length)
{
    sh_buf_add(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

/* A pango context on the process's font map (pdf_flow.c), for this document's cairo context. */
static PangoContext *text_context(cairo_t *cr)
{
    PangoContext *c = pango_font_map_create_context(pdf_font_map());
    /* unhinted metrics and unrounded positions: a PDF is scaled, not drawn on a pixel grid */
    cairo_font_options_t *o = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(c, o);
    cairo_font_options_destroy(o);
    pango_context_set_round_glyph_positions(c, FALSE);
    pango_context_set_language(c, pango_language_from_string("zh-cn")); /* Chinese glyph forms and line breaks */
    pango_cairo_update_context(cr, c);
    return c;
}

sh_pdf_doc *sh_pdf_new(void)
{
    sh_pdf_doc *d = sh_xcalloc(1, sizeof *d);
    d->surface = cairo_pdf_surface_create_for_stream(write_bytes, &d->bytes, PDF_W, PDF_H);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "shian");
    d->cr = cairo_create(d->surface);
    pdf_lock();
    d->pango = text_context(d->cr);
    pdf_unlock();
    d->page = 1;
    d->y = PDF_TOP;
    return d;
}

void sh_pdf_created(sh_pdf_doc *d, const char *iso8601)
{
    if (iso8601)
        cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATE_DATE, iso8601);
}

/* One block of text at the cursor, flowing over pages. */
static void block(sh_pdf_doc *d, const pdf_style *s, const char *text, int bold_len, double pitch)
{
    PangoLayout *l = pdf_layout(d, s, text, bold_len);
    pdf_flow(d, l, PDF_LEFT, pitch);
    g_object_unref(l);
}

static void heading(sh_pdf_doc *d, const char *text, const char *field)
{
    if (!(text = pdf_text(d, text, field)))
        return;
    pdf_style s = {.size = 22, .bold = 1, .align = PANGO_ALIGN_CENTER, .width = PDF_TEXT_W}; /* 二号 */
    block(d, &s, text, 0, PDF_PITCH);
}

void sh_pdf_agency(sh_pdf_doc *d, const char *agency)
{
    pdf_lock();
    heading(d, agency, "agency");
    pdf_unlock();
}

void sh_pdf_title(sh_pdf_doc *d, const char *title)
{
    pdf_lock();
    heading(d, title, "title");
    pdf_unlock();
    if (title && !d->code)
        cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
}

void sh_pdf_number(sh_pdf_doc *d, const char *number)
{
    pdf_style s = {.size = PDF_BODY, .align = PANGO_ALIGN_RIGHT, .width = PDF_TEXT_W};
    pdf_lock();
    if ((number = pdf_text(d, number, "number")))
        block(d, &s, number, 0, PDF_PITCH);
    pdf_unlock();
}

void sh_pdf_paragraph(sh_pdf_doc *d, const char *text)
{
    pdf_style s = pdf_body();
    pdf_lock();
    if ((text = pdf_text(d, text, "text")))
        block(d, &s, text, 0, PDF_PITCH);
    pdf_unlock();
}

void sh_pdf_field(sh_pdf_doc *d, const char *label, const char *value)
{
    if (!(label = pdf_text(d, label, "label")) || !(value = pdf_text(d, value, "value")))
        return;
    sh_buf t = SH_BUF_INIT;
    sh_buf_printf(&t, "%s：%s", label, value);
    pdf_style s = pdf_body();
    pdf_lock();
    block(d, &s, t.data, (int)(strlen(label) + strlen("：")), PDF_PITCH);
    pdf_unlock();
    sh_buf_release(&t);
}

int sh_pdf_finish(sh_pdf_doc *d, sh_buf *out, sh_err *err)
{
    if (!d)
        return 0;
    pdf_lock(); /* to the end: cairo subsets the fonts of the shared map while finishing */
    if (!d->code)
        pdf_draw_qr(d);
    pdf_page_number(d);
    if (!d->code && cairo_status(d->cr) != CAIRO_STATUS_SUCCESS)
        pdf_fail(d, SH_EINTERNAL, "pdf", cairo_status_to_string(cairo_status(d->cr)));
    cairo_destroy(d->cr);
    g_object_unref(d->pango);
    cairo_surface_finish(d->surface);
    if (!d->code && cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS)
        pdf_fail(d, SH_EINTERNAL, "pdf", cairo_status_to_string(cairo_surface_status(d->surface)));
    cairo_surface_destroy(d->surface);
    pdf_unlock();
    int rc = d->code;
    if (rc && err)
        *err = d->err;
    if (!rc)
        sh_buf_add(out, d->bytes.data, d->bytes.len);
    sh_buf_release(&d->bytes);
    free(d->qr_url);
    free(d->qr_caption);
    free(d);
    return rc;
}
