/* Reading and checking an observation as a source sends it: times, the JSON form, value ranges. */
#include "domain/video/observe.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/image.h"
#include "core/validate.h"

#define BOX_EPSILON 1e-6

int sh_observation_from_json(const json_t *o, sh_observation_in *in, sh_err *err)
{
    memset(in, 0, sizeof *in);
    const json_t *cam = json_object_get(o, "camera_id"), *dev = json_object_get(o, "device_id");
    if (cam && !json_is_null(cam)) {
        if (!json_is_integer(cam) || json_integer_value(cam) <= 0)
            return sh_fail(err, SH_EINVAL, "camera_id", "应为正整数 (must be a positive integer)");
        in->camera_id = json_integer_value(cam);
    } else if (dev && !json_is_null(dev)) {
        if (!json_is_string(dev))
            return sh_fail(err, SH_EINVAL, "device_id", "应为字符串 (must be a string)");
        in->device_id = json_string_value(dev);
    } else {
        return sh_fail(err, SH_EINVAL, "camera_id", "需提供camera_id或device_id (camera_id or device_id is required)");
    }

    const json_t *at = json_object_get(o, "observed_at");
    if (json_is_integer(at))
        in->observed_at = json_integer_value(at);
    else if (!json_is_string(at) || sh_parse_time(json_string_value(at), &in->observed_at) != 0)
        return sh_fail(err, SH_EINVAL, "observed_at",
                       "应为毫秒时间戳或带时区的ISO 8601时间 (epoch milliseconds or ISO 8601 with an offset, e.g. 2026-11-23T10:00:00+08:00)");

    const json_t *label = json_object_get(o, "label");
    if (!json_is_string(label))
        return sh_fail(err, SH_EINVAL, "label", "必填，应为字符串 (required string)");
    in->label = json_string_value(label);

    const json_t *score = json_object_get(o, "score");
    if (!json_is_number(score))
        return sh_fail(err, SH_EINVAL, "score", "必填，应为0到1之间的数 (required number from 0 to 1)");
    in->score = json_number_value(score);

    const json_t *box = json_object_get(o, "box");
    if (box && !json_is_null(box)) {
        if (json_array_size(box) != 4)
            return sh_fail(err, SH_EINVAL, "box", "应为[x, y, w, h]四个数 (must be [x, y, w, h])");
        for (size_t i = 0; i < 4; i++) {
            const json_t *v = json_array_get(box, i);
            if (!json_is_number(v))
                return sh_fail(err, SH_EINVAL, "box", "应为[x, y, w, h]四个数 (must be [x, y, w, h])");
            in->box[i] = json_number_value(v);
        }
        in->has_box = 1;
    }

    const json_t *night = json_object_get(o, "night");
    if (night && !json_is_null(night) && !json_is_boolean(night))
        return sh_fail(err, SH_EINVAL, "night", "应为true或false (must be true or false)");
    in->night = json_is_true(night);

    const json_t *key = json_object_get(o, "idempotency_key");
    if (!json_is_string(key))
        return sh_fail(err, SH_EINVAL, "idempotency_key", "必填，应为字符串 (required string)");
    in->idempotency_key = json_string_value(key);

    const json_t *src = json_object_get(o, "source");
    if (src && !json_is_null(src) && !json_is_string(src))
        return sh_fail(err, SH_EINVAL, "source", "应为字符串 (must be a string)");
    in->source = json_is_string(src) ? json_string_value(src) : "ai_box";
    /* hikvision is the source of the ISAPI route, which reads the device's own format */
    if (strcmp(in->source, "ai_box") && strcmp(in->source, "shian_vision"))
        return sh_fail(err, SH_EINVAL, "source", "应为ai_box或shian_vision (must be ai_box or shian_vision)");
    return 0;
}

int sh_observation_check(const sh_observation_in *in, int64_t now_ms, size_t max_snapshot, sh_err *err)
{
    int rc;
    if (!in->source || (strcmp(in->source, "ai_box") && strcmp(in->source, "shian_vision") && strcmp(in->source, "hikvision")))
        return sh_fail(err, SH_EINVAL, "source", "应为ai_box、shian_vision或hikvision (must be ai_box, shian_vision or hikvision)");
    if (in->camera_id <= 0 && (rc = sh_check_text(in->device_id, 1, 64, "device_id", err)) != 0)
        return rc;
    if (in->observed_at > now_ms + SH_OBS_FUTURE_MS)
        return sh_fail(err, SH_EINVAL, "observed_at", "时间晚于服务器时间超过5分钟 (more than 5 minutes in the future)");
    if (in->observed_at < now_ms - SH_OBS_PAST_MS)
        return sh_fail(err, SH_EINVAL, "observed_at", "时间早于7天前 (older than 7 days)");
    if ((rc = sh_check_text(in->label, 1, 64, "label", err)) != 0)
        return rc;
    if (!isfinite(in->score) || in->score < 0 || in->score > 1)
        return sh_fail(err, SH_EINVAL, "score", "应为0到1之间的数 (must be from 0 to 1)");
    if (in->has_box) {
        const double *b = in->box;
        for (int i = 0; i < 4; i++)
            if (!isfinite(b[i]) || b[i] < 0 || b[i] > 1)
                return sh_fail(err, SH_EINVAL, "box", "各值应在0到1之间 (each value must be from 0 to 1)");
        if (b[2] <= 0 || b[3] <= 0)
            return sh_fail(err, SH_EINVAL, "box", "宽和高应大于0 (w and h must be above 0)");
        if (b[0] + b[2] > 1 + BOX_EPSILON || b[1] + b[3] > 1 + BOX_EPSILON)
            return sh_fail(err, SH_EINVAL, "box", "框超出画面 (the box leaves the picture: x + w and y + h must be at most 1)");
    }
    const char *k = in->idempotency_key;
    size_t klen = k ? strlen(k) : 0;
    if (klen < 1 || klen > 128)
        return sh_fail(err, SH_EINVAL, "idempotency_key", "应为1到128个字符 (1 to 128 characters)");
    for (size_t i = 0; i < klen; i++)
        if (k[i] < 0x20 || k[i] > 0x7E)
            return sh_fail(err, SH_EINVAL, "idempotency_key", "只能含可打印ASCII字符 (printable ASCII characters only)");
    if (in->snapshot) {
        if (in->snapshot_len > max_snapshot)
            return sh_fail(err, SH_ETOOBIG, "snapshot", "截图超过%zu字节 (the snapshot exceeds %zu bytes)", max_snapshot, max_snapshot);
        sh_image_info info;
        if (sh_image_probe(in->snapshot, in->snapshot_len, &info, err) != 0)
            return sh_fail(err, SH_EINVAL, "snapshot", "截图不是完整的JPEG或PNG图片 (the snapshot is not a complete JPEG or PNG image)");
    }
    return 0;
}
