#include "http/complaint_form.h"

#include <string.h>

int sh_complaint_form_read(sh_req *req, sh_complaint_form *f, sh_err *err)
{
    memset(f, 0, sizeof *f);
    if (!sh_is_multipart(req)) {
        json_error_t je;
        f->body = json_loadb(req->body.data ? req->body.data : "", req->body.len, 0, &je);
        if (!json_is_object(f->body))
            return sh_fail(err, SH_EINVAL, "body", "请求体应为JSON对象 (the body must be a JSON object)");
        return 0;
    }
    int rc = sh_multipart_parse(req, SH_COMPLAINT_PHOTO_MAX_BYTES, &f->mp, err);
    if (rc) {
        if (rc == SH_ETOOBIG)
            return sh_fail(err, SH_ETOOBIG, "photo", "照片：每张不超过 5 MB (each photo at most 5 MiB)");
        return rc;
    }
    for (int i = 0; i < f->mp.count; i++) {
        const sh_part *p = &f->mp.parts[i];
        if (!strcmp(p->name, "complaint") && !f->body) {
            json_error_t je;
            f->body = json_loadb(p->data.data ? p->data.data : "", p->data.len, 0, &je);
            if (!json_is_object(f->body))
                return sh_fail(err, SH_EINVAL, "complaint", "complaint部分应为JSON对象 (the \"complaint\" part must be a JSON object)");
        } else if (!strcmp(p->name, "photo")) {
            if (f->nphotos == SH_COMPLAINT_MAX_PHOTOS)
                return sh_fail(err, SH_EINVAL, "photo", "照片：最多 %d 张 (at most %d photos)", SH_COMPLAINT_MAX_PHOTOS,
                               SH_COMPLAINT_MAX_PHOTOS);
            f->photos[f->nphotos].data = p->data.data;
            f->photos[f->nphotos].len = p->data.len;
            f->nphotos++;
        }
    }
    if (!f->body)
        return sh_fail(err, SH_EINVAL, "complaint", "缺少complaint部分 (the \"complaint\" part is missing)");
    return 0;
}

void sh_complaint_form_release(sh_complaint_form *f)
{
    json_decref(f->body);
    sh_multipart_release(&f->mp);
}
