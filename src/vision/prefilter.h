/* The analyser's local pre-filter, per camera: which detections are worth an observation, so that the
 * server is not flooded (a still cat would otherwise be posted five times a second).
 *
 *   - label: a COCO label is sent as its own text ("dog", "cell phone") when the server's label_map
 *     maps it (source shian_vision or '*'); "person" becomes "person_after_hours" outside the camera's
 *     schedule (the after-hours 'stranger' rule) and is dropped inside it;
 *   - the platform's own rule (domain/rules.h sh_rule_outcome, the same code the server runs): the
 *     violation's rule enabled and allowed by the camera, the minimum score, the box's bottom centre
 *     in the camera's zones, the rule's schedule. What the server would not count is not sent;
 *   - presence: the label seen in at least min_frames detector runs, each within gap_ms of the last;
 *   - cooldown: after a post, the same label of the camera waits cooldown_s (or the rule's
 *     min_duration_s when that is shorter and not 0, so that a pending alert can open on time).
 *
 * The rules (label_map and alert_rules of the server's configuration) are shared by every camera
 * and read-only once made; a sh_prefilter belongs to one camera and one thread. Times are the
 * frames' epoch ms. */
#ifndef SH_VISION_PREFILTER_H
#define SH_VISION_PREFILTER_H

#include <jansson.h>
#include <stdint.h>

#include "domain/video/rules.h"
#include "nn/nanodet.h"

typedef struct sh_vrules sh_vrules;

/* From the server's {label_map: [{source, label, violation}], alert_rules: [{violation, enabled,
 * min_score, night_min_score, min_duration_s, cooldown_s, schedule, use_zones, platform_check}]}; entries of other sources and
 * malformed rows are skipped. */
int sh_vrules_from_json(const json_t *config, sh_vrules **ret, sh_err *err);
void sh_vrules_free(sh_vrules *r);
/* The violation a label maps to for shian_vision, or NULL. */
const char *sh_vrules_violation(const sh_vrules *r, const char *label);
/* The rule of a violation, or NULL. */
const sh_alert_rule *sh_vrules_rule(const sh_vrules *r, const char *violation);
/* Whether the analyser's own experimental check of a violation is on (the rule enabled and its
 * platform_check, db/082): so far no_mask, from the faces (vision/mask.h). */
int sh_vrules_platform_check(const sh_vrules *r, const char *violation);

typedef struct sh_prefilter_opts {
    int min_frames;  /* detector runs the label must be seen in (2) */
    int cooldown_s;  /* between two posts of one label (30) */
    int gap_ms;      /* longest gap between two sightings that still counts as present (3000) */
} sh_prefilter_opts;

#define SH_PREFILTER_DEFAULTS ((sh_prefilter_opts){.min_frames = 2, .cooldown_s = 30, .gap_ms = 3000})

/* What to post: the platform label, its violation and the best detection of it in the run. */
typedef struct sh_candidate {
    char label[64];
    const char *violation; /* owned by the rules */
    float score;
    float box[4];          /* x, y, w, h in 0..1 */
    int night;             /* seen on a grey (infrared) frame */
} sh_candidate;

typedef struct sh_prefilter sh_prefilter;

int sh_prefilter_new(const sh_prefilter_opts *o, sh_prefilter **ret, sh_err *err);
void sh_prefilter_free(sh_prefilter *p);

/* The platform label of a COCO label for a camera at ms ("person" → "person_after_hours" or NULL),
 * written to out (size n); NULL when the label is not sent at all. */
const char *sh_prefilter_label(const sh_vrules *r, const sh_camera_setup *cam, const char *coco, int64_t ms, char *out, size_t n);

/* The label map as the detector's keep (sh_nanodet_opts.keep): whether a COCO label becomes a
 * platform label for the camera at ms (sh_prefilter_label), so that the detector caps its count
 * after this map and labels of no interest (cups, bottles) cannot push out those that count. */
typedef struct sh_prefilter_keep {
    const sh_vrules *rules;
    const sh_camera_setup *cam;
    int64_t ms;
} sh_prefilter_keep;
int sh_prefilter_keeps(void *keep_ctx, const char *coco);

/* Feeds the detections of one detector run on the camera's frame at ms (night: the frame is grey,
 * infrared, so the rules' night_min_score applies); writes the candidates to post now (at most one a
 * label, the best) to ret and returns their count (at most max). */
int sh_prefilter_run(sh_prefilter *p, const sh_vrules *r, const sh_camera_setup *cam, int64_t ms, int night, const sh_detection *d,
                     int n, sh_candidate *ret, int max);

/* Counters: detections that passed the rules, candidates emitted, held back by min_frames, by cooldown. */
typedef struct sh_prefilter_stats {
    int64_t passed, emitted, held_frames, held_cooldown;
} sh_prefilter_stats;
void sh_prefilter_stats_get(const sh_prefilter *p, sh_prefilter_stats *ret);

#endif
