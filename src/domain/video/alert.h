/* Video alerts after ingestion: the review queue of officials, the review that turns an alert into a
 * hazard (a rectification order with a working-day deadline, pushed to the business through the
 * outbox, and a regrade of its risk), the false-positive rate per rule and camera, and the figures
 * of hazards found and handled (video_stats.c).
 * Alerts reach this module 'open' (ingestion keeps them 'pending' until a rule's minimum duration is
 * met); a review makes them 'confirmed' or 'false_positive', once. Officials (admin, county,
 * township, village) see the alerts of their jurisdiction; a business sees its own once confirmed. */
#ifndef SH_ALERT_H
#define SH_ALERT_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/rows.h"

typedef struct sh_alert_filter {
    const char *status;     /* open (default; confirmed for a business), confirmed, false_positive, pending */
    const char *violation;  /* a violation code */
    int64_t entity_id;
    int64_t camera_id;
    const char *township;   /* 12-digit township code */
    const char *from, *to;  /* YYYY-MM-DD in Beijing time, on the first observation; both days included */
    int64_t cursor;         /* only alerts with a smaller id (the next_cursor of the previous page) */
    int limit;              /* 1-200 */
} sh_alert_filter;

/* The queue, newest first: {items:[alert], next_cursor (null on the last page)}. An alert:
 * {id, status, camera_id, camera_name, area, area_label, entity_id, entity_name, township_code,
 * township_name, violation, violation_label, first_at, last_at, observation_count, max_score, box,
 * snapshot_id, reviewed_by, reviewer, reviewed_at, review_note, rectification_id, rectification}. */
int sh_alerts_list(sh_db *db, const sh_principal *actor, const sh_alert_filter *f, json_t **ret, sh_err *err);
/* One alert with a page of its observations, the earliest first, [{id, observed_at, label, score, box,
 * snapshot_id, source}] and observations_total; SH_ENOTFOUND when it is not visible to the actor. */
int sh_alert_get(sh_db *db, const sh_principal *actor, int64_t id, const sh_page *obs_page, json_t **ret, sh_err *err);

/* Review by an admin, county or township official of the jurisdiction, of an 'open' alert only
 * (SH_EEXIST naming its status otherwise). decision "confirm": in one transaction the alert is
 * confirmed, a rectification order (source video_alert) opened with the violation's requirement
 * and the rule's deadline in working days, a hazard.created push added to the outbox and the
 * business's risk regraded. "false_positive": recorded with the note. Audited. *ret_order: the
 * order opened (0 for a false positive); may be NULL. */
int sh_alert_review(sh_db *db, const sh_principal *actor, int64_t id, const char *decision, const char *note,
                    int64_t *ret_order, sh_err *err);

/* Review accuracy of alerts reviewed between from and to (YYYY-MM-DD, Beijing; NULL: open-ended),
 * within the jurisdiction, so that rules can be tuned: {by_violation:[{violation, label, reviewed,
 * confirmed, false_positive, false_positive_rate}], by_camera:[{camera_id, camera_name, entity_id,
 * entity_name, ...same counts}], totals:{...}}. */
int sh_alert_accuracy(sh_db *db, const sh_principal *actor, const char *from, const char *to, json_t **ret, sh_err *err);

/* Figures of hazards found and handled, for alerts first seen between from and to (YYYY-MM-DD,
 * Beijing; NULL: open-ended), grouped by violation, entity, township or month, within the
 * jurisdiction: {group, from, to, items:[{key, label, found, confirmed, false_positive, awaiting,
 * rectified, rectified_on_time, overdue}], totals}. found: alerts that reached review (not pending);
 * awaiting: still open; rectified: the order verified; on time: verified on or before its deadline
 * (Beijing date); overdue: not verified and past its deadline on `today`. */
int sh_video_stats(sh_db *db, const sh_principal *actor, const char *from, const char *to, const char *group,
                   const char *today, json_t **ret, sh_err *err);

/* Epoch ms of 00:00 Beijing time on date (YYYY-MM-DD); SH_EINVAL naming field when not a real date. */
int sh_local_day_ms(const char *date, const char *field, int64_t *ret, sh_err *err);

#endif
