/* The body of a complaint submission, from the portal or the console: JSON, or multipart/form-data
 * with the part "complaint" (JSON) and up to three parts "photo" (JPEG or PNG, 5 MiB each). */
#ifndef SH_HTTP_COMPLAINT_FORM_H
#define SH_HTTP_COMPLAINT_FORM_H

#include "domain/complaints/complaint.h"
#include "http/multipart.h"

typedef struct sh_complaint_form {
    json_t *body;
    sh_complaint_photo photos[SH_COMPLAINT_MAX_PHOTOS];
    int nphotos;
    sh_multipart mp;
} sh_complaint_form;

/* Reads the form (the photos borrow the request's parts); release it with sh_complaint_form_release. */
int sh_complaint_form_read(sh_req *req, sh_complaint_form *f, sh_err *err);
void sh_complaint_form_release(sh_complaint_form *f);

#endif
