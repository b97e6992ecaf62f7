#include "vision/queue.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

struct sh_obs_queue {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    sh_obs_item **items; /* ring */
    int cap, head, len, closed;
    int head_busy;       /* the consumer holds the head: a full queue drops the next one instead */
    int64_t queued, dropped;
};

void sh_obs_item_free(sh_obs_item *it)
{
    if (!it)
        return;
    free(it->json);
    free(it->jpeg);
    free(it);
}

int sh_obs_queue_new(int capacity, sh_obs_queue **ret, sh_err *err)
{
    if (capacity < 2 || capacity > 100000) /* 2: one in flight at the head, one more that may be dropped */
        return sh_fail(err, SH_EINVAL, "queue", "the queue holds 2..100000 observations");
    sh_obs_queue *q = calloc(1, sizeof *q);
    if (!q || !(q->items = calloc((size_t)capacity, sizeof *q->items))) {
        free(q);
        return sh_fail(err, SH_EINTERNAL, "", "out of memory");
    }
    q->cap = capacity;
    pthread_mutex_init(&q->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&q->cv, &ca);
    pthread_condattr_destroy(&ca);
    *ret = q;
    return 0;
}

void sh_obs_queue_free(sh_obs_queue *q)
{
    if (!q)
        return;
    for (int i = 0; i < q->len; i++)
        sh_obs_item_free(q->items[(q->head + i) % q->cap]);
    free(q->items);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->cv);
    free(q);
}

void sh_obs_queue_push(sh_obs_queue *q, sh_obs_item *it)
{
    pthread_mutex_lock(&q->mu);
    if (q->len == q->cap) {
        /* drop the oldest that the sender is not busy with */
        int at = q->head_busy ? 1 : 0;
        int idx = (q->head + at) % q->cap;
        sh_obs_item_free(q->items[idx]);
        if (at == 0) {
            q->head = (q->head + 1) % q->cap;
            q->head_busy = 0;
        } else { /* close the gap after the busy head */
            for (int i = at; i < q->len - 1; i++)
                q->items[(q->head + i) % q->cap] = q->items[(q->head + i + 1) % q->cap];
        }
        q->len--;
        q->dropped++;
    }
    q->items[(q->head + q->len) % q->cap] = it;
    q->len++;
    q->queued++;
    pthread_cond_signal(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

sh_obs_item *sh_obs_queue_peek(sh_obs_queue *q, int timeout_ms)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L)
        until.tv_sec++, until.tv_nsec -= 1000000000L;
    pthread_mutex_lock(&q->mu);
    while (q->len == 0 && !q->closed && timeout_ms > 0)
        if (pthread_cond_timedwait(&q->cv, &q->mu, &until) == ETIMEDOUT)
            break;
    sh_obs_item *it = q->len ? q->items[q->head] : NULL;
    q->head_busy = it != NULL;
    pthread_mutex_unlock(&q->mu);
    return it;
}

void sh_obs_queue_pop(sh_obs_queue *q, sh_obs_item *it)
{
    pthread_mutex_lock(&q->mu);
    if (q->len && q->items[q->head] == it) {
        q->head = (q->head + 1) % q->cap;
        q->len--;
        sh_obs_item_free(it);
    }
    q->head_busy = 0;
    pthread_mutex_unlock(&q->mu);
}

void sh_obs_queue_close(sh_obs_queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->closed = 1;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

void sh_obs_queue_stats_get(sh_obs_queue *q, sh_obs_queue_stats *ret)
{
    pthread_mutex_lock(&q->mu);
    *ret = (sh_obs_queue_stats){.queued = q->queued, .dropped = q->dropped, .length = q->len, .capacity = q->cap};
    pthread_mutex_unlock(&q->mu);
}
