/* The analyser's outgoing observations: a bounded first-in first-out queue between the camera
 * workers (producers) and the sender (one consumer). When it is full the oldest item is dropped and
 * counted, so a server that is down costs bounded memory and the newest pictures survive. Thread-safe. */
#ifndef SH_VISION_QUEUE_H
#define SH_VISION_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* One observation to post: the JSON part (text) and the JPEG snapshot, both owned by the item; or,
 * with json NULL, the camera's latest picture. */
typedef struct sh_obs_item {
    int64_t camera_id;
    char *json;
    unsigned char *jpeg;
    size_t jpeg_len;
    int attempts;
} sh_obs_item;

void sh_obs_item_free(sh_obs_item *it);

typedef struct sh_obs_queue sh_obs_queue;

typedef struct sh_obs_queue_stats {
    int64_t queued, dropped; /* items ever accepted; items dropped (oldest) because the queue was full */
    int length, capacity;
} sh_obs_queue_stats;

int sh_obs_queue_new(int capacity, sh_obs_queue **ret, sh_err *err);
/* Frees the items still queued. */
void sh_obs_queue_free(sh_obs_queue *q);
/* Takes ownership of it; when the queue is full, the oldest item is freed (and counted). */
void sh_obs_queue_push(sh_obs_queue *q, sh_obs_item *it);
/* The oldest item, left at the head (the sender removes it with sh_obs_queue_pop once it is through);
 * waits up to timeout_ms for one; NULL when none came or the queue is closed and empty. */
sh_obs_item *sh_obs_queue_peek(sh_obs_queue *q, int timeout_ms);
/* Removes and frees the head if it is still it (a full queue may have dropped it meanwhile). */
void sh_obs_queue_pop(sh_obs_queue *q, sh_obs_item *it);
/* Wakes waiting consumers; later peeks do not wait. */
void sh_obs_queue_close(sh_obs_queue *q);
void sh_obs_queue_stats_get(sh_obs_queue *q, sh_obs_queue_stats *ret);

#endif
