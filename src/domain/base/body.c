#include "domain/base/body.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/validate.h"

int sh_body_labelled(sh_err *err, const char *label)
{
    if (err) {
        char msg[sizeof err->message];
        snprintf(msg, sizeof msg, "%s：%s", label, err->message);
        snprintf(err->message, sizeof err->message, "%s", msg);
    }
    return SH_EINVAL;
}

int sh_body_date(json_t *body, const char *field, const char *label, const char *def, char out[11], sh_err *err)
{
    json_t *v = json_object_get(body, field);
    const char *s = json_string_value(v);
    if ((!v || json_is_null(v)) && def) {
        snprintf(out, 11, "%s", def);
        return 0;
    }
    if (!s || strlen(s) != 10 || !sh_date_valid(s, NULL, NULL, NULL))
        return sh_fail(err, SH_EINVAL, field, "%s：应为日期 YYYY-MM-DD (%s must be a date)", label, field);
    snprintf(out, 11, "%s", s);
    return 0;
}

int sh_body_text(json_t *body, const char *field, const char *label, size_t min, size_t max, const char **out, sh_err *err)
{
    json_t *v = json_object_get(body, field);
    if (v && !json_is_string(v) && !json_is_null(v))
        return sh_fail(err, SH_EINVAL, field, "%s：应为文本 (%s must be text)", label, field);
    const char *s = json_string_value(v);
    if (sh_check_text(s, min, max, field, err) != 0)
        return sh_body_labelled(err, label);
    *out = s && *s ? s : NULL;
    return 0;
}
