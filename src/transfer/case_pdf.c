/* A case document as PDF (case_pdf.h): each block of its content to the renderer's block. */
#include "transfer/case_pdf.h"

#include <stdio.h>
#include <string.h>

#include "transfer/pdf_doc.h"

#define T(o, k) (json_string_value(json_object_get(o, k)) ? json_string_value(json_object_get(o, k)) : "")

int sh_case_document_pdf(const json_t *doc, const char *verify_url, sh_buf *out, sh_err *err)
{
    json_t *content = json_object_get(doc, "content");
    int issued = !strcmp(T(doc, "status"), "issued");
    sh_pdf_doc *d = sh_pdf_new();
    sh_pdf_agency(d, T(content, "agency"));
    char title[120];
    snprintf(title, sizeof title, "%s%s", T(content, "title"), issued ? "" : "（草稿）");
    sh_pdf_title(d, title);
    if (*T(content, "number"))
        sh_pdf_number(d, T(content, "number"));
    size_t i;
    json_t *b;
    json_array_foreach(json_object_get(content, "blocks"), i, b) {
        const char *type = T(b, "type");
        if (!strcmp(type, "field")) {
            sh_pdf_field(d, T(b, "label"), T(b, "value"));
        } else if (!strcmp(type, "paragraph")) {
            sh_pdf_paragraph(d, T(b, "text"));
        } else if (!strcmp(type, "form")) {
            json_t *cells = json_object_get(b, "cells");
            int cols = (int)json_integer_value(json_object_get(b, "cols"));
            size_t n = json_array_size(cells);
            if (cols < 1 || cols > 8 || n == 0 || n > 64)
                continue;
            const char *texts[72] = {0}; /* a last row short of cells stays empty */
            for (size_t k = 0; k < n; k++)
                texts[k] = json_string_value(json_array_get(cells, k));
            sh_pdf_form(d, texts, (int)((n + (size_t)cols - 1) / (size_t)cols), cols);
        }
    }
    json_t *sig = json_object_get(content, "signature");
    sh_pdf_signature(d, T(sig, "agency"), T(sig, "date"));
    if (issued && verify_url)
        sh_pdf_qr(d, verify_url, "扫码核验");
    return sh_pdf_finish(d, out, err);
}
