/* A case document (domain/enforcement/documents.h) as PDF, through the renderer (pdf_doc.h). */
#ifndef SH_TRANSFER_CASE_PDF_H
#define SH_TRANSFER_CASE_PDF_H

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

/* doc as sh_document_get gives it; verify_url: where its QR code leads (issued documents; NULL: none,
 * and a draft is marked 草稿 in its title). */
int sh_case_document_pdf(const json_t *doc, const char *verify_url, sh_buf *out, sh_err *err);

#endif
