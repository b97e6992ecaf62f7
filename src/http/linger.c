/* One thread drains the sockets of refused requests: see linger.h. */
#include "http/linger.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "core/timeutil.h"

#define LINGER_MAX 128                  /* sockets drained at once; beyond, closed at once */
#define LINGER_TURN 16                  /* reads of one socket per turn, so that none starves */
#define LINGER_QUIET_NS (5000000000LL)  /* the client sent nothing for this long */
#define LINGER_TOTAL_NS (30000000000LL) /* nobody is drained longer than this */

struct slot {
    int fd;             /* -1: free */
    int64_t since_ns, last_ns;
};

/* The slots belong to the drain thread; add() only queues into `pending`, under the lock, so a
 * worker never waits for a drain. */
static struct {
    pthread_mutex_t mu;
    pthread_t thread;
    int epfd, running, stop;
    int pending[LINGER_MAX], npending, used; /* used: slots taken plus pending */
    struct slot slots[LINGER_MAX];
} L = {.mu = PTHREAD_MUTEX_INITIALIZER, .epfd = -1};

static void drop(struct slot *s)
{
    epoll_ctl(L.epfd, EPOLL_CTL_DEL, s->fd, NULL);
    close(s->fd);
    s->fd = -1;
    pthread_mutex_lock(&L.mu);
    L.used--;
    pthread_mutex_unlock(&L.mu);
}

/* Reads and discards what is there (a turn's worth); 0 when the client closed or the socket failed. */
static int drain(int fd)
{
    static char sink[64 * 1024]; /* only this thread reads into it, and nobody reads it */
    for (int i = 0; i < LINGER_TURN; i++) {
        ssize_t n = read(fd, sink, sizeof sink);
        if (n <= 0)
            return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
    }
    return 1;
}

/* Moves the queued sockets into free slots (drain thread). */
static void take_pending(int64_t now)
{
    pthread_mutex_lock(&L.mu);
    for (int i = 0, k = 0; i < L.npending; i++) {
        while (k < LINGER_MAX && L.slots[k].fd >= 0)
            k++;
        int fd = L.pending[i];
        struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.u32 = (uint32_t)k};
        if (k == LINGER_MAX || epoll_ctl(L.epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
            close(fd);
            L.used--;
            continue;
        }
        L.slots[k] = (struct slot){.fd = fd, .since_ns = now, .last_ns = now};
    }
    L.npending = 0;
    pthread_mutex_unlock(&L.mu);
}

static void *run(void *arg)
{
    (void)arg;
    struct epoll_event ev[32];
    for (;;) {
        int n = epoll_wait(L.epfd, ev, 32, 100);
        int64_t now = sh_mono_ns();
        pthread_mutex_lock(&L.mu);
        int stop = L.stop;
        pthread_mutex_unlock(&L.mu);
        if (stop)
            break;
        for (int i = 0; i < n; i++) {
            struct slot *s = &L.slots[ev[i].data.u32];
            if (s->fd < 0)
                continue;
            if (drain(s->fd))
                s->last_ns = now;
            else
                drop(s);
        }
        for (int i = 0; i < LINGER_MAX; i++) {
            struct slot *s = &L.slots[i];
            if (s->fd >= 0 && (now - s->last_ns > LINGER_QUIET_NS || now - s->since_ns > LINGER_TOTAL_NS))
                drop(s);
        }
        take_pending(now);
    }
    return NULL;
}

int sh_linger_start(void)
{
    pthread_mutex_lock(&L.mu);
    int rc = 0;
    if (!L.running) {
        for (int i = 0; i < LINGER_MAX; i++)
            L.slots[i].fd = -1;
        L.stop = 0;
        L.npending = L.used = 0;
        L.epfd = epoll_create1(EPOLL_CLOEXEC);
        if (L.epfd < 0 || pthread_create(&L.thread, NULL, run, NULL) != 0) {
            if (L.epfd >= 0)
                close(L.epfd);
            L.epfd = -1;
            rc = -1;
        } else {
            L.running = 1;
        }
    }
    pthread_mutex_unlock(&L.mu);
    return rc;
}

void sh_linger_add(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    pthread_mutex_lock(&L.mu);
    int ok = L.running && !L.stop && L.used < LINGER_MAX && fl >= 0 && fcntl(fd, F_SETFL, fl | O_NONBLOCK) == 0;
    if (ok) {
        L.pending[L.npending++] = fd;
        L.used++;
    }
    pthread_mutex_unlock(&L.mu);
    if (!ok)
        close(fd);
}

void sh_linger_stop(void)
{
    pthread_mutex_lock(&L.mu);
    if (!L.running) {
        pthread_mutex_unlock(&L.mu);
        return;
    }
    L.stop = 1;
    pthread_mutex_unlock(&L.mu);
    pthread_join(L.thread, NULL);
    for (int i = 0; i < LINGER_MAX; i++)
        if (L.slots[i].fd >= 0)
            drop(&L.slots[i]);
    pthread_mutex_lock(&L.mu);
    for (int i = 0; i < L.npending; i++)
        close(L.pending[i]);
    L.npending = L.used = 0;
    close(L.epfd);
    L.epfd = -1;
    L.running = 0;
    pthread_mutex_unlock(&L.mu);
}
