/* The demo county's history of AI video alerts and hazards (demo_video.c), called by sh_demo_generate. */
#ifndef SH_DEMO_VIDEO_H
#define SH_DEMO_VIDEO_H

#include <stdint.h>

#include "core/err.h"
#include "demo/demo_pictures.h"
#include "store/store.h"

typedef struct sh_demo_video_summary {
    long cameras, observations, snapshots, alerts, confirmed, false_positive, open, pending, orders;
} sh_demo_video_summary;

/* Gives about 8 % of the demo's enabled cameras that have been heard from the last 90 days (Beijing
 * days before today) of what an AI box saw: observations (source ai_box, keys "demo-<n>", posted by
 * the county's user) merged into alerts as the rules do (cooldown, minimum duration, schedule, zones,
 * the camera's rules); with photos (demo_pictures.h), the observations of a person or a dog carry a
 * snapshot: a photo showing one, with the detector's box, which their alert and its order show; the alerts reviewed by the business's township official
 * (about 70 % confirmed, 15 % false positives, 10 % still open from the last days, 5 % pending), each
 * confirmed one with its hazard: a rectification order (deadline in working days from the review, the
 * calendar's), verified on time or late, open past its deadline and escalated, or awaiting review,
 * its 'create' audit row and its pushes in the outbox, already delivered. Inside the caller's
 * transaction; the same seed on the same day gives the same rows (times count back from today).
 * out (may be NULL) gets the counts. */
int sh_demo_video(sh_db *db, uint64_t seed, const sh_demo_photos *photos, sh_demo_video_summary *out, sh_err *err);

#endif
