#include "domain/video/rules.h"

#include <string.h>

#define MAX_ZONE_POINTS 256

int sh_point_in_polygon(double x, double y, const double *xy, size_t n)
{
    int inside = 0;
    if (n < 3)
        return 0;
    for (size_t i = 0, j = n - 1; i < n; j = i++) {
        double xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
    }
    return inside;
}

/* Reads a zone's points into xy; returns the count, 0 when the zone is unreadable. */
static size_t zone_points(const json_t *zone, double *xy)
{
    const json_t *pts = json_object_get(zone, "points");
    size_t n = json_array_size(pts);
    if (n < 3 || n > MAX_ZONE_POINTS)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const json_t *p = json_array_get(pts, i);
        const json_t *px = json_array_get(p, 0), *py = json_array_get(p, 1);
        if (json_array_size(p) != 2 || !json_is_number(px) || !json_is_number(py))
            return 0;
        xy[2 * i] = json_number_value(px);
        xy[2 * i + 1] = json_number_value(py);
    }
    return n;
}

int sh_zones_admit(const json_t *zones, const double box[4])
{
    double x = box[0] + box[2] / 2, y = box[1] + box[3];
    double xy[2 * MAX_ZONE_POINTS];
    int includes = 0, included = 0;
    size_t i;
    const json_t *zone;
    json_array_foreach(zones, i, zone) {
        const char *type = json_string_value(json_object_get(zone, "type"));
        size_t n = zone_points(zone, xy);
        if (!type || !n)
            continue;
        int in = sh_point_in_polygon(x, y, xy, n);
        if (!strcmp(type, "mask") && in)
            return 0;
        if (!strcmp(type, "include")) {
            includes++;
            included |= in;
        }
    }
    return includes == 0 || included;
}

/* "HH:MM" (00:00 … 24:00) as minutes, or -1. */
static int parse_hhmm(const char *s)
{
    if (!s || strlen(s) != 5 || s[2] != ':')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return -1;
    return h * 60 + m;
}

static int has_day(const json_t *days, int weekday)
{
    size_t i;
    const json_t *d;
    json_array_foreach(days, i, d)
        if (json_is_integer(d) && json_integer_value(d) == weekday)
            return 1;
    return 0;
}

void sh_beijing_day_minute(int64_t ms, int *ret_weekday, int *ret_minute)
{
    int64_t s = ms / 1000 - (ms % 1000 < 0) + 8 * 3600;
    int64_t day = s / 86400 - (s % 86400 < 0);
    int64_t sec = s - day * 86400;
    /* 1970-01-01 was a Thursday (ISO weekday 4) */
    int64_t wd = (day + 3) % 7;
    if (wd < 0)
        wd += 7;
    *ret_weekday = (int)wd + 1;
    *ret_minute = (int)(sec / 60);
}

int sh_schedule_working(const json_t *schedule, int64_t ms)
{
    if (json_array_size(schedule) == 0)
        return 1;
    int wd, minute;
    sh_beijing_day_minute(ms, &wd, &minute);
    int yesterday = wd == 1 ? 7 : wd - 1;
    size_t i;
    const json_t *span;
    json_array_foreach(schedule, i, span) {
        const json_t *days = json_object_get(span, "days");
        int from = parse_hhmm(json_string_value(json_object_get(span, "from")));
        int to = parse_hhmm(json_string_value(json_object_get(span, "to")));
        if (from < 0 || to < 0)
            continue;
        if (from == to || (from == 0 && to == 1440)) {
            if (has_day(days, wd))
                return 1;
        } else if (from < to) {
            if (has_day(days, wd) && minute >= from && minute < to)
                return 1;
        } else { /* night shift: from today into tomorrow */
            if ((has_day(days, wd) && minute >= from) || (has_day(days, yesterday) && minute < to))
                return 1;
        }
    }
    return 0;
}

static int camera_allows(const json_t *rules, const char *violation)
{
    if (json_array_size(rules) == 0)
        return 1;
    size_t i;
    const json_t *r;
    json_array_foreach(rules, i, r)
        if (json_is_string(r) && !strcmp(json_string_value(r), violation))
            return 1;
    return 0;
}

double sh_rule_min_score(const sh_alert_rule *rule, int night)
{
    return night && rule->night_min_score >= 0 ? rule->night_min_score : rule->min_score;
}

const char *sh_rule_outcome(const char *violation, const sh_alert_rule *rule, const sh_camera_setup *cam, double score,
                            const double *box, int64_t observed_at, int night)
{
    if (!violation)
        return "unmapped";
    if (!rule || !rule->enabled || !camera_allows(cam->rules, violation))
        return "rule_off";
    if (score < sh_rule_min_score(rule, night))
        return "below_score";
    if (rule->use_zones && box && json_array_size(cam->zones) > 0 && !sh_zones_admit(cam->zones, box))
        return "outside_zone";
    if (!strcmp(rule->schedule, "working") && !sh_schedule_working(cam->schedule, observed_at))
        return "off_schedule";
    if (!strcmp(rule->schedule, "after_hours") && sh_schedule_working(cam->schedule, observed_at))
        return "off_schedule";
    return NULL;
}

const char *sh_alert_status_after(const char *status, int64_t first_at, int64_t last_at, int min_duration_s)
{
    if (!strcmp(status, "pending") && last_at - first_at >= (int64_t)min_duration_s * 1000)
        return "open";
    return status;
}
