/* The tests that decide whether an observation counts towards an alert: the rule of its violation,
 * the camera's enabled rules, the box's bottom centre against the camera's zones, and the camera's
 * working hours in Beijing time (UTC+8). Pure functions: no storage. */
#ifndef SH_RULES_H
#define SH_RULES_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* One row of alert_rules. */
typedef struct sh_alert_rule {
    int enabled;
    double min_score;
    double night_min_score; /* on a grey (infrared) picture; < 0: min_score day and night */
    int min_duration_s;  /* pending until present this long */
    int cooldown_s;      /* observations this close to an alert merge into it */
    char schedule[16];   /* always, working, after_hours */
    int use_zones;
} sh_alert_rule;

/* What a camera says about its rules: the JSON columns of cameras (borrowed, may be NULL). */
typedef struct sh_camera_setup {
    const json_t *rules;    /* enabled violation codes; [] = every enabled rule */
    const json_t *zones;    /* [{name, type: include|mask, points: [[x, y] ...]}] in 0..1 */
    const json_t *schedule; /* [{days: [1..7], from: "HH:MM", to: "HH:MM"}]; [] = always working */
} sh_camera_setup;

/* Whether (x, y) lies inside the polygon of n points xy[0..2n) (even-odd rule). */
int sh_point_in_polygon(double x, double y, const double *xy, size_t n);

/* Whether the box [x, y, w, h] stands where the zones admit it: its bottom centre (x + w/2, y + h)
 * inside an include zone when the camera has any, and inside no mask. 1 when there are no zones. */
int sh_zones_admit(const json_t *zones, const double box[4]);

/* Whether epoch ms falls within the working hours of schedule, in Beijing time. Days are ISO
 * weekdays (1 Monday … 7 Sunday); a span whose "to" is not after its "from" runs past midnight
 * into the next day (night shift); from == to is the whole day. An empty schedule is always working. */
int sh_schedule_working(const json_t *schedule, int64_t ms);

/* The ISO weekday (1..7) and minute of the day (0..1439) of epoch ms in Beijing time. */
void sh_beijing_day_minute(int64_t ms, int *ret_weekday, int *ret_minute);

/* Why an observation does not count: "unmapped" (no violation), "rule_off", "below_score",
 * "outside_zone", "off_schedule"; NULL when it counts. rule is NULL when the violation has none;
 * box is NULL when the observation has none (zones then cannot exclude it). night: the picture was
 * grey (infrared), so the rule's night_min_score applies when it has one. */
const char *sh_rule_outcome(const char *violation, const sh_alert_rule *rule, const sh_camera_setup *cam, double score,
                            const double *box, int64_t observed_at, int night);

/* The minimum score of rule for a picture in colour (night 0) or grey (night 1). */
double sh_rule_min_score(const sh_alert_rule *rule, int night);

/* The status of an alert once its span is [first_at, last_at]: a pending alert opens when it has
 * been present for min_duration_s; any other status stays. */
const char *sh_alert_status_after(const char *status, int64_t first_at, int64_t last_at, int min_duration_s);

#endif
