/* Fields of a request body, checked with their Chinese name in the message ("理由：…"), as every
 * area's forms need them. */
#ifndef SH_BODY_H
#define SH_BODY_H

#include <jansson.h>
#include <stddef.h>

#include "core/err.h"

/* The text field `field` of body: absent, null or "" is NULL (allowed when min is 0); otherwise valid
 * UTF-8 of min..max characters without control characters. SH_EINVAL naming the field, the message
 * led by label. */
int sh_body_text(json_t *body, const char *field, const char *label, size_t min, size_t max, const char **out, sh_err *err);

/* The date field `field` of body (YYYY-MM-DD, a real day) into out; absent or null is def (an error when
 * def is NULL). SH_EINVAL naming the field, the message led by label. */
int sh_body_date(json_t *body, const char *field, const char *label, const char *def, char out[11], sh_err *err);

/* Puts label in front of err's message ("label：message"); returns SH_EINVAL. */
int sh_body_labelled(sh_err *err, const char *label);

#endif
