/* The facts of a sample the failure steps decide on (failure.c, failure_after.c); not an interface. */
#ifndef SH_SAMPLING_FAILURE_INT_H
#define SH_SAMPLING_FAILURE_INT_H

#include <stdint.h>

#include "store/store.h"

typedef struct sh_sample_facts_t {
    char status[16], kind[16], method[8], verdict[8], final_verdict[8];
    char sampled_on[11], reported_on[11], notice_sent_on[11], notice_received_on[11], retest_due[11], backup_keep_until[11];
    char product_name[128];
    int64_t lab_id, entity_id, reported_at;
} sh_sample_facts_t;

/* Reads them (the caller has checked the actor sees the sample). */
int sh_sample_facts(sh_db *db, int64_t id, sh_sample_facts_t *f, sh_err *err);
/* SH_EINVAL unless the first verdict was a fail. */
int sh_sample_require_fail(const sh_sample_facts_t *f, sh_err *err);

#endif
