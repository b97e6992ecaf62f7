/* Risk grading A-D of a business from static factors (kind, categories, scale; out of 40) and
 * dynamic ones that the areas contribute through risk/factor.h (inspection findings, overdue
 * rectification, confirmed video hazards ... in the last two years; out of 60),
 * with configurable scores and bands (tables risk_static_rules and settings). A grade keeps its
 * reasons; a change of grade is kept in the history with its cause. */
#ifndef SH_RISK_H
#define SH_RISK_H

#include <jansson.h>
#include <stdint.h>

#include "domain/base/principal.h"

/* Recomputes one business's grade inside the caller's transaction; stores it (and a history row
 * when the grade or score changed). ret_grade may be NULL. */
int sh_risk_regrade(sh_db *db, int64_t entity_id, const char *cause, char ret_grade[2], sh_err *err);
/* Regrades every business in the actor's jurisdiction (county and admin); *ret_count graded.
 * In batches of SH_RISK_BATCH businesses, one write transaction each, so that a large county never
 * holds the write lock for longer than a batch takes (ingestion and requests write in between). */
int sh_risk_regrade_all(sh_db *db, const sh_principal *actor, long *ret_count, sh_err *err);

#define SH_RISK_BATCH 500
/* After each committed batch: businesses seen so far (graded or skipped as closed) of total. */
typedef void (*sh_risk_progress_fn)(long done, long total, void *ctx);
/* sh_risk_regrade_all with the batch size (1-500) and a progress callback (may be NULL). A
 * failure rolls back the current batch only; the batches before it stay graded. */
int sh_risk_regrade_batched(sh_db *db, const sh_principal *actor, int batch, sh_risk_progress_fn progress, void *ctx,
                            long *ret_count, sh_err *err);
/* {grade, score, static_score, dynamic_score, reasons, graded_at, visits_per_year, history:[...]} */
int sh_risk_get(sh_db *db, const sh_principal *actor, int64_t entity_id, json_t **ret, sh_err *err);
/* Count of businesses per grade and township in the jurisdiction. */
int sh_risk_summary(sh_db *db, const sh_principal *actor, json_t **ret, sh_err *err);

#endif
