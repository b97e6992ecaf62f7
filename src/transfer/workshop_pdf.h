/* The small workshop's registration certificate (小作坊登记证) as a PDF on A4 (pdf_doc.h), with the QR
 * code of its public verification page. */
#ifndef SH_TRANSFER_WORKSHOP_PDF_H
#define SH_TRANSFER_WORKSHOP_PDF_H

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

/* cert: the view of sh_ws_cert_get (cert_no, name, operator, address, products, issued_on, valid_until,
 * status, division_name, agency); verify_url: what the QR code opens. Appends the PDF to out. */
int sh_ws_cert_pdf(const json_t *cert, const char *verify_url, sh_buf *out, sh_err *err);

#endif
