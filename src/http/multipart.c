/* multipart/form-data through MHD_PostProcessor: the body is already buffered (and capped) by the
 * server, so the processor is created on the request's connection and fed the whole body at once.
 * multipart/mixed (RFC 2046), which the processor does not read and Hikvision NVRs send (the
 * EventNotificationAlert part, then the picture, each with its Content-Type and often no
 * Content-Disposition), is split here on the boundary lines. */
#include "http/multipart.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PP_BUFFER (16 * 1024)

static int is_mixed(const char *ct)
{
    return ct && strncasecmp(ct, "multipart/mixed", 15) == 0;
}

int sh_is_multipart(sh_req *req)
{
    const char *ct = sh_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
    return ct && (strncasecmp(ct, "multipart/form-data", 19) == 0 || is_mixed(ct));
}

/* ---- multipart/mixed ---- */

#define MAX_BOUNDARY 70 /* RFC 2046 5.1.1 */

/* The boundary parameter of a Content-Type, quoted or not, into out; 0 when absent or too long. */
static int boundary_of(const char *ct, char out[MAX_BOUNDARY + 1])
{
    const char *b = strcasestr(ct, "boundary=");
    if (!b)
        return 0;
    b += 9;
    size_t n = 0;
    if (*b == '"') {
        b++;
        n = strcspn(b, "\"");
        if (b[n] != '"')
            return 0;
    } else {
        n = strcspn(b, "; \t\r\n");
    }
    if (n == 0 || n > MAX_BOUNDARY)
        return 0;
    memcpy(out, b, n);
    out[n] = '\0';
    return 1;
}

/* A parameter of a Content-Disposition value (name="x" or name=x), malloc'ed, or NULL. */
static char *disposition_param(const char *v, size_t vlen, const char *param)
{
    size_t plen = strlen(param);
    for (size_t i = 0; i + plen + 1 <= vlen; i++) {
        if ((i == 0 || v[i - 1] == ';' || v[i - 1] == ' ' || v[i - 1] == '\t') && strncasecmp(v + i, param, plen) == 0 &&
            v[i + plen] == '=') {
            const char *s = v + i + plen + 1, *end = v + vlen;
            size_t n;
            if (s < end && *s == '"') {
                s++;
                const char *q = memchr(s, '"', (size_t)(end - s));
                if (!q)
                    return NULL;
                n = (size_t)(q - s);
            } else {
                n = 0;
                while (s + n < end && s[n] != ';' && s[n] != ' ' && s[n] != '\t')
                    n++;
            }
            char *out = sh_xmalloc(n + 1);
            memcpy(out, s, n);
            out[n] = '\0';
            return out;
        }
    }
    return NULL;
}

/* The next line of [p, end): its length without CR LF or LF; *next is the start of the line after,
 * NULL when the data ends without a line break. */
static size_t line_of(const char *p, const char *end, const char **next)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) {
        *next = NULL;
        return (size_t)(end - p);
    }
    *next = nl + 1;
    return (size_t)(nl - p) - (nl > p && nl[-1] == '\r');
}

static int mixed_fail(sh_err *err, const char *message)
{
    return sh_fail(err, SH_EINVAL, "body", "%s", message);
}

int sh_multipart_parse_mixed(const char *body, size_t len, const char *ct, size_t max_part, sh_multipart *out, sh_err *err)
{
    out->max_part = max_part;
    char boundary[MAX_BOUNDARY + 1], delim[MAX_BOUNDARY + 4];
    if (!boundary_of(ct, boundary))
        return mixed_fail(err, "multipart 缺少boundary参数 (Content-Type lacks the boundary)");
    size_t dlen = (size_t)snprintf(delim, sizeof delim, "--%s", boundary);
    const char *end = body + len, *p = body;
    /* the first delimiter line: at the start or after the preamble's line break */
    for (;;) {
        const char *d = p < end ? memmem(p, (size_t)(end - p), delim, dlen) : NULL;
        if (!d)
            return mixed_fail(err, "multipart 中没有找到boundary分隔的部分 (no part found: the boundary does not occur)");
        if (d == body || d[-1] == '\n') {
            p = d;
            break;
        }
        p = d + 1;
    }
    for (;;) {
        /* p is at a delimiter: "--" after it closes the body, else the rest of the line is blank */
        p += dlen;
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            break;
        const char *next;
        size_t n = line_of(p, end, &next);
        for (size_t i = 0; i < n; i++)
            if (p[i] != ' ' && p[i] != '\t')
                return mixed_fail(err, "multipart 格式错误 (malformed multipart body)");
        if (!next)
            return mixed_fail(err, "multipart 内容不完整 (truncated multipart body: no closing boundary)");
        if (out->count == SH_MULTIPART_MAX_PARTS)
            return mixed_fail(err, "multipart 部分过多 (too many parts)");
        sh_part *part = &out->parts[out->count++];
        memset(part, 0, sizeof *part);
        sh_buf_init(&part->data);
        /* the part's headers, to the blank line */
        p = next;
        for (;;) {
            if (p >= end)
                return mixed_fail(err, "multipart 内容不完整 (truncated multipart body: no closing boundary)");
            n = line_of(p, end, &next);
            if (!next)
                return mixed_fail(err, "multipart 内容不完整 (truncated multipart body: no closing boundary)");
            if (n == 0)
                break;
            const char *colon = memchr(p, ':', n);
            if (colon) {
                size_t klen = (size_t)(colon - p);
                const char *v = colon + 1, *vend = p + n;
                while (v < vend && (*v == ' ' || *v == '\t'))
                    v++;
                if (klen == 12 && strncasecmp(p, "Content-Type", 12) == 0 && !part->content_type) {
                    part->content_type = sh_xmalloc((size_t)(vend - v) + 1);
                    memcpy(part->content_type, v, (size_t)(vend - v));
                    part->content_type[vend - v] = '\0';
                } else if (klen == 19 && strncasecmp(p, "Content-Disposition", 19) == 0 && !part->name && !part->filename) {
                    /* the first Content-Disposition only (a second one would overwrite a filename) */
                    part->name = disposition_param(v, (size_t)(vend - v), "name");
                    part->filename = disposition_param(v, (size_t)(vend - v), "filename");
                }
            }
            p = next;
        }
        if (!part->name)
            part->name = sh_xstrdup("");
        /* the data, to the line break before the next delimiter */
        const char *data = next, *d = data;
        for (;;) {
            d = d < end ? memmem(d, (size_t)(end - d), delim, dlen) : NULL;
            if (!d)
                return mixed_fail(err, "multipart 内容不完整 (truncated multipart body: no closing boundary)");
            if (d > data && d[-1] == '\n')
                break;
            if (d == data) /* an empty part: the delimiter follows the blank line at once */
                break;
            d++;
        }
        const char *dend = d;
        if (dend > data && dend[-1] == '\n')
            dend--;
        if (dend > data && dend[-1] == '\r')
            dend--;
        if ((size_t)(dend - data) > out->max_part) {
            sh_fail(err, SH_ETOOBIG, "body", "multipart 某部分过大 (a part is too large)");
            return SH_ETOOBIG;
        }
        sh_buf_add(&part->data, data, (size_t)(dend - data));
        p = d;
    }
    if (out->count == 0)
        return mixed_fail(err, "multipart 中没有找到boundary分隔的部分 (no part found: the boundary does not occur)");
    return 0;
}

