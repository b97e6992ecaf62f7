/* JSON request bodies: read as the front door reads them (http/reply.c sh_body_json_or_reply: strict,
 * no duplicate keys, an object), then given to the areas' checks that need no database: an observation
 * (domain/video/observe_input.c), a camera's zones and schedule (video/rules.c), a holiday notice's days
 * (base/calendar.c), a text field (base/body.c). */
#include <jansson.h>

#include "domain/base/body.h"
#include "domain/base/calendar.h"
#include "domain/video/observe.h"
#include "domain/video/rules.h"
#include "fuzz.h"

#define NOW_MS 1795046400000LL /* 2026-11-18, the tests' Wednesday */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (!json_is_object(body)) {
        json_decref(body);
        return 0;
    }
    sh_err err = {0};
    sh_observation_in in;
    memset(&in, 0, sizeof in);
    if (sh_observation_from_json(body, &in, &err) == 0)
        sh_observation_check(&in, NOW_MS, 1 << 20, &err);
    double box[4] = {0.25, 0.25, 0.5, 0.5};
    if (in.has_box)
        memcpy(box, in.box, sizeof box);
    sh_zones_admit(json_object_get(body, "zones"), box);
    sh_schedule_working(json_object_get(body, "schedule"), NOW_MS);
    sh_calendar_day *days = NULL;
    int n = 0;
    if (sh_calendar_days_from_json(json_object_get(body, "days"), &days, &n, &err) == 0)
        free(days);
    const char *text;
    sh_body_text(body, "name", "名称", 1, 100, &text, &err);
    json_decref(body);
    return 0;
}
