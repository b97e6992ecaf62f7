#include "domain/sampling/events.h"

#include <stddef.h>

#define MAX_LISTENERS 4

static sh_sample_verdict_fn listeners[MAX_LISTENERS];
static size_t n_listeners;

int sh_sample_on_verdict_register(sh_sample_verdict_fn fn)
{
    if (n_listeners >= MAX_LISTENERS)
        return -1;
    listeners[n_listeners++] = fn;
    return 0;
}

int sh_sample_verdict_notify(sh_db *db, int64_t entity_id, sh_err *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n_listeners; i++)
        rc = listeners[i](db, entity_id, err);
    return rc;
}
