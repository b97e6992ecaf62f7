/* Error codes and the error record every fallible function fills.
 * Convention: functions return 0 on success or a negative SH_E* code, and on failure
 * fill *err (when not NULL) with the offending field and a message a person can act on. */
#ifndef SH_ERR_H
#define SH_ERR_H

enum {
    SH_OK = 0,
    SH_EINVAL = -1,    /* invalid_argument: bad input, names the field */
    SH_ENOTFOUND = -2, /* not_found (also used when the caller may not know it exists) */
    SH_EPERM = -3,     /* permission_denied */
    SH_EEXIST = -4,    /* conflict: duplicate or stale version */
    SH_EAUTH = -5,     /* unauthenticated */
    SH_EINTERNAL = -6, /* storage or system failure */
    SH_ETOOBIG = -7,   /* payload_too_large */
    SH_ELIMIT = -8,    /* too_many_requests: a rate limit, try again later */
};

typedef struct sh_err {
    int code;
    char field[160]; /* a JSON path can be deep: epcisBody.eventList[0].sensorElementList[0].sensorReport[0].value */
    char message[320];
} sh_err;

/* Fills err (if not NULL) and returns code, so callers can `return sh_fail(...)`. */
int sh_fail(sh_err *err, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Stable machine name of a code, as the API shows it: "invalid_argument", ... */
const char *sh_err_name(int code);

/* HTTP status matching a code. */
int sh_err_http_status(int code);

#endif
