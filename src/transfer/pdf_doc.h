/* Official documents as PDF (issue 13): the 2021 SAMR templates (行政处罚决定书, 送达回证, 立案审批表 …)
 * laid out on A4 after GB/T 9704-2012 with cairo and pango, fonts from fontconfig (Noto Serif CJK SC
 * standing in for 小标宋 and 仿宋), page numbers "— 1 —", a QR code that verifies the issued document.
 * Knows nothing of cases: the caller fills it block by block, top to bottom.
 *
 * Lifecycle: sh_pdf_new, any number of blocks, then sh_pdf_finish (which frees the document). Text is
 * UTF-8 shown as given (never parsed as markup). A block call cannot fail on its own: the first
 * problem (text that is not UTF-8, a QR URL refused) is kept and reported by sh_pdf_finish.
 * Thread use: one document belongs to one thread at a time; documents on different threads may be built at once
 * (each has its own surface and layouts; the calls using the one font map they share take turns, pdf_flow.c). */
#ifndef SH_TRANSFER_PDF_DOC_H
#define SH_TRANSFER_PDF_DOC_H

#include "core/buf.h"
#include "core/err.h"

typedef struct sh_pdf_doc sh_pdf_doc;

/* A new document of one empty page. Never NULL (allocation failure aborts, as sh_buf). */
sh_pdf_doc *sh_pdf_new(void);

/* The PDF's creation date as ISO 8601 ("2026-12-06T10:30:00+08:00"); without it the PDF has none. */
void sh_pdf_created(sh_pdf_doc *d, const char *iso8601);

/* 青禾县市场监督管理局: centred, 22 pt bold. */
void sh_pdf_agency(sh_pdf_doc *d, const char *agency);
/* 行政处罚决定书: centred, 22 pt bold; also the PDF's metadata title. */
void sh_pdf_title(sh_pdf_doc *d, const char *title);
/* 青市监罚〔2026〕12号: right-aligned body text. */
void sh_pdf_number(sh_pdf_doc *d, const char *number);
/* Body text, 16 pt on a 22-line grid, 28 characters a line, justified, the first line of each paragraph
 * indented 2 characters; "\n" starts a new paragraph; lines flow onto new pages. */
void sh_pdf_paragraph(sh_pdf_doc *d, const char *text);
/* "label：value" as one paragraph, the label (and its colon) bold. */
void sh_pdf_field(sh_pdf_doc *d, const char *label, const char *value);
/* A ruled table of rows × cols cells (row by row; NULL is empty), equal columns over the text width,
 * 14 pt text wrapping within its cell. A row that does not fit on the page moves to the next one;
 * a row taller than a whole page is cut at a line of its cells and continued there. */
void sh_pdf_form(sh_pdf_doc *d, const char *const *cells, int rows, int cols);
/* The agency's name over the date (二〇二六年十二月六日), right-aligned 4 characters in from the margin,
 * and the seal's place: a red 42 mm circle outline labelled (印章), pressing on both lines. */
void sh_pdf_signature(sh_pdf_doc *d, const char *agency, const char *date_text);
/* The QR code of url (core/qr.c), 28 mm, at the bottom right of the last page's text area with the
 * caption (扫码核验) below; a new page is started when the last one has no room left there. */
void sh_pdf_qr(sh_pdf_doc *d, const char *url, const char *caption);

/* Starts a new page unless the cursor is at the top of an empty one (pdf_chart.c). */
void sh_pdf_page_break(sh_pdf_doc *d);
/* A titled horizontal bar chart: one bar a row, labels on the left, percent[i] in 0–100 (NAN: "—", no
 * bar) written after the bar; rows flow onto new pages. */
void sh_pdf_bar_chart(sh_pdf_doc *d, const char *title, const char *const *labels, const double *percent, int n);
/* A titled line chart of nseries series of percentages (0–100, NAN: no point) over n labels (months),
 * with a 0–100 % axis and a legend of the series' names. */
void sh_pdf_line_chart(sh_pdf_doc *d, const char *title, const char *const *labels, int n, const char *const *names,
                       const double *const *percent, int nseries);

/* Finishes the document and appends the PDF to out. Frees d in every case (NULL is a no-op). On
 * failure out is unchanged and err names the field: SH_EINVAL for the kept input problem,
 * SH_EINTERNAL when cairo fails. */
int sh_pdf_finish(sh_pdf_doc *d, sh_buf *out, sh_err *err);

#endif