static enum MHD_Result fail(sh_multipart *m, int code, const char *message)
{
    if (!m->failed) {
        m->failed = code;
        sh_fail(&m->err, code, "body", "%s", message);
    }
    return MHD_NO;
}

/* Called with consecutive chunks of each part: a part starts at offset 0. libmicrohttpd may call
 * once with no data at the start of a part, then again at offset 0 with its first bytes. */
static enum MHD_Result on_part_data(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                    const char *content_type, const char *transfer_encoding, const char *data,
                                    uint64_t off, size_t size)
{
    (void)kind;
    (void)transfer_encoding;
    sh_multipart *m = cls;
    sh_part *p = m->count ? &m->parts[m->count - 1] : NULL;
    int continues = p && (off > 0 || (p->data.len == 0 && strcmp(p->name, key ? key : "") == 0));
    if (!continues) {
        if (m->count == SH_MULTIPART_MAX_PARTS)
            return fail(m, SH_EINVAL, "multipart 部分过多 (too many parts)");
        p = &m->parts[m->count++];
        p->name = sh_xstrdup(key ? key : "");
        p->filename = filename ? sh_xstrdup(filename) : NULL;
        p->content_type = content_type ? sh_xstrdup(content_type) : NULL;
        sh_buf_init(&p->data);
    }
    if (p->data.len + size > m->max_part)
        return fail(m, SH_ETOOBIG, "multipart 某部分过大 (a part is too large)");
    if (size)
        sh_buf_add(&p->data, data, size);
    return MHD_YES;
}

int sh_multipart_parse(sh_req *req, size_t max_part, sh_multipart *out, sh_err *err)
{
    const char *ct = sh_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (is_mixed(ct))
        return sh_multipart_parse_mixed(req->body.data ? req->body.data : "", req->body.len, ct, max_part, out, err);
    if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
        return sh_fail(err, SH_EINVAL, "body", "请求体应为multipart/form-data (expected multipart/form-data)");
    const char *b = strstr(ct, "boundary=");
    if (!b || !b[9] || (b[9] == '"' && (!b[10] || b[10] == '"')))
        return sh_fail(err, SH_EINVAL, "body", "multipart 缺少boundary参数 (Content-Type lacks the boundary)");
    out->max_part = max_part;
    struct MHD_PostProcessor *pp = MHD_create_post_processor(req->conn, PP_BUFFER, on_part_data, out);
    if (!pp)
        return sh_fail(err, SH_EINVAL, "body", "multipart boundary无效 (invalid boundary)");
    enum MHD_Result fed = req->body.len ? MHD_post_process(pp, req->body.data, req->body.len) : MHD_YES;
    enum MHD_Result complete = MHD_destroy_post_processor(pp);
    if (out->failed) {
        if (err)
            *err = out->err;
        return out->failed;
    }
    if (fed != MHD_YES)
        return sh_fail(err, SH_EINVAL, "body", "multipart 格式错误 (malformed multipart body)");
    if (complete != MHD_YES)
        return sh_fail(err, SH_EINVAL, "body", "multipart 内容不完整 (truncated multipart body: no closing boundary)");
    if (out->count == 0)
        return sh_fail(err, SH_EINVAL, "body", "multipart 中没有找到boundary分隔的部分 (no part found: the boundary does not occur)");
    return 0;
}

const sh_part *sh_multipart_get(const sh_multipart *m, const char *name)
{
    for (int i = 0; i < m->count; i++)
        if (strcmp(m->parts[i].name, name) == 0)
            return &m->parts[i];
    return NULL;
}

int sh_part_is(const sh_part *p, const char *type)
{
    if (!p->content_type)
        return 0;
    size_t n = strlen(type);
    const char *ct = p->content_type;
    while (*ct == ' ')
        ct++;
    return strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

void sh_multipart_release(sh_multipart *m)
{
    for (int i = 0; i < m->count; i++) {
        free(m->parts[i].name);
        free(m->parts[i].filename);
        free(m->parts[i].content_type);
        sh_buf_release(&m->parts[i].data);
    }
    m->count = 0;
}
