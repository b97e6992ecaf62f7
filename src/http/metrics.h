/* Request figures for /metrics (Prometheus text exposition 0.0.4): requests by route pattern, method
 * and status, and a latency histogram per route pattern and method. Series are keyed by the route's
 * pattern, never the raw URL, so their number is bounded by the route tables. Thread-safe. */
#ifndef SH_HTTP_METRICS_H
#define SH_HTTP_METRICS_H

#include <stdint.h>

#include "core/buf.h"

/* Counts one answered request. pattern: a route's pattern, "static" or "unmatched" (a string that
 * lives as long as the process); method as sent (an unusual one counts as OTHER); ns: its duration. */
void sh_metrics_request(const char *pattern, const char *method, int status, int64_t ns);

/* Appends the request counters and histograms in the text exposition format. */
void sh_metrics_render_requests(sh_buf *out);

/* Appends `value` as a label value between quotes, escaped as the format asks (\\, \", \n). */
void sh_metrics_label(sh_buf *out, const char *value);

/* Forgets every count (unit tests). */
void sh_metrics_reset(void);

#endif
