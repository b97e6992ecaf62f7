/* A sample from the draw to the verdict (db/042; SAMR Order 15; DOMAIN.md "Sampling and testing"):
 *   assigned (a task: drawn, or created by an official)
 *   → sampled (the 抽样单: product, quantities, seal, both signatures, at least 2 samplers) | refused
 *   → delivered to a lab (due 5 wd after sampling) → received by the lab (report due 20 wd after)
 *   → reported (results per analyte judged against the limits; a fail sets the notice due 2 wd after).
 * What follows a failure (notice, re-test, objections, disposal, follow-up) is failure.h. Every
 * sample is scoped by its business's jurisdiction; a sampler sees those it is assigned to. */
#ifndef SH_SAMPLING_SAMPLE_H
#define SH_SAMPLING_SAMPLE_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"
#include "store/store.h"

/* Deadlines of Order 15 (working days unless named). */
#define SH_SAMPLE_DELIVERY_WD 5     /* sampling → the lab */
#define SH_SAMPLE_REPORT_WD 20      /* receipt → the report */
#define SH_SAMPLE_NOTICE_WD 2       /* a failure reported → the business told */
#define SH_SAMPLE_RETEST_WD 7       /* the result received → a re-test requested (Food Safety Law Art 88) */
#define SH_SAMPLE_RETEST_REPORT_WD 10
#define SH_SAMPLE_OBJECTION_WD 7    /* sampling / the notice → an objection */
#define SH_SAMPLE_FOLLOWUP_DAYS 90  /* calendar days: the final failure → its follow-up done */

/* A task to sample: a business, what to sample and test, the samplers (user ids, at least 2). */
typedef struct sh_sample_task {
    int64_t entity_id;
    int64_t plan_id, plan_item_id, draw_id; /* 0: none */
    const char *kind;                       /* supervision, evaluation, monitoring */
    const char *method;                     /* lab (default when NULL), rapid */
    const char *food_category;
    json_t *analytes;                       /* array of analyte codes (borrowed) */
    const int64_t *samplers;
    int nsamplers;
} sh_sample_task;

/* Creates the task inside the caller's transaction (the caller checked its right to create it and
 * that the business lies in its jurisdiction): validates kind, method, category, analytes and the
 * samplers (active samplers or inspectors whose jurisdiction nests with the business's); a code
 * CY<year><6-digit county><5-digit sequence> is given. */
int sh_sample_assign_in_tx(sh_db *db, const sh_principal *actor, const sh_sample_task *t, int64_t *ret_id, sh_err *err);

/* POST /samples by an official: body {entity_id, kind, method?, food_category, analytes:[..], samplers:[ids]}. */
int sh_sample_create(sh_db *db, const sh_principal *actor, json_t *body, int64_t *ret_id, sh_err *err);

/* The whole sample: its fields, samplers, results by round, re-test, objections, disposals,
 * follow-ups, photos, and the deadlines with whether each is overdue on today. */
int sh_sample_get(sh_db *db, const sh_principal *actor, int64_t id, json_t **ret, sh_err *err);

/* A page of samples in the actor's jurisdiction (a sampler: its own; a business: its own, from
 * sampled on): filters status, verdict, entity_id, plan_id, mine (assigned to the actor), q (code
 * or product), overdue (some deadline passed on today). {items, total}. */
typedef struct sh_sample_filter {
    const char *status, *verdict, *q;
    int64_t entity_id, plan_id;
    int mine, overdue;
    int limit;
    int64_t offset;
} sh_sample_filter;
int sh_samples_list(sh_db *db, const sh_principal *actor, const sh_sample_filter *f, json_t **ret, sh_err *err);

/* The sampler records what was taken (assigned → sampled): body {product_name, brand?, spec?,
 * batch_no?, production_date?, shelf_life_days?, quantity?, unit_price?, declared_standard?,
 * producer_name?, producer_address?, producer_division?, sample_qty, backup_qty, seal_no,
 * business_signer, samplers?:[ids, at least 2, the actor among them]}; or {refused: true,
 * refusal_note} (assigned → refused). Sets delivery_due. */
int sh_sample_record(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err);

/* Custody: delivered to lab_id on a date (sampled → delivered); the lab received it on a date
 * (delivered → received; report_due set). Dates YYYY-MM-DD, not in the future. */
int sh_sample_deliver(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err);
int sh_sample_receive(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, sh_err *err);

/* The lab's results (received → reported): body {reported_on?, results:[{analyte, value, unit} |
 * {analyte, detected:false} | {analyte, values, unit}]}, one per analyte of the sample, judged by
 * sh_sampling_judge (the product's declared standard where stricter). A fail: notice_due, and the
 * follow-up hooks run (risk regrade, strict supervision). Round 2 (the re-test lab's) is failure.h. */
int sh_sample_report(sh_db *db, const sh_principal *actor, int64_t id, json_t *body, json_t **ret, sh_err *err);

/* Who may work on samples: county, township, sampler (and admin). */
int sh_sample_may_work(const sh_principal *actor);
/* Loads the sample's status, business and kind inside the actor's jurisdiction; SH_ENOTFOUND
 * otherwise (a sampler: only its own). Any of the out-pointers may be NULL. */
int sh_sample_load(sh_db *db, const sh_principal *actor, int64_t id, char status[16], int64_t *ret_entity,
                   char kind[16], sh_err *err);

#endif
