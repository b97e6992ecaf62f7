/* Time: stored as UTC epoch milliseconds, shown in Asia/Shanghai (UTC+8, no DST since 1991).
 *
 * The clock seam: every reading of "now" goes through sh_now_ms(). The clock can be pinned (setting
 * `now`, i.e. SHIAN_NOW or --now): it then starts at the pinned instant and runs on from there, so
 * tests and demos see the same dates on any day they run. */
#ifndef SH_TIMEUTIL_H
#define SH_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "core/civil.h"

/* Now, in epoch milliseconds, on the platform's clock (pinned or the system's). */
int64_t sh_now_ms(void);
/* Pins the clock: from this call on, sh_now_ms() starts at ms and runs with the system clock. */
void sh_clock_pin(int64_t ms);
/* Pins the clock from text: ISO 8601 (e.g. 2026-12-31T15:00:00+08:00; no offset is Beijing time) or
 * epoch milliseconds. Empty text leaves the system clock. 0, or -1 when the text is neither. */
int sh_clock_pin_text(const char *text);
/* Whether the clock is pinned. */
int sh_clock_pinned(void);
/* The system's own clock in epoch milliseconds, never pinned: only for comparing with times the file
 * system stamps (a file's mtime), which a pinned clock cannot move. */
int64_t sh_file_clock_ms(void);
/* Monotonic clock in nanoseconds, for measuring durations. */
int64_t sh_mono_ns(void);
/* Formats ms as "2026-11-22 08:00:00" in Beijing time. */
void sh_time_format_local(int64_t ms, char *out, size_t outlen);

#endif
