/* Line-oriented logging to stderr with UTC timestamps. Thread-safe (one write per line). */
#ifndef SH_LOG_H
#define SH_LOG_H

enum sh_log_level { SH_LOG_DEBUG, SH_LOG_INFO, SH_LOG_WARN, SH_LOG_ERROR };

void sh_log_set_level(enum sh_log_level level);
int sh_log_parse_level(const char *s, enum sh_log_level *out);
void sh_log(enum sh_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define sh_info(...) sh_log(SH_LOG_INFO, __VA_ARGS__)
#define sh_warn(...) sh_log(SH_LOG_WARN, __VA_ARGS__)
#define sh_error(...) sh_log(SH_LOG_ERROR, __VA_ARGS__)
#define sh_debug(...) sh_log(SH_LOG_DEBUG, __VA_ARGS__)

#endif
