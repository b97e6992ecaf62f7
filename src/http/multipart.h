/* multipart/form-data bodies (RFC 7578), parsed from the buffered request body with libmicrohttpd's
 * MHD_PostProcessor: each part's name, filename, content type and bytes, capped in count and size.
 * Lifecycle: sh_multipart_parse fills a zeroed sh_multipart; sh_multipart_release frees it (also
 * after a failed parse). */
#ifndef SH_MULTIPART_H
#define SH_MULTIPART_H

#include <stddef.h>

#include "core/buf.h"
#include "http/http.h"

#define SH_MULTIPART_MAX_PARTS 8

typedef struct sh_part {
    char *name;          /* form field name ("" when none) */
    char *filename;      /* NULL when the part has none */
    char *content_type;  /* NULL when the part has none */
    sh_buf data;
} sh_part;

typedef struct sh_multipart {
    sh_part parts[SH_MULTIPART_MAX_PARTS];
    int count;
    size_t max_part;     /* set by the parser: the cap it enforced */
    int failed;          /* internal: the first error met while parsing */
    sh_err err;
} sh_multipart;

/* Whether the request says it carries multipart/form-data or multipart/mixed. */
int sh_is_multipart(sh_req *req);

/* Parses req->body as multipart/form-data (or multipart/mixed, split on its boundary lines) into *out (zeroed by the caller): at most
 * SH_MULTIPART_MAX_PARTS parts, none larger than max_part bytes. SH_EINVAL naming "body" for a
 * missing boundary, a malformed or truncated body or too many parts; SH_ETOOBIG for a part too large. */
int sh_multipart_parse(sh_req *req, size_t max_part, sh_multipart *out, sh_err *err);

/* The multipart/mixed half of sh_multipart_parse, on bytes and the Content-Type value ct (libmicrohttpd
 * reads form-data itself, from the connection): the same caps and errors. */
int sh_multipart_parse_mixed(const char *body, size_t len, const char *ct, size_t max_part, sh_multipart *out, sh_err *err);

/* The first part called name, or NULL. */
const sh_part *sh_multipart_get(const sh_multipart *m, const char *name);

/* Whether a part's content type is `type` (parameters such as "; charset=utf-8" ignored). */
int sh_part_is(const sh_part *p, const char *type);

void sh_multipart_release(sh_multipart *m);

#endif
