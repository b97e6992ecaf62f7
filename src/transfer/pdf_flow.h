/* Inside the PDF renderer (pdf_doc.h), shared by pdf_flow.c, pdf_doc.c and pdf_form.c only: the page
 * geometry of GB/T 9704-2012 in points, the document's state and the flow that places text down the
 * type area, starting new pages. */
#ifndef SH_TRANSFER_PDF_FLOW_H
#define SH_TRANSFER_PDF_FLOW_H

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "transfer/pdf_doc.h"

#define PDF_MM(x) ((x) * 72.0 / 25.4)
#define PDF_W PDF_MM(210.0)
#define PDF_H PDF_MM(297.0)
#define PDF_LEFT PDF_MM(28.0)
#define PDF_RIGHT (PDF_W - PDF_MM(26.0)) /* the right edge of the type area */
#define PDF_TOP PDF_MM(37.0)
#define PDF_BOTTOM (PDF_H - PDF_MM(35.0)) /* the bottom edge of the type area */
#define PDF_TEXT_W (PDF_RIGHT - PDF_LEFT)
#define PDF_PITCH ((PDF_BOTTOM - PDF_TOP) / 22.0) /* 22 lines a page: 28.99 pt */
#define PDF_BODY 16.0                              /* 三号 */
#define PDF_FONT "Noto Serif CJK SC"

struct sh_pdf_doc {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoContext *pango;
    sh_buf bytes;      /* what cairo has written so far */
    double y;          /* top of the next line box, from the page's top edge */
    int page;          /* 1-based */
    int code;          /* the first failure, reported by sh_pdf_finish */
    sh_err err;
    char *qr_url, *qr_caption;
};

typedef struct pdf_style {
    double size;       /* points */
    int bold;
    PangoAlignment align;
    int justify;
    double indent;     /* first line of each paragraph, points */
    double width;      /* points */
    double spacing;    /* letter spacing, points */
} pdf_style;

/* Body text: 16 pt, justified, 28 characters to a line of the type area, first line 2 in. */
pdf_style pdf_body(void);

/* Every call that touches pango holds this lock: one font map serves the process (pdf_font_map), and
 * pango's font maps take no lock of their own. */
void pdf_lock(void);
void pdf_unlock(void);
PangoFontMap *pdf_font_map(void);

/* Keeps the first failure only. */
void pdf_fail(sh_pdf_doc *d, int code, const char *field, const char *message);
/* NULL as "", and refuses (pdf_fail, then returns NULL) text that is not UTF-8. */
const char *pdf_text(sh_pdf_doc *d, const char *text, const char *field);

/* A layout of text in style s; the first bold_len bytes bold. The caller unrefs it. */
PangoLayout *pdf_layout(sh_pdf_doc *d, const pdf_style *s, const char *text, int bold_len);
/* Places the layout's lines at x down the page, each in a box of max(pitch, its height), moving to a
 * new page when a line does not fit. */
void pdf_flow(sh_pdf_doc *d, PangoLayout *l, double x, double pitch);
/* Starts a new page unless h points still fit below the cursor (or the page is still empty). */
void pdf_need(sh_pdf_doc *d, double h);
/* Closes the page (its number at the bottom) and opens the next. */
void pdf_new_page(sh_pdf_doc *d);
/* "— n —" centred 7 mm under the type area (GB/T 9704 7.5), 14 pt. */
void pdf_page_number(sh_pdf_doc *d);
/* The QR code asked for by sh_pdf_qr, if any, at the bottom right of the last page (pdf_marks.c). */
void pdf_draw_qr(sh_pdf_doc *d);

#endif
