/* Observations from AI sources: the generic endpoint for AI boxes and shian-vision (JSON with an
 * optional base64 snapshot, or multipart with the picture as its own part) and Hikvision ISAPI
 * pushes (EventNotificationAlert in XML or JSON, alone or with a JPEG part, in multipart/form-data or
 * multipart/mixed as NVRs send them); heartBeat and videoloss-inactive pushes keep the camera on line. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/timeutil.h"
#include "adapters/isapi.h"
#include "domain/video/camera.h"
#include "domain/video/observe.h"
#include "domain/base/settings.h"
#include "http/http.h"
#include "http/multipart.h"

#define MAX_PART_BYTES (8 * 1024 * 1024) /* the request itself is capped by the server */

static int max_snapshot(sh_req *req)
{
    int n = sh_setting_int(req->db, "max_snapshot_bytes", SH_OBS_MAX_SNAPSHOT_DEFAULT);
    return n > 0 ? n : 0;
}

/* 201 (200 for Hikvision, whose devices expect it) with {observation, alert}; 200 with
 * "duplicate": true when the key was seen before. */
static int reply_observed(sh_req *req, int rc, json_t *out, int duplicate, int status, const sh_err *err)
{
    if (rc)
        return sh_reply_error(req, err);
    if (duplicate) {
        json_object_set_new(out, "duplicate", json_true());
        status = 200;
    }
    return sh_reply_json(req, status, out);
}

/* Decodes snapshot_base64 (standard alphabet, line breaks allowed, an optional data: URL prefix)
 * straight into its own allocation (*out, free() it), which the observation then points at. */
