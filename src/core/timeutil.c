#include "core/timeutil.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Added to the system clock: 0 unless pinned. Set once at start-up, read by every thread. */
static _Atomic int64_t clock_offset_ms;
static _Atomic int clock_is_pinned;

static int64_t system_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t sh_now_ms(void)
{
    return system_ms() + atomic_load(&clock_offset_ms);
}

void sh_clock_pin(int64_t ms)
{
    atomic_store(&clock_offset_ms, ms - system_ms());
    atomic_store(&clock_is_pinned, 1);
}

int sh_clock_pin_text(const char *text)
{
    if (!text || !*text)
        return 0;
    int64_t ms;
    size_t n = strlen(text);
    if (strspn(text, "0123456789") == n && n <= 15) {
        ms = strtoll(text, NULL, 10);
    } else if (sh_parse_time(text, &ms) != 0) {
        return -1;
    }
    sh_clock_pin(ms);
    return 0;
}

int sh_clock_pinned(void)
{
    return atomic_load(&clock_is_pinned);
}

int64_t sh_file_clock_ms(void)
{
    return system_ms();
}

int64_t sh_mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void sh_time_format_local(int64_t ms, char *out, size_t outlen)
{
    time_t t = (time_t)(ms / 1000) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, outlen, "%Y-%m-%d %H:%M:%S", &tm);
}
