/* The step machinery of a case shared by the files that take steps (steps.c: the procedure;
 * credit_steps.c: publication, repair, the serious-dishonesty list; measure_steps.c: preservation and
 * seizure). A step checks its input, adds its
 * ", col = value" pairs to c->set and names its log entry; steps.c applies it from the status the case
 * was loaded in. */
#ifndef SH_ENFORCEMENT_STEPS_INT_H
#define SH_ENFORCEMENT_STEPS_INT_H

#include <jansson.h>

#include "domain/enforcement/case_int.h"
#include "store/qb.h"

typedef struct step_ctx {
    sh_db *db;
    const sh_principal *actor;
    const cs_row *r;
    json_t *body;
    char today[11];
    sh_qb set;        /* the UPDATE, each step adding its ", col = value" */
    const char *to;   /* the status it moves to (NULL: stays) */
    const char *step, *note, *log_due;
    char buf[11], buf2[11], number[64];
} step_ctx;

void cs_set_text(step_ctx *c, const char *col, const char *v); /* NULL sets NULL */
void cs_set_int(step_ctx *c, const char *col, int64_t v);
int cs_wrong_status(const step_ctx *c, sh_err *err);
int cs_is(const step_ctx *c, const char *status);
/* SH_EPERM unless the actor is the county (or admin): what needs the bureau's head. */
int cs_county_only(const step_ctx *c, const char *what, sh_err *err);
/* The body's note into c->note (2-2000 characters when required). */
int cs_note(step_ctx *c, int required, sh_err *err);
/* A date of the body (default today), not in the future, not before `after`. */
int cs_date_of(step_ctx *c, const char *field, const char *label, const char *after, char out[11], sh_err *err);

/* credit_steps.c */
int cs_do_publish(step_ctx *c, sh_err *err);
int cs_do_overturn(step_ctx *c, sh_err *err);
int cs_do_withdraw(step_ctx *c, sh_err *err);
int cs_do_repair_apply(step_ctx *c, sh_err *err);
int cs_do_repair_decide(step_ctx *c, sh_err *err);
int cs_do_list_notify(step_ctx *c, sh_err *err);
int cs_do_list_decide(step_ctx *c, sh_err *err);
int cs_do_list_remove(step_ctx *c, sh_err *err);

/* hearing_steps.c */
int cs_do_hearing_request(step_ctx *c, sh_err *err);
int cs_do_hearing_schedule(step_ctx *c, sh_err *err);
int cs_do_hearing_held(step_ctx *c, sh_err *err);

/* measure_steps.c */
int cs_do_preserve(step_ctx *c, sh_err *err);
int cs_do_preserve_decide(step_ctx *c, sh_err *err);
int cs_do_seize(step_ctx *c, sh_err *err);
int cs_do_seize_extend(step_ctx *c, sh_err *err);
int cs_do_seize_end(step_ctx *c, sh_err *err);

#endif
