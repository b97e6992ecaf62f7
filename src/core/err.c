#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int sh_fail(sh_err *err, int code, const char *field, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

const char *sh_err_name(int code)
{
    switch (code) {
    case SH_OK: return "ok";
    case SH_EINVAL: return "invalid_argument";
    case SH_ENOTFOUND: return "not_found";
    case SH_EPERM: return "permission_denied";
    case SH_EEXIST: return "conflict";
    case SH_EAUTH: return "unauthenticated";
    case SH_ETOOBIG: return "payload_too_large";
    case SH_ELIMIT: return "too_many_requests";
    default: return "internal";
    }
}

int sh_err_http_status(int code)
{
    switch (code) {
    case SH_OK: return 200;
    case SH_EINVAL: return 400;
    case SH_ENOTFOUND: return 404;
    case SH_EPERM: return 403;
    case SH_EEXIST: return 409;
    case SH_EAUTH: return 401;
    case SH_ETOOBIG: return 413;
    case SH_ELIMIT: return 429;
    default: return 500;
    }
}