static int decode_snapshot(const char *b64, size_t max, unsigned char **out, size_t *out_len, sh_err *err)
{
    const char *comma = strncmp(b64, "data:", 5) == 0 ? strstr(b64, ";base64,") : NULL;
    if (comma)
        b64 = comma + 8;
    size_t len = strlen(b64);
    if (len / 4 * 3 > max + 3)
        return sh_fail(err, SH_ETOOBIG, "snapshot_base64", "截图超过%zu字节 (the snapshot exceeds %zu bytes)", max, max);
    size_t cap = len / 4 * 3 + 3, n = 0;
    const char *end = NULL;
    unsigned char *bin = sh_xmalloc(cap ? cap : 1);
    if (len == 0 || sodium_base642bin(bin, cap, b64, len, " \r\n\t", &n, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != b64 + len || n == 0) {
        free(bin);
        return sh_fail(err, SH_EINVAL, "snapshot_base64", "不是有效的base64 (not valid base64)");
    }
    *out = bin;
    *out_len = n;
    return 0;
}

static json_t *parse_object(const sh_buf *b, const char *field, sh_err *err)
{
    json_error_t je;
    json_t *j = json_loadb(b->data ? b->data : "", b->len, JSON_REJECT_DUPLICATES, &je);
    if (j && json_is_object(j))
        return j;
    json_decref(j);
    sh_fail(err, SH_EINVAL, field, "不是有效的JSON对象 (not a JSON object: %s)", j ? "not an object" : je.text);
    return NULL;
}

/* The multipart form: the part "observation" (JSON) and an optional part "snapshot" (the picture). */
static int read_multipart(sh_req *req, sh_multipart *mp, json_t **body, sh_observation_in *in, sh_err *err)
{
    int rc = sh_multipart_parse(req, MAX_PART_BYTES, mp, err);
    if (rc)
        return rc;
    const sh_part *o = sh_multipart_get(mp, "observation"), *s = sh_multipart_get(mp, "snapshot");
    if (!o)
        return sh_fail(err, SH_EINVAL, "observation", "缺少observation部分 (the \"observation\" part is missing)");
    if (!(*body = parse_object(&o->data, "observation", err)))
        return SH_EINVAL;
    const json_t *b64 = json_object_get(*body, "snapshot_base64");
    if (b64 && !json_is_null(b64))
        return sh_fail(err, SH_EINVAL, "snapshot_base64", "multipart请求请用snapshot部分上传图片 (send the picture as the \"snapshot\" part)");
    if ((rc = sh_observation_from_json(*body, in, err)) != 0)
        return rc;
    if (s) {
        in->snapshot = (const unsigned char *)sh_buf_str(&s->data);
        in->snapshot_len = s->data.len;
    }
    return 0;
}

/* The JSON form, with the picture (if any) in snapshot_base64, decoded into *snap (free() it). */
static int read_json(sh_req *req, const json_t *body, unsigned char **snap, sh_observation_in *in, sh_err *err)
{
    int rc = sh_observation_from_json(body, in, err);
    const json_t *b64 = json_object_get(body, "snapshot_base64");
    if (rc || !b64 || json_is_null(b64))
        return rc;
    if (!json_is_string(b64))
        return sh_fail(err, SH_EINVAL, "snapshot_base64", "应为base64字符串 (must be a base64 string)");
    size_t n = 0;
    if ((rc = decode_snapshot(json_string_value(b64), (size_t)max_snapshot(req), snap, &n, err)) != 0)
        return rc;
    in->snapshot = *snap;
    in->snapshot_len = n;
    return 0;
}

static int post_observation(sh_req *req)
{
    sh_err err = {0};
    sh_multipart mp = {0};
    unsigned char *snap = NULL;
    json_t *body = NULL, *out = NULL;
    sh_observation_in in;
    int rc, duplicate = 0;
    if (sh_is_multipart(req)) {
        rc = read_multipart(req, &mp, &body, &in, &err);
    } else {
        if (!(body = sh_body_json_or_reply(req)))
            return MHD_YES;
        rc = read_json(req, body, &snap, &in, &err);
    }
    if (rc == 0)
        rc = sh_observe(req->db, &req->principal, req->cfg->files_dir, &in, sh_now_ms(), &out, &duplicate, &err);
    int ret = reply_observed(req, rc, out, duplicate, 201, &err);
    json_decref(body);
    free(snap);
    sh_multipart_release(&mp);
    return ret;
}

static int part_is_image(const sh_part *p)
{
    const unsigned char *d = (const unsigned char *)sh_buf_str(&p->data);
    if (p->content_type && strncasecmp(p->content_type, "image/", 6) == 0)
        return 1;
    /* some recorders label the picture application/octet-stream */
    return p->data.len >= 2 && ((d[0] == 0xFF && d[1] == 0xD8) || d[0] == 0x89);
}

static int part_is_event(const sh_part *p)
{
    if (sh_part_is(p, "application/xml") || sh_part_is(p, "text/xml") || sh_part_is(p, "application/json") ||
        sh_part_is(p, "text/json"))
        return 1;
    const char *d = sh_buf_str(&p->data);
    while (*d == ' ' || *d == '\r' || *d == '\n' || *d == '\t')
        d++;
    return *d == '<' || *d == '{';
}

static int post_hikvision(sh_req *req)
{
    sh_err err = {0};
    sh_multipart mp = {0};
    json_t *out = NULL;
    const char *event = sh_buf_str(&req->body);
    size_t event_len = req->body.len;
    const sh_part *pic = NULL;
    int rc = 0, duplicate = 0;
    if (sh_is_multipart(req)) {
        const sh_part *ev = NULL;
        rc = sh_multipart_parse(req, MAX_PART_BYTES, &mp, &err);
        for (int i = 0; rc == 0 && i < mp.count; i++) {
            const sh_part *p = &mp.parts[i];
            if (part_is_image(p)) {
                if (!pic)
                    pic = p;
            } else if (!ev && part_is_event(p)) {
                ev = p;
            }
        }
        if (rc == 0 && !ev)
            rc = sh_fail(&err, SH_EINVAL, "body", "缺少EventNotificationAlert部分 (no EventNotificationAlert part in XML or JSON)");
        if (rc == 0) {
            event = sh_buf_str(&ev->data);
            event_len = ev->data.len;
        }
    }
    sh_isapi_event ev;
    if (rc == 0)
        rc = sh_isapi_parse(event, event_len, &ev, &err);
    if (rc == 0 && ev.heartbeat) {
        /* heartBeat, or videoloss inactive: the device is alive; no observation, no alert */
        int n = 0;
        rc = sh_camera_heard_device(req->db, &req->principal, ev.device_id, &n, &err);
        sh_multipart_release(&mp);
        if (rc)
            return sh_reply_error(req, &err);
        return sh_reply_json(req, 200, json_pack("{s:b, s:i}", "heartbeat", 1, "cameras", n));
    }
    if (rc == 0 && ev.active && !strcmp(ev.label, "videoloss")) {
        /* a camera that lost its picture is not on line because its recorder says so */
        sh_multipart_release(&mp);
        return sh_reply_json(req, 200, json_pack("{s:b, s:s}", "ignored", 1, "reason", "videoloss"));
    }
    if (rc == 0 && !ev.active) {
        sh_multipart_release(&mp);
        return sh_reply_json(req, 200, json_pack("{s:b, s:s}", "ignored", 1, "reason", "inactive"));
    }
    if (rc == 0) {
        sh_observation_in in;
        sh_isapi_observation(&ev, &in);
        if (pic) {
            in.snapshot = (const unsigned char *)sh_buf_str(&pic->data);
            in.snapshot_len = pic->data.len;
        }
        rc = sh_observe(req->db, &req->principal, req->cfg->files_dir, &in, sh_now_ms(), &out, &duplicate, &err);
    }
    int ret = reply_observed(req, rc, out, duplicate, 200, &err);
    sh_multipart_release(&mp);
    return ret;
}

const sh_route sh_routes_ingest[] = {
    {"POST", "/api/v1/observations", post_observation, SH_ROUTE_INGEST},
    {"POST", "/api/v1/ingest/hikvision", post_hikvision, SH_ROUTE_INGEST},
    {0},
};
