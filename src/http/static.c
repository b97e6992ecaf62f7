/* Static files of the web console, from cfg->web_root. Only plain names below the root are served. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/http.h"

static const char *content_type(const char *path)
{
    static const char *const types[] = {
        ".html", "text/html; charset=utf-8", ".js", "text/javascript; charset=utf-8",
        ".mjs", "text/javascript; charset=utf-8", ".css", "text/css; charset=utf-8",
        ".json", "application/json; charset=utf-8", ".svg", "image/svg+xml", ".png", "image/png",
        ".jpg", "image/jpeg", ".ico", "image/x-icon", ".csv", "text/csv; charset=utf-8",
        ".yaml", "text/yaml; charset=utf-8", ".woff2", "font/woff2", NULL};
    const char *dot = strrchr(path, '.');
    for (int i = 0; dot && types[i]; i += 2)
        if (strcmp(dot, types[i]) == 0)
            return types[i + 1];
    return "application/octet-stream";
}

static int safe_path(const char *p)
{
    if (p[0] != '/' || strstr(p, "..") || strstr(p, "//"))
        return 0;
    for (const char *c = p; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              strchr("/._-", *c)))
            return 0;
    return 1;
}

int sh_serve_static(sh_req *req)
{
    const char *p = strcmp(req->path, "/") == 0 ? "/index.html" : req->path;
    if (!safe_path(p))
        return sh_reply_fail(req, SH_ENOTFOUND, "path", "页面不存在 (not found)");
    char full[1024];
    snprintf(full, sizeof full, "%s%s", req->cfg->web_root, p);
    int fd = open(full, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        return sh_reply_fail(req, SH_ENOTFOUND, "path", "页面不存在 (not found)");
    }
    struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
    if (!r) {
        close(fd);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, content_type(p));
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'");
    return sh_reply_queue(req, MHD_HTTP_OK, r);
}
