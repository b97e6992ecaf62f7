/* Time: stored as UTC epoch milliseconds, shown in Asia/Shanghai (UTC+8, no DST since 1991). */
#ifndef SH_TIMEUTIL_H
#define SH_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

int64_t sh_now_ms(void);
/* Monotonic clock in nanoseconds, for measuring durations. */
int64_t sh_mono_ns(void);
/* Formats ms as "2026-11-22 08:00:00" in Beijing time. */
void sh_time_format_local(int64_t ms, char *out, size_t outlen);
/* Checks "YYYY-MM-DD" is a real calendar date; fills y/m/d when not NULL. */
int sh_date_valid(const char *s, int *y, int *m, int *d);

#endif
