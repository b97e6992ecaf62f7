#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
    fputs("shian: out of memory\n", stderr);
    abort();
}

void *sh_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *sh_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *sh_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        oom();
    return p;
}

char *sh_xstrdup(const char *s)
{
    return sh_xstrndup(s, strlen(s));
}

char *sh_xstrndup(const char *s, size_t n)
{
    char *p = sh_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void sh_buf_init(sh_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void sh_buf_release(sh_buf *b)
{
    free(b->data);
    sh_buf_init(b);
}

void sh_buf_reset(sh_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static void grow(sh_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = sh_xrealloc(b->data, cap);
    b->cap = cap;
}

void sh_buf_add(sh_buf *b, const void *data, size_t len)
{
    grow(b, len);
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void sh_buf_adds(sh_buf *b, const char *s)
{
    sh_buf_add(b, s, strlen(s));
}

void sh_buf_addc(sh_buf *b, char c)
{
    sh_buf_add(b, &c, 1);
}

void sh_buf_printf(sh_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        sh_buf_add(b, tmp, (size_t)n);
        return;
    }
    grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *sh_buf_detach(sh_buf *b, size_t *len)
{
    if (!b->data)
        sh_buf_add(b, "", 0);
    char *p = b->data;
    if (len)
        *len = b->len;
    sh_buf_init(b);
    return p;
}

const char *sh_buf_str(const sh_buf *b)
{
    return b->data ? b->data : "";
}
