/* multipart/form-data through MHD_PostProcessor: the body is already buffered (and capped) by the
 * server, so the processor is created on the request's connection and fed the whole body at once. */
#include "http/multipart.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PP_BUFFER (16 * 1024)

int sh_is_multipart(sh_req *req)
{
    const char *ct = sh_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
    return ct && strncasecmp(ct, "multipart/form-data", 19) == 0;
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
