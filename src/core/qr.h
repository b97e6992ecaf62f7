/* QR codes as PNG images (libqrencode, libpng): the code printed at a business's door opens its
 * public page. Error correction level M, 4 pixels a module, a quiet zone of 4 modules. */
#ifndef SH_QR_H
#define SH_QR_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

/* Longest text encoded (bytes): a URL of a page, with room to spare, and well inside version 40-M. */
#define SH_QR_MAX_TEXT 1024

/* Appends the PNG of text's QR code (8-bit mode, black on white, 1 bit a pixel) to out. SH_EINVAL
 * naming `field` when text is empty or longer than SH_QR_MAX_TEXT; out unchanged on failure. */
int sh_qr_png(const char *text, const char *field, sh_buf *out, sh_err *err);

#endif
