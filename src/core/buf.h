/* Growable byte buffer, always NUL-terminated (after git's strbuf).
 * Lifecycle: SH_BUF_INIT or sh_buf_init, then sh_buf_release. Allocation failure aborts:
 * the server cannot do anything useful without memory. */
#ifndef SH_BUF_H
#define SH_BUF_H

#include <stddef.h>

typedef struct sh_buf {
    char *data;
    size_t len;
    size_t cap;
} sh_buf;

#define SH_BUF_INIT {0}

void sh_buf_init(sh_buf *b);
void sh_buf_release(sh_buf *b);
void sh_buf_reset(sh_buf *b);
void sh_buf_add(sh_buf *b, const void *data, size_t len);
void sh_buf_adds(sh_buf *b, const char *s);
void sh_buf_addc(sh_buf *b, char c);
void sh_buf_printf(sh_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the storage to the caller (free() it); b is left empty. */
char *sh_buf_detach(sh_buf *b, size_t *len);
/* Returns the contents, never NULL. */
const char *sh_buf_str(const sh_buf *b);

/* malloc wrappers that abort on exhaustion. */
void *sh_xmalloc(size_t n);
void *sh_xcalloc(size_t n, size_t size);
void *sh_xrealloc(void *p, size_t n);
char *sh_xstrdup(const char *s);
char *sh_xstrndup(const char *s, size_t n);

#endif
